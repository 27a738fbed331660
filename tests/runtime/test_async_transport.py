"""async_transport.py against the real server: one connection shared by tasks, the same resend
rule as the sync transport, timeouts and cancellation that never leave a stale answer behind."""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.runtime import AsyncBaseClient, TransportError
from tests.servers.jsonrpc_server import JsonRpcServer

Start = Callable[..., JsonRpcServer]


async def calls(path: str | None, *steps: tuple[str, Any], **options: Any) -> list[Any]:
    """Run ``(method, params)`` calls in order on one client; TransportErrors become values."""
    results: list[Any] = []
    async with AsyncBaseClient(path, **options) as client:
        for method, params in steps:
            try:
                results.append(await client.call(method, params))
            except TransportError as exc:
                results.append(exc)
    return results


def test_calls_share_one_keep_alive_connection(rpc_server: JsonRpcServer) -> None:
    steps = [("echo", [n]) for n in range(10)]
    assert asyncio.run(calls(rpc_server.unix_path, *steps)) == [[n] for n in range(10)]
    assert rpc_server.accepts == 1


def test_concurrent_tasks_take_turns_on_the_connection(rpc_server: JsonRpcServer) -> None:
    async def main() -> list[Any]:
        async with AsyncBaseClient(rpc_server.unix_path) as client:
            return await asyncio.gather(*(client.call("echo", [n]) for n in range(30)))

    assert asyncio.run(main()) == [[n] for n in range(30)]
    assert rpc_server.accepts == 1


def test_connection_closed_by_the_server_is_reopened(rpc_server: JsonRpcServer) -> None:
    async def main() -> list[Any]:
        async with AsyncBaseClient(rpc_server.unix_path) as client:
            first = await client.call("close_after", [1])
            await asyncio.to_thread(rpc_server.wait_until, lambda: rpc_server.closed == 1)
            return [first, await client.call("echo", [2])]

    assert asyncio.run(main()) == [[1], [2]]
    assert rpc_server.accepts == 2
    assert rpc_server.received["echo"] == 1


def test_failed_send_on_a_reused_connection_is_sent_again(rpc_server: JsonRpcServer) -> None:
    async def main() -> list[Any]:
        async with AsyncBaseClient(rpc_server.unix_path) as client:
            first = await client.call("half_close", [1])
            await asyncio.to_thread(rpc_server.wait_until, lambda: rpc_server.half_closed == 1)
            return [first, await client.call("echo", [2])]

    assert asyncio.run(main()) == [[1], [2]]
    assert rpc_server.received["echo"] == 1


def test_request_read_but_unanswered_is_not_sent_again(rpc_server: JsonRpcServer) -> None:
    lost, after = asyncio.run(calls(rpc_server.unix_path, ("drop", None), ("echo", [1])))
    assert isinstance(lost, TransportError)
    assert "connection closed before the response to drop; not sent again" in str(lost)
    assert after == [1]
    assert rpc_server.received["drop"] == 1


def test_idempotent_call_is_sent_again(start_rpc_server: Start) -> None:
    server = start_rpc_server(drop_first={"rpc.discover"}, handlers={"rpc.discover": lambda p: 7})
    assert asyncio.run(calls(server.unix_path, ("rpc.discover", None))) == [7]
    assert server.received["rpc.discover"] == 2


def test_timeout_names_the_socket_and_drops_the_late_answer(rpc_server: JsonRpcServer) -> None:
    late, after = asyncio.run(
        calls(rpc_server.unix_path, ("sleep", {"seconds": 2}), ("echo", [1]), timeout=0.1)
    )
    assert str(late) == f"{rpc_server.unix_path}: timed out after 0.1 s waiting for sleep"
    assert after == [1]
    assert rpc_server.accepts == 2


def test_timeout_must_be_positive(rpc_server: JsonRpcServer) -> None:
    with pytest.raises(ValueError, match="not 0"):
        AsyncBaseClient(rpc_server.unix_path, timeout=0)
    with pytest.raises(ValueError, match="not -1"):  # before any connection is opened
        asyncio.run(AsyncBaseClient(rpc_server.unix_path).call("echo", timeout=-1))
    assert rpc_server.accepts == 0


def test_per_call_timeout(rpc_server: JsonRpcServer) -> None:
    async def main() -> Any:
        async with AsyncBaseClient(rpc_server.unix_path, timeout=0.05) as client:
            return await client.call("sleep", {"seconds": 0.2}, timeout=5)

    assert asyncio.run(main()) == {"seconds": 0.2}


def test_cancelled_call_leaves_no_stale_answer(rpc_server: JsonRpcServer) -> None:
    async def main() -> Any:
        async with AsyncBaseClient(rpc_server.unix_path) as client:
            task = asyncio.create_task(client.call("sleep", {"seconds": 0.3}))
            await asyncio.sleep(0.05)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            return await client.call("echo", [1])

    assert asyncio.run(main()) == [1]


@pytest.mark.parametrize("method", ["chunked", "trickle", "interim", "close_header", "until_close"])
def test_every_response_framing_is_read(rpc_server: JsonRpcServer, method: str) -> None:
    params = {"text": "ünïcode " * 50}
    steps = [(method, params), ("echo", [1])]
    assert asyncio.run(calls(rpc_server.unix_path, *steps)) == [params, [1]]


def test_large_body(rpc_server: JsonRpcServer) -> None:
    big = {"blob": "x" * 2_000_000}
    assert asyncio.run(calls(rpc_server.unix_path, ("echo", big), ("chunked", big))) == [big, big]


def test_client_left_open_on_one_event_loop_works_on_the_next(rpc_server: JsonRpcServer) -> None:
    client = AsyncBaseClient(rpc_server.unix_path)

    async def one(n: int) -> Any:
        return await client.call("echo", [n])

    async def last(n: int) -> Any:
        async with client:
            return await one(n)

    assert asyncio.run(one(1)) == [1]  # not closed: its connection dies with its loop
    assert asyncio.run(last(2)) == [2]
    assert rpc_server.accepts == 2
    with warnings.catch_warnings():  # the abandoned connection can only be reclaimed by GC
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def test_missing_socket_is_named(socket_dir: Path) -> None:
    path = str(socket_dir / "absent.sock")
    (error,) = asyncio.run(calls(path, ("echo", None)))
    assert str(error) == f"{path}: no such socket (is the service running?)"


def test_tcp_and_bad_http(start_rpc_server: Start) -> None:
    server = start_rpc_server(port=0)
    assert asyncio.run(calls(None, ("chunked", [1]), url=server.url)) == [[1]]
    (error,) = asyncio.run(calls(None, ("echo", None), url=server.url.replace("/rpc", "/x")))
    assert str(error) == f"{server.url.replace('/rpc', '/x')}: HTTP 404 for echo: Not Found"


def test_https_with_a_trusted_certificate(
    tls_server: JsonRpcServer, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    assert asyncio.run(calls(None, ("echo", [1]), ("chunked", [2]), url=tls_server.url)) == [
        [1],
        [2],
    ]
    assert tls_server.accepts == 1


def test_https_with_an_untrusted_certificate(tls_server: JsonRpcServer) -> None:
    (error,) = asyncio.run(calls(None, ("echo", [1]), url=tls_server.url))
    assert str(error).startswith(f"{tls_server.url}: TLS handshake failed: ")
