"""BaseClient: what every generated sync client subclasses; JSON-RPC 2.0 over the sync transport."""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping
from types import TracebackType
from typing import Any, ClassVar, TypeVar

from .endpoint import _endpoint_for
from .envelope import (
    _batch_request,
    _batch_result,
    _call_result,
    _check_notified,
    _notification_body,
    _Params,
    _request_body,
)
from .errors import RpcError
from .transport import _Transport

_IDEMPOTENT = frozenset({"rpc.discover"})  # safe to send twice; JSON-RPC says nothing of others
_ClientT = TypeVar("_ClientT", bound="BaseClient")


class BaseClient:
    """A JSON-RPC 2.0 client speaking HTTP/1.1 to a Unix socket (the default) or an http(s) URL.

    Args:
        socket_path: the service's Unix socket; by default ``$HERO_SOCKET_DIR/<service>/rpc.sock``,
            else ``~/hero/var/sockets/<service>/rpc.sock``.
        url: instead of a socket, ``http://host:port/path``, ``https://...`` (verified against the
            system's trusted certificates) or ``unix:/path/to.sock``.
        timeout: seconds allowed to connect, to send, and for each wait for response bytes;
            each call can pass its own.
        rpc_path: the HTTP path requests are POSTed to when the URL names none ("/rpc" for hero
            services, "/" for most other servers).

    The client keeps one keep-alive connection, opened by the first call and reopened when the
    server closes it. Threads may share a client: their calls take turns on the connection. Use
    it as a context manager, or call ``close()``. Failures raise ``RpcError`` (the server answered
    with an error) or ``TransportError`` (no usable answer came).
    """

    _SERVICE: ClassVar[str] = ""
    _ERRORS: ClassVar[Mapping[int, type[RpcError]]] = {}

    def __init__(
        self,
        socket_path: str | os.PathLike[str] | None = None,
        *,
        url: str | None = None,
        timeout: float = 30.0,
        rpc_path: str = "/rpc",
    ) -> None:
        endpoint = _endpoint_for(socket_path, url, rpc_path, self._SERVICE)
        self._transport = _Transport(endpoint, timeout)
        self._ids = itertools.count(1)

    def call(
        self,
        method: str,
        params: _Params = None,
        *,
        timeout: float | None = None,
        idempotent: bool = False,
    ) -> Any:
        """Call any ``method`` by name and return its result.

        ``params`` is a dict (by name), a list (by position) or None. A call is sent a second
        time after a lost connection only when ``idempotent`` (``rpc.discover`` always is).
        """
        return self._request(method, params, timeout, idempotent or method in _IDEMPOTENT)

    def notify(self, method: str, params: _Params = None, *, timeout: float | None = None) -> None:
        """Send ``method`` as a notification: the server runs it and answers with no result."""
        body = _notification_body(method, params)
        status, answer = self._transport.exchange(body, method, False, timeout)
        _check_notified(status, answer, method, self._ERRORS, self._transport.endpoint.label)

    def close(self) -> None:
        """Close the connection; a later call opens a new one."""
        self._transport.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._transport.endpoint.label}>"

    def __enter__(self: _ClientT) -> _ClientT:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _call(self, method: str, params: _Params) -> Any:
        return self._request(method, params, None, method in _IDEMPOTENT)

    def _notify(self, method: str, params: _Params) -> None:
        self.notify(method, params)

    def _request(
        self, method: str, params: _Params, timeout: float | None, idempotent: bool
    ) -> Any:
        req_id = next(self._ids)
        transport = self._transport
        body = _request_body(req_id, method, params)
        status, answer = transport.exchange(body, method, idempotent, timeout)
        return _call_result(status, answer, req_id, method, self._ERRORS, transport.endpoint.label)

    def _batch_calls(
        self, calls: list[tuple[str, _Params, bool]]
    ) -> list[tuple[Any, Exception | None]]:
        """Send ``(method, params, is_notification)`` calls as one batch request.

        Returns (result, error) per call, in order; (None, None) for notifications.
        """
        ids = [None if notification else next(self._ids) for _, _, notification in calls]
        status, answer = self._transport.exchange(_batch_request(calls, ids), "batch", False, None)
        entries = [(req_id, method) for req_id, (method, _, _) in zip(ids, calls, strict=True)]
        return _batch_result(status, answer, entries, self._ERRORS, self._transport.endpoint.label)
