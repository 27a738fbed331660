"""@open-rpc/mock-server as a real peer: a Node subprocess serving one OpenRPC document on a
loopback port and answering from its examples (mock_server.js starts it)."""

from __future__ import annotations

import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.router.service_process import REPO, stop

LAUNCHER = Path(__file__).with_name("mock_server.js")
PACKAGE = REPO / "node_modules" / "@open-rpc" / "mock-server"
START_TIMEOUT = 30.0


def node_command() -> list[str]:
    """``node mock_server.js``; a test failure saying what to install when it cannot run."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "node is not on PATH: the conformance tests run @open-rpc/mock-server "
            "(install Node.js 18 or later, then run `npm ci` in the repository root)",
            pytrace=False,
        )
    if not PACKAGE.is_dir():
        pytest.fail(
            f"{PACKAGE.relative_to(REPO)} is missing: run `npm ci` in the repository root "
            "(package.json pins @open-rpc/mock-server)",
            pytrace=False,
        )
    return [node, str(LAUNCHER)]


@contextmanager
def mock_server(spec: Path, log: Path) -> Iterator[str]:
    """The mock serving ``spec``, its output in ``log``; yields its URL, ``http://127.0.0.1:N/``."""
    with log.open("wb") as err:
        process = subprocess.Popen(
            [*node_command(), str(spec)], cwd=REPO, stdout=subprocess.PIPE, stderr=err
        )
    try:
        yield f"http://127.0.0.1:{_ready_port(process, log)}/"
    finally:
        stop(process)
        assert process.stdout is not None
        process.stdout.close()


def _ready_port(process: subprocess.Popen[bytes], log: Path) -> int:
    """The port of the ``ready <port>`` line; a test failure with the mock's output if none comes."""
    assert process.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        readable, _, _ = select.select([process.stdout], [], [], 0.1)
        if readable:
            line = process.stdout.readline()
            if line.startswith(b"ready "):
                return int(line.split()[1])
            if not line:
                break  # the mock exited
    pytest.fail(f"@open-rpc/mock-server did not start: {log.read_text().strip()}", pytrace=False)
