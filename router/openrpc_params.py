"""An OpenRPC document's method declarations + handlers -> `jsonrpc.Method`s that check their params.

The param's JSON Schema ``type`` becomes a fast type check; any further constraint (pattern, bounds,
object shapes, ``$ref``) becomes a JSON Schema check compiled once, here, at startup.
"""

from __future__ import annotations

from collections.abc import Mapping

import jsonschema

from router.jsonrpc import Handler, Json, Method, ParamSpec

__all__ = ["methods_from_openrpc"]

# Keywords that a plain type check already covers, or that never reject a value.
_ANNOTATIONS = frozenset({"type", "title", "description", "default", "examples", "deprecated"})


def methods_from_openrpc(doc: Json, handlers: Mapping[str, Handler]) -> list[Method]:
    """One `Method` per method of ``doc``, in spec order, each with its handler.

    Raises:
        ValueError: a method of ``doc`` has no handler, or a handler no method.
    """
    declared = [method["name"] for method in doc["methods"]]
    missing = [name for name in declared if name not in handlers]
    extra = [name for name in handlers if name not in declared]
    if missing or extra:
        raise ValueError(f"handlers do not match the spec: missing {missing}, not in spec {extra}")
    components = doc.get("components", {})
    return [
        Method(
            name=method["name"],
            handler=handlers[method["name"]],
            params=tuple(param_spec(param, components) for param in method["params"]),
        )
        for method in doc["methods"]
    ]


def param_spec(param: Json, components: Json) -> ParamSpec:
    """An OpenRPC content descriptor -> a `ParamSpec` (``$ref`` resolved within ``components``)."""
    schema = param.get("schema", {})
    declared_type = schema.get("type", [])
    return ParamSpec(
        name=param["name"],
        required=bool(param.get("required", False)),
        types=(declared_type,) if isinstance(declared_type, str) else tuple(declared_type),
        has_default="default" in schema,
        default=schema.get("default"),
        check=None if set(schema) <= _ANNOTATIONS else _schema_check(schema, components),
    )


class _SchemaCheck:
    """A compiled JSON Schema: value -> the most relevant problem as one line, or None."""

    def __init__(self, validator: jsonschema.protocols.Validator) -> None:
        self._validator = validator

    def __call__(self, value: Json) -> str | None:
        error = jsonschema.exceptions.best_match(self._validator.iter_errors(value))
        if error is None:
            return None
        where = "".join(f"[{part!r}]" for part in error.absolute_path)
        return f"{where}: {error.message}" if where else error.message


def _schema_check(schema: Json, components: Json) -> _SchemaCheck:
    # Refs in an OpenRPC document point at "#/components/...", so the components ride along in
    # the root of the schema being checked, where "#" resolves; validators ignore the extra key.
    rooted = {**schema, "components": components}
    return _SchemaCheck(jsonschema.Draft7Validator(rooted))
