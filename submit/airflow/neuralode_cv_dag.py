"""Airflow DAG: a neuralode cross-validation sweep (``neuralode cv``) submitted to Spark.

Needs ``apache-airflow-providers-apache-spark`` and a Spark connection (``spark_default``: master URL,
deploy mode, spark-submit binary). The cluster jar (``mvn package`` builds
``target/neuralode-spark-<version>-cluster.jar``; for Spark 4 clusters ``mvn -Pspark4 package`` builds
``target/spark4/neuralode-spark-<version>-spark4-cluster.jar``) must be readable by the Airflow worker that runs
spark-submit; ``--out`` and ``dataset.path`` must be on storage the driver and the executors share
(HDFS, S3 via s3a://, or a shared mount).

Exit codes of ``neuralode cv`` (the driver's exit status; spark-submit returns it in client mode, and in
cluster mode any non-zero status makes the application FAILED, which SparkSubmitOperator reports as a
failure):

* 0 - done: ``report.json``, ``report.csv`` and ``report.html`` are in ``--out``.
* 1 - internal or Spark error (e.g. tasks failed ``spark.task.maxFailures`` times, the cluster went away):
  worth retrying; the retry resumes.
* 2 - bad input: config key or value, dataset, ``--best-metric``, ``--out`` holding a run of another
  configuration, or a configuration that cannot fit in memory (the estimate is named against the limit).
  A retry fails the same way within seconds; fix the input. Also: ``--out`` locked by a live run
  (``.neuralode.lock`` names its host and pid; a lock whose holder died is taken over with a warning,
  on another host after ``NEURALODE_LOCK_STALE_SECONDS``, default 120 s).
* 3 - no task completed (every model diverged or could not be solved): the reports are written; a retry
  gives the same result. Change the strategy or the grid.
* 143 / 130 - SIGTERM / SIGINT (Airflow's timeout or a cleared task): the finished tasks are kept, one
  line says how many, ``run.json`` says ``interrupted`` and the lock is released; the retry resumes.

Idempotent output directories: ``--out`` is a pure function of the logical run (here the DAG run's
``ds``), never of the attempt. Every task result is written atomically under ``--out/tasks/`` as it
completes, and rerunning the same command on the same ``--out`` skips the tasks whose results exist, so
Airflow retries, clears and backfills only compute what is missing and rewrite the same reports. A
changed configuration is refused with exit 2 instead of mixing results; give it a new ``--out`` (or add
``--overwrite`` deliberately).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

NEURALODE_JAR = "/opt/neuralode/neuralode-spark-0.1.0-cluster.jar"

with DAG(
    dag_id="neuralode_cv",
    description="Cross-validation sweep of a neural ODE on Spark (neuralode cv)",
    start_date=datetime(2025, 1, 1),
    schedule=None,
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "neuralode",
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "retry_exponential_backoff": True,
    },
    params={
        "config": "hdfs:///neuralode/conf/cv-michaelis-menten.yaml",
        "out_root": "hdfs:///neuralode/runs/cv-michaelis-menten",
        "best_metric": "validation.mae",
    },
    tags=["neuralode", "spark"],
) as dag:
    cv = SparkSubmitOperator(
        task_id="cv_sweep",
        conn_id="spark_default",
        application=NEURALODE_JAR,
        java_class="org.neuralode.cli.Main",
        name="neuralode-cv-{{ ds_nodash }}",
        application_args=[
            "cv",
            "--config", "{{ params.config }}",
            # one output directory per logical date: retries and reruns of this date resume in place
            "--out", "{{ params.out_root }}/{{ ds_nodash }}",
            "--best-metric", "{{ params.best_metric }}",
        ],
        conf={
            "spark.executorEnv.OMP_NUM_THREADS": "1",
            "spark.executor.extraJavaOptions":
                "-Dorg.bytedeco.javacpp.maxbytes=1g -Dorg.bytedeco.javacpp.maxphysicalbytes=5g",
            "spark.executor.memoryOverhead": "2g",
            "spark.task.maxFailures": "4",
            "spark.ui.showConsoleProgress": "false",
        },
        executor_cores=2,
        executor_memory="4g",
        num_executors=8,
        driver_memory="2g",
        verbose=False,
    )
