"""Proxy room, fast path: the router's HTTP protocol for uvicorn. Plain ``POST /<service>/rpc``
calls to services on Unix sockets are answered here through `router.relay`, with no task per
call; a connection's first other request hands it to uvicorn's own protocol, for good."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar, cast

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
from uvicorn.server import ServerState

from router.call_heads import CallHeads, PlainCall
from router.proxy import failure
from router.registry import Registry
from router.relay import Call, Relay
from router.relay_conn import Fields
from router.routes import json_error
from router.upstream import WHOLE, Endpoint, UpstreamError

__all__ = ["FastPath", "fast_path"]

_MAX_HEAD = 16384  # bytes without a whole head: not a call for this path
_MAX_WAITING = 4 * WHOLE  # bytes read ahead of the call in flight before the client is paused


def fast_path(registry: Registry, relay: Relay, token: str | None) -> type[FastPath]:
    """`FastPath` bound to the router's state, for ``uvicorn.Config(http=...)`` (which passes
    its protocol class nothing else)."""
    fields = {"heads": CallHeads(registry, token), "relay": relay}
    return cast(type[FastPath], type("RouterFastPath", (FastPath,), fields))


class FastPath(asyncio.Protocol):
    """One client connection. Requests are answered in order, the next one read only once the
    answer before it went out; uvicorn's graceful shutdown closes it when idle."""

    heads: ClassVar[CallHeads]
    relay: ClassVar[Relay]

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        self.config, self.server_state = config, server_state
        self.app_state, self._loop = app_state, _loop  # for uvicorn's protocol, on handover
        self.buffer = b""
        self.call: Call | None = None
        self.pending: PlainCall | None = None  # a call whose body is not all in yet
        self.service, self.endpoint = "", Endpoint()
        self.chunked = self.closing = False
        self.reading = self.writable = True
        self.idle_since = 0.0
        self.idle_timer: asyncio.TimerHandle | None = None
        self._defaults: tuple[object, bytes] = (None, b"")

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is no asyncio.Transport
        self.loop = asyncio.get_running_loop()
        # uvicorn types the set with its own protocol classes; it only calls shutdown() on them.
        self.server_state.connections.add(self)  # type: ignore[arg-type]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if self.call is None and self.writable:
            self._next()
        elif len(self.buffer) > _MAX_WAITING and self.reading:
            self.reading = False
            self.transport.pause_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        self.server_state.connections.discard(self)
        if self.idle_timer is not None:
            self.idle_timer.cancel()
        if self.call is not None:
            self.call.cancel()
            self.call = None

    def pause_writing(self) -> None:
        self.writable = False
        if self.call is not None:
            self.call.pause()

    def resume_writing(self) -> None:
        self.writable = True
        if self.call is not None:
            self.call.resume()
        elif self.buffer:
            self._next()  # pipelined calls wait while the client does not read its answers

    def shutdown(self) -> None:
        """uvicorn's graceful shutdown: close now if idle, else after the answer in flight."""
        if self.call is None:
            self.transport.close()
        else:
            self.closing = True

    # requests

    def _next(self) -> None:
        """Send the call at the start of the buffer once its body is in, or hand over."""
        plain = self.pending or self._parse()
        if plain is None:
            return
        end, length, record, head = plain
        buffer = self.buffer
        if len(buffer) < end + length:
            self.pending = plain  # the body's rest is on its way (often in the next read)
            return
        self.pending, self.buffer = None, buffer[end + length :]
        self.service, self.endpoint = record.name, record.endpoint
        self.call = self.relay.call(record.endpoint, head + buffer[end : end + length], self)

    def _parse(self) -> PlainCall | None:
        """The call whose head starts the buffer; None while that head is incomplete, or once
        the connection was handed over."""
        buffer = self.buffer
        end = buffer.find(b"\r\n\r\n") + 4
        if end < 4:
            if len(buffer) > _MAX_HEAD or not b"POST /".startswith(buffer[:6]):
                self._hand_over()
            return None
        plain = self.heads.read(buffer, end)
        if plain is None:
            self._hand_over()
        return plain

    def _hand_over(self) -> None:
        """uvicorn's protocol takes the connection, from the request at the buffer's start."""
        self.server_state.connections.discard(self)
        if self.idle_timer is not None:
            self.idle_timer.cancel()
        if not self.reading:
            self.reading = True
            self.transport.resume_reading()
        inner = HttpToolsProtocol(
            config=self.config,
            server_state=self.server_state,
            app_state=self.app_state,
            _loop=self._loop,
        )
        data, self.buffer = self.buffer, b""
        self.transport.set_protocol(inner)
        inner.connection_made(self.transport)
        inner.data_received(data)

    # answers (relay.Sink)

    def answer(self, status: int, fields: Fields, body: bytes) -> None:
        self.transport.write(self._head(status, fields, body))  # one write: it shows at p50
        self._done()

    def answer_start(self, status: int, fields: Fields, length: int | None) -> None:
        self.chunked = length is None
        if self.chunked:
            fields = [*fields, b"transfer-encoding: chunked\r\n"]
        self.transport.write(self._head(status, fields))
        if not self.writable and self.call is not None:
            self.call.pause()

    def answer_part(self, data: bytes) -> None:
        self.transport.write(b"%x\r\n%s\r\n" % (len(data), data) if self.chunked else data)

    def answer_end(self) -> None:
        if self.chunked:
            self.transport.write(b"0\r\n\r\n")
        self._done()

    def answer_failed(self, error: UpstreamError, started: bool) -> None:
        refusal = failure(self.endpoint, error, started)
        if refusal is None:
            self.call = None
            self.transport.close()
            return
        response = json_error(refusal.status, f"{self.service}: {refusal.message}")
        fields = [name + b": " + value + b"\r\n" for name, value in response.raw_headers]
        self.transport.write(self._head(refusal.status, fields, bytes(response.body)))
        self._done()

    def _head(self, status: int, fields: Fields, body: bytes = b"") -> bytes:
        """The answer's head (and ``body``) as the client gets it."""
        defaults = self.server_state.default_headers  # date and server, renewed every second
        if self._defaults[0] is not defaults:
            self._defaults = defaults, b"".join(n + b": " + v + b"\r\n" for n, v in defaults)
        line = STATUS_LINE.get(status) or b"HTTP/1.1 %d \r\n" % status
        return b"".join([line, self._defaults[1], *fields, b"\r\n", body])

    def _done(self) -> None:
        self.call = None
        self.server_state.total_requests += 1
        if self.closing:
            self.transport.close()
            return
        if not self.reading:
            self.reading = True
            self.transport.resume_reading()
        if self.buffer:
            if self.writable:
                self._next()
        else:
            self.idle_since = self.loop.time()
            if self.idle_timer is None:
                self.idle_timer = self.loop.call_later(self.config.timeout_keep_alive, self._idle)

    def _idle(self) -> None:
        """Close the connection once it was idle for uvicorn's keep-alive timeout."""
        self.idle_timer = None
        if self.call is not None or self.buffer:
            return  # busy: armed again when idle
        left = self.idle_since + self.config.timeout_keep_alive - self.loop.time()
        if left > 0:
            self.idle_timer = self.loop.call_later(left, self._idle)
        else:
            self.transport.close()
