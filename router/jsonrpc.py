"""JSON-RPC 2.0 envelopes: a request body (single or batch) in, a reply body (or none) out.

Shared by the router's own methods and the demo service. `Dispatcher.handle` takes the POSTed
bytes and returns the bytes to send back (None when only notifications came in); `rpc_endpoint`
serves it as a Starlette endpoint.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

__all__ = [
    "PARSE_ERROR",
    "INVALID_REQUEST",
    "METHOD_NOT_FOUND",
    "INVALID_PARAMS",
    "INTERNAL_ERROR",
    "Json",
    "Handler",
    "RpcError",
    "InvalidParams",
    "ParamSpec",
    "Method",
    "Dispatcher",
    "rpc_endpoint",
]

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603

Json = Any
"""A JSON value as `json.loads` returns it."""

Handler = Callable[[dict[str, Json]], Awaitable[Json]]
"""An async method implementation: params bound by name (defaults filled in) -> JSON result."""

log = logging.getLogger(__name__)

_JSON_TYPES: dict[str, Callable[[Json], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


class RpcError(Exception):
    """An error reply: raise it from a handler to answer with this code, message and data."""

    def __init__(self, code: int, message: str, data: Json = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data

    def to_json(self) -> dict[str, Json]:
        error: dict[str, Json] = {"code": self.code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error


class InvalidParams(RpcError):
    """-32602, naming the offending param in the message and in ``data.param``."""

    def __init__(self, param: str, problem: str) -> None:
        super().__init__(INVALID_PARAMS, f"invalid param '{param}': {problem}", {"param": param})


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """One declared param: what `Method.bind` checks before the handler runs.

    ``types`` are JSON Schema type names (empty: any). ``check`` returns a problem text or None
    and runs after the type check (schema constraints beyond the type live there).
    """

    name: str
    required: bool = False
    types: tuple[str, ...] = ()
    has_default: bool = False
    default: Json = None
    check: Callable[[Json], str | None] | None = None

    @property
    def allows_null(self) -> bool:
        return not self.types or "null" in self.types

    def validate(self, value: Json) -> None:
        if self.types and not any(_JSON_TYPES[t](value) for t in self.types):
            raise InvalidParams(
                self.name, f"expected {' or '.join(self.types)}, got {_type_name(value)}"
            )
        problem = self.check(value) if self.check is not None else None
        if problem is not None:
            raise InvalidParams(self.name, problem)


@dataclass(frozen=True, slots=True)
class Method:
    """A method name, its declared params (in position order) and its handler."""

    name: str
    handler: Handler
    params: tuple[ParamSpec, ...] = ()

    def bind(self, params: list[Json] | dict[str, Json]) -> dict[str, Json]:
        """Positional or named params -> validated params by name, defaults filled in.

        An explicit null for an optional param that does not allow null counts as absent: typed
        clients often send None for "not given".
        """
        if isinstance(params, list):
            if len(params) > len(self.params):
                raise RpcError(
                    INVALID_PARAMS, f"too many params: {self.name} takes at most {len(self.params)}"
                )
            params = {spec.name: value for spec, value in zip(self.params, params, strict=False)}
        declared = {spec.name for spec in self.params}
        for name in params:
            if name not in declared:
                raise InvalidParams(name, f"not a param of {self.name}")
        bound: dict[str, Json] = {}
        for spec in self.params:
            value = params.get(spec.name)
            if spec.name in params and (value is not None or spec.required or spec.allows_null):
                spec.validate(value)
                bound[spec.name] = value
            elif spec.required:
                raise InvalidParams(spec.name, "required param is missing")
            elif spec.has_default:
                bound[spec.name] = spec.default
        return bound


class Dispatcher:
    """Routes requests to registered methods; batches are answered in order, one at a time."""

    def __init__(self, methods: Iterable[Method]) -> None:
        self._methods = {method.name: method for method in methods}

    async def handle(self, body: bytes) -> bytes | None:
        """A request body -> the reply body, or None when there is nothing to send back."""
        try:
            message = json.loads(body)
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            return _error_reply(None, RpcError(PARSE_ERROR, f"parse error: {exc}"))
        if not isinstance(message, list):
            return await self._reply(message)
        if not message:
            return _error_reply(None, RpcError(INVALID_REQUEST, "invalid request: empty batch"))
        replies = [reply for request in message if (reply := await self._reply(request))]
        return b"[" + b",".join(replies) + b"]" if replies else None

    async def _reply(self, request: Json) -> bytes | None:
        """One decoded request -> its encoded reply, or None for a notification."""
        problem = _request_problem(request)
        if problem is not None:
            request_id = request.get("id") if isinstance(request, dict) else None
            return _error_reply(request_id if _valid_id(request_id) else None, problem)
        try:
            result = await self._call(request["method"], request.get("params", []))
        except RpcError as exc:
            return _error_reply(request["id"], exc) if "id" in request else None
        if "id" not in request:
            return None
        try:
            return _result_reply(request["id"], result)
        except (TypeError, ValueError) as exc:  # the handler returned something JSON cannot hold
            log.error("%s returned a non-JSON result: %s", request["method"], exc)
            return _error_reply(request["id"], RpcError(INTERNAL_ERROR, "internal error"))

    async def _call(self, name: str, params: list[Json] | dict[str, Json]) -> Json:
        method = self._methods.get(name)
        if method is None:
            raise RpcError(METHOD_NOT_FOUND, f"method not found: {name}")
        bound = method.bind(params)
        try:
            return await method.handler(bound)
        except RpcError:
            raise
        except Exception as exc:
            log.exception("%s failed", name)
            raise RpcError(INTERNAL_ERROR, "internal error", {"type": type(exc).__name__}) from exc


def rpc_endpoint(dispatcher: Dispatcher) -> Callable[[Request], Awaitable[Response]]:
    """A Starlette endpoint for JSON-RPC POSTs: 200 with the reply, 204 when there is none."""

    async def endpoint(request: Request) -> Response:
        reply = await dispatcher.handle(await request.body())
        if reply is None:
            return Response(status_code=204)
        return Response(reply, media_type="application/json")

    return endpoint


def _request_problem(request: Json) -> RpcError | None:
    if not isinstance(request, dict):
        return RpcError(INVALID_REQUEST, "invalid request: expected an object")
    if request.get("jsonrpc") != "2.0":
        return RpcError(INVALID_REQUEST, "invalid request: 'jsonrpc' must be \"2.0\"")
    if not isinstance(request.get("method"), str):
        return RpcError(INVALID_REQUEST, "invalid request: 'method' must be a string")
    if not isinstance(request.get("params", []), list | dict):
        return RpcError(INVALID_REQUEST, "invalid request: 'params' must be an array or an object")
    if "id" in request and not _valid_id(request["id"]):
        return RpcError(INVALID_REQUEST, "invalid request: 'id' must be a string, number or null")
    return None


def _valid_id(value: Json) -> bool:
    return value is None or (isinstance(value, str | int | float) and not isinstance(value, bool))


def _result_reply(request_id: Json, result: Json) -> bytes:
    return _encode({"jsonrpc": "2.0", "id": request_id, "result": result})


def _error_reply(request_id: Json, error: RpcError) -> bytes:
    return _encode({"jsonrpc": "2.0", "id": request_id, "error": error.to_json()})


def _encode(reply: dict[str, Json]) -> bytes:
    return json.dumps(reply, separators=(",", ":"), ensure_ascii=False).encode()


def _type_name(value: Json) -> str:
    return next((name for name, test in _JSON_TYPES.items() if test(value)), type(value).__name__)
