# hero_router 0.1.0, 6 methods, sha256 da330aa282a7dc0e2b578042154aae67840719be6602a28be9f9f2c90a6d8a4c
# Discovers OpenRPC services on Unix sockets, serves a generated Python client…
# from hero_router_client import HeroRouterClient: HeroRouterClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any, Literal, TypeAlias, TypedDict

ServiceName: TypeAlias = str


Status: TypeAlias = Literal["ok", "unreachable", "bad_spec"]


class ServiceRecord(TypedDict):
    name: ServiceName
    endpoint: str
    status: Status
    message: str
    spec_sha256: str | None
    spec_version: str | None
    method_count: int
    last_scan: float
    last_change: float | None
    generations: int


class Change(TypedDict):
    service: ServiceName
    change: Literal["added", "regenerated", "status", "removed"]
    status: Status | None
    message: str
    spec_sha256: str | None


class AgentCall(TypedDict):
    method: str
    params_bytes: int
    duration_ms: float
    error: str | None


class AgentAttempt(TypedDict):
    attempt: int
    model: str
    script: str
    exit_code: int | None
    stdout: str
    stderr: str
    duration_ms: float
    llm_ms: float
    calls: list[AgentCall]
    error: str | None


class AgentUsage(TypedDict):
    input_tokens: int | None
    output_tokens: int | None


class AgentResult(TypedDict):
    success: bool
    service: ServiceName
    result: str
    script: str
    attempts: int
    duration_ms: float
    error: str | None
    model: str
    usage: AgentUsage
    sandbox: Literal["bubblewrap", "none", "unavailable"]
    history: list[AgentAttempt]
    warning: str | None


class ScanResult(TypedDict):
    changes: list[Change]
    duration_ms: float


class RpcError(Exception):
    code: int
    message: str
    data: Any


class UnknownServiceError(RpcError):
    code = -32001


class NoClientYetError(RpcError):
    code = -32002


def rpc_discover() -> dict[str, Any]: ...  # This OpenRPC document
def router_services_list() -> list[ServiceRecord]: ...  # All services and their status
def router_scan() -> ScanResult: ...  # Scan now; what changed
def router_python_client(service: ServiceName) -> str: ...  # A service's client source
def router_python_interface(service: ServiceName) -> str: ...  # Its interface source
def router_agent_run(service: ServiceName, prompt: str, max_retries: int = 3, model: str = "auto", timeout_s: float = 30) -> AgentResult: ...  # Agent mode: a prompt, answered by a script
