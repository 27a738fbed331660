# names_keywords_collisions_interface.py: generated from the OpenRPC document of names_keywords_collisions.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 1.0.0, openrpc 1.3.2
# spec sha256 12dd9bf128648b9e6d339fef564213ade909b6f5eda4b79d0c71ce2becd96f64
"""names_keywords_collisions 1.0.0: Names that are not Python identifiers or are taken: method names that are keywords, builtins or dunders (class, import, __init__, None, print), names that collide once sanitised (a.b, a_b, a-b, A.B), dotted three-level names, a leading digit, non-ASCII, the client's own method names (call, close, batch, notify); params named from, lambda, self, `Block hash` (colliding with block_hash) and session-options; properties named /, class, $schema, from, with spaces and dashes; schema names that collide after case-folding (options vs Options).
18 methods. Use: from names_keywords_collisions_client import NamesKeywordsCollisionsClient; client = NamesKeywordsCollisionsClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, NotRequired, Protocol, TypedDict

Options = TypedDict(
    "Options",
    {
        "verbose": NotRequired[bool],
        "class": NotRequired[str],
    },
)


Options2 = TypedDict(
    "Options2",
    {
        "/": str,
        "class": str,
        "$schema": NotRequired[str],
        "from": NotRequired[int],
        "with space": NotRequired[bool],
        "dash-ed": NotRequired[bool],
        "dash_ed": NotRequired[bool],
    },
)


class RpcError(Exception):
    code: int
    message: str
    data: Any


class NamesKeywordsCollisionsClient(Protocol):
    def class_(self, name: str) -> bool: ...  # A method named like a Python keyword.
    def import_(self, data: str) -> int: ...  # Another keyword.
    def init(self) -> bool: ...  # A dunder: must not replace the client's constructor.
    def none(self) -> None: ...  # A keyword that is also a constant.
    def print(self, text: str) -> bool: ...  # A builtin's name.
    def a_b(self) -> int: ...  # Collides with a_b, a-b and A.B once sanitised (1 of 4).
    def a_b_2(self) -> int: ...  # Collides with a.b (2 of 4).
    def a_b_3(self) -> int: ...  # Collides with a.b (3 of 4).
    def a_b_4(self) -> int: ...  # Collides with a.b after snake_case (4 of 4).
    def node_block_get(self, height: int) -> Options2: ...  # A dotted three-level name.
    def node_block_import(self, block: Options) -> bool: ...  # A three-level name ending in a keyword.
    def method_2fa_verify(self, code: str) -> bool: ...  # A name starting with a digit.
    def cafe_order(self, item: str) -> bool: ...  # A non-ASCII name (generated identifiers are ASCII only).
    def call_(self, from_: str, lambda_: int, self_: str | None = None) -> bool: ...  # The client's own `call`; params named like keywords and `self`.
    def close_(self) -> bool: ...  # The client's own `close`.
    def batch_(self, items: list[str]) -> int: ...  # The client's own `batch`.
    def notify_(self, message: str) -> None: ...  # (notification) The client's own `notify`.
    def lookup(self, block_hash: str, session_options: Options | None = None, block_hash_2: str | None = None) -> bool: ...  # Params with spaces and dashes; `Block hash` and `block_hash` collide once sanitised.
