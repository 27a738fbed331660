# no_params_no_result_interface.py: generated from the OpenRPC document of no_params_no_result.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 1.0.0, openrpc 1.3.2
# spec sha256 a744afcd025b60af3e3ebf141b789171953f9c5976e4de1407c4aeec6d2a0ba8
"""no_params_no_result 1.0.0: Empty ends: a method with an empty params list, a method without result (a notification), a method with neither, a method whose result type is null, and one whose result schema is empty (any value).
5 methods. Use: from no_params_no_result_client import NoParamsNoResultClient; client = NoParamsNoResultClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, Protocol, TypedDict


class EventEmitPayloadParam(TypedDict):
    pass


class RpcError(Exception):
    code: int
    message: str
    data: Any


class NoParamsNoResultClient(Protocol):
    def ping(self) -> str: ...  # No params, a string result.
    def event_emit(self, event: str, payload: EventEmitPayloadParam | None = None) -> None: ...  # (notification) A param, no result: can be sent as a notification.
    def heartbeat(self) -> None: ...  # (notification) Neither params nor result.
    def cache_clear(self) -> None: ...  # No params; the result is always null.
    def debug_dump(self) -> Any: ...  # No params; the result schema is empty, so any JSON value.
