"""Gate for type code from datamodel-code-generator: it is text derived from the spec, so before it is
spliced in, prove it holds only imports, classes and type aliases that run no code at import.

Rule: no function, lambda, decorator, comprehension, f-string, await/yield or walrus anywhere; calls
only to a short list of type constructors; imports only from typing modules and pydantic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import libcst as cst

from generator.errors import SpecError
from generator.options import TypesStyle

_IMPORT_MODULES = {
    "typeddict": frozenset({"typing", "__future__"}),
    "pydantic": frozenset({"typing", "__future__", "typing_extensions", "pydantic", "enum"}),
}
_CALLS = frozenset({"TypedDict", "TypeAliasType", "Field", "ConfigDict", "StringConstraints"})
_FORBIDDEN = (
    cst.FunctionDef,
    cst.Lambda,
    cst.Decorator,
    cst.ListComp,
    cst.SetComp,
    cst.DictComp,
    cst.GeneratorExp,
    cst.FormattedString,
    cst.Await,
    cst.Yield,
    cst.NamedExpr,
    cst.Import,
    cst.Global,
    cst.Nonlocal,
    cst.Del,
    cst.Raise,
    cst.Try,
    cst.With,
    cst.For,
    cst.While,
    cst.If,
)


class _Gate(cst.CSTVisitor):
    def __init__(self) -> None:
        self.problem = ""

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, _FORBIDDEN):
            self.problem = f"unexpected {type(node).__name__}"
        elif isinstance(node, cst.Call) and not _allowed_call(node):
            self.problem = "unexpected call " + cst.Module([]).code_for_node(node.func)[:60]
        elif isinstance(node, cst.ClassDef) and node.keywords:
            self.problem = "unexpected class keyword"
        return not self.problem


def _allowed_call(call: cst.Call) -> bool:
    func = call.func
    if isinstance(func, cst.Name):
        return func.value in _CALLS
    # pydantic forward references: ``Model.model_rebuild()``
    return (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.attr.value == "model_rebuild"
        and not call.args
    )


def check_type_statements(
    module: cst.Module, types: TypesStyle
) -> tuple[list[tuple[str, str]], list[cst.BaseStatement]]:
    """Split type code into (module, name) imports and statements; SpecError if anything else is there."""
    gate = _Gate()
    module.visit(gate)
    if gate.problem:
        raise SpecError("<types>", "/components/schemas", f"type code rejected: {gate.problem}")
    imports: list[tuple[str, str]] = []
    statements: list[cst.BaseStatement] = []
    for statement in module.body:
        small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else None
        if isinstance(small, cst.ImportFrom):
            imports.extend(_imported_names(small, _IMPORT_MODULES[types]))
        else:
            statements.append(statement)
    return [i for i in imports if i[0] != "__future__"], statements


def _imported_names(node: cst.ImportFrom, allowed: frozenset[str]) -> list[tuple[str, str]]:
    module = cst.Module([]).code_for_node(node.module) if node.module else ""
    if module not in allowed or node.relative or isinstance(node.names, cst.ImportStar):
        raise SpecError(
            "<types>", "/components/schemas", f"type code rejected: import from {module!r}"
        )
    names: list[tuple[str, str]] = []
    for alias in node.names:
        if alias.asname is not None or not isinstance(alias.name, cst.Name):
            raise SpecError("<types>", "/components/schemas", "type code rejected: aliased import")
        names.append((module, alias.name.value))
    return names


class _Renamer(cst.CSTTransformer):
    """Renames names and the quoted forward references to them, never a ``Literal[...]`` value."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self.mapping = mapping
        words = "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
        self.pattern = re.compile(rf"\b({words})\b")
        self.in_literal = 0

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self.in_literal += _is_literal(node)

    def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript) -> cst.Subscript:
        self.in_literal -= _is_literal(original)
        return updated

    def leave_DictElement(
        self, original: cst.DictElement, updated: cst.DictElement
    ) -> cst.DictElement:
        return updated.with_changes(key=original.key)  # a TypedDict key is data, not a reference

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.mapping.get(updated.value, updated.value))

    def leave_SimpleString(
        self, original: cst.SimpleString, updated: cst.SimpleString
    ) -> cst.SimpleString:
        if self.in_literal:
            return updated
        return updated.with_changes(
            value=self.pattern.sub(lambda m: self.mapping[m.group(1)], updated.value)
        )


def _is_literal(node: cst.Subscript) -> int:
    return int(isinstance(node.value, cst.Name) and node.value.value == "Literal")


def rename_names(
    statements: Sequence[cst.BaseStatement], mapping: Mapping[str, str]
) -> list[cst.BaseStatement]:
    renamer = _Renamer(mapping)
    return [s.visit(renamer) for s in statements]  # type: ignore[misc]


class _UnionOperators(cst.CSTTransformer):
    """``Optional[X]`` -> ``X | None`` and ``Union[A, B]`` -> ``A | B``, unless an operand is a
    quoted forward reference (``"A" | None`` would fail when the alias is evaluated)."""

    def leave_Subscript(
        self, original: cst.Subscript, updated: cst.Subscript
    ) -> cst.BaseExpression:
        if not isinstance(updated.value, cst.Name) or updated.value.value not in (
            "Optional",
            "Union",
        ):
            return updated
        operands = [e.slice.value for e in updated.slice if isinstance(e.slice, cst.Index)]
        if updated.value.value == "Optional":
            operands.append(cst.Name("None"))
        if len(operands) < 2 or any(isinstance(o, cst.SimpleString) for o in operands):
            return updated
        union = operands[0]
        for operand in operands[1:]:
            union = cst.BinaryOperation(union, cst.BitOr(), operand)
        return union


def union_operators(statements: Sequence[cst.BaseStatement]) -> list[cst.BaseStatement]:
    transformer = _UnionOperators()
    return [s.visit(transformer) for s in statements]  # type: ignore[misc]


class _NameCollector(cst.CSTVisitor):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)


def names_used(nodes: Iterable[cst.CSTNode]) -> set[str]:
    """Every name the nodes refer to (for pruning imports the kept statements do not need)."""
    collector = _NameCollector()
    for node in nodes:
        node.visit(collector)
    return collector.names


def defined_name(statement: cst.BaseStatement) -> str:
    """The name a class or alias statement defines ("" for anything else)."""
    if isinstance(statement, cst.ClassDef):
        return statement.name.value
    small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else None
    if isinstance(small, cst.AnnAssign):
        target = small.target
    elif isinstance(small, cst.Assign):
        target = small.targets[0].target
    else:
        return ""
    return target.value if isinstance(target, cst.Name) else ""
