"""HTTP/1.1 client to services on Unix sockets or TCP, with pooled keep-alive connections.

For discovery, the agent, and the proxied calls router.fastpath leaves to uvicorn (streamed or
big request bodies, URL services); router.relay serves the others with no task per call. A
Protocol, not asyncio streams (65 us of CPU per book.get; streams 75, httpx over uds 850).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

from router.idle import IdleConnections

__all__ = [
    "WHOLE",
    "Body",
    "Endpoint",
    "Exchange",
    "Headers",
    "Pool",
    "UpstreamError",
    "UpstreamTimeout",
    "request_head",
]

Headers = Sequence[tuple[bytes, bytes]]
Body = bytes | AsyncIterator[bytes]
WHOLE = 65536  # an answer with a Content-Length up to this is awaited whole, with its head
_HEAD_END = b"\r\n\r\n"
_HIGH_WATER = 4 * WHOLE  # bytes buffered from a service before its socket is read no more


class UpstreamError(Exception):
    """The service could not be reached, timed out, or broke the HTTP exchange."""


class UpstreamTimeout(UpstreamError):
    """The service did not answer in time."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where a service listens: a Unix socket, or the host, port and path prefix of a URL."""

    socket_path: str | None = None
    host: str = "localhost"
    port: int = 80
    tls: bool = False
    prefix: str = ""

    @classmethod
    def from_url(cls, url: str) -> Endpoint:
        """An endpoint from an http(s) URL; ValueError when it is not one."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
        tls = parts.scheme == "https"
        port = parts.port or (443 if tls else 80)
        return cls(host=parts.hostname, port=port, tls=tls, prefix=parts.path.rstrip("/"))

    @property
    def authority(self) -> bytes:
        """The Host header's value."""
        return b"localhost" if self.socket_path is not None else f"{self.host}:{self.port}".encode()

    def __str__(self) -> str:
        if self.socket_path is not None:
            return f"unix:{self.socket_path}"
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}{self.prefix}"


class _Conn(asyncio.Protocol):
    """One connection: what arrived waits in ``buffer``; one reader at a time waits for more."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.closed = False
        self.reused = False
        self.idle_since = 0.0
        self._waiter: asyncio.Future[None] | None = None
        self._ready = self.has_data
        self._writable: asyncio.Future[None] | None = None

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A stream transport; not an asyncio.Transport instance under uvloop (which uvicorn
        # picks when it is installed), so no isinstance check.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > _HIGH_WATER and self.transport is not None:
            self.transport.pause_reading()  # the reader is slower: hold the service back
        if self._waiter is not None and not self._waiter.done() and self._ready():
            self._waiter.set_result(None)

    def eof_received(self) -> bool:
        self.connection_lost(None)
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        for waiter in (self._waiter, self._writable):
            if waiter is not None and not waiter.done():
                waiter.set_result(None)

    def pause_writing(self) -> None:
        self._writable = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        if self._writable is not None and not self._writable.done():
            self._writable.set_result(None)
        self._writable = None

    # reading and writing

    async def wait(self, ready: Callable[[], bool], timeout: float) -> None:
        """Until ``ready()``; ConnectionError when the connection ends first."""
        while not ready():
            if self.closed:
                raise ConnectionError("the service closed the connection")
            loop = asyncio.get_running_loop()
            self._waiter, self._ready = loop.create_future(), ready
            timer = loop.call_later(timeout, _expire, self._waiter, timeout)
            try:
                await self._waiter
            finally:
                timer.cancel()
                self._waiter, self._ready = None, self.has_data

    def take(self, size: int) -> bytes:
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        if len(self.buffer) <= _HIGH_WATER and self.transport is not None and not self.closed:
            self.transport.resume_reading()
        return data

    async def drain(self, timeout: float) -> None:
        if self._writable is not None:
            timer = asyncio.get_running_loop().call_later(timeout, _expire, self._writable, timeout)
            try:
                await self._writable
            finally:
                timer.cancel()
        if self.closed:
            raise ConnectionError("the service closed the connection")

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def has_data(self) -> bool:
        return bool(self.buffer)

    def head_ready(self) -> bool:
        """A whole response head, and with it the whole body when that is short."""
        end = self.buffer.find(_HEAD_END)
        if end < 0:
            return False
        length = _content_length(bytes(self.buffer[:end]))
        return length is None or length > WHOLE or len(self.buffer) >= end + 4 + length


def _expire(waiter: asyncio.Future[None], timeout: float) -> None:
    if not waiter.done():
        waiter.set_exception(UpstreamTimeout(f"no answer within {timeout:g} s"))


def _content_length(head: bytes) -> int | None:
    """The Content-Length of a raw head; None when absent or unreadable (Exchange says why)."""
    at = head.lower().find(b"\r\ncontent-length:")
    if at < 0:
        return None
    end = head.find(b"\r\n", at + 2)
    try:
        return int(head[at + 17 : end if end >= 0 else None])
    except ValueError:
        return None


class Exchange:
    """One response being read: status, headers (names lower-cased) and the body."""

    def __init__(self, conn: _Conn, head: bytes, timeout: float) -> None:
        status_line, *lines = head[:-4].split(b"\r\n")
        version, status = status_line.split(b" ", 2)[:2]
        if not version.startswith(b"HTTP/1."):
            raise ValueError(f"not an HTTP/1.x response: {status_line[:40]!r}")
        self.status = int(status)
        self.headers: list[tuple[bytes, bytes]] = []
        headers = self.headers
        fields: dict[bytes, bytes] = {}
        for line in lines:
            name, colon, value = line.partition(b":")
            if not colon:
                raise ValueError(f"malformed header line: {line[:40]!r}")
            header = name.strip().lower(), value.strip()
            headers.append(header)
            fields[header[0]] = header[1]
        connection = fields.get(b"connection", b"").lower()
        self.keep_alive = b"close" not in connection and (
            version == b"HTTP/1.1" or b"keep-alive" in connection
        )
        self.chunked = b"chunked" in fields.get(b"transfer-encoding", b"").lower()
        length = fields.get(b"content-length")
        no_body = self.status in (204, 304) or self.status < 200
        self.length = 0 if no_body else None if self.chunked or length is None else int(length)
        self.complete = False
        self._conn = conn
        self._timeout = timeout

    async def read(self) -> bytes:
        """The whole response body."""
        if self.length is not None and len(self._conn.buffer) >= self.length:
            self.complete = True  # the usual case: it came with the head (see head_ready)
            return self._conn.take(self.length)
        return b"".join([chunk async for chunk in self.chunks()])

    async def chunks(self) -> AsyncIterator[bytes]:
        """The response body as it arrives; every wait has the exchange's timeout."""
        try:
            if self.chunked:
                parts = self._chunked()
            elif self.length is not None:
                parts = self._sized(self.length)
            else:
                parts = self._until_close()
            async for part in parts:
                yield part
        except (ConnectionError, ValueError) as error:
            raise UpstreamError(f"broken response: {error}") from error
        self.complete = True

    async def _sized(self, remaining: int) -> AsyncIterator[bytes]:
        conn = self._conn
        while remaining:
            await conn.wait(conn.has_data, self._timeout)
            part = conn.take(min(remaining, len(conn.buffer)))
            remaining -= len(part)
            yield part

    async def _chunked(self) -> AsyncIterator[bytes]:
        while size := int((await self._line()).split(b";")[0], 16):
            yield (await self._exactly(size + 2))[:-2]
        while await self._line():
            pass  # trailer fields, up to the empty line that ends the body

    async def _exactly(self, size: int) -> bytes:
        conn = self._conn
        await conn.wait(lambda: len(conn.buffer) >= size, self._timeout)
        return conn.take(size)

    async def _line(self) -> bytes:
        conn = self._conn
        await conn.wait(lambda: b"\r\n" in conn.buffer, self._timeout)
        return conn.take(conn.buffer.find(b"\r\n") + 2)[:-2]

    async def _until_close(self) -> AsyncIterator[bytes]:
        conn = self._conn
        self.keep_alive = False
        while not conn.closed or conn.buffer:
            with suppress(ConnectionError):
                await conn.wait(conn.has_data, self._timeout)
            if conn.buffer:
                yield conn.take(len(conn.buffer))


class Pool:
    """Keep-alive connections to one endpoint (reused by the rules of router.idle)."""

    def __init__(self, endpoint: Endpoint, *, max_idle: int = 32, idle_seconds: float = 4.0):
        self.endpoint = endpoint
        self._idle = IdleConnections[_Conn](max_idle, idle_seconds)

    def exchange(
        self,
        method: str,
        path: str,
        headers: Headers,
        body: Body,
        timeout: float,
        length: int | None = None,
    ) -> _Exchanging:
        """``async with`` it: send one request, get its response. The connection is pooled again
        only if the body was read to the end and the service keeps it alive. A streamed body
        goes out with ``length`` as its Content-Length, or chunked when that is None."""
        if isinstance(body, bytes):
            length = len(body)
        target = self.endpoint.prefix + path
        request = request_head(method, target, self.endpoint.authority, headers, length)
        return _Exchanging(self, request, body, length, timeout)

    async def close(self) -> None:
        """Close the idle connections (those in use close when their exchange ends)."""
        self._idle.close()

    async def _send(
        self, request: bytes, body: Body, length: int | None, timeout: float
    ) -> tuple[_Conn, Exchange]:
        while True:
            conn = await self._acquire(timeout)
            try:
                assert conn.transport is not None
                if isinstance(body, bytes):
                    conn.transport.write(request + body)  # one system call: it shows at p50
                else:
                    conn.transport.write(request)
                    await _write_streamed(conn, body, timeout, chunked=length is None)
                return conn, Exchange(conn, await _response_head(conn, timeout), timeout)
            except (ConnectionError, ValueError) as error:
                conn.close()
                # A pooled connection the service closed while it sat idle: the request (almost
                # surely) never reached it, so one more try on a new connection is what HTTP
                # clients do, when the body can be sent again.
                if not (conn.reused and isinstance(body, bytes)):
                    raise UpstreamError(f"{self.endpoint}: {error}") from error
            except BaseException:  # timeouts and cancellation too: never leak the socket
                conn.close()
                raise

    async def _acquire(self, timeout: float) -> _Conn:
        idle = self._idle.take()
        if idle is not None:
            return idle
        loop = asyncio.get_running_loop()
        endpoint = self.endpoint
        try:
            async with asyncio.timeout(timeout):
                if endpoint.socket_path is not None:
                    _, conn = await loop.create_unix_connection(_Conn, endpoint.socket_path)
                else:
                    context = ssl.create_default_context() if endpoint.tls else None
                    _, conn = await loop.create_connection(
                        _Conn, endpoint.host, endpoint.port, ssl=context
                    )
        except TimeoutError:
            raise UpstreamTimeout(f"{endpoint}: no connection within {timeout:g} s") from None
        except OSError as error:
            raise UpstreamError(f"{endpoint}: {error.strerror or error}") from error
        return conn


class _Exchanging:
    """Pool.exchange's context manager (a plain class: a generator-based one costs 5 us more)."""

    def __init__(self, pool: Pool, request: bytes, body: Body, length: int | None, timeout: float):
        self._pool, self._request, self._body = pool, request, body
        self._length, self._timeout = length, timeout

    async def __aenter__(self) -> Exchange:
        pool = self._pool
        self._conn, self._response = await pool._send(
            self._request, self._body, self._length, self._timeout
        )
        return self._response

    async def __aexit__(self, *exc_info: object) -> None:
        conn, response = self._conn, self._response
        if response.complete and response.keep_alive and not conn.buffer and not conn.closed:
            self._pool._idle.put(conn)
        else:
            conn.close()


async def _response_head(conn: _Conn, timeout: float) -> bytes:
    """The next response head, past any 1xx interim answers."""
    while True:
        await conn.wait(conn.head_ready, timeout)
        head = conn.take(conn.buffer.find(_HEAD_END) + 4)
        if head[9:10] != b"1" or head[9:12] == b"101":
            return head


def request_head(
    method: str, target: str, host: bytes, headers: Headers, length: int | None
) -> bytes:
    """A request's head; ``length`` None: a chunked body."""
    framing = b"transfer-encoding: chunked" if length is None else b"content-length: %d" % length
    lines = [f"{method} {target or '/'} HTTP/1.1".encode(), b"host: " + host, framing]
    lines.extend(name + b": " + value for name, value in headers)
    return b"\r\n".join(lines) + b"\r\n\r\n"


async def _write_streamed(
    conn: _Conn, body: AsyncIterator[bytes], timeout: float, chunked: bool
) -> None:
    assert conn.transport is not None
    async for chunk in body:
        if chunk:
            conn.transport.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            await conn.drain(timeout)
    if chunked:
        conn.transport.write(b"0\r\n\r\n")
