"""transport.py against a real server: one keep-alive connection, reconnecting only when it is
safe, timeouts, every framing the server can send, TCP and TLS, and errors that say where."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.runtime import BaseClient, TransportError
from tests.servers.jsonrpc_server import JsonRpcServer

Start = Callable[..., JsonRpcServer]


@pytest.fixture
def client(rpc_server: JsonRpcServer) -> Iterator[BaseClient]:
    with BaseClient(rpc_server.unix_path) as client:
        yield client


def test_calls_share_one_keep_alive_connection(
    rpc_server: JsonRpcServer, client: BaseClient
) -> None:
    for n in range(20):
        assert client.call("echo", [n]) == [n]
    assert rpc_server.accepts == 1


def test_idle_connection_closed_by_the_server_is_reopened(
    rpc_server: JsonRpcServer, client: BaseClient
) -> None:
    assert client.call("close_after", [1]) == [1]
    rpc_server.wait_until(lambda: rpc_server.closed == 1)
    assert client.call("echo", [2]) == [2]
    assert rpc_server.accepts == 2
    assert rpc_server.received["echo"] == 1


def test_server_idle_timeout_is_survived(start_rpc_server: Start) -> None:
    server = start_rpc_server(idle_timeout=0.05)
    with BaseClient(server.unix_path) as client:
        assert client.call("echo", [1]) == [1]
        server.wait_until(lambda: server.closed == 1)
        assert client.call("echo", [2]) == [2]
    assert server.accepts == 2
    assert server.received["echo"] == 2


def test_failed_send_on_a_reused_connection_is_sent_again_on_a_new_one(
    rpc_server: JsonRpcServer, client: BaseClient
) -> None:
    assert client.call("half_close", [1]) == [1]
    rpc_server.wait_until(lambda: rpc_server.half_closed == 1)
    assert client.call("echo", [2]) == [2]  # the first send hits EPIPE: it never arrived
    assert rpc_server.accepts == 2
    assert rpc_server.received["echo"] == 1


def test_request_read_but_unanswered_is_not_sent_again(
    rpc_server: JsonRpcServer, client: BaseClient
) -> None:
    with pytest.raises(TransportError) as caught:
        client.call("drop", {"order": "pizza"})
    assert str(caught.value) == (
        f"{rpc_server.unix_path}: connection closed before the response to drop; "
        "not sent again, as the server may have acted on it"
    )
    assert rpc_server.received["drop"] == 1
    assert client.call("echo", [3]) == [3]


def test_idempotent_call_is_sent_again_after_a_lost_response(start_rpc_server: Start) -> None:
    server = start_rpc_server(drop_first={"echo"})
    with BaseClient(server.unix_path) as client:
        assert client.call("echo", [1], idempotent=True) == [1]
    assert server.received["echo"] == 2
    assert server.accepts == 2


def test_rpc_discover_is_idempotent_by_itself(start_rpc_server: Start) -> None:
    document = {"openrpc": "1.3.2", "methods": []}
    server = start_rpc_server(
        drop_first={"rpc.discover"}, handlers={"rpc.discover": lambda p: document}
    )
    with BaseClient(server.unix_path) as client:
        assert client._call("rpc.discover", None) == document
    assert server.received["rpc.discover"] == 2


def test_idempotent_call_lost_twice_gives_up(start_rpc_server: Start) -> None:
    server = start_rpc_server()
    with BaseClient(server.unix_path) as client, pytest.raises(TransportError) as caught:
        client.call("drop", idempotent=True)
    assert "also after sending it again" in str(caught.value)
    assert server.received["drop"] == 2


def test_slow_response_times_out_and_the_connection_is_not_reused(
    rpc_server: JsonRpcServer, client: BaseClient
) -> None:
    started = time.monotonic()
    with pytest.raises(TransportError) as caught:
        client.call("sleep", {"seconds": 2}, timeout=0.1)
    assert time.monotonic() - started < 1.5
    assert str(caught.value) == f"{rpc_server.unix_path}: timed out after 0.1 s waiting for sleep"
    assert client.call("echo", [1]) == [1]  # the late answer to sleep is never read as this one
    assert rpc_server.accepts == 2


def test_per_call_timeout_overrides_the_clients_and_is_restored(rpc_server: JsonRpcServer) -> None:
    with BaseClient(rpc_server.unix_path, timeout=0.1) as client:
        assert client.call("sleep", {"seconds": 0.3}, timeout=5) == {"seconds": 0.3}
        with pytest.raises(TransportError, match=r"timed out after 0\.1 s"):
            client.call("sleep", {"seconds": 2})


def test_timeout_must_be_positive(rpc_server: JsonRpcServer, client: BaseClient) -> None:
    with pytest.raises(ValueError, match="timeout must be a positive number of seconds, not 0"):
        BaseClient(rpc_server.unix_path, timeout=0)
    with pytest.raises(ValueError, match="timeout must be a positive number of seconds, not -1"):
        client.call("echo", timeout=-1)
    assert rpc_server.received == {}


@pytest.mark.parametrize("method", ["chunked", "trickle", "interim", "close_header", "until_close"])
def test_every_response_framing_is_read(
    rpc_server: JsonRpcServer, client: BaseClient, method: str
) -> None:
    params = {"text": "ünïcode " * 50, "n": list(range(100))}
    assert client.call(method, params) == params
    assert client.call("echo", [1]) == [1]


def test_connection_close_header_closes_the_clients_side_too(client: BaseClient) -> None:
    client.call("close_header", [1])
    assert client._transport._conn is None


def test_large_bodies_both_ways(rpc_server: JsonRpcServer, client: BaseClient) -> None:
    big = {"blob": "x" * 3_000_000, "list": list(range(50_000))}
    assert client.call("echo", big) == big
    assert client.call("chunked", big) == big
    assert rpc_server.accepts == 1


def test_threads_share_a_client_safely(rpc_server: JsonRpcServer, client: BaseClient) -> None:
    failures: list[str] = []

    def work(worker: int) -> None:
        for n in range(40):
            if client.call("echo", [worker, n]) != [worker, n]:
                failures.append(f"{worker}/{n}")

    threads = [threading.Thread(target=work, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert rpc_server.accepts == 1


def test_close_then_call_opens_a_new_connection(
    rpc_server: JsonRpcServer, client: BaseClient
) -> None:
    client.call("echo", [1])
    client.close()
    assert client.call("echo", [2]) == [2]
    assert rpc_server.accepts == 2


def test_missing_socket_is_named(socket_dir: Path) -> None:
    path = socket_dir / "absent.sock"
    with BaseClient(path) as client, pytest.raises(TransportError) as caught:
        client.call("echo")
    assert str(caught.value) == f"{path}: no such socket (is the service running?)"


def test_socket_nobody_listens_on_is_refused(socket_dir: Path) -> None:
    path = socket_dir / "stale.sock"
    with socket.socket(socket.AF_UNIX) as stale:
        stale.bind(str(path))
    with BaseClient(path) as client, pytest.raises(TransportError) as caught:
        client.call("echo")
    assert str(caught.value) == f"{path}: connection refused (is the service running?)"


def test_tcp_url(start_rpc_server: Start) -> None:
    server = start_rpc_server(port=0)
    with BaseClient(url=server.url) as client:
        assert client.call("chunked", {"a": 1}) == {"a": 1}
        assert client.call("echo", [2]) == [2]
    assert server.accepts == 1


def test_closed_tcp_port_is_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/rpc"
    with BaseClient(url=url) as client, pytest.raises(TransportError) as caught:
        client.call("echo")
    assert str(caught.value) == f"{url}: connection refused (is the service running?)"


def test_wrong_http_path_is_a_404(rpc_server: JsonRpcServer) -> None:
    with (
        BaseClient(rpc_server.unix_path, rpc_path="/") as client,
        pytest.raises(TransportError) as caught,
    ):
        client.call("echo")
    assert str(caught.value) == f"{rpc_server.unix_path}: HTTP 404 for echo: Not Found"


def one_shot_server(path: Path, answer: bytes) -> threading.Thread:
    """A raw server that reads one request, sends ``answer`` and closes."""
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    listener.listen(1)

    def serve() -> None:
        with listener, listener.accept()[0] as conn:
            conn.recv(65536)
            conn.sendall(answer)

    thread = threading.Thread(target=serve)
    thread.start()
    return thread


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        (b"SSH-2.0-OpenSSH_9.6\r\n\r\n", "bad HTTP response to echo: not an HTTP/1.x response"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{}", "connection closed in the middle"),
        (b"HTTP/1.1 200 OK\r\nContent-Le", "connection closed in the middle"),
    ],
)
def test_broken_http_is_a_transport_error(socket_dir: Path, answer: bytes, problem: str) -> None:
    thread = one_shot_server(socket_dir / "raw.sock", answer)
    with (
        BaseClient(socket_dir / "raw.sock") as client,
        pytest.raises(TransportError, match=problem),
    ):
        client.call("echo")
    thread.join()


def test_https_with_an_untrusted_certificate_is_refused(tls_server: JsonRpcServer) -> None:
    with BaseClient(url=tls_server.url) as client, pytest.raises(TransportError) as caught:
        client.call("echo")
    assert str(caught.value).startswith(f"{tls_server.url}: TLS handshake failed: ")
    assert "self-signed" in str(caught.value) or "verify" in str(caught.value)


def test_https_with_a_trusted_certificate_works(
    tls_server: JsonRpcServer, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # the "system" trust store
    with BaseClient(url=tls_server.url) as client:
        assert client.call("chunked", {"secure": True}) == {"secure": True}
        assert client.call("echo", [1]) == [1]
    assert tls_server.accepts == 1
