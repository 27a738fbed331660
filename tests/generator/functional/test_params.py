"""What a generated client puts on the wire, seen by the test server's handlers: params by position
(trailing optional Nones trimmed, a param named ``from``), by name (wire names that are not
identifiers, defaults sent, optional params left out), no params, and notifications."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest

from tests.generator.functional.kit import generated_client, method_spec, service_spec
from tests.servers.jsonrpc_server import JsonRpcServer

INTEGER = {"type": "integer"}
SPEC = service_spec(
    "Wire",
    [
        method_spec(
            "block.range",
            [
                {"name": "from", "required": True, "schema": INTEGER},
                {"name": "to", "schema": INTEGER},
                {"name": "step", "schema": INTEGER},
            ],
            paramStructure="by-position",
        ),
        method_spec(
            "block.get",
            [
                {"name": "Block hash", "required": True, "schema": {"type": "string"}},
                {"name": "full", "schema": {"type": "boolean"}},
                {"name": "Max depth", "schema": {"type": "integer", "default": 3}},
            ],
            paramStructure="by-name",
        ),
        method_spec("block.count", [{"name": "kind", "schema": {"type": "string"}}]),
        method_spec("chain.head", []),
        method_spec(
            "log.event",
            [{"name": "text", "required": True, "schema": {"type": "string"}}],
            result=False,
        ),
    ],
)


class Recorder:
    """A handler that keeps every params value it received and answers it back."""

    def __init__(self) -> None:
        self.received: list[Any] = []

    def __call__(self, params: Any) -> Any:
        self.received.append(params)
        return {"received": params}


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with generated_client(SPEC, tmp_path_factory.mktemp("wire"), service="wire") as module:
        yield module


@pytest.fixture
def recorders() -> dict[str, Recorder]:
    return {name: Recorder() for name in ("block.range", "block.get", "block.count", "chain.head")}


@pytest.fixture
def server(
    start_rpc_server: Callable[..., JsonRpcServer], recorders: dict[str, Recorder]
) -> JsonRpcServer:
    handlers = {**recorders, "log.event": lambda params: None}
    return start_rpc_server(handlers=handlers)


@pytest.fixture
def client(wire: ModuleType, server: JsonRpcServer) -> Iterator[Any]:
    with wire.WireClient(server.unix_path, timeout=5) as opened:
        yield opened


def sent(recorders: dict[str, Recorder], method: str) -> list[Any]:
    return recorders[method].received


def test_a_python_keyword_param_gets_a_trailing_underscore(wire: ModuleType) -> None:
    params = inspect.signature(wire.WireClient.block_range).parameters
    assert list(params) == ["self", "from_", "to", "step"]
    assert params["to"].default is None


def test_by_position_sends_a_list_without_trailing_nones(
    client: Any, recorders: dict[str, Recorder]
) -> None:
    assert client.block_range(7) == {"received": [7]}
    client.block_range(7, 9)
    client.block_range(7, None, 2)
    client.block_range(from_=1, step=3)
    assert sent(recorders, "block.range") == [[7], [7, 9], [7, None, 2], [1, None, 3]]


def test_batch_and_async_clients_send_the_same_params(
    wire: ModuleType, server: JsonRpcServer, client: Any, recorders: dict[str, Recorder]
) -> None:
    with client.batch() as batch:
        first, second = batch.block_range(1), batch.block_range(1, None, 2)

    async def main() -> Any:
        async with wire.AsyncWireClient(server.unix_path, timeout=5) as async_client:
            assert await async_client.log_event("from asyncio") is None
            return await async_client.block_range(4, 5)

    assert asyncio.run(main()) == {"received": [4, 5]}
    assert server.notifications == [("log.event", {"text": "from asyncio"})]
    assert (first.result(), second.result()) == ({"received": [1]}, {"received": [1, None, 2]})
    assert sorted(sent(recorders, "block.range")) == [[1], [1, None, 2], [4, 5]]


def test_by_name_sends_wire_names_and_leaves_out_optional_params_not_given(
    wire: ModuleType, client: Any, recorders: dict[str, Recorder]
) -> None:
    assert list(inspect.signature(wire.WireClient.block_get).parameters) == [
        "self",
        "block_hash",
        "full",
        "max_depth",
    ]
    client.block_get("0xab")
    client.block_get("0xcd", full=False, max_depth=None)
    client.block_get(block_hash="0xef", full=True, max_depth=1)
    assert sent(recorders, "block.get") == [
        {"Block hash": "0xab", "Max depth": 3},
        {"Block hash": "0xcd", "full": False},
        {"Block hash": "0xef", "full": True, "Max depth": 1},
    ]


def test_either_structure_is_sent_by_name(client: Any, recorders: dict[str, Recorder]) -> None:
    client.block_count()
    client.block_count("uncle")
    assert sent(recorders, "block.count") == [{}, {"kind": "uncle"}]


def test_a_method_without_params_sends_none(client: Any, recorders: dict[str, Recorder]) -> None:
    client.chain_head()
    assert sent(recorders, "chain.head") == [None]


def test_a_method_without_result_is_sent_as_a_notification(
    client: Any, server: JsonRpcServer
) -> None:
    assert client.log_event("started") is None
    assert server.notifications == [("log.event", {"text": "started"})]
    with client.batch() as batch:
        assert batch.log_event("in a batch") is None
        echoed = batch.block_count("x")
    assert echoed.result() == {"received": {"kind": "x"}}
    assert server.notifications[1:] == [("log.event", {"text": "in a batch"})]
