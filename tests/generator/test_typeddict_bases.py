"""A TypedDict narrowing a key it inherits (an enum restricted through $ref + properties) is
flattened, so the client passes mypy --strict and keeps every key, typed as the spec says."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

from generator import generate
from tests.generator.mypy_run import mypy_strict

STATUS = {"type": "string", "enum": ["VALID", "INVALID", "SYNCING", "ACCEPTED"]}
SPEC: dict[str, Any] = {
    "openrpc": "1.3.2",
    "info": {"title": "payloads", "version": "1"},
    "methods": [
        {
            "name": "restricted",
            "params": [],
            "result": {"name": "r", "schema": {"$ref": "#/components/schemas/Restricted"}},
        },
        {
            "name": "wider",
            "params": [],
            "result": {"name": "r", "schema": {"$ref": "#/components/schemas/Wider"}},
        },
    ],
    "components": {
        "schemas": {
            "Status": {
                "type": "object",
                "required": ["status"],
                "properties": {"status": STATUS, "error": {"type": "string"}},
            },
            "Restricted": {  # narrows the inherited key: flattened
                "$ref": "#/components/schemas/Status",
                "properties": {"status": {**STATUS, "enum": ["VALID", "INVALID"]}},
            },
            "Wider": {  # only adds a key: keeps its base
                "$ref": "#/components/schemas/Status",
                "properties": {"hash": {"type": "string"}},
            },
        }
    },
}


def test_a_narrowing_subclass_is_flattened_and_type_checks(tmp_path: Path) -> None:
    result = generate(SPEC)
    assert "\nclass Restricted(TypedDict):\n" in result.client
    assert "\nclass Wider(Status):\n" in result.client
    namespace: dict[str, Any] = {"__name__": "payloads_client"}
    exec(compile(result.client, result.client_filename, "exec"), namespace)
    hints = typing.get_type_hints(namespace["Restricted"], namespace, include_extras=True)
    assert hints == {
        "status": typing.Literal["VALID", "INVALID"],
        "error": typing.NotRequired[str],
    }
    for name, text in (
        (result.client_filename, result.client),
        (result.interface_filename, result.interface),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    checked = mypy_strict(tmp_path, result.client_filename, result.interface_filename)
    assert checked.returncode == 0, checked.stdout + checked.stderr
