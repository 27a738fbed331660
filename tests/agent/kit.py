"""Agent test kit: a real router (and hero_books demo service) whose LLM is the scripted server,
and small helpers to call the agent over HTTP, server-sent events and JSON-RPC."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.router.kit import Router, running_router
from tests.router.service_process import running_service

SECRET = "sk-test-secret-0123456789"
"""The LLM API key the test routers hold: no script may ever see it."""

FAST_MODEL, CAPABLE_MODEL = "fast-model", "capable-model"
UID_BASE = 61000
"""The default first run slot uid (router.agent.config.AgentConfig.uid_base)."""

CLIENT = "from hero_books_client import HeroBooksClient\nclient = HeroBooksClient()\n"

AGENT_CONFIG = """
[agent]
max_runs = 2
queue_timeout = 2

[agent.methods.hero_books]
deny = ["book.delete"]
"""


def fenced(code: str, before: str = "Here is the script:\n\n") -> str:
    """An LLM reply holding ``code`` in a python fence."""
    return f"{before}```python\n{code}```\nIt prints the answer."


def with_client(code: str) -> str:
    """A reply whose script opens with the client's import and constructor."""
    return fenced(CLIENT + code)


def require_bubblewrap() -> None:
    if shutil.which("bwrap") is None:
        pytest.fail("bubblewrap (bwrap) is missing: run scripts/install-system-deps as root")


def llm_env(url: str | None) -> dict[str, str]:
    """The router's environment: the scripted LLM (or none), a secret key, no outside LLM."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HERO_ROUTER_", "OPENAI_"))}
    if url is not None:
        env |= {"HERO_ROUTER_LLM_URL": url, "HERO_ROUTER_LLM_API_KEY": SECRET}
        env |= {"HERO_ROUTER_LLM_MODEL": CAPABLE_MODEL, "HERO_ROUTER_LLM_FAST_MODEL": FAST_MODEL}
    return env


@contextmanager
def agent_router(home: Path, env: Mapping[str, str], *extra: str) -> Iterator[Router]:
    """The hero_books demo service and ``running_router`` in ``home``, the router started with
    ``env`` as its environment."""
    require_bubblewrap()
    with (
        running_service(home / "sockets", home / "var" / "books.db"),
        _router(home, env, *extra) as router,
    ):
        yield router


@contextmanager
def _router(home: Path, env: Mapping[str, str], *extra: str) -> Iterator[Router]:
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            patch.delenv(name)
        for name, value in env.items():
            patch.setenv(name, value)
        manager = running_router(home, *extra)
        router = manager.__enter__()
    try:
        yield router
    finally:
        manager.__exit__(None, None, None)


@dataclass
class Answer:
    status: int
    body: dict[str, Any]

    @property
    def history(self) -> list[dict[str, Any]]:
        return list(self.body["history"])


def run_agent(router: Router, prompt: str, service: str = "hero_books", **fields: Any) -> Answer:
    """POST /<service>/agent."""
    body = json.dumps({"prompt": prompt, **fields}).encode()
    reply = router.http("POST", f"/{service}/agent", body)
    return Answer(reply.status, reply.json())


def stream_agent(router: Router, prompt: str, **fields: Any) -> list[tuple[str, dict[str, Any]]]:
    """POST /hero_books/agent/stream: the (event, payload) pairs, in order."""
    connection = http.client.HTTPConnection("127.0.0.1", router.port, timeout=60)
    try:
        body = json.dumps({"prompt": prompt, **fields})
        connection.request(
            "POST", "/hero_books/agent/stream", body, {"content-type": "application/json"}
        )
        response = connection.getresponse()
        assert response.status == 200, response.read()
        assert response.getheader("content-type", "").startswith("text/event-stream")
        text = response.read().decode()
    finally:
        connection.close()
    events = []
    for block in text.split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if not line.startswith(":"))
        if lines:
            events.append((lines["event"], json.loads(lines["data"])))
    return events


def processes_of(uid: int) -> list[str]:
    """The live processes of ``uid`` (a run slot's uid). Zombies do not count: they are dead,
    waiting for init to reap them (bubblewrap's pid-1 helper is reparented there when it ends)."""
    found = subprocess.run(
        ["ps", "-o", "pid=,stat=,args=", "-u", str(uid)], capture_output=True, text=True
    )
    return [line for line in found.stdout.splitlines() if line.split()[1][0] != "Z"]
