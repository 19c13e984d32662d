#!/usr/bin/env bash
# Submits a neuralode command (usually `cv`) to a Spark cluster with the cluster jar
# (target/neuralode-spark-<version>-cluster.jar: the application and its dependencies; Spark, Scala and
# Hadoop come from the cluster). Options before `--` go to spark-submit, the rest to neuralode.
#
#   submit/spark-submit.sh [spark-submit options ...] -- <neuralode command> [options ...]
#
# What this script adds (each can be overridden by a later --conf, or by the environment below):
#   --class org.neuralode.cli.Main
#   spark.executorEnv.OMP_NUM_THREADS=1     one numerics thread per task; parallelism comes from Spark tasks
#   spark.{executor,driver}.extraJavaOptions with JavaCPP's native-memory caps (ND4J allocates through
#     JavaCPP; without caps it may grow to several times -Xmx and get YARN/Kubernetes containers killed):
#     -Dorg.bytedeco.javacpp.maxbytes=$NEURALODE_JAVACPP_MAXBYTES (default 1g, off-heap buffers)
#     -Dorg.bytedeco.javacpp.maxphysicalbytes=$NEURALODE_JAVACPP_MAXPHYSICALBYTES (default 5g, the whole
#     process: keep it below executor memory + memoryOverhead)
# Master, deploy mode, memory and cores are never set here: pass them, or put them in
# $SPARK_CONF_DIR/spark-defaults.conf (see conf/spark-defaults.conf.template).
#
# --out must be visible to the driver and every executor (executors write the task results there):
# hdfs://..., s3a://... or a shared mount. The driver alone reads the config and the dataset (the
# dataset reaches the executors as a broadcast), so in cluster deploy mode ship both with --files.
# Rerunning the same command on the same --out resumes (finished tasks are skipped).
#
# Examples
#   Standalone cluster, driver on this machine:
#     submit/spark-submit.sh --master spark://master:7077 --total-executor-cores 32 --executor-memory 4g -- \
#       cv --config conf/cv-michaelis-menten.yaml --out hdfs://namenode:8020/runs/cv-mm
#
#   YARN, driver in the cluster (config and dataset shipped with --files, referenced by file name):
#     submit/spark-submit.sh --master yarn --deploy-mode cluster --num-executors 16 --executor-cores 2 \
#       --executor-memory 4g --conf spark.executor.memoryOverhead=2g \
#       --files conf/cv-michaelis-menten.yaml,datasets/michaelis-menten.zip -- \
#       cv --config cv-michaelis-menten.yaml --set dataset.path=michaelis-menten.zip --out hdfs:///runs/cv-mm
#
#   Kubernetes (the jar is baked into the image; NEURALODE_JAR points inside it):
#     NEURALODE_JAR=local:///opt/neuralode/neuralode-spark-0.1.0-cluster.jar \
#     submit/spark-submit.sh --master k8s://https://k8s-api.example:6443 --deploy-mode cluster \
#       --conf spark.kubernetes.container.image=registry.example/neuralode-spark:0.1.0 \
#       --conf spark.kubernetes.namespace=neuralode --conf spark.executor.instances=8 \
#       --conf spark.executor.cores=2 --conf spark.executor.memory=4g -- \
#       cv --config s3a://bucket/conf/cv-mm.yaml --out s3a://bucket/runs/cv-mm
#     (s3a credentials: core-site.xml in the image or AWS_* variables via spark.kubernetes.driverEnv.* and
#     spark.executorEnv.*, or spark.hadoop.fs.s3a.* properties: neuralode's storage layer uses the
#     application's Hadoop configuration on the driver and the executors)
#
# Environment: SPARK_HOME (spark-submit is $SPARK_HOME/bin/spark-submit, else the one on PATH),
# NEURALODE_JAR (default: the cluster jar in target/, built with Maven if missing),
# NEURALODE_JAVACPP_MAXBYTES, NEURALODE_JAVACPP_MAXPHYSICALBYTES (empty: leave unset),
# NEURALODE_DRY_RUN=1 (print the spark-submit command instead of running it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)"

spark_args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  spark_args+=("$1")
  shift
done
if [[ $# -eq 0 ]]; then
  echo "usage: $0 [spark-submit options ...] -- <neuralode command> [options ...]" >&2
  exit 2
fi
shift
if [[ $# -eq 0 ]]; then
  echo "$0: no neuralode command after '--' (e.g. cv --config FILE --out DIR)" >&2
  exit 2
fi

jar="${NEURALODE_JAR:-$root/target/neuralode-spark-${version}-cluster.jar}"
if [[ -z "${NEURALODE_JAR:-}" && ! -f "$jar" ]]; then
  echo "neuralode: building $jar with Maven (once) ..." >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2
fi

submit="spark-submit"
if [[ -n "${SPARK_HOME:-}" ]]; then
  submit="$SPARK_HOME/bin/spark-submit"
fi

java_opts=""
maxbytes="${NEURALODE_JAVACPP_MAXBYTES-1g}"
maxphysical="${NEURALODE_JAVACPP_MAXPHYSICALBYTES-5g}"
[[ -n "$maxbytes" ]] && java_opts+="-Dorg.bytedeco.javacpp.maxbytes=$maxbytes "
[[ -n "$maxphysical" ]] && java_opts+="-Dorg.bytedeco.javacpp.maxphysicalbytes=$maxphysical"

cmd=("$submit" --class org.neuralode.cli.Main
  --conf spark.executorEnv.OMP_NUM_THREADS=1
  --conf spark.ui.showConsoleProgress=false)
if [[ -n "${java_opts// /}" ]]; then
  cmd+=(--conf "spark.executor.extraJavaOptions=${java_opts% }" --conf "spark.driver.extraJavaOptions=${java_opts% }")
fi
cmd+=(${spark_args[@]+"${spark_args[@]}"} "$jar" "$@")

if [[ "${NEURALODE_DRY_RUN:-}" == "1" ]]; then
  printf '%q ' "${cmd[@]}"
  echo
  exit 0
fi
exec "${cmd[@]}"
