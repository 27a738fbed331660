# hero_router_interface.py: generated from the OpenRPC document of hero_router.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 0.1.0, openrpc 1.3.2
# spec sha256 bff32eb606e97bb800de70ee9321df260009bae07ab26777ea5407029e8862ca
"""hero_router 0.1.0: Discovers OpenRPC services on Unix sockets, serves a generated Python client and interface for each, and proxies calls to them.
5 methods. Use: from hero_router_client import HeroRouterClient; client = HeroRouterClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, Literal, Protocol, TypeAlias, TypedDict

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


class RpcDiscoverResult(TypedDict):
    pass


class RpcError(Exception):
    code: int
    message: str
    data: Any


class UnknownServiceError(RpcError):
    code = -32001


class NoClientYetError(RpcError):
    code = -32002


class HeroRouterClient(Protocol):
    def rpc_discover(self) -> RpcDiscoverResult: ...  # This OpenRPC document.
    def router_services_list(self) -> list[ServiceRecord]: ...  # All services and their status.
    def router_scan(self) -> ScanResult: ...  # Scan now; what changed.
    def router_python_client(self, service: ServiceName) -> str: ...  # A service's client source.
    def router_python_interface(self, service: ServiceName) -> str: ...  # Its interface source.
