"""LLM providers in-process against real servers: the OpenAI SDK path against the scripted
server (one retry on 429/5xx, timeouts, errors), the model "auto" rule, the broker's reply forms
and the error that names what to configure."""

from __future__ import annotations

import asyncio
import re
import socket
from pathlib import Path
from typing import Any

import pytest

from router.agent.chat import Completion, LlmError, completion_from_json
from router.agent.llm import Llm, LlmSettings, LlmUnavailable, OpenAIChat, choose_model
from tests.agent.llm_server import Reply, ScriptedLLM

MESSAGES = [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}]
QUICK_RETRY = {"retry-after-ms": "10"}


def ask(settings: LlmSettings, model: str = "m") -> Completion:
    async def main() -> Completion:
        chat = OpenAIChat(settings)
        try:
            return await chat.chat(model, MESSAGES)
        finally:
            await chat.close()

    return asyncio.run(main())


def test_a_reply_comes_back_with_its_model_and_usage(llm: ScriptedLLM) -> None:
    llm.script(Reply("hello", model="m-2024", usage=(5, 3)))
    completion = ask(LlmSettings(url=llm.url, api_key="k1"))
    assert completion == Completion("hello", "m-2024", 5, 3)
    assert llm.requests == [{"model": "m", "messages": MESSAGES}]
    assert llm.headers[0]["authorization"] == "Bearer k1"


def test_a_local_server_needs_no_key_and_usage_may_be_missing(llm: ScriptedLLM) -> None:
    llm.script(Reply("hello", usage=None))
    assert ask(LlmSettings(url=llm.url)) == Completion("hello", "m", None, None)


@pytest.mark.parametrize("status", [429, 500, 503])
def test_a_rate_limit_or_server_error_is_retried_once(llm: ScriptedLLM, status: int) -> None:
    llm.script(Reply("busy", status=status, headers=QUICK_RETRY), Reply("hello"))
    assert ask(LlmSettings(url=llm.url)).text == "hello"
    assert len(llm.requests) == 2


def test_a_second_failure_is_an_llm_error_naming_the_status(llm: ScriptedLLM) -> None:
    llm.script(*[Reply("overloaded", status=503, headers=QUICK_RETRY)] * 2)
    with pytest.raises(LlmError, match=r"^http://127\.0\.0\.1:\d+/v1: HTTP 503: .*overloaded"):
        ask(LlmSettings(url=llm.url))
    llm.reset()
    llm.script(Reply("bad model", status=404))
    with pytest.raises(LlmError, match="HTTP 404"):
        ask(LlmSettings(url=llm.url))
    assert len(llm.requests) == 1  # client errors are not retried


def test_no_answer_within_the_timeout_is_an_llm_error(llm: ScriptedLLM) -> None:
    llm.script(*[Reply("late", delay=1.0, headers=QUICK_RETRY)] * 2)
    with pytest.raises(LlmError, match=r"no answer within 0\.2 s"):
        ask(LlmSettings(url=llm.url, timeout=0.2))


def test_an_unreachable_endpoint_is_an_llm_error() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(LlmError, match=f"^http://127.0.0.1:{port}/v1: cannot connect"):
        ask(LlmSettings(url=f"http://127.0.0.1:{port}/v1"))


def test_model_auto_prefers_the_fast_model_for_short_first_attempts() -> None:
    both = LlmSettings(model="big", fast_model="small")
    assert choose_model("auto", "List the books.", 1, both) == "small"
    assert choose_model("auto", "List the books.", 2, both) == "big"
    assert choose_model("auto", "x" * 241, 1, both) == "big"
    assert choose_model("auto", "List the books.\nThen more.", 1, both) == "big"
    assert choose_model("named", "x", 1, both) == "named"
    assert choose_model("auto", "x", 2, LlmSettings(fast_model="small")) == "small"
    assert choose_model("auto", "x", 1, LlmSettings(model="big")) == "big"
    assert choose_model("auto", "x", 1, LlmSettings()) is None


def test_settings_come_from_the_environment() -> None:
    env = {"OPENAI_API_KEY": "k", "HERO_ROUTER_LLM_MODEL": "m", "HERO_ROUTER_LLM_TIMEOUT": "9"}
    settings = LlmSettings.from_env(env)
    assert (settings.api_key, settings.model, settings.timeout, settings.url) == ("k", "m", 9, None)
    assert settings.configured
    assert (
        LlmSettings.from_env({"HERO_ROUTER_LLM_API_KEY": "a", "OPENAI_API_KEY": "b"}).api_key == "a"
    )
    assert not LlmSettings.from_env({"HERO_ROUTER_LLM_MODEL": "m"}).configured
    for bad in ("soon", "-1", "inf", "nan"):
        assert LlmSettings.from_env({"HERO_ROUTER_LLM_TIMEOUT": bad}).timeout == 120.0


def test_nothing_configured_names_what_to_set(tmp_path: Path) -> None:
    llm = Llm(LlmSettings(model="m"), tmp_path / "hero_aibroker" / "rpc.sock")
    with pytest.raises(LlmUnavailable) as raised:
        llm.provider()
    for name in (
        "hero_aibroker",
        "HERO_ROUTER_LLM_URL",
        "HERO_ROUTER_LLM_API_KEY",
        "OPENAI_API_KEY",
    ):
        assert name in str(raised.value)
    assert "HERO_ROUTER_LLM_MODEL" in str(raised.value)


def test_the_broker_socket_wins_while_it_exists(tmp_path: Path, llm: ScriptedLLM) -> None:
    path = tmp_path / "rpc.sock"
    llm_router = Llm(LlmSettings(url=llm.url), path)
    assert llm_router.provider().name == "openai"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        assert llm_router.provider().name == "hero_aibroker"
        assert llm_router.model(llm_router.provider(), "auto", "x", 1) == "auto"
    path.unlink()
    with pytest.raises(LlmUnavailable, match="set HERO_ROUTER_LLM_MODEL"):
        llm_router.model(llm_router.provider(), "auto", "x", 1)


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ("text", Completion("text", "m")),
        (
            {"content": "text", "model": "b", "usage": {"input_tokens": 1, "output_tokens": 2}},
            Completion("text", "b", 1, 2),
        ),
        (
            {"choices": [{"message": {"content": "text"}}], "usage": {"prompt_tokens": 3}},
            Completion("text", "m", 3, None),
        ),
        ({"content": 3}, None),
        ({"choices": []}, None),
        ([1], None),
    ],
)
def test_broker_replies_in_either_form(result: Any, expected: Completion | None) -> None:
    assert completion_from_json(result, "m") == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://[::1", "http://[::1: no client: "),
        ("ftp://x/v1", "ftp://x/v1: cannot connect: "),
    ],
)
def test_a_malformed_url_is_an_llm_error(url: str, message: str) -> None:
    with pytest.raises(LlmError, match="^" + re.escape(message)):
        ask(LlmSettings(url=url))
