"""Collects the imports the other builders ask for and renders them sorted, isort-style."""

from __future__ import annotations

import sys
from collections.abc import Iterable

import libcst as cst

from generator.assemble.syntax import statement

Import = tuple[str, str | None]
"""(module, name): ``("json", None)`` is ``import json``; ``("typing", "Any")`` a from-import."""


def _name_order(name: str) -> tuple[int, str, str]:
    # isort's order-by-type: CONSTANTS, then Classes, then functions and variables.
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, name.lower(), name


def _dotted(module: str) -> cst.Attribute | cst.Name:
    node: cst.Attribute | cst.Name = cst.Name(module.split(".")[0])
    for part in module.split(".")[1:]:
        node = cst.Attribute(node, cst.Name(part))
    return node


def import_statements(imports: Iterable[Import]) -> list[cst.SimpleStatementLine]:
    """isort's sections, a blank line apart: ``__future__``, the standard library, third party;
    within each, plain imports then from-imports, sorted."""
    wanted = set(imports)
    sections = [
        _section({i for i in wanted if i[0] == "__future__"}),
        _section({i for i in wanted if i[0] != "__future__" and _is_stdlib(i[0])}),
        _section({i for i in wanted if not _is_stdlib(i[0])}),
    ]
    lines: list[cst.SimpleStatementLine] = []
    for section in filter(None, sections):
        if lines:
            section[0] = section[0].with_changes(leading_lines=[cst.EmptyLine()])
        lines += section
    return lines


def _is_stdlib(module: str) -> bool:
    return module.split(".")[0] in sys.stdlib_module_names


def _section(imports: set[Import]) -> list[cst.SimpleStatementLine]:
    plain = sorted(m for m, n in imports if n is None)
    grouped: dict[str, set[str]] = {}
    for module, name in imports:
        if name is not None:
            grouped.setdefault(module, set()).add(name)
    lines = [statement(cst.Import([cst.ImportAlias(_dotted(m))])) for m in plain]
    for module in sorted(grouped):
        names = [cst.ImportAlias(cst.Name(n)) for n in sorted(grouped[module], key=_name_order)]
        lines.append(statement(cst.ImportFrom(_dotted(module), names)))
    return lines
