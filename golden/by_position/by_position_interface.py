# by_position_interface.py: 6 methods of by_position 1.0.0, spec sha256 a3d3fb70f32d877097c5e7868583ffde2f11d0a3a01fa0f9eed924fbc06340f7. Generated, do not edit.
# mypy: disable-error-code="empty-body"
"""by_position: paramStructure: by-position methods send params as a JSON array in declared order (required param...
Use: from by_position_client import ByPositionClient; client = ByPositionClient(); then client.<function below>(...). Errors: RpcError (code, message, data) and its subclasses below; TransportError if unreachable.
"""

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


def transfer(from_: str, to: str, amount: int, memo: str = "", fee: float | None = None) -> str: ...  # Move an amount between two accounts (positional; the first param is the keywo...
def sum(values: list[float], round: bool = False) -> float: ...  # Add up a list of numbers (positional; the first param is an array)
def block_get(height: int, fields: list[str] | None = None, verbose: bool = False) -> BlockGetResult: ...  # Get a block by height (positional; two optional trailing params)
def block_latest(finalized: bool | None = None) -> int: ...  # Get the latest block height (positional, all params optional)
def account_balance(account: str, at_height: int | None = None) -> int: ...  # Balance of an account (by-name, for contrast: params are sent as an object)
def echo(message: str, times: int = 1) -> str: ...  # Return the message (either, stated explicitly: the client picks the structure)
