"""The hero_books demo service as a real subprocess, and plain stdlib HTTP to it over its socket."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from router.launch import stop

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 20.0


class UnixHTTPConnection(http.client.HTTPConnection):
    """Plain stdlib HTTP/1.1, over a Unix socket instead of TCP."""

    def __init__(self, path: Path, timeout: float = 10.0) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(str(self.socket_path))
        self.sock = sock


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class ServiceProcess:
    """A running `python -m router demo-service hero_books` and how to talk to it."""

    socket: Path
    db: Path
    process: subprocess.Popen[bytes]
    stderr: Path

    def request(self, method: str, path: str, body: bytes | None = None) -> Reply:
        conn = UnixHTTPConnection(self.socket)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            return Reply(response.status, response.getheader("content-type", ""), response.read())
        finally:
            conn.close()

    def post(self, payload: Any, path: str = "/") -> Any:
        reply = self.request("POST", path, json.dumps(payload).encode())
        assert reply.status == 200, reply
        return reply.json()

    def call(self, method: str, params: Any = None) -> Any:
        request: dict[str, Any] = {"jsonrpc": "2.0", "id": 7, "method": method}
        if params is not None:
            request["params"] = params
        reply = self.post(request)
        assert reply["jsonrpc"] == "2.0" and reply["id"] == 7, reply
        return reply

    def result(self, method: str, params: Any = None) -> Any:
        reply = self.call(method, params)
        assert "error" not in reply, reply["error"]
        return reply["result"]

    def error(self, method: str, params: Any = None) -> Any:
        reply = self.call(method, params)
        assert "result" not in reply, reply["result"]
        return reply["error"]


def service_command(socket_dir: Path, db: Path) -> list[str]:
    options = ["--socket-dir", str(socket_dir), "--db", str(db)]
    return [sys.executable, "-m", "router", "demo-service", "hero_books", *options]


StartService = Callable[[Path, Path], AbstractContextManager["ServiceProcess"]]
"""`running_service`'s type, for tests that start and stop their own."""


@contextmanager
def running_service(socket_dir: Path, db: Path) -> Iterator[ServiceProcess]:
    """Start the service, wait until its socket answers, stop it (SIGTERM) afterwards."""
    sock = socket_dir / "hero_books" / "rpc.sock"
    stderr = socket_dir.parent / f"{socket_dir.name}-stderr.log"
    with stderr.open("wb") as err:
        process = subprocess.Popen(service_command(socket_dir, db), cwd=REPO, stderr=err)
    service = ServiceProcess(sock, db, process, stderr)
    try:
        wait_until_listening(service)
        yield service
    finally:
        stop(process)


def wait_until_listening(service: ServiceProcess) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            pytest.fail(f"service exited early: {service.stderr.read_text()}")
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                probe.connect(str(service.socket))
            return
        except (FileNotFoundError, ConnectionRefusedError):
            time.sleep(0.05)
    pytest.fail(f"service did not listen within {START_TIMEOUT} s")
