"""Which requests the fast path serves: plain calls give the head sent to the service, anything
unusual gives None (and goes to uvicorn); heads repeated but for their length are not read again."""

from __future__ import annotations

import pytest

from router.call_heads import CallHeads, PlainCall
from router.registry import Registry, ServiceRecord
from router.upstream import Endpoint

PLAIN = (
    b"POST /books/rpc HTTP/1.1\r\nHost: router:9988\r\nContent-Type: application/json\r\n"
    b"Connection: keep-alive\r\nX-Trace:  1\r\nContent-Length: 5\r\n\r\n"
)
SENT = (
    b"POST /rpc HTTP/1.1\r\nhost: localhost\r\ncontent-length: 5\r\n"
    b"content-type: application/json\r\nx-trace: 1\r\n\r\n"
)


def registry() -> Registry:
    registry = Registry()
    for name, endpoint in [
        ("books", Endpoint(socket_path="/run/books/rpc.sock")),
        ("remote", Endpoint.from_url("http://127.0.0.1:8000/rpc")),
    ]:
        registry.put(ServiceRecord(name, endpoint, "ok", "", None, None, 1, 0.0, None, 1))
    return registry


def read(head: bytes, token: str | None = None, heads: CallHeads | None = None) -> PlainCall | None:
    return (heads or CallHeads(registry(), token)).read(head, len(head))


def test_a_plain_call_gives_the_head_for_the_service() -> None:
    plain = read(PLAIN)
    assert plain is not None
    end, length, record, sent = plain
    assert (end, length, record.name, sent) == (len(PLAIN), 5, "books", SENT)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"POST ", b"GET "),
        (b"HTTP/1.1", b"HTTP/1.0"),
        (b"/books/rpc", b"/books/rpc?x=1"),
        (b"/books/rpc", b"/books/rpc/"),
        (b"/books/rpc", b"//books/rpc"),
        (b"/books/rpc", b"/Books/rpc"),
        (b"/books/rpc", b"/nobody/rpc"),
        (b"/books/rpc", b"/remote/rpc"),  # a URL service: uvicorn's path
        (b"/books/rpc", b"/%62ooks/rpc"),
        (b"keep-alive", b"close"),
        (b"keep-alive", b"Upgrade"),
        (b"Content-Length: 5", b"Transfer-Encoding: chunked"),
        (b"Content-Length: 5", b"Content-Length: 5\r\nTransfer-Encoding: chunked"),
        (b"Content-Length: 5", b"Content-Length: 5\r\nContent-Length: 5"),
        (b"Content-Length: 5", b"Content-Length: 5\r\nExpect: 100-continue"),
        (b"Content-Length: 5", b"Content-Length: 5\r\nUpgrade: websocket"),
        (b"Content-Length: 5", b"Content-Length: +5"),
        (b"Content-Length: 5", b"Content-Length: 5 "),
        (b"Content-Length: 5", b"Content-Length: 65537"),
        (b"Content-Length: 5", b"X-Other: 5"),  # no length: uvicorn's path
        (b"X-Trace:  1\r\n", b"X-Trace: 1\r\n  folded\r\n"),
        (b"X-Trace:", b"X-Trace :"),
        (b"X-Trace:  1", b"X-Trace: 1\x00"),
        (b"\r\nHost", b"\nHost"),
    ],
)
def test_anything_else_is_not_a_plain_call(old: bytes, new: bytes) -> None:
    assert read(PLAIN.replace(old, new, 1)) is None


@pytest.mark.parametrize(
    ("given", "plain"),
    [
        ([], False),
        ([b"Bearer wrong"], False),
        ([b"bearer s3cret"], False),
        ([b"Bearer s3cret"], True),
        ([b"Bearer wrong", b"Bearer s3cret"], False),  # the first one counts, as for uvicorn's path
        ([b"Bearer s3cret", b"Bearer wrong"], True),
    ],
)
def test_the_router_s_token_is_required(given: list[bytes], plain: bool) -> None:
    fields = b"".join(b"Authorization: %s\r\n" % value for value in given)
    head = PLAIN.replace(b"Host:", fields + b"Host:")
    sent = read(head, token="s3cret")
    assert (sent is not None) == plain
    assert sent is None or sent[3] == SENT  # the token is not passed on


def test_a_head_repeated_with_another_length_is_not_read_again() -> None:
    heads = CallHeads(registry(), None)
    assert read(PLAIN, heads=heads) is not None
    assert len(heads.seen) == 1
    again = PLAIN.replace(b"Content-Length: 5", b"Content-Length: 1234")
    plain = read(again, heads=heads)
    assert plain is not None and plain[1] == 1234
    assert plain[3] == SENT.replace(b"content-length: 5", b"content-length: 1234")
    assert len(heads.seen) == 1


@pytest.mark.parametrize("length", [b"65537", b"x", b""])
def test_a_repeated_head_is_checked_for_its_length(length: bytes) -> None:
    heads = CallHeads(registry(), None)
    read(PLAIN, heads=heads)
    assert read(PLAIN.replace(b"Length: 5", b"Length: " + length), heads=heads) is None


def test_a_repeated_head_of_a_service_gone_meanwhile_is_not_a_plain_call() -> None:
    heads = CallHeads(registry(), None)
    read(PLAIN, heads=heads)
    heads.registry.remove("books")
    assert read(PLAIN, heads=heads) is None
