"""Sync transport: HTTP/1.1 POSTs over one keep-alive connection (Unix socket, TCP or TLS).

Written on raw sockets rather than http.client, whose response parsing costs several times the
whole exchange; the request head is built once and a response is parsed from one recv when it fits.
"""

from __future__ import annotations

import select
import socket
import ssl
import threading

from .endpoint import _connect_problem, _Endpoint, _positive_timeout
from .errors import TransportError, _ConnectionLost, _RequestNotSent
from .framing import _frame, _request_head

_RECV_SIZE = 65536


def _lost_problem(endpoint: _Endpoint, what: str, resent: bool) -> TransportError:
    """The error for a connection that failed after ``what`` was sent."""
    if resent:
        problem = f"connection closed before the response to {what}, also after sending it again"
    else:
        problem = (
            f"connection closed before the response to {what}; not sent again, "
            "as the server may have acted on it"
        )
    return TransportError(endpoint.label, problem)


class _Transport:
    """One keep-alive connection to ``endpoint``, opened on first use and reopened when lost.

    A request goes out a second time, on a new connection, only when it cannot have reached the
    server (the idle connection was found closed, or sending on a reused one failed) or when the
    caller says it is idempotent. Thread-safe: a lock gives the connection to one exchange at a
    time. ``timeout`` bounds connecting, sending, and each wait for response bytes. POSIX only
    (select.poll checks an idle connection before it is reused).
    """

    __slots__ = ("_conn", "_head", "_lock", "_tls", "endpoint", "timeout")

    def __init__(self, endpoint: _Endpoint, timeout: float) -> None:
        self.endpoint = endpoint
        self.timeout = _positive_timeout(timeout)
        self._head = _request_head(endpoint.host_header, endpoint.path)
        self._lock = threading.Lock()
        self._conn: tuple[socket.socket, select.poll] | None = None
        self._tls: ssl.SSLContext | None = None

    def exchange(
        self, body: bytes, what: str, idempotent: bool, timeout: float | None
    ) -> tuple[int, bytes]:
        """POST ``body`` (``what`` names it in errors); return the response status and body."""
        request = self._head + b"%d\r\n\r\n" % len(body) + body
        if timeout is not None:
            _positive_timeout(timeout)
        with self._lock:
            try:
                try:
                    return self._attempt(request, what, timeout)
                except _RequestNotSent:
                    pass
                except _ConnectionLost:
                    if not idempotent:
                        raise _lost_problem(self.endpoint, what, False) from None
                self._drop()
                try:
                    return self._attempt(request, what, timeout)
                except (_RequestNotSent, _ConnectionLost):
                    raise _lost_problem(self.endpoint, what, True) from None
            except BaseException:
                self._drop()  # whatever went wrong, where the connection stands is unknown
                raise

    def close(self) -> None:
        """Close the connection; the next exchange opens a new one."""
        with self._lock:
            self._drop()

    def _attempt(self, request: bytes, what: str, timeout: float | None) -> tuple[int, bytes]:
        conn = self._conn
        # An idle connection with something to read was closed by the server (or got junk).
        reused = conn is not None and not conn[1].poll(0)
        if conn is not None and reused:
            sock = conn[0]
            if timeout is not None:
                sock.settimeout(timeout)
        else:
            self._drop()
            sock = self._connect(timeout)
        try:
            sock.sendall(request)
        except TimeoutError:
            raise self._timed_out(what, timeout) from None
        except OSError as exc:
            if reused:
                raise _RequestNotSent from None
            problem = f"sending {what} failed: {exc.strerror or exc}"
            raise TransportError(self.endpoint.label, problem) from None
        try:
            buf = sock.recv(_RECV_SIZE)
            if not buf:
                raise ConnectionResetError("closed by the server")
            framed = _frame(buf, False)
            if not isinstance(framed, tuple):
                framed = self._receive_rest(sock, buf, framed)
        except TimeoutError:
            raise self._timed_out(what, timeout) from None
        except OSError:
            raise _ConnectionLost from None
        except ValueError as exc:
            problem = f"bad HTTP response to {what}: {exc}"
            raise TransportError(self.endpoint.label, problem) from None
        if not framed[2]:
            self._drop()
        elif timeout is not None:
            sock.settimeout(self.timeout)
        return framed[0], framed[1]

    def _timed_out(self, what: str, timeout: float | None) -> TransportError:
        limit = self.timeout if timeout is None else timeout
        return TransportError(
            self.endpoint.label, f"timed out after {limit:g} s waiting for {what}"
        )

    def _receive_rest(self, sock: socket.socket, buf: bytes, need: int) -> tuple[int, bytes, bool]:
        """Receive until the response that starts with ``buf`` is whole (``need``: see _frame)."""
        parts = [buf]
        have = len(buf)
        while True:
            while have < need:
                more = sock.recv(max(_RECV_SIZE, need - have))
                if not more:
                    framed = _frame(b"".join(parts), True)
                    if isinstance(framed, int):
                        raise ValueError("connection closed in the middle of the response")
                    return framed
                parts.append(more)
                have += len(more)
            buf = b"".join(parts)
            parts = [buf]
            framed = _frame(buf, False)
            if isinstance(framed, tuple):
                return framed
            need = framed

    def _connect(self, timeout: float | None) -> socket.socket:
        endpoint = self.endpoint
        limit = self.timeout if timeout is None else timeout
        try:
            if endpoint.unix_path is not None:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    sock.settimeout(limit)
                    sock.connect(endpoint.unix_path)
                except BaseException:
                    sock.close()
                    raise
            else:
                sock = socket.create_connection((endpoint.host, endpoint.port), limit)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                if endpoint.tls:
                    sock = self._wrap_tls(sock)
        except OSError as exc:
            raise _connect_problem(endpoint, exc) from None
        poll = select.poll()
        poll.register(sock, select.POLLIN)
        self._conn = (sock, poll)
        return sock

    def _wrap_tls(self, sock: socket.socket) -> socket.socket:
        if self._tls is None:
            self._tls = ssl.create_default_context()
        try:
            return self._tls.wrap_socket(sock, server_hostname=self.endpoint.host)
        except BaseException:
            sock.close()
            raise

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn[0].close()
            self._conn = None
