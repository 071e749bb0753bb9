"""Installed with pip, the provider is found by Airflow: entry point, schema, connection type, links."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import airflow
import jsonschema
import pytest

from yardmaster_provider.get_provider_info import get_provider_info


def test_the_entry_point_gives_the_provider_info():
    (entry_point,) = [
        point
        for point in metadata.entry_points(group="apache_airflow_provider")
        if point.value.startswith("yardmaster_provider")
    ]

    assert entry_point.load()() == get_provider_info()


def test_the_provider_info_is_valid_for_airflow():
    schema = json.loads((Path(airflow.__file__).parent / "provider_info.schema.json").read_text())

    jsonschema.validate(get_provider_info(), schema)


def test_airflow_knows_the_yardmaster_connection_type():
    from airflow.providers_manager import ProvidersManager

    manager = ProvidersManager()
    try:
        from airflow.sdk.providers_manager_runtime import ProvidersManagerTaskRuntime

        hooks = ProvidersManagerTaskRuntime().hooks
    except ImportError:  # Airflow 2.11
        hooks = manager.hooks

    assert "airflow-provider-yardmaster" in manager.providers
    hook = hooks["yardmaster"]
    assert hook.hook_class_name == "yardmaster_provider.hooks.yardmaster.YardmasterHook"
    assert hook.connection_type == "yardmaster"
    assert "yardmaster_provider.links.SparkUiLink" in manager.extra_links_class_names


@pytest.mark.parametrize(
    "dotted",
    [
        pytest.param(name, id=name.rsplit(".", 1)[-1])
        for section in ("operators", "sensors", "hooks", "triggers")
        for entry in get_provider_info()[section]
        for name in entry["python-modules"]
    ]
    + [pytest.param(name, id=name.rsplit(".", 1)[-1]) for name in get_provider_info()["extra-links"]],
)
def test_every_listed_module_and_class_imports(dotted):
    module, _, attribute = dotted.rpartition(".")
    try:
        imported = __import__(dotted, fromlist=["_"])
    except ModuleNotFoundError:
        imported = getattr(__import__(module, fromlist=["_"]), attribute)
    assert imported is not None
