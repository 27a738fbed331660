"""The fuzz strategies stay honest: every drawn document is valid OpenRPC 1.3.2 and the awkward
cases the strategies claim to draw (recursion, notifications, keyword names...) do come up."""

from __future__ import annotations

import json
import keyword
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, find, given, settings
from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match
from referencing import Registry
from referencing.jsonschema import DRAFT7

from tests.strategies import openrpc_documents

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
TOOLS_URIS = ("https://meta.json-schema.tools", "https://meta.json-schema.tools/")
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _meta_schema_validator() -> Draft7Validator:
    """The 1.3.2 meta-schema, its `https://meta.json-schema.tools` refs served offline."""
    tools = json.loads((SCHEMAS / "json-schema-tools-meta-schema-1.8.0.json").read_text())
    resource = DRAFT7.create_resource(tools)
    registry: Registry[Any] = Registry().with_resources((uri, resource) for uri in TOOLS_URIS)
    openrpc = json.loads((SCHEMAS / "openrpc-meta-schema-1.3.2.json").read_text())
    return Draft7Validator(openrpc, registry=registry)


VALIDATOR = _meta_schema_validator()


def _find(condition: Any) -> dict[str, Any]:
    """The first drawn document meeting `condition`, no shrinking; NoSuchExample (a failure)
    when 300 draws have none."""
    search = settings(max_examples=300, phases=[Phase.generate], database=None)
    return find(openrpc_documents(), condition, settings=search)


def test_the_validator_rejects_what_the_meta_schema_forbids() -> None:
    doc: dict[str, Any] = {
        "openrpc": "1.3.2",
        "info": {"title": "t", "version": "1"},
        "methods": [],
    }
    assert VALIDATOR.is_valid(doc)
    # a param that is a $ref with a sibling key: a reference object allows nothing else
    bad_param = {"$ref": "#/components/contentDescriptors/A", "description": "x"}
    doc["methods"] = [{"name": "m", "params": [bad_param]}]
    assert not VALIDATOR.is_valid(doc)
    # a JSON Schema `type` outside the simple types is checked through the tools meta-schema
    doc["methods"] = [{"name": "m", "params": [{"name": "p", "schema": {"type": "text"}}]}]
    assert not VALIDATOR.is_valid(doc)


@FUZZ
@given(openrpc_documents())
def test_drawn_documents_validate_against_the_1_3_2_meta_schema(doc: dict[str, Any]) -> None:
    error = best_match(VALIDATOR.iter_errors(doc))
    assert error is None, f"{error.json_path}: {error.message}"


@FUZZ
@given(openrpc_documents())
def test_drawn_documents_have_no_hard_errors(doc: dict[str, Any]) -> None:
    assert json.loads(json.dumps(doc)) == doc
    method_names = [method["name"] for method in doc["methods"]]
    assert len(set(method_names)) == len(method_names)
    for method in doc["methods"]:
        inline = [p["name"] for p in method["params"] if "name" in p]
        assert len(set(inline)) == len(inline)
    components = doc.get("components", {}).get("schemas", {})
    graph = {name: _refs_without_structure(schema) for name, schema in components.items()}
    list(TopologicalSorter(graph).static_order())  # raises CycleError on an `A -> A` alias cycle


def _refs_without_structure(schema: Any) -> set[str]:
    """Component names `schema` reaches without going through a property or an item."""
    if not isinstance(schema, dict):
        return set()
    ref = schema.get("$ref")
    found = {ref.removeprefix("#/components/schemas/")} if isinstance(ref, str) else set()
    for key in ("oneOf", "anyOf", "allOf"):
        for member in schema.get(key, []):
            found |= _refs_without_structure(member)
    return found


def test_draws_a_component_schema_that_reaches_itself() -> None:
    def self_recursive(doc: dict[str, Any]) -> bool:
        found = doc.get("components", {}).get("schemas", {})
        return any(f'"#/components/schemas/{n}"' in json.dumps(s) for n, s in found.items())

    assert self_recursive(_find(self_recursive))


def test_draws_methods_without_result_and_by_position() -> None:
    doc = _find(
        lambda d: any(
            "result" not in m and m.get("paramStructure") == "by-position" and m["params"]
            for m in d["methods"]
        )
    )
    assert doc["methods"]


def test_draws_keyword_method_names_and_lone_surrogates() -> None:
    doc = _find(
        lambda d: any(keyword.iskeyword(m["name"]) for m in d["methods"])
        and "\ud800" in json.dumps(d, ensure_ascii=False)
    )
    assert doc["methods"]
