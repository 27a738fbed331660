"""Fixtures for every test directory: the JSON-RPC test server of tests/servers/jsonrpc_server.py
running in the test process, on a Unix socket (or a loopback port), stopped after the test."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.servers.jsonrpc_server import JsonRpcServer


@pytest.fixture
def socket_dir() -> Iterator[Path]:
    """A short-named temporary directory for Unix sockets (their paths max out near 100 bytes)."""
    path = Path(tempfile.mkdtemp(prefix="rpc-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def start_rpc_server(socket_dir: Path) -> Iterator[Callable[..., JsonRpcServer]]:
    """``start_rpc_server(**options)``: a started JsonRpcServer (see its module for the options),
    on a new Unix socket in ``socket_dir`` unless ``port=`` says TCP; all stopped after the test."""
    servers: list[JsonRpcServer] = []

    def start(**options: Any) -> JsonRpcServer:
        if "port" not in options and "unix_path" not in options:
            options["unix_path"] = socket_dir / f"rpc{len(servers)}.sock"
        server = JsonRpcServer(**options)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def rpc_server(start_rpc_server: Callable[..., JsonRpcServer]) -> JsonRpcServer:
    """A JsonRpcServer with default options (built-in methods only) on a Unix socket."""
    return start_rpc_server()
