"""JSON Schema -> the type text of the methods table, and constraints in words."""

from __future__ import annotations

from typing import Any

import pytest

from router.web.schema_text import constraints_text, fields, type_text

REF = "#/components/schemas/"


@pytest.mark.parametrize(
    ("schema", "text"),
    [
        ({"type": "string"}, "str"),
        ({"type": "integer"}, "int"),
        ({"type": ["string", "null"]}, "str | None"),
        ({"type": "array", "items": {"$ref": REF + "Book"}}, "list[Book]"),
        ({"type": "array"}, "list"),
        ({"$ref": REF + "Chapter"}, "Chapter"),
        ({"enum": ["a", 1, None]}, "Literal['a', 1, None]"),
        ({"const": True}, "Literal[True]"),
        ({"oneOf": [{"type": "integer"}, {"type": "string"}, {"type": "integer"}]}, "int | str"),
        ({"anyOf": [{"$ref": REF + "A"}, {"type": "null"}]}, "A | None"),
        ({"type": "object", "additionalProperties": {"type": "number"}}, "dict[str, float]"),
        ({"type": "object"}, "dict"),
        ({"properties": {"a": {"type": "string"}}, "required": ["a"]}, "{a: str}"),
        ({}, "Any"),
        (True, "Any"),
        ({"type": "no such type"}, "Any"),
    ],
)
def test_type_text(schema: Any, text: str) -> None:
    assert type_text(schema) == text


def test_inline_objects_mark_optional_fields_and_stop_after_six() -> None:
    schema = {
        "type": "object",
        "required": ["deleted"],
        "properties": {"deleted": {"type": "boolean"}, "note": {"type": "string"}},
    }
    assert type_text(schema) == "{deleted: bool, note?: str}"
    wide = {"type": "object", "properties": {f"f{i}": {"type": "integer"} for i in range(8)}}
    assert type_text(wide).endswith("f5?: int, …}")


def test_deep_nesting_ends_in_any() -> None:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(6):
        schema = {"type": "array", "items": schema}
    assert type_text(schema) == "list[list[list[list[Any]]]]"


def test_fields_follow_one_ref_and_keep_the_order() -> None:
    schemas = {
        "Book": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}, "tags": {"type": "array"}},
        }
    }
    expected = [("name", "str", True), ("tags", "list", False)]
    assert fields({"$ref": REF + "Book"}, schemas) == expected
    assert fields({"type": "string"}, schemas) == []
    assert fields({"$ref": REF + "Missing"}, schemas) == []


@pytest.mark.parametrize(
    ("schema", "text"),
    [
        ({"type": "integer", "minimum": 1, "maximum": 100}, "1 ≤ n ≤ 100"),
        ({"type": "integer", "minimum": 1}, "n ≥ 1"),
        ({"type": "number", "maximum": 0.5}, "n ≤ 0.5"),
        (
            {"type": "string", "minLength": 1, "pattern": "^[a-z]+$"},
            "min length 1, matches ^[a-z]+$",
        ),
        ({"type": "array", "maxItems": 3}, "max items 3"),
        ({"type": "string"}, ""),
        (None, ""),
    ],
)
def test_constraints_text(schema: Any, text: str) -> None:
    assert constraints_text(schema) == text
