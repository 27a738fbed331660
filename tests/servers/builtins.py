"""The test JSON-RPC server's built-in methods: each answers from its params and may set flags
on the HTTP reply (see the method table in jsonrpc_server's docstring)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.servers.http_wire import Reply


class RpcFault(Exception):
    """Raised by a handler: the call is answered with this JSON-RPC error."""

    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(code, message, data)
        self.code, self.message, self.data = code, message, data


class Omit(Exception):
    """Raised by the ``omit`` built-in: this entry gets no answer."""


def _fail(params: Any, reply: Reply) -> Any:
    raise RpcFault(params["code"], params["message"], params.get("data"))


def _omit(params: Any, reply: Reply) -> Any:
    raise Omit


def _flag(name: str, result: bool = True) -> Callable[[Any, Reply], Any]:
    def builtin(params: Any, reply: Reply) -> Any:
        setattr(reply, name, True)
        return params if result else None

    return builtin


def _status(params: Any, reply: Reply) -> None:
    reply.status = int(params["status"])
    reply.body = str(params.get("body", "")).encode()
    reply.content_type = "text/plain"


def _not_json(params: Any, reply: Reply) -> None:
    reply.body = b"<html><body><h1>502 Bad Gateway</h1></body></html>\n"
    reply.content_type = "text/html"


BUILTINS: dict[str, Callable[[Any, Reply], Any]] = {
    "echo": lambda params, reply: params,
    "fail": _fail,
    "omit": _omit,
    "chunked": _flag("chunked"),
    "trickle": _flag("trickle"),
    "interim": _flag("interim"),
    "close_after": _flag("close_after"),
    "close_header": _flag("close_header"),
    "until_close": _flag("until_close"),
    "drop": _flag("drop", result=False),
    "half_close": _flag("half_close"),
    "wrong_id": _flag("wrong_id"),
    "status": _status,
    "not_json": _not_json,
}


def error_object(req_id: Any, code: int, message: str, data: Any = None) -> dict[str, Any]:
    """A JSON-RPC error response object."""
    error: dict[str, Any] = {"code": code, "message": message}
    if data is not None:
        error["data"] = data
    return {"jsonrpc": "2.0", "id": req_id, "error": error}
