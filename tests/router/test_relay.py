"""The fast path's service side, through a real router to the test JSON-RPC server: every answer
framing, big answers and back-pressure, pooled connections (reused, closed by the service, retried
once), client disconnects and a service that stalls mid-answer."""

from __future__ import annotations

import contextlib
import itertools
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.router.kit import Router, json_rpc_server, rpc_body, running_router
from tests.router.raw_http import RawConnection, exchange, post
from tests.servers.jsonrpc_server import JsonRpcServer


@dataclass
class Setup:
    router: Router
    framed: JsonRpcServer  # built-ins, and "big": a long string
    idler: JsonRpcServer  # closes connections idle for 0.3 s
    flaky: JsonRpcServer  # drops the first "again" without an answer


@contextlib.contextmanager
def scripted(path: Path, reply: Callable[[int], bytes]) -> Iterator[None]:
    """A service that answers the n-th read it gets (counted from 1 over all connections, each
    taken for one request) with the bytes ``reply(n)``, whatever they are."""
    path.parent.mkdir(parents=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen()
    reads = itertools.count(1)

    def serve(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            while conn.recv(65536):
                conn.sendall(reply(next(reads)))

    def accept() -> None:
        with contextlib.suppress(OSError):  # closed: the test is over
            while True:
                threading.Thread(target=serve, args=(listener.accept()[0],), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield
    finally:
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        thread.join(5)


def stalled(n: int) -> bytes:
    """An answer that starts (a chunked head and one chunk), then says no more."""
    return b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n"


def chatty(n: int) -> bytes:
    """An answer, sent twice."""
    body = b"answer %d" % n
    return b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body) * 2


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    home = tmp_path_factory.mktemp("relay")
    (home / "router.toml").write_text("fetch_timeout = 0.5\nproxy_timeout = 2\n")
    big = {"big": lambda params: "x" * params["size"]}
    again = {"again": lambda params: params}
    with (
        json_rpc_server(home, "framed", handlers=big) as framed,
        json_rpc_server(home, "idler", idle_timeout=0.3) as idler,
        json_rpc_server(home, "flaky", handlers=again, drop_first={"again"}) as flaky,
        scripted(home / "sockets" / "stalled" / "rpc.sock", stalled),
        scripted(home / "sockets" / "chatty" / "rpc.sock", chatty),
        running_router(home, "--config", str(home / "router.toml")) as router,
    ):
        yield Setup(router, framed, idler, flaky)


def call(setup: Setup, service: str, method: str, params: Any = None) -> Any:
    answer = exchange(setup.router.socket_path, post(f"/{service}/rpc", rpc_body(method, params)))
    assert answer.status == 200, answer
    return answer.json()


@pytest.mark.parametrize(
    "framing", ["chunked", "trickle", "interim", "until_close", "close_after", "close_header"]
)
def test_every_answer_framing_arrives_whole(setup: Setup, framing: str) -> None:
    with RawConnection(setup.router.port) as connection:
        for n in range(2):  # the client's connection stays usable
            connection.send(post("/framed/rpc", rpc_body(framing, {"n": n, "x": "y" * 999})))
            answer = connection.answer()
            assert answer.json()["result"] == {"n": n, "x": "y" * 999}
    # an answer with no length is sent on chunked, not cut short
    assert ("transfer-encoding" in answer.headers) == (framing in ("chunked", "until_close"))


@pytest.mark.parametrize("size", [70_000, 3_000_000])
def test_a_big_answer_streams_through_intact(setup: Setup, size: int) -> None:
    with RawConnection(setup.router.socket_path) as connection:
        connection.send(post("/framed/rpc", rpc_body("big", {"size": size})))
        answer = connection.answer()
    assert answer.headers["content-length"] == str(len(answer.body))
    assert answer.json()["result"] == "x" * size


def resident_bytes(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) * 1024


def test_a_client_that_does_not_read_holds_the_service_back(setup: Setup) -> None:
    size = 64 * 2**20
    before = resident_bytes(setup.router.process.pid)
    with RawConnection(setup.router.socket_path, timeout=30) as connection:
        connection.send(post("/framed/rpc", rpc_body("big", {"size": size})))
        time.sleep(1.5)  # the service has long written it all, if the router takes it all
        grown = resident_bytes(setup.router.process.pid) - before
        assert len(connection.answer().body) > size
    assert grown < size / 4


def test_calls_reuse_one_pooled_connection(setup: Setup) -> None:
    call(setup, "framed", "echo", [0])
    accepts = setup.framed.accepts
    assert [call(setup, "framed", "echo", [n])["result"] for n in range(5)] == [
        [n] for n in range(5)
    ]
    assert setup.framed.accepts == accepts


def test_a_connection_the_service_closed_while_idle_does_not_fail_the_next_call(
    setup: Setup,
) -> None:
    call(setup, "idler", "echo", [1])
    closed, accepts = setup.idler.closed, setup.idler.accepts
    setup.idler.wait_until(lambda: setup.idler.closed > closed)  # its 0.3 s idle timeout
    assert call(setup, "idler", "echo", [2])["result"] == [2]
    assert setup.idler.accepts == accepts + 1


def test_a_pooled_connection_dropped_before_the_answer_is_retried_once(setup: Setup) -> None:
    call(setup, "flaky", "echo", [1])  # leaves a pooled connection
    assert call(setup, "flaky", "again", [2])["result"] == [2]
    assert setup.flaky.received["again"] == 2


def test_a_call_dropped_again_on_a_new_connection_is_a_502(setup: Setup) -> None:
    call(setup, "framed", "echo", [1])  # leaves a pooled connection
    before = setup.framed.received["drop"]
    answer = exchange(setup.router.socket_path, post("/framed/rpc", rpc_body("drop")))
    assert answer.status == 502
    assert answer.json()["error"]["message"].endswith("the service closed the connection")
    assert setup.framed.received["drop"] == before + 2  # once pooled, once on a new connection


def test_a_client_that_leaves_mid_call_takes_the_service_connection_along(setup: Setup) -> None:
    call(setup, "framed", "echo", [1])
    closed = setup.framed.closed
    with RawConnection(setup.router.socket_path) as connection:
        connection.send(post("/framed/rpc", rpc_body("sleep", {"seconds": 0.3})))
    setup.framed.wait_until(lambda: setup.framed.closed > closed)  # not pooled, not kept
    assert call(setup, "framed", "echo", [2])["result"] == [2]
    assert "Traceback" not in setup.router.log()  # the answer was not written to nobody


def test_a_status_and_body_of_the_service_s_own_pass_through(setup: Setup) -> None:
    params = {"status": 503, "body": "down for maintenance"}
    answer = exchange(setup.router.socket_path, post("/framed/rpc", rpc_body("status", params)))
    assert (answer.status, answer.body) == (503, b"down for maintenance")
    assert answer.headers["content-type"] == "text/plain"


def test_an_answer_that_stalls_after_it_started_cuts_the_client_s_connection(
    setup: Setup,
) -> None:
    started = time.monotonic()
    with RawConnection(setup.router.socket_path) as connection:
        connection.send(post("/stalled/rpc", rpc_body("echo")))
        received = connection.rfile.read()  # up to the router closing the connection
    assert received.startswith(b"HTTP/1.1 200 OK\r\n")
    assert received.endswith(b"\r\n\r\n5\r\nhello\r\n")  # no last chunk: cut, not ended
    assert 1.9 < time.monotonic() - started < 5  # the proxy timeout, 2 s without a byte
    assert "stalled/rpc.sock: the answer broke off: no answer within 2 s" in setup.router.log()


def test_bytes_a_service_sends_after_its_answer_are_not_the_next_call_s_answer(
    setup: Setup,
) -> None:
    with RawConnection(setup.router.socket_path) as connection:
        connection.send(post("/chatty/rpc", b"{}") * 2)  # the second goes on the first's connection
        first, second = connection.answer(), connection.answer()
    assert first.status == 200 and first.body.startswith(b"answer ")
    assert second.status == 502, second  # not the first answer again, and not sent twice
    assert second.json()["error"]["message"].endswith("the service said more than it was asked")
    assert exchange(setup.router.socket_path, post("/chatty/rpc", b"{}")).status == 200
