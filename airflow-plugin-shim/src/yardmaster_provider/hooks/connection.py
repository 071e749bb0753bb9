"""The ``yardmaster`` connection: base URL, team token, and the defaults for every job sent through it.

host      http://yardmaster:8080   (or host + port, and schema http/https)
password  the team's bearer token
extra     {"cluster": "alpha", "tags": ["batch"], "queue": "etl", "spark_version": "3.5",
           "labels": {"dagId": "..."}, "job_url": "https://yardmaster.example/jobs/{job_id}"}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from yardmaster_provider.hooks.api import COSTS
from yardmaster_provider.request import TARGET_NAMES, Target

DEFAULT_JOB_URL = "{base_url}/api/v1/jobs/{job_id}"
EXTRA_NAMES = (*TARGET_NAMES, "labels", "job_url")


@dataclass(frozen=True)
class YardmasterConnection:
    conn_id: str
    base_url: str
    token: str | None
    target: Target = field(default_factory=Target)
    labels: Mapping[str, Any] = field(default_factory=dict)
    job_url_template: str = DEFAULT_JOB_URL

    @classmethod
    def of(cls, conn: Any) -> YardmasterConnection:
        """From an Airflow Connection; bad extras are named, since a typo would silently route elsewhere."""
        extra = conn.extra_dejson or {}
        unknown = sorted(set(extra) - set(EXTRA_NAMES))
        if unknown:
            raise ValueError(
                f"connection '{conn.conn_id}': unknown extra field(s) {unknown}; known: {list(EXTRA_NAMES)}"
            )
        labels = extra.get("labels") or {}
        if not isinstance(labels, Mapping):
            raise ValueError(f"connection '{conn.conn_id}': extra 'labels' is an object, got {labels!r}")
        return cls(
            conn_id=conn.conn_id,
            base_url=base_url(conn),
            token=conn.password or None,
            target=Target.of({name: extra[name] for name in TARGET_NAMES if name in extra}),
            labels=dict(labels),
            job_url_template=extra.get("job_url") or DEFAULT_JOB_URL,
        )

    def headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def job_url(self, job_id: str) -> str:
        return self.job_url_template.format(base_url=self.base_url, job_id=job_id)

    def cost_url(self, params: Mapping[str, str]) -> str:
        """The cost API's query for these parameters (read it with the team's token)."""
        return f"{self.base_url}{COSTS}?{urlencode(params)}"


def base_url(conn: Any) -> str:
    host = (conn.host or "").strip().rstrip("/")
    if not host:
        raise ValueError(f"connection '{conn.conn_id}' has no host: set it to Yardmaster's URL")
    if "://" not in host:
        host = f"{conn.schema or 'http'}://{host}"
    if conn.port and host.count(":") < 2:
        host = f"{host}:{conn.port}"
    return host
