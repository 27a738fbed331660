# recursion_client.py: generated from the OpenRPC document of recursion.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 1.0.0, openrpc 1.3.2
# spec sha256 10adef354b8e65ebd97667dafc8d3e8db40fe8a210cf9875a0b2e05efeadab5b
"""Client for recursion 1.0.0.

Recursive schemas: a self-recursive tree node (children: array of itself), mutual recursion through properties (Department -> Employee -> Department), recursion through a nullable anyOf (a linked list whose next is ListNode or null), and a JSON value type that recurses through arrays and additionalProperties.

Usage: ``with RecursionClient() as client: ...`` connects to the service's Unix socket
($HERO_SOCKET_DIR or ~/hero/var/sockets); pass ``url=`` for an http(s) endpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import json.scanner
import os
import select
import socket
import ssl
import threading
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, ClassVar, Generic, NotRequired, TypeAlias, TypedDict, TypeVar, cast
from urllib.parse import urlsplit


class TreeNode(TypedDict):
    label: str
    children: list[TreeNode]


class ListNode(TypedDict):
    value: int
    next: ListNode | None


JsonValue: TypeAlias = str | float | bool | list["JsonValue"] | dict[str, "JsonValue"] | None


class Department(TypedDict):
    name: str
    head: NotRequired[Employee]


class Employee(TypedDict):
    id: int
    name: str
    department: NotRequired[Department]


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


_DEFAULT_SOCKET_ROOT = "~/hero/var/sockets"


class _Endpoint:
    """A Unix socket (``unix_path``) or a TCP host and port (``tls`` for https).

    ``path`` is the HTTP path POSTed to, ``host_header`` the Host header sent, and ``label`` the
    socket path or URL that error messages name.
    """

    __slots__ = ("host", "host_header", "label", "path", "port", "tls", "unix_path")

    def __init__(
        self,
        label: str,
        path: str,
        *,
        unix_path: str | None = None,
        host: str = "localhost",
        port: int = 0,
        tls: bool = False,
    ) -> None:
        if not path.startswith("/") or not path.isascii() or any(c in path for c in " \r\n\t"):
            raise ValueError(f"invalid HTTP path {path!r}: it must start with '/', in ASCII")
        self.label = label
        self.path = path
        self.unix_path = unix_path
        self.host = host
        self.port = port
        self.tls = tls
        if unix_path is not None:
            self.host_header = "localhost"
        else:
            name = f"[{host}]" if ":" in host else host
            self.host_header = name if port == (443 if tls else 80) else f"{name}:{port}"


def _endpoint_for(
    socket_path: str | os.PathLike[str] | None, url: str | None, rpc_path: str, service: str
) -> _Endpoint:
    """The endpoint a client constructor names; the service's default socket if it names none."""
    if socket_path is not None and url is not None:
        raise ValueError("give socket_path or url, not both")
    if url is not None:
        return _endpoint_from_url(url, rpc_path)
    if socket_path is None:
        if not service:
            raise ValueError("no socket_path or url given, and this client has no default socket")
        root = os.environ.get("HERO_SOCKET_DIR") or os.path.expanduser(_DEFAULT_SOCKET_ROOT)
        socket_path = os.path.join(root, service, "rpc.sock")
    path = os.fspath(socket_path)
    return _Endpoint(path, rpc_path, unix_path=path)


def _endpoint_from_url(url: str, rpc_path: str) -> _Endpoint:
    """Parse ``http://host:port/path``, ``https://...``, ``unix:/path`` or ``unix:///path``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "unix":
        if not parts.path:
            raise ValueError(f"no socket path in {url!r}")
        return _Endpoint(parts.path, rpc_path, unix_path=parts.path)
    if scheme not in ("http", "https"):
        raise ValueError(f"unsupported URL {url!r}: use http://, https://, or unix:/path/to.sock")
    if not parts.hostname:
        raise ValueError(f"no host in URL {url!r}")
    tls = scheme == "https"
    try:
        port = parts.port or (443 if tls else 80)
    except ValueError:
        raise ValueError(f"invalid port in URL {url!r}") from None
    path = parts.path or rpc_path
    if parts.query:
        path += "?" + parts.query
    label = parts._replace(netloc=parts.netloc.rpartition("@")[2], fragment="").geturl()
    return _Endpoint(label, path, host=parts.hostname, port=port, tls=tls)


def _positive_timeout(timeout: float) -> float:
    """``timeout`` if it is a usable number of seconds (a socket takes 0 as "never wait")."""
    if not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
    return timeout


def _connect_problem(endpoint: _Endpoint, exc: OSError) -> TransportError:
    """A TransportError saying why connecting to ``endpoint`` failed."""
    if isinstance(exc, FileNotFoundError):
        problem = "no such socket (is the service running?)"
    elif isinstance(exc, ConnectionRefusedError):
        problem = "connection refused (is the service running?)"
    elif isinstance(exc, TimeoutError):
        problem = "timed out connecting"
    elif isinstance(exc, PermissionError):
        problem = "permission denied"
    elif isinstance(exc, socket.gaierror):
        problem = f"cannot resolve host {endpoint.host!r}: {exc.strerror}"
    elif isinstance(exc, ssl.SSLError):
        problem = f"TLS handshake failed: {getattr(exc, 'verify_message', None) or exc.reason}"
    else:
        problem = f"cannot connect: {exc.strerror or exc}"
    return TransportError(endpoint.label, problem)


_UNTIL_CLOSE = -1  # no Content-Length, not chunked: the body ends when the server closes
_CHUNKED = -2
_HEAD_LIMIT = 65536


def _request_head(host_header: str, path: str) -> bytes:
    """Everything of a POST request up to the Content-Length value, built once per client."""
    return (
        f"POST {path} HTTP/1.1\r\nHost: {host_header}\r\n"
        "Content-Type: application/json\r\nAccept: application/json\r\n"
        "Connection: keep-alive\r\nContent-Length: "
    ).encode("ascii")


def _header(head: bytes, name: bytes) -> bytes | None:
    """The value of header ``name`` (lower case, as b"\\r\\nname:") in a lower-cased head."""
    start = head.find(name)
    if start < 0:
        return None
    start += len(name)
    stop = head.find(b"\r\n", start)
    return head[start:stop].strip() if stop >= 0 else head[start:].strip()


def _parse_head(head: bytes) -> tuple[int, int, bool]:
    """(status, body length or _UNTIL_CLOSE or _CHUNKED, keep-alive) of a response head.

    ``head`` runs from the status line to just before the blank line. Raises ValueError when it
    is not an HTTP/1.x response head.
    """
    if head[:7] != b"HTTP/1." or head[8:9] != b" " or not head[9:12].isdigit():
        raise ValueError(f"not an HTTP/1.x response: {head[:80]!r}")
    status = int(head[9:12])
    lowered = head.lower()
    connection = _header(lowered, b"\r\nconnection:")
    if head[7:8] == b"0":
        keep = connection is not None and b"keep-alive" in connection
    else:
        keep = connection is None or b"close" not in connection
    if status < 200 or status in (204, 304):
        return status, 0, keep
    coding = _header(lowered, b"\r\ntransfer-encoding:")
    if coding is not None and b"chunked" in coding:
        return status, _CHUNKED, keep
    length = _header(lowered, b"\r\ncontent-length:")
    if length is None:
        return status, _UNTIL_CLOSE, False
    if not length.isdigit():
        raise ValueError(f"invalid Content-Length {length!r}")
    return status, int(length), keep


def _chunk_size(line: bytes) -> int:
    """The size announced by a chunk-size line (extensions after ';' ignored)."""
    digits = line.split(b";", 1)[0].strip()
    try:
        if digits.isalnum():
            return int(digits, 16)
    except ValueError:
        pass
    raise ValueError(f"invalid chunk size line {line[:40]!r}")


def _dechunk(buf: bytes, pos: int) -> tuple[bytes, int] | int:
    """The chunked body starting at ``buf[pos]`` and the index just after it (trailers included).

    While the body is incomplete, returns instead how many bytes ``buf`` must hold before
    another attempt can make progress.
    """
    parts: list[bytes] = []
    while True:
        eol = buf.find(b"\r\n", pos)
        if eol < 0:
            return len(buf) + 1
        size = _chunk_size(buf[pos:eol])
        if size == 0:
            if buf[eol + 2 : eol + 4] == b"\r\n":
                return b"".join(parts), eol + 4
            end = buf.find(b"\r\n\r\n", eol)
            return (b"".join(parts), end + 4) if end >= 0 else len(buf) + 1
        start = eol + 2
        pos = start + size + 2
        if len(buf) < pos:
            return pos
        if buf[pos - 2 : pos] != b"\r\n":
            raise ValueError("chunk data not followed by CRLF")
        parts.append(buf[start : pos - 2])


def _frame(buf: bytes, eof: bool) -> tuple[int, bytes, bool] | int:
    """(status, body, keep-alive) of the response at the start of ``buf``.

    While it is incomplete, returns the length ``buf`` must reach before another attempt can
    make progress (an incomplete response at ``eof``, when no more bytes will come, is the
    caller's error to report). Interim 1xx responses are skipped. Raises ValueError for bytes
    that are no HTTP/1.x response.
    """
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        if len(buf) > _HEAD_LIMIT:
            raise ValueError(f"no end of the response head in {_HEAD_LIMIT} bytes")
        return len(buf) + 1
    status, length, keep = _parse_head(buf[:end])
    start = end + 4
    if status < 200:
        rest = _frame(buf[start:], eof)
        return rest if isinstance(rest, tuple) else rest + start
    if length == _CHUNKED:
        got = _dechunk(buf, start)
        if isinstance(got, int):
            return got
        body, stop = got
    elif length == _UNTIL_CLOSE:
        return (status, buf[start:], False) if eof else len(buf) + 1
    else:
        stop = start + length
        if len(buf) < stop:
            return stop
        body = buf[start:stop]
    return status, body, keep and len(buf) == stop


_Params: TypeAlias = "dict[str, Any] | list[Any] | None"
_Declared: TypeAlias = "Mapping[int, type[RpcError]]"


def _json_default(value: Any) -> Any:
    """Objects the json module cannot encode: models with ``model_dump`` (pydantic) by alias."""
    dump = getattr(value, "model_dump", None)
    if dump is None:
        raise TypeError(f"cannot send a {type(value).__name__} as JSON")
    return dump(mode="json", by_alias=True, exclude_unset=True)


# default= is only called for what JSON has no encoding for: the common path stays in C.
_json_text = json.JSONEncoder(separators=(",", ":"), default=_json_default).encode
# json.loads without its per-call detours (encoding detection, whitespace regexes): about half
# the cost; anything unusual (leading whitespace, UTF-16, errors) goes the json.loads way.
# The ignore: typeshed wants the scanner's own type for the context; CPython takes a decoder.
_json_scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
_SHOWN_LIMIT = 200


def _named(required: dict[str, Any], optional: dict[str, Any]) -> dict[str, Any]:
    """Params by name: ``required`` as given, plus the ``optional`` entries that are not None."""
    given = {name: value for name, value in optional.items() if value is not None}
    return {**required, **given} if given else required


def _positional(values: list[Any], required: int) -> list[Any]:
    """Params by position: ``values`` without the trailing Nones after the first ``required``."""
    end = len(values)
    while end > required and values[end - 1] is None:
        end -= 1
    return values[:end]


def _request_body(req_id: int, method: str, params: _Params) -> bytes:
    """One request as JSON bytes; ``params`` left out when None."""
    if params is None:
        return _json_text({"jsonrpc": "2.0", "id": req_id, "method": method}).encode()
    return _json_text({"jsonrpc": "2.0", "id": req_id, "method": method, "params": params}).encode()


def _notification_body(method: str, params: _Params) -> bytes:
    """One notification (a request without id, answered with no result) as JSON bytes."""
    return _json_text(_request_object(None, method, params)).encode()


def _request_object(req_id: int | None, method: str, params: _Params) -> dict[str, Any]:
    """A request object; a notification (no id) when ``req_id`` is None."""
    request: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
    if req_id is not None:
        request["id"] = req_id
    if params is not None:
        request["params"] = params
    return request


def _first_line(body: bytes) -> str:
    """The first line of a body, short and printable, for error messages."""
    line = body.lstrip().split(b"\n", 1)[0][:_SHOWN_LIMIT].decode("utf-8", "replace").strip()
    return line or "(empty body)"


def _parse_json(body: bytes, what: str, endpoint: str) -> Any:
    try:
        text = body.decode()
        value, end = _json_scan(text, 0)
        if end == len(text) or text[end:].isspace():
            return value
    except (ValueError, StopIteration):
        pass
    try:
        return json.loads(body)
    except ValueError:
        problem = f"response to {what} is not JSON: {_first_line(body)}"
        raise TransportError(endpoint, problem) from None


def _call_result(
    status: int, body: bytes, req_id: int, method: str, declared: _Declared, endpoint: str
) -> Any:
    """The result in the answer to call ``req_id``, or raise the error the answer carries."""
    if status != 200 or not body:
        raise _status_problem(status, body, method, declared, endpoint)
    reply = _parse_json(body, method, endpoint)
    try:
        if reply["id"] == req_id:
            return reply["result"]
    except (KeyError, TypeError):
        pass
    raise _reply_problem(reply, req_id, method, declared, endpoint)


def _check_notified(
    status: int, body: bytes, method: str, declared: _Declared, endpoint: str
) -> None:
    """Accept any 2xx answer to a notification (its body, if any, is ignored)."""
    if not 200 <= status < 300:
        raise _status_problem(status, body, method, declared, endpoint)


def _reply_problem(
    reply: Any, req_id: int | None, method: str, declared: _Declared, endpoint: str
) -> Exception:
    """The exception for a reply that carries no result for ``req_id``."""
    if not isinstance(reply, dict):
        shown = _json_text(reply)[:_SHOWN_LIMIT]
        return TransportError(endpoint, f"response to {method} is no JSON-RPC response: {shown}")
    reply_id = reply.get("id")
    if "error" in reply and (reply_id == req_id or reply_id is None):
        return _error_from_response(reply["error"], method, declared)
    if reply_id != req_id:
        return TransportError(
            endpoint, f"response id {reply_id!r} does not match request id {req_id!r} of {method}"
        )
    return TransportError(endpoint, f"response to {method} has neither result nor error")


def _status_problem(
    status: int, body: bytes, method: str, declared: _Declared, endpoint: str
) -> Exception:
    """The exception for an answer other than 200 with a body: the JSON-RPC error it carries
    (some servers send errors with HTTP 4xx/5xx), else a TransportError with status and body."""
    if status == 200:
        return TransportError(endpoint, f"empty response to {method}")
    try:
        reply = json.loads(body) if body else None
    except ValueError:
        reply = None
    if isinstance(reply, dict) and isinstance(reply.get("error"), dict):
        return _error_from_response(reply["error"], method, declared)
    return TransportError(endpoint, f"HTTP {status} for {method}: {_first_line(body)}")


def _batch_request(calls: Sequence[tuple[str, _Params, bool]], ids: Sequence[int | None]) -> bytes:
    """A batch of ``(method, params, is_notification)`` calls with their ``ids`` as JSON bytes."""
    return _json_text(
        [
            _request_object(req_id, method, params)
            for req_id, (method, params, _) in zip(ids, calls, strict=True)
        ]
    ).encode()


def _batch_result(
    status: int,
    body: bytes,
    calls: Sequence[tuple[int | None, str]],
    declared: _Declared,
    endpoint: str,
) -> list[tuple[Any, Exception | None]]:
    """(result, error) for each ``(id, method)`` of a batch, in order; (None, None) for
    notifications. Raises when the answer as a whole is unusable."""
    methods = {req_id: method for req_id, method in calls if req_id is not None}
    if not methods:
        _check_notified(status, body, "batch", declared, endpoint)
        return [(None, None)] * len(calls)
    if status != 200 or not body:
        raise _status_problem(status, body, "batch", declared, endpoint)
    replies = _parse_json(body, f"a batch of {len(methods)} calls", endpoint)
    if not isinstance(replies, list):
        raise _reply_problem(replies, None, "batch", declared, endpoint)
    by_id = {}
    for reply in replies:
        reply_id = reply.get("id") if isinstance(reply, dict) else None
        if reply_id is None:
            raise _reply_problem(reply, None, "batch", declared, endpoint)
        if not isinstance(reply_id, int | str) or reply_id not in methods:
            problem = f"batch response has an entry with id {reply_id!r}, which no call has"
            raise TransportError(endpoint, problem)
        by_id[reply_id] = reply
    outcomes: list[tuple[Any, Exception | None]] = []
    for req_id, method in calls:
        reply = by_id.get(req_id) if req_id is not None else {"result": None}
        if reply is None:
            problem = f"no response to {method} (id {req_id}) in the batch response"
            outcomes.append((None, TransportError(endpoint, problem)))
        elif "result" in reply and "error" not in reply:
            outcomes.append((reply["result"], None))
        else:
            outcomes.append((None, _reply_problem(reply, req_id, method, declared, endpoint)))
    return outcomes


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


_ResultT = TypeVar("_ResultT")
_BatchT = TypeVar("_BatchT", bound="BaseBatch")


class BatchResult(Generic[_ResultT]):
    """The answer to one call of a batch, available once the batch was sent.

    ``result()`` returns the call's result or raises its error (an ``RpcError`` for an error the
    server answered, a ``TransportError`` when the batch got no usable answer).
    """

    __slots__ = ("_error", "_value", "done", "method")

    def __init__(self, method: str) -> None:
        self.method = method
        self.done = False
        self._value: Any = None
        self._error: Exception | None = None

    def result(self) -> _ResultT:
        """The call's result; raises its error, or RuntimeError before the batch was sent."""
        if not self.done:
            raise RuntimeError(
                f"no result for {self.method} yet: a batch is sent when its with-block ends, "
                "or by its send()"
            )
        if self._error is not None:
            raise self._error
        return cast("_ResultT", self._value)

    def _settle(self, value: Any, error: Exception | None) -> None:
        self._value = value
        self._error = error
        self.done = True


class BaseBatch:
    """Calls collected on a client, sent together as one request.

    ``with client.batch() as batch: a = batch.book_get("x")`` sends the batch when the block
    ends without an exception (after one, nothing is sent); ``a.result()`` then holds the
    answer. The server may answer the calls in any order; each result is matched by its id.
    """

    def __init__(self, client: BaseClient) -> None:
        self._client = client
        self._entries: list[tuple[str, _Params, BatchResult[Any] | None]] = []
        self._sent = False

    def call(self, method: str, params: _Params = None) -> BatchResult[Any]:
        """Add a call of any ``method`` by name; its result is available after sending."""
        return self._call(method, params)

    def notify(self, method: str, params: _Params = None) -> None:
        """Add a notification of any ``method`` by name (the server sends nothing back for it)."""
        self._notify(method, params)

    def send(self) -> None:
        """Send the batch as one request and settle every BatchResult; a batch is sent once."""
        if self._sent:
            raise RuntimeError("this batch was already sent")
        self._sent = True
        if not self._entries:
            return
        calls = [(method, params, entry is None) for method, params, entry in self._entries]
        try:
            outcomes = self._client._batch_calls(calls)
        except Exception as exc:
            for _, _, entry in self._entries:
                if entry is not None:
                    entry._settle(None, exc)
            raise
        for (_, _, entry), (value, error) in zip(self._entries, outcomes, strict=True):
            if entry is not None:
                entry._settle(value, error)

    def __enter__(self: _BatchT) -> _BatchT:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.send()

    def _call(self, method: str, params: _Params) -> BatchResult[Any]:
        entry: BatchResult[Any] = BatchResult(method)
        self._add(method, params, entry)
        return entry

    def _notify(self, method: str, params: _Params) -> None:
        self._add(method, params, None)

    def _add(self, method: str, params: _Params, entry: BatchResult[Any] | None) -> None:
        if self._sent:
            raise RuntimeError(f"cannot add {method}: this batch was already sent")
        self._entries.append((method, params, entry))


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


class RecursionClient(BaseClient):
    """Client for recursion 1.0.0.

    Recursive schemas: a self-recursive tree node (children: array of itself), mutual recursion through properties (Department -> Employee -> Department), recursion through a nullable anyOf (a linked list whose next is ListNode or null), and a JSON value type that recurses through arrays and additionalProperties.

    Usage: ``with RecursionClient() as client: ...`` connects to the service's Unix socket
    ($HERO_SOCKET_DIR or ~/hero/var/sockets); pass ``url=`` for an http(s) endpoint.
    """

    _SERVICE = "recursion"
    _ERRORS: ClassVar[Mapping[int, type[RpcError]]] = {}

    def batch(self) -> RecursionBatch:
        """Collect calls; they are sent as one JSON-RPC batch when the block ends."""
        return RecursionBatch(self)

    def tree_get(self, root: str) -> TreeNode:
        """Get a tree: a node whose children are nodes.

        Args:
            root: required.

        Returns:
            tree
        """
        return cast("TreeNode", self._call("tree.get", {"root": root}))

    def tree_count(self, tree: TreeNode) -> int:
        """Count the nodes of a tree given as a param.

        Args:
            tree: required.

        Returns:
            count
        """
        return cast("int", self._call("tree.count", {"tree": tree}))

    def org_department(self, name: str) -> Department:
        """A department with its head, whose department is a department again.

        Args:
            name: required.

        Returns:
            department
        """
        return cast("Department", self._call("org.department", {"name": name}))

    def org_employee(self, id: int) -> Employee:
        """An employee, entering the same cycle from the other side.

        Args:
            id: required.

        Returns:
            employee
        """
        return cast("Employee", self._call("org.employee", {"id": id}))

    def list_reverse(self, head: ListNode | None) -> ListNode | None:
        """Reverse a linked list; the empty list is null.

        Args:
            head: required.

        Returns:
            reversed
        """
        return cast("ListNode | None", self._call("list.reverse", {"head": head}))

    def config_get(self, key: str) -> JsonValue:
        """Any JSON value, typed as a recursive union.

        Args:
            key: required.

        Returns:
            value
        """
        return cast("JsonValue", self._call("config.get", {"key": key}))


class RecursionBatch(BaseBatch):
    """A batch of RecursionClient calls: each returns a BatchResult."""

    def tree_get(self, root: str) -> BatchResult[TreeNode]:
        """Get a tree: a node whose children are nodes."""
        return self._call("tree.get", {"root": root})

    def tree_count(self, tree: TreeNode) -> BatchResult[int]:
        """Count the nodes of a tree given as a param."""
        return self._call("tree.count", {"tree": tree})

    def org_department(self, name: str) -> BatchResult[Department]:
        """A department with its head, whose department is a department again."""
        return self._call("org.department", {"name": name})

    def org_employee(self, id: int) -> BatchResult[Employee]:
        """An employee, entering the same cycle from the other side."""
        return self._call("org.employee", {"id": id})

    def list_reverse(self, head: ListNode | None) -> BatchResult[ListNode | None]:
        """Reverse a linked list; the empty list is null."""
        return self._call("list.reverse", {"head": head})

    def config_get(self, key: str) -> BatchResult[JsonValue]:
        """Any JSON value, typed as a recursive union."""
        return self._call("config.get", {"key": key})


class AsyncRecursionClient(AsyncBaseClient):
    """The asyncio twin of RecursionClient."""

    _SERVICE = "recursion"
    _ERRORS: ClassVar[Mapping[int, type[RpcError]]] = {}

    async def tree_get(self, root: str) -> TreeNode:
        """Get a tree: a node whose children are nodes."""
        return cast("TreeNode", await self._call("tree.get", {"root": root}))

    async def tree_count(self, tree: TreeNode) -> int:
        """Count the nodes of a tree given as a param."""
        return cast("int", await self._call("tree.count", {"tree": tree}))

    async def org_department(self, name: str) -> Department:
        """A department with its head, whose department is a department again."""
        return cast("Department", await self._call("org.department", {"name": name}))

    async def org_employee(self, id: int) -> Employee:
        """An employee, entering the same cycle from the other side."""
        return cast("Employee", await self._call("org.employee", {"id": id}))

    async def list_reverse(self, head: ListNode | None) -> ListNode | None:
        """Reverse a linked list; the empty list is null."""
        return cast("ListNode | None", await self._call("list.reverse", {"head": head}))

    async def config_get(self, key: str) -> JsonValue:
        """Any JSON value, typed as a recursive union."""
        return cast("JsonValue", await self._call("config.get", {"key": key}))
