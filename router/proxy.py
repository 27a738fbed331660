"""Proxy room, uvicorn's path: a POST to /<service>/rpc that router.fastpath handed over (streamed
or big bodies, URL services) goes to the service's /rpc over a pooled keep-alive connection;
request and response bodies stream through without being held whole."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from starlette.types import Message, Receive, Scope, Send

from router.upstream import WHOLE, Body, Endpoint, Pool, UpstreamError, UpstreamTimeout

__all__ = ["REQUEST_DROP", "RESPONSE_DROP", "Proxy", "ProxyError", "failure"]

log = logging.getLogger("router.proxy")

# Hop-by-hop headers, plus what the router sets itself; the router's token never reaches services.
REQUEST_DROP = frozenset(
    b"host connection keep-alive transfer-encoding content-length te trailer upgrade expect"
    b" authorization proxy-authorization proxy-connection".split()
)
RESPONSE_DROP = frozenset(b"connection keep-alive transfer-encoding date server".split())


class ProxyError(Exception):
    """Nothing was sent to the client yet: answer with this HTTP status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _ClientGone(Exception):
    pass


class Proxy:
    """One connection pool per service endpoint, shared by all requests."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.forwarded = 0  # calls taken, for /healthz
        self._pools: dict[Endpoint, Pool] = {}

    async def forward(self, endpoint: Endpoint, scope: Scope, receive: Receive, send: Send) -> None:
        """Relay one request; raises ProxyError if the service fails before the answer starts."""
        self.forwarded += 1
        pool = self._pools.get(endpoint)
        if pool is None:
            pool = self._pools[endpoint] = Pool(endpoint)
        headers = [(name, value) for name, value in scope["headers"] if name not in REQUEST_DROP]
        started = False
        try:
            body, length = await _request_body(scope, receive)
            async with pool.exchange("POST", "/rpc", headers, body, self.timeout, length) as answer:
                start: Message = {
                    "type": "http.response.start",
                    "status": answer.status,
                    "headers": [item for item in answer.headers if item[0] not in RESPONSE_DROP],
                }
                if answer.length is not None and answer.length <= WHOLE:  # in one piece
                    data = await answer.read()
                    await send(start)
                    started = True
                    await send({"type": "http.response.body", "body": data})
                    return
                await send(start)
                started = True
                async for chunk in answer.chunks():
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
                await send({"type": "http.response.body", "body": b""})
        except _ClientGone:
            return
        except UpstreamError as error:
            refusal = failure(endpoint, error, started)
            if refusal is not None:
                raise refusal from None

    async def close(self) -> None:
        for pool in self._pools.values():
            await pool.close()
        self._pools.clear()


def failure(endpoint: Endpoint, error: UpstreamError, started: bool) -> ProxyError | None:
    """Logs a call that failed; the error to answer with, or None when the answer had started
    (too late for an error status: the cut connection says it)."""
    if started:
        log.error("%s: the answer broke off: %s", endpoint, error)
        return None
    status = 504 if isinstance(error, UpstreamTimeout) else 502
    log.warning("%s: proxied call failed (%d): %s", endpoint, status, error)
    return ProxyError(status, str(error))


async def _request_body(scope: Scope, receive: Receive) -> tuple[Body, int | None]:
    """The whole body when it came in one message (the usual case), else a stream of it."""
    first = await receive()
    if first["type"] == "http.disconnect":
        raise _ClientGone
    if not first.get("more_body"):
        return first.get("body", b""), None
    length = next((int(v) for k, v in scope["headers"] if k == b"content-length"), None)
    return _rest(first.get("body", b""), receive), length


async def _rest(first: bytes, receive: Receive) -> AsyncIterator[bytes]:
    yield first
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _ClientGone
        yield message.get("body", b"")
        if not message.get("more_body"):
            return
