"""What the agent says to the LLM and what it takes from the replies."""

from __future__ import annotations

import pytest

from router.agent.prompt import (
    RETRY_INSTRUCTION,
    ClientNames,
    extract_code,
    retry_message,
    system_prompt,
)


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        ("```python\nprint(1)\n```", "print(1)\n"),
        ("Sure:\n```py\nx = 1\nprint(x)\n```\nDone.", "x = 1\nprint(x)\n"),
        ("```\nprint('bare fence')\n```", "print('bare fence')\n"),
        ("```Python3 \nprint(3)\n```", "print(3)\n"),
        ("print(2)", "print(2)\n"),
        ("import sys\n\nprint(sys.version)\n", "import sys\n\nprint(sys.version)\n"),
    ],
)
def test_code_comes_from_the_fence_or_the_whole_reply(reply: str, code: str) -> None:
    assert extract_code(reply) == code


def test_of_several_fences_the_longest_that_parses_wins() -> None:
    reply = "```python\nprint(1)\n```\nor\n```python\nfor i in range(3):\n    print(i)\n```\n```python\nthis isn't Python\n```"
    assert extract_code(reply) == "for i in range(3):\n    print(i)\n"


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "I cannot do that.",
        "```python\nthis isn't Python\n```",
        "```python\n\n```",
        "Here: ```python print(1)```",  # a fence needs its own lines
        "print(1)\n\0",
    ],
)
def test_replies_without_code_that_parses_give_none(reply: str) -> None:
    assert extract_code(reply) is None


def test_the_system_prompt_holds_the_interface_and_the_rules() -> None:
    names = ClientNames("hero_books_client", "HeroBooksClient")
    prompt = system_prompt("hero_books", "def book_list() -> Books: ...\n", names)
    assert "```python\ndef book_list() -> Books: ...\n```" in prompt
    assert "from hero_books_client import HeroBooksClient" in prompt
    assert "client = HeroBooksClient()" in prompt
    assert "stdout" in prompt and "no network or file access besides the client" in prompt


def test_the_retry_message_carries_the_script_exit_code_and_last_4_kb_of_stderr() -> None:
    stderr = "A" * 10_000 + "Traceback: the real error\n"
    message = retry_message("print(x)\n", 1, stderr, "the script exited with code 1")
    assert message.startswith(RETRY_INSTRUCTION)
    assert "```python\nprint(x)\n```" in message and "Exit code: 1" in message
    assert "Traceback: the real error" in message
    assert message.count("A") == 4096 - len("Traceback: the real error\n")
