"""OpenRPC param declarations -> param checks: types, defaults, constraints and $refs."""

from __future__ import annotations

from typing import Any

import pytest

from router.jsonrpc import InvalidParams
from router.openrpc_params import methods_from_openrpc

DOC: dict[str, Any] = {
    "methods": [
        {
            "name": "note.add",
            "params": [
                {
                    "name": "slug",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[a-z]+$"},
                },
                {"name": "note", "required": True, "schema": {"$ref": "#/components/schemas/Note"}},
                {"name": "stars", "schema": {"type": "integer", "minimum": 1, "default": 3}},
                {"name": "owner", "schema": {"type": ["string", "null"]}},
            ],
        },
        {"name": "note.count", "params": []},
    ],
    "components": {
        "schemas": {
            "Note": {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": {"type": "string"},
                    "tags": {"$ref": "#/components/schemas/Tags"},
                },
            },
            "Tags": {"type": "array", "items": {"type": "string"}},
        }
    },
}


async def handler(params: dict[str, Any]) -> Any:
    return params


def add_method() -> Any:
    methods = methods_from_openrpc(DOC, {"note.add": handler, "note.count": handler})
    assert [method.name for method in methods] == ["note.add", "note.count"]
    return methods[0]


def problem(params: Any) -> str:
    with pytest.raises(InvalidParams) as caught:
        add_method().bind(params)
    return caught.value.message


def test_valid_params_bind_with_the_schema_default() -> None:
    bound = add_method().bind({"slug": "abc", "note": {"text": "t", "tags": ["x"]}})
    assert bound == {"slug": "abc", "note": {"text": "t", "tags": ["x"]}, "stars": 3}


def test_type_lists_allow_each_type() -> None:
    assert add_method().bind(["abc", {"text": "t"}, 2, None])["owner"] is None


def test_pattern_is_checked() -> None:
    assert problem({"slug": "ABC", "note": {"text": "t"}}) == (
        "invalid param 'slug': 'ABC' does not match '^[a-z]+$'"
    )


def test_bounds_are_checked() -> None:
    assert problem({"slug": "a", "note": {"text": "t"}, "stars": 0}) == (
        "invalid param 'stars': 0 is less than the minimum of 1"
    )


def test_refs_into_components_are_followed_and_the_path_is_named() -> None:
    assert problem({"slug": "a", "note": {"text": "t", "tags": ["ok", 5]}}) == (
        "invalid param 'note': ['tags'][1]: 5 is not of type 'string'"
    )
    assert (
        problem({"slug": "a", "note": {}}) == "invalid param 'note': 'text' is a required property"
    )


def test_handlers_must_match_the_spec_methods() -> None:
    with pytest.raises(ValueError, match=r"missing \['note.count'\], not in spec \['note.drop'\]"):
        methods_from_openrpc(DOC, {"note.add": handler, "note.drop": handler})
