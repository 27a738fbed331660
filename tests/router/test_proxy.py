"""The proxy, through a real router to real services: results, errors and batches pass through
unchanged, big bodies stream both ways, failures are JSON errors, the generated client works."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from tests.router.kit import ProxySetup, Router, imported, rpc_body


@pytest.fixture
def setup(proxying: ProxySetup) -> ProxySetup:
    return proxying


def proxied(router: Router, payload: Any, service: str = "hero_books") -> Any:
    reply = router.http("POST", f"/{service}/rpc", json.dumps(payload).encode())
    assert reply.status == 200, reply
    return reply.json()


def call(method: str, params: Any = None, id: Any = 1) -> Any:
    return json.loads(rpc_body(method, params, id))


def test_a_call_answers_exactly_as_the_service_does(setup: ProxySetup) -> None:
    request = call("book.get", {"name": "ops"})
    assert proxied(setup.router, request) == setup.books.post(request, path="/rpc")


def test_errors_and_batches_pass_through_unchanged(setup: ProxySetup) -> None:
    batch = [
        call("book.get", {"name": "ops"}, id="a"),
        call("book.get", {"name": "missing"}, id="b"),
        {"jsonrpc": "2.0", "method": "workspace.list"},
        call("no.such", id="c"),
        call("book.get", {"name": 5}, id="d"),
    ]
    answers = proxied(setup.router, batch)
    assert answers == setup.books.post(batch, path="/rpc")
    assert [answer["id"] for answer in answers] == ["a", "b", "c", "d"]
    assert [answer.get("error", {}).get("code") for answer in answers] == [
        None,
        -32004,
        -32601,
        -32602,
    ]


def test_a_notification_gets_the_service_s_empty_answer(setup: ProxySetup) -> None:
    notification = json.dumps({"jsonrpc": "2.0", "method": "workspace.list"}).encode()
    reply = setup.router.http("POST", "/hero_books/rpc", notification)
    assert (reply.status, reply.body) == (204, b"")


def test_a_parse_error_is_the_service_s_own(setup: ProxySetup) -> None:
    reply = setup.router.http("POST", "/hero_books/rpc", b"{not json")
    assert reply.status == 200
    assert reply.json()["error"]["code"] == -32700


def test_a_big_answer_streams_back_whole(setup: ProxySetup) -> None:
    text = "0123456789" * 50_000  # 500 KB: more than the proxy ever holds at once
    assert proxied(setup.router, call("echo", [text]), "echoer")["result"] == [text]


def test_a_chunked_request_body_streams_to_the_service(setup: ProxySetup) -> None:
    body = json.dumps(call("book.search", {"query": "kubernetes"})).encode()
    connection = http.client.HTTPConnection("127.0.0.1", setup.router.port, timeout=10)
    try:
        pieces = (body[i : i + 7] for i in range(0, len(body), 7))
        connection.request(
            "POST",
            "/hero_books/rpc",
            pieces,
            {"Content-Type": "application/json"},
            encode_chunked=True,
        )
        answer = json.loads(connection.getresponse().read())
    finally:
        connection.close()
    assert answer == setup.books.post(json.loads(body), path="/rpc")


def test_the_router_s_token_and_hop_headers_do_not_reach_the_service(setup: ProxySetup) -> None:
    headers = {"Authorization": "Bearer secret", "Connection": "keep-alive", "X-Trace": "1"}
    reply = setup.router.http("POST", "/echoer/rpc", rpc_body("headers"), headers)
    names = reply.json()["result"]
    assert "authorization" not in names and "connection" not in names
    assert "x-trace" in names and names.count("host") == 1


def test_a_dead_service_is_a_502_naming_it(setup: ProxySetup) -> None:
    reply = setup.router.http("POST", "/dead/rpc", rpc_body("echo"))
    assert reply.status == 502
    message = reply.json()["error"]["message"]
    assert message.startswith("dead: unix:") and "Connection refused" in message
    assert "dead/rpc.sock: proxied call failed (502): " in setup.router.log()


def test_a_hung_service_is_a_504_after_the_proxy_timeout(setup: ProxySetup) -> None:
    started = time.monotonic()
    reply = setup.router.http("POST", "/stuck/rpc", rpc_body("echo"))
    assert reply.status == 504
    assert reply.json()["error"]["message"] == "stuck: no answer within 1 s"
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    ("path", "status"), [("/nobody/rpc", 404), ("/%2e%2e/rpc", 400), ("/Hero_Books/rpc", 400)]
)
def test_unknown_and_invalid_services_are_not_proxied(
    setup: ProxySetup, path: str, status: int
) -> None:
    reply = setup.router.http("POST", path, rpc_body("echo"))
    assert reply.status == status
    assert reply.json()["error"]["status"] == status


def test_the_other_services_keep_answering_while_one_hangs(setup: ProxySetup) -> None:
    records = setup.router.services()
    assert records["stuck"]["status"] == "unreachable"
    assert records["dead"]["status"] == "unreachable"
    assert proxied(setup.router, call("echo", ["still here"]), "echoer")["result"] == ["still here"]


@pytest.fixture(scope="module")
def hero_books_client(
    proxying: ProxySetup, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ModuleType]:
    """The client as a user gets it: downloaded from the router, saved, imported."""
    path = tmp_path_factory.mktemp("download") / "hero_books_client.py"
    path.write_bytes(proxying.router.http("GET", "/hero_books/python/client.py").body)
    with imported(path) as module:
        yield module


def test_the_downloaded_client_calls_through_the_proxy(
    setup: ProxySetup, hero_books_client: ModuleType
) -> None:
    url = f"http://127.0.0.1:{setup.router.port}"
    with hero_books_client.HeroBooksClient(url=url, rpc_path="/hero_books/rpc") as client:
        assert client.book_get("ops")["title"] == "Operations Handbook"
        with pytest.raises(hero_books_client.BookNotFoundError):
            client.book_get("missing")
        hits = client.book_search("kubernetes")["results"]
    assert {("infra", 4), ("ops", 2)} <= {(hit["book"], hit["chapter"]) for hit in hits}


def test_the_downloaded_client_also_works_on_the_service_socket(
    setup: ProxySetup, hero_books_client: ModuleType
) -> None:
    with hero_books_client.HeroBooksClient(setup.books.socket) as client:
        assert client.book_get("ops")["title"] == "Operations Handbook"
