"""describe(): the front stages in one call, without loading the code-generating ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.describe import describe
from generator.options import Options

ROOT = Path(__file__).resolve().parents[2]


def test_a_spec_becomes_the_model_with_python_names() -> None:
    described = describe(ROOT / "golden" / "hero_books" / "openrpc.json", Options(service="books"))
    assert described.service.name == "books"
    assert [n.name for n in described.names][:3] == [
        "workspace_list",
        "workspace_create",
        "book_list",
    ]
    assert described.warnings == []


def test_warnings_are_collected_not_raised() -> None:
    spec = {
        "openrpc": "1.3.2",
        "info": {"title": "t", "version": "1"},
        "methods": [
            {"name": "m", "params": [], "result": {"name": "r", "schema": {"$ref": "#/x"}}}
        ],
    }
    described = describe(spec)
    assert [w.pointer for w in described.warnings] == ["/methods/0/result/schema"]


def test_it_imports_no_code_generation() -> None:
    heavy = ("libcst", "black", "datamodel_code_generator")
    code = f"import sys, generator.describe; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert (done.stdout, done.stderr) == ("[]\n", "")
