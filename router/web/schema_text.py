"""JSON Schema -> the short, Python-flavoured type text the methods table shows
(``list[BookSummary]``, ``str | None``, ``{deleted: bool}``), and a schema's constraints in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.model import SCHEMA_REF_PREFIX

__all__ = ["constraints_text", "fields", "type_text"]

_SCALARS = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "null": "None",
    "array": "list",
    "object": "dict",
}
_MAX_DEPTH = 3
_MAX_INLINE_FIELDS = 6


def type_text(schema: Any, depth: int = 0) -> str:
    """The type of values ``schema`` accepts; ``Any`` when it does not say."""
    if not isinstance(schema, Mapping) or depth > _MAX_DEPTH:
        return "Any"
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(SCHEMA_REF_PREFIX):
        return ref.removeprefix(SCHEMA_REF_PREFIX)
    if "const" in schema:
        return f"Literal[{schema['const']!r}]"
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return f"Literal[{', '.join(repr(value) for value in schema['enum'])}]"
    for keyword in ("oneOf", "anyOf"):
        choices = schema.get(keyword)
        if isinstance(choices, list) and choices:
            return _union(type_text(choice, depth + 1) for choice in choices)
    kinds = schema.get("type")
    if isinstance(kinds, list) and kinds:
        return _union(_one_type(schema, kind, depth) for kind in kinds)
    if isinstance(kinds, str):
        return _one_type(schema, kinds, depth)
    if "properties" in schema:
        return _one_type(schema, "object", depth)
    return "Any"


def fields(schema: Any, schemas: Mapping[str, Any]) -> list[tuple[str, str, bool]]:
    """(name, type text, required) for each property of an object schema, following one $ref."""
    if isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str):
        schema = schemas.get(schema["$ref"].removeprefix(SCHEMA_REF_PREFIX), {})
    if not isinstance(schema, Mapping) or not isinstance(schema.get("properties"), Mapping):
        return []
    required = schema.get("required")
    needed = set(required) if isinstance(required, list) else set()
    return [
        (str(name), type_text(sub, 1), name in needed) for name, sub in schema["properties"].items()
    ]


def constraints_text(schema: Any) -> str:
    """The schema's bounds and pattern in a few words (``1 ≤ n ≤ 100``, ``matches ^[a-z]+$``)."""
    if not isinstance(schema, Mapping):
        return ""
    parts = []
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        parts.append(f"{low} ≤ n ≤ {high}")
    elif low is not None:
        parts.append(f"n ≥ {low}")
    elif high is not None:
        parts.append(f"n ≤ {high}")
    for keyword, label in (("minLength", "min length"), ("maxLength", "max length")):
        if schema.get(keyword) is not None:
            parts.append(f"{label} {schema[keyword]}")
    for keyword, label in (("minItems", "min items"), ("maxItems", "max items")):
        if schema.get(keyword) is not None:
            parts.append(f"{label} {schema[keyword]}")
    if isinstance(schema.get("pattern"), str):
        parts.append(f"matches {schema['pattern']}")
    return ", ".join(parts)


def _one_type(schema: Mapping[str, Any], kind: str, depth: int) -> str:
    if kind == "array":
        items = schema.get("items")
        return f"list[{type_text(items, depth + 1)}]" if isinstance(items, Mapping) else "list"
    if kind == "object":
        return _object(schema, depth)
    return _SCALARS.get(kind, "Any")


def _object(schema: Mapping[str, Any], depth: int) -> str:
    properties = schema.get("properties")
    if not isinstance(properties, Mapping) or not properties:
        extra = schema.get("additionalProperties")
        if isinstance(extra, Mapping):
            return f"dict[str, {type_text(extra, depth + 1)}]"
        return "dict"
    required = schema.get("required")
    needed = set(required) if isinstance(required, list) else set()
    shown = [
        f"{name}{'' if name in needed else '?'}: {type_text(sub, depth + 1)}"
        for name, sub in list(properties.items())[:_MAX_INLINE_FIELDS]
    ]
    if len(properties) > _MAX_INLINE_FIELDS:
        shown.append("…")
    return "{" + ", ".join(shown) + "}"


def _union(texts: Any) -> str:
    unique = list(dict.fromkeys(texts))
    return " | ".join(unique) if unique else "Any"
