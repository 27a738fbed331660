"""client.py: a generated-style client subclass against the real server: params, results,
declared and standard errors, notifications, the default socket, and unusable answers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.runtime import (
    BaseClient,
    InternalError,
    InvalidParamsError,
    MethodNotFoundError,
    RpcError,
    TransportError,
)
from tests.runtime.books import HANDLERS, BookNotFoundError, HeroBooksClient
from tests.servers.jsonrpc_server import JsonRpcServer

Start = Callable[..., JsonRpcServer]


@pytest.fixture
def server(start_rpc_server: Start) -> JsonRpcServer:
    return start_rpc_server(handlers=HANDLERS)


@pytest.fixture
def client(server: JsonRpcServer) -> Iterator[HeroBooksClient]:
    with HeroBooksClient(server.unix_path) as client:
        yield client


def test_named_params_send_defaults_and_leave_out_nones(client: HeroBooksClient) -> None:
    assert client.book_get("dune") == {"received": {"name": "dune", "workspace": "default"}}
    assert client.book_get("dune", workspace=None, tag="sf") == {
        "received": {"name": "dune", "tag": "sf"}
    }


def test_positional_params_drop_trailing_nones(client: HeroBooksClient) -> None:
    assert client.book_move("dune") == {"received": ["dune"]}
    assert client.book_move("dune", 3) == {"received": ["dune", 3]}
    assert client.book_move("dune", None, "top") == {"received": ["dune", None, "top"]}


def test_declared_error_is_raised_with_its_data(client: HeroBooksClient) -> None:
    with pytest.raises(BookNotFoundError) as caught:
        client.book_get("missing")
    assert caught.value.data == {"name": "missing"}
    assert str(caught.value) == "book.get: -32004 Book not found (data: {'name': 'missing'})"


def test_standard_errors_get_their_classes(client: HeroBooksClient) -> None:
    with pytest.raises(MethodNotFoundError, match=r"no\.such: -32601 Method not found"):
        client.call("no.such")
    with pytest.raises(InternalError, match="crash: -32603 Internal error: division by zero"):
        client.call("crash")
    with pytest.raises(InvalidParamsError):
        client.call("fail", {"code": -32602, "message": "Invalid params", "data": ["name"]})


def test_error_with_an_undeclared_code_is_an_rpc_error(client: HeroBooksClient) -> None:
    with pytest.raises(RpcError) as caught:
        client.call("fail", {"code": 42, "message": "odd"})
    assert type(caught.value) is RpcError
    assert (caught.value.code, caught.value.method) == (42, "fail")


def test_call_escape_hatch_takes_lists_dicts_and_nothing(client: HeroBooksClient) -> None:
    assert client.call("echo", [1, "two"]) == [1, "two"]
    assert client.call("echo", {"a": None}) == {"a": None}
    assert client.call("echo") is None  # no params member sent at all


@pytest.mark.parametrize("empty_status", [204, 200])
def test_notifications_reach_the_server_without_an_id(
    start_rpc_server: Start, empty_status: int
) -> None:
    server = start_rpc_server(handlers=HANDLERS, empty_status=empty_status)
    with HeroBooksClient(server.unix_path) as client:
        client.log_event("started")
        client.notify("echo", [1])
        assert client.book_get("dune")["received"]["name"] == "dune"
    assert server.notifications == [("log.event", {"text": "started"}), ("echo", [1])]
    assert server.accepts == 1


def test_notification_answered_with_an_http_error_raises(client: HeroBooksClient) -> None:
    with pytest.raises(TransportError, match="HTTP 500 for status: went wrong"):
        client.notify("status", {"status": 500, "body": "went wrong"})


def test_default_socket_is_found_through_hero_socket_dir(
    start_rpc_server: Start, socket_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (socket_dir / "hero_books").mkdir()
    server = start_rpc_server(unix_path=socket_dir / "hero_books" / "rpc.sock", handlers=HANDLERS)
    monkeypatch.setenv("HERO_SOCKET_DIR", str(socket_dir))
    with HeroBooksClient() as client:
        assert client.book_get("dune")["received"]["name"] == "dune"
    assert server.accepts == 1


def test_repr_names_the_endpoint(server: JsonRpcServer, client: HeroBooksClient) -> None:
    assert repr(client) == f"<HeroBooksClient {server.unix_path}>"


def test_unix_url(server: JsonRpcServer) -> None:
    with HeroBooksClient(url=server.url) as client:
        assert client.book_get("dune")["received"]["name"] == "dune"


def test_client_with_no_service_needs_an_endpoint() -> None:
    with pytest.raises(ValueError, match="no socket_path or url given"):
        BaseClient()


@pytest.mark.parametrize(
    ("method", "params", "problem"),
    [
        ("wrong_id", [1], "response id 1001 does not match request id 1 of wrong_id"),
        (
            "not_json",
            None,
            "response to not_json is not JSON: <html><body><h1>502 Bad Gateway</h1></body></html>",
        ),
        ("status", {"status": 503, "body": "busy\nline two"}, "HTTP 503 for status: busy"),
    ],
)
def test_unusable_answers_name_the_socket(
    server: JsonRpcServer, client: HeroBooksClient, method: str, params: Any, problem: str
) -> None:
    with pytest.raises(TransportError) as caught:
        client.call(method, params)
    assert str(caught.value) == f"{server.unix_path}: {problem}"
    assert caught.value.endpoint == server.unix_path


def test_jsonrpc_error_in_an_http_error_is_the_declared_error(client: HeroBooksClient) -> None:
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "error": {"code": -32004, "message": "gone"}})
    with pytest.raises(BookNotFoundError, match="status: -32004 gone"):
        client.call("status", {"status": 500, "body": body})


def test_context_manager_closes_the_connection(server: JsonRpcServer) -> None:
    with HeroBooksClient(server.unix_path) as client:
        client.book_get("dune")
    server.wait_until(lambda: server.closed == 1)


def test_ids_increase_per_call(client: HeroBooksClient) -> None:
    client.call("echo")
    with pytest.raises(TransportError, match="request id 2 of wrong_id"):
        client.call("wrong_id")
