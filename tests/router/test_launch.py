"""`python -m router demo` and `serve` as a user runs them: real processes in a temp HOME, one
line per problem, no traceback."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.router.kit import Router, request, running_router, wait_for
from tests.router.service_process import REPO, UnixHTTPConnection

pytestmark = pytest.mark.slow  # starts the demo service, the router and a worker process


def run(
    home: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "HOME": str(home), **(env or {})}
    environment.pop("HERO_SOCKET_DIR", None)
    command = [sys.executable, "-m", "router", *args]
    return subprocess.run(
        command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=60
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_non_loopback_listen_without_a_token_refuses_to_start(tmp_path: Path) -> None:
    result = run(tmp_path, "serve", "--listen", "0.0.0.0:9988", env={"HERO_ROUTER_TOKEN": ""})
    assert one_line_error(result) == (
        "Error: --listen 0.0.0.0:9988 is not loopback: set HERO_ROUTER_TOKEN to require a token"
    )
    assert not (tmp_path / "hero").exists()  # nothing bound, nothing created


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--listen", "nowhere"], "Error: --listen must be HOST:PORT, got 'nowhere'"),
        (["--config", "missing.toml"], "Error: missing.toml: No such file or directory"),
        (["--scan-interval", "0"], "Error: --scan-interval must be positive, got 0"),
    ],
)
def test_bad_flags_are_one_line_errors(tmp_path: Path, args: list[str], message: str) -> None:
    assert one_line_error(run(tmp_path, "serve", *args)) == message


def test_a_taken_port_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run(tmp_path, "serve", "--listen", f"127.0.0.1:{port}")
    assert (
        one_line_error(result)
        == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"
    )


def test_a_second_router_on_the_same_socket_dir_refuses(tmp_path: Path) -> None:
    with running_router(tmp_path) as first:
        result = run(
            tmp_path, "serve", "--socket-dir", str(first.socket_dir), "--listen", "127.0.0.1:0"
        )
        assert one_line_error(result).endswith("another process is already listening there")
        assert first.http("GET", "/healthz").status == 200


def test_demo_runs_both_with_the_default_paths_and_prints_the_urls(tmp_path: Path) -> None:
    output = tmp_path / "demo.log"
    environment = {**os.environ, "HOME": str(tmp_path)}
    environment.pop("HERO_SOCKET_DIR", None)
    command = [sys.executable, "-m", "router", "demo", "--listen", "127.0.0.1:0"]
    with output.open("wb") as sink:
        demo = subprocess.Popen(
            command, cwd=REPO, env=environment, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        text = wait_for(
            lambda: "try: curl" in output.read_text() and output.read_text(), 30, "urls"
        )
        found = re.search(r"router: +http://127\.0\.0\.1:(\d+)", text)
        assert found, text
        port = int(found.group(1))
        sockets = tmp_path / "hero/var/sockets"
        assert f"unix:{sockets}/hero_books/rpc.sock" in text
        assert f"(database {tmp_path}/hero/var/hero_books/books.db)" in text
        assert f"http://127.0.0.1:{port}/hero_books/python/client.py" in text
        router = Router(tmp_path, sockets, tmp_path / ".hero/var/router/python", demo, output, port)
        client = wait_for(lambda: _ok(router.http("GET", "/hero_books/python/client.py").body), 30)
        assert b"class HeroBooksClient" in client
        assert (router.cache_dir / "hero_books_client.py").read_bytes() == client
        via_socket = request(
            UnixHTTPConnection(sockets / "hero_router" / "rpc.sock"), "GET", "/healthz"
        )
        assert via_socket.json()["services"] == 1
    finally:
        demo.send_signal(signal.SIGTERM)
        assert demo.wait(timeout=20) == 0
    assert not (sockets / "hero_books" / "rpc.sock").exists()  # the demo service stopped too
    assert not (sockets / "hero_router" / "rpc.sock").exists()


def _ok(body: bytes) -> bytes | None:
    return body if body.startswith(b"# hero_books_client.py") else None
