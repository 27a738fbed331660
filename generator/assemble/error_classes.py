"""One exception class per declared error code, named from the spec's message (BookNotFoundError)."""

from __future__ import annotations

from collections.abc import Iterable

import libcst as cst

from generator.assemble.literals import docstring, identifier, value_literal
from generator.assemble.syntax import assign, class_def
from generator.model import ErrorDecl, Service
from generator.names import ascii_words, safe_identifier, unique_names

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


def error_class(error: ErrorDecl, name: str) -> cst.ClassDef | None:
    """``class BookNotFoundError(RpcError): code = -32004``; None for a standard class."""
    base = STANDARD_ERRORS.get(error.code, "RpcError")
    if name == base:
        return None
    return class_def(
        identifier(name),
        [cst.Name(base)],
        [
            docstring(f"{error.message} (code {error.code}).", indent=4),
            assign("code", value_literal(error.code)),
        ],
    )


def errors_mapping(names: dict[int, str]) -> cst.Dict:
    """``{-32004: BookNotFoundError, ...}`` for the client's ``_ERRORS``."""
    return cst.Dict(
        [cst.DictElement(value_literal(code), identifier(n)) for code, n in names.items()]
    )
