"""Docstring text for methods and the client class, from summary, description, params, result,
errors and examples. Plain text here; `literals.docstring` turns it into a node.
"""

from __future__ import annotations

import json

from generator.model import Json, Method, Service
from generator.names import MethodNames

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
