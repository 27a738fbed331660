"""resolve_refs: objects inlined, schema refs only into components.schemas, cycles caught."""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.errors import SpecError, SpecWarning
from generator.load import load_spec
from generator.model import SCHEMA_REF_PREFIX
from generator.resolve import DATA_KEYWORDS, resolve_refs

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT.parent / "shared" / "specs"
CORPUS = sorted(SPECS.glob("*.json"))
STARKNET_API = "./api/starknet_api_openrpc.json"
DANGLING_IN_SOURCES = {  # SOURCES.md: refs no resolver can follow from the corpus folder
    "accumulate-2022": {"#/components/schemas/adiURL"},
    "erc4337-bundler-spec": {"#/components/schemas/uint", "#/components/schemas/hash32"},
    "metamask-wallet-api": {f"#/components/schemas/{n}" for n in ("address", "bytes", "uint")},
    "canton-splice-dapp-api": {"api-specs/openrpc-dapp-api.json"},  # found: this very file
    "canton-splice-user-api": {"api-specs/openrpc-dapp-api.json#/components/schemas/CommandId"},
    "starknet-trace-api": {STARKNET_API},
    "starknet-wallet-api": {STARKNET_API},
    "starknet-ws-api": {STARKNET_API},
}


# -- the guarantee, checked by a walker ------------------------------------------------------------


def schema_refs(schema: Any) -> Iterator[str]:
    """Every $ref in a schema, anywhere but inside data keywords (enum, default, examples...)."""
    if isinstance(schema, list):
        for item in schema:
            yield from schema_refs(item)
    elif isinstance(schema, dict):
        if "$ref" in schema:
            yield schema["$ref"]
        for key, value in schema.items():
            if key not in DATA_KEYWORDS and not key.startswith("x-"):
                yield from schema_refs(value)


def object_refs(method: dict[str, Any]) -> Iterator[Any]:
    """$refs left on the OpenRPC objects of a resolved method (there must be none)."""
    objects = [method, *method.get("params", []), method.get("result") or {}]
    for key in ("errors", "tags", "links", "examples"):
        objects += method.get(key, [])
    for pairing in method.get("examples", []):
        objects += [*pairing.get("params", []), pairing.get("result") or {}]
    yield from (o["$ref"] for o in objects if isinstance(o, dict) and "$ref" in o)


def assert_guarantee(resolved: dict[str, Any]) -> None:
    schemas = resolved["components"]["schemas"]
    assert list(resolved["components"]) == ["schemas"]
    places = list(schemas.values())
    for method in resolved["methods"]:
        assert list(object_refs(method)) == []
        places += [
            p["schema"]
            for p in [*method.get("params", []), method.get("result") or {}]
            if "schema" in p
        ]
    for ref in (ref for place in places for ref in schema_refs(place)):
        assert ref.startswith(SCHEMA_REF_PREFIX), ref
        name = ref.removeprefix(SCHEMA_REF_PREFIX).replace("~1", "/").replace("~0", "~")
        assert name in schemas, ref


def named_targets(warnings: list[SpecWarning]) -> set[str]:
    found = set()
    for warning in warnings:
        match = re.search(r"\$ref (?:file )?'([^']+)'", warning.message)
        assert match, warning
        target = match[1]
        found.add(STARKNET_API if target.startswith(STARKNET_API) else target)
    return found


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_corpus_spec_resolves_to_the_guarantee(path: Path) -> None:
    loaded = load_spec(path)
    warnings: list[SpecWarning] = []
    before = copy.deepcopy(loaded.document)
    resolved = resolve_refs(loaded, warnings)
    assert loaded.document == before
    assert_guarantee(resolved)
    assert len(resolved["methods"]) == len(loaded.document["methods"])
    assert named_targets(warnings) == DANGLING_IN_SOURCES.get(path.stem, set())


def test_the_canton_self_reference_by_file_path_stays_local_with_one_warning() -> None:
    warnings: list[SpecWarning] = []
    resolved = resolve_refs(load_spec(SPECS / "canton-splice-dapp-api.json"), warnings)
    assert [w.message for w in warnings] == [
        "$ref file 'api-specs/openrpc-dapp-api.json' not found; resolving its pointers in this document"
    ]
    original = load_spec(SPECS / "canton-splice-dapp-api.json").document["components"]["schemas"]
    assert list(resolved["components"]["schemas"]) == list(original)  # nothing hoisted
    assert resolved["methods"][0]["result"]["schema"] == {
        "$ref": "#/components/schemas/StatusEvent"
    }


# -- inline rules ----------------------------------------------------------------------------------


def spec(methods: list[Any], **components: Any) -> dict[str, Any]:
    return {
        "openrpc": "1.3.2",
        "info": {"title": "t", "version": "1"},
        "methods": methods,
        "components": components,
    }


def method(*params: Any, result: Any = None, **more: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"name": more.pop("name", "m"), "params": list(params), **more}
    if result is not None:
        body["result"] = result
    return body


def resolved(document: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    warnings: list[SpecWarning] = []
    before = copy.deepcopy(document)
    out = resolve_refs(load_spec(document), warnings)
    assert document == before
    assert_guarantee(out)
    return out, [(w.pointer, w.message) for w in warnings]


def result_schema(document: dict[str, Any]) -> Any:
    return resolved(document)[0]["methods"][0]["result"]["schema"]


def test_content_descriptors_errors_examples_and_tags_are_inlined() -> None:
    cd = {"name": "id", "required": True, "schema": {"$ref": "#/components/schemas/Id"}}
    document = spec(
        [
            method(
                {"$ref": "#/components/contentDescriptors/Id", "description": "the book"},
                result={"$ref": "#/components/contentDescriptors/Id"},
                errors=[{"$ref": "#/components/errors/NotFound"}],
                tags=[{"$ref": "#/components/tags/books"}],
                examples=[{"$ref": "#/components/examplePairings/one"}],
            )
        ],
        schemas={"Id": {"type": "integer"}},
        contentDescriptors={"Id": cd},
        errors={"NotFound": {"code": 404, "message": "no such book"}},
        tags={"books": {"name": "books"}},
        examples={"seven": {"name": "id", "value": 7}},
        examplePairings={
            "one": {
                "name": "one",
                "params": [{"$ref": "#/components/examples/seven"}],
                "result": {"$ref": "#/components/examples/seven"},
            }
        },
    )
    out, warnings = resolved(document)
    got = out["methods"][0]
    ref = {"$ref": "#/components/schemas/Id"}
    assert got["params"] == [{**cd, "schema": ref, "description": "the book"}]
    assert got["result"] == {**cd, "schema": ref}
    assert got["errors"] == [{"code": 404, "message": "no such book"}]
    assert got["tags"] == [{"name": "books"}]
    seven = {"name": "id", "value": 7}
    assert got["examples"] == [{"name": "one", "params": [seven], "result": seven}]
    assert warnings == []


def test_annotation_siblings_stay_next_to_a_ref_and_validation_siblings_go_into_allof() -> None:
    props = {
        "a": {"$ref": "#/components/schemas/Id", "title": "A", "description": "d", "default": 1},
        "b": {"$ref": "#/components/schemas/Id", "minimum": 3, "description": "d"},
        "c": {
            "$ref": "#/components/schemas/Id",
            "allOf": [{"$ref": "#/components/schemas/Id"}],
            "type": "integer",
        },
    }
    document = spec(
        [method(result={"name": "r", "schema": {"properties": props}})],
        schemas={"Id": {"type": "integer"}},
    )
    ref = {"$ref": "#/components/schemas/Id"}
    assert result_schema(document)["properties"] == {
        "a": {**ref, "title": "A", "description": "d", "default": 1},
        "b": {"allOf": [ref], "description": "d", "minimum": 3},
        "c": {"allOf": [ref, ref], "type": "integer"},
    }


def test_refs_outside_components_schemas_are_hoisted_under_readable_names() -> None:
    document = spec(
        [
            method(
                {"name": "book", "schema": {"properties": {"id": {"type": "string"}}}},
                name="book.get",
                result={
                    "name": "r",
                    "schema": {
                        "properties": {
                            "nested": {"$ref": "#/components/schemas/Book/properties/id"},
                            "again": {"$ref": "#/components/schemas/Book/properties/id"},
                            "defined": {"$ref": "#/definitions/Shelf"},
                            "param": {"$ref": "#/methods/0/params/0/schema/properties/id"},
                            "clash": {"$ref": "#/definitions/Book"},
                        }
                    },
                },
            )
        ],
        schemas={"Book": {"properties": {"id": {"type": "integer"}}}},
    )
    document["definitions"] = {"Shelf": {"type": "array"}, "Book": {"type": "null"}}
    out, warnings = resolved(document)
    refs = {k: v["$ref"] for k, v in out["methods"][0]["result"]["schema"]["properties"].items()}
    assert refs == {
        "nested": "#/components/schemas/Book_id",
        "again": "#/components/schemas/Book_id",
        "defined": "#/components/schemas/Shelf",
        "param": "#/components/schemas/book.get_book_id",
        "clash": "#/components/schemas/Book_2",
    }
    assert out["components"]["schemas"] == {
        "Book": {"properties": {"id": {"type": "integer"}}},
        "Book_id": {"type": "integer"},
        "Shelf": {"type": "array"},
        "book.get_book_id": {"type": "string"},
        "Book_2": {"type": "null"},
    }
    assert warnings == []


def test_recursion_through_structure_stays_as_refs() -> None:
    tree = {
        "type": "object",
        "properties": {"children": {"type": "array", "items": {"$ref": "#/definitions/Tree"}}},
    }
    node = {
        "anyOf": [{"type": "null"}, {"properties": {"next": {"$ref": "#/components/schemas/Node"}}}]
    }
    document = spec(
        [method(result={"name": "r", "schema": {"$ref": "#/definitions/Tree"}})],
        schemas={"Node": node},
    )
    document["definitions"] = {"Tree": tree}
    out, warnings = resolved(document)
    assert out["components"]["schemas"]["Node"] == node
    items = out["components"]["schemas"]["Tree"]["properties"]["children"]["items"]
    assert items == {"$ref": "#/components/schemas/Tree"} and warnings == []


def test_a_cycle_through_combinators_only_is_a_warning() -> None:
    schemas = {
        "A": {"anyOf": [{"$ref": "#/components/schemas/B"}, {"type": "string"}]},
        "B": {"allOf": [{"$ref": "#/components/schemas/A"}]},
    }
    _, warnings = resolved(spec([method()], schemas=schemas))
    assert warnings == [
        (
            "/components/schemas/A",
            "$ref cycle through allOf/anyOf/oneOf/not only: A -> B -> A; types may be loose",
        )
    ]


def test_a_pure_cycle_through_hoisted_schemas_is_an_error() -> None:
    document = spec([method(result={"name": "r", "schema": {"$ref": "#/definitions/A"}})])
    document["definitions"] = {
        "A": {"$ref": "#/definitions/B"},
        "B": {"$ref": "#/definitions/A", "title": "B"},
    }
    with pytest.raises(SpecError) as caught:
        resolve_refs(load_spec(document), [])
    assert (caught.value.pointer, caught.value.message) == (
        "/definitions/A",
        "$ref cycle with no structure: A -> B -> A",
    )


def test_dangling_refs_become_any_with_a_warning_naming_pointer_and_target() -> None:
    props = {
        "gone": {"$ref": "#/components/schemas/Gone", "description": "kept"},
        "narrowed": {"$ref": "#/components/schemas/Gone", "type": "string"},
        "nowhere": {"$ref": "#/definitions/Nowhere"},
        "remote": {"$ref": "https://example.com/s.json#/X"},
        "anchor": {"$ref": "#Anchor"},
        "number": {"$ref": 5},
    }
    document = spec(
        [
            method(
                {"$ref": "#/components/contentDescriptors/BlockNumber"},
                result={"name": "r", "schema": {"properties": props}},
                errors=[{"$ref": "#/components/errors/Gone"}],
            )
        ]
    )
    out, warnings = resolved(document)
    got = out["methods"][0]
    assert got["result"]["schema"]["properties"] == {
        "gone": {"description": "kept"},
        "narrowed": {"type": "string"},
        "nowhere": {},
        "remote": {},
        "anchor": {},
        "number": {},
    }
    assert got["params"] == [{"name": "BlockNumber", "schema": {}}]  # the position is kept
    assert got["errors"] == []
    at = "/methods/0/result/schema/properties"
    assert warnings == [
        (
            "/methods/0/params/0",
            "unresolvable $ref '#/components/contentDescriptors/BlockNumber': nothing there; left out",
        ),
        (
            "/methods/0/errors/0",
            "unresolvable $ref '#/components/errors/Gone': nothing there; left out",
        ),
        (
            f"{at}/gone",
            "unresolvable $ref '#/components/schemas/Gone': no such schema; typed as Any",
        ),
        (
            f"{at}/narrowed",
            "unresolvable $ref '#/components/schemas/Gone': no such schema; typed as Any",
        ),
        (f"{at}/nowhere", "unresolvable $ref '#/definitions/Nowhere': nothing there; typed as Any"),
        (
            f"{at}/remote",
            "unresolvable $ref 'https://example.com/s.json#/X': remote refs are not fetched",
        ),
        (f"{at}/anchor", "unsupported $ref '#Anchor' (not a JSON pointer); typed as Any"),
        (f"{at}/number", "a $ref must be a string, not int; ignored"),
    ]


def test_refs_under_unknown_keywords_are_resolved_and_data_is_left_alone() -> None:
    schema = {
        "type": "object",
        "blockHash": {"title": "misplaced property", "$ref": "#/components/schemas/Hash"},
        "default": {"$ref": "#/not/a/reference"},
        "x-vendor": {"$ref": "#/not/one/either"},
    }
    document = spec(
        [method(result={"name": "r", "schema": schema})], schemas={"Hash": {"type": "string"}}
    )
    out, warnings = resolved(document)
    assert out["methods"][0]["result"]["schema"] == {
        **schema,
        "blockHash": {"$ref": "#/components/schemas/Hash", "title": "misplaced property"},
    }
    assert warnings == []


def test_escaped_and_percent_encoded_pointers() -> None:
    schemas = {
        "a/b": {"type": "integer"},
        "with space": {"type": "string"},
        "c~d": {"type": "null"},
    }
    props = {
        "slash": {"$ref": "#/components/schemas/a~1b"},
        "space": {"$ref": "#/components/schemas/with%20space"},
        "tilde": {"$ref": "#/components/schemas/c~0d"},
    }
    out, warnings = resolved(
        spec([method(result={"name": "r", "schema": {"properties": props}})], schemas=schemas)
    )
    got = out["methods"][0]["result"]["schema"]["properties"]
    assert got == {
        "slash": {"$ref": "#/components/schemas/a~1b"},
        "space": {"$ref": "#/components/schemas/with space"},
        "tilde": {"$ref": "#/components/schemas/c~0d"},
    }
    assert warnings == []


# -- refs into other files -------------------------------------------------------------------------


def write(path: Path, document: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_file_ref_is_read_relative_to_the_referring_file(tmp_path: Path) -> None:
    write(
        tmp_path / "common" / "types.json",
        {
            "components": {
                "schemas": {"Id": {"$ref": "#/components/schemas/Int"}, "Int": {"type": "integer"}}
            }
        },
    )
    main = write(
        tmp_path / "api.json",
        spec(
            [
                method(
                    result={
                        "name": "r",
                        "schema": {"$ref": "common/types.json#/components/schemas/Id"},
                    }
                )
            ],
            schemas={"Id": {"type": "string"}},
        ),
    )
    warnings: list[SpecWarning] = []
    out = resolve_refs(load_spec(main), warnings)
    assert_guarantee(out)
    assert out["methods"][0]["result"]["schema"] == {"$ref": "#/components/schemas/Id_2"}
    assert out["components"]["schemas"] == {
        "Id": {"type": "string"},
        "Id_2": {"$ref": "#/components/schemas/Int"},
        "Int": {"type": "integer"},
    }
    assert warnings == []


@pytest.fixture
def starknet_repo(tmp_path: Path) -> Path:
    """The starknet-specs layout the corpus files came from (refs are repo-root relative)."""
    layout = {
        "starknet-api.json": "api/starknet_api_openrpc.json",
        "starknet-trace-api.json": "api/starknet_trace_api_openrpc.json",
        "starknet-ws-api.json": "api/starknet_ws_api.json",
        "starknet-wallet-api.json": "wallet-api/wallet_rpc.json",
    }
    for corpus_name, repo_path in layout.items():
        (tmp_path / repo_path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SPECS / corpus_name, tmp_path / repo_path)
    return tmp_path


@pytest.mark.parametrize(
    "path",
    [
        "api/starknet_trace_api_openrpc.json",
        "api/starknet_ws_api.json",
        "wallet-api/wallet_rpc.json",
    ],
)
def test_repo_root_relative_refs_resolve_in_the_real_layout(starknet_repo: Path, path: str) -> None:
    warnings: list[SpecWarning] = []
    out = resolve_refs(load_spec(starknet_repo / path), warnings)
    assert_guarantee(out)
    assert warnings == []
    schemas = out["components"]["schemas"]
    assert schemas["FELT"]["title"] == "Field element"  # the re-export took the API file's FELT
    assert not [name for name in schemas if name.endswith("_2")]  # no FELT -> FELT_2 aliases
    assert all(schema != {} for schema in schemas.values())


def test_recursion_across_files_keeps_working(starknet_repo: Path) -> None:
    out = resolve_refs(load_spec(starknet_repo / "api/starknet_trace_api_openrpc.json"), [])
    schemas = out["components"]["schemas"]
    refs = set(schema_refs(schemas["FUNCTION_INVOCATION"])) | set(
        schema_refs(schemas["NESTED_CALL"])
    )
    assert (
        "#/components/schemas/NESTED_CALL" in refs
        and "#/components/schemas/FUNCTION_INVOCATION" in refs
    )


def test_an_unreadable_ref_file_and_a_spec_without_a_folder_warn(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{nope")
    document = spec(
        [method(result={"name": "r", "schema": {"$ref": "broken.json#/components/schemas/X"}})]
    )
    main = write(tmp_path / "api.json", document)
    warnings: list[SpecWarning] = []
    assert resolve_refs(load_spec(main), warnings)["methods"][0]["result"]["schema"] == {}
    broken = tmp_path / "broken.json"
    assert [w.message for w in warnings] == [
        f"$ref file: {broken}: /: not JSON: Expecting property name enclosed in double quotes at line 1, column 2",
        f"unresolvable $ref 'broken.json#/components/schemas/X': file not found (searched from {tmp_path} upwards); typed as Any",
    ]
    warnings.clear()
    resolve_refs(load_spec(document), warnings)
    assert [w.message for w in warnings] == [
        "unresolvable $ref 'broken.json#/components/schemas/X': file not found; typed as Any"
    ]
