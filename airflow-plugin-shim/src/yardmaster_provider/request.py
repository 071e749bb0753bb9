"""The body of ``POST /api/v1/jobs``, built by pure functions from plain values.

The server refuses unknown fields with a 400 and compares bodies for idempotency, so the body holds
only what is set: no nulls, no empty lists, nothing the server would fill in itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# The label names the server takes (JobLabels); anything else is a 400, so it is refused here first.
LABEL_NAMES = ("dagId", "taskId", "runId", "mapIndex", "tryNumber")
TARGET_NAMES = ("cluster", "tags", "queue", "spark_version")


@dataclass(frozen=True)
class SparkBatch:
    """A Spark application in SparkSubmitOperator's terms; ``to_json`` gives Livy's (camelCase) names."""

    application: str
    java_class: str | None = None
    application_args: tuple[str, ...] = ()
    jars: tuple[str, ...] = ()
    py_files: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    archives: tuple[str, ...] = ()
    driver_memory: str | None = None
    driver_cores: int | None = None
    executor_memory: str | None = None
    executor_cores: int | None = None
    num_executors: int | None = None
    queue: str | None = None
    name: str | None = None
    conf: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return _without_unset(
            {
                "file": self.application,
                "className": self.java_class,
                "args": list(self.application_args),
                "jars": list(self.jars),
                "pyFiles": list(self.py_files),
                "files": list(self.files),
                "archives": list(self.archives),
                "driverMemory": self.driver_memory,
                "driverCores": self.driver_cores,
                "executorMemory": self.executor_memory,
                "executorCores": self.executor_cores,
                "numExecutors": self.num_executors,
                "queue": self.queue,
                "name": self.name,
                "conf": dict(sorted(self.conf.items())),
            }
        )


@dataclass(frozen=True)
class Target:
    """Where the job may run: a named cluster, or any cluster with these tags / queue / Spark version."""

    cluster: str | None = None
    tags: tuple[str, ...] = ()
    queue: str | None = None
    spark_version: str | None = None

    @classmethod
    def of(cls, value: Target | Mapping[str, Any] | None) -> Target:
        """From an operator argument or connection extras: ``{"cluster": ..., "tags": [...], ...}``."""
        if value is None:
            return cls()
        if isinstance(value, Target):
            return value
        unknown = sorted(set(value) - set(TARGET_NAMES))
        if unknown:
            raise ValueError(f"unknown target field(s) {unknown}; a target has {list(TARGET_NAMES)}")
        return cls(
            cluster=_text(value.get("cluster")),
            tags=_strings(value.get("tags")),
            queue=_text(value.get("queue")),
            spark_version=_text(value.get("spark_version")),
        )

    @property
    def empty(self) -> bool:
        return self == Target()

    def to_json(self) -> dict[str, Any]:
        return _without_unset(
            {
                "cluster": self.cluster,
                "tags": list(self.tags),
                "queue": self.queue,
                "sparkVersion": self.spark_version,
            }
        )


def labels_json(automatic: Mapping[str, Any], *overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """The job's labels: the task instance's own, then the connection's and the operator's on top."""
    merged: dict[str, Any] = dict(automatic)
    for extra in overrides:
        if not extra:
            continue
        unknown = sorted(set(extra) - set(LABEL_NAMES))
        if unknown:
            raise ValueError(f"unknown label(s) {unknown}; Yardmaster takes labels {list(LABEL_NAMES)}")
        merged.update(extra)
    for name in ("mapIndex", "tryNumber"):
        if merged.get(name) is not None:
            merged[name] = int(merged[name])
    return _without_unset(merged)


def job_request(batch: SparkBatch, target: Target, labels: Mapping[str, Any]) -> dict[str, Any]:
    """The whole body: ``{"batch": ..., "target": ..., "labels": ...}``, leaving out empty parts."""
    return _without_unset({"batch": batch.to_json(), "target": target.to_json(), "labels": dict(labels)})


def spark_batch(
    *,
    application: str,
    java_class: str | None = None,
    application_args: Iterable[Any] | None = None,
    jars: Iterable[str] | str | None = None,
    py_files: Iterable[str] | str | None = None,
    files: Iterable[str] | str | None = None,
    archives: Iterable[str] | str | None = None,
    driver_memory: str | None = None,
    driver_cores: int | str | None = None,
    executor_memory: str | None = None,
    executor_cores: int | str | None = None,
    num_executors: int | str | None = None,
    queue: str | None = None,
    name: str | None = None,
    conf: Mapping[str, Any] | None = None,
) -> SparkBatch:
    """A SparkBatch from rendered operator arguments.

    Templates render to strings, so numbers may come as ``"4"``, arguments as numbers, and a
    comma-separated string stands for a list, as in SparkSubmitOperator.
    """
    if not application or not str(application).strip():
        raise ValueError("application is required: the jar or Python file Spark runs")
    return SparkBatch(
        application=str(application),
        java_class=_text(java_class),
        application_args=tuple(str(arg) for arg in application_args or ()),
        jars=_strings(jars),
        py_files=_strings(py_files),
        files=_strings(files),
        archives=_strings(archives),
        driver_memory=_text(driver_memory),
        driver_cores=_integer("driver_cores", driver_cores),
        executor_memory=_text(executor_memory),
        executor_cores=_integer("executor_cores", executor_cores),
        num_executors=_integer("num_executors", num_executors),
        queue=_text(queue),
        name=_text(name),
        conf={str(key): _conf_value(value) for key, value in (conf or {}).items()},
    )


def _without_unset(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None and value != [] and value != {}}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _strings(value: Iterable[str] | str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(text for text in (str(item).strip() for item in value) if text)


def _integer(name: str, value: int | str | None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{name} is a whole number, got {value!r}")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} is a whole number, got {value!r}") from None


def _conf_value(value: Any) -> str:
    # Spark conf values are strings on the wire; True must read as Spark's "true", not "True".
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
