"""Agent requests and the [agent] settings: checked fields in, one-line errors naming the field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from router.agent.config import AgentConfig, MethodPolicy, agent_config
from router.agent.request import AgentRequest, BadRequest, request_from_json
from router.cli import main
from router.settings import SettingsError, load_settings


def test_only_the_prompt_is_required() -> None:
    assert request_from_json({"prompt": "hi"}) == AgentRequest("hi", 3, "auto", 30.0)
    given = {"prompt": "hi", "max_retries": 0, "model": " gpt-x ", "timeout_s": 2}
    assert request_from_json(given) == AgentRequest("hi", 0, "gpt-x", 2.0)
    nulls = {"prompt": "hi", "max_retries": None, "model": None, "timeout_s": None}
    assert request_from_json(nulls) == AgentRequest("hi")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "invalid param 'prompt': required: a non-empty string"),
        ({"prompt": "  "}, "invalid param 'prompt': required: a non-empty string"),
        ({"prompt": 3}, "invalid param 'prompt': required"),
        ({"prompt": "x" * 20_001}, "invalid param 'prompt': longer than 20000 characters"),
        ({"prompt": "x", "max_retries": -1}, "invalid param 'max_retries': an integer from 0"),
        ({"prompt": "x", "max_retries": 11}, "invalid param 'max_retries'"),
        ({"prompt": "x", "max_retries": True}, "invalid param 'max_retries'"),
        ({"prompt": "x", "model": ""}, "invalid param 'model'"),
        ({"prompt": "x", "timeout_s": 0}, "invalid param 'timeout_s': more than 0"),
        ({"prompt": "x", "timeout_s": 301}, "invalid param 'timeout_s'"),
        ({"prompt": "x", "timeout_s": "5"}, "invalid param 'timeout_s': a number"),
        ({"prompt": "x", "service": "a"}, "invalid param 'service': not a field"),
    ],
)
def test_bad_fields_are_named(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(BadRequest, match="^" + re.escape(message)):
        request_from_json(fields)


def test_the_agent_table_sets_limits_and_method_policies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERO_ROUTER_UNSAFE_NO_SANDBOX", "1")
    table = {
        "max_runs": 8,
        "queue_timeout": 5,
        "memory_mb": 512,
        "uid_base": 70000,
        "methods": {"hero_books": {"allow": ["book.*"], "deny": ["book.delete"]}},
    }
    config = agent_config(table, keep_runs=True)
    assert (config.max_runs, config.queue_timeout, config.memory_bytes) == (8, 5.0, 512 << 20)
    assert config.uid_base == 70000 and agent_config({}).uid_base == 61000
    assert config.keep_runs and config.unsafe_no_sandbox
    policy = config.policy("hero_books")
    assert [policy.refuses(m) for m in ("book.get", "book.delete", "chapter.get")] == [
        False,
        True,
        True,
    ]
    assert config.policy("other") == MethodPolicy() and not MethodPolicy().refuses("anything")
    monkeypatch.setenv("HERO_ROUTER_UNSAFE_NO_SANDBOX", "yes")  # only "1" means yes
    assert not agent_config({}).unsafe_no_sandbox


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([], "config: [agent] must be a table"),
        ({"colour": 1}, "config: unknown key agent.colour"),
        ({"max_runs": 0}, "config: agent.max_runs must be a positive integer, got 0"),
        ({"max_runs": 1.5}, "config: agent.max_runs must be a positive integer"),
        ({"queue_timeout": -1}, "config: agent.queue_timeout must be a positive number of seconds"),
        ({"methods": []}, "config: [agent.methods] must be a table"),
        ({"methods": {"s": {"only": []}}}, "config: agent.methods.s: give allow"),
        ({"methods": {"s": {"deny": "x"}}}, "config: agent.methods.s.deny: must be a list"),
    ],
)
def test_bad_agent_settings_are_one_line_errors(table: Any, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        agent_config(table)


def test_the_router_settings_carry_the_agent_table_and_keep_runs(tmp_path: Path) -> None:
    config = tmp_path / "router.toml"
    config.write_text('[agent]\nmax_runs = 3\n[agent.methods.hero_books]\ndeny = ["book.*"]\n')
    settings = load_settings(config=config, keep_runs=True)
    assert (settings.agent.max_runs, settings.agent.keep_runs) == (3, True)
    assert settings.agent.policy("hero_books").refuses("book.delete")
    assert load_settings().agent == AgentConfig()
    config.write_text("[agent]\nmax_runs = 0\n")
    with pytest.raises(SettingsError, match=r"^config: agent\.max_runs must be a positive integer"):
        load_settings(config=config)
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    assert (
        "--keep-runs" in help_text
        and "--keep-runs" in CliRunner().invoke(main, ["demo", "--help"]).output
    )
