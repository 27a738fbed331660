"""The type statements the interface shows: only those some method's params or result reach, and
each TypedDict spelled the shorter way (``total=False`` + ``Required[...]`` when most keys are
optional). The client keeps every type as datamodel-code-generator wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import libcst as cst

from generator.typecheck import defined_name, names_used

_WORD = re.compile(r"\w+")


def reachable_types(
    statements: Sequence[cst.BaseStatement], roots: Iterable[cst.CSTNode]
) -> list[cst.BaseStatement]:
    """The statements defining a name the roots use, transitively, in their order; a statement
    defining nothing (``Model.model_rebuild()``) stays when it refers to a kept name."""
    by_name = {name: s for s in statements if (name := defined_name(s))}
    wanted = [n for n in _references(roots) if n in by_name]
    kept: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name not in kept:
            kept.add(name)
            wanted += [n for n in _references([by_name[name]]) if n in by_name]
    return [
        s
        for s in statements
        if defined_name(s) in kept or (not defined_name(s) and _references([s]) & kept)
    ]


def _references(nodes: Iterable[cst.CSTNode]) -> set[str]:
    """Names used, plus the words of quoted forward references (``list["Node"]``)."""
    nodes = list(nodes)
    words = {w for n in nodes for s in _strings(n) for w in _WORD.findall(s.value)}
    return names_used(nodes) | words


def _strings(node: cst.CSTNode) -> list[cst.SimpleString]:
    collector = _Strings()
    node.visit(collector)
    return collector.strings


class _Strings(cst.CSTVisitor):
    def __init__(self) -> None:
        self.strings: list[cst.SimpleString] = []

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.strings.append(node)


def shorter_typeddicts(statements: Sequence[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """Each TypedDict (class or functional form) in whichever spelling has fewer tokens."""
    typeddicts = {"TypedDict"}
    shorter: list[cst.BaseStatement] = []
    for statement in statements:
        if isinstance(statement, cst.ClassDef) and _is_typeddict_class(statement, typeddicts):
            typeddicts.add(statement.name.value)
            statement = _shorter_class(statement)
        elif isinstance(statement, cst.SimpleStatementLine) and _is_typeddict_call(statement):
            statement = _shorter_call(statement)
        shorter.append(statement)
    return shorter


def _is_typeddict_class(node: cst.ClassDef, typeddicts: set[str]) -> bool:
    return bool(node.bases) and all(
        isinstance(b.value, cst.Name) and b.value.value in typeddicts for b in node.bases
    )


def _is_typeddict_call(line: cst.SimpleStatementLine) -> bool:
    """``X = TypedDict("X", {...})``."""
    value = line.body[0].value if isinstance(line.body[0], cst.Assign) else None
    return (
        isinstance(value, cst.Call)
        and _is_name(value.func, "TypedDict")
        and len(value.args) == 2
        and isinstance(value.args[1].value, cst.Dict)
        and all(isinstance(e, cst.DictElement) for e in value.args[1].value.elements)
    )


def _total_false_is_shorter(annotations: Sequence[cst.BaseExpression]) -> bool:
    """``NotRequired[...]`` costs three tokens a key, ``Required[...]`` as many, and
    ``, total=False`` four: switch only when that is fewer (a tie keeps the plain form)."""
    optional = sum(_is_not_required(a) for a in annotations)
    return 3 * optional - 3 * (len(annotations) - optional) > 4


def _shorter_class(node: cst.ClassDef) -> cst.ClassDef:
    lines = [s for s in node.body.body if isinstance(s, cst.SimpleStatementLine)]
    fields = [f for s in lines for f in s.body if isinstance(f, cst.AnnAssign)]
    if not _total_false_is_shorter([f.annotation.annotation for f in fields]):
        return node
    body = [
        _flipped_fields(s) if isinstance(s, cst.SimpleStatementLine) else s for s in node.body.body
    ]
    return node.with_changes(body=node.body.with_changes(body=body), keywords=[_total_false()])


def _flipped_fields(line: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
    return line.with_changes(
        body=[_flipped_field(f) if isinstance(f, cst.AnnAssign) else f for f in line.body]
    )


def _flipped_field(field: cst.AnnAssign) -> cst.AnnAssign:
    annotation = field.annotation.with_changes(annotation=_flipped(field.annotation.annotation))
    return field.with_changes(annotation=annotation)


def _shorter_call(line: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
    assign = line.body[0]
    assert isinstance(assign, cst.Assign) and isinstance(assign.value, cst.Call)
    name, keys = assign.value.args
    assert isinstance(keys.value, cst.Dict)
    elements = [e for e in keys.value.elements if isinstance(e, cst.DictElement)]
    if not _total_false_is_shorter([e.value for e in elements]):
        return line
    flipped = keys.value.with_changes(
        elements=[e.with_changes(value=_flipped(e.value)) for e in elements]
    )
    call = assign.value.with_changes(args=[name, keys.with_changes(value=flipped), _total_false()])
    return line.with_changes(body=[assign.with_changes(value=call)])


def _is_name(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _total_false() -> cst.Arg:
    return cst.Arg(cst.Name("False"), keyword=cst.Name("total"))


def _is_not_required(annotation: cst.BaseExpression) -> bool:
    return (
        isinstance(annotation, cst.Subscript)
        and _is_name(annotation.value, "NotRequired")
        and len(annotation.slice) == 1
        and isinstance(annotation.slice[0].slice, cst.Index)
    )


def _flipped(annotation: cst.BaseExpression) -> cst.BaseExpression:
    """``NotRequired[T]`` -> ``T``; ``T`` -> ``Required[T]``."""
    if _is_not_required(annotation):
        assert isinstance(annotation, cst.Subscript)
        index = annotation.slice[0].slice
        assert isinstance(index, cst.Index)
        return index.value
    return cst.Subscript(cst.Name("Required"), [cst.SubscriptElement(cst.Index(annotation))])
