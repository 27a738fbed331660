# enums_const_interface.py: generated from the OpenRPC document of enums_const.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 1.0.0, openrpc 1.3.2
# spec sha256 c6f80cda66285d1f0297a1504026673f3312b410657acb715fff815298e32d1f
"""enums_const 1.0.0: Enums and const: a string enum, an integer enum, enum values that are not identifiers ("in-progress", "2fa", "class", \"", and "in_progress" which collides with "in-progress" once sanitised), a mixed-type enum with null, a string const, an integer const and a boolean const.
5 methods. Use: from enums_const_client import EnumsConstClient; client = EnumsConstClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, Protocol, TypeAlias, TypedDict

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


class EnumsConstClient(Protocol):
    def paint(self, color: Color, finish: Literal["matt", "gloss"] = "matt") -> Color: ...  # Paint with a colour from a string enum; an inline enum picks the finish.
    def task_set_priority(self, task: str, priority: Priority) -> Priority: ...  # Set a priority from an integer enum.
    def task_set_status(self, task: str, status: Status) -> Literal[True]: ...  # Set a status whose values are not Python identifiers.
    def setting_get(self, key: str) -> Mode: ...  # A mixed enum: a string, an integer or null.
    def api_version(self) -> ApiVersion: ...  # Constants: the result is an object of const properties.
