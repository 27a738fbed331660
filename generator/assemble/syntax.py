"""Node-in, node-out helpers the assemblers are written with."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import libcst as cst


def attribute(obj: str, *names: str) -> cst.BaseExpression:
    """``attribute("self", "_call")`` -> ``self._call`` (our own names only)."""
    node: cst.BaseExpression = cst.Name(obj)
    for name in names:
        node = cst.Attribute(node, cst.Name(name))
    return node


def call(
    func: cst.BaseExpression, *args: cst.BaseExpression, **kwargs: cst.BaseExpression
) -> cst.Call:
    return cst.Call(
        func,
        [cst.Arg(a) for a in args] + [cst.Arg(v, keyword=cst.Name(k)) for k, v in kwargs.items()],
    )


def param(
    name: cst.Name,
    annotation: cst.BaseExpression | None = None,
    default: cst.BaseExpression | None = None,
) -> cst.Param:
    return cst.Param(
        name,
        annotation=cst.Annotation(annotation) if annotation is not None else None,
        default=default,
    )


def statement(node: cst.BaseSmallStatement) -> cst.SimpleStatementLine:
    return cst.SimpleStatementLine([node])


def function_def(
    name: cst.Name,
    params: Sequence[cst.Param],
    returns: cst.BaseExpression,
    body: Sequence[cst.BaseStatement],
    *,
    is_async: bool = False,
) -> cst.FunctionDef:
    return cst.FunctionDef(
        name,
        cst.Parameters(list(params)),
        cst.IndentedBlock(list(body)),
        returns=cst.Annotation(returns),
        asynchronous=cst.Asynchronous() if is_async else None,
    )


def class_def(
    name: cst.Name, bases: Sequence[cst.BaseExpression], body: Sequence[cst.BaseStatement]
) -> cst.ClassDef:
    return cst.ClassDef(name, cst.IndentedBlock(list(body)), bases=[cst.Arg(b) for b in bases])


def assign(target: str, value: cst.BaseExpression) -> cst.SimpleStatementLine:
    return statement(cst.Assign([cst.AssignTarget(cst.Name(target))], value))


def _admits_none(annotation: cst.BaseExpression) -> bool:
    if isinstance(annotation, cst.Name):
        return annotation.value in ("None", "Any")
    if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
        return _admits_none(annotation.left) or _admits_none(annotation.right)
    return False


def union_none(annotation: cst.BaseExpression) -> cst.BaseExpression:
    """``T`` -> ``T | None`` (unchanged when ``T`` already admits None)."""
    if _admits_none(annotation):
        return annotation
    return cst.BinaryOperation(annotation, cst.BitOr(), cst.Name("None"))


def code_of(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def module_of(body: Sequence[cst.BaseStatement]) -> cst.Module:
    # BaseStatement has exactly two kinds, SimpleStatementLine and BaseCompoundStatement, which
    # is what Module.body is typed as.
    return cst.Module(
        body=cast("list[cst.SimpleStatementLine | cst.BaseCompoundStatement]", list(body))
    )
