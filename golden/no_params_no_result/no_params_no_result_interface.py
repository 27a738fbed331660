# no_params_no_result 1.0.0, 5 methods, sha256 a744afcd025b60af3e3ebf141b789171953f9c5976e4de1407c4aeec6d2a0ba8
# Empty ends: a method with an empty params list, a method without result (a…
# from no_params_no_result_client import NoParamsNoResultClient: NoParamsNoResultClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any


class RpcError(Exception):
    code: int
    message: str
    data: Any


def ping() -> str: ...  # No params, a string result
def event_emit(event: str, payload: dict[str, Any] | None = None) -> None: ...  # (notification) A param, no result: can be sent as a notification
def heartbeat() -> None: ...  # (notification) Neither params nor result
def cache_clear() -> None: ...  # No params; the result is always null
def debug_dump() -> Any: ...  # No params; the result schema is empty, so any JSON value
