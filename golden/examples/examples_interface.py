# examples_interface.py: generated from the OpenRPC document of examples.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 1.0.0, openrpc 1.3.2
# spec sha256 13a137fe0a0ec525cca207f12c947ee27a8a36711e8bcba5f7fc77324fda9652
"""examples 1.0.0: Example pairings: one example (params + result), several examples on one method, examples by $ref (a whole pairing and single values), an example of a by-position method, an example without result for a method without result, and example values that are objects, arrays and null.
5 methods. Use: from examples_client import ExamplesClient; client = ExamplesClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, NotRequired, Protocol, TypedDict


class ProfileGetResult(TypedDict):
    name: NotRequired[str]
    langs: NotRequired[list[str]]
    bio: NotRequired[str | None]


class RpcError(Exception):
    code: int
    message: str
    data: Any


class ExamplesClient(Protocol):
    def math_add(self, a: int, b: int) -> int: ...  # Add two integers; two examples.
    def math_mul(self, a: int, b: int) -> int: ...  # Multiply two integers; the whole example pairing is a $ref.
    def list_slice(self, items: list[str], start: int, stop: int | None = None) -> list[str]: ...  # Slice a list; by-position, so the example params are an array in order.
    def profile_get(self, user: str) -> ProfileGetResult: ...  # An object-valued example result.
    def log_write(self, line: str) -> None: ...  # (notification) A method without result; its example has params only.
