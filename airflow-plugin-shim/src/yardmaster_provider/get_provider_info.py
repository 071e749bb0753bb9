"""Found by Airflow through the ``apache_airflow_provider`` entry point (pyproject.toml)."""

from __future__ import annotations

from typing import Any

from yardmaster_provider import __version__


def get_provider_info() -> dict[str, Any]:
    integration = "Yardmaster"
    return {
        "package-name": "airflow-provider-yardmaster",
        "name": "Yardmaster",
        "description": "Run, watch, retry and kill Spark batch jobs through Yardmaster (Livy + YARN).",
        "versions": [__version__],
        "integrations": [{"integration-name": integration, "tags": ["service"]}],
        "operators": [
            {"integration-name": integration, "python-modules": ["yardmaster_provider.operators.yardmaster"]}
        ],
        "sensors": [
            {"integration-name": integration, "python-modules": ["yardmaster_provider.sensors.yardmaster"]}
        ],
        "hooks": [
            {"integration-name": integration, "python-modules": ["yardmaster_provider.hooks.yardmaster"]}
        ],
        "triggers": [
            {"integration-name": integration, "python-modules": ["yardmaster_provider.triggers.yardmaster"]}
        ],
        "connection-types": [
            {
                "connection-type": "yardmaster",
                "hook-class-name": "yardmaster_provider.hooks.yardmaster.YardmasterHook",
                "hook-name": "Yardmaster",
            }
        ],
        "extra-links": [
            "yardmaster_provider.links.SparkUiLink",
            "yardmaster_provider.links.DriverLogLink",
            "yardmaster_provider.links.YardmasterJobLink",
        ],
    }
