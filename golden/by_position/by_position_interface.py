# by_position 1.0.0, 6 methods, sha256 a3d3fb70f32d877097c5e7868583ffde2f11d0a3a01fa0f9eed924fbc06340f7
# paramStructure: by-position methods send params as a JSON array in declared…
# from by_position_client import ByPositionClient: ByPositionClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class BlockGetResult(TypedDict):
    height: int
    hash: str
    txs: NotRequired[list[str]]


class RpcError(Exception):
    code: int
    message: str
    data: Any


def transfer(from_: str, to: str, amount: int, memo: str = "", fee: float | None = None) -> str: ...  # Move an amount between two accounts (positional; the first…
def sum(values: list[float], round: bool = False) -> float: ...  # Add up a list of numbers (positional; the first param is an…
def block_get(height: int, fields: list[str] | None = None, verbose: bool = False) -> BlockGetResult: ...  # Get a block by height (positional; two optional trailing…
def block_latest(finalized: bool | None = None) -> int: ...  # Get the latest block height (positional, all params…
def account_balance(account: str, at_height: int | None = None) -> int: ...  # Balance of an account (by-name, for contrast: params are…
def echo(message: str, times: int = 1) -> str: ...  # Return the message (either, stated explicitly: the client…
