# refs_everywhere_interface.py: generated from the OpenRPC document of refs_everywhere.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 1.0.0, openrpc 1.3.2
# spec sha256 e17e45a0680fa863e7099202a37b42fd72fdee0dfb9378015180dfca90a37f7e
"""refs_everywhere 1.0.0: $ref to every component kind: schemas, contentDescriptors (as params and as result), errors, examples and examplePairings; a schema ref with a sibling description; a ref to a nested pointer (#/components/schemas/Account/properties/limits); a schema that is only a ref to another.
3 methods. Use: from refs_everywhere_client import RefsEverywhereClient; client = RefsEverywhereClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, NotRequired, Protocol, TypeAlias, TypedDict


class Limits(TypedDict):
    daily: NotRequired[int]
    monthly: NotRequired[int]


class Owner(TypedDict):
    name: str
    email: NotRequired[str]


AccountId: TypeAlias = str


class AccountLimits(TypedDict):
    daily: NotRequired[int]
    monthly: NotRequired[int]


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


class RefsEverywhereClient(Protocol):
    def account_get(self, account_id: AccountId) -> Account: ...  # Get an account: param, result, error and example pairing are all refs.
    def account_limits(self, account_id: AccountId) -> AccountLimits: ...  # Limits of an account: the result schema is a ref to a nested pointer.
    def account_transfer_owner(self, account_id: AccountId, owner: Owner, account_id_format: AccountId | None = None) -> OwnedAccount: ...  # Give an account a new owner: a ref with a sibling description, an inline pairing whose examples are refs.
