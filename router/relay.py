"""Proxy room, fast path's service side: calls on pooled keep-alive connections to Unix sockets
(router.relay_conn), their answers handed to a `Sink`, one watchdog timer for their timeouts. No
task and no future per call: a task only to open a new connection."""

from __future__ import annotations

import asyncio
from typing import Protocol

from router.idle import IdleConnections
from router.relay_conn import Fields, RelayConn
from router.upstream import Endpoint, UpstreamError, UpstreamTimeout

__all__ = ["Call", "Relay", "Sink"]


class Sink(Protocol):
    """Where a call's answer goes: whole, or as a head, parts and an end; or its failure."""

    def answer(self, status: int, fields: Fields, body: bytes) -> None: ...

    def answer_start(self, status: int, fields: Fields, length: int | None) -> None: ...

    def answer_part(self, data: bytes) -> None: ...

    def answer_end(self) -> None: ...

    def answer_failed(self, error: UpstreamError, started: bool) -> None: ...


class Relay:
    """Idle connections per socket path, reused by the rules of `router.idle` (as
    `router.upstream.Pool` does), and the calls in flight."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.sent = 0  # calls taken, for /healthz
        self._idle: dict[str, IdleConnections[RelayConn]] = {}  # by socket path
        self.loop: asyncio.AbstractEventLoop | None = None
        self.calls: set[Call] = set()  # in flight, each with its deadline
        self._watchdog: asyncio.TimerHandle | None = None

    def call(self, endpoint: Endpoint, request: bytes, sink: Sink) -> Call:
        """Send ``request`` (a whole HTTP request) to the service at ``endpoint`` (a Unix
        socket); its answer goes to ``sink``."""
        if self.loop is None:
            self.loop = asyncio.get_running_loop()
        self.sent += 1
        call = Call(self, endpoint, request, sink)
        self.calls.add(call)
        if self._watchdog is None:
            self._watchdog = self.loop.call_later(self.timeout, self._expire)
        idle = self._idle.get(endpoint.socket_path or "")
        conn = None if idle is None else idle.take()
        if conn is None:
            call.connect()
        else:
            call.send(conn)
        return call

    def close(self) -> None:
        """Close the idle connections (those in use close when their call ends)."""
        for idle in self._idle.values():
            idle.close()

    def release(self, conn: RelayConn) -> None:
        idle = self._idle.get(conn.socket_path)
        if idle is None:
            idle = self._idle[conn.socket_path] = IdleConnections()
        idle.put(conn)

    def _expire(self) -> None:
        """One timer for all calls in flight (cheaper than one each): the calls past their
        deadline expire, then the timer waits for the next deadline."""
        assert self.loop is not None
        now = self.loop.time()
        for call in [call for call in self.calls if call.deadline <= now]:
            call.expire()  # its client may send the next call meanwhile: no second timer
        self._watchdog = None
        if self.calls:
            soonest = min(call.deadline for call in self.calls)
            self._watchdog = self.loop.call_later(soonest - now, self._expire)


class Call:
    """One proxied call: the client side holds it to cancel it (client gone: the connection is
    dropped, not pooled) or to pause the service while the client reads slowly."""

    def __init__(self, relay: Relay, endpoint: Endpoint, request: bytes, sink: Sink) -> None:
        assert relay.loop is not None  # Relay.call sets it
        self._relay, self._loop = relay, relay.loop
        self._endpoint, self._request = endpoint, request
        self._sink: Sink | None = sink
        self._conn: RelayConn | None = None
        self._retried = self.started = self.paused = self.active = False
        self.deadline = self._loop.time() + relay.timeout
        self._connecting: asyncio.Task[None] | None = None

    def send(self, conn: RelayConn) -> None:
        self._conn = conn
        conn.start(self)
        assert conn.transport is not None
        conn.transport.write(self._request)

    def connect(self) -> None:
        self._connecting = self._loop.create_task(self._connect())  # the loop keeps a weak ref

    def cancel(self) -> None:
        """The client went away (or the call failed): drop the service's connection."""
        self._end()
        if self._conn is not None:
            self._conn.close()

    def pause(self) -> None:
        self.paused = True
        if self._conn is not None and self._conn.transport is not None:
            self._conn.transport.pause_reading()

    def resume(self) -> None:
        self.paused = False
        if self._conn is not None and self._conn.transport is not None and not self._conn.closed:
            self._conn.transport.resume_reading()

    # from the connection

    def head(self, status: int, fields: Fields, length: int | None) -> None:
        if self._sink is not None:
            self.started = True
            self._sink.answer_start(status, fields, length)

    def part(self, data: bytes) -> None:
        if self._sink is not None:
            self.active = True
            self._sink.answer_part(data)

    def done(self, conn: RelayConn, status: int, fields: Fields, body: bytes | None) -> None:
        """The whole answer (``body`` None: it was streamed); ``conn`` is free again."""
        sink = self._end()
        if conn.keep_alive and not conn.closed:
            self._relay.release(conn)
        else:
            conn.close()
        if sink is None:
            return
        if body is None:
            sink.answer_end()
        else:
            sink.answer(status, fields, body)

    def lost(self, conn: RelayConn, error: str) -> None:
        """``conn`` broke (or was closed by the service) before the answer's end."""
        if self._sink is None:
            return
        if not conn.heard and conn.reused and not self._retried:
            # A pooled connection the service closed while it sat idle: the request (almost
            # surely) never reached it, so one more try on a new connection.
            self._retried, self._conn, conn.call = True, None, None
            self.connect()
        elif conn.heard:
            self.fail(UpstreamError(f"broken response: {error}"))
        else:
            self.fail(UpstreamError(f"{self._endpoint}: {error}"))

    def fail(self, error: UpstreamError) -> None:
        sink = self._sink
        if sink is not None:
            self.cancel()
            sink.answer_failed(error, self.started)

    # inside

    def _end(self) -> Sink | None:
        sink, self._sink = self._sink, None
        self._relay.calls.discard(self)
        conn = self._conn
        if conn is not None:
            conn.call = None
            if self.paused and conn.transport is not None and not conn.closed:
                conn.transport.resume_reading()  # it may serve another call
        return sink

    async def _connect(self) -> None:
        endpoint = self._endpoint
        try:
            async with asyncio.timeout(self._relay.timeout):
                _, conn = await self._loop.create_unix_connection(
                    lambda: RelayConn(endpoint.socket_path or ""), endpoint.socket_path
                )
        except TimeoutError:
            return  # the call's own timer (started earlier) answers it
        except OSError as error:
            self.fail(UpstreamError(f"{endpoint}: {error.strerror or error}"))
            return
        if self._sink is None:
            conn.close()  # the call ended while connecting
        else:
            self.send(conn)

    def expire(self) -> None:
        """Past the deadline: fail, unless an answer is still streaming (then only when it
        stalled for the timeout)."""
        if self.active or self.paused:
            self.active = False
            self.deadline = self._loop.time() + self._relay.timeout
            return
        timeout = self._relay.timeout
        if self._conn is None:
            self.fail(UpstreamTimeout(f"{self._endpoint}: no connection within {timeout:g} s"))
        else:
            self.fail(UpstreamTimeout(f"no answer within {timeout:g} s"))
