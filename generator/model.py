"""The intermediate model: what `parse` builds from a resolved spec and every later stage reads.

Field names are OpenRPC's own, in snake_case. Schemas stay JSON Schema values (plain dicts), with one
guarantee from `resolve`: the only ``$ref`` left anywhere in them is ``#/components/schemas/<name>``
and ``<name>`` is a key of `Service.schemas`. Everything else (content descriptors, errors, examples,
cross-file and dangling refs) has been resolved, hoisted into `Service.schemas`, or replaced by ``{}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Json = Any
"""A JSON value as `json.loads` returns it."""

ParamStructure = Literal["by-name", "by-position", "either"]

SCHEMA_REF_PREFIX = "#/components/schemas/"


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    schema: Json
    required: bool = False
    summary: str = ""
    description: str = ""
    deprecated: bool = False
    has_default: bool = False
    default: Json = None
    """The schema's ``default`` (meaningful only when `has_default`)."""


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    schema: Json
    summary: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class ErrorDecl:
    code: int
    message: str
    has_data: bool = False
    data: Json = None


@dataclass(frozen=True, slots=True)
class Example:
    name: str
    params: tuple[tuple[str, Json], ...]
    """(param name, value) in the order the example gives them."""
    summary: str = ""
    description: str = ""
    has_result: bool = False
    result: Json = None


@dataclass(frozen=True, slots=True)
class Method:
    name: str
    params: tuple[Param, ...]
    result: Result | None
    """None: the spec declares no result (the method can be sent as a notification)."""
    pointer: str
    """JSON pointer of the method object in the spec, for messages (``/methods/3``)."""
    summary: str = ""
    description: str = ""
    errors: tuple[ErrorDecl, ...] = ()
    examples: tuple[Example, ...] = ()
    deprecated: bool = False
    param_structure: ParamStructure = "either"


@dataclass(frozen=True, slots=True)
class Service:
    name: str
    """The service name in snake_case (``hero_books``): module and class names derive from it."""
    title: str
    version: str
    openrpc: str
    methods: tuple[Method, ...]
    schemas: Mapping[str, Json]
    """Named schemas, in a stable order: the spec's components plus any hoisted by `resolve`."""
    spec_sha256: str
    """sha256 of the canonical JSON of the spec as loaded (sorted keys, no whitespace)."""
    description: str = ""
