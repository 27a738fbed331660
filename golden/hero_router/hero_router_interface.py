# hero_router_interface.py: 5 methods of hero_router 0.1.0, spec sha256 bff32eb606e97bb800de70ee9321df260009bae07ab26777ea5407029e8862ca. Generated, do not edit.
# mypy: disable-error-code="empty-body"
"""hero_router: Discovers OpenRPC services on Unix sockets, serves a generated Python client and interface for ea...
Use: from hero_router_client import HeroRouterClient; client = HeroRouterClient(); then client.<function below>(...). Errors: RpcError (code, message, data) and its subclasses below; TransportError if unreachable.
"""

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
