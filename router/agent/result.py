"""What an agent run produces: the calls a script made, one Attempt per script, the token usage and
the AgentResult answered to the caller (as JSON: see router.agent.run in router/openrpc.json)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["AgentResult", "Attempt", "Call", "Usage"]


@dataclass(frozen=True, slots=True)
class Call:
    """One JSON-RPC call a script made through its run's socket (each entry of a batch too);
    ``error`` is the service's error (``code: message``), the router's refusal, or None."""

    method: str
    params_bytes: int
    duration_ms: float
    error: str | None


@dataclass(frozen=True, slots=True)
class Attempt:
    """One LLM reply and the run of the script in it. ``exit_code`` is None when no script ran;
    ``error`` says why the attempt failed, None when it succeeded."""

    attempt: int
    model: str
    script: str
    exit_code: int | None
    stdout: str
    stderr: str
    duration_ms: float
    llm_ms: float
    calls: tuple[Call, ...]
    error: str | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens summed over the run's LLM replies; None when no reply reported them."""

    input_tokens: int | None = None
    output_tokens: int | None = None

    def plus(self, input_tokens: int | None, output_tokens: int | None) -> Usage:
        return Usage(_add(self.input_tokens, input_tokens), _add(self.output_tokens, output_tokens))


def _add(total: int | None, more: int | None) -> int | None:
    return total if more is None else (total or 0) + more


@dataclass(frozen=True, slots=True)
class AgentResult:
    """The answer: ``result`` is the last script's stdout, ``error`` None on success.
    ``sandbox`` is "bubblewrap", or "none" when the operator allowed unsandboxed runs."""

    success: bool
    service: str
    result: str
    script: str
    attempts: int
    duration_ms: float
    error: str | None
    model: str
    usage: Usage
    sandbox: str
    history: tuple[Attempt, ...] = field(default=())
    warning: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)
