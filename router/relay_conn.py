"""Proxy room, fast path: one keep-alive connection to a service. httptools parses each answer
in the connection's own callbacks, which hand it to the `router.relay.Call` being answered:
whole (a Content-Length of at most 64 KiB, the usual case) or as a head, parts and an end."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, cast

import httptools

from router.proxy import RESPONSE_DROP
from router.upstream import WHOLE

if TYPE_CHECKING:
    from router.relay import Call

__all__ = ["Fields", "RelayConn"]

Fields = list[bytes]  # the answer's header lines to pass on, b"name: value\r\n" each


class _Unasked(Exception):
    """More bytes after an answer, in the same read: nobody asked for them."""


class RelayConn(asyncio.Protocol):
    """One keep-alive connection; httptools calls its on_* methods as the answer arrives."""

    def __init__(self, socket_path: str) -> None:
        self.socket_path = socket_path
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.call: Call | None = None
        self.closed = self.reused = self.heard = self.keep_alive = self._answered = False
        self.idle_since = 0.0
        self._status = 0
        self._fields: Fields = []
        self._length: int | None = None
        self._chunked = False
        self._parts: list[bytes] | None = None  # the body of an answer kept whole

    def start(self, call: Call) -> None:
        self.call, self.heard = call, False
        self._fields, self._length, self._chunked, self._parts = [], None, False, None

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A stream transport; not an asyncio.Transport instance under uvloop, so no isinstance.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        call = self.call
        if call is None:  # a service talking out of turn: its connection is not used again
            self.close()
            return
        self.heard, self._answered = True, False
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserCallbackError as error:
            if not isinstance(error.__context__, _Unasked):
                raise  # a bug in a callback, not a broken answer: asyncio logs it
            self._unasked()
        except (httptools.HttpParserError, httptools.HttpParserUpgrade) as error:
            call.lost(self, str(error) or type(error).__name__)

    def _unasked(self) -> None:
        """Not used again (as router.upstream.Pool keeps no connection with bytes left over);
        a call sent on it meanwhile fails rather than run twice."""
        self.reused = False
        if self.call is not None:
            self.call.lost(self, "the service said more than it was asked")
        self.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        call = self.call
        if call is None:
            return
        if call.started and self._length is None and not self._chunked:
            self.on_message_complete()  # a body that ends when the connection does
        else:
            call.lost(self, "the service closed the connection")

    # httptools callbacks

    def on_message_begin(self) -> None:
        if self._answered:
            raise _Unasked

    def on_header(self, name: bytes, value: bytes) -> None:
        name = name.lower()
        if name == b"content-length":
            self._length = int(value)
        elif name == b"transfer-encoding":  # httptools takes the chunks apart
            self._chunked = value.rstrip().lower().endswith(b"chunked")
        if name not in RESPONSE_DROP:
            self._fields.append(name + b": " + value.rstrip(b" \t") + b"\r\n")

    def on_headers_complete(self) -> None:
        status = self._status = self.parser.get_status_code()
        if status < 200:
            return  # an interim answer (100 Continue): the real one follows
        self.keep_alive = self.parser.should_keep_alive()
        if status in (204, 304):
            self._length = 0
        if self._length is not None and self._length <= WHOLE:
            self._parts = []
        elif self.call is not None:
            self.call.head(status, self._fields, self._length)

    def on_body(self, body: bytes) -> None:
        if self._parts is not None:
            self._parts.append(body)
        elif self.call is not None:
            self.call.part(body)

    def on_message_complete(self) -> None:
        call = self.call
        if self._status < 200:  # the interim answer is dropped, the real one follows
            self._fields, self._length, self._chunked = [], None, False
        elif call is not None:
            parts = self._parts
            body = None if parts is None else parts[0] if len(parts) == 1 else b"".join(parts)
            self._answered = True
            call.done(self, self._status, self._fields, body)
