"""What a generated client and the dynamic client agree on, in plain text and data (no libcst):
class names, which schema defaults appear in signatures, error class names, docstring text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import ErrorDecl, Json, Method, Service
from generator.names import MethodNames, ascii_words, safe_identifier, unique_names


@dataclass(frozen=True, slots=True)
class ClientNames:
    """The class names of one service's client module."""

    client: str
    batch: str
    async_client: str

    @classmethod
    def for_service(cls, stem: str) -> ClientNames:
        return cls(f"{stem}Client", f"{stem}Batch", f"Async{stem}Client")


_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


def default_fits(schema: object, default: object) -> bool:
    """Is the schema default a scalar the param's annotation accepts? Else the default is None."""
    if not isinstance(schema, dict) or not isinstance(schema.get("type"), str):
        return False
    kinds = _PYTHON_TYPES.get(schema["type"], ())
    fits = isinstance(default, kinds) and (schema["type"] == "boolean") == isinstance(default, bool)
    return fits and ("enum" not in schema or default in schema["enum"])


STANDARD_ERRORS = {
    -32700: "ParseError",
    -32600: "InvalidRequestError",
    -32601: "MethodNotFoundError",
    -32602: "InvalidParamsError",
    -32603: "InternalError",
}
_MAX_WORDS = 6


def declared_errors(service: Service) -> list[ErrorDecl]:
    """Every declared error, first declaration of each code wins, in method order."""
    seen: dict[int, ErrorDecl] = {}
    for method in service.methods:
        for error in method.errors:
            seen.setdefault(error.code, error)
    return list(seen.values())


def _wanted_name(error: ErrorDecl) -> str:
    words = ascii_words(error.message)[:_MAX_WORDS]
    stem = "".join(w[:1].upper() + w[1:].lower() for w in words)
    if not stem:
        stem = f"Code{abs(error.code)}"
    return safe_identifier(stem if stem.endswith("Error") else stem + "Error", "Rpc")


def error_class_names(errors: list[ErrorDecl], taken: Iterable[str]) -> dict[int, str]:
    """Code -> class name, unique against ``taken`` (the type names and the runtime's names).

    A standard code whose message names the standard class (-32602 "Invalid params") maps to that
    class itself: no subclass is made.
    """
    own = [e for e in errors if _wanted_name(e) != STANDARD_ERRORS.get(e.code)]
    standard = {e.code: STANDARD_ERRORS[e.code] for e in errors if e not in own}
    reserved = set(taken) | set(STANDARD_ERRORS.values())
    names = unique_names([_wanted_name(e) for e in own], reserved, "")
    return standard | {e.code: n for e, n in zip(own, names, strict=True)}


_EXAMPLE_LIMIT = 300


def _short_json(value: Json) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return text if len(text) <= _EXAMPLE_LIMIT else text[: _EXAMPLE_LIMIT - 3] + "..."


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", f"{title}:", *(f"    {line}" for line in lines)] if lines else []


def method_doc(method: Method, names: MethodNames, error_names: dict[int, str]) -> str:
    """Google-style docstring: summary, description, Args, Returns, Raises, Examples."""
    head = [method.summary or method.description or method.name]
    if method.deprecated:
        head.append("")
        head.append("Deprecated: calling it emits a DeprecationWarning.")
    if method.description and method.summary:
        head += ["", method.description]
    args = []
    for param, py in zip(method.params, names.params, strict=True):
        text = param.description or param.summary
        if param.has_default:
            text = f"{text} Default: {_short_json(param.default)}.".strip()
        if param.deprecated:
            text = f"(deprecated) {text}"
        args.append(f"{py}: {text or ('required.' if param.required else 'optional.')}")
    returns = []
    if method.result is not None:
        result = method.result
        returns.append(f"{result.name}: {result.description or result.summary}".rstrip(": "))
    raises = [
        f"{error_names[e.code]}: {e.message} (code {e.code})."
        for e in method.errors
        if e.code in error_names
    ]
    examples = [
        f"{ex.name or 'example'}: params {_short_json(dict(ex.params))}"
        + (f" -> {_short_json(ex.result)}" if ex.has_result else "")
        for ex in method.examples
    ]
    return "\n".join(
        head
        + _section("Args", args)
        + _section("Returns", returns)
        + _section("Raises", raises)
        + _section("Examples", examples)
    )


def service_doc(service: Service, class_name: str) -> str:
    lines = [f"Client for {service.title or service.name} {service.version}.".replace("  ", " ")]
    if service.description:
        lines += ["", service.description]
    lines += [
        "",
        f"Usage: ``with {class_name}() as client: ...`` connects to the service's Unix socket",
        "($HERO_SOCKET_DIR or ~/hero/var/sockets); pass ``url=`` for an http(s) endpoint.",
    ]
    return "\n".join(lines)
