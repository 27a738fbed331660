"""A cached spec -> what the service page shows: methods with their Python names, params, result
shape and errors, and the named schemas; read through the generator's own model, once per spec."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from generator.describe import describe
from generator.model import Method, Param, Service
from generator.options import Options
from router.web.schema_text import constraints_text, fields, type_text

__all__ = ["MethodView", "ParamView", "SchemaView", "ServiceView", "service_view"]


@dataclass(frozen=True, slots=True)
class ParamView:
    name: str
    python_name: str
    type: str
    required: bool
    default: str | None
    """The default as JSON text, or None when the spec gives none."""
    description: str
    constraints: str
    deprecated: bool


@dataclass(frozen=True, slots=True)
class MethodView:
    name: str
    python_name: str
    summary: str
    description: str
    deprecated: bool
    params: tuple[ParamView, ...]
    result_name: str | None
    result_type: str | None
    errors: tuple[tuple[int, str], ...]
    sample_params: str
    """JSON params to start the try-a-method form with: the spec's first example, else the
    required params with empty values."""

    @property
    def python_call(self) -> str:
        """How the client calls it: ``client.book_get(name, workspace=…)``."""
        given = [p.python_name if p.required else f"{p.python_name}=…" for p in self.params]
        return f"client.{self.python_name}({', '.join(given)})"


@dataclass(frozen=True, slots=True)
class SchemaView:
    name: str
    description: str
    type: str
    fields: tuple[tuple[str, str, bool], ...]


@dataclass(frozen=True, slots=True)
class ServiceView:
    name: str
    title: str
    version: str
    description: str
    client_class: str
    methods: tuple[MethodView, ...]
    schemas: tuple[SchemaView, ...]

    @property
    def schema_names(self) -> frozenset[str]:
        return frozenset(schema.name for schema in self.schemas)

    @property
    def sample_call(self) -> str:
        """A call for the usage snippet: the first method that needs no params."""
        for method in self.methods:
            if not any(param.required for param in method.params):
                return f"client.{method.python_name}()"
        return f"client.{self.methods[0].python_name}(...)" if self.methods else "client"


@functools.lru_cache(maxsize=32)
def service_view(name: str, spec: bytes, client_class: str) -> ServiceView:
    """The view of ``spec`` (a JSON document the generator accepted) for service ``name``, whose
    generated client class is ``client_class``; SpecError if it no longer parses."""
    described = describe(json.loads(spec), Options(service=name))
    service, names = described.service, described.names
    return ServiceView(
        name=name,
        title=service.title,
        version=service.version,
        description=service.description,
        client_class=client_class,
        methods=tuple(
            _method_view(method, given.name, given.params)
            for method, given in zip(service.methods, names, strict=True)
        ),
        schemas=_schema_views(service),
    )


def _method_view(method: Method, python_name: str, param_names: tuple[str, ...]) -> MethodView:
    result = method.result
    return MethodView(
        name=method.name,
        python_name=python_name,
        summary=method.summary,
        description=method.description,
        deprecated=method.deprecated,
        params=tuple(
            _param_view(param, given)
            for param, given in zip(method.params, param_names, strict=True)
        ),
        result_name=result.name if result else None,
        result_type=type_text(result.schema) if result else None,
        errors=tuple((error.code, error.message) for error in method.errors),
        sample_params=_sample_params(method),
    )


def _param_view(param: Param, python_name: str) -> ParamView:
    return ParamView(
        name=param.name,
        python_name=python_name,
        type=type_text(param.schema),
        required=param.required,
        default=_json(param.default) if param.has_default else None,
        description=param.summary or param.description,
        constraints=constraints_text(param.schema),
        deprecated=param.deprecated,
    )


def _sample_params(method: Method) -> str:
    example = next((example for example in method.examples if example.params), None)
    if example is not None:
        values: dict[str, Any] = dict(example.params)
    else:
        values = {param.name: _empty(param.schema) for param in method.params if param.required}
    if method.param_structure == "by-position":
        return _json([values.get(param.name) for param in method.params if param.name in values])
    return _json(values)


def _empty(schema: Any) -> Any:
    """A placeholder of the schema's type (its first type, when it lists several)."""
    kind = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(kind, list):
        kind = kind[0] if kind else None
    if not isinstance(kind, str):
        return ""
    return {"integer": 0, "number": 0, "boolean": False, "array": [], "object": {}}.get(kind, "")


def _schema_views(service: Service) -> tuple[SchemaView, ...]:
    return tuple(_schema_view(name, schema, service) for name, schema in service.schemas.items())


def _schema_view(name: str, schema: Any, service: Service) -> SchemaView:
    described = fields(schema, service.schemas)
    return SchemaView(
        name=name,
        description=str(schema.get("description", "")) if isinstance(schema, dict) else "",
        type="object" if described else type_text(schema),
        fields=tuple(described),
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
