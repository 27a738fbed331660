# nullable_interface.py: generated from the OpenRPC document of nullable.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 1.0.0, openrpc 1.3.2
# spec sha256 1710aee740b9be53c99fcd7b7484a62e18ccdf28d3570ac92e4d02a570910f5b
"""nullable 1.0.0: Nullable values: type ["string", "null"], oneOf with {"type": "null"}, anyOf of a ref and null, required-nullable vs optional-nullable properties, a required nullable param, an optional nullable param defaulting to null, and nullable results.
4 methods. Use: from nullable_client import NullableClient; client = NullableClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, NotRequired, Protocol, TypedDict


class Address(TypedDict):
    city: str
    zip: NotRequired[str | None]


class User(TypedDict):
    id: int
    email: str
    nickname: str | None
    age: NotRequired[int | None]
    address: NotRequired[Address | None]
    tags: NotRequired[list[str | None] | None]


class RpcError(Exception):
    code: int
    message: str
    data: Any


class NullableClient(Protocol):
    def user_find(self, email: str) -> User | None: ...  # Find a user by email; null when there is none (nullable result via oneOf).
    def user_set_nickname(self, id: int, nickname: str | None) -> str | None: ...  # Set or clear a nickname: the param is required and may be null.
    def user_update(self, id: int, nickname: str | None = None, age: int | None = None, address: Address | None = None) -> User: ...  # Update a user: optional nullable params (absent means unchanged, null means clear).
    def user_age(self, id: int) -> int | None: ...  # A user's age, null when unknown (type array result).
