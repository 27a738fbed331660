"""envelope.py: params helpers, request bodies, and what answers turn into."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.runtime.envelope import (
    _batch_request,
    _batch_result,
    _call_result,
    _check_notified,
    _named,
    _notification_body,
    _positional,
    _request_body,
)
from generator.runtime.errors import InvalidParamsError, RpcError, TransportError

EP = "/s.sock"


class BookNotFoundError(RpcError):
    code = -32004


DECLARED = {-32004: BookNotFoundError}


def answer(**reply: Any) -> bytes:
    return json.dumps({"jsonrpc": "2.0", **reply}).encode()


def test_named_drops_optional_nones_and_keeps_required_ones() -> None:
    assert _named({"name": None}, {"workspace": None, "limit": 0, "tag": ""}) == {
        "name": None,
        "limit": 0,
        "tag": "",
    }
    required = {"a": 1}
    assert _named(required, {"b": None}) is required


def test_positional_drops_only_trailing_optional_nones() -> None:
    assert _positional([1, None, 3, None, None], 1) == [1, None, 3]
    assert _positional([None, None], 2) == [None, None]
    assert _positional([None, None], 0) == []


def test_request_bodies() -> None:
    assert json.loads(_request_body(7, "book.get", {"name": "x"})) == {
        "jsonrpc": "2.0",
        "id": 7,
        "method": "book.get",
        "params": {"name": "x"},
    }
    assert json.loads(_request_body(1, "ping", None)) == {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "ping",
    }
    assert json.loads(_notification_body("log", ["x"])) == {
        "jsonrpc": "2.0",
        "method": "log",
        "params": ["x"],
    }


def test_call_result_returns_the_result() -> None:
    assert _call_result(200, answer(id=3, result={"a": [1]}), 3, "m", {}, EP) == {"a": [1]}
    assert _call_result(200, answer(id=3, result=None), 3, "m", {}, EP) is None


@pytest.mark.parametrize(
    "body",
    [b' {"jsonrpc":"2.0","id":1,"result":5}', b'{"jsonrpc":"2.0","id":1,"result":5}\r\n'],
)
def test_call_result_accepts_surrounding_whitespace(body: bytes) -> None:
    assert _call_result(200, body, 1, "m", {}, EP) == 5


def test_call_result_reads_utf16_json() -> None:
    body = '{"jsonrpc":"2.0","id":1,"result":"é"}'.encode("utf-16")
    assert _call_result(200, body, 1, "m", {}, EP) == "é"


def test_error_answers_raise_declared_classes_with_data() -> None:
    body = answer(id=2, error={"code": -32004, "message": "Book not found", "data": {"name": "x"}})
    with pytest.raises(BookNotFoundError) as caught:
        _call_result(200, body, 2, "book.get", DECLARED, EP)
    assert caught.value.data == {"name": "x"}
    assert str(caught.value) == "book.get: -32004 Book not found (data: {'name': 'x'})"


def test_error_with_null_id_is_still_the_calls_error() -> None:
    body = answer(id=None, error={"code": -32602, "message": "Invalid params"})
    with pytest.raises(InvalidParamsError):
        _call_result(200, body, 2, "m", {}, EP)


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (200, b"<html>oops</html>\nmore", "/s.sock: response to m is not JSON: <html>oops</html>"),
        (200, b"", "/s.sock: empty response to m"),
        (200, b"[1]", "/s.sock: response to m is no JSON-RPC response: [1]"),
        (200, answer(id=9, result=1), "/s.sock: response id 9 does not match request id 1 of m"),
        (200, answer(id=1), "/s.sock: response to m has neither result nor error"),
        (503, b"Service Unavailable\nretry later", "/s.sock: HTTP 503 for m: Service Unavailable"),
        (204, b"", "/s.sock: HTTP 204 for m: (empty body)"),
        (404, b'{"error": "nope"}', '/s.sock: HTTP 404 for m: {"error": "nope"}'),
    ],
)
def test_unusable_answers_raise_transport_errors(status: int, body: bytes, message: str) -> None:
    with pytest.raises(TransportError) as caught:
        _call_result(status, body, 1, "m", {}, EP)
    assert str(caught.value) == message


def test_jsonrpc_error_sent_with_an_http_error_status_is_an_rpc_error() -> None:
    body = answer(id=1, error={"code": -32004, "message": "Book not found"})
    with pytest.raises(BookNotFoundError):
        _call_result(500, body, 1, "book.get", DECLARED, EP)


def test_notifications_accept_any_2xx() -> None:
    for status in (200, 202, 204):
        _check_notified(status, b"", "log", {}, EP)
    with pytest.raises(TransportError, match="HTTP 500 for log: boom"):
        _check_notified(500, b"boom", "log", {}, EP)


CALLS: list[tuple[int | None, str]] = [(1, "a"), (None, "n"), (2, "b"), (3, "c")]


def test_batch_request_numbers_calls_and_leaves_notifications_without_id() -> None:
    body = _batch_request([("a", {"x": 1}, False), ("n", None, True)], [1, None])
    assert json.loads(body) == [
        {"jsonrpc": "2.0", "id": 1, "method": "a", "params": {"x": 1}},
        {"jsonrpc": "2.0", "method": "n"},
    ]


def test_batch_result_matches_answers_by_id_in_any_order() -> None:
    replies = [
        {"jsonrpc": "2.0", "id": 3, "error": {"code": -32004, "message": "gone"}},
        {"jsonrpc": "2.0", "id": 1, "result": "one"},
        {"jsonrpc": "2.0", "id": 2, "result": None},
    ]
    outcomes = _batch_result(200, json.dumps(replies).encode(), CALLS, DECLARED, EP)
    assert outcomes[:3] == [("one", None), (None, None), (None, None)]
    assert isinstance(outcomes[3][1], BookNotFoundError)
    assert outcomes[3][1].method == "c"


def test_batch_entry_without_an_answer_gets_a_transport_error() -> None:
    replies = [{"jsonrpc": "2.0", "id": 1, "result": 1}, {"jsonrpc": "2.0", "id": 3, "result": 3}]
    outcomes = _batch_result(200, json.dumps(replies).encode(), CALLS, {}, EP)
    error = outcomes[2][1]
    assert isinstance(error, TransportError)
    assert str(error) == "/s.sock: no response to b (id 2) in the batch response"


def test_batch_of_notifications_accepts_no_body() -> None:
    assert _batch_result(204, b"", [(None, "n"), (None, "m")], {}, EP) == [(None, None)] * 2
    assert _batch_result(200, b"", [(None, "n")], {}, EP) == [(None, None)]


@pytest.mark.parametrize(
    ("body", "error", "message"),
    [
        (b"", TransportError, "empty response to batch"),
        (answer(id=None, error={"code": -32600, "message": "no batches"}), RpcError, "-32600"),
        (b'[{"jsonrpc":"2.0","id":99,"result":1}]', TransportError, "id 99, which no call has"),
        (b'[{"jsonrpc":"2.0","id":[1],"result":1}]', TransportError, r"id \[1\], which no call"),
        (b"[1]", TransportError, "no JSON-RPC response"),
        (b"{]", TransportError, "response to a batch of 3 calls is not JSON"),
    ],
)
def test_unusable_batch_answers_raise(body: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        _batch_result(200, body, CALLS, {}, EP)
