"""The lean HTTP/1.1 client: framing, keep-alive pooling, retries and timeouts against a real
JSON-RPC server on a Unix socket (tests/servers), and URL endpoints."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import uvloop

from router.upstream import Endpoint, Pool, UpstreamError, UpstreamTimeout
from tests.servers.jsonrpc_server import JsonRpcServer

JSON = [(b"content-type", b"application/json")]
T = TypeVar("T")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[JsonRpcServer]:
    with JsonRpcServer(unix_path=tmp_path / "rpc.sock") as running:
        yield running


async def call(pool: Pool, method: str, params: Any = None, timeout: float = 5.0) -> Any:
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    async with pool.exchange("POST", "/rpc", JSON, body, timeout) as answer:
        status, data = answer.status, await answer.read()
    assert status == 200, data
    return json.loads(data)


LOOPS = {"asyncio": asyncio.run, "uvloop": uvloop.run}  # the router runs on uvloop (uvicorn's pick)


def with_pool(
    endpoint: Endpoint | JsonRpcServer, body: Callable[[Pool], Awaitable[T]], loop: str = "asyncio"
) -> T:
    """Run ``body`` with a pool on one event loop, closing the pool afterwards."""
    if isinstance(endpoint, JsonRpcServer):
        assert endpoint.unix_path is not None
        endpoint = Endpoint(socket_path=endpoint.unix_path)
    pool = Pool(endpoint)

    async def main() -> T:
        try:
            return await body(pool)
        finally:
            await pool.close()

    return LOOPS[loop](main())


@pytest.mark.parametrize("loop", LOOPS)
def test_sequential_calls_reuse_one_pooled_connection(server: JsonRpcServer, loop: str) -> None:
    async def three(pool: Pool) -> list[Any]:
        return [(await call(pool, "echo", [n]))["result"] for n in range(3)]

    assert with_pool(server, three, loop) == [[0], [1], [2]]
    assert server.accepts == 1


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("framing", ["chunked", "trickle", "interim", "until_close"])
def test_every_response_framing_reads_the_whole_body(
    server: JsonRpcServer, framing: str, loop: str
) -> None:
    async def twice(pool: Pool) -> tuple[Any, Any]:
        # the second answer shows the connection was left clean (or not reused when it ended)
        return await call(pool, framing, {"x": "y" * 1000}), await call(pool, "echo", [1])

    first, second = with_pool(server, twice, loop)
    assert (first["result"], second["result"]) == ({"x": "y" * 1000}, [1])


def test_a_connection_the_server_closed_while_idle_is_replaced_transparently(
    server: JsonRpcServer,
) -> None:
    async def across_a_close(pool: Pool) -> Any:
        await call(pool, "close_after", [1])  # the server closes without saying so
        await asyncio.to_thread(server.wait_until, lambda: server.closed == 1)
        return await call(pool, "echo", [2])

    assert with_pool(server, across_a_close)["result"] == [2]
    assert server.accepts == 2


def test_a_reused_connection_that_breaks_before_the_answer_is_retried_once(
    tmp_path: Path,
) -> None:
    handlers = {"again": lambda params: params}
    with JsonRpcServer(
        unix_path=tmp_path / "rpc.sock", handlers=handlers, drop_first={"again"}
    ) as server:

        async def two(pool: Pool) -> Any:
            await call(pool, "echo", [1])
            return await call(pool, "again", [2])  # dropped on the pooled connection

        assert with_pool(server, two)["result"] == [2]
        assert (server.accepts, server.received["again"]) == (2, 2)


def test_connection_close_is_not_pooled(server: JsonRpcServer) -> None:
    async def two(pool: Pool) -> None:
        await call(pool, "close_header", [1])
        await call(pool, "echo", [2])

    with_pool(server, two)
    assert server.accepts == 2


def test_a_dropped_request_on_a_fresh_connection_is_an_error_not_a_retry(
    server: JsonRpcServer,
) -> None:
    with pytest.raises(UpstreamError):
        with_pool(server, lambda pool: call(pool, "drop"))
    assert server.received["drop"] == 1


def test_a_slow_answer_times_out(server: JsonRpcServer) -> None:
    with pytest.raises(UpstreamTimeout, match=r"no answer within 0\.2 s"):
        with_pool(server, lambda pool: call(pool, "sleep", {"seconds": 2}, timeout=0.2))


def test_nothing_listening_is_an_upstream_error(tmp_path: Path) -> None:
    endpoint = Endpoint(socket_path=str(tmp_path / "none.sock"))
    with pytest.raises(UpstreamError, match=r"none\.sock"):
        with_pool(endpoint, lambda pool: call(pool, "echo"))


def test_a_streamed_request_body_goes_out_chunked_or_with_its_length(
    server: JsonRpcServer,
) -> None:
    payload = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "echo", "params": ["z" * 5000]})
    data = payload.encode()

    async def pieces() -> AsyncIterator[bytes]:
        for start in range(0, len(data), 1000):
            yield data[start : start + 1000]

    async def both(pool: Pool) -> list[Any]:
        answers = []
        for length in (None, len(data)):
            async with pool.exchange("POST", "/rpc", JSON, pieces(), 5, length) as answer:
                answers.append(json.loads(await answer.read())["result"])
        return answers

    assert with_pool(server, both) == [["z" * 5000], ["z" * 5000]]


def test_url_endpoints_keep_their_path_prefix_and_host() -> None:
    with JsonRpcServer(port=0, rpc_path="/api/rpc") as server:
        endpoint = Endpoint.from_url(f"http://127.0.0.1:{server.port}/api/")
        assert (endpoint.host, endpoint.port, endpoint.prefix) == ("127.0.0.1", server.port, "/api")
        assert endpoint.authority == f"127.0.0.1:{server.port}".encode()
        assert with_pool(endpoint, lambda pool: call(pool, "echo", {"a": 1}))["result"] == {"a": 1}


@pytest.mark.parametrize("url", ["ftp://host/x", "unix:/tmp/x.sock", "http://", "just-text"])
def test_only_http_urls_make_endpoints(url: str) -> None:
    with pytest.raises(ValueError, match="not an http"):
        Endpoint.from_url(url)
