# deprecated 1.0.0, 4 methods, sha256 e6a32949ee43aedcb3d4c092c61dc159b82683901f953546f953d8ab7211ed86
# Deprecation: deprecated methods (with and without params and result), a…
# from deprecated_client import DeprecatedClient: DeprecatedClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class Hits(TypedDict):
    items: list[str]
    total: NotRequired[int]


class RpcError(Exception):
    code: int
    message: str
    data: Any


def search_v1(query: str) -> list[str]: ...  # (deprecated) Old search; use search.v2
def search_v2(query: str, page_size: int = 20, legacy_syntax: bool = False) -> Hits: ...  # Search; the param `legacy_syntax` is deprecated
def index_rebuild() -> None: ...  # (notification) (deprecated) Deprecated, with no params and no result
def index_status() -> bool: ...  # Not deprecated (no deprecated field at all)
