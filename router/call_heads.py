"""Proxy room, fast path: which requests it serves. A request head read strictly: a plain call
(``POST /<service>/rpc HTTP/1.1``, a Content-Length body of at most 64 KiB, a known Unix-socket
service, the router's token if it has one) gives the head to send the service; any other, None."""

from __future__ import annotations

import hmac
import re

from router.proxy import REQUEST_DROP
from router.registry import Registry, ServiceRecord
from router.routes import bearer
from router.upstream import WHOLE, request_head

__all__ = ["CallHeads", "PlainCall"]

PlainCall = tuple[int, int, ServiceRecord, bytes]
"""Where the client's head ends, the body's length, the service, and the head to send it."""

# The registry decides whether the name is a service's; anything else, or any doubt: None.
_TOKEN = rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_VALUE = rb"[^\x00-\x08\x0a-\x1f\x7f]*"  # no control characters but tab
_HEAD = re.compile(
    rb"POST /([a-z0-9_]{1,64})/rpc HTTP/1\.1\r\n((?:%s:%s\r\n)*)\r\n" % (_TOKEN, _VALUE)
)
_FIELD = re.compile(rb"(%s):[ \t]*(%s)\r\n" % (_TOKEN, _VALUE))
_REFUSED = frozenset((b"transfer-encoding", b"expect", b"upgrade"))
# Clients repeat their heads but for the Content-Length value, which they spell so.
_LENGTH = b"\r\nContent-Length: "
_SEEN_HEADS = 256  # heads remembered (up to 4 KiB each), forgotten all at once


class CallHeads:
    """Reads heads for one router (its registry and token); remembers the plain ones but for
    their Content-Length value, so that a client's next call is not read again."""

    def __init__(self, registry: Registry, token: str | None) -> None:
        self.registry = registry
        self.authorization = None if token is None else bearer(token)
        # head without its length -> service, the head to send it up to and after the length
        self.seen: dict[bytes, tuple[str, bytes, bytes]] = {}

    def read(self, buffer: bytes, end: int) -> PlainCall | None:
        """The plain call whose head is ``buffer[:end]`` (up to its blank line), else None."""
        key, digits = _without_length(buffer, end)
        seen = self.seen.get(key)
        if seen is not None:
            return self._again(seen, digits, end)
        plain = self._plain(buffer, end)
        if plain is not None and key and len(key) <= 4096:
            self._remember(key, plain)
        return plain

    def _again(self, seen: tuple[str, bytes, bytes], digits: bytes, end: int) -> PlainCall | None:
        service, before, after = seen
        record = self.registry.get(service)
        if record is None or record.endpoint.socket_path is None or not digits.isdigit():
            return None
        length = int(digits)
        return (end, length, record, before + digits + after) if length <= WHOLE else None

    def _remember(self, key: bytes, plain: PlainCall) -> None:
        _, length, record, head = plain
        before, framing, after = head.partition(b"\r\ncontent-length: %d\r\n" % length)
        if framing:
            if len(self.seen) >= _SEEN_HEADS:
                self.seen.clear()
            self.seen[key] = record.name, before + b"\r\ncontent-length: ", b"\r\n" + after

    def _plain(self, buffer: bytes, end: int) -> PlainCall | None:
        head = _HEAD.fullmatch(buffer, 0, end)
        record = None if head is None else self.registry.get(head.group(1).decode())
        if head is None or record is None or record.endpoint.socket_path is None:
            return None
        length, given, headers = None, None, []
        for name, value in _FIELD.findall(buffer, head.start(2), head.end(2)):
            name = name.lower()
            if name not in REQUEST_DROP:
                headers.append((name, value))
            elif name == b"content-length":
                if length is not None or not value.isdigit():
                    return None
                length = int(value)
            elif name == b"authorization":
                given = value if given is None else given
            elif name in _REFUSED or (name == b"connection" and value.lower() != b"keep-alive"):
                return None
        if length is None or length > WHOLE:
            return None
        expected = self.authorization
        if expected is not None and not hmac.compare_digest(given or b"", expected):
            return None  # uvicorn's app answers 401
        upstream = request_head("POST", "/rpc", record.endpoint.authority, headers, length)
        return end, length, record, upstream


def _without_length(buffer: bytes, end: int) -> tuple[bytes, bytes]:
    """The head (``buffer[:end]``) without its Content-Length value, and that value; empty when
    the header is not spelled as clients spell it."""
    at = buffer.find(_LENGTH, 0, end) + len(_LENGTH)
    if at < len(_LENGTH):
        return b"", b""
    stop = buffer.find(b"\r\n", at, end)
    return buffer[:at] + buffer[stop:end], buffer[at:stop]
