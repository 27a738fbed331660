# enums_const 1.0.0, 5 methods, sha256 c6f80cda66285d1f0297a1504026673f3312b410657acb715fff815298e32d1f
# Enums and const: a string enum, an integer enum, enum values that are not…
# from enums_const_client import EnumsConstClient: EnumsConstClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any, Literal, NotRequired, TypeAlias, TypedDict

Color: TypeAlias = Literal["red", "green", "blue"]


Priority: TypeAlias = Literal[1, 2, 3]


Status: TypeAlias = Literal["in-progress", "in_progress", "2fa", "class", "", "None", "done"]


Mode: TypeAlias = Literal["auto", 0] | None


class ApiVersion(TypedDict):
    name: Literal["enums_const"]
    major: Literal[1]
    stable: Literal[True]
    beta: NotRequired[Literal[False]]


class RpcError(Exception):
    code: int
    message: str
    data: Any


def paint(color: Color, finish: Literal["matt", "gloss"] = "matt") -> Color: ...  # Paint with a colour from a string enum; an inline enum…
def task_set_priority(task: str, priority: Priority) -> Priority: ...  # Set a priority from an integer enum
def task_set_status(task: str, status: Status) -> Literal[True]: ...  # Set a status whose values are not Python identifiers
def setting_get(key: str) -> Mode: ...  # A mixed enum: a string, an integer or null
def api_version() -> ApiVersion: ...  # Constants: the result is an object of const properties
