"""Discovery: which sockets and configured services are targets, and fetching their specs from
real services (rpc.discover, the GET /openrpc.json fallback, hangs, garbage)."""

from __future__ import annotations

import asyncio
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from router.discovery import BadSpec, Target, Unreachable, fetch_spec, find_targets
from router.settings import ConfiguredService
from router.upstream import Endpoint
from tests.router.kit import small_spec, spec_services, write_spec
from tests.servers.jsonrpc_server import JsonRpcServer


def bound_socket(path: Path) -> socket.socket:
    path.parent.mkdir(parents=True, exist_ok=True)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(os.fspath(path))
    return sock


def test_targets_are_the_service_sockets_and_the_configured_services(tmp_path: Path) -> None:
    sockets = tmp_path / "sockets"
    held = [
        bound_socket(sockets / name / "rpc.sock")
        for name in ("alpha", "beta", "hero_router", "Bad-Name", "caf\u00e9")
    ]
    (sockets / "plain").mkdir()
    (sockets / "plain" / "rpc.sock").write_text("a file, not a socket")
    (sockets / "empty").mkdir()
    configured = ConfiguredService("beta", Endpoint.from_url("http://127.0.0.1:1/"))
    extra = ConfiguredService("remote", Endpoint.from_url("http://10.0.0.1:8080"))
    try:
        targets = find_targets(sockets, [configured, extra])
    finally:
        for sock in held:
            sock.close()
    assert targets == [
        Target("alpha", Endpoint(socket_path=str(sockets / "alpha" / "rpc.sock"))),
        Target("beta", configured.endpoint),  # the config wins over the socket
        Target("remote", extra.endpoint),
    ]


def test_a_missing_socket_dir_has_no_targets(tmp_path: Path) -> None:
    assert find_targets(tmp_path / "nowhere", []) == []


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("discovery")
    write_spec(home, "alpha", small_spec("alpha"))
    write_spec(home, "getter", small_spec("getter", "2.0.0"))
    write_spec(home, "garbage", None, raw=b"<html>not json</html>")
    write_spec(home, "text", None, raw=b'"unix:/etc/passwd"')
    with spec_services(home, "alpha", "getter:getonly", "garbage", "text", "stuck:hang"):
        yield home


def fetch(home: Path, name: str, timeout: float = 5.0) -> Any:
    endpoint = Endpoint(socket_path=str(home / "sockets" / name / "rpc.sock"))
    return asyncio.run(fetch_spec(endpoint, timeout))


def test_the_spec_comes_from_rpc_discover(home: Path) -> None:
    assert fetch(home, "alpha") == small_spec("alpha")


def test_without_rpc_discover_the_spec_comes_from_get_openrpc_json(home: Path) -> None:
    assert fetch(home, "getter") == small_spec("getter", "2.0.0")


def test_an_answer_that_is_not_json_is_a_bad_spec(home: Path) -> None:
    with pytest.raises(BadSpec, match="not JSON"):
        fetch(home, "garbage")


def test_a_document_that_is_not_an_object_is_a_bad_spec_never_a_path(home: Path) -> None:
    with pytest.raises(BadSpec, match=r"rpc\.discover: the document is a string, not an object"):
        fetch(home, "text")


def test_a_hung_service_is_unreachable_after_its_timeout(home: Path) -> None:
    started = time.monotonic()
    with pytest.raises(Unreachable, match=r"no answer within 0\.3 s"):
        fetch(home, "stuck", timeout=0.3)
    assert time.monotonic() - started < 2.0


def test_nothing_listening_is_unreachable(home: Path) -> None:
    with pytest.raises(Unreachable, match="No such file"):
        fetch(home, "absent")


def test_a_configured_url_service_is_asked_under_its_path_prefix() -> None:
    spec = small_spec("remote", "4.0.0")
    handlers = {"rpc.discover": lambda params: spec}
    with JsonRpcServer(port=0, rpc_path="/api/v1/rpc", handlers=handlers) as server:
        endpoint = Endpoint.from_url(f"http://127.0.0.1:{server.port}/api/v1")
        assert asyncio.run(fetch_spec(endpoint, 5.0)) == spec
        assert server.received["rpc.discover"] == 1
