"""validate_spec: meta-schema problems are warnings with pointers; unusable method lists are errors."""

from __future__ import annotations

import copy
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from generator.errors import SpecError
from generator.load import load_spec
from generator.options import Options
from generator.parse import service_from_spec
from generator.resolve import resolve_refs
from generator.validate import MAX_WARNINGS, schemas_dir, validate_spec

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT.parent / "shared" / "specs"
CORPUS = sorted(SPECS.glob("*.json"))
BAD_SPECS = Path(__file__).parent / "bad_specs"
VERSION_NOTE = (
    "which no meta-schema covers (1.0.0-rc0 to 1.3.2, or 1.4.N);"
    " checked against the 1.4 meta-schema for structure only"
)
WALLET_ERRORS = [
    "USER_REFUSED_OP",
    "DEPLOYMENT_DATA_NOT_AVAILABLE",
    "CHAIN_ID_NOT_SUPPORTED",
    "NOT_REGISTERED",
    "INSUFFICIENT_PRIVATE_BALANCE",
    "PRIVACY_LEAK",
]
OFF_IN_SOURCES = {  # the two documents SOURCES.md lists as invalid, and why
    "mavlink-router": [("/openrpc", f"the openrpc version is '1.4.x', {VERSION_NOTE}")],
    "starknet-wallet-api": [
        (
            f"/components/errors/{name}",
            "not valid OpenRPC 1.3: Additional properties are not allowed"
            " ('description' was unexpected)",
        )
        for name in WALLET_ERRORS
    ],
}


def spec(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "openrpc": "1.3.2",
        "info": {"title": "Hero Books", "version": "1.0.0"},
        "methods": [{"name": "book.get", "params": [], "result": {"name": "r", "schema": {}}}],
    }
    document.update(changes)
    return document


def warned(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(w.pointer, w.message) for w in validate_spec(load_spec(document))]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_corpus_spec_warns_only_where_sources_says_it_is_off(path: Path) -> None:
    warnings = validate_spec(load_spec(path))
    assert [(w.pointer, w.message) for w in warnings] == OFF_IN_SOURCES.get(path.stem, [])
    assert all(w.source == str(path) for w in warnings)


@pytest.mark.parametrize("version", ["1.0.0-rc0", "1.0.0-rc1", "1.2.6", "1.3.2", "1.4.0", "1.4.1"])
def test_each_known_version_is_checked_against_its_own_meta_schema(version: str) -> None:
    # 1.4.1 is not in the 1.3 meta-schema's enum: a wrong pick would warn about it
    assert warned(spec(openrpc=version)) == []


@pytest.mark.parametrize(
    ("version", "described"),
    [("1.4.x", "'1.4.x'"), ("2.0.0", "'2.0.0'"), (None, "missing"), (1.4, "a number")],
)
def test_an_unknown_version_is_one_warning_then_a_structural_check(
    version: Any, described: str
) -> None:
    document = spec(openrpc=version, info={"title": 5, "version": "1"})
    if version is None:
        del document["openrpc"]
    assert warned(document) == [
        ("/openrpc", f"the openrpc version is {described}, {VERSION_NOTE}"),
        ("/info/title", "not valid OpenRPC 1.4: 5 is not of type 'string'"),
    ]


def test_an_error_object_with_extra_keys_is_named_precisely() -> None:
    document = spec()
    document["methods"][0]["errors"] = [{"code": 4, "message": "no", "description": "extra"}]
    assert warned(document) == [
        (
            "/methods/0/errors/0",
            "not valid OpenRPC 1.3: Additional properties are not allowed"
            " ('description' was unexpected)",
        )
    ]


def test_problems_deep_in_schemas_and_methods_point_at_the_value() -> None:
    document = spec()
    method = document["methods"][0]
    method["params"] = [{"name": "id", "schema": {"type": "strin"}}, "x" * 500]
    method["deprecated"] = "yes"
    types = "['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']"
    assert warned(document) == [
        (
            "/methods/0/params/0/schema/type",
            f"not valid OpenRPC 1.3: 'strin' is not one of {types}",
        ),
        (
            "/methods/0/params/1",
            "not valid OpenRPC 1.3: A string is not valid under any of the given schemas",
        ),
        ("/methods/0/deprecated", "not valid OpenRPC 1.3: 'yes' is not of type 'boolean'"),
    ]


def test_a_few_messages_per_location_and_a_count_of_the_rest() -> None:
    assert warned(spec(info={"foo": 1})) == [
        ("/info", "not valid OpenRPC 1.3: 'foo' does not match any of the regexes: '^x-'"),
        ("/info", "not valid OpenRPC 1.3: 'title' is a required property"),
        ("", "and 1 more meta-schema problems not shown"),
    ]


def test_the_total_is_capped_with_a_final_count() -> None:
    methods = [
        {"name": f"m{i}", "params": [], "deprecated": "yes"} for i in range(MAX_WARNINGS + 10)
    ]
    warnings = warned(spec(methods=methods))
    assert len(warnings) == MAX_WARNINGS + 1
    assert warnings[0] == (
        "/methods/0/deprecated",
        "not valid OpenRPC 1.3: 'yes' is not of type 'boolean'",
    )
    assert warnings[-1] == ("", "and 10 more meta-schema problems not shown")


def test_validation_never_changes_the_document() -> None:
    document = spec(openrpc="1.4.x")
    before = copy.deepcopy(document)
    loaded = load_spec(document)
    validate_spec(loaded)
    assert loaded.document == before


def test_threads_share_the_validators_and_agree() -> None:
    loaded = load_spec(SPECS / "starknet-wallet-api.json")
    alone = validate_spec(loaded)
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda _: validate_spec(loaded), range(8)))
    assert all(result == alone for result in together) and len(alone) == 6


def test_the_meta_schemas_are_found_in_the_checkout() -> None:
    names = sorted(p.name for p in schemas_dir().iterdir())
    assert names == [
        "json-schema-tools-meta-schema-1.8.0.json",
        "openrpc-meta-schema-1.3.2.json",
        "openrpc-meta-schema-1.4.json",
    ]


# -- hard errors: every broken spec stops the stages with one pinned line --------------------------

HARD_ERRORS = {
    "not_json": (
        "",
        "not JSON: Expecting property name enclosed in double quotes at line 5, column 40",
    ),
    "top_level_array": ("", "the top level is an array, not an object"),
    "methods_missing": ("/methods", "missing: an OpenRPC document needs a list of methods"),
    "methods_not_a_list": ("/methods", "must be a list of methods, not an object"),
    "method_not_an_object": ("/methods/1", "a method must be an object, not a string"),
    "method_without_name": ("/methods/0", "the method has no 'name'"),
    "method_name_not_a_string": ("/methods/0", "the method name must be a string, not a number"),
    "duplicate_method_names": (
        "/methods/2",
        "duplicate method name 'book.get' (first at /methods/0)",
    ),
    "pure_ref_cycle": (
        "/components/schemas/Book",
        "$ref cycle with no structure: Book -> Volume -> Book",
    ),
    "self_ref": ("/components/schemas/Book", "$ref cycle with no structure: Book -> Book"),
    "content_descriptor_ref_cycle": (
        "/components/contentDescriptors/Id",
        "$ref cycle with no structure: /components/contentDescriptors/BookId"
        " -> /components/contentDescriptors/Id -> /components/contentDescriptors/BookId",
    ),
}


def test_every_bad_spec_has_its_expected_error() -> None:
    assert sorted(p.stem for p in BAD_SPECS.glob("*.json")) == sorted(HARD_ERRORS)


@pytest.mark.parametrize("case", sorted(HARD_ERRORS))
def test_a_bad_spec_stops_the_stages_with_one_line(case: str) -> None:
    path = BAD_SPECS / f"{case}.json"
    with pytest.raises(SpecError) as caught:
        loaded = load_spec(path)
        warnings = validate_spec(loaded)
        service_from_spec(resolve_refs(loaded, warnings), loaded, Options(), warnings)
    where, message = HARD_ERRORS[case]
    assert (caught.value.pointer, caught.value.message) == (where, message)
    assert str(caught.value) == f"{path}: {where or '/'}: {message}"


def test_a_method_given_as_a_ref_is_checked_after_resolution() -> None:
    document = spec(methods=[{"$ref": "#/x-methods/get"}, {"$ref": "#/x-methods/get"}])
    document["x-methods"] = {"get": {"name": "book.get", "params": []}}
    loaded = load_spec(json.loads(json.dumps(document)))
    warnings = validate_spec(loaded)  # refs have no name yet: nothing to compare
    with pytest.raises(SpecError) as caught:
        service_from_spec(resolve_refs(loaded, warnings), loaded, Options(), warnings)
    assert (
        str(caught.value)
        == "<dict>: /methods/1: duplicate method name 'book.get' (first at /methods/0)"
    )
