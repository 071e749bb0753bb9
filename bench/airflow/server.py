"""A real ``yardmaster.jar`` on the embedded default (the simulated fleet), for the Airflow bench.

Started as ``airflow-plugin-shim/tests/test_livy_facade.py`` starts it, with this folder's
``fleet.yml`` (one cluster large enough for 1,000 small jobs at once, admission limits raised, the
access log on) instead of ``infra/local-stack/fleet.yml``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TEAM = "bench"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url: str, method: str = "GET", token: str | None = None, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode() or "null")


class Yardmaster:
    """The jar in a process of its own; its stdout (JSON lines, the access log among them) in a file."""

    def __init__(self, jar: Path, work: Path, heap: str = "1g") -> None:
        java = shutil.which("java")
        if not java:
            raise SystemExit("java is not on the PATH")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        data = work / "data"
        self.log_file = work / "yardmaster.log"
        properties = {
            "micronaut.environments": "local",
            "micronaut.server.port": str(self.port),
            "yardmaster.data-dir": str(data),
            "yardmaster.simulator.speed-up": "1",  # the simulated clock is the wall clock
            "yardmaster.autoscaler.scheduler-enabled": "false",  # a fixed fleet
        }
        command = [java, f"-Xmx{heap}", "-XX:+UseSerialGC"]
        command += [f"-D{key}={value}" for key, value in properties.items()]
        command += ["-jar", str(jar)]
        environment = {**os.environ, "MICRONAUT_CONFIG_FILES": str(HERE / "fleet.yml")}
        with open(self.log_file, "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
        deadline = time.monotonic() + 120
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"yardmaster.jar exited: see {self.log_file}")
            try:
                if "UP" in json.dumps(call(f"{self.url}/health")):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"yardmaster.jar did not start in 120 s: see {self.log_file}")
            time.sleep(0.5)
        admin = (data / "admin-token").read_text().strip()
        call(
            f"{self.url}/api/v1/teams",
            "POST",
            admin,
            {
                "name": TEAM,
                "proxyUser": "bench-svc",
                "maxRunningJobs": 2500,
                "maxCores": 100000,
                "maxMemoryMb": 100000000,
            },
        )
        self.token = call(f"{self.url}/api/v1/tokens", "POST", admin, {"team": TEAM})["token"]

    def get(self, path: str) -> Any:
        return call(self.url + path, token=self.token)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
