"""The test JSON-RPC server in a subprocess (built-in methods only), for benchmarks and tests that
must keep the server's work out of their own process: ``with ServerProcess(unix_path=p) as s:``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import TracebackType

from router.launch import stop

_REPO = Path(__file__).resolve().parents[2]


class ServerProcess:
    """``python -m tests.servers.jsonrpc_server`` on ``unix_path`` or ``port`` (0: a free one).

    ``address`` is what the server printed once listening: the socket path or its URL.
    """

    def __init__(
        self, *, unix_path: str | os.PathLike[str] | None = None, port: int | None = None
    ) -> None:
        if (unix_path is None) == (port is None):
            raise ValueError("give unix_path or port")
        where = ["--unix", os.fspath(unix_path)] if unix_path is not None else ["--port", str(port)]
        self._command = [sys.executable, "-m", "tests.servers.jsonrpc_server", *where]
        self._process: subprocess.Popen[str] | None = None
        self.address = ""

    @property
    def pid(self) -> int:
        assert self._process is not None, "not started"
        return self._process.pid

    def __enter__(self) -> ServerProcess:
        process = subprocess.Popen(
            self._command, cwd=_REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True
        )
        self._process = process
        assert process.stdout is not None
        line = process.stdout.readline().split()
        if line[:1] != ["ready"]:
            self.__exit__(None, None, None)
            raise RuntimeError(f"the test server did not start: {self._command}")
        self.address = line[1]
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        stop(process)
        if process.stdout is not None:
            process.stdout.close()
