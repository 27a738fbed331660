"""TypedDicts that redefine an inherited key with another type lose their base classes: the keys
are copied in instead. Keys are invariant in TypedDicts, so ``mypy --strict`` rejects a subclass
narrowing a key (a spec's ``allOf``/``$ref`` + ``properties`` restricting an enum does that)."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

_CODE = cst.Module([])


def flatten_narrowing_typeddicts(
    statements: Sequence[cst.BaseStatement],
) -> list[cst.BaseStatement]:
    """``statements`` with each TypedDict class that retypes an inherited key flattened."""
    classes: dict[str, cst.ClassDef] = {}
    out: list[cst.BaseStatement] = []
    for statement in statements:
        if isinstance(statement, cst.ClassDef):
            inherited = _inherited(statement, classes)
            own = _keys(statement)
            if inherited is not None and any(
                name in inherited and _code(inherited[name]) != _code(line)
                for name, line in own.items()
            ):
                statement = _flattened(statement, inherited, own)
            classes[statement.name.value] = statement
        out.append(statement)
    return out


def _keys(cls: cst.ClassDef) -> dict[str, cst.SimpleStatementLine]:
    """The class's own ``key: type`` lines, by key."""
    keys: dict[str, cst.SimpleStatementLine] = {}
    if not isinstance(cls.body, cst.IndentedBlock):
        return keys
    for line in cls.body.body:
        if isinstance(line, cst.SimpleStatementLine) and isinstance(line.body[0], cst.AnnAssign):
            target = line.body[0].target
            if isinstance(target, cst.Name):
                keys[target.value] = line
    return keys


def _inherited(
    cls: cst.ClassDef, classes: dict[str, cst.ClassDef]
) -> dict[str, cst.SimpleStatementLine] | None:
    """The keys ``cls`` inherits, bases first, when it is a TypedDict subclass; None otherwise."""
    bases = [arg.value for arg in cls.bases if arg.keyword is None]
    if not bases or not all(isinstance(b, cst.Name) and b.value in classes for b in bases):
        return None
    keys: dict[str, cst.SimpleStatementLine] = {}
    for base in bases:
        assert isinstance(base, cst.Name)
        parent = classes[base.value]
        above = _inherited(parent, classes)
        if above is None and not _is_plain_typeddict(parent):
            return None
        keys.update(above or {})
        keys.update(_keys(parent))
    return keys


def _is_plain_typeddict(cls: cst.ClassDef) -> bool:
    bases = [arg.value for arg in cls.bases if arg.keyword is None]
    return len(bases) == 1 and isinstance(bases[0], cst.Name) and bases[0].value == "TypedDict"


def _flattened(
    cls: cst.ClassDef,
    inherited: dict[str, cst.SimpleStatementLine],
    own: dict[str, cst.SimpleStatementLine],
) -> cst.ClassDef:
    assert isinstance(cls.body, cst.IndentedBlock)  # it has keys
    body = list(cls.body.body)
    docstring = body[:1] if body and not _is_key(body[0]) else []
    copied = [line for name, line in inherited.items() if name not in own]
    rest = body[len(docstring) :]
    block = cls.body.with_changes(body=[*docstring, *copied, *rest])
    return cls.with_changes(bases=[cst.Arg(cst.Name("TypedDict"))], body=block)


def _is_key(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and isinstance(
        statement.body[0], cst.AnnAssign
    )


def _code(line: cst.SimpleStatementLine) -> str:
    return _CODE.code_for_node(line)
