# examples_interface.py: 5 methods of examples 1.0.0, spec sha256 13a137fe0a0ec525cca207f12c947ee27a8a36711e8bcba5f7fc77324fda9652. Generated, do not edit.
# mypy: disable-error-code="empty-body"
"""examples: Example pairings: one example (params + result), several examples on one method, examples by $ref...
Use: from examples_client import ExamplesClient; client = ExamplesClient(); then client.<function below>(...). Errors: RpcError (code, message, data) and its subclasses below; TransportError if unreachable.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class ProfileGetResult(TypedDict):
    name: NotRequired[str]
    langs: NotRequired[list[str]]
    bio: NotRequired[str | None]


class RpcError(Exception):
    code: int
    message: str
    data: Any


def math_add(a: int, b: int) -> int: ...  # Add two integers; two examples
def math_mul(a: int, b: int) -> int: ...  # Multiply two integers; the whole example pairing is a $ref
def list_slice(items: list[str], start: int, stop: int | None = None) -> list[str]: ...  # Slice a list; by-position, so the example params are an array in order
def profile_get(user: str) -> ProfileGetResult: ...  # An object-valued example result
def log_write(line: str) -> None: ...  # (notification) A method without result; its example has params only
