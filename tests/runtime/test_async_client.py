"""async_client.py: a generated-style asyncio client against the real server: the same params,
results, errors and notifications as the sync client."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.runtime import MethodNotFoundError, RpcError, TransportError
from tests.runtime.books import HANDLERS, AsyncHeroBooksClient, BookNotFoundError
from tests.servers.jsonrpc_server import JsonRpcServer

Start = Callable[..., JsonRpcServer]


@pytest.fixture
def server(start_rpc_server: Start) -> JsonRpcServer:
    return start_rpc_server(handlers=HANDLERS)


def run(server: JsonRpcServer, use: Callable[[AsyncHeroBooksClient], Any]) -> Any:
    async def main() -> Any:
        async with AsyncHeroBooksClient(server.unix_path) as client:
            return await use(client)

    return asyncio.run(main())


def test_methods_send_params_like_the_sync_client(server: JsonRpcServer) -> None:
    async def use(client: AsyncHeroBooksClient) -> list[Any]:
        return [await client.book_get("dune"), await client.book_move("dune")]

    assert run(server, use) == [
        {"received": {"name": "dune", "workspace": "default"}},
        {"received": ["dune"]},
    ]


def test_declared_and_standard_errors(server: JsonRpcServer) -> None:
    async def use(client: AsyncHeroBooksClient) -> list[RpcError]:
        errors = []
        for call in (client.book_get("missing"), client.call("no.such")):
            try:
                await call
            except RpcError as exc:
                errors.append(exc)
        return errors

    missing, unknown = run(server, use)
    assert type(missing) is BookNotFoundError
    assert str(missing) == "book.get: -32004 Book not found (data: {'name': 'missing'})"
    assert type(unknown) is MethodNotFoundError


def test_notifications(server: JsonRpcServer) -> None:
    async def use(client: AsyncHeroBooksClient) -> None:
        await client.log_event("hi")
        await client.notify("echo", [1])

    run(server, use)
    assert server.notifications == [("log.event", {"text": "hi"}), ("echo", [1])]


@pytest.mark.parametrize(
    ("method", "params", "problem"),
    [
        ("wrong_id", [1], "response id 1001 does not match request id 1 of wrong_id"),
        ("status", {"status": 502, "body": "bad gateway"}, "HTTP 502 for status: bad gateway"),
        ("not_json", None, "response to not_json is not JSON: <html><body>"),
    ],
)
def test_unusable_answers(server: JsonRpcServer, method: str, params: Any, problem: str) -> None:
    with pytest.raises(TransportError) as caught:
        run(server, lambda client: client.call(method, params))
    assert str(caught.value).startswith(f"{server.unix_path}: {problem}")


def test_default_socket_through_hero_socket_dir(
    start_rpc_server: Start, socket_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (socket_dir / "hero_books").mkdir()
    server = start_rpc_server(unix_path=socket_dir / "hero_books" / "rpc.sock", handlers=HANDLERS)
    monkeypatch.setenv("HERO_SOCKET_DIR", str(socket_dir))

    async def main() -> Any:
        async with AsyncHeroBooksClient() as client:
            return await client.book_get("dune", workspace=None)

    assert asyncio.run(main()) == {"received": {"name": "dune"}}
    assert server.accepts == 1


def test_repr_names_the_endpoint() -> None:
    assert repr(AsyncHeroBooksClient(url="http://127.0.0.1:8/")) == (
        "<AsyncHeroBooksClient http://127.0.0.1:8/>"
    )


def test_aclose_closes_the_connection(server: JsonRpcServer) -> None:
    run(server, lambda client: client.call("echo", [1]))
    server.wait_until(lambda: server.closed == 1)
