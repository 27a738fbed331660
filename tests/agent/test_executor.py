"""The executor in-process with real subprocesses: the start-up probe refuses runs when the
sandbox cannot work (unless the operator allows unsandboxed runs, loudly), failed run folders are
kept on request, and a script's calls reach the service only through its run's socket."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from router.agent.bytecode import probe_tag
from router.agent.config import AgentConfig
from router.agent.executor import Execution, Executor, SandboxUnavailable
from router.agent.result import Call
from router.agent.workspace import RunsDir
from router.upstream import Endpoint
from tests.servers.jsonrpc_server import JsonRpcServer

NOWHERE = Endpoint(socket_path="/nonexistent/rpc.sock")
GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "hero_books"


def execute(
    config: AgentConfig, script: str, endpoint: Endpoint = NOWHERE
) -> tuple[Executor, Execution]:
    async def main() -> tuple[Executor, Execution]:
        executor = Executor(config)
        executor.start()
        try:
            calls: list[Call] = []
            client = ("svc_client.py", b"")
            return executor, await executor.execute(
                "svc", endpoint, client, script, 10, calls.append
            )
        finally:
            await executor.close()

    return asyncio.run(main())


@pytest.mark.parametrize(
    ("bwrap", "reason"),
    [
        ("/nonexistent/bwrap", "bubblewrap (/nonexistent/bwrap) is not installed"),
        ("false", "the sandbox does not work on this host: no output"),
    ],
)
def test_runs_are_refused_when_the_sandbox_cannot_work(bwrap: str, reason: str) -> None:
    with pytest.raises(SandboxUnavailable) as raised:
        execute(AgentConfig(bwrap=bwrap), "print('hi')\n")
    assert str(raised.value).startswith(f"agent runs are refused: {reason}")
    assert "HERO_ROUTER_UNSAFE_NO_SANDBOX=1" in str(raised.value)


@pytest.mark.skipif(os.geteuid() != 0, reason="run slot uids are used only when root")
def test_runs_are_refused_while_a_run_slot_uid_belongs_to_a_user() -> None:
    uids = {user.pw_uid for user in pwd.getpwall()}
    user = next(u for u in pwd.getpwall() if u.pw_uid > 1 and u.pw_uid - 1 not in uids)
    first, last = user.pw_uid - 1, user.pw_uid  # slot 0 is free, slot 1 is the user's
    with pytest.raises(SandboxUnavailable) as raised:
        execute(AgentConfig(uid_base=first, max_runs=2), "print('hi')\n")
    assert str(raised.value).startswith(
        f"agent runs are refused: run slot uid {last} belongs to user {user.pw_name!r}: set"
        f" [agent] uid_base to the first of 2 unused uids (now {first}..{last})"
    )


def test_the_operator_may_allow_unsandboxed_runs_and_is_told_loudly(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERO_ROUTER_LLM_API_KEY", "sk-never-shown")
    config = AgentConfig(bwrap="/nonexistent/bwrap", unsafe_no_sandbox=True)
    executor, execution = execute(config, "import json, os\nprint(json.dumps(dict(os.environ)))\n")
    assert executor.sandbox.bwrap is None
    assert executor.warning is not None and executor.warning.startswith(
        "UNSAFE: scripts run WITHOUT"
    )
    assert any(r.levelname == "CRITICAL" and "UNSAFE" in r.message for r in caplog.records)
    env = json.loads(execution.stdout)
    assert "HERO_ROUTER_LLM_API_KEY" not in env and env["HOME"].endswith("/work")


def test_failed_run_folders_are_kept_when_asked(tmp_path: Path) -> None:
    executor, failed = execute(AgentConfig(keep_runs=True), "raise SystemExit(4)\n")
    kept = sorted(executor.runs.path.glob("*-svc"))
    try:
        assert failed.exit_code == 4
        assert [(path / "work" / "script.py").read_text() for path in kept] == [
            "raise SystemExit(4)\n"
        ]
    finally:
        executor.runs.keep_failed = False
        executor.runs.close()
    executor, worked = execute(AgentConfig(keep_runs=True), "print('fine')\n")
    try:
        assert worked.exit_code == 0 and list(executor.runs.path.glob("*-svc")) == []
    finally:
        executor.runs.keep_failed = False
        executor.runs.close()
    assert not executor.runs.path.exists()


def test_calls_go_through_the_run_socket_to_the_service(tmp_path: Path) -> None:
    script = """
import http.client, json, os, socket
class Conn(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(os.environ["HERO_SOCKET_DIR"] + "/svc/rpc.sock")
conn = Conn("localhost")
body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "echo", "params": {"a": 1}})
conn.request("POST", "/rpc", body, {"content-type": "application/json"})
print(conn.getresponse().read().decode())
"""
    with JsonRpcServer(unix_path=tmp_path / "svc.sock") as server:
        _, execution = execute(AgentConfig(), script, Endpoint(socket_path=server.unix_path))
        assert server.received["echo"] == 1
    assert json.loads(execution.stdout) == {"jsonrpc": "2.0", "id": 1, "result": {"a": 1}}
    [call] = execution.calls
    assert (call.method, call.params_bytes, call.error) == ("echo", len('{"a":1}'), None)


def test_the_client_is_imported_from_the_precompiled_bytecode() -> None:
    client = ("hero_books_client.py", (GOLDEN / "hero_books_client.py").read_bytes())
    script = """
import glob, hero_books_client
[pyc] = glob.glob("__pycache__/hero_books_client.*.pyc")
print(hero_books_client.__cached__.endswith(pyc), int.from_bytes(open(pyc, "rb").read()[4:8], "little"))
"""

    async def main() -> Execution:
        executor = Executor(AgentConfig())
        executor.start()
        try:
            return await executor.execute("hero_books", NOWHERE, client, script, 10, print)
        finally:
            await executor.close()

    execution = asyncio.run(main())
    # Flags 1: an unchecked-hash .pyc, ours; Python would have replaced a rejected one with a
    # timestamp-based one (flags 0).
    assert execution.stdout == "True 1\n", execution.stderr


def test_the_probe_reports_a_cache_tag_only_when_the_bytecode_matches() -> None:
    ours = f"sandbox ok {sys.implementation.cache_tag} {importlib.util.MAGIC_NUMBER.hex()}\n"
    assert probe_tag(ours.encode()) == sys.implementation.cache_tag
    assert probe_tag(b"sandbox ok cpython-399 00000000\n") is None
    assert probe_tag(b"sandbox ok\n") is None


def test_run_folders_of_routers_gone_are_removed_at_start(tmp_path: Path) -> None:
    orphan = Path(tempfile.gettempdir()) / f"hero-agent-{_a_dead_pid()}-test"
    living = Path(tempfile.gettempdir()) / f"hero-agent-{os.getpid()}-test"
    for folder in (orphan, living):
        (folder / "00001-svc").mkdir(parents=True)
    try:
        kept = RunsDir(keep_failed=True)
        shutil.rmtree(kept.path)
        assert orphan.exists()  # failed runs are being kept: nothing is removed
        runs = RunsDir(keep_failed=False)
        runs.close()
        assert not orphan.exists() and living.exists()
        assert runs.path.name.startswith(f"hero-agent-{os.getpid()}-")
    finally:
        shutil.rmtree(orphan, ignore_errors=True)
        shutil.rmtree(living, ignore_errors=True)


def _a_dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid
