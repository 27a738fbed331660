"""batch.py: batches sent as one request to the real server, answered in any order."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from generator.runtime import BaseBatch, BaseClient, MethodNotFoundError, TransportError
from tests.runtime.books import HANDLERS, BookNotFoundError, HeroBooksClient
from tests.servers.jsonrpc_server import JsonRpcServer

Start = Callable[..., JsonRpcServer]


@pytest.fixture
def server(start_rpc_server: Start) -> JsonRpcServer:
    return start_rpc_server(handlers=HANDLERS)  # answers batches in reverse order


@pytest.fixture
def client(server: JsonRpcServer) -> Iterator[HeroBooksClient]:
    with HeroBooksClient(server.unix_path) as client:
        yield client


def test_one_request_answers_every_entry_by_id(
    server: JsonRpcServer, client: HeroBooksClient
) -> None:
    with client.batch() as batch:
        first = batch.call("echo", [1])
        book = batch.book_get("dune")
        last = batch.call("echo", {"n": 3})
    assert first.result() == [1]
    assert book.result() == {"received": {"name": "dune", "workspace": "default"}}
    assert last.result() == {"n": 3}
    assert first.done and last.done
    assert sum(server.received.values()) == 3
    assert server.accepts == 1


def test_errors_are_per_entry(client: HeroBooksClient) -> None:
    with client.batch() as batch:
        good = batch.book_get("dune")
        missing = batch.book_get("missing")
        unknown = batch.call("no.such")
    assert good.result()["received"]["name"] == "dune"
    with pytest.raises(BookNotFoundError, match=r"book\.get: -32004 Book not found"):
        missing.result()
    with pytest.raises(MethodNotFoundError):
        unknown.result()


def test_notifications_ride_along_without_answers(
    server: JsonRpcServer, client: HeroBooksClient
) -> None:
    with client.batch() as batch:
        batch.log_event("one")
        echoed = batch.call("echo", [2])
        batch.notify("echo", [3])
    assert echoed.result() == [2]
    assert server.notifications == [("log.event", {"text": "one"}), ("echo", [3])]


@pytest.mark.parametrize("empty_status", [204, 200])
def test_batch_of_only_notifications_needs_no_body(
    start_rpc_server: Start, empty_status: int
) -> None:
    server = start_rpc_server(empty_status=empty_status)
    with BaseClient(server.unix_path) as client, BaseBatch(client) as batch:
        batch.notify("echo", [1])
        batch.notify("echo", [2])
    assert server.notifications == [("echo", [1]), ("echo", [2])]


def test_result_before_sending_says_when_it_will_come(client: HeroBooksClient) -> None:
    batch = client.batch()
    pending = batch.book_get("dune")
    assert not pending.done
    with pytest.raises(RuntimeError, match=r"no result for book\.get yet: a batch is sent when"):
        pending.result()


def test_exception_in_the_block_sends_nothing(
    server: JsonRpcServer, client: HeroBooksClient
) -> None:
    with pytest.raises(KeyError), client.batch() as batch:
        pending = batch.book_get("dune")
        raise KeyError("oops")
    assert not pending.done
    assert server.received == {}


def test_a_batch_is_sent_once(client: HeroBooksClient) -> None:
    batch = client.batch()
    batch.call("echo", [1])
    batch.send()
    with pytest.raises(RuntimeError, match="already sent"):
        batch.send()
    with pytest.raises(RuntimeError, match="cannot add echo: this batch was already sent"):
        batch.call("echo", [2])


def test_empty_batch_sends_nothing(server: JsonRpcServer, client: HeroBooksClient) -> None:
    with client.batch():
        pass
    assert server.accepts == 0


def test_entry_missing_from_the_answer_fails_alone(
    server: JsonRpcServer, client: HeroBooksClient
) -> None:
    with client.batch() as batch:
        kept = batch.call("echo", [1])
        omitted = batch.call("omit")
    assert kept.result() == [1]
    with pytest.raises(TransportError) as caught:
        omitted.result()
    assert (
        str(caught.value) == f"{server.unix_path}: no response to omit (id 2) in the batch response"
    )


def test_batch_without_an_answer_fails_every_entry(client: HeroBooksClient) -> None:
    batch = client.batch()
    entries = [batch.call("echo", [1]), batch.call("drop")]
    with pytest.raises(TransportError, match="connection closed before the response to batch"):
        batch.send()
    for entry in entries:
        assert entry.done
        with pytest.raises(TransportError, match="not sent again"):
            entry.result()


def test_batch_answer_in_any_framing(client: HeroBooksClient) -> None:
    with client.batch() as batch:
        entries = [batch.call(method, [method]) for method in ("chunked", "trickle", "interim")]
    assert [entry.result() for entry in entries] == [["chunked"], ["trickle"], ["interim"]]


def test_batch_and_calls_share_the_connection(
    server: JsonRpcServer, client: HeroBooksClient
) -> None:
    assert client.call("echo", [0]) == [0]
    with client.batch() as batch:
        entry = batch.call("echo", [1])
    assert client.call("echo", [2]) == [2]
    assert entry.result() == [1]
    assert server.accepts == 1
