"""The idempotency key: the task instance's ids, its clear generation and the attempt; never try_number."""

from __future__ import annotations

import re

import pytest

from tests.stand_ins import TaskInstance
from yardmaster_provider.attempts import Remembered, TaskInstanceId, generation_of, idempotency_key


def key_of(ti: TaskInstance, attempt: int = 1) -> str:
    return idempotency_key(TaskInstanceId.of(ti), generation_of(ti), attempt)


def test_a_retry_keeps_the_key():
    first = TaskInstance(try_number=1)

    assert key_of(first.next_try()) == key_of(first)


def test_a_clear_changes_the_key():
    first = TaskInstance(try_number=1, max_tries=2)

    assert key_of(first.cleared(retries=2)) != key_of(first)


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(TaskInstance(dag_id="other"), id="dag_id"),
        pytest.param(TaskInstance(task_id="other"), id="task_id"),
        pytest.param(TaskInstance(run_id="manual__2"), id="run_id"),
        pytest.param(TaskInstance(map_index=3), id="map_index"),
    ],
)
def test_each_id_of_the_task_instance_counts(other):
    assert key_of(other) != key_of(TaskInstance())


def test_the_key_is_what_the_server_accepts():
    key = key_of(TaskInstance(run_id="manual run with spaces ünïcode " * 20, max_tries=999), attempt=999)

    assert re.fullmatch(r"[\x21-\x7e]{1,200}", key)
    assert key.endswith("-g999-a999")


def test_attempts_count_from_one():
    with pytest.raises(ValueError, match="attempts count from 1"):
        key_of(TaskInstance(), attempt=0)


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param(None, id="nothing"),
        pytest.param("job-1", id="a-bare-string"),
        pytest.param({"job_id": "job-1"}, id="missing-fields"),
        pytest.param({"job_id": "job-1", "generation": "x", "attempt": 1}, id="not-a-number"),
    ],
)
def test_anything_but_what_the_provider_wrote_is_ignored(stored):
    assert Remembered.from_json(stored) is None


def test_remembered_round_trips():
    remembered = Remembered("job-1", 4, 2)

    assert Remembered.from_json(remembered.to_json()) == remembered
