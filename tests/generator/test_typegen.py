"""Type names never take a name the rest of the generated module uses."""

from __future__ import annotations

import types

from generator import generate

SPEC = {
    "openrpc": "1.3.2",
    "info": {"title": "clash", "version": "1"},
    "methods": [
        {
            "name": "send",
            "params": [{"name": "x", "schema": {"$ref": "#/components/schemas/TracebackType"}}],
            "result": {"name": "r", "schema": {"$ref": "#/components/schemas/RpcError"}},
        }
    ],
    "components": {
        "schemas": {
            "TracebackType": {"type": "object", "properties": {"a": {"type": "string"}}},
            "RpcError": {"type": "object", "properties": {"b": {"type": "integer"}}},
        }
    },
}


def test_schemas_named_like_runtime_names_are_renamed() -> None:
    namespace: dict[str, object] = {"__name__": "clash_client"}
    exec(compile(generate(SPEC).client, "clash_client.py", "exec"), namespace)
    assert namespace["TracebackType"] is types.TracebackType  # the runtime's import, untouched
    assert issubclass(namespace["RpcError"], Exception)  # type: ignore[arg-type]
    client_class = namespace["ClashClient"]
    assert callable(vars(client_class)["send_"]) and "send" not in vars(client_class)
