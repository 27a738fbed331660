"""The router's own JSON-RPC methods on POST /rpc and on its socket, its OpenRPC document (kept
in golden/ too), and the generated hero_router client talking to a real router."""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from router.rpc import NO_CLIENT, UNKNOWN_SERVICE
from tests.router.kit import Router, imported, rpc_body, running_router, spec_services, write_spec
from tests.router.service_process import REPO, running_service

DOCUMENT = REPO / "router" / "openrpc.json"
GOLDEN = REPO / "golden" / "hero_router"


@pytest.fixture(scope="module")
def router(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Router]:
    home = tmp_path_factory.mktemp("rpc")
    write_spec(home, "garbled", None, raw=b"{not json")
    with (
        running_service(home / "sockets", home / "books.db"),
        spec_services(home, "garbled"),
        running_router(home) as router,
    ):
        yield router


def test_the_golden_copy_is_the_router_document() -> None:
    assert (GOLDEN / "openrpc.json").read_bytes() == DOCUMENT.read_bytes()


def test_the_document_is_valid_openrpc_1_3_2() -> None:
    schemas = REPO / "schemas"
    meta = json.loads((schemas / "openrpc-meta-schema-1.3.2.json").read_text())
    tools = json.loads((schemas / "json-schema-tools-meta-schema-1.8.0.json").read_text())
    registry: Registry[Any] = Registry().with_resource(
        "https://meta.json-schema.tools", Resource.from_contents(tools, DRAFT7)
    )
    jsonschema.Draft7Validator(meta, registry=registry).validate(json.loads(DOCUMENT.read_text()))


def test_rpc_discover_returns_the_document_over_tcp_and_the_socket(router: Router) -> None:
    document = json.loads(DOCUMENT.read_text())
    assert router.result("rpc.discover") == document
    reply = router.unix("POST", "/rpc", rpc_body("rpc.discover"))
    assert reply.json()["result"] == document


def test_the_service_list_is_the_api_list(router: Router) -> None:
    listed = router.result("router.services.list")
    assert listed == list(router.services().values())
    assert [(r["name"], r["status"]) for r in listed] == [
        ("garbled", "bad_spec"),
        ("hero_books", "ok"),
    ]


def test_the_sources_are_the_downloads(router: Router) -> None:
    for kind in ("client", "interface"):
        source = router.result(f"router.python_{kind}", {"service": "hero_books"})
        assert source.encode() == router.http("GET", f"/hero_books/python/{kind}.py").body


def test_an_unknown_service_is_an_error_naming_it(router: Router) -> None:
    error = router.rpc("router.python_client", {"service": "nobody"})["error"]
    assert error == {
        "code": UNKNOWN_SERVICE,
        "message": "unknown service: nobody",
        "data": {"service": "nobody"},
    }


def test_a_service_without_a_good_spec_yet_says_why(router: Router) -> None:
    error = router.rpc("router.python_interface", ["garbled"])["error"]
    assert error["code"] == NO_CLIENT
    assert error["message"].startswith("no client for garbled yet: bad_spec: ")
    assert "not JSON" in error["message"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"service": "../etc"}, "invalid param 'service': not a service name"),
        ({"service": 3}, "invalid param 'service': expected string, got integer"),
        ({}, "invalid param 'service': required param is missing"),
        ({"service": "hero_books", "x": 1}, "invalid param 'x': "),
    ],
)
def test_bad_params_are_invalid_params_naming_the_param(
    router: Router, params: Any, message: str
) -> None:
    error = router.rpc("router.python_client", params)["error"]
    assert error["code"] == -32602
    assert error["message"].startswith(message)


def test_scan_with_nothing_new_reports_no_change(router: Router) -> None:
    result = router.result("router.scan")
    assert result["changes"] == []
    assert result["duration_ms"] > 0


def test_a_batch_of_router_methods(router: Router) -> None:
    batch = [
        json.loads(rpc_body("router.services.list", id=1)),
        json.loads(rpc_body("no.such", id=2)),
    ]
    replies = router.http("POST", "/rpc", json.dumps(batch).encode()).json()
    assert [reply["id"] for reply in replies] == [1, 2]
    assert replies[1]["error"]["code"] == -32601


@pytest.fixture(scope="module")
def hero_router_client() -> Iterator[ModuleType]:
    with imported(GOLDEN / "hero_router_client.py") as module:
        yield module


def test_the_generated_router_client_drives_the_router_over_its_socket(
    router: Router, hero_router_client: ModuleType
) -> None:
    with hero_router_client.HeroRouterClient(router.socket_path) as client:
        names = [record["name"] for record in client.router_services_list()]
        assert names == ["garbled", "hero_books"]
        assert "class HeroBooksClient" in client.router_python_client("hero_books")
        with pytest.raises(hero_router_client.UnknownServiceError, match="nobody"):
            client.router_python_interface("nobody")
        with pytest.raises(hero_router_client.NoClientYetError):
            client.router_python_client("garbled")
        assert client.router_scan()["changes"] == []


def test_the_router_is_not_its_own_service(router: Router) -> None:
    assert router.socket_path.is_socket()
    assert "hero_router" not in router.services()
    error = router.rpc("router.python_client", {"service": "hero_router"})["error"]
    assert error["code"] == UNKNOWN_SERVICE
