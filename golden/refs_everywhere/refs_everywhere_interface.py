# refs_everywhere 1.0.0, 3 methods, sha256 e17e45a0680fa863e7099202a37b42fd72fdee0dfb9378015180dfca90a37f7e
# $ref to every component kind: schemas, contentDescriptors (as params and as…
# from refs_everywhere_client import RefsEverywhereClient: RefsEverywhereClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any, NotRequired, TypeAlias, TypedDict


class Limits(TypedDict, total=False):
    daily: int
    monthly: int


class Owner(TypedDict):
    name: str
    email: NotRequired[str]


AccountId: TypeAlias = str


class AccountLimits(TypedDict, total=False):
    daily: int
    monthly: int


class Account(TypedDict):
    id: str
    owner: Owner
    limits: NotRequired[Limits]


OwnedAccount: TypeAlias = Account


class RpcError(Exception):
    code: int
    message: str
    data: Any


class AccountNotFoundError(RpcError):
    code = 1004


def account_get(account_id: AccountId) -> Account: ...  # Get an account: param, result, error and example pairing…
def account_limits(account_id: AccountId) -> AccountLimits: ...  # Limits of an account: the result schema is a ref to a…
def account_transfer_owner(account_id: AccountId, owner: Owner, account_id_format: AccountId | None = None) -> OwnedAccount: ...  # Give an account a new owner: a ref with a sibling…
