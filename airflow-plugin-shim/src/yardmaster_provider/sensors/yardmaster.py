"""YardmasterJobSensor: wait for a job submitted by another task, without holding a worker slot.

For DAGs that submit in one task (``wait_for_completion=False``) and wait in another. In
``mode="reschedule"`` (the default here) each poke is one ``GET /api/v1/jobs/{id}`` and the slot
is free between pokes. The sensor does not own the job: killing the sensor leaves the job running.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from yardmaster_provider._compat import AirflowFailException, BaseSensorOperator
from yardmaster_provider.hooks.yardmaster import YardmasterHook
from yardmaster_provider.jobs import JobState
from yardmaster_provider.links import DriverLogLink, SparkUiLink, YardmasterJobLink
from yardmaster_provider.output import DEFAULT_LOG_MAX_LINES, XCOM_KEY, log_job_output, summary


class YardmasterJobSensor(BaseSensorOperator):
    """Succeeds when the job SUCCEEDED; fails at once when it ended any other way.

    :param job_id: the job, e.g. ``submit.output["job_id"]``. (templated)
    :param yardmaster_conn_id: the ``yardmaster`` connection.
    """

    template_fields: Sequence[str] = ("job_id",)
    operator_extra_links = (SparkUiLink(), DriverLogLink(), YardmasterJobLink())
    ui_color = "#f0e4ec"

    def __init__(
        self,
        *,
        job_id: str,
        yardmaster_conn_id: str = YardmasterHook.default_conn_name,
        log_max_lines: int = DEFAULT_LOG_MAX_LINES,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("mode", "reschedule")
        super().__init__(**kwargs)
        self.job_id = job_id
        self.yardmaster_conn_id = yardmaster_conn_id
        self.log_max_lines = log_max_lines

    @cached_property
    def hook(self) -> YardmasterHook:
        return YardmasterHook(self.yardmaster_conn_id)

    def poke(self, context: Any) -> bool:
        job = self.hook.get_job(str(self.job_id))
        self.log.info("%s", job.describe())
        if not job.state.terminal:
            return False
        log_job_output(self.hook, job, self.log, self.log_max_lines)
        context["ti"].xcom_push(key=XCOM_KEY, value=summary(job, self.hook.connection.job_url(job.id)))
        if job.state is JobState.SUCCEEDED:
            return True
        reason = f": {job.diagnostics}" if job.diagnostics else ""
        raise AirflowFailException(f"{job.describe()}{reason}")
