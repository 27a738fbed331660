"""Errors a generated client raises: JSON-RPC errors the server answered, and transport failures.

Exception
 ├── RpcError                 the server answered with a JSON-RPC error: code, message, data
 │    ├── ParseError (-32700), InvalidRequestError (-32600), MethodNotFoundError (-32601),
 │    │   InvalidParamsError (-32602), InternalError (-32603)
 │    └── <Name>Error         one generated subclass per error code the spec declares
 └── TransportError           no usable answer: missing socket, refused, timeout, bad HTTP or JSON
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


class RpcError(Exception):
    """A JSON-RPC error answered by the server for ``method``.

    ``code``, ``message`` and ``data`` (None when the server sent none) come from the error
    object. Subclasses stand for one code each and carry it as the class attribute ``code``, so
    ``except BookNotFoundError`` catches exactly that error and ``except RpcError`` catches all.
    """

    code: int = 0
    _DATA_REPR_LIMIT: ClassVar[int] = 200

    def __init__(self, code: int, message: str, data: Any = None, method: str = "") -> None:
        super().__init__(code, message, data, method)
        self.code = code
        self.message = message
        self.data = data
        self.method = method

    def __str__(self) -> str:
        text = f"{self.code} {self.message}"
        if self.method:
            text = f"{self.method}: {text}"
        if self.data is not None:
            shown = repr(self.data)
            if len(shown) > self._DATA_REPR_LIMIT:
                shown = shown[: self._DATA_REPR_LIMIT - 3] + "..."
            text += f" (data: {shown})"
        return text


class ParseError(RpcError):
    """The server could not parse the request as JSON (code -32700)."""

    code = -32700


class InvalidRequestError(RpcError):
    """The request was not a valid JSON-RPC 2.0 request object (code -32600)."""

    code = -32600


class MethodNotFoundError(RpcError):
    """The server has no such method (code -32601)."""

    code = -32601


class InvalidParamsError(RpcError):
    """The method's parameters were wrong: missing, extra or of the wrong type (code -32602)."""

    code = -32602


class InternalError(RpcError):
    """The server failed while handling the call (code -32603)."""

    code = -32603


_STANDARD_ERRORS: Mapping[int, type[RpcError]] = {
    cls.code: cls
    for cls in (
        ParseError,
        InvalidRequestError,
        MethodNotFoundError,
        InvalidParamsError,
        InternalError,
    )
}


class TransportError(Exception):
    """No usable JSON-RPC answer came back from ``endpoint`` (a socket path or URL).

    The message says what happened there: no such socket, connection refused, timeout, an HTTP
    status other than 200 (with the first line of the body), a body that is not JSON, or a
    response whose id does not match the request.
    """

    def __init__(self, endpoint: str, problem: str) -> None:
        super().__init__(endpoint, problem)
        self.endpoint = endpoint
        self.problem = problem

    def __str__(self) -> str:
        return f"{self.endpoint}: {self.problem}"


class _RequestNotSent(Exception):
    """Sending failed on a reused connection, so the server cannot have the whole request."""


class _ConnectionLost(Exception):
    """The connection failed after the request was sent: the server may have acted on it."""


def _error_from_response(
    error: Any, method: str, declared: Mapping[int, type[RpcError]]
) -> RpcError:
    """The exception for a response's ``error`` member: declared codes first, then standard ones."""
    if not isinstance(error, dict):
        return RpcError(0, "malformed error object", error, method)
    code = error.get("code")
    if not isinstance(code, int) or isinstance(code, bool):
        code = 0
    message = error.get("message")
    if not isinstance(message, str):
        message = "" if message is None else str(message)
    cls = declared.get(code) or _STANDARD_ERRORS.get(code, RpcError)
    return cls(code, message, error.get("data"), method)
