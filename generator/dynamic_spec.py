"""The dynamic client's reading of a live service: load -> validate -> resolve -> parse, then the
generated client's names, defaults, docstrings and error names for each method, as plain values.

Imported by `generator.dynamic` on first connect; like `describe`, it needs no code generation.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

from generator.conventions import (
    ClientNames,
    declared_errors,
    default_fits,
    error_class_names,
    method_doc,
    service_doc,
)
from generator.describe import describe
from generator.model import SCHEMA_REF_PREFIX, Json, Method, Service
from generator.names import MethodNames, service_class_name
from generator.options import Options

_SCALARS: dict[str, Any] = {
    "string": str,
    "integer": int,
    "number": float,
    "boolean": bool,
    "array": list,
    "object": dict,
    "null": None,
}
_ARGUMENT = inspect.Parameter.POSITIONAL_OR_KEYWORD


@dataclass(frozen=True, slots=True)
class MethodPlan:
    """One RPC method as the client method that calls it."""

    rpc_name: str
    name: str
    signature: inspect.Signature
    """Without ``self``: required params in spec order, then optional ones with their default."""
    doc: str
    summary: str
    """The batch method's docstring: the summary (or the name), as the generator writes it."""
    wire_names: tuple[str, ...]
    """The params' names in the spec, in spec order (the order ``by-position`` sends them in)."""
    py_names: tuple[str, ...]
    required: tuple[bool, ...]
    by_position: bool
    notification: bool
    """The spec declares no result: the method is sent as a notification."""
    deprecated: bool


@dataclass(frozen=True, slots=True)
class ErrorPlan:
    code: int
    name: str
    doc: str


@dataclass(frozen=True, slots=True)
class ServicePlan:
    service: str
    names: ClientNames
    doc: str
    errors: tuple[ErrorPlan, ...]
    """Every declared code with its class name (a standard name for a standard class)."""
    methods: tuple[MethodPlan, ...]


def service_plan(source: str, service: str | None, timeout: float) -> ServicePlan:
    """Ask the service at ``source`` (``unix:/path`` or an http(s) URL) for its document and read
    it as `generate` would; SpecError when it cannot be fetched or used."""
    described = describe(source, Options(service=service), timeout=timeout)
    model, all_names = described.service, described.names
    classes = ClientNames.for_service(service_class_name(model.name))
    taken = {"RpcError", "TransportError", classes.client, classes.batch, classes.async_client}
    error_names = error_class_names(declared_errors(model), taken)
    return ServicePlan(
        service=model.name,
        names=classes,
        doc=service_doc(model, classes.client),
        errors=tuple(
            ErrorPlan(e.code, error_names[e.code], f"{e.message} (code {e.code}).")
            for e in declared_errors(model)
        ),
        methods=tuple(
            _method_plan(model, method, names, error_names)
            for method, names in zip(model.methods, all_names, strict=True)
        ),
    )


def _method_plan(
    service: Service, method: Method, names: MethodNames, error_names: dict[int, str]
) -> MethodPlan:
    required: list[inspect.Parameter] = []
    optional: list[inspect.Parameter] = []
    for param, py in zip(method.params, names.params, strict=True):
        annotation = _annotation(param.schema, service)
        default: Any = inspect.Parameter.empty
        if not param.required and param.has_default and default_fits(param.schema, param.default):
            default = param.default
        elif not param.required:
            default, annotation = None, _optional(annotation)
        (required if param.required else optional).append(
            inspect.Parameter(py, _ARGUMENT, default=default, annotation=annotation)
        )
    returns = None if method.result is None else _annotation(method.result.schema, service)
    return MethodPlan(
        rpc_name=method.name,
        name=names.name,
        signature=inspect.Signature([*required, *optional], return_annotation=returns),
        doc=method_doc(method, names, error_names),
        summary=method.summary or method.name,
        wire_names=tuple(p.name for p in method.params),
        py_names=names.params,
        required=tuple(p.required for p in method.params),
        by_position=method.param_structure == "by-position",
        notification=method.result is None,
        deprecated=method.deprecated,
    )


def _annotation(schema: Json, service: Service, depth: int = 0) -> Any:
    """A plain Python type for ``help()``: str, int, list, dict... (or Any when it is not simple)."""
    if not isinstance(schema, dict) or depth > 8:
        return Any
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(SCHEMA_REF_PREFIX):
        return _annotation(service.schemas.get(ref[len(SCHEMA_REF_PREFIX) :]), service, depth + 1)
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if not isinstance(kinds, list) or not kinds or any(k not in _SCALARS for k in kinds):
        return Any
    types = [_SCALARS[k] for k in dict.fromkeys(kinds)]
    union = types[0]
    for kind in types[1:]:
        union = union | kind
    return union


def _optional(annotation: Any) -> Any:
    """``annotation | None`` (the default of an optional param without a usable schema default)."""
    if annotation is Any or annotation is None:
        return annotation
    return annotation | None
