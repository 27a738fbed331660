"""Async transport: the sync transport's exchange on asyncio streams, one connection per client.

Same framing, errors and resend rule as the sync transport; the timeout bounds a whole exchange.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl

from .endpoint import _connect_problem, _Endpoint, _positive_timeout
from .errors import TransportError, _ConnectionLost, _RequestNotSent
from .framing import _CHUNKED, _chunk_size, _parse_head, _request_head
from .transport import _lost_problem


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while size := _chunk_size(await reader.readuntil(b"\r\n")):
        parts.append(await reader.readexactly(size))
        if await reader.readexactly(2) != b"\r\n":
            raise ValueError("chunk data not followed by CRLF")
    while await reader.readuntil(b"\r\n") != b"\r\n":
        pass  # trailer fields, ignored
    return b"".join(parts)


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """(status, body, keep-alive) of the next response; interim 1xx responses are skipped."""
    status = 0
    while status < 200:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            if exc.partial:
                raise ValueError(f"incomplete HTTP response head: {exc.partial[:80]!r}") from None
            raise ConnectionResetError("closed by the server") from None
        except asyncio.LimitOverrunError:
            raise ValueError("HTTP response head too long") from None
        status, length, keep = _parse_head(head[:-4])
    try:
        if length >= 0:
            return status, await reader.readexactly(length), keep
        if length == _CHUNKED:
            return status, await _read_chunked(reader), keep
    except asyncio.IncompleteReadError:
        raise ValueError("connection closed in the middle of the response") from None
    except asyncio.LimitOverrunError:
        raise ValueError("chunk size line too long") from None
    return status, await reader.read(), False


class _AsyncTransport:
    """One keep-alive connection to ``endpoint`` on the running event loop, behind an
    asyncio.Lock: concurrent calls from tasks take turns. Not shared between event loops: a
    client used on a new loop opens a new connection."""

    __slots__ = ("_head", "_lock", "_loop", "_streams", "_tls", "endpoint", "timeout")

    def __init__(self, endpoint: _Endpoint, timeout: float) -> None:
        self.endpoint = endpoint
        self.timeout = _positive_timeout(timeout)
        self._head = _request_head(endpoint.host_header, endpoint.path)
        self._lock = asyncio.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self._tls: ssl.SSLContext | None = None

    async def exchange(
        self, body: bytes, what: str, idempotent: bool, timeout: float | None
    ) -> tuple[int, bytes]:
        """POST ``body`` (``what`` names it in errors); return the response status and body."""
        request = self._head + b"%d\r\n\r\n" % len(body) + body
        limit = self.timeout if timeout is None else _positive_timeout(timeout)
        async with self._lock:
            try:
                async with asyncio.timeout(limit):
                    return await self._exchange(request, what, idempotent)
            except TimeoutError:
                self._drop()
                problem = f"timed out after {limit:g} s waiting for {what}"
                raise TransportError(self.endpoint.label, problem) from None
            except BaseException:
                self._drop()  # cancelled or failed: where the connection stands is unknown
                raise

    async def close(self) -> None:
        """Close the connection; the next exchange opens a new one."""
        streams = self._streams
        self._drop()
        if streams is not None:
            with contextlib.suppress(OSError):  # broken already: it is closed all the same
                await streams[1].wait_closed()

    async def _exchange(self, request: bytes, what: str, idempotent: bool) -> tuple[int, bytes]:
        try:
            return await self._attempt(request, what)
        except _RequestNotSent:
            pass
        except _ConnectionLost:
            if not idempotent:
                raise _lost_problem(self.endpoint, what, False) from None
        self._drop()
        try:
            return await self._attempt(request, what)
        except (_RequestNotSent, _ConnectionLost):
            raise _lost_problem(self.endpoint, what, True) from None

    async def _attempt(self, request: bytes, what: str) -> tuple[int, bytes]:
        streams = self._streams if self._usable() else None
        reused = streams is not None
        if streams is None:
            self._drop()
            streams = await self._connect()
        reader, writer = streams
        try:
            writer.write(request)
            await writer.drain()
        except OSError as exc:
            if reused:
                raise _RequestNotSent from None
            problem = f"sending {what} failed: {exc.strerror or exc}"
            raise TransportError(self.endpoint.label, problem) from None
        try:
            status, body, keep = await _read_response(reader)
        except OSError:
            raise _ConnectionLost from None
        except ValueError as exc:
            problem = f"bad HTTP response to {what}: {exc}"
            raise TransportError(self.endpoint.label, problem) from None
        if not keep:
            self._drop()
        return status, body

    def _usable(self) -> bool:
        """Whether the open connection can carry a request: same loop, not closed by the server."""
        if self._streams is None or self._loop is not asyncio.get_running_loop():
            return False
        reader, writer = self._streams
        return not reader.at_eof() and reader.exception() is None and not writer.is_closing()

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        endpoint = self.endpoint
        try:
            if endpoint.unix_path is not None:
                streams = await asyncio.open_unix_connection(endpoint.unix_path)
            else:
                if endpoint.tls and self._tls is None:
                    self._tls = ssl.create_default_context()
                tls = self._tls if endpoint.tls else None
                streams = await asyncio.open_connection(endpoint.host, endpoint.port, ssl=tls)
        except OSError as exc:
            raise _connect_problem(endpoint, exc) from None
        self._streams = streams
        self._loop = asyncio.get_running_loop()
        return streams

    def _drop(self) -> None:
        streams = self._streams
        self._streams = self._loop = None
        if streams is not None:
            with contextlib.suppress(RuntimeError):  # its event loop is closed already
                streams[1].close()
