"""Extra links on the task: the Spark UI, the driver log and the job in Yardmaster.

They read the XCom summary the operator pushes as soon as the job is known (and again when it ends),
so they work in the UI on Airflow 3 and 2.11 alike, and while the job is still running.
"""

from __future__ import annotations

from typing import Any, ClassVar

from yardmaster_provider._compat import BaseOperatorLink, XCom
from yardmaster_provider.output import XCOM_KEY


class _JobLink(BaseOperatorLink):
    summary_field: ClassVar[str]

    def get_link(self, operator: Any, *, ti_key: Any) -> str:
        value = XCom.get_value(ti_key=ti_key, key=XCOM_KEY)
        if not isinstance(value, dict):
            return ""
        return value.get(self.summary_field) or ""


class SparkUiLink(_JobLink):
    name = "Spark UI"
    summary_field = "spark_ui_url"


class DriverLogLink(_JobLink):
    name = "Driver log"
    summary_field = "driver_log_url"


class YardmasterJobLink(_JobLink):
    name = "Yardmaster job"
    summary_field = "job_url"
