"""Fixtures: a fake Yardmaster over real HTTP and the ``yardmaster`` connection pointing at it, one
real ``yardmaster.jar`` for the tests against the real thing (tests/real_yardmaster.py), and
stand-ins for what Airflow hands an operator (task instance, task state store)."""

from __future__ import annotations

import os
import tempfile

# Before Airflow is imported: a scratch AIRFLOW_HOME, so tests never touch a real one.
os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="ym-airflow-home-"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")

import json
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from tests.fake_yardmaster import FakeYardmaster
from tests.real_yardmaster import Yardmaster
from yardmaster_provider.hooks.api import Backoff

FAST_RETRY = Backoff(initial=0.05, factor=2.0, maximum=0.2, budget=1.0)


@pytest.fixture
def yardmaster() -> Iterator[FakeYardmaster]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield FakeYardmaster(server)
    finally:
        server.clear()
        server.stop()


@pytest.fixture(scope="session")
def real_yardmaster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Yardmaster]:
    """One real ``yardmaster.jar`` for every test that needs it (started at the first)."""
    server = Yardmaster(tmp_path_factory.mktemp("yardmaster"))
    try:
        yield server
    finally:
        server.stop()


def connection_json(url: str, password: str = "team-token", **extra: object) -> str:
    return json.dumps({"conn_type": "yardmaster", "host": url, "password": password, "extra": extra})


@pytest.fixture
def connection(yardmaster: FakeYardmaster, monkeypatch: pytest.MonkeyPatch) -> str:
    """``yardmaster_default`` pointing at the fake, as an Airflow connection in an environment variable."""
    monkeypatch.setenv("AIRFLOW_CONN_YARDMASTER_DEFAULT", connection_json(yardmaster.url))
    return "yardmaster_default"
