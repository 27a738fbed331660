"""The gate in front of datamodel-code-generator's output: types only, no code that runs."""

from __future__ import annotations

import libcst as cst
import pytest

from generator.errors import SpecError
from generator.typecheck import check_type_statements, rename_names

GOOD = """
from __future__ import annotations
from typing import Literal, NotRequired, TypeAlias, TypedDict

class A(TypedDict):
    x: NotRequired[list["A"]]

B = TypedDict("B", {"class": int, "RpcError": A})
E: TypeAlias = Literal["RpcError", "b"]
"""


def test_types_pass_and_imports_are_set_apart() -> None:
    imports, statements = check_type_statements(cst.parse_module(GOOD), "typeddict")
    assert imports == [
        ("typing", "Literal"),
        ("typing", "NotRequired"),
        ("typing", "TypeAlias"),
        ("typing", "TypedDict"),
    ]
    assert len(statements) == 3


@pytest.mark.parametrize(
    "snippet",
    [
        "import os",
        "from os import system",
        "X = __import__('os').system('x')",
        "class A(TypedDict):\n    def f(self): ...",
        "X: TypeAlias = [y for y in z]",
        "X = lambda: 1",
        "class A(TypedDict, metaclass=M):\n    x: int",
        "X = f'{y}'",
        "@decorator\nclass A:\n    x: int",
        "if True:\n    X = 1",
    ],
)
def test_anything_that_could_run_code_is_rejected(snippet: str) -> None:
    with pytest.raises(SpecError, match="type code rejected"):
        check_type_statements(cst.parse_module(snippet + "\n"), "typeddict")


def test_pydantic_imports_only_in_pydantic_mode() -> None:
    module = cst.parse_module("from pydantic import BaseModel\n")
    check_type_statements(module, "pydantic")
    with pytest.raises(SpecError):
        check_type_statements(module, "typeddict")


def test_rename_touches_references_but_not_keys_or_literal_values() -> None:
    _, statements = check_type_statements(cst.parse_module(GOOD), "typeddict")
    renamed = rename_names(statements, {"A": "AType", "RpcError": "RpcErrorType"})
    code = cst.Module(body=renamed).code
    assert 'list["AType"]' in code and "class AType(TypedDict)" in code
    assert '"RpcError": AType' in code  # a TypedDict key is data
    assert 'Literal["RpcError", "b"]' in code  # so is a Literal value
