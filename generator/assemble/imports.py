"""Collects the imports the other builders ask for and renders them sorted, isort-style."""

from __future__ import annotations

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
    """``from __future__`` first, then plain imports, then from-imports, each sorted."""
    wanted = set(imports)
    plain = sorted(m for m, n in wanted if n is None)
    grouped: dict[str, set[str]] = {}
    for module, name in wanted:
        if name is not None:
            grouped.setdefault(module, set()).add(name)
    lines = [statement(cst.Import([cst.ImportAlias(_dotted(m))])) for m in plain]
    for module in sorted(grouped, key=lambda m: (m != "__future__", m)):
        names = [cst.ImportAlias(cst.Name(n)) for n in sorted(grouped[module], key=_name_order)]
        line = statement(cst.ImportFrom(_dotted(module), names))
        lines.insert(0, line) if module == "__future__" else lines.append(line)
    if len(lines) > 1 and grouped.get("__future__"):  # the __future__ section stands apart
        lines[1] = lines[1].with_changes(leading_lines=[cst.EmptyLine()])
    return lines
