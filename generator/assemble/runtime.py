"""The runtime spliced into every client: generator/runtime/*.py parsed once, imports set apart."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import libcst as cst

from generator.assemble.imports import Import
from generator.assemble.syntax import code_of, module_of
from generator.runtime import SPLICE_ORDER

RUNTIME_DIR = Path(__file__).resolve().parents[1] / "runtime"


PYDANTIC_MODULES = (*SPLICE_ORDER, "pydantic_results")
"""The runtime of a ``--types pydantic`` client: results are validated into the models."""


@cache
def runtime_parts(modules: tuple[str, ...] = SPLICE_ORDER) -> tuple[tuple[Import, ...], cst.Module]:
    """(imports, the runtime's statements as one module); relative imports and docstrings
    dropped. Always the same objects, so later stages can cache what they derive from them."""
    imports: list[Import] = []
    body: list[cst.BaseStatement] = []
    for name in modules:
        module = cst.parse_module((RUNTIME_DIR / f"{name}.py").read_text(encoding="utf-8"))
        for index, stmt in enumerate(module.body):
            small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) else None
            if isinstance(small, cst.Import):
                imports.extend((code_of(alias.name), None) for alias in small.names)
            elif isinstance(small, cst.ImportFrom):
                imports.extend(_from_import(small))
            elif not (index == 0 and _is_docstring(small)):
                body.append(stmt)
    return tuple(imports), module_of(body)


def _from_import(node: cst.ImportFrom) -> list[Import]:
    if node.relative:  # another runtime module: it is spliced in too
        return []
    assert node.module is not None and not isinstance(node.names, cst.ImportStar)
    return [(code_of(node.module), code_of(alias.name)) for alias in node.names]


def _is_docstring(small: cst.BaseSmallStatement | None) -> bool:
    return isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString)
