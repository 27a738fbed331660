# nullable 1.0.0, 4 methods, sha256 1710aee740b9be53c99fcd7b7484a62e18ccdf28d3570ac92e4d02a570910f5b
# Nullable values: type ["string", "null"], oneOf with {"type": "null"}, anyOf of…
# from nullable_client import NullableClient: NullableClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any, NotRequired, TypedDict


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


def user_find(email: str) -> User | None: ...  # Find a user by email; null when there is none (nullable…
def user_set_nickname(id: int, nickname: str | None) -> str | None: ...  # Set or clear a nickname: the param is required and may be…
def user_update(id: int, nickname: str | None = None, age: int | None = None, address: Address | None = None) -> User: ...  # Update a user: optional nullable params (absent means…
def user_age(id: int) -> int | None: ...  # A user's age, null when unknown (type array result)
