"""The sync hook against the fake Yardmaster over HTTP: what is sent, and how every answer is read."""

from __future__ import annotations

import pytest

from tests.conftest import FAST_RETRY, connection_json
from yardmaster_provider.errors import (
    IdempotencyConflict,
    YardmasterAuthError,
    YardmasterRefused,
    YardmasterUnavailable,
)
from yardmaster_provider.hooks.yardmaster import YardmasterHook
from yardmaster_provider.jobs import JobState

BODY = {"batch": {"file": "local:/app.jar"}, "labels": {"dagId": "d", "taskId": "t", "runId": "r"}}


@pytest.fixture
def hook(connection):
    return YardmasterHook(connection, retry=FAST_RETRY)


def test_a_key_sent_again_returns_the_same_job(hook, yardmaster):
    first = hook.submit(BODY, "key-1")
    again = hook.submit({**BODY, "labels": {**BODY["labels"], "tryNumber": 2}}, "key-1")

    assert (first.created, again.created) == (True, False)
    assert again.job.id == first.job.id
    sent = yardmaster.seen("POST")[0]
    assert sent.headers["Idempotency-Key"] == "key-1"
    assert sent.headers["Authorization"] == "Bearer team-token"
    assert sent.body == BODY


def test_a_key_with_another_body_is_a_conflict_naming_the_fields(hook):
    hook.submit(BODY, "key-1")

    with pytest.raises(IdempotencyConflict, match=r"409 IDEMPOTENCY_KEY_REUSED.*\[batch\.className\]"):
        hook.submit({**BODY, "batch": {**BODY["batch"], "className": "Other"}}, "key-1")


def test_a_refusal_carries_yardmasters_message(hook):
    with pytest.raises(YardmasterRefused, match=r"400 INVALID_REQUEST\): unknown fields: batch\.proxyUser"):
        hook.submit({"batch": {"file": "x.jar", "proxyUser": "root"}}, "key-1")


def test_a_bad_token_says_so(yardmaster, monkeypatch):
    monkeypatch.setenv("AIRFLOW_CONN_YM_BAD", connection_json(yardmaster.url, password="stale"))

    with pytest.raises(YardmasterAuthError, match=r"token of connection 'ym_bad'.*not a valid team token"):
        YardmasterHook("ym_bad").submit(BODY, "key-1")


@pytest.mark.parametrize(
    "trouble",
    [
        pytest.param([503, 502], id="5xx"),
        pytest.param([429], id="429"),
        pytest.param([0], id="connection-dropped"),
    ],
)
def test_transient_trouble_is_retried(hook, yardmaster, trouble):
    yardmaster.fail_next(*trouble)

    submission = hook.submit(BODY, "key-1")

    assert submission.created
    assert len(yardmaster.seen("POST")) == len(trouble) + 1
    assert len(yardmaster.jobs) == 1


def test_trouble_longer_than_the_budget_gives_up(hook, yardmaster):
    yardmaster.fail_next(*[503] * 100)

    with pytest.raises(YardmasterUnavailable, match=r"POST /api/v1/jobs: Yardmaster answered 503"):
        hook.submit(BODY, "key-1")


def test_a_long_poll_sends_the_etag_and_the_wait(hook, yardmaster):
    job = hook.get_job(yardmaster.add_job("RUNNING").id)

    unchanged = hook.poll(job, wait_seconds=1)

    assert unchanged == job
    poll = yardmaster.seen("GET")[-1]
    assert poll.query == {"wait": "1s"}
    assert poll.headers["If-None-Match"] == job.etag


def test_a_long_poll_answers_as_soon_as_the_job_changes(hook, yardmaster):
    job = hook.get_job(yardmaster.add_job("RUNNING").id)
    yardmaster.advance_later(0.2, job.id, "SUCCEEDED")

    changed = hook.poll(job, wait_seconds=30)

    assert changed.state is JobState.SUCCEEDED
    assert changed.spark_ui_url.endswith(f"/proxy/{changed.application_id}/")


def test_the_whole_log_is_read_page_by_page(hook, yardmaster):
    job = yardmaster.add_job("SUCCEEDED", log=[f"line {n}" for n in range(2500)])

    pages = list(hook.log_pages(job.id))

    assert [line for page in pages for line in page.lines] == [f"line {n}" for n in range(2500)]
    assert [seen.query for seen in yardmaster.seen("GET", f"/api/v1/jobs/{job.id}/log")] == [
        {"from": "0", "size": "1000"},
        {"from": "1000", "size": "1000"},
        {"from": "2000", "size": "1000"},
    ]


def test_kill(hook, yardmaster):
    job = yardmaster.add_job("RUNNING")

    killed = hook.kill(job.id)

    assert killed.state is JobState.KILLED
    assert [seen.path for seen in yardmaster.seen("DELETE")] == [f"/api/v1/jobs/{job.id}"]


def test_a_job_is_found_by_its_key_only_when_the_server_filters(hook, yardmaster):
    yardmaster.add_job("FAILED", key="other")
    mine = yardmaster.add_job("RUNNING", key="mine")

    assert hook.find_by_key("mine").id == mine.id
    yardmaster.supports_key_filter = False  # an older server ignores the parameter and lists every job
    yardmaster.add_job("RUNNING", key="newest")
    assert hook.find_by_key("mine") is None
