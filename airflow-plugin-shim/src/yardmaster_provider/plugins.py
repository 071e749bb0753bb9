"""The Airflow plugin that registers the provider's listener (``listener.py``).

Found through the ``airflow.plugins`` entry point (pyproject.toml) by every Airflow process; the
listener acts only in the api-server, where users mark tasks failed or success.
"""

from __future__ import annotations

from airflow.plugins_manager import AirflowPlugin

from yardmaster_provider import listener


class YardmasterPlugin(AirflowPlugin):
    name = "yardmaster"
    listeners = [listener]
