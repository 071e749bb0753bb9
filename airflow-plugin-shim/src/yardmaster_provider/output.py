"""What a finished job leaves in Airflow: the XCom summary (read by the extra links) and its whole log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from logging import Logger
from typing import Any

from yardmaster_provider.errors import YardmasterRefused, YardmasterUnavailable
from yardmaster_provider.hooks.api import job_cost_params
from yardmaster_provider.hooks.yardmaster import YardmasterHook
from yardmaster_provider.jobs import Job

XCOM_KEY = "yardmaster_job"


@dataclass(frozen=True)
class Cost:
    """A job's cost as the task saw it: the query's URL and its answer in dollars, if any yet."""

    url: str
    usd: str | None


DEFAULT_LOG_MAX_LINES = 100_000


def summary(job: Job, job_url: str, cost: Cost | None = None) -> dict[str, Any]:
    """The XCom value: enough to find the job, its app and its UI again without asking Yardmaster.

    Once the job has ended it also carries its cost: ``cost_url``, the cost API's query of this job
    (read it with the team's token: the final figure once its last hour is attributed), and
    ``cost_usd``, what that query answered as the task finished (None when the cost module had not
    attributed any of it yet: collection reads the RMs every few minutes, so a job that just ended
    usually has its cost a few minutes later).
    """
    costs = {} if cost is None else {"cost_usd": cost.usd, "cost_url": cost.url}
    return {
        **costs,
        "job_id": job.id,
        "state": job.state.value,
        "final_status": job.final_status,
        "cluster": job.cluster,
        "application_id": job.application_id,
        "spark_ui_url": job.spark_ui_url,
        "driver_log_url": job.driver_log_url,
        "job_url": job_url,
        "idempotency_key": job.idempotency_key,
    }


def job_cost(hook: YardmasterHook, job: Job, log: Logger, around: datetime) -> Cost:
    """The job's cost query and its answer now; a cost that cannot be read is a warning, never a failure."""
    url = hook.connection.cost_url(job_cost_params(job.id, around))
    try:
        usd = hook.job_cost(job.id, around)
    except (YardmasterRefused, YardmasterUnavailable) as error:
        log.warning("Could not read the cost of Yardmaster job %s: %s", job.id, error)
        usd = None
    if usd is None:
        log.info("Cost of Yardmaster job %s: not attributed yet, see %s", job.id, url)
    else:
        log.info("Cost of Yardmaster job %s so far: $%s (%s)", job.id, usd, url)
    return Cost(url, usd)


def log_job_output(
    hook: YardmasterHook, job: Job, log: Logger, max_lines: int = DEFAULT_LOG_MAX_LINES
) -> None:
    """Copy the job's whole log (Livy's submit log, YARN's diagnostics) into the task log.

    A log that cannot be read is a warning, never a failure: the job's outcome is its state.
    """
    shown = 0
    note = None
    diagnostics = job.diagnostics
    log.info("Log of Yardmaster job %s (%s):", job.id, job.state.value)
    try:
        for page in hook.log_pages(job.id):
            note = page.note or note
            diagnostics = page.diagnostics or diagnostics
            for line in page.lines:
                if shown < max_lines:
                    log.info("    %s", line)
                shown += 1
    except (YardmasterRefused, YardmasterUnavailable) as error:
        log.warning("Could not read the log of Yardmaster job %s: %s", job.id, error)
    if shown > max_lines:
        log.info("... %d more lines not shown (log_max_lines=%d)", shown - max_lines, max_lines)
    if note:
        log.info("Yardmaster: %s", note)
    if diagnostics:
        log.info("YARN diagnostics: %s", diagnostics)
    if job.driver_log_url:
        log.info("Driver log: %s", job.driver_log_url)
