"""Fixtures for agent tests: one scripted LLM and one real router + hero_books demo service per
session (bubblewrap, uv and the sandbox are real); the LLM's script and records reset per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.agent.kit import AGENT_CONFIG, agent_router, llm_env
from tests.agent.llm_server import ScriptedLLM
from tests.router.kit import Router


@pytest.fixture(scope="session")
def scripted_llm() -> Iterator[ScriptedLLM]:
    with ScriptedLLM() as server:
        yield server


@pytest.fixture
def llm(scripted_llm: ScriptedLLM) -> Iterator[ScriptedLLM]:
    """The session's scripted LLM, with no replies left over and no requests recorded."""
    scripted_llm.reset()
    yield scripted_llm
    scripted_llm.reset()


@pytest.fixture(scope="session")
def agent_router_session(
    tmp_path_factory: pytest.TempPathFactory, scripted_llm: ScriptedLLM
) -> Iterator[Router]:
    home = tmp_path_factory.mktemp("agent")
    config = home / "router.toml"
    config.write_text(AGENT_CONFIG)
    with agent_router(home, llm_env(scripted_llm.url), "--config", str(config)) as router:
        yield router


@pytest.fixture
def router(agent_router_session: Router, llm: ScriptedLLM) -> Iterator[Router]:
    """The session's router (max_runs 2, queue_timeout 2 s, book.delete denied); after each test
    it must still be serving."""
    yield agent_router_session
    assert agent_router_session.process.poll() is None, agent_router_session.log()
    assert agent_router_session.http("GET", "/healthz").status == 200
