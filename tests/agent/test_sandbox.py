"""Hostile scripts through the real router and real bubblewrap: each is contained (no writes
outside its folder, no secrets, no network, bounded processes, memory and output) and the router
keeps serving (the ``router`` fixture checks it after every test)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.agent.kit import SECRET, UID_BASE, fenced, processes_of, run_agent, with_client
from tests.agent.llm_server import ScriptedLLM
from tests.router.kit import Router

as_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="the process limit needs a run slot uid of its own (root only)"
)


def run_script(router: Router, llm: ScriptedLLM, code: str, **fields: Any) -> dict[str, Any]:
    llm.script(fenced(code))
    answer = run_agent(router, "Try your luck.", max_retries=0, **fields)
    assert answer.status == 200, answer.body
    [attempt] = answer.history
    return attempt


def findings(attempt: dict[str, Any]) -> dict[str, Any]:
    """The JSON object the probing script printed."""
    assert attempt["exit_code"] == 0, attempt["stderr"]
    found: dict[str, Any] = json.loads(attempt["stdout"])
    return found


PROBE_HELPERS = """
import json, os
found = {}
def attempt(name, action):
    try:
        found[name] = "allowed: " + repr(action())
    except Exception as error:
        found[name] = "blocked: " + type(error).__name__
"""


def test_writes_outside_the_run_folder_fail(router: Router, llm: ScriptedLLM) -> None:
    outside = router.home / "escape.txt"
    code = PROBE_HELPERS + f"""
for target in [{str(outside)!r}, "/usr/escape.txt", "/escape.txt", "/etc/escape.txt",
               "/root/escape.txt", "/proc/sys/kernel/hostname"]:
    attempt(target, lambda: open(target, "w").write("x"))
attempt("run folder", lambda: open("mine.txt", "w").write("x"))
attempt("tmp", lambda: open("/tmp/mine.txt", "w").write("x"))
print(json.dumps(found))
"""
    found = findings(run_script(router, llm, code))
    assert found.pop("run folder") == "allowed: 1" and found.pop("tmp") == "allowed: 1"
    assert all(outcome.startswith("blocked: ") for outcome in found.values()), found
    assert not outside.exists()
    assert not Path("/usr/escape.txt").exists() and not Path("/escape.txt").exists()


def test_the_environment_holds_no_secret_and_home_is_the_run_folder(
    router: Router, llm: ScriptedLLM
) -> None:
    code = PROBE_HELPERS + f"""
found["env"] = dict(os.environ)
found["home"] = os.path.expanduser("~")
attempt("root home", lambda: os.listdir("/root"))
attempt("router home", lambda: os.listdir({str(router.home)!r}))
attempt("init environ", lambda: open("/proc/1/environ").read())
attempt("pids", lambda: sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
print(json.dumps(found))
"""
    found = findings(run_script(router, llm, code))
    stdout = json.dumps(found)
    assert SECRET not in stdout and "HERO_ROUTER_LLM" not in stdout and "OPENAI" not in stdout
    assert str(router.home) not in json.dumps(found["env"])
    assert set(found["env"]) <= {
        *("PATH", "HOME", "HERO_SOCKET_DIR", "LANG", "PYTHONUNBUFFERED", "NO_COLOR", "PWD"),
        *("UV", "UV_CACHE_DIR", "UV_OFFLINE", "UV_PYTHON_DOWNLOADS", "UV_NO_CONFIG"),
        "UV_RUN_RECURSION_DEPTH",  # uv's own, set for the script it starts
    }
    assert found["home"] == "/agent" == found["env"]["HOME"]
    assert found["root home"] == "blocked: FileNotFoundError"
    assert found["router home"] == "blocked: FileNotFoundError"
    assert SECRET not in found["init environ"]
    assert max(json.loads(found["pids"].removeprefix("allowed: "))) < 10  # its own pid namespace


def test_the_network_and_other_sockets_are_out_of_reach(router: Router, llm: ScriptedLLM) -> None:
    port = llm.url.split(":")[2].split("/")[0]
    code = PROBE_HELPERS + f"""
import socket
def tcp(host, port):
    with socket.create_connection((host, port), timeout=2):
        return "connected"
def unix(path):
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(path)
        return "connected"
attempt("llm", lambda: tcp("127.0.0.1", {port}))
attempt("router", lambda: tcp("127.0.0.1", {router.port}))
attempt("outside", lambda: tcp("1.1.1.1", 53))
attempt("service socket", lambda: unix({str(router.socket_dir / "hero_books" / "rpc.sock")!r}))
attempt("router socket", lambda: unix({str(router.socket_path)!r}))
attempt("own socket", lambda: unix(os.environ["HERO_SOCKET_DIR"] + "/hero_books/rpc.sock"))
print(json.dumps(found))
"""
    found = findings(run_script(router, llm, code))
    assert found.pop("own socket") == "allowed: 'connected'"
    assert all(outcome.startswith("blocked: ") for outcome in found.values()), found
    assert llm.requests[1:] == []  # only the router's own request reached the LLM


@as_root
def test_a_fork_bomb_hits_the_process_limit_not_the_wall_clock(
    router: Router, llm: ScriptedLLM
) -> None:
    code = """
import os, time
children = 0
while True:
    try:
        if os.fork() == 0:
            children = 0
            continue
        children += 1
    except OSError:
        break
time.sleep(0.5)
if children:
    print("forks stopped")
"""
    attempt = run_script(router, llm, code, timeout_s=20)
    assert attempt["error"] != "the script did not finish within 20 s"
    assert "forks stopped" in str(attempt["stdout"])
    assert float(str(attempt["duration_ms"])) < 10_000
    assert [processes_of(UID_BASE + slot) for slot in range(2)] == [[], []]


def test_a_memory_bomb_hits_the_address_space_limit(router: Router, llm: ScriptedLLM) -> None:
    code = "chunks = []\nwhile True:\n    chunks.append(bytearray(64 << 20))\n"
    attempt = run_script(router, llm, code, timeout_s=20)
    assert attempt["exit_code"] == 1 and "MemoryError" in str(attempt["stderr"])
    assert float(str(attempt["duration_ms"])) < 10_000


def test_a_hundred_megabytes_of_output_are_cut_at_one(router: Router, llm: ScriptedLLM) -> None:
    code = "import sys\nline = b'x' * 1023 + b'\\n'\nfor _ in range(100 * 1024):\n    sys.stdout.buffer.write(line)\n"
    attempt = run_script(router, llm, code, timeout_s=20)
    assert attempt["exit_code"] == 0
    assert len(str(attempt["stdout"])) == 1 << 20
    dropped = 100 * (1 << 20) - (1 << 20)
    note = f"[hero_router: stdout cut at {1 << 20} bytes: {dropped} more bytes dropped]"
    assert note in str(attempt["stderr"])


def test_the_router_still_runs_scripts_after_the_hostile_ones(
    router: Router, llm: ScriptedLLM
) -> None:
    llm.script(with_client("print(client.book_get(name='infra')['title'])\n"))
    answer = run_agent(router, "Title of infra?")
    assert (answer.body["success"], answer.body["result"]) == (True, "Infrastructure Guide\n")
