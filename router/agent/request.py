"""An agent request (the body of POST /<service>/agent, the params of router.agent.run) checked
into one frozen AgentRequest; a bad field is a BadRequest naming it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["MAX_PROMPT_CHARS", "AgentRequest", "BadRequest", "request_from_json"]

MAX_PROMPT_CHARS = 20_000
MAX_RETRIES = 10
MAX_TIMEOUT_S = 300.0
DEFAULT_RETRIES = 3
DEFAULT_MODEL = "auto"
DEFAULT_TIMEOUT_S = 30.0


class BadRequest(ValueError):
    """A field of the request is missing or wrong; ``field`` names it."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"invalid param '{field}': {problem}")
        self.field = field
        self.problem = problem


@dataclass(frozen=True, slots=True)
class AgentRequest:
    """``max_retries`` 0 means one attempt; ``timeout_s`` is the wall time of each script run."""

    prompt: str
    max_retries: int = DEFAULT_RETRIES
    model: str = DEFAULT_MODEL
    timeout_s: float = DEFAULT_TIMEOUT_S


def request_from_json(fields: Mapping[str, object]) -> AgentRequest:
    """Checked fields (``prompt`` required; ``max_retries``, ``model``, ``timeout_s`` optional;
    null counts as absent) -> AgentRequest."""
    unknown = sorted(set(fields) - {"prompt", "max_retries", "model", "timeout_s"})
    if unknown:
        raise BadRequest(unknown[0], "not a field of an agent request")
    prompt = fields.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise BadRequest("prompt", "required: a non-empty string")
    if len(prompt) > MAX_PROMPT_CHARS:
        raise BadRequest("prompt", f"longer than {MAX_PROMPT_CHARS} characters")
    return AgentRequest(
        prompt=prompt,
        max_retries=_retries(fields.get("max_retries")),
        model=_model(fields.get("model")),
        timeout_s=_timeout(fields.get("timeout_s")),
    )


def _retries(value: object) -> int:
    if value is None:
        return DEFAULT_RETRIES
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_RETRIES:
        raise BadRequest("max_retries", f"an integer from 0 to {MAX_RETRIES}, got {value!r}")
    return value


def _model(value: object) -> str:
    if value is None:
        return DEFAULT_MODEL
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise BadRequest("model", f'a model name or "auto", got {value!r}')
    return value.strip()


def _timeout(value: object) -> float:
    if value is None:
        return DEFAULT_TIMEOUT_S
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadRequest("timeout_s", f"a number of seconds, got {value!r}")
    if not 0 < value <= MAX_TIMEOUT_S:
        raise BadRequest("timeout_s", f"more than 0 and at most {MAX_TIMEOUT_S:g}, got {value!r}")
    return float(value)
