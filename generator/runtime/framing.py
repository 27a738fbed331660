"""HTTP/1.1 framing shared by both transports: the request head, and responses cut out of bytes.

Only what a JSON-RPC exchange needs is parsed: the status, Content-Length or chunked transfer
coding, and whether the server keeps the connection open.
"""

from __future__ import annotations

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
