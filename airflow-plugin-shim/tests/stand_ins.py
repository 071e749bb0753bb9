"""Stand-ins for the Airflow side of a task run, for tests that call an operator directly.

``run_try`` does what Airflow's task runner and triggerer do with a deferrable operator: execute,
and on TaskDeferred run the trigger to its event and resume in ``execute_complete``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

try:
    from airflow.sdk.exceptions import TaskDeferred
except ImportError:  # Airflow 2.11
    from airflow.exceptions import TaskDeferred


@dataclass
class TaskInstance:
    dag_id: str = "nightly_etl"
    task_id: str = "spark_pi"
    run_id: str = "scheduled__2026-12-01T00:00:00+00:00"
    map_index: int = -1
    try_number: int = 1
    max_tries: int = 2
    xcoms: dict[str, Any] = field(default_factory=dict)

    def xcom_push(self, key: str, value: Any) -> None:
        self.xcoms[key] = value

    def next_try(self) -> TaskInstance:
        """A retry: Airflow raises try_number and leaves max_tries alone."""
        return TaskInstance(
            self.dag_id, self.task_id, self.run_id, self.map_index, self.try_number + 1, self.max_tries
        )

    def cleared(self, retries: int = 2) -> TaskInstance:
        """A clear: max_tries becomes try_number + retries (clear_task_instances), then a new try."""
        return TaskInstance(
            self.dag_id,
            self.task_id,
            self.run_id,
            self.map_index,
            self.try_number + 1,
            self.try_number + retries,
        )


class TaskStateStore:
    """Airflow 3.3's ``context["task_state_store"]``: per task instance, shared by its tries."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set(self, key: str, value: Any, *, retention: Any = None) -> None:
        if value is None:
            raise ValueError("Cannot set value as None")
        self.values[key] = value


def context_for(ti: TaskInstance, store: TaskStateStore | None = None) -> dict[str, Any]:
    context: dict[str, Any] = {"ti": ti, "task_instance": ti}
    if store is not None:
        context["task_state_store"] = store
    return context


def run_try(operator: Any, context: dict[str, Any]) -> Any:
    try:
        return operator.execute(context)
    except TaskDeferred as deferred:
        events = asyncio.run(_events(deferred.trigger))
        assert len(events) == 1, f"a trigger fires exactly one event, got {events}"
        return getattr(operator, deferred.method_name)(context, events[0].payload, **(deferred.kwargs or {}))


async def _events(trigger: Any) -> list[Any]:
    return [event async for event in trigger.run()]
