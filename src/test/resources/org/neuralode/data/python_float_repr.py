# Generates python_float_repr.txt: "<IEEE-754 bits as 16 hex digits> <json.dumps(x)>" per line.
# Run: python3 python_float_repr.py > python_float_repr.txt   (CPython 3.11, any version with short repr)
import json, random, struct
random.seed(20240601)
xs = [1e-8, 1e-3, 100.0, 93.4, 1e16, 1e15, 1234567890123456.0, 12345678901234567.0, 1e-5, 1e-4,
      0.0001234, 0.1, 1/3, 2/3, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.5, 1.0,
      -0.0, 0.0, -2.5, 9007199254740993.0, 123.456, 1e22, 1e23, 4.35679, 0.3, 1.1, 2.0**-1074 * 3,
      float('inf'), float('-inf'), 299.63, 1e-7, 5e-5, 1e100, 9.999999999999999e15]
for _ in range(300):
    xs.append(struct.unpack('<d', struct.pack('<Q', random.getrandbits(64)))[0])
for _ in range(300):
    xs.append(random.uniform(-1, 1) * 10.0 ** random.randint(-30, 30))
for _ in range(100):
    xs.append(round(random.uniform(0, 1000), random.randint(0, 6)))
for x in xs:
    if x != x:
        continue
    print(struct.pack('>d', x).hex(), json.dumps(x))
