"""One exception class per declared error code, named from the spec's message (BookNotFoundError)."""

from __future__ import annotations

import libcst as cst

from generator.assemble.literals import docstring, identifier, value_literal
from generator.assemble.syntax import assign, class_def
from generator.conventions import STANDARD_ERRORS
from generator.model import ErrorDecl


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
