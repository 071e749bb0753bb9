"""YardmasterSparkSubmitOperator, run as Airflow runs it (execute, defer, trigger, execute_complete)
against the fake Yardmaster: what reaches the server, what the task returns, and what retries do."""

from __future__ import annotations

import threading
import time
import urllib.parse
from datetime import timedelta

import pytest

from tests.conftest import FAST_RETRY
from tests.stand_ins import TaskDeferred, TaskInstance, TaskStateStore, context_for, run_try
from yardmaster_provider._compat import AirflowException, AirflowFailException, AirflowTaskTimeout
from yardmaster_provider.operators.yardmaster import YardmasterSparkSubmitOperator
from yardmaster_provider.triggers.yardmaster import YardmasterJobTrigger

pytestmark = pytest.mark.usefixtures("connection")


def spark_pi(**kwargs) -> YardmasterSparkSubmitOperator:
    arguments = {
        "task_id": "spark_pi",
        "application": "local:/opt/spark/examples/jars/spark-examples.jar",
        "java_class": "org.apache.spark.examples.SparkPi",
        "application_args": ["100"],
        "executor_memory": "4g",
        "num_executors": 2,
        "wait_seconds": 1,
        "retry": FAST_RETRY,
        "min_defer_seconds": 0,  # the hold for Airflow's scheduler race: its own test below
        **kwargs,
    }
    return YardmasterSparkSubmitOperator(**arguments)


def finish_when_submitted(yardmaster, state: str = "SUCCEEDED", after: float = 0.3, **fields) -> None:
    """Plays Yardmaster's tracker: the next job to appear runs, then ends in ``state``."""

    def play():
        deadline = time.monotonic() + 10
        known = set(yardmaster.jobs)
        while time.monotonic() < deadline:
            new = [job_id for job_id in list(yardmaster.jobs) if job_id not in known]
            if new:
                yardmaster.advance(new[0], "RUNNING")
                time.sleep(after)
                yardmaster.advance(new[0], state, **fields)
                return
            time.sleep(0.02)

    threading.Thread(target=play, daemon=True).start()


def test_deferrable_by_default_and_the_body_is_what_the_arguments_say(yardmaster):
    ti = TaskInstance(map_index=4, try_number=1)

    with pytest.raises(TaskDeferred) as deferred:
        spark_pi(yarn_queue="etl", target={"tags": ["batch"]}).execute(context_for(ti))

    assert isinstance(deferred.value.trigger, YardmasterJobTrigger)
    assert deferred.value.method_name == "execute_complete"
    assert deferred.value.trigger.not_before is None
    (post,) = yardmaster.seen("POST")
    assert post.body == {
        "batch": {
            "file": "local:/opt/spark/examples/jars/spark-examples.jar",
            "className": "org.apache.spark.examples.SparkPi",
            "args": ["100"],
            "executorMemory": "4g",
            "numExecutors": 2,
            "queue": "etl",
        },
        "target": {"tags": ["batch"]},
        "labels": {
            "dagId": "nightly_etl",
            "taskId": "spark_pi",
            "runId": "scheduled__2026-12-01T00:00:00+00:00",
            "mapIndex": 4,
            "tryNumber": 1,
        },
    }
    assert post.headers["Idempotency-Key"].endswith("-g2-a1")
    assert ti.xcoms["yardmaster_job"]["job_id"] == deferred.value.trigger.job_id


def test_by_default_a_deferred_task_resumes_no_sooner_than_10_s_after_deferring(yardmaster):
    operator = YardmasterSparkSubmitOperator(
        task_id="spark_pi", application="local:/pi.py", wait_seconds=1, retry=FAST_RETRY
    )
    before = time.time()

    with pytest.raises(TaskDeferred) as deferred:
        operator.execute(context_for(TaskInstance()))

    assert before + 10 <= deferred.value.trigger.not_before <= time.time() + 10


def test_success_returns_the_summary_and_logs_the_whole_log(yardmaster, capfd):
    finish_when_submitted(yardmaster, log=[f"line {n}" for n in range(1500)])
    ti = TaskInstance()

    result = run_try(spark_pi(), context_for(ti))

    job = yardmaster.only()
    assert result == ti.xcoms["yardmaster_job"]
    assert result["job_id"] == job.id
    assert result["state"] == "SUCCEEDED"
    assert result["application_id"] == job.application_id
    assert result["cluster"] == "alpha"
    assert result["spark_ui_url"] == f"http://rm.alpha:8088/proxy/{job.application_id}/"
    assert result["job_url"].endswith(f"/api/v1/jobs/{job.id}")
    task_log = capfd.readouterr().out
    assert "    line 0" in task_log
    assert "    line 1499" in task_log


def test_the_summary_carries_the_cost_query_and_what_it_answered_at_the_end(yardmaster):
    yardmaster.costs = {}
    finish_when_submitted(yardmaster)
    result = run_try(spark_pi(), context_for(TaskInstance()))
    job = yardmaster.only()
    assert result["cost_usd"] is None  # nothing attributed yet
    url = urllib.parse.urlsplit(result["cost_url"])
    assert url.path == "/api/v1/costs"
    query = dict(urllib.parse.parse_qsl(url.query))
    assert query["aggregate"] == "job"
    assert query["filter"] == f"job:{job.id}"
    start, end = query["window"].split(",")
    assert start < end

    yardmaster.costs[job.id] = 1_234_567
    again = run_try(spark_pi(), context_for(TaskInstance()))
    assert again["job_id"] == job.id
    assert again["cost_usd"] == "1.234567"


def test_a_cost_that_cannot_be_read_never_fails_the_task(yardmaster):
    # yardmaster.costs stays None: the server has no cost module (404).
    finish_when_submitted(yardmaster)
    result = run_try(spark_pi(), context_for(TaskInstance()))
    assert result["state"] == "SUCCEEDED"
    assert result["cost_usd"] is None
    assert result["cost_url"].startswith(f"{yardmaster.url}/api/v1/costs?")


def test_not_deferrable_still_waits_to_the_end(yardmaster):
    finish_when_submitted(yardmaster, after=1.5)
    started = time.monotonic()

    result = run_try(spark_pi(deferrable=False), context_for(TaskInstance()))

    assert result["state"] == "SUCCEEDED"
    assert time.monotonic() - started >= 1.5


def test_a_spark_failure_fails_the_task_with_the_diagnostics(yardmaster):
    finish_when_submitted(yardmaster, "FAILED", diagnostics="Container killed: exit code 137")

    with pytest.raises(AirflowException, match=r"FAILED .*\[yarn:FAILED\]: Container killed: exit code 137"):
        run_try(spark_pi(), context_for(TaskInstance()))


@pytest.mark.parametrize(
    "store", [pytest.param(TaskStateStore(), id="task-state-store"), pytest.param(None, id="key-only")]
)
def test_a_retry_after_a_failure_runs_a_new_attempt(yardmaster, store):
    first = TaskInstance()
    finish_when_submitted(yardmaster, "FAILED")
    with pytest.raises(AirflowException):
        run_try(spark_pi(), context_for(first, store))

    finish_when_submitted(yardmaster, "SUCCEEDED")
    result = run_try(spark_pi(), context_for(first.next_try(), store))

    assert len(yardmaster.jobs) == 2
    assert result["idempotency_key"].endswith("-a2")


@pytest.mark.parametrize(
    "store", [pytest.param(TaskStateStore(), id="task-state-store"), pytest.param(None, id="key-only")]
)
def test_a_retry_after_a_worker_crash_reattaches(yardmaster, store):
    first = TaskInstance()
    with pytest.raises(TaskDeferred):  # the worker dies here: nothing else of this try runs
        spark_pi().execute(context_for(first, store))
    job = yardmaster.only()
    yardmaster.advance(job.id, "RUNNING")
    yardmaster.advance_later(0.5, job.id, "SUCCEEDED")

    result = run_try(spark_pi(), context_for(first.next_try(), store))

    assert result["job_id"] == job.id
    assert len(yardmaster.jobs) == 1


def test_with_the_task_state_store_a_retry_goes_straight_to_its_job(yardmaster):
    store, first = TaskStateStore(), TaskInstance()
    with pytest.raises(TaskDeferred):
        spark_pi().execute(context_for(first, store))
    posts = len(yardmaster.seen("POST"))

    with pytest.raises(TaskDeferred):
        spark_pi(application_args=["200"]).execute(context_for(first.next_try(), store))

    assert len(yardmaster.seen("POST")) == posts  # found by id: a changed request is no 409 either
    assert store.values["yardmaster_job"]["attempt"] == 1


def test_a_retry_of_a_job_that_already_succeeded_succeeds_without_running_it_again(yardmaster):
    first = TaskInstance()
    finish_when_submitted(yardmaster)
    run_try(spark_pi(), context_for(first))

    result = run_try(spark_pi(), context_for(first.next_try()))

    assert result["state"] == "SUCCEEDED"
    assert len(yardmaster.jobs) == 1


def test_a_cleared_task_runs_again(yardmaster):
    store, first = TaskStateStore(), TaskInstance()
    finish_when_submitted(yardmaster)
    run_try(spark_pi(), context_for(first, store))

    finish_when_submitted(yardmaster)
    result = run_try(spark_pi(), context_for(first.cleared(), store))

    assert len(yardmaster.jobs) == 2
    assert result["idempotency_key"].endswith("-g3-a1")


def test_a_task_cleared_while_its_job_ran_kills_that_job_before_it_runs_again(yardmaster):
    store, first = TaskStateStore(), TaskInstance()
    with pytest.raises(TaskDeferred):  # deferred, and then cleared with no triggerer to kill the job
        spark_pi().execute(context_for(first, store))
    (before,) = yardmaster.jobs.values()
    yardmaster.advance(before.id, "RUNNING")
    yardmaster.kill_completes = True

    finish_when_submitted(yardmaster)
    result = run_try(spark_pi(), context_for(first.cleared(), store))

    assert yardmaster.jobs[before.id].state == "KILLED"
    assert result["state"] == "SUCCEEDED"
    assert result["job_id"] != before.id
    assert len(yardmaster.seen("DELETE")) == 1


def test_a_changed_request_on_retry_is_resolved_by_key(yardmaster):
    first = TaskInstance()
    finish_when_submitted(yardmaster, "FAILED")
    with pytest.raises(AirflowException):
        run_try(spark_pi(), context_for(first))

    finish_when_submitted(yardmaster)
    result = run_try(spark_pi(num_executors=4), context_for(first.next_try()))

    assert result["idempotency_key"].endswith("-a2")
    assert len(yardmaster.jobs) == 2


def test_a_changed_request_without_a_way_to_find_the_job_fails_with_advice(yardmaster):
    yardmaster.supports_key_filter = False
    first = TaskInstance()
    with pytest.raises(TaskDeferred):
        spark_pi().execute(context_for(first))
    yardmaster.add_job("RUNNING", key="another-task")  # newest first: the listing no longer shows ours

    with pytest.raises(
        AirflowFailException, match=r"IDEMPOTENCY_KEY_REUSED.*clear the task to run the new request"
    ):
        spark_pi(num_executors=4).execute(context_for(first.next_try()))
    assert len(yardmaster.jobs) == 2


def test_a_refusal_fails_the_task_at_once_with_yardmasters_message(yardmaster):
    with pytest.raises(AirflowFailException, match=r"400 CONF_DENIED\): .* may not be given: spark.master"):
        spark_pi(conf={"spark.master": "local[*]"}).execute(context_for(TaskInstance()))
    assert len(yardmaster.seen("POST")) == 1


def test_bad_arguments_fail_at_once_naming_them():
    with pytest.raises(AirflowFailException, match="spark_pi: num_executors is a whole number, got 'lots'"):
        spark_pi(num_executors="lots").execute(context_for(TaskInstance()))


def test_on_kill_in_the_worker_kills_the_job(yardmaster):
    """As Airflow's SIGTERM handler does: on_kill runs while execute() is waiting on the job."""
    operator = spark_pi(deferrable=False)

    def kill_once_running():
        deadline = time.monotonic() + 10
        while not yardmaster.jobs and time.monotonic() < deadline:
            time.sleep(0.02)
        yardmaster.advance(yardmaster.only().id, "RUNNING")
        time.sleep(0.3)
        operator.on_kill()

    killer = threading.Thread(target=kill_once_running, daemon=True)
    killer.start()
    with pytest.raises(AirflowException, match="is KILLED"):
        run_try(operator, context_for(TaskInstance()))
    killer.join(10)

    assert yardmaster.only().state == "KILLED"
    assert [seen.path for seen in yardmaster.seen("DELETE")] == [f"/api/v1/jobs/{yardmaster.only().id}"]


def test_execution_timeout_while_deferred_kills_the_job(yardmaster):
    operator = spark_pi(execution_timeout=timedelta(seconds=1.5))

    with pytest.raises(AirflowTaskTimeout, match="killed it"):
        run_try(operator, context_for(TaskInstance()))

    assert yardmaster.only().state == "KILLED"


def test_submit_only_returns_the_job_for_a_sensor(yardmaster):
    result = run_try(spark_pi(wait_for_completion=False), context_for(TaskInstance()))

    assert result["job_id"] == yardmaster.only().id
    assert result["state"] == "QUEUED"
