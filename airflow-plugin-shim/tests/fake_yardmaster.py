"""A fake Yardmaster jobs API, served over real HTTP (pytest-httpserver), for the provider's tests.

It keeps to docs/jobs.md where the provider depends on it: Idempotency-Key (same key and body: the
same job, 200; another body: 409 naming the fields; labels.tryNumber not compared), unknown fields
refused with 400, ETag / If-None-Match / ?wait= long-polls, DELETE, paged logs, the
``{"code","message","details"}`` error body and bearer tokens. Tests move jobs on with ``advance``
and inject transport trouble with ``fail_next``.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

TERMINAL = {"SUCCEEDED", "FAILED", "KILLED", "LOST"}
BODY_FIELDS = {
    "": {"batch", "target", "labels"},
    "batch": {
        "file", "className", "args", "jars", "pyFiles", "files", "archives", "driverMemory", "driverCores",
        "executorMemory", "executorCores", "numExecutors", "queue", "name", "conf",
    },
    "target": {"cluster", "tags", "queue", "sparkVersion"},
    "labels": {"dagId", "taskId", "runId", "mapIndex", "tryNumber"},
}  # fmt: skip
DENIED_CONF = {"spark.master", "spark.submit.deployMode", "spark.yarn.tags"}
JOB_PATH = re.compile(r"^/api/v1/jobs/([^/]+)(/log)?$")


@dataclass
class FakeJob:
    id: str
    key: str | None
    request: dict[str, Any]
    state: str = "QUEUED"
    version: int = 0
    cluster: str | None = None
    application_id: str | None = None
    final_status: str | None = None
    diagnostics: str | None = None
    kill_requested: bool = False
    log: list[str] = field(default_factory=list)

    @property
    def etag(self) -> str:
        return f'"{self.id}-{self.version}"'

    def view(self) -> dict[str, Any]:
        app = self.application_id
        return {
            "id": self.id,
            "team": "analytics",
            "state": self.state,
            "idempotencyKey": self.key,
            "cluster": self.cluster,
            "applicationId": app,
            "sparkUiUrl": f"http://rm.{self.cluster}:8088/proxy/{app}/" if app else None,
            "driverLogUrl": f"http://nm.{self.cluster}:8042/node/containerlogs/{app}_01/" if app else None,
            "finalStatus": self.final_status,
            "diagnostics": self.diagnostics,
            "killRequested": self.kill_requested,
            "request": self.request,
            "version": self.version,
        }


@dataclass(frozen=True)
class Seen:
    """One request as the server got it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    at: float


class FakeYardmaster:
    def __init__(self, server: HTTPServer, token: str = "team-token") -> None:
        self.server = server
        self.token = token
        self.jobs: dict[str, FakeJob] = {}
        self.requests: list[Seen] = []
        self.kill_completes = True  # a DELETE ends a running job at once; False leaves it to advance()
        self.supports_key_filter = True
        # The cost module: None serves no /api/v1/costs (404, as with yardmaster.roles.cost=false);
        # else each job's attributed cost in micro-dollars (a job not in it has none yet).
        self.costs: dict[str, int] | None = None
        self._changed = threading.Condition()
        self._failures: deque[int] = deque()
        server.expect_request(re.compile(".*")).respond_with_handler(self._handle)

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    # -- what tests do -------------------------------------------------------------------------
    def advance(self, job_id: str, state: str, **fields: Any) -> None:
        """Move a job on, as Yardmaster's tracker would; wakes its long-polls."""
        with self._changed:
            job = self.jobs[job_id]
            if state in ("RUNNING", "SUCCEEDED", "FAILED") and job.application_id is None:
                job.application_id = f"application_1700000000000_{len(self.jobs):04d}"
            job.cluster = job.cluster or "alpha"
            job.state = state
            for name, value in fields.items():
                setattr(job, name, value)
            if state in TERMINAL and job.final_status is None:
                job.final_status = {"SUCCEEDED": "livy:success", "FAILED": "yarn:FAILED"}.get(state, state)
            job.version += 1
            self._changed.notify_all()

    def advance_later(self, seconds: float, job_id: str, state: str, **fields: Any) -> threading.Timer:
        timer = threading.Timer(seconds, self.advance, (job_id, state), fields)
        timer.start()
        return timer

    def add_job(self, state: str = "QUEUED", key: str | None = None, **fields: Any) -> FakeJob:
        job = FakeJob(str(uuid.uuid4()), key, {"batch": {"file": "local:/app.jar"}})
        with self._changed:
            self.jobs[job.id] = job
        if state != "QUEUED":
            self.advance(job.id, state, **fields)
        return job

    def fail_next(self, *statuses: int) -> None:
        """The next requests are answered with these statuses (0 drops the connection)."""
        self._failures.extend(statuses)

    def only(self) -> FakeJob:
        (only,) = self.jobs.values()
        return only

    def seen(self, method: str, path_prefix: str = "/api/v1/jobs") -> list[Seen]:
        return [seen for seen in self.requests if seen.method == method and seen.path.startswith(path_prefix)]

    # -- the API -------------------------------------------------------------------------------
    def _handle(self, request: Request) -> Response:
        body = request.get_data(as_text=True)
        self.requests.append(
            Seen(
                request.method,
                request.path,
                dict(request.args),
                dict(request.headers),
                json.loads(body) if body else None,
                time.monotonic(),
            )
        )
        if self._failures:
            status = self._failures.popleft()
            if status == 0:  # drop the connection without an answer: a transport error for the client
                request.environ["werkzeug.socket"].shutdown(socket.SHUT_RDWR)
                return Response(status=500)
            return _error(status, "UNAVAILABLE", "injected by the test")
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return _error(401, "TOKEN_UNKNOWN", "the bearer token is unknown or revoked")
        if request.path == "/api/v1/jobs":
            return self._submit(request) if request.method == "POST" else self._list(request)
        if request.path == "/api/v1/costs" and self.costs is not None:
            return self._costs(request)
        match = JOB_PATH.match(request.path)
        job = self.jobs.get(match.group(1)) if match else None
        if job is None:
            return _error(404, "JOB_NOT_FOUND", f"no job with id '{match.group(1) if match else ''}'")
        if match.group(2):
            return self._log(job, request)
        if request.method == "DELETE":
            return self._kill(job)
        return self._get(job, request)

    def _submit(self, request: Request) -> Response:
        body = request.get_json()
        unknown = _unknown_fields(body)
        if unknown:
            return _error(400, "INVALID_REQUEST", f"unknown fields: {', '.join(unknown)}", unknown)
        denied = sorted(
            f"batch.conf.{key}" for key in body.get("batch", {}).get("conf", {}) if key in DENIED_CONF
        )
        if denied:
            return _error(
                400,
                "CONF_DENIED",
                "these Spark conf keys are set by Yardmaster and may not be given: "
                + ", ".join(key.removeprefix("batch.conf.") for key in denied),
                denied,
            )
        if not body.get("batch", {}).get("file"):
            return _error(400, "INVALID_REQUEST", "batch.file: required", ["batch.file"])
        key = request.headers.get("Idempotency-Key")
        with self._changed:
            existing = next((job for job in self.jobs.values() if key and job.key == key), None)
            if existing is not None:
                differing = _differences(existing.request, body)
                if differing:
                    return _error(
                        409,
                        "IDEMPOTENCY_KEY_REUSED",
                        f"this Idempotency-Key was used for job {existing.id} with a different request; "
                        f"differing fields: {', '.join(differing)}",
                        differing,
                    )
                return _job(existing, 200)
            job = FakeJob(str(uuid.uuid4()), key, body)
            self.jobs[job.id] = job
        return _job(job, 201)

    def _costs(self, request: Request) -> Response:
        window, aggregate, wanted = (request.args.get(k, "") for k in ("window", "aggregate", "filter"))
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:00:00Z,\d{4}-\d\d-\d\dT\d\d:00:00Z", window):
            return _error(400, "INVALID_PARAMETER", f"window: '{window}'", ["window"])
        if aggregate != "job" or not wanted.startswith("job:"):
            return _error(400, "INVALID_PARAMETER", "aggregate=job&filter=job:<id> only", ["filter"])
        micros = self.costs.get(wanted.removeprefix("job:"), 0)
        totals = {"cost": f"{micros // 1_000_000}.{micros % 1_000_000:06d}", "costMicros": micros}
        return _json(200, {"window": window, "sets": [], "totals": totals})

    def _list(self, request: Request) -> Response:
        jobs = list(self.jobs.values())[::-1]
        key = request.args.get("idempotencyKey")
        if key is not None and self.supports_key_filter:
            jobs = [job for job in jobs if job.key == key]
        size = int(request.args.get("size", 50))
        return _json(
            200, {"jobs": [job.view() for job in jobs[:size]], "page": 0, "size": size, "hasMore": False}
        )

    def _get(self, job: FakeJob, request: Request) -> Response:
        wait = request.args.get("wait")
        if wait is not None and not re.fullmatch(r"([1-9]|[1-5][0-9]|60)s", wait):
            return _error(400, "INVALID_WAIT", f"wait is a duration of at most 60s, like 30s, got '{wait}'")
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is None or if_none_match != job.etag:
            return _job(job, 200)
        if wait and job.state not in TERMINAL:
            with self._changed:
                self._changed.wait_for(lambda: job.etag != if_none_match, timeout=int(wait[:-1]))
            if job.etag != if_none_match:
                return _job(job, 200)
        return Response(status=304, headers={"ETag": job.etag})

    def _kill(self, job: FakeJob) -> Response:
        if job.state in TERMINAL:
            return _job(job, 200)
        with self._changed:
            job.kill_requested = True
            job.version += 1
            self._changed.notify_all()
        if job.state == "QUEUED" or self.kill_completes:
            self.advance(
                job.id, "KILLED", final_status="CANCELLED" if job.state == "QUEUED" else "livy:killed"
            )
        return _job(job, 200 if job.state in TERMINAL else 202)

    def _log(self, job: FakeJob, request: Request) -> Response:
        start, size = int(request.args.get("from", 0)), int(request.args.get("size", 100))
        if size > 1000:
            return _error(400, "INVALID_PAGE", "from >= 0 and 1 <= size <= 1000", ["from", "size"])
        page = {
            "jobId": job.id,
            "state": job.state,
            "from": start,
            "total": len(job.log),
            "lines": job.log[start : start + size],
            "diagnostics": job.diagnostics,
            "note": None,
        }
        return _json(200, page)


def _job(job: FakeJob, status: int) -> Response:
    response = _json(status, job.view())
    response.headers["ETag"] = job.etag
    return response


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json")


def _error(status: int, code: str, message: str, details: list[str] | None = None) -> Response:
    return _json(status, {"code": code, "message": message, "details": details or []})


def _unknown_fields(body: dict[str, Any]) -> list[str]:
    unknown = [name for name in body if name not in BODY_FIELDS[""]]
    for part in ("batch", "target", "labels"):
        unknown += [f"{part}.{name}" for name in body.get(part) or {} if name not in BODY_FIELDS[part]]
    return unknown


def _differences(stored: dict[str, Any], given: dict[str, Any]) -> list[str]:
    def leaves(value: Any, path: str = "") -> dict[str, Any]:
        if isinstance(value, dict):
            found: dict[str, Any] = {}
            for key, item in value.items():
                found.update(leaves(item, f"{path}.{key}" if path else key))
            return found
        return {path: value}

    left, right = leaves(stored), leaves(given)
    left.pop("labels.tryNumber", None)
    right.pop("labels.tryNumber", None)
    return sorted(path for path in left.keys() | right.keys() if left.get(path) != right.get(path))
