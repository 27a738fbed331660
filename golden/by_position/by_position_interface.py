# by_position_interface.py: generated from the OpenRPC document of by_position.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 1.0.0, openrpc 1.3.2
# spec sha256 a3d3fb70f32d877097c5e7868583ffde2f11d0a3a01fa0f9eed924fbc06340f7
"""by_position 1.0.0: paramStructure: by-position methods send params as a JSON array in declared order (required params, optional trailing params, a param named `from`, an array param); one by-name and one either method for contrast.
6 methods. Use: from by_position_client import ByPositionClient; client = ByPositionClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, NotRequired, Protocol, TypedDict


class BlockGetResult(TypedDict):
    height: int
    hash: str
    txs: NotRequired[list[str]]


class RpcError(Exception):
    code: int
    message: str
    data: Any


class ByPositionClient(Protocol):
    def transfer(self, from_: str, to: str, amount: int, memo: str = "", fee: float | None = None) -> str: ...  # Move an amount between two accounts (positional; the first param is the keyword `from`).
    def sum(self, values: list[float], round: bool = False) -> float: ...  # Add up a list of numbers (positional; the first param is an array).
    def block_get(self, height: int, fields: list[str] | None = None, verbose: bool = False) -> BlockGetResult: ...  # Get a block by height (positional; two optional trailing params).
    def block_latest(self, finalized: bool | None = None) -> int: ...  # Get the latest block height (positional, all params optional).
    def account_balance(self, account: str, at_height: int | None = None) -> int: ...  # Balance of an account (by-name, for contrast: params are sent as an object).
    def echo(self, message: str, times: int = 1) -> str: ...  # Return the message (either, stated explicitly: the client picks the structure).
