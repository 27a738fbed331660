# unions 1.0.0, 6 methods, sha256 7dd4436ae35fe4a59557c0e412f22c1e9ecb0d8c976c6b43b2b8d21510e183a7
# Unions and composition: oneOf of two objects told apart by a const `kind`…
# from unions_client import UnionsClient: UnionsClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any, Literal, NotRequired, TypeAlias, TypedDict


class Circle(TypedDict):
    kind: Literal["circle"]
    radius: float


class Square(TypedDict):
    kind: Literal["square"]
    side: float


Shape: TypeAlias = Circle | Square


class Named(TypedDict):
    name: str


class Timestamped(TypedDict):
    created: str
    updated: NotRequired[str]


class Entity(Named, Timestamped):
    id: int


class RpcError(Exception):
    code: int
    message: str
    data: Any


def shape_area(shape: Shape) -> float: ...  # Area of a shape: a oneOf union of two objects
def shape_scale(shape: Circle | Square, factor: float) -> Shape: ...  # Scale a shape given inline as a oneOf; the result is the…
def lookup(id: str | int) -> str | int: ...  # Look up by an id that is a string or an integer (anyOf in…
def entity_get(id: int) -> Entity: ...  # An entity composed with allOf from a named object and a…
def point_parse(point: list[str | float]) -> list[str | int]: ...  # Parse a point: a fixed [label, x, y] tuple in, an…
def tags_normalize(tags: str | list[str]) -> list[str]: ...  # One tag or a list of tags, always a list back
