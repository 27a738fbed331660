# names_keywords_collisions 1.0.0, 18 methods, sha256 12dd9bf128648b9e6d339fef564213ade909b6f5eda4b79d0c71ce2becd96f64
# Names that are not Python identifiers or are taken: method names that are…
# from names_keywords_collisions_client import NamesKeywordsCollisionsClient: NamesKeywordsCollisionsClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any, Required, TypedDict

Options = TypedDict(
    "Options",
    {
        "verbose": bool,
        "class": str,
    },
    total=False,
)


Options2 = TypedDict(
    "Options2",
    {
        "/": Required[str],
        "class": Required[str],
        "$schema": str,
        "from": int,
        "with space": bool,
        "dash-ed": bool,
        "dash_ed": bool,
    },
    total=False,
)


class RpcError(Exception):
    code: int
    message: str
    data: Any


def class_(name: str) -> bool: ...  # A method named like a Python keyword
def import_(data: str) -> int: ...  # Another keyword
def init() -> bool: ...  # A dunder: must not replace the client's constructor
def none() -> None: ...  # A keyword that is also a constant
def print(text: str) -> bool: ...  # A builtin's name
def a_b() -> int: ...  # Collides with a_b, a-b and A.B once sanitised (1 of 4)
def a_b_2() -> int: ...  # Collides with a.b (2 of 4)
def a_b_3() -> int: ...  # Collides with a.b (3 of 4)
def a_b_4() -> int: ...  # Collides with a.b after snake_case (4 of 4)
def node_block_get(height: int) -> Options2: ...  # A dotted three-level name
def node_block_import(block: Options) -> bool: ...  # A three-level name ending in a keyword
def method_2fa_verify(code: str) -> bool: ...  # A name starting with a digit
def cafe_order(item: str) -> bool: ...  # A non-ASCII name (generated identifiers are ASCII only)
def call_(from_: str, lambda_: int, self_: str | None = None) -> bool: ...  # The client's own `call`; params named like keywords and…
def close_() -> bool: ...  # The client's own `close`
def batch_(items: list[str]) -> int: ...  # The client's own `batch`
def notify_(message: str) -> None: ...  # (notification) The client's own `notify`
def lookup(block_hash: str, session_options: Options | None = None, block_hash_2: str | None = None) -> bool: ...  # Params with spaces and dashes; `Block hash` and…
