"""Formatting twice changes nothing: every golden file is a fixed point of its Black mode."""

from __future__ import annotations

from pathlib import Path

import black
import libcst as cst
import pytest

from generator.assemble.runtime import runtime_parts
from generator.format import CLIENT_MODE, INTERFACE_MODE
from tests.generator.golden import GOLDEN

FILES = sorted(GOLDEN.glob("*/*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_golden_file_is_already_formatted(path: Path) -> None:
    mode = INTERFACE_MODE if path.name.endswith("_interface.py") else CLIENT_MODE
    text = path.read_text(encoding="utf-8")
    assert black.format_str(text, mode=mode) == text


def test_interface_methods_stay_on_one_line() -> None:
    interface = (GOLDEN / "hero_books" / "hero_books_interface.py").read_text(encoding="utf-8")
    methods = [line for line in interface.splitlines() if line.startswith("def ")]
    assert len(methods) == 12 and all(
        line.rstrip().split("#")[0].endswith("...  ") for line in methods
    )


def test_the_runtime_opens_with_a_class_or_function() -> None:
    # The runtime is formatted once and joined to the imports with two blank lines, which is
    # what Black and isort want only before a class or def.
    _, runtime = runtime_parts()
    assert isinstance(runtime.body[0], (cst.ClassDef, cst.FunctionDef))
