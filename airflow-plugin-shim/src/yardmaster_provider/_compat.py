"""The few Airflow names the provider uses, from ``airflow.sdk`` on Airflow 3 and the old paths on 2.11.

Everything else in the package imports Airflow through this module, so supporting another Airflow
version means changing this file only.
"""

from __future__ import annotations

from typing import Any

try:  # Airflow 3
    from airflow.sdk import BaseHook, BaseOperator, BaseOperatorLink, BaseSensorOperator
    from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowTaskTimeout
    from airflow.sdk.execution_time.xcom import XCom

    AIRFLOW_3 = True
except ImportError:  # Airflow 2.11
    from airflow.exceptions import AirflowException, AirflowFailException, AirflowTaskTimeout
    from airflow.hooks.base import BaseHook
    from airflow.models import BaseOperator, BaseOperatorLink
    from airflow.models.xcom import XCom
    from airflow.sensors.base import BaseSensorOperator

    AIRFLOW_3 = False

from airflow.triggers.base import BaseTrigger, TriggerEvent

__all__ = [
    "AIRFLOW_3",
    "AirflowException",
    "AirflowFailException",
    "AirflowTaskTimeout",
    "BaseHook",
    "BaseOperator",
    "BaseOperatorLink",
    "BaseSensorOperator",
    "BaseTrigger",
    "TriggerEvent",
    "XCom",
    "aget_connection",
]


async def aget_connection(conn_id: str) -> Any:
    """The connection, read without blocking the triggerer's event loop."""
    if hasattr(BaseHook, "aget_connection"):
        return await BaseHook.aget_connection(conn_id)
    from asgiref.sync import sync_to_async

    return await sync_to_async(BaseHook.get_connection)(conn_id)
