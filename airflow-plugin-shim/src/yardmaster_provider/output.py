"""What a finished job leaves in Airflow: the XCom summary (read by the extra links) and its whole log."""

from __future__ import annotations

from logging import Logger
from typing import Any

from yardmaster_provider.errors import YardmasterRefused, YardmasterUnavailable
from yardmaster_provider.hooks.yardmaster import YardmasterHook
from yardmaster_provider.jobs import Job

XCOM_KEY = "yardmaster_job"
DEFAULT_LOG_MAX_LINES = 100_000


def summary(job: Job, job_url: str) -> dict[str, Any]:
    """The XCom value: enough to find the job, its app and its UI again without asking Yardmaster."""
    return {
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
