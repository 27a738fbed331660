"""What every LLM provider shares: the chat messages in, a Completion out, LlmError on failure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Completion", "LlmError", "Message", "completion_from_json"]

Message = dict[str, str]
"""``{"role": "system" | "user" | "assistant", "content": text}``"""


class LlmError(Exception):
    """The LLM request failed; the message is one line and never holds a key."""


@dataclass(frozen=True, slots=True)
class Completion:
    """The assistant's text, the model that wrote it, and the tokens when reported."""

    text: str
    model: str
    input_tokens: int | None = None
    output_tokens: int | None = None


def completion_from_json(result: Any, model: str) -> Completion | None:
    """``{"content": ...}``, an OpenAI-style ``{"choices": [...]}`` object or a plain string ->
    Completion; None for anything else."""
    if isinstance(result, str):
        return Completion(result, model)
    if not isinstance(result, dict):
        return None
    text = result.get("content")
    choices = result.get("choices")
    if text is None and isinstance(choices, list) and choices and isinstance(choices[0], dict):
        message = choices[0].get("message")
        text = message.get("content") if isinstance(message, dict) else None
    if not isinstance(text, str):
        return None
    usage = result.get("usage")
    if not isinstance(usage, dict):
        usage = {}
    named = result.get("model")
    return Completion(
        text=text,
        model=named if isinstance(named, str) and named else model,
        input_tokens=_tokens(usage, "prompt_tokens", "input_tokens"),
        output_tokens=_tokens(usage, "completion_tokens", "output_tokens"),
    )


def _tokens(usage: dict[str, Any], *names: str) -> int | None:
    for name in names:
        value = usage.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None
