"""JSON-RPC 2.0 envelopes: parsing, batches, notifications, param binding and error codes."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from router.jsonrpc import (
    INTERNAL_ERROR,
    INVALID_PARAMS,
    INVALID_REQUEST,
    METHOD_NOT_FOUND,
    PARSE_ERROR,
    Dispatcher,
    Method,
    ParamSpec,
    RpcError,
)

CALLS: list[tuple[str, dict[str, Any]]] = []


async def echo(params: dict[str, Any]) -> Any:
    CALLS.append(("echo", params))
    return params


async def teapot(params: dict[str, Any]) -> Any:
    raise RpcError(-32042, "I am a teapot", {"spout": 1})


async def broken(params: dict[str, Any]) -> Any:
    return 1 / 0


async def not_json(params: dict[str, Any]) -> Any:
    return {1, 2}


ECHO_PARAMS = (
    ParamSpec("name", required=True, types=("string",)),
    ParamSpec("count", types=("integer",), has_default=True, default=3),
    ParamSpec("note", types=("string", "null")),
    ParamSpec("even", types=("integer",), check=lambda v: None if v % 2 == 0 else "must be even"),
)

DISPATCHER = Dispatcher(
    [
        Method("echo", echo, ECHO_PARAMS),
        Method("teapot", teapot),
        Method("broken", broken),
        Method("not_json", not_json),
    ]
)


def handle(body: Any) -> Any:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    reply = asyncio.run(DISPATCHER.handle(raw))
    return None if reply is None else json.loads(reply)


def request(method: str, params: Any = None, id: Any = 1) -> dict[str, Any]:
    message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "id": id}
    if params is not None:
        message["params"] = params
    return message


def error_of(reply: Any) -> dict[str, Any]:
    assert "result" not in reply
    return dict(reply["error"])


def test_named_params_are_bound_with_defaults_filled_in() -> None:
    reply = handle(request("echo", {"name": "x"}))
    assert reply == {"jsonrpc": "2.0", "id": 1, "result": {"name": "x", "count": 3}}


def test_positional_params_map_to_the_declared_order() -> None:
    reply = handle(request("echo", ["x", 5, "hi"]))
    assert reply["result"] == {"name": "x", "count": 5, "note": "hi"}


def test_null_is_kept_where_the_type_allows_it_and_means_absent_elsewhere() -> None:
    reply = handle(request("echo", {"name": "x", "count": None, "note": None}))
    assert reply["result"] == {"name": "x", "count": 3, "note": None}


def test_string_ids_are_echoed_back() -> None:
    assert handle(request("echo", {"name": "x"}, id="abc"))["id"] == "abc"


@pytest.mark.parametrize(
    ("params", "param", "words"),
    [
        ({}, "name", "required param is missing"),
        ({"name": None}, "name", "expected string, got null"),
        ({"name": 5}, "name", "expected string, got integer"),
        ({"name": "x", "count": True}, "count", "expected integer, got boolean"),
        ({"name": "x", "count": 1.5}, "count", "expected integer, got number"),
        ({"name": "x", "colour": "red"}, "colour", "not a param of echo"),
        ({"name": "x", "even": 3}, "even", "must be even"),
        (["x", "many"], "count", "expected integer, got string"),
    ],
)
def test_invalid_params_name_the_param(params: Any, param: str, words: str) -> None:
    error = error_of(handle(request("echo", params)))
    assert error["code"] == INVALID_PARAMS
    assert error["message"] == f"invalid param '{param}': {words}"
    assert error["data"] == {"param": param}


def test_too_many_positional_params_is_invalid_params() -> None:
    error = error_of(handle(request("echo", ["x", 1, "n", 2, "extra"])))
    assert error == {"code": INVALID_PARAMS, "message": "too many params: echo takes at most 4"}


def test_unknown_method() -> None:
    error = error_of(handle(request("nope")))
    assert error == {"code": METHOD_NOT_FOUND, "message": "method not found: nope"}


def test_parse_error_has_a_null_id() -> None:
    reply = handle(b'{"jsonrpc": "2.0", "method": ')
    assert reply["id"] is None
    assert error_of(reply)["code"] == PARSE_ERROR


def test_bytes_that_are_not_utf8_are_a_parse_error() -> None:
    assert error_of(handle(b"\xff\xfe{}"))["code"] == PARSE_ERROR


@pytest.mark.parametrize(
    ("message", "words"),
    [
        (5, "expected an object"),
        ({"method": "echo", "id": 1}, "'jsonrpc' must be \"2.0\""),
        ({"jsonrpc": "1.0", "method": "echo", "id": 1}, "'jsonrpc' must be \"2.0\""),
        ({"jsonrpc": "2.0", "method": 3, "id": 1}, "'method' must be a string"),
        ({"jsonrpc": "2.0", "method": "echo", "params": "x", "id": 1}, "'params' must be an"),
        ({"jsonrpc": "2.0", "method": "echo", "id": True}, "'id' must be a string, number"),
        ({"jsonrpc": "2.0", "method": "echo", "id": [1]}, "'id' must be a string, number"),
    ],
)
def test_invalid_requests(message: Any, words: str) -> None:
    error = error_of(handle(message))
    assert error["code"] == INVALID_REQUEST
    assert words in error["message"]


def test_invalid_request_keeps_a_valid_id() -> None:
    reply = handle({"jsonrpc": "1.0", "method": "echo", "id": 9})
    assert reply["id"] == 9


def test_empty_batch_is_one_invalid_request() -> None:
    reply = handle([])
    assert isinstance(reply, dict)
    assert error_of(reply) == {"code": INVALID_REQUEST, "message": "invalid request: empty batch"}


def test_batch_replies_in_order_and_skips_notifications() -> None:
    CALLS.clear()
    batch = [
        request("echo", {"name": "a"}, id=1),
        {"jsonrpc": "2.0", "method": "echo", "params": {"name": "quiet"}},
        request("nope", id=2),
        7,
        request("echo", {"name": "b"}, id=3),
    ]
    reply = handle(batch)
    assert [r["id"] for r in reply] == [1, 2, None, 3]
    assert reply[0]["result"]["name"] == "a" and reply[3]["result"]["name"] == "b"
    assert error_of(reply[1])["code"] == METHOD_NOT_FOUND
    assert error_of(reply[2])["code"] == INVALID_REQUEST
    assert ("echo", {"name": "quiet", "count": 3}) in CALLS  # the notification did run


def test_notifications_get_no_reply_even_when_they_fail() -> None:
    CALLS.clear()
    assert handle({"jsonrpc": "2.0", "method": "echo", "params": {"name": "n"}}) is None
    assert handle({"jsonrpc": "2.0", "method": "nope"}) is None
    assert handle({"jsonrpc": "2.0", "method": "broken"}) is None
    assert CALLS == [("echo", {"name": "n", "count": 3})]


def test_a_batch_of_notifications_has_no_reply() -> None:
    batch = [{"jsonrpc": "2.0", "method": "echo", "params": ["a"]}] * 2
    assert handle(batch) is None


def test_null_id_is_a_request_not_a_notification() -> None:
    assert handle(request("echo", ["x"], id=None))["result"] == {"name": "x", "count": 3}


def test_application_errors_carry_code_message_and_data() -> None:
    error = error_of(handle(request("teapot")))
    assert error == {"code": -32042, "message": "I am a teapot", "data": {"spout": 1}}


def test_a_crashing_handler_is_an_internal_error_without_the_traceback() -> None:
    error = error_of(handle(request("broken")))
    assert error == {
        "code": INTERNAL_ERROR,
        "message": "internal error",
        "data": {"type": "ZeroDivisionError"},
    }


def test_a_result_json_cannot_hold_is_an_internal_error() -> None:
    reply = handle(request("not_json", id=4))
    assert reply["id"] == 4
    assert error_of(reply)["code"] == INTERNAL_ERROR
