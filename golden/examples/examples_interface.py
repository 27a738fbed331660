# examples 1.0.0, 5 methods, sha256 13a137fe0a0ec525cca207f12c947ee27a8a36711e8bcba5f7fc77324fda9652
# Example pairings: one example (params + result), several examples on one…
# from examples_client import ExamplesClient: ExamplesClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any, TypedDict


class ProfileGetResult(TypedDict, total=False):
    name: str
    langs: list[str]
    bio: str | None


class RpcError(Exception):
    code: int
    message: str
    data: Any


def math_add(a: int, b: int) -> int: ...  # Add two integers; two examples
def math_mul(a: int, b: int) -> int: ...  # Multiply two integers; the whole example pairing is a $ref
def list_slice(items: list[str], start: int, stop: int | None = None) -> list[str]: ...  # Slice a list; by-position, so the example params are an…
def profile_get(user: str) -> ProfileGetResult: ...  # An object-valued example result
def log_write(line: str) -> None: ...  # (notification) A method without result; its example has params only
