"""The interface file for LLM prompts, through generate() on small inline specs: only the types
methods reach, TypedDicts in their shorter spelling, short summaries, a compact header."""

from __future__ import annotations

import ast
import re
from typing import Any

from generator import generate
from tests.generator.functional.kit import method_spec, service_spec

TOKEN = re.compile(r"\w+|[^\w\s]")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _spec(methods: list[dict[str, Any]], schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    spec = service_spec("shop", methods)
    spec["components"] = {"schemas": schemas or {}}
    return spec


def _defined(source: str) -> set[str]:
    """Names the module's top-level classes and assignments define."""
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _obj(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required or []}


PRUNING_SCHEMAS = {
    "Order": _obj({"lines": {"type": "array", "items": _ref("Line")}}),
    "Line": _obj({"item": _ref("Item"), "count": {"type": "integer"}}),
    "Item": _obj({"sku": {"type": "string"}}),
    # reached only through a quoted forward reference in an alias (mutual recursion)
    "Tree": {"oneOf": [{"type": "string"}, {"type": "array", "items": _ref("Forest")}]},
    "Forest": {"oneOf": [{"type": "integer"}, {"type": "array", "items": _ref("Tree")}]},
    "Unused": _obj({"other": _ref("AlsoUnused")}),
    "AlsoUnused": _obj({"x": {"type": "boolean"}}),
}


def test_interface_shows_the_types_methods_reach_transitively_and_the_client_keeps_all() -> None:
    spec = _spec(
        [
            method_spec("order.get", [{"name": "id", "schema": {"type": "string"}}]),
            method_spec("tree.count", [{"name": "tree", "required": True, "schema": _ref("Tree")}]),
        ],
        PRUNING_SCHEMAS,
    )
    spec["methods"][0]["result"] = {"name": "order", "schema": _ref("Order")}
    result = generate(spec)
    shown = _defined(result.interface)
    assert {"Order", "Line", "Item", "Tree", "Forest", "RpcError"} <= shown
    assert not {"Unused", "AlsoUnused"} & shown
    assert set(PRUNING_SCHEMAS) <= _defined(result.client)


def test_error_classes_stay_though_no_method_type_uses_them() -> None:
    method = method_spec("order.cancel", [], errors=[{"code": 4001, "message": "Too late"}])
    result = generate(_spec([method], PRUNING_SCHEMAS))
    assert {"RpcError", "TooLateError"} <= _defined(result.interface)
    assert not set(PRUNING_SCHEMAS) & _defined(result.interface)


FIVE = {k: {"type": "string"} for k in ("a", "b", "c", "d", "e")}
TYPED_DICTS = {
    "MostlyOptional": _obj(FIVE, required=["a"]),
    "HalfOptional": _obj(FIVE, required=["a", "b"]),
    "Hyphenated": _obj({f"{k}-{k}": v for k, v in FIVE.items()}, required=["a-a"]),
}


def _typed_dict_spec() -> dict[str, Any]:
    params = [{"name": n.lower(), "required": True, "schema": _ref(n)} for n in TYPED_DICTS]
    return _spec([method_spec("shape.all", params)], TYPED_DICTS)


def test_mostly_optional_typeddicts_use_total_false_and_keep_every_key_optionality() -> None:
    interface = generate(_typed_dict_spec()).interface
    lines = interface.splitlines()
    assert "class MostlyOptional(TypedDict, total=False):" in lines
    assert "    a: Required[str]" in lines  # the one required key says so
    assert "class HalfOptional(TypedDict):" in lines  # 3 optional, 2 required: plain is shorter
    assert "    total=False," in lines  # the functional form (keys that are no identifiers)
    # Evaluated annotations (no forward references here), so TypedDict sees Required/NotRequired;
    # dont_inherit: this module's own future import would make them strings again
    source = interface.replace("from __future__ import annotations", "")
    namespace: dict[str, Any] = {}
    exec(compile(source, "interface", "exec", dont_inherit=True), namespace)
    for name, schema in TYPED_DICTS.items():
        assert namespace[name].__required_keys__ == set(schema["required"]), name
        assert namespace[name].__optional_keys__ == set(schema["properties"]) - set(
            schema["required"]
        ), name


def test_the_typing_import_lists_exactly_the_names_used() -> None:
    for spec in (_typed_dict_spec(), _spec([method_spec("ping", [])], PRUNING_SCHEMAS)):
        tree = ast.parse(generate(spec).interface)
        imported_names = {
            a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names
        } - {"annotations"}
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        assert imported_names and imported_names <= used


def _summary_of(method: dict[str, Any]) -> str:
    line = next(x for x in generate(_spec([method])).interface.splitlines() if x.startswith("def "))
    return line.split("...  # ", 1)[1] if "...  # " in line else ""


def test_summary_is_the_first_line_and_sentence() -> None:
    method = method_spec("pets.list", [], description="Returns all pets\nNam sed. Tempor.")
    assert _summary_of(method) == "Returns all pets"
    method = method_spec("pets.get", [], summary="Gets a pet. Fails when it is gone.")
    assert _summary_of(method) == "Gets a pet"
    method = method_spec("auth", [], summary="Authenticate, e.g. with a token. Then call.")
    assert _summary_of(method) == "Authenticate, e.g. with a token"


def test_a_long_summary_is_cut_at_a_word_and_marked_with_one_ellipsis() -> None:
    text = "Returns the information about a transaction requested by the block hash and index"
    summary = _summary_of(method_spec("tx.get", [], summary=text))
    assert len(summary) <= 60 and summary.endswith("…") and "..." not in summary
    kept = summary.removesuffix("…")
    assert text.startswith(kept) and text[len(kept)] == " "  # whole words only


def test_deprecated_and_notification_markers_stay() -> None:
    method = method_spec("old.ping", [], result=False, deprecated=True, summary="Ping. More.")
    assert _summary_of(method) == "(notification) (deprecated) Ping"


def test_a_code_block_is_no_summary() -> None:
    assert _summary_of(method_spec("go.code", [], description="```go\nfunc F() {}\n```")) == ""


def _header(interface: str) -> list[str]:
    return interface[: interface.index("from __future__")].splitlines()


def test_header_states_the_facts_a_caller_needs_in_few_tokens() -> None:
    spec = _spec([method_spec("a.b", []), method_spec("c.d", [])])
    spec["info"].update(version="2.1.0", description="Sells things. Nam sed tempor.\nMore.")
    result = generate(spec)
    header = _header(result.interface)
    assert header[0] == f"# shop 2.1.0, 2 methods, sha256 {result.spec_sha256}"
    assert header[1] == "# Sells things"
    assert header[2].startswith("# from shop_client import ShopClient: ShopClient() has")
    assert header[3] == "# Errors: RpcError(code, message, data), subclasses below, TransportError"
    assert header[4] == "# mypy: disable-error-code=empty-body"
    assert len(TOKEN.findall("\n".join(header))) <= 60


def test_hostile_description_stays_inside_one_header_comment() -> None:
    spec = _spec([method_spec("a.b", [])])
    spec["info"]["description"] = 'x\u2028import os\r\nimport sys """ \\'
    interface = generate(spec).interface
    assert not any(isinstance(n, ast.Import) for n in ast.parse(interface).body)
    assert all(line.startswith("# ") for line in _header(interface))
