package org.neuralode.data;

import java.math.BigDecimal;

/**
 * Formats a {@code double} exactly as Python's {@code repr(float)} (and therefore {@code json.dumps}) does,
 * so files written here are byte-identical to the ones Catalax writes.
 *
 * <p>Python prints the <em>shortest</em> decimal string that parses back to the same double, choosing the
 * one nearest to the exact binary value when several of that length round-trip (David Gay's {@code dtoa}
 * mode 0, ties to an even last digit). Java 17's {@link Double#toString(double)} is not always shortest
 * (JDK-4511638, fixed in JDK 19), so this class searches the digit count directly: from the exact decimal
 * expansion of the double it forms, for {@code p} significant digits, the two {@code p}-digit neighbours
 * (truncated and incremented). Some {@code p}-digit decimal round-trips exactly when one of these does, and
 * that property is monotone in {@code p}, so a binary search over {@code p = 1..17} finds the shortest.
 *
 * <p>Rendering follows CPython's {@code float_repr_style = 'short'}: scientific notation when the decimal
 * exponent is below -4 or at least 16 ({@code 1e-05}, {@code 1.5e+16}, two-digit minimum exponent),
 * otherwise positional with at least one fractional digit ({@code 100.0}, {@code 0.0001}, {@code -0.0}).
 *
 * <p>Stateless and thread-safe.
 */
public final class PythonFloatFormat {

    /** 17 significant digits always round-trip a double. */
    private static final int MAX_DIGITS = 17;

    private PythonFloatFormat() {
    }

    /**
     * Python's {@code repr(v)} for a finite {@code v}.
     *
     * @param v a finite double
     * @return e.g. {@code "299.6349182128906"}, {@code "0.0"}, {@code "1e-05"}
     * @throws IllegalArgumentException if {@code v} is NaN or infinite (callers omit or reject those)
     */
    public static String repr(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        if (v == 0.0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0.0" : "0.0";
        }
        double a = Math.abs(v);
        BigDecimal exact = new BigDecimal(a);
        String all = exact.unscaledValue().toString();
        int exponent = all.length() - 1 - exact.scale(); // decimal exponent of the leading digit
        String digits = stripZeros(all);
        int lo = 1;
        int hi = Math.min(MAX_DIGITS, digits.length());
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pick(digits, exponent, mid, a) != null) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        String chosen = pick(digits, exponent, lo, a);
        // an incremented neighbour may carry into one more digit ("99" -> "100"): the exponent grows
        String body = render(stripZeros(chosen), exponent + chosen.length() - lo);
        return v < 0 ? "-" + body : body;
    }

    /**
     * The {@code p}-digit decimal (as digits, scaled like {@code digits}) that round-trips to {@code a},
     * the nearer one if both neighbours do, or null if neither does.
     */
    private static String pick(String digits, int exponent, int p, double a) {
        if (p >= digits.length()) {
            return digits;
        }
        String down = digits.substring(0, p);
        String up = increment(down);
        boolean downOk = roundTrips(down, exponent - p + 1, a);
        boolean upOk = roundTrips(up, exponent - p + 1, a);
        if (downOk && upOk) {
            return upIsNearer(digits, p) ? up : down;
        }
        return downOk ? down : upOk ? up : null;
    }

    /** Whether the remainder after {@code p} digits is above one half (or exactly half with an odd digit). */
    private static boolean upIsNearer(String digits, int p) {
        char next = digits.charAt(p);
        if (next != '5') {
            return next > '5';
        }
        boolean exactlyHalf = p + 1 == digits.length(); // digits carry no trailing zeros
        return !exactlyHalf || (digits.charAt(p - 1) - '0') % 2 == 1;
    }

    private static boolean roundTrips(String intDigits, int scale10, double a) {
        return Double.parseDouble(intDigits + "E" + scale10) == a;
    }

    private static String increment(String digits) {
        char[] c = digits.toCharArray();
        for (int i = c.length - 1; i >= 0; i--) {
            if (c[i] != '9') {
                c[i]++;
                return new String(c);
            }
            c[i] = '0';
        }
        return "1" + new String(c);
    }

    private static String stripZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    private static String render(String digits, int exponent) {
        return (exponent < -4 || exponent >= 16) ? scientific(digits, exponent) : positional(digits, exponent);
    }

    private static String scientific(String digits, int exponent) {
        StringBuilder sb = new StringBuilder(digits.length() + 6);
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            sb.append('0');
        }
        return sb.append(abs).toString();
    }

    private static String positional(String digits, int exponent) {
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (exponent < 0) {
            sb.append("0.");
            sb.append("0".repeat(-exponent - 1));
            return sb.append(digits).toString();
        }
        int intDigits = exponent + 1;
        if (digits.length() <= intDigits) {
            sb.append(digits).append("0".repeat(intDigits - digits.length())).append(".0");
        } else {
            sb.append(digits, 0, intDigits).append('.').append(digits, intDigits, digits.length());
        }
        return sb.toString();
    }
}
