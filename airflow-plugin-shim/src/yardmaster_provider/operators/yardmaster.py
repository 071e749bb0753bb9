"""YardmasterSparkSubmitOperator: a Spark batch through Yardmaster, with SparkSubmitOperator's arguments.

Deferrable by default: the worker submits (or reattaches, see ``resolve``) and frees its slot while
the triggerer long-polls the job. ``deferrable=False`` waits in the worker, with the same long-poll.
Either way the task ends when the job does; ``wait_for_completion=False`` alone returns at once,
for DAGs that wait in a ``YardmasterJobSensor``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from functools import cached_property
from typing import Any

from yardmaster_provider._compat import (
    AirflowException,
    AirflowFailException,
    AirflowTaskTimeout,
    BaseOperator,
)
from yardmaster_provider.attempts import (
    STATE_STORE_KEY,
    Remembered,
    TaskInstanceId,
    generation_of,
)
from yardmaster_provider.errors import YardmasterRefused, YardmasterUnavailable
from yardmaster_provider.hooks.api import Backoff
from yardmaster_provider.hooks.yardmaster import YardmasterHook
from yardmaster_provider.jobs import Job, JobState
from yardmaster_provider.links import DriverLogLink, SparkUiLink, YardmasterJobLink
from yardmaster_provider.output import (
    DEFAULT_LOG_MAX_LINES,
    XCOM_KEY,
    Cost,
    job_cost,
    log_job_output,
    summary,
)
from yardmaster_provider.request import Target, job_request, labels_json, spark_batch
from yardmaster_provider.resolve import Resolved, resolve
from yardmaster_provider.triggers.yardmaster import JobEvent, YardmasterJobTrigger

KILL_BUDGET_SECONDS = 10.0  # on_kill runs while Airflow waits to SIGKILL the task
COST_BUDGET_SECONDS = 5.0  # the cost is a courtesy: it never holds a finished task for long
# The stale exit of the deferring try reached the scheduler 6.5 s after the deferral in #72716's
# timeline (hundreds of deferred tasks on one LocalExecutor); a job this short gains little from
# deferring anyway.
MIN_DEFER_SECONDS = 10.0


class YardmasterSparkSubmitOperator(BaseOperator):
    """Runs a Spark application on a cluster Yardmaster picks (or the one named in ``target``).

    :param application: the jar or Python file to run (Livy's ``file``). (templated)
    :param java_class: the main class of a jar application. (templated)
    :param application_args: the application's arguments. (templated)
    :param conf: Spark configuration properties. (templated)
    :param jars, py_files, files, archives: lists, or comma-separated strings. (templated)
    :param driver_memory, driver_cores, executor_memory, executor_cores, num_executors: sizes. (templated)
    :param yarn_queue: the YARN queue, as in SparkSubmitOperator (``queue`` is Airflow's executor
        queue on every operator). (templated)
    :param name: the Spark application's name. (templated)
    :param target: where it may run: ``{"cluster": ..., "tags": [...], "queue": ..., "spark_version": ...}``;
        replaces the connection's default target when given. (templated)
    :param labels: labels over the automatic dagId / taskId / runId / mapIndex / tryNumber. (templated)
    :param yardmaster_conn_id: the ``yardmaster`` connection (URL, team token, defaults).
    :param deferrable: wait in the triggerer (default) rather than in the worker.
    :param wait_for_completion: False submits and returns the job's summary at once.
    :param wait_seconds: the long-poll window, at most 60.
    :param log_max_lines: at most this many lines of the job's log are copied into the task log.
    :param min_defer_seconds: a deferred task resumes no sooner than this after it deferred, even if
        its job ended at once. Airflow 3.3's scheduler fails a task that resumes before it has read
        the deferring try's exit ("state mismatch", apache/airflow#72716); 0 turns the hold off.
    """

    template_fields: Sequence[str] = (
        "application",
        "java_class",
        "application_args",
        "conf",
        "jars",
        "py_files",
        "files",
        "archives",
        "driver_memory",
        "driver_cores",
        "executor_memory",
        "executor_cores",
        "num_executors",
        "yarn_queue",
        "name",
        "target",
        "labels",
    )
    template_fields_renderers = {"conf": "json", "target": "json", "labels": "json", "application_args": "py"}
    operator_extra_links = (SparkUiLink(), DriverLogLink(), YardmasterJobLink())
    ui_color = "#f0e4ec"

    def __init__(
        self,
        *,
        application: str,
        java_class: str | None = None,
        application_args: Sequence[Any] | None = None,
        conf: Mapping[str, Any] | None = None,
        jars: Sequence[str] | str | None = None,
        py_files: Sequence[str] | str | None = None,
        files: Sequence[str] | str | None = None,
        archives: Sequence[str] | str | None = None,
        driver_memory: str | None = None,
        driver_cores: int | str | None = None,
        executor_memory: str | None = None,
        executor_cores: int | str | None = None,
        num_executors: int | str | None = None,
        yarn_queue: str | None = None,
        name: str | None = None,
        target: Mapping[str, Any] | None = None,
        labels: Mapping[str, Any] | None = None,
        yardmaster_conn_id: str = YardmasterHook.default_conn_name,
        deferrable: bool = True,
        wait_for_completion: bool = True,
        wait_seconds: int = 30,
        log_max_lines: int = DEFAULT_LOG_MAX_LINES,
        min_defer_seconds: float = MIN_DEFER_SECONDS,
        retry: Backoff | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.application = application
        self.java_class = java_class
        self.application_args = application_args
        self.conf = conf
        self.jars = jars
        self.py_files = py_files
        self.files = files
        self.archives = archives
        self.driver_memory = driver_memory
        self.driver_cores = driver_cores
        self.executor_memory = executor_memory
        self.executor_cores = executor_cores
        self.num_executors = num_executors
        self.yarn_queue = yarn_queue
        self.name = name
        self.target = target
        self.labels = labels
        self.yardmaster_conn_id = yardmaster_conn_id
        self.deferrable = deferrable
        self.wait_for_completion = wait_for_completion
        self.wait_seconds = wait_seconds
        self.log_max_lines = log_max_lines
        self.min_defer_seconds = min_defer_seconds
        self.retry = retry
        self._job: Job | None = None

    @cached_property
    def hook(self) -> YardmasterHook:
        return YardmasterHook(self.yardmaster_conn_id, retry=self.retry)

    def request_body(self, context: Any) -> dict[str, Any]:
        """The POST body for this task instance, from the rendered arguments and the connection."""
        connection = self.hook.connection
        target = Target.of(self.target)
        try:
            batch = spark_batch(
                application=self.application,
                java_class=self.java_class,
                application_args=self.application_args,
                jars=self.jars,
                py_files=self.py_files,
                files=self.files,
                archives=self.archives,
                driver_memory=self.driver_memory,
                driver_cores=self.driver_cores,
                executor_memory=self.executor_memory,
                executor_cores=self.executor_cores,
                num_executors=self.num_executors,
                queue=self.yarn_queue,
                name=self.name,
                conf=self.conf,
            )
            labels = labels_json(automatic_labels(context["ti"]), connection.labels, self.labels)
        except ValueError as error:
            raise AirflowFailException(f"{self.task_id}: {error}") from None
        return job_request(batch, connection.target if target.empty else target, labels)

    def execute(self, context: Any) -> Any:
        ti = context["ti"]
        generation = generation_of(ti)
        resolved = resolve(
            self.hook,
            TaskInstanceId.of(ti),
            generation,
            self.request_body(context),
            recall(context, self.log),
            self.log,
        )
        self._job = resolved.job
        self._announce(resolved)
        remember(context, resolved.remembered(generation), self.log)
        self._push(context, resolved.job)
        if not self.wait_for_completion:
            return summary(resolved.job, self.hook.connection.job_url(resolved.job.id))
        if resolved.job.state.terminal:
            return self._finish(context, resolved.job)
        if self.deferrable:
            self.defer(
                trigger=YardmasterJobTrigger(
                    job_id=resolved.job.id,
                    yardmaster_conn_id=self.yardmaster_conn_id,
                    etag=resolved.job.etag,
                    wait_seconds=self.wait_seconds,
                    timeout_at=self._timeout_at(),
                    not_before=time.time() + self.min_defer_seconds if self.min_defer_seconds > 0 else None,
                ),
                method_name="execute_complete",
            )
        job = self.hook.wait_until_terminal(
            resolved.job,
            wait_seconds=self.wait_seconds,
            on_change=lambda job: self.log.info("%s", job.describe()),
        )
        return self._finish(context, job)

    def execute_complete(self, context: Any, event: Mapping[str, Any]) -> Any:
        """Back from the trigger: its one event says how the wait ended."""
        outcome = JobEvent.from_payload(event)
        self._job = Job(outcome.job_id, outcome.state or JobState.QUEUED)
        if outcome.outcome == "timeout":
            raise AirflowTaskTimeout(outcome.message)
        if outcome.outcome == "refused":
            raise AirflowFailException(outcome.message)
        if outcome.outcome == "unavailable":
            raise AirflowException(outcome.message)
        return self._finish(context, self.hook.get_job(outcome.job_id))

    def on_kill(self) -> None:
        """The task is being killed (marked failed / success, cleared, timed out): kill the job too."""
        job = self._job
        if job is None or job.state.terminal:
            return
        self.log.info("Killing Yardmaster job %s", job.id)
        try:
            killed = YardmasterHook(self.yardmaster_conn_id, retry=Backoff(budget=KILL_BUDGET_SECONDS)).kill(
                job.id
            )
            self.log.info("%s (kill requested)", killed.describe())
        except (YardmasterRefused, YardmasterUnavailable) as error:
            self.log.error("Could not kill Yardmaster job %s: %s", job.id, error)

    def _finish(self, context: Any, job: Job) -> dict[str, Any]:
        self._job = job
        log_job_output(self.hook, job, self.log, self.log_max_lines)
        cost_hook = YardmasterHook(self.yardmaster_conn_id, retry=Backoff(budget=COST_BUDGET_SECONDS))
        value = self._push(context, job, job_cost(cost_hook, job, self.log, datetime.now(timezone.utc)))
        if job.state is not JobState.SUCCEEDED:
            reason = f": {job.diagnostics}" if job.diagnostics else ""
            raise AirflowException(f"{job.describe()}{reason}")
        self.log.info("%s", job.describe())
        return value

    def _push(self, context: Any, job: Job, cost: Cost | None = None) -> dict[str, Any]:
        # The last two keys tell the listener (listener.py) whose job to kill if the task is marked
        # failed or success while no worker or trigger follows it.
        value = {
            **summary(job, self.hook.connection.job_url(job.id), cost),
            "yardmaster_conn_id": self.yardmaster_conn_id,
            "waits_for_job": self.wait_for_completion,
        }
        context["ti"].xcom_push(key=XCOM_KEY, value=value)
        return value

    def _announce(self, resolved: Resolved) -> None:
        how = "submitted" if resolved.submitted else "reattached to"
        self.log.info(
            "%s %s (attempt %d, key %s)",
            how.capitalize(),
            resolved.job.describe(),
            resolved.attempt,
            resolved.key,
        )
        self.log.info("Yardmaster job: %s", self.hook.connection.job_url(resolved.job.id))

    def _timeout_at(self) -> float | None:
        if self.execution_timeout is None:
            return None
        return time.time() + self.execution_timeout.total_seconds()


def automatic_labels(ti: Any) -> dict[str, Any]:
    """dagId, taskId, runId, mapIndex and tryNumber: Yardmaster tags the YARN app with them."""
    map_index = getattr(ti, "map_index", None)
    return {
        "dagId": ti.dag_id,
        "taskId": ti.task_id,
        "runId": ti.run_id,
        "mapIndex": map_index if map_index is not None and map_index >= 0 else None,
        "tryNumber": getattr(ti, "try_number", None),
    }


def recall(context: Any, log: Any) -> Remembered | None:
    """What the previous try left in the task state store (Airflow 3.3+); None on older Airflow."""
    store = context.get("task_state_store")
    if store is None:
        return None
    try:
        return Remembered.from_json(store.get(STATE_STORE_KEY))
    except Exception as error:  # the store is a shortcut; the Idempotency-Key chain is the truth
        log.warning("Task state store unreadable, using the idempotency key alone: %s", error)
        return None


def remember(context: Any, remembered: Remembered, log: Any) -> None:
    store = context.get("task_state_store")
    if store is None:
        return
    try:
        store.set(STATE_STORE_KEY, remembered.to_json())
    except Exception as error:
        log.warning("Could not write the task state store (the next try finds the job by key): %s", error)
