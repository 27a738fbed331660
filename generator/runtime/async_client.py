"""AsyncBaseClient: what every generated asyncio client subclasses; BaseClient's calls as coroutines."""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping
from types import TracebackType
from typing import Any, ClassVar, TypeVar

from .async_transport import _AsyncTransport
from .client import _IDEMPOTENT
from .endpoint import _endpoint_for
from .envelope import _call_result, _check_notified, _notification_body, _Params, _request_body
from .errors import RpcError

_AsyncClientT = TypeVar("_AsyncClientT", bound="AsyncBaseClient")


class AsyncBaseClient:
    """The asyncio twin of BaseClient: same arguments, same errors, calls are coroutines.

    Args:
        socket_path: the service's Unix socket; by default ``$HERO_SOCKET_DIR/<service>/rpc.sock``,
            else ``~/hero/var/sockets/<service>/rpc.sock``.
        url: instead of a socket, ``http://host:port/path``, ``https://...`` or ``unix:/path``.
        timeout: seconds allowed for a whole call (connect, send, response); each call can pass
            its own.
        rpc_path: the HTTP path POSTed to when the URL names none.

    One keep-alive connection, opened by the first call; tasks that share the client take turns
    on it. Use ``async with``, or ``await client.aclose()``.
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
        self._transport = _AsyncTransport(endpoint, timeout)
        self._ids = itertools.count(1)

    async def call(
        self,
        method: str,
        params: _Params = None,
        *,
        timeout: float | None = None,
        idempotent: bool = False,
    ) -> Any:
        """Call any ``method`` by name and return its result (see ``BaseClient.call``)."""
        return await self._request(method, params, timeout, idempotent or method in _IDEMPOTENT)

    async def notify(
        self, method: str, params: _Params = None, *, timeout: float | None = None
    ) -> None:
        """Send ``method`` as a notification: the server runs it and answers with no result."""
        body = _notification_body(method, params)
        status, answer = await self._transport.exchange(body, method, False, timeout)
        _check_notified(status, answer, method, self._ERRORS, self._transport.endpoint.label)

    async def aclose(self) -> None:
        """Close the connection; a later call opens a new one."""
        await self._transport.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._transport.endpoint.label}>"

    async def __aenter__(self: _AsyncClientT) -> _AsyncClientT:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _call(self, method: str, params: _Params) -> Any:
        return await self._request(method, params, None, method in _IDEMPOTENT)

    async def _notify(self, method: str, params: _Params) -> None:
        await self.notify(method, params)

    async def _request(
        self, method: str, params: _Params, timeout: float | None, idempotent: bool
    ) -> Any:
        req_id = next(self._ids)
        transport = self._transport
        body = _request_body(req_id, method, params)
        status, answer = await transport.exchange(body, method, idempotent, timeout)
        return _call_result(status, answer, req_id, method, self._ERRORS, transport.endpoint.label)
