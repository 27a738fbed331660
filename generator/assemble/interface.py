"""The interface stub for LLM prompts: the types methods reach, then one line per method with a
short summary.

It is a valid, type-checkable module: the client's methods as functions with ``...`` bodies
(without ``self``: tokens count), mypy's empty-body check turned off in its header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import libcst as cst

from generator.assemble.client import method_signature
from generator.assemble.imports import Import
from generator.assemble.interface_types import reachable_types, shorter_typeddicts
from generator.assemble.literals import comment_text, identifier, value_literal
from generator.assemble.syntax import assign, class_def, function_def
from generator.model import Method, Service
from generator.names import MethodNames
from generator.typecheck import names_used
from generator.typegen import TypeCode

SUMMARY_LIMIT = 60
"""Characters of a method's summary; past that it is cut at a word and marked with one "…"."""
_SENTENCE_END = re.compile(r"(?<![ (]e\.g\.)(?<![ (]i\.e\.)(?<!etc\.)(?<![ (]vs\.)(?<=[.!?]) ")
"""A space after . ! or ?, except after "e.g.", "i.e.", "etc." and "vs." (mid-sentence)."""


def first_sentence(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """The first sentence of the first line of spec prose, safe for a comment; cut at a word
    boundary to at most ``limit`` characters, the cut marked with "…" (one token; "..." is three).
    """
    lines = text.strip().splitlines()
    line = lines[0] if lines and not lines[0].startswith("```") else ""  # code is not a summary
    sentence = _SENTENCE_END.split(comment_text(line, limit=len(line)), maxsplit=1)[0]
    sentence = sentence.removesuffix(".")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[: limit - 1]
    return cut.rstrip(" ,;:-") + "…"


def _summary(method: Method) -> str:
    summary = first_sentence(method.summary or method.description or "")
    if method.deprecated:
        summary = f"(deprecated) {summary}".strip()
    if method.result is None:
        summary = f"(notification) {summary}".strip()
    return summary


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
    service: Service, names: list[MethodNames], types: TypeCode, error_names: dict[int, str]
) -> list[cst.BaseStatement]:
    """The types some method reaches, RpcError and the error classes, then one line per method."""
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
    shown = reachable_types(
        [_strip_docstrings(s) for s in types.statements],
        [*types.params.values(), *types.results.values()],
    )
    return [*shorter_typeddicts(shown), rpc_error, *errors, *methods]


def interface_imports(types: TypeCode, code: Sequence[cst.BaseStatement]) -> list[Import]:
    """Exactly the names ``code`` uses, of those the type code imports, ``Any`` (RpcError.data)
    and ``Required`` (TypedDicts with ``total=False``)."""
    used = names_used(code)
    offered = [*types.imports, ("typing", "Any"), ("typing", "Required")]
    return [("__future__", "annotations"), *(i for i in offered if i[1] in used)]
