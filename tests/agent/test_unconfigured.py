"""A real router with no LLM configured (no broker socket, no HERO_ROUTER_LLM_* variables): agent
runs fail at once with HTTP 503 and an error that says what to set."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.agent.kit import agent_router, llm_env, run_agent, stream_agent
from tests.router.kit import Router


@pytest.fixture(scope="module")
def bare_router(
    tmp_path_factory: pytest.TempPathFactory, agent_router_session: Router
) -> Iterator[Router]:
    home = tmp_path_factory.mktemp("bare")
    # The session router's cache: hash unchanged, so this router serves it without generating.
    shutil.copytree(agent_router_session.cache_dir, home / "cache")
    with agent_router(home, llm_env(None)) as router:
        yield router


def check_unconfigured(body: dict[str, object]) -> None:
    assert (body["success"], body["attempts"], body["history"]) == (False, 0, [])
    error = str(body["error"])
    assert error.startswith("no LLM configured: start hero_aibroker (socket ")
    for name in ("HERO_ROUTER_LLM_URL", "HERO_ROUTER_LLM_API_KEY", "OPENAI_API_KEY"):
        assert name in error
    assert body["sandbox"] == "bubblewrap"


def test_http_answers_503_naming_the_variables(bare_router: Router) -> None:
    answer = run_agent(bare_router, "List the books.")
    assert answer.status == 503
    check_unconfigured(answer.body)


def test_json_rpc_answers_the_same_failed_result(bare_router: Router) -> None:
    result = bare_router.result("router.agent.run", {"service": "hero_books", "prompt": "x"})
    check_unconfigured(result)


def test_the_stream_sends_only_the_result(bare_router: Router) -> None:
    [(name, result)] = stream_agent(bare_router, "List the books.")
    assert name == "result"
    check_unconfigured(result)
