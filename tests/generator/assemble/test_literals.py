"""The sinks: whatever the spec text, the literal evaluates back to exactly that text."""

from __future__ import annotations

import ast
import re

import libcst as cst
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.assemble.literals import (
    comment_text,
    docstring_literal,
    identifier,
    string_literal,
    value_literal,
)

HOSTILE = [
    '"""',
    "'''",
    'ends with a quote"',
    "ends with a backslash\\",
    "\\N{BULLET} stays literal",
    "nul \x00 and bell \x07 and escape \x1b",
    "lone surrogate \ud800 here",
    "line\u2028separator and\u2029paragraph",
    "{} and {__import__('os').system('echo pwned')}",
    "# comment\nimport os; os.system('x')\n",
    '""""""" many quotes """""',
    "x" * 5000,
    "tab\tand\rcarriage",
    "",
]


def _evaluate(node: cst.BaseExpression) -> object:
    return ast.literal_eval(cst.Module([]).code_for_node(node))


@pytest.mark.parametrize("text", HOSTILE)
def test_string_literal_evaluates_to_the_exact_text(text: str) -> None:
    assert _evaluate(string_literal(text)) == text


@pytest.mark.parametrize("text", [t for t in HOSTILE if t.strip()])
def test_hostile_text_stays_inside_the_docstring(text: str) -> None:
    source = f"def f():\n    {cst.Module([]).code_for_node(docstring_literal(text))}\n"
    tree = ast.parse(source)
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    assert len(function.body) == 1  # nothing escaped into a statement of its own
    doc = ast.get_docstring(function, clean=False)
    assert doc is not None
    # the text survives, up to trailing spaces per line and lone surrogates (U+FFFD in docs)
    expected = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    assert doc.rstrip("\n") == re.sub("[\ud800-\udfff]", "\ufffd", expected)


def test_a_lone_surrogate_can_be_a_class_docstring() -> None:
    doc = cst.Module([]).code_for_node(docstring_literal("x \ud800 y"))
    source = f"class A:\n    {doc}\n"
    namespace: dict[str, object] = {}
    exec(compile(source, "m.py", "exec"), namespace)
    assert namespace["A"].__doc__ == "x \ufffd y"  # type: ignore[attr-defined]


@given(st.text())
def test_any_text_round_trips_through_string_literal(text: str) -> None:
    assert _evaluate(string_literal(text)) == text


@given(st.text())
def test_any_text_gives_a_single_docstring_statement(text: str) -> None:
    source = f"def f():\n    {cst.Module([]).code_for_node(docstring_literal(text or 'x'))}\n"
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef) and len(function.body) == 1


@pytest.mark.parametrize("name", ["class", "a b", "1a", "é", "a-b", ""])
def test_identifier_refuses_what_names_did_not_make(name: str) -> None:
    with pytest.raises(ValueError):
        identifier(name)


def test_comment_text_is_one_printable_line() -> None:
    text = comment_text("a\nimport os\r\x00b\u2028c" + "d" * 200, limit=50)
    assert "\n" not in text and "\r" not in text and text.isprintable()
    assert len(text) == 50 and text.endswith("...")


@pytest.mark.parametrize(
    "value", [None, True, False, 0, -5, 3.5, -0.25, "s\"'", [1, "a"], {"k": [None]}]
)
def test_value_literal_round_trips_json_values(value: object) -> None:
    assert _evaluate(value_literal(value)) == value
