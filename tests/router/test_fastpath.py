"""The router's HTTP front, through a real router: proxied calls answered byte for byte, failures
answered as uvicorn's path answers them, connections handed to uvicorn at their first other request,
pipelining, the token, and graceful shutdown."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.router.kit import (
    ProxySetup,
    Router,
    json_rpc_server,
    rpc_body,
    running_router,
    small_spec,
    spec_services,
    write_spec,
)
from tests.router.raw_http import RawConnection, chunked, exchange, post, request

BOOK_GET = rpc_body("book.get", {"name": "ops"})


@pytest.fixture
def setup(proxying: ProxySetup) -> ProxySetup:
    return proxying


def without_date(raw: bytes) -> bytes:
    return b"".join(line for line in raw.splitlines(True) if not line.startswith(b"date:"))


@pytest.mark.parametrize("transport", ["unix", "tcp"])
def test_a_proxied_answer_is_the_service_s_own_bytes(setup: ProxySetup, transport: str) -> None:
    where = setup.router.socket_path if transport == "unix" else setup.router.port
    proxied = exchange(where, post("/hero_books/rpc", BOOK_GET))
    direct = exchange(setup.books.socket, post("/rpc", BOOK_GET))
    assert proxied.status == 200 and b'"Operations Handbook"' in proxied.body
    assert without_date(proxied.raw) == without_date(direct.raw)


def test_plain_calls_take_the_fast_path_and_the_others_uvicorn_s(setup: ProxySetup) -> None:
    def proxied() -> dict[str, int]:
        counts: dict[str, int] = setup.router.http("GET", "/healthz").json()["proxied"]
        return counts

    before = proxied()
    for where in (setup.router.socket_path, setup.router.port):
        assert exchange(where, post("/hero_books/rpc", BOOK_GET)).status == 200
    streamed = chunked(rpc_body("echo", ["chunks"]))
    call = post("/echo/rpc", streamed, {"Transfer-Encoding": "chunked"})
    assert exchange(setup.router.socket_path, call).status == 200
    assert proxied() == {
        "fast_path": before["fast_path"] + 2,
        "uvicorn_path": before["uvicorn_path"] + 1,
    }


@pytest.mark.parametrize(
    ("service", "status"), [("dead", 502), ("stuck", 504), ("nobody", 404), ("Hero_Books", 400)]
)
def test_a_failed_call_is_answered_as_on_uvicorn_s_path(
    setup: ProxySetup, service: str, status: int
) -> None:
    call = post(f"/{service}/rpc", rpc_body("echo"))
    fresh = exchange(setup.router.socket_path, call)
    with RawConnection(setup.router.socket_path) as handed_over:
        handed_over.send(request("GET", "/healthz", {"Host": "localhost"}))
        assert handed_over.answer().status == 200
        handed_over.send(call)
        slow = handed_over.answer()
    assert fresh.status == slow.status == status
    assert fresh.headers["content-type"] == slow.headers["content-type"] == "application/json"
    assert fresh.body == slow.body
    if status > 500:
        assert fresh.json()["error"]["message"].startswith(f"{service}: ")


def test_each_call_times_out_a_proxy_timeout_after_it_started(setup: ProxySetup) -> None:
    def timed_out_after(delay: float) -> float:
        time.sleep(delay)
        started = time.monotonic()
        assert (
            exchange(setup.router.socket_path, post("/stuck/rpc", rpc_body("echo"))).status == 504
        )
        return time.monotonic() - started

    with ThreadPoolExecutor(2) as pool:
        waits = list(pool.map(timed_out_after, [0, 0.4]))
    assert all(0.9 < wait < 1.3 for wait in waits), waits  # proxy_timeout = 1 s


def test_a_keep_alive_connection_proxies_then_serves_other_requests(setup: ProxySetup) -> None:
    with RawConnection(setup.router.socket_path) as connection:
        connection.send(post("/hero_books/rpc", BOOK_GET))
        assert connection.answer().json()["result"]["name"] == "ops"
        connection.send(request("GET", "/healthz", {"Host": "localhost"}))
        assert connection.answer().json()["status"] == "ok"
        connection.send(post("/hero_books/rpc", BOOK_GET))
        assert connection.answer().json()["result"]["name"] == "ops"


def test_pipelined_calls_are_answered_in_order(setup: ProxySetup) -> None:
    calls = [post("/echo/rpc", rpc_body("echo", [n], id=n)) for n in range(3)]
    health = request("GET", "/healthz", {"Host": "localhost"})
    with RawConnection(setup.router.port) as connection:
        connection.send(calls[0] + calls[1] + health + calls[2])  # one write
        answers = [connection.answer().json() for _ in range(4)]
    assert [answer.get("id") for answer in answers] == [0, 1, None, 2]
    assert answers[2]["status"] == "ok"


def test_calls_whose_heads_differ_in_their_length_only_each_get_their_own_answer(
    setup: ProxySetup,
) -> None:
    with RawConnection(setup.router.socket_path) as connection:
        for text in ("a", "b" * 3000, "", "c" * 30):
            connection.send(post("/echo/rpc", rpc_body("echo", [text])))
            assert connection.answer().json()["result"] == [text]


def test_a_chunked_request_body_is_proxied(setup: ProxySetup) -> None:
    call = post(
        "/echo/rpc", chunked(rpc_body("echo", ["chunks"])), {"Transfer-Encoding": "chunked"}
    )
    assert exchange(setup.router.socket_path, call).json()["result"] == ["chunks"]


def test_an_expect_100_continue_call_waits_for_its_go_ahead(setup: ProxySetup) -> None:
    body = rpc_body("echo", ["after 100"])
    head = post("/echo/rpc", b"", {"Expect": "100-continue", "Content-Length": str(len(body))})
    with RawConnection(setup.router.socket_path) as connection:
        connection.send(head)
        assert connection.answer().status == 100
        connection.send(body)
        assert connection.answer().json()["result"] == ["after 100"]


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Router]:
    home = tmp_path_factory.mktemp("guarded")
    write_spec(home, "echoer", small_spec("echoer", methods=1))
    with spec_services(home, "echoer"), running_router(home, token="s3cret") as router:
        yield router


@pytest.mark.parametrize("given", [None, "Bearer wrong", "bearer s3cret", "Bearer s3cret "])
def test_a_call_without_the_right_token_is_refused(guarded: Router, given: str | None) -> None:
    headers = {} if given is None else {"Authorization": given}
    answer = exchange(guarded.socket_path, post("/echoer/rpc", rpc_body("echo", [1]), headers))
    assert (answer.status, answer.headers.get("www-authenticate")) == (401, "Bearer")
    assert answer.json()["error"]["message"] == "missing or wrong bearer token"


def test_a_call_with_the_token_is_proxied_without_it(guarded: Router) -> None:
    call = post("/echoer/rpc", rpc_body("headers"), {"Authorization": "Bearer s3cret"})
    names = exchange(guarded.socket_path, call).json()["result"]
    assert "authorization" not in names and "content-type" in names


def test_shutdown_closes_idle_connections_at_once_and_busy_ones_after_their_answer(
    tmp_path: Path,
) -> None:
    with json_rpc_server(tmp_path, "echo"), running_router(tmp_path) as router:
        idle, busy = RawConnection(router.socket_path), RawConnection(router.port)
        idle.send(post("/echo/rpc", rpc_body("echo", [1])))
        assert idle.answer().status == 200
        busy.send(post("/echo/rpc", rpc_body("sleep", {"seconds": 1})))
        time.sleep(0.3)  # the call is on its way
        started = time.monotonic()
        router.process.terminate()
        assert idle.at_eof()
        assert busy.answer().json()["result"] == {"seconds": 1}
        assert busy.at_eof()
        router.process.wait(timeout=10)
        # uvicorn waits up to 5 s for connections it was not told are closed
        assert time.monotonic() - started < 3
        idle.close()
        busy.close()


@pytest.mark.slow
def test_a_connection_idle_for_uvicorn_s_keep_alive_timeout_is_closed(setup: ProxySetup) -> None:
    with RawConnection(setup.router.socket_path) as connection:
        for pause in (0, 3.5):  # the second call moves the deadline
            time.sleep(pause)
            connection.send(post("/hero_books/rpc", BOOK_GET))
            assert connection.answer().status == 200
        answered = time.monotonic()
        assert connection.at_eof()
        assert 4.5 < time.monotonic() - answered < 6.5  # uvicorn's default: 5 s
