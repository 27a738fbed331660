"""errors.py: RpcError's text and attributes, the standard subclasses, how error objects map."""

from __future__ import annotations

import pickle

import pytest

from generator.runtime.errors import (
    InternalError,
    InvalidParamsError,
    InvalidRequestError,
    MethodNotFoundError,
    ParseError,
    RpcError,
    TransportError,
    _error_from_response,
)


class BookNotFoundError(RpcError):
    code = -32004


def test_str_shows_method_code_and_message() -> None:
    assert (
        str(RpcError(-32000, "Server error", method="book.get")) == "book.get: -32000 Server error"
    )


def test_str_adds_short_data_when_present() -> None:
    err = RpcError(-32000, "bad", {"field": "name"}, "book.get")
    assert str(err) == "book.get: -32000 bad (data: {'field': 'name'})"
    long = RpcError(1, "x", "y" * 1000, "m")
    assert len(str(long)) < 260
    assert str(long).endswith("...)")


def test_str_without_method_has_no_empty_prefix() -> None:
    assert str(RpcError(5, "five")) == "5 five"


def test_attributes_and_defaults() -> None:
    err = RpcError(-32001, "msg")
    assert (err.code, err.message, err.data, err.method) == (-32001, "msg", None, "")


def test_error_survives_pickling() -> None:
    err = pickle.loads(pickle.dumps(BookNotFoundError(-32004, "Book not found", {"n": 1}, "m")))
    assert type(err) is BookNotFoundError
    assert (err.code, err.message, err.data, err.method) == (
        -32004,
        "Book not found",
        {"n": 1},
        "m",
    )


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (-32700, ParseError),
        (-32600, InvalidRequestError),
        (-32601, MethodNotFoundError),
        (-32602, InvalidParamsError),
        (-32603, InternalError),
    ],
)
def test_standard_codes_map_to_their_subclasses(code: int, cls: type[RpcError]) -> None:
    err = _error_from_response({"code": code, "message": "m"}, "x.y", {})
    assert type(err) is cls
    assert cls.code == code
    assert err.method == "x.y"


def test_declared_codes_come_first_even_over_standard_ones() -> None:
    declared = {-32004: BookNotFoundError, -32602: BookNotFoundError}
    err = _error_from_response(
        {"code": -32004, "message": "gone", "data": [1]}, "book.get", declared
    )
    assert type(err) is BookNotFoundError
    assert (err.code, err.message, err.data) == (-32004, "gone", [1])
    assert type(_error_from_response({"code": -32602, "message": ""}, "m", declared)) is (
        BookNotFoundError
    )


def test_undeclared_code_gives_the_base_class() -> None:
    err = _error_from_response({"code": 7, "message": "seven"}, "m", {-32004: BookNotFoundError})
    assert type(err) is RpcError
    assert err.code == 7


def test_malformed_error_objects_still_give_an_rpc_error() -> None:
    assert (
        str(_error_from_response("boom", "m", {})) == "m: 0 malformed error object (data: 'boom')"
    )
    odd = _error_from_response({"code": "12", "message": 42}, "m", {})
    assert (odd.code, odd.message) == (0, "42")
    assert _error_from_response({"code": True}, "m", {}).code == 0


def test_transport_error_is_not_an_rpc_error_and_names_the_endpoint() -> None:
    err = TransportError("/run/x/rpc.sock", "connection refused")
    assert not isinstance(err, RpcError)
    assert str(err) == "/run/x/rpc.sock: connection refused"
    assert err.endpoint == "/run/x/rpc.sock"
    assert err.problem == "connection refused"
