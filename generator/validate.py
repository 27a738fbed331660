"""Stage 2, validate: a LoadedSpec against the OpenRPC meta-schema of its version -> SpecWarnings.

Meta-schema problems are warnings (real specs are often off); SpecError only for what no client
can be made from: no method list, a method without a name, two methods with one name.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry
from referencing.jsonschema import DRAFT7

from generator.errors import SpecError, SpecWarning, pointer
from generator.load import LoadedSpec, json_type

MAX_WARNINGS = 50
"""Meta-schema warnings reported per spec; the rest are counted in one last warning."""
PER_LOCATION = 2
"""Distinct meta-schema messages reported per JSON pointer."""
_MESSAGE_LENGTH = 200
_SHOWN_VALUE_LENGTH = 60
_TOOLS_URIS = ("https://meta.json-schema.tools", "https://meta.json-schema.tools/")
_STAND_IN_VERSION = "1.4.0"
_KNOWN_VERSIONS = "1.0.0-rc0 to 1.3.2, or 1.4.N"


@dataclass(frozen=True, slots=True)
class _MetaSchemas:
    v13: Draft7Validator
    v14: Draft7Validator
    versions_13: tuple[str, ...]
    pattern_14: re.Pattern[str]


def validate_spec(loaded: LoadedSpec) -> list[SpecWarning]:
    """Warnings for every meta-schema problem; SpecError when there is no usable method list."""
    document = loaded.document
    check_methods(document, loaded.label)
    meta = _meta_schemas()
    version = document.get("openrpc")
    if isinstance(version, str) and version in meta.versions_13:
        return _schema_warnings(meta.v13, document, "1.3", loaded.label)
    if isinstance(version, str) and meta.pattern_14.fullmatch(version):
        return _schema_warnings(meta.v14, document, "1.4", loaded.label)
    what = "missing" if version is None else f"{version!r}" if isinstance(version, str) else None
    message = (
        f"the openrpc version is {what or json_type(version)}, which no meta-schema covers"
        f" ({_KNOWN_VERSIONS}); checked against the 1.4 meta-schema for structure only"
    )
    stand_in = {**document, "openrpc": _STAND_IN_VERSION}
    warnings = [SpecWarning(loaded.label, "/openrpc", message)]
    return warnings + _schema_warnings(meta.v14, stand_in, "1.4", loaded.label)


def check_methods(document: Mapping[str, Any], label: str) -> None:
    """Raise SpecError unless ``methods`` is a list of objects with distinct string names.

    A method given as a ``$ref`` is skipped here; `parse` checks the resolved list again.
    """
    if "methods" not in document:
        raise SpecError(label, "/methods", "missing: an OpenRPC document needs a list of methods")
    methods = document["methods"]
    if not isinstance(methods, list):
        raise SpecError(label, "/methods", f"must be a list of methods, not {json_type(methods)}")
    first_at: dict[str, int] = {}
    for index, method in enumerate(methods):
        where = pointer("methods", index)
        if not isinstance(method, dict):
            raise SpecError(label, where, f"a method must be an object, not {json_type(method)}")
        if "name" not in method:
            if "$ref" in method:
                continue
            raise SpecError(label, where, "the method has no 'name'")
        name = method["name"]
        if not isinstance(name, str):
            raise SpecError(
                label, where, f"the method name must be a string, not {json_type(name)}"
            )
        if name in first_at:
            first = pointer("methods", first_at[name])
            raise SpecError(label, where, f"duplicate method name {name!r} (first at {first})")
        first_at[name] = index


def schemas_dir() -> Traversable:
    """The meta-schemas: packaged as generator/_schemas in a wheel, ``schemas/`` in a checkout."""
    packaged = importlib.resources.files("generator") / "_schemas"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[1] / "schemas"


@functools.cache
def _meta_schemas() -> _MetaSchemas:
    """Compiled once per process; validators and registries are immutable, so threads share them."""
    folder = schemas_dir()

    def read(name: str) -> Any:
        return json.loads((folder / name).read_text(encoding="utf-8"))

    tools = DRAFT7.create_resource(read("json-schema-tools-meta-schema-1.8.0.json"))
    registry: Registry[Any] = Registry().with_resources((uri, tools) for uri in _TOOLS_URIS)
    schema_13 = read("openrpc-meta-schema-1.3.2.json")
    schema_14 = read("openrpc-meta-schema-1.4.json")
    return _MetaSchemas(
        v13=Draft7Validator(schema_13, registry=registry),
        v14=Draft7Validator(schema_14, registry=registry),
        versions_13=tuple(schema_13["properties"]["openrpc"]["enum"]),
        pattern_14=re.compile(schema_14["properties"]["openrpc"]["pattern"]),
    )


def _schema_warnings(
    validator: Draft7Validator, document: Mapping[str, Any], family: str, label: str
) -> list[SpecWarning]:
    """The most specific problem per meta-schema failure, a few per location, capped in total."""
    kept: dict[str, list[str]] = {}
    shown = dropped = 0
    for where, message in _problems(validator.iter_errors(document)):
        messages = kept.setdefault(where, [])
        if message in messages:
            continue
        if len(messages) >= PER_LOCATION or shown >= MAX_WARNINGS:
            dropped += 1
            continue
        messages.append(message)
        shown += 1
    prefix = f"not valid OpenRPC {family}: "
    warnings = [SpecWarning(label, p, prefix + m) for p, messages in kept.items() for m in messages]
    if dropped:
        more = f"and {dropped} more meta-schema problems not shown"
        warnings.append(SpecWarning(label, "", more))
    return warnings


def _problems(errors: Iterable[ValidationError]) -> Iterable[tuple[str, str]]:
    for error in errors:
        for best in _most_specific(error):
            message = best.message
            shown = repr(best.instance)
            if len(shown) > _SHOWN_VALUE_LENGTH:  # not a whole object's repr: it can be megabytes
                message = message.replace(shown, json_type(best.instance).capitalize())
            if len(message) > _MESSAGE_LENGTH:
                message = message[: _MESSAGE_LENGTH - 3] + "..."
            yield pointer(*best.absolute_path), message


def _most_specific(error: ValidationError) -> list[ValidationError]:
    """The errors that say what is wrong, looking into a oneOf/anyOf when one branch fits.

    "methodObject or referenceObject": an object without ``$ref`` fits only the first, so every
    error of that branch is news and "not valid under any of the given schemas" is not.
    """
    if error.validator in ("oneOf", "anyOf") and error.context:
        branches: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        fitting = [subs for subs in branches.values() if not any(map(_misfit, subs))]
        if len(fitting) == 1:
            return [specific for sub in fitting[0] for specific in _most_specific(sub)]
    return [best_match([error])]


def _misfit(error: ValidationError) -> bool:
    """The instance is not of the branch's kind at all (wrong type, or a reference without $ref)."""
    if error.relative_path:
        return False
    return error.validator == "type" or (
        error.validator == "required" and error.validator_value == ["$ref"]
    )
