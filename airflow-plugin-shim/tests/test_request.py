"""The POST body is built by pure functions: every SparkSubmitOperator attribute lands in its Livy field."""

from __future__ import annotations

import pytest

from yardmaster_provider.request import Target, job_request, labels_json, spark_batch

LABELS = {"dagId": "nightly_etl", "taskId": "spark_pi", "runId": "manual__1"}


def test_every_attribute_lands_in_its_field():
    batch = spark_batch(
        application="local:/opt/spark/examples/jars/spark-examples.jar",
        java_class="org.apache.spark.examples.SparkPi",
        application_args=["100", 7],
        jars=["s3a://libs/a.jar"],
        py_files=["deps.zip"],
        files=["conf.yml"],
        archives=["env.tar.gz#env"],
        driver_memory="2g",
        driver_cores="1",
        executor_memory="4g",
        executor_cores=2,
        num_executors="8",
        queue="etl",
        name="pi",
        conf={"spark.sql.shuffle.partitions": 64, "spark.dynamicAllocation.enabled": False},
    )
    target = Target.of({"tags": ["batch"], "spark_version": "3.5"})

    assert job_request(batch, target, LABELS) == {
        "batch": {
            "file": "local:/opt/spark/examples/jars/spark-examples.jar",
            "className": "org.apache.spark.examples.SparkPi",
            "args": ["100", "7"],
            "jars": ["s3a://libs/a.jar"],
            "pyFiles": ["deps.zip"],
            "files": ["conf.yml"],
            "archives": ["env.tar.gz#env"],
            "driverMemory": "2g",
            "driverCores": 1,
            "executorMemory": "4g",
            "executorCores": 2,
            "numExecutors": 8,
            "queue": "etl",
            "name": "pi",
            "conf": {"spark.dynamicAllocation.enabled": "false", "spark.sql.shuffle.partitions": "64"},
        },
        "target": {"tags": ["batch"], "sparkVersion": "3.5"},
        "labels": LABELS,
    }


def test_only_what_is_set_is_sent():
    body = job_request(spark_batch(application="app.py", jars=[], conf={}, name=" "), Target(), {})

    assert body == {"batch": {"file": "app.py"}}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        pytest.param("a.jar, b.jar", ("a.jar", "b.jar"), id="comma-separated-string"),
        pytest.param(["a.jar", ""], ("a.jar",), id="blank-entries-dropped"),
        pytest.param(None, (), id="none"),
    ],
)
def test_lists_as_spark_submit_takes_them(given, expected):
    assert spark_batch(application="x.jar", jars=given).jars == expected


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        pytest.param("num_executors", "many", "num_executors is a whole number", id="not-a-number"),
        pytest.param("executor_cores", True, "executor_cores is a whole number", id="a-bool"),
        pytest.param("application", "  ", "application is required", id="no-application"),
    ],
)
def test_bad_values_are_named(field, value, message):
    arguments = {"application": "x.jar", field: value}
    with pytest.raises(ValueError, match=message):
        spark_batch(**arguments)


def test_a_target_names_its_fields_and_refuses_others():
    assert Target.of({"cluster": "alpha", "queue": "etl"}).to_json() == {"cluster": "alpha", "queue": "etl"}
    assert Target.of({"tags": "batch,gpu"}).tags == ("batch", "gpu")
    assert Target.of(None).empty
    with pytest.raises(ValueError, match=r"unknown target field\(s\) \['clutser'\]"):
        Target.of({"clutser": "alpha"})


def test_labels_are_the_task_instances_then_the_connections_then_the_operators():
    automatic = {"dagId": "d", "taskId": "t", "runId": "r", "mapIndex": None, "tryNumber": 2}

    labels = labels_json(automatic, {"dagId": "billing"}, {"runId": "r2", "mapIndex": "3"})

    assert labels == {"dagId": "billing", "taskId": "t", "runId": "r2", "mapIndex": 3, "tryNumber": 2}


def test_labels_the_server_would_refuse_are_refused_here():
    with pytest.raises(ValueError, match=r"unknown label\(s\) \['team'\]"):
        labels_json({}, {"team": "risk"})
