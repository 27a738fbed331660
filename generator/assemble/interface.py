"""The interface stub for LLM prompts: types once, then one line per method with its summary.

It is a valid, type-checkable module: the client's methods as functions with ``...`` bodies
(without ``self``: tokens count), mypy's empty-body check turned off in its header.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from generator.assemble.client import method_signature
from generator.assemble.literals import comment_text, identifier, value_literal
from generator.assemble.syntax import assign, class_def, function_def
from generator.conventions import ClientNames
from generator.model import Method, Service
from generator.names import MethodNames
from generator.typegen import TypeCode


def interface_doc(service: Service, classes: ClientNames) -> str:
    about = comment_text(service.description.strip().split("\n")[0], limit=100)
    title = f"{service.title or service.name}: {about}".rstrip(": ")
    return (
        f"{title}\nUse: from {service.name}_client import {classes.client}; "
        f"client = {classes.client}(); then client.<function below>(...). Errors: RpcError "
        "(code, message, data) and its subclasses below; TransportError if unreachable."
    )


def _summary(method: Method) -> str:
    """The first sentence of the summary (or description), at most 80 characters."""
    text = comment_text(method.summary or method.description or "", limit=400)
    first = text.split(". ")[0].rstrip(".")
    return comment_text(first, limit=80)


def _strip_docstrings(statement: cst.BaseStatement) -> cst.BaseStatement:
    """Type classes without their docstrings: the interface shows shapes only."""
    if not isinstance(statement, cst.ClassDef) or not isinstance(statement.body, cst.IndentedBlock):
        return statement
    kept = [s for s in statement.body.body if not _is_docstring(s)] or [
        cst.SimpleStatementLine([cst.Pass()])
    ]
    return statement.with_changes(body=statement.body.with_changes(body=kept))


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, cst.SimpleString)
    )


def _method_line(
    method: Method, index: int, names: MethodNames, types: TypeCode
) -> cst.FunctionDef:
    """``def book_get(name: str, workspace: str = "default") -> Book: ...  # Get a book.``"""
    params, returns = method_signature(method, index, names, types)
    summary = _summary(method)
    if method.deprecated:
        summary = f"(deprecated) {summary}".strip()
    if method.result is None:
        summary = f"(notification) {summary}".strip()
    body = cst.SimpleStatementSuite(
        [cst.Expr(cst.Ellipsis())],
        trailing_whitespace=(
            cst.TrailingWhitespace(
                whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment(f"# {summary}")
            )
            if summary
            else cst.TrailingWhitespace()
        ),
    )
    without_self = params[1:]
    return function_def(identifier(names.name), without_self, returns, []).with_changes(body=body)


def interface_statements(
    service: Service,
    names: list[MethodNames],
    types: TypeCode,
    error_names: dict[int, str],
    classes: ClientNames,
) -> Sequence[cst.BaseStatement]:
    """Types, error classes, then the client Protocol with one line per method."""
    rpc_error = class_def(
        cst.Name("RpcError"),
        [cst.Name("Exception")],
        [
            cst.SimpleStatementLine([cst.AnnAssign(cst.Name(n), cst.Annotation(cst.Name(t)))])
            for n, t in (("code", "int"), ("message", "str"), ("data", "Any"))
        ],
    )
    errors = [
        class_def(identifier(name), [cst.Name("RpcError")], [assign("code", value_literal(code))])
        for code, name in error_names.items()
    ]
    methods = [
        _method_line(m, i, n, types)
        for i, (m, n) in enumerate(zip(service.methods, names, strict=True))
    ]
    return [*(_strip_docstrings(s) for s in types.statements), rpc_error, *errors, *methods]
