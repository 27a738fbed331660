"""Errors out of a generated client against the test server: declared codes as their generated
classes (with data), standard codes as the named standard classes, transport failures naming the
socket."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.generator.functional.kit import generated_client, method_spec, service_spec
from tests.servers.jsonrpc_server import JsonRpcServer, RpcFault


def required(name: str, kind: str) -> dict[str, Any]:
    return {"name": name, "required": True, "schema": {"type": kind}}


QUOTA = {"code": -32010, "message": "Quota exceeded", "data": {"limit": 5}}
SPEC = service_spec(
    "Faults",
    [
        method_spec(
            "fail",
            [required("code", "integer"), required("message", "string"), {"name": "data"}],
            errors=[QUOTA, {"code": -32602, "message": "Invalid params"}],
        ),
        method_spec("crash", []),
        method_spec("not.there", []),
        method_spec("sleep", [required("seconds", "number")]),
        method_spec("status", [required("status", "integer"), required("body", "string")]),
        method_spec("not_json", []),
    ],
)
RANGES = service_spec(
    "Ranges",
    [method_spec("fail", [], errors=[{"code": -32602, "message": "Bad block range"}])],
)


def crash(params: Any) -> Any:
    raise ZeroDivisionError("division by zero")


@pytest.fixture(scope="module")
def faults(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with generated_client(SPEC, tmp_path_factory.mktemp("faults"), service="faults") as module:
        yield module


@pytest.fixture
def server(start_rpc_server: Callable[..., JsonRpcServer]) -> JsonRpcServer:
    return start_rpc_server(handlers={"crash": crash})


@pytest.fixture
def client(faults: ModuleType, server: JsonRpcServer) -> Iterator[Any]:
    with faults.FaultsClient(server.unix_path, timeout=5) as opened:
        yield opened


def test_a_declared_error_is_its_generated_class_with_the_data_sent(
    faults: ModuleType, client: Any
) -> None:
    with pytest.raises(faults.QuotaExceededError) as error:
        client.fail(-32010, "Quota exceeded", {"limit": 5, "used": 9})
    assert type(error.value).__mro__[1] is faults.RpcError
    assert (error.value.code, error.value.message) == (-32010, "Quota exceeded")
    assert error.value.data == {"limit": 5, "used": 9}
    assert str(error.value) == "fail: -32010 Quota exceeded (data: {'limit': 5, 'used': 9})"


def test_an_undeclared_code_is_a_plain_rpc_error(faults: ModuleType, client: Any) -> None:
    with pytest.raises(faults.RpcError) as error:
        client.fail(-31999, "Odd")
    assert type(error.value) is faults.RpcError and error.value.data is None
    assert str(error.value) == "fail: -31999 Odd"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        (-32700, "ParseError"),
        (-32600, "InvalidRequestError"),
        (-32601, "MethodNotFoundError"),
        (-32602, "InvalidParamsError"),
        (-32603, "InternalError"),
    ],
)
def test_standard_codes_are_the_named_standard_classes(
    faults: ModuleType, client: Any, code: int, name: str
) -> None:
    with pytest.raises(faults.RpcError) as error:
        client.fail(code, "standard", ["detail"])
    assert type(error.value) is getattr(faults, name)
    assert (error.value.code, error.value.data) == (code, ["detail"])


def test_what_the_server_says_for_unknown_methods_and_crashes(
    faults: ModuleType, client: Any
) -> None:
    with pytest.raises(faults.MethodNotFoundError):
        client.not_there()
    with pytest.raises(faults.InternalError, match="division by zero"):
        client.crash()


def test_a_standard_code_declared_with_its_own_message_gets_a_subclass(
    start_rpc_server: Callable[..., JsonRpcServer], tmp_path: Path
) -> None:
    def fail(params: Any) -> Any:
        raise RpcFault(-32602, "Bad block range", {"from": 9, "to": 1})

    server = start_rpc_server(handlers={"fail": fail})
    with (
        generated_client(RANGES, tmp_path, service="ranges") as ranges,
        ranges.RangesClient(server.unix_path) as client,
        pytest.raises(ranges.InvalidParamsError) as error,
    ):
        client.fail()
    assert type(error.value) is ranges.BadBlockRangeError
    assert error.value.data == {"from": 9, "to": 1}


def test_connection_refused_names_the_socket(faults: ModuleType, socket_dir: Path) -> None:
    path = socket_dir / "deaf.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as deaf:
        deaf.bind(str(path))  # bound, never listening: connecting is refused
        with pytest.raises(faults.TransportError) as error, faults.FaultsClient(path) as client:
            client.crash()
    assert str(error.value) == f"{path}: connection refused (is the service running?)"


def test_a_slow_answer_times_out_naming_the_socket(
    faults: ModuleType, server: JsonRpcServer
) -> None:
    with (
        faults.FaultsClient(server.unix_path, timeout=0.2) as client,
        pytest.raises(faults.TransportError) as error,
    ):
        client.sleep(2)
    assert str(error.value).startswith(f"{server.unix_path}: ")
    assert "timed out" in str(error.value)


def test_an_http_error_status_shows_the_first_line_of_its_body(
    faults: ModuleType, client: Any, server: JsonRpcServer
) -> None:
    with pytest.raises(faults.TransportError) as error:
        client.status(503, "down for maintenance\nback at noon")
    text = str(error.value)
    assert text.startswith(f"{server.unix_path}: ") and "503" in text
    assert "down for maintenance" in text and "back at noon" not in text


def test_a_body_that_is_not_json_is_a_transport_error(
    faults: ModuleType, client: Any, server: JsonRpcServer
) -> None:
    with pytest.raises(faults.TransportError, match="not JSON: <html>") as error:
        client.not_json()
    assert error.value.endpoint == server.unix_path
