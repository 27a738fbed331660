"""The HTTP/1.1 side of the test JSON-RPC server: read one request, write one reply, with the
framing quirks tests ask for (chunked, trickled, interim 100, no length, closing)."""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from http import HTTPStatus
from typing import BinaryIO

_LINE_LIMIT = 65536


@dataclass
class Reply:
    """How to answer one HTTP request; built-in methods set the flags."""

    status: int = 200
    body: bytes | None = None
    content_type: str = "application/json"
    chunked: bool = False  # Transfer-Encoding: chunked, in three chunks, with a trailer
    trickle: bool = False  # the bytes in five writes, 5 ms apart
    interim: bool = False  # an interim "100 Continue" response first
    close_after: bool = False  # close after answering, without "Connection: close"
    close_header: bool = False  # "Connection: close", then close
    until_close: bool = False  # no Content-Length: the body ends when the server closes
    drop: bool = False  # close without answering
    half_close: bool = False  # after answering, stop reading (sending then fails) for a second
    wrong_id: bool = False  # answer with another id


def read_request(rfile: BinaryIO) -> tuple[str, str, bytes] | None:
    """(verb, target, body) of the next request; None when the client closed the connection."""
    line = rfile.readline(_LINE_LIMIT)
    if not line:
        return None
    parts = line.decode("latin-1").split()
    if len(parts) != 3:
        raise ValueError(f"bad request line {line!r}")
    headers = {}
    while (field := rfile.readline(_LINE_LIMIT)) not in (b"\r\n", b"\n", b""):
        name, _, value = field.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _read_chunked(rfile)
    else:
        body = rfile.read(int(headers.get("content-length") or 0))
    return parts[0], parts[1], body


def _read_chunked(rfile: BinaryIO) -> bytes:
    parts = []
    while size := int(rfile.readline(_LINE_LIMIT).split(b";")[0], 16):
        parts.append(rfile.read(size))
        rfile.readline(_LINE_LIMIT)
    while rfile.readline(_LINE_LIMIT) not in (b"\r\n", b"\n", b""):
        pass  # trailer fields
    return b"".join(parts)


def write_reply(conn: socket.socket, reply: Reply) -> bool:
    """Send ``reply``; return whether the connection stays open for the next request."""
    body = reply.body or b""
    lines = [f"HTTP/1.1 {reply.status} {_reason(reply.status)}"]
    if reply.status in (204, 304):
        body = b""
    else:
        if body and reply.content_type:
            lines.append(f"Content-Type: {reply.content_type}")
        if reply.chunked:
            lines.append("Transfer-Encoding: chunked")
            body = _chunked(body)
        elif not reply.until_close:
            lines.append(f"Content-Length: {len(body)}")
    if reply.close_header:
        lines.append("Connection: close")
    data = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
    if reply.interim:
        data = b"HTTP/1.1 100 Continue\r\n\r\n" + data
    if reply.trickle:
        step = len(data) // 5 + 1
        for start in range(0, len(data), step):
            conn.sendall(data[start : start + step])
            time.sleep(0.005)
    else:
        conn.sendall(data)
    return not (reply.close_after or reply.close_header or reply.until_close or reply.half_close)


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _chunked(body: bytes) -> bytes:
    """``body`` in three chunks (upper-case hex sizes, an extension), then a trailer field."""
    step = len(body) // 3 + 1
    pieces = [body[start : start + step] for start in range(0, len(body), step)]
    chunks = b"".join(b"%X;ext=1\r\n%s\r\n" % (len(piece), piece) for piece in pieces)
    return chunks + b"0\r\nX-Trailer: done\r\n\r\n"
