"""service_from_spec: the resolved document -> Service / Method / Param / Result / ErrorDecl / Example."""

from __future__ import annotations

import copy
import dataclasses
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from generator.errors import SpecWarning
from generator.load import load_spec
from generator.model import SCHEMA_REF_PREFIX, ErrorDecl, Example, Param, Result, Service
from generator.options import Options
from generator.parse import service_from_spec, service_name
from generator.resolve import resolve_refs
from generator.validate import validate_spec
from tests.generator.test_resolve import schema_refs

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT.parent / "shared" / "specs"
CORPUS = sorted(SPECS.glob("*.json"))
FACTS = {  # from SOURCES.md: paramStructure counts, methods without result, deprecated methods
    "lotus-full-v1": ({"by-position": 240}, 0, []),
    "soulseek-rs": ({"by-name": 41}, 0, []),
    "hathor-wallet-rpc": ({"by-name": 9, "either": 1}, 0, []),
    "openrpc-examples-params-by-name-petstore": ({"by-name": 2, "by-position": 1}, 0, []),
    "accumulate-2022": ({"either": 12}, 2, []),
    "starknet-ws-api": ({"either": 12}, 6, []),
    "metamask-multichain-api": ({"by-name": 4, "either": 2}, 2, []),
    "metamask-legacy-0.0.39": (
        {"either": 57, "by-name": 1},
        0,
        ["eth_sendTransaction", "eth_submitHashrate"],
    ),
}


def stages(
    source: Any, options: Options | None = None, validate: bool = True, **loaded_changes: Any
) -> tuple[Service, list[SpecWarning]]:
    """load -> validate -> resolve -> parse, checking that parse leaves its input alone."""
    loaded = dataclasses.replace(load_spec(source), **loaded_changes)
    warnings = validate_spec(loaded) if validate else []
    resolved = resolve_refs(loaded, warnings)
    before = copy.deepcopy(resolved)
    service = service_from_spec(resolved, loaded, options or Options(), warnings)
    assert resolved == before
    return service, warnings


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_corpus_spec_gives_one_method_per_spec_method(path: Path) -> None:
    document = load_spec(path).document
    service, _ = stages(path, validate=False)  # validation is test_validate's: keep this fast
    assert [m.name for m in service.methods] == [m["name"] for m in document["methods"]]
    assert [m.pointer for m in service.methods] == [
        f"/methods/{i}" for i in range(len(document["methods"]))
    ]
    assert [len(m.params) for m in service.methods] == [
        len(m.get("params", [])) for m in document["methods"]
    ]
    assert service.spec_sha256 == load_spec(path).sha256 and service.name.isidentifier()
    own = list((document.get("components") or {}).get("schemas", {}))
    assert list(service.schemas)[: len(own)] == own  # spec order, hoisted ones after
    places = [*service.schemas.values()]
    places += [p.schema for m in service.methods for p in m.params]
    places += [m.result.schema for m in service.methods if m.result]
    for ref in (ref for place in places for ref in schema_refs(place)):
        assert (
            ref.removeprefix(SCHEMA_REF_PREFIX).replace("~1", "/").replace("~0", "~")
            in service.schemas
        )


@pytest.mark.parametrize("stem", sorted(FACTS))
def test_corpus_facts_from_sources_survive_parsing(stem: str) -> None:
    structures, without_result, deprecated = FACTS[stem]
    service, _ = stages(SPECS / f"{stem}.json", validate=False)
    assert Counter(m.param_structure for m in service.methods) == Counter(structures)
    assert sum(m.result is None for m in service.methods) == without_result
    assert [m.name for m in service.methods if m.deprecated] == deprecated


def test_the_empty_spec_is_a_service_without_methods() -> None:
    service, warnings = stages(SPECS / "openrpc-examples-empty.json")
    assert (service.name, service.title, service.methods, warnings) == ("service", "", (), [])


def test_examples_errors_and_contentdescriptor_refs_in_real_specs() -> None:
    service, _ = stages(SPECS / "openrpc-examples-simple-math.json")
    addition = service.methods[0]
    assert [p.name for p in addition.params] == ["a", "b"]
    assert addition.examples[0] == Example(
        name="simpleMathAdditionTwo", params=(("a", 2), ("b", 2)), has_result=True, result=4
    )
    wallet, _ = stages(SPECS / "hathor-wallet-rpc.json")
    codes = {e.code for m in wallet.methods for e in m.errors}
    assert codes and all(isinstance(code, int) for code in codes)


# -- inline rules ----------------------------------------------------------------------------------


def spec(*methods: dict[str, Any], **document: Any) -> dict[str, Any]:
    return {
        "openrpc": "1.3.2",
        "info": {"title": "Hero Books", "version": "2.1"},
        "methods": list(methods),
        **document,
    }


def test_params_results_and_defaults() -> None:
    book_id = {
        "name": "id",
        "required": True,
        "summary": "s",
        "description": "d",
        "schema": {"type": "integer"},
    }
    page = {"name": "page", "schema": {"type": "integer", "default": 1}, "deprecated": True}
    order = {
        "name": "order",
        "schema": {"$ref": "#/components/schemas/Order", "description": "how"},
    }
    result = {"name": "book", "summary": "rs", "description": "rd", "schema": {"type": "object"}}
    document = spec(
        {"name": "book.list", "params": [book_id, page, order], "result": result},
        {"name": "book.touch", "params": []},
        components={"schemas": {"Order": {"enum": ["asc", "desc"], "default": "asc"}}},
    )
    service, warnings = stages(document)
    listing, touch = service.methods
    assert listing.params == (
        Param("id", {"type": "integer"}, required=True, summary="s", description="d"),
        Param(
            "page", {"type": "integer", "default": 1}, deprecated=True, has_default=True, default=1
        ),
        Param(
            "order",
            {"$ref": "#/components/schemas/Order", "description": "how"},
            has_default=True,
            default="asc",
        ),
    )
    assert listing.result == Result("book", {"type": "object"}, summary="rs", description="rd")
    assert touch.result is None and touch.params == () and touch.param_structure == "either"
    assert (service.title, service.version, service.openrpc) == ("Hero Books", "2.1", "1.3.2")
    assert warnings == []


def test_errors_keep_code_message_and_data() -> None:
    errors = [
        {"code": 404, "message": "no such book", "data": {"id": 1}},
        {"code": -32000.0, "message": "float code"},
        {"code": "E1", "message": "a string code"},
        {"code": 409, "message": "conflict", "data": None},
    ]
    service, warnings = stages(spec({"name": "book.get", "params": [], "errors": errors}))
    assert service.methods[0].errors == (
        ErrorDecl(404, "no such book", has_data=True, data={"id": 1}),
        ErrorDecl(-32000, "float code"),
        ErrorDecl(409, "conflict", has_data=True, data=None),
    )
    assert [(w.pointer, w.message) for w in warnings] == [
        ("/methods/0/errors/2/code", "not valid OpenRPC 1.3: 'E1' is not of type 'integer'"),
    ]


def test_examples_as_name_value_pairs() -> None:
    examples = [
        {
            "name": "two",
            "params": [{"name": "a", "value": 2}, {"name": "b", "externalValue": "x"}],
            "result": {"name": "r", "value": 4},
        },
        {"name": "", "params": [], "result": {"name": "r", "externalValue": "x"}},
    ]
    service, _ = stages(spec({"name": "add", "params": [], "examples": examples}))
    assert service.methods[0].examples == (
        Example("two", (("a", 2),), has_result=True, result=4),
        Example("example2", ()),
    )


def test_odd_values_are_read_with_one_warning_each() -> None:
    method = {
        "name": "book.get",
        "summary": 5,
        "description": ["a", "b"],
        "paramStructure": "by-nmae",
        "params": [{"schema": {}}, {"name": "ok", "required": "true", "schema": {}}],
    }
    service, warnings = stages(spec(method))
    got = service.methods[0]
    assert (got.summary, got.description, got.param_structure) == ("5", '["a", "b"]', "either")
    assert [(p.name, p.required) for p in got.params] == [("param0", False), ("ok", True)]
    pointers = [w.pointer for w in warnings]
    assert len(pointers) == len(set(pointers))  # validate's word on a place is not repeated
    assert pointers == [
        "/methods/0/description",
        "/methods/0/summary",
        "/methods/0/paramStructure",
        "/methods/0/params/0",
        "/methods/0/params/1/required",
        "/methods/0/params/0/name",
    ]
    assert warnings[-1].message == "no name (found null); called 'param0'"


@pytest.mark.parametrize(
    ("options", "hint", "title", "expected"),
    [
        (Options(service="hero_books"), "other", "Title", "hero_books"),
        (Options(service="HeroBooks"), None, "Title", "hero_books"),
        (Options(), "hero-books", "Title", "hero_books"),
        (Options(), None, "StarkNet Node API", "starknet_node_api"),
        (Options(), None, "", "service"),
    ],
)
def test_the_service_name_comes_from_options_then_socket_then_title(
    options: Options, hint: str | None, title: str, expected: str
) -> None:
    document = spec(info={"title": title, "version": "1"})
    service, _ = stages(document, options, service_hint=hint)
    assert service.name == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HeroBooks", "hero_books"),
        ("heroBooks", "hero_books"),
        ("HTTPServer", "http_server"),
        ("Hathor Wallet to dApp API", "hathor_wallet_to_dapp_api"),
        ("MetaMask JSON-RPC API Reference", "metamask_json_rpc_api_reference"),
        ("Ünïcödé API", "unicode_api"),
        ("1inch", "service_1inch"),
        ("class", "class_"),
        ("---", "service"),
        ("日本語", "service"),
    ],
)
def test_service_name_is_a_snake_case_ascii_identifier(text: str, expected: str) -> None:
    assert service_name(text) == expected
