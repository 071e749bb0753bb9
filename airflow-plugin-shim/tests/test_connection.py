"""The ``yardmaster`` connection: URL forms, the default target and labels in extras."""

from __future__ import annotations

import pytest

from yardmaster_provider.hooks.connection import YardmasterConnection
from yardmaster_provider.request import Target


class Conn:
    """What YardmasterConnection reads of an Airflow Connection."""

    def __init__(self, host, schema=None, port=None, password="tok", extra=None):
        self.conn_id, self.host, self.schema, self.port = "ym", host, schema, port
        self.password, self.extra_dejson = password, extra or {}


@pytest.mark.parametrize(
    ("conn", "url"),
    [
        pytest.param(Conn("http://ym:8080/"), "http://ym:8080", id="a-url"),
        pytest.param(Conn("ym.example", schema="https"), "https://ym.example", id="host-and-schema"),
        pytest.param(Conn("ym", port=8080), "http://ym:8080", id="host-and-port"),
        pytest.param(Conn("http://ym", port=9000), "http://ym:9000", id="url-without-port-and-a-port"),
    ],
)
def test_base_url(conn, url):
    assert YardmasterConnection.of(conn).base_url == url


def test_extras_give_the_default_target_labels_and_job_page():
    settings = YardmasterConnection.of(
        Conn(
            "http://ym:8080",
            extra={
                "cluster": "alpha",
                "tags": ["batch"],
                "queue": "etl",
                "labels": {"dagId": "billing"},
                "job_url": "https://ui.example/jobs/{job_id}",
            },
        )
    )

    assert settings.target == Target(cluster="alpha", tags=("batch",), queue="etl")
    assert settings.labels == {"dagId": "billing"}
    assert settings.job_url("j-1") == "https://ui.example/jobs/j-1"
    assert settings.headers()["Authorization"] == "Bearer tok"


def test_the_job_page_defaults_to_the_api():
    assert YardmasterConnection.of(Conn("http://ym:8080")).job_url("j-1") == "http://ym:8080/api/v1/jobs/j-1"


@pytest.mark.parametrize(
    ("conn", "message"),
    [
        pytest.param(
            Conn("http://ym", extra={"clustr": "a"}), r"unknown extra field\(s\) \['clustr'\]", id="typo"
        ),
        pytest.param(Conn(""), "has no host", id="no-host"),
        pytest.param(Conn("http://ym", extra={"labels": ["x"]}), "'labels' is an object", id="labels-list"),
    ],
)
def test_bad_connections_are_named(conn, message):
    with pytest.raises(ValueError, match=message):
        YardmasterConnection.of(conn)
