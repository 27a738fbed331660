# deprecated_interface.py: generated from the OpenRPC document of deprecated.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 1.0.0, openrpc 1.3.2
# spec sha256 e6a32949ee43aedcb3d4c092c61dc159b82683901f953546f953d8ab7211ed86
"""deprecated 1.0.0: Deprecation: deprecated methods (with and without params and result), a deprecated param on a live method, a deprecated schema property, a method explicitly not deprecated and one that does not say.
4 methods. Use: from deprecated_client import DeprecatedClient; client = DeprecatedClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, NotRequired, Protocol, TypedDict


class Hits(TypedDict):
    items: list[str]
    total: NotRequired[int]


class RpcError(Exception):
    code: int
    message: str
    data: Any


class DeprecatedClient(Protocol):
    def search_v1(self, query: str) -> list[str]: ...  # (deprecated) Old search; use search.v2.
    def search_v2(self, query: str, page_size: int = 20, legacy_syntax: bool = False) -> Hits: ...  # Search; the param `legacy_syntax` is deprecated.
    def index_rebuild(self) -> None: ...  # (notification) (deprecated) Deprecated, with no params and no result.
    def index_status(self) -> bool: ...  # Not deprecated (no deprecated field at all).
