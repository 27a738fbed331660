"""Router test kit: the router and small spec services as real subprocesses (or the test JSON-RPC
server in threads), and HTTP to them over TCP or the router's Unix socket."""

from __future__ import annotations

import http.client
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from router.launch import stop
from tests.router.service_process import REPO, ServiceProcess, UnixHTTPConnection, running_service
from tests.servers.jsonrpc_server import JsonRpcServer

SPEC = REPO / "router" / "demo" / "hero_books.openrpc.json"
START_TIMEOUT = 30.0


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def request(
    connection: http.client.HTTPConnection,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    try:
        connection.request(method, path, body, headers or {})
        response = connection.getresponse()
        lowered = {name.lower(): value for name, value in response.getheaders()}
        return Reply(response.status, lowered, response.read())
    finally:
        connection.close()


def rpc_body(method: str, params: Any = None, id: Any = 1) -> bytes:
    message: dict[str, Any] = {"jsonrpc": "2.0", "id": id, "method": method}
    if params is not None:
        message["params"] = params
    return json.dumps(message).encode()


def wait_for(check: Callable[[], Any], timeout: float = 15.0, what: str = "condition") -> Any:
    """Poll ``check`` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class Router:
    """A running ``python -m router serve`` and how to talk to it."""

    home: Path
    socket_dir: Path
    cache_dir: Path
    process: subprocess.Popen[bytes]
    output: Path
    port: int = 0
    token: str | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)

    @property
    def socket_path(self) -> Path:
        return self.socket_dir / "hero_router" / "rpc.sock"

    def http(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        merged = {**self.extra_headers, **(headers or {})}
        if body is not None:
            merged.setdefault("Content-Type", "application/json")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        return request(connection, method, path, body, merged)

    def unix(self, method: str, path: str, body: bytes | None = None) -> Reply:
        headers = {"Content-Type": "application/json", **self.extra_headers}
        return request(UnixHTTPConnection(self.socket_path, 30), method, path, body, headers)

    def rpc(self, method: str, params: Any = None) -> Any:
        reply = self.http("POST", "/rpc", rpc_body(method, params))
        assert reply.status == 200, reply
        return reply.json()

    def result(self, method: str, params: Any = None) -> Any:
        answer = self.rpc(method, params)
        assert "error" not in answer, answer
        return answer["result"]

    def services(self) -> dict[str, dict[str, Any]]:
        reply = self.http("GET", "/api/services")
        assert reply.status == 200, reply
        return {record["name"]: record for record in reply.json()["services"]}

    def log(self) -> str:
        return self.output.read_text(errors="replace")


def router_command(home: Path, *extra: str) -> list[str]:
    where = ["--socket-dir", str(home / "sockets"), "--cache-dir", str(home / "cache")]
    quiet = ["--listen", "127.0.0.1:0", "--scan-interval", "3600"]  # tests scan via router.scan
    return [sys.executable, "-m", "router", "serve", *where, *quiet, *extra]


@contextmanager
def running_router(home: Path, *extra: str, token: str | None = None) -> Iterator[Router]:
    """Start the router in ``home`` (HOME too), wait for its first scan, stop it afterwards."""
    output = home / f"router-{time.monotonic_ns()}.log"
    env = {**os.environ, "HOME": str(home)}
    env.pop("HERO_ROUTER_TOKEN", None)
    if token is not None:
        env["HERO_ROUTER_TOKEN"] = token
    with output.open("wb") as sink:
        process = subprocess.Popen(
            router_command(home, *extra), cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    router = Router(home, home / "sockets", home / "cache", process, output, token=token)
    if token is not None:
        router.extra_headers["Authorization"] = f"Bearer {token}"
    try:
        router.port = int(wait_for(lambda: _port(router), START_TIMEOUT, "the router to listen"))
        wait_for(lambda: router.http("GET", "/healthz").json().get("scans"), what="a first scan")
        yield router
    finally:
        stop(process)


def _port(router: Router) -> str | None:
    if router.process.poll() is not None:
        raise AssertionError(f"router exited early:\n{router.log()}")
    found = re.search(r"http://127\.0\.0\.1:(\d+)", router.log())
    return found.group(1) if found else None


@contextmanager
def spec_services(
    home: Path, *names: str, socket_dir: Path | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """``tests.router.spec_service`` serving ``names`` (NAME[:MODE]) from home/specs/NAME.json,
    on ``socket_dir`` (default: home/sockets)."""
    where = socket_dir or home / "sockets"
    command = [sys.executable, "-m", "tests.router.spec_service", str(where)]
    process = subprocess.Popen(
        [*command, str(home / "specs"), *names], cwd=REPO, stdout=subprocess.PIPE
    )
    assert process.stdout is not None
    try:
        assert process.stdout.readline() == b"ready\n"
        yield process
    finally:
        stop(process)
        process.stdout.close()


def json_rpc_server(home: Path, name: str, **options: Any) -> JsonRpcServer:
    """The test JSON-RPC server (not started), where the router finds service ``name``."""
    path = home / "sockets" / name / "rpc.sock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return JsonRpcServer(unix_path=path, **options)


@dataclass
class ProxySetup:
    """A router proxying to hero_books, ``echoer`` (spec_service), ``echo`` (the test JSON-RPC
    server), ``stuck`` (never answers) and ``dead`` (nobody listens); proxy timeout 1 s."""

    router: Router
    books: ServiceProcess
    echo: JsonRpcServer


@contextmanager
def proxy_setup(home: Path) -> Iterator[ProxySetup]:
    write_spec(home, "echoer", small_spec("echoer", methods=1))
    leave_dead_socket(home, "dead")
    (home / "router.toml").write_text("fetch_timeout = 0.5\nproxy_timeout = 1\n")
    with (
        running_service(home / "sockets", home / "books.db") as books,
        spec_services(home, "echoer", "stuck:hang"),
        json_rpc_server(home, "echo") as echo,
        running_router(home, "--config", str(home / "router.toml")) as router,
    ):
        yield ProxySetup(router, books, echo)


def leave_dead_socket(home: Path, name: str) -> None:
    """A socket file for ``name`` with nobody listening: a service that died."""
    write_spec(home, name, small_spec(name, methods=1))
    with spec_services(home, name) as doomed:
        doomed.kill()  # its socket file stays behind
        doomed.wait()


def write_spec(home: Path, name: str, spec: Any, raw: bytes | None = None) -> None:
    """Set what ``name``'s spec service serves (atomically, as services would)."""
    path = home / "specs" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.write_bytes(raw if raw is not None else json.dumps(spec).encode())
    os.replace(temp, path)


def small_spec(title: str, version: str = "1.0.0", methods: int = 2) -> dict[str, Any]:
    """A valid OpenRPC document with ``methods`` methods named ``echo``, ``m1``..."""
    names = ["echo"] + [f"m{i}" for i in range(1, methods)]
    return {
        "openrpc": "1.3.2",
        "info": {"title": title, "version": version},
        "methods": [
            {
                "name": name,
                "params": [{"name": "text", "required": True, "schema": {"type": "string"}}],
                "result": {"name": "text", "schema": {"type": "string"}},
            }
            for name in names
        ],
    }


@contextmanager
def imported(path: Path) -> Iterator[ModuleType]:
    """A generated module imported from its file (as its users do), unloaded afterwards."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[path.stem]
