"""Stage 4, parse: the resolved document -> the model (Service, Method, Param, Result, ...).

Reads only what `resolve` produced. Odd values (a number where text belongs, an unknown
paramStructure) are read as well as they can be, with a SpecWarning.
"""

from __future__ import annotations

import json
import keyword
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from generator.errors import SpecWarning, pointer
from generator.load import LoadedSpec, json_type
from generator.model import (
    ErrorDecl,
    Example,
    Method,
    Param,
    ParamStructure,
    Result,
    Service,
)
from generator.options import Options
from generator.refs import tokens
from generator.validate import check_methods

PARAM_STRUCTURES: tuple[ParamStructure, ...] = ("by-name", "by-position", "either")


def service_from_spec(
    resolved: dict[str, Any], loaded: LoadedSpec, options: Options, warnings: list[SpecWarning]
) -> Service:
    """The model of a resolved spec; SpecError if its methods are unusable (see check_methods)."""
    check_methods(resolved, loaded.label)
    components = resolved.get("components")
    schemas = components.get("schemas", {}) if isinstance(components, dict) else {}
    reader = _Reader(loaded.label, warnings, schemas)
    info = resolved.get("info")
    info = info if isinstance(info, dict) else {}
    title = reader.text(info, "title", "/info")
    methods = tuple(
        reader.method(m, pointer("methods", i)) for i, m in enumerate(resolved["methods"])
    )
    return Service(
        name=service_name(options.service or loaded.service_hint or title),
        title=title,
        version=reader.text(info, "version", "/info"),
        openrpc=reader.text(resolved, "openrpc", ""),
        methods=methods,
        schemas=schemas,
        spec_sha256=loaded.sha256,
        description=reader.text(info, "description", "/info"),
    )


def service_name(text: str) -> str:
    """A snake_case ASCII identifier: ``HeroBooks``, ``Hero Books`` -> ``hero_books``; ``""`` -> ``service``."""
    words = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if words.isalnum():  # one CamelCase word; a title with spaces keeps "StarkNet" whole
        words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", words)
        words = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", words)
    name = re.sub(r"[^A-Za-z0-9]+", "_", words).strip("_").lower()
    if not name:
        return "service"
    if name[0].isdigit():
        name = f"service_{name}"
    return f"{name}_" if keyword.iskeyword(name) else name


@dataclass(frozen=True, slots=True)
class _Reader:
    label: str
    warnings: list[SpecWarning]
    schemas: dict[str, Any]

    def warn(self, where: str, message: str) -> None:
        if not any(w.pointer == where for w in self.warnings):  # validate may have said it already
            self.warnings.append(SpecWarning(self.label, where, message))

    def method(self, method: dict[str, Any], where: str) -> Method:
        params = [
            self.param(p, f"{where}/params/{i}", i) for i, p in self.items(method, "params", where)
        ]
        errors = (
            self.error(e, f"{where}/errors/{i}") for i, e in self.items(method, "errors", where)
        )
        examples = self.items(method, "examples", where)
        names = [p.name for p in params]
        return Method(
            name=method["name"],
            params=tuple(params),
            result=self.result(method["result"], f"{where}/result") if "result" in method else None,
            pointer=where,
            summary=self.text(method, "summary", where),
            description=self.text(method, "description", where),
            errors=tuple(e for e in errors if e is not None),
            examples=tuple(self.example(x, f"{where}/examples/{i}", i, names) for i, x in examples),
            deprecated=self.flag(method, "deprecated", where),
            param_structure=self.param_structure(method, where),
        )

    def items(self, obj: dict[str, Any], key: str, where: str) -> list[tuple[int, dict[str, Any]]]:
        """(index, object) for each object in a list member; anything else is warned and skipped."""
        value = obj.get(key, [])
        if not isinstance(value, list):
            self.warn(f"{where}/{key}", f"should be a list, not {json_type(value)}; ignored")
            return []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.warn(f"{where}/{key}/{index}", f"should be an object, not {json_type(item)}")
        return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]

    def param(self, descriptor: dict[str, Any], where: str, index: int) -> Param:
        schema = descriptor.get("schema", {})
        has_default, default = self.default(schema)
        return Param(
            name=self.name(descriptor, where, f"param{index}"),
            schema=schema,
            required=self.flag(descriptor, "required", where),
            summary=self.text(descriptor, "summary", where),
            description=self.text(descriptor, "description", where),
            deprecated=self.flag(descriptor, "deprecated", where),
            has_default=has_default,
            default=default,
        )

    def result(self, descriptor: Any, where: str) -> Result | None:
        if not isinstance(descriptor, dict):
            self.warn(
                where, f"should be a content descriptor, not {json_type(descriptor)}; ignored"
            )
            return None
        return Result(
            name=self.name(descriptor, where, "result"),
            schema=descriptor.get("schema", {}),
            summary=self.text(descriptor, "summary", where),
            description=self.text(descriptor, "description", where),
        )

    def error(self, error: dict[str, Any], where: str) -> ErrorDecl | None:
        code = error.get("code")
        if isinstance(code, float) and code.is_integer():
            code = int(code)
        if not isinstance(code, int) or isinstance(code, bool):
            self.warn(
                f"{where}/code",
                f"an error code must be an integer, not {json_type(code)}; left out",
            )
            return None
        message = self.text(error, "message", where)
        return ErrorDecl(code, message, has_data="data" in error, data=error.get("data"))

    def example(
        self, example: dict[str, Any], where: str, index: int, param_names: list[str]
    ) -> Example:
        """Example params are paired with the method's params by name, else by position: shared
        example objects (``components/examples``) carry their own name, not the param's."""
        params = []
        for i, param in self.items(example, "params", where):
            name = param.get("name")
            if name not in param_names:
                name = (
                    param_names[i]
                    if i < len(param_names)
                    else self.name(param, f"{where}/params/{i}", f"param{i}")
                )
            if "value" in param:
                params.append((name, param["value"]))
        result = example.get("result")
        result = result if isinstance(result, dict) else {}
        has_result = "value" in result
        return Example(
            name=self.text(example, "name", where) or f"example{index + 1}",
            params=tuple(params),
            summary=self.text(example, "summary", where),
            description=self.text(example, "description", where),
            has_result=has_result,
            result=result.get("value"),
        )

    def param_structure(self, method: dict[str, Any], where: str) -> ParamStructure:
        value = method.get("paramStructure", "either")
        for known in PARAM_STRUCTURES:
            if value == known:
                return known
        self.warn(f"{where}/paramStructure", f"unknown paramStructure {value!r}; read as 'either'")
        return "either"

    def default(self, schema: Any) -> tuple[bool, Any]:
        """The schema's default, looked up through refs that only rename a schema."""
        seen: set[str] = set()
        while isinstance(schema, dict) and "default" not in schema and "$ref" in schema:
            name = tokens(schema["$ref"].removeprefix("#"))[-1]
            if name in seen:
                break
            seen.add(name)
            schema = self.schemas.get(name)
        if isinstance(schema, dict) and "default" in schema:
            return True, schema["default"]
        return False, None

    def name(self, obj: dict[str, Any], where: str, fallback: str) -> str:
        name = obj.get("name")
        if isinstance(name, str) and name:
            return name
        self.warn(f"{where}/name", f"no name (found {json_type(name)}); called {fallback!r}")
        return fallback

    def text(self, obj: dict[str, Any], key: str, where: str) -> str:
        value = obj.get(key, "")
        if isinstance(value, str):
            return value
        self.warn(f"{where}/{key}", f"should be a string, not {json_type(value)}; read as text")
        return "" if value is None else json.dumps(value, ensure_ascii=False)

    def flag(self, obj: dict[str, Any], key: str, where: str) -> bool:
        value = obj.get(key, False)
        if isinstance(value, bool):
            return value
        self.warn(f"{where}/{key}", f"should be true or false, not {json_type(value)}")
        return value in (1, "true", "True")
