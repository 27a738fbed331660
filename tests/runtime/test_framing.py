"""framing.py: request heads, and responses cut from bytes as they arrive in pieces."""

from __future__ import annotations

import pytest

from generator.runtime.framing import (
    _CHUNKED,
    _UNTIL_CLOSE,
    _dechunk,
    _frame,
    _parse_head,
    _request_head,
)

OK = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a":1}'
CHUNKED = (
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b'3;ext=1\r\n{"a\r\nA\r\n":[1,2,3,4\r\n1\r\n]\r\n0\r\nX-Trailer: t\r\n\r\n'
)


def test_request_head_ends_where_the_length_goes() -> None:
    head = _request_head("localhost", "/rpc")
    assert head.startswith(b"POST /rpc HTTP/1.1\r\nHost: localhost\r\n")
    assert b"Content-Type: application/json\r\n" in head
    assert head.endswith(b"Content-Length: ")


@pytest.mark.parametrize(
    ("head", "parsed"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 12", (200, 12, True)),
        (b"HTTP/1.1 200 OK\r\ncontent-length:12\r\nX-A: b", (200, 12, True)),
        (b"HTTP/1.1 200 OK\r\nCONNECTION: Close\r\nContent-Length: 1", (200, 1, False)),
        (b"HTTP/1.1 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 1", (200, 1, False)),
        (b"HTTP/1.0 200 OK\r\nContent-Length: 1", (200, 1, False)),
        (b"HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1", (200, 1, True)),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\nContent-Length: 5",
            (200, _CHUNKED, True),
        ),
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain", (200, _UNTIL_CLOSE, False)),
        (b"HTTP/1.1 204 No Content", (204, 0, True)),
        (b"HTTP/1.1 100 Continue", (100, 0, True)),
        (b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4", (503, 4, True)),
    ],
)
def test_parse_head(head: bytes, parsed: tuple[int, int, bool]) -> None:
    assert _parse_head(head) == parsed


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (b"SSH-2.0-OpenSSH_9.6", "not an HTTP/1.x response"),
        (b"HTTP/2 200", "not an HTTP/1.x response"),
        (b"HTTP/1.1 2xx OK", "not an HTTP/1.x response"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: -1", "invalid Content-Length"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 1, 2", "invalid Content-Length"),
    ],
)
def test_parse_head_refuses_what_is_no_http_response(head: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _parse_head(head)


def test_frame_of_a_whole_response() -> None:
    assert _frame(OK, False) == (200, b'{"a":1}', True)


def test_frame_reports_how_much_more_it_needs() -> None:
    assert _frame(OK[:20], False) == 21  # head incomplete: one more byte at least
    assert _frame(OK[:-3], False) == len(OK)  # body incomplete: exactly its end


def test_extra_bytes_after_a_response_end_keep_alive() -> None:
    assert _frame(OK + b"HTTP/1.1", False) == (200, b'{"a":1}', False)


def test_chunked_body_with_extensions_and_trailers() -> None:
    assert _frame(CHUNKED, False) == (200, b'{"a":[1,2,3,4]', True)


def test_chunked_body_arriving_byte_by_byte_never_frames_early() -> None:
    for cut in range(len(CHUNKED)):
        need = _frame(CHUNKED[:cut], False)
        assert isinstance(need, int)
        assert cut < need <= len(CHUNKED)


def test_dechunk_refuses_garbage() -> None:
    with pytest.raises(ValueError, match="invalid chunk size"):
        _dechunk(b"zz\r\nabc\r\n", 0)
    with pytest.raises(ValueError, match="invalid chunk size"):
        _dechunk(b"-1\r\nabc\r\n", 0)
    with pytest.raises(ValueError, match="not followed by CRLF"):
        _dechunk(b"3\r\nabcd\r\n0\r\n\r\n", 0)


def test_body_until_close_is_framed_only_at_eof() -> None:
    response = b"HTTP/1.1 200 OK\r\n\r\n[1,2]"
    assert _frame(response, False) == len(response) + 1
    assert _frame(response, True) == (200, b"[1,2]", False)


def test_interim_responses_are_skipped() -> None:
    response = b"HTTP/1.1 100 Continue\r\n\r\n" + OK
    assert _frame(response, False) == (200, b'{"a":1}', True)
    assert _frame(response[:-2], False) == len(response)


def test_no_content_has_no_body() -> None:
    assert _frame(b"HTTP/1.1 204 No Content\r\n\r\n", False) == (204, b"", True)


def test_endless_head_is_refused() -> None:
    with pytest.raises(ValueError, match="no end of the response head"):
        _frame(b"HTTP/1.1 200 OK\r\nX: " + b"a" * 70000, False)
