"""Spec names -> Python identifiers: ASCII only, never a keyword, collisions resolved in spec order.

Every identifier the assembler emits for spec text comes from here. A later name that would collide
with an earlier one gets ``_2``, ``_3``... and a SpecWarning says so, so the renaming is visible.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from generator.errors import SpecWarning, pointer
from generator.model import Method, Service
from generator.runtime import AsyncBaseClient, BaseBatch, BaseClient

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z0-9]+|[A-Z]+")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

# Attributes of the generated client classes (the runtime's, and the generated ``batch``): a
# method must not shadow them. Read off the runtime, so a method added there is reserved too.
CLIENT_ATTRIBUTES = frozenset(
    {"batch"}
    | {n for cls in (BaseClient, AsyncBaseClient, BaseBatch) for n in dir(cls) if n[0] != "_"}
)
# Names a generated method body or signature refers to: a param must not shadow them.
BODY_NAMES = frozenset(
    {"self", "cast", "warnings", "str", "int", "float", "bool", "list", "dict", "tuple", "object"}
    | {"Any", "Literal", "TypedDict", "NotRequired", "TypeAlias", "BatchResult"}
)


def ascii_words(text: str) -> list[str]:
    """The words of a name: split on non-alphanumerics and camelCase humps, accents folded."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _WORD.findall(folded)


def snake_case(text: str) -> str:
    return "_".join(word.lower() for word in ascii_words(text))


def pascal_case(text: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in ascii_words(text))


def safe_identifier(candidate: str, fallback: str, reserved: frozenset[str] = frozenset()) -> str:
    """Make ``candidate`` a valid, non-keyword, non-reserved identifier (``from`` -> ``from_``)."""
    name = candidate or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if keyword.iskeyword(name) or name in reserved:
        name += "_"
    assert IDENTIFIER.match(name), name
    return name


class _Taken:
    """Hands out unique names in request order: the first asker keeps a name, later ones get _2..."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)

    def claim(self, name: str, sep: str = "_") -> str:
        unique, n = name, 1
        while unique in self._taken:
            n += 1
            unique = f"{name}{sep}{n}"
        self._taken.add(unique)
        return unique


def unique_names(wanted: Iterable[str], taken: Iterable[str] = (), sep: str = "_") -> list[str]:
    """``wanted`` made unique in order, avoiding ``taken`` (``["a", "a"]`` -> ``["a", "a_2"]``)."""
    claims = _Taken(taken)
    return [claims.claim(name, sep) for name in wanted]


@dataclass(frozen=True, slots=True)
class MethodNames:
    """The Python names of one method and its params."""

    name: str
    params: tuple[str, ...]


def method_names(service: Service, source: str, warnings: list[SpecWarning]) -> list[MethodNames]:
    """Python names for every method (``book.list`` -> ``book_list``) and its params."""
    wanted = [
        safe_identifier(snake_case(m.name), "method", CLIENT_ATTRIBUTES) for m in service.methods
    ]
    chosen = unique_names(wanted)
    owner = {name: method.name for method, name in zip(service.methods, chosen, strict=True)}
    for method, want, got in zip(service.methods, wanted, chosen, strict=True):
        if want != got:
            warnings.append(
                SpecWarning(
                    source,
                    method.pointer,
                    f"method {method.name!r} is named {got} in Python: "
                    f"{want} is taken by {owner[want]!r}",
                )
            )
    return [
        MethodNames(name, _param_names(method, source, warnings))
        for method, name in zip(service.methods, chosen, strict=True)
    ]


def _param_names(method: Method, source: str, warnings: list[SpecWarning]) -> tuple[str, ...]:
    wanted = [safe_identifier(snake_case(p.name), "param", BODY_NAMES) for p in method.params]
    chosen = unique_names(wanted)
    owner = {name: param.name for param, name in zip(method.params, chosen, strict=True)}
    for index, (param, want, got) in enumerate(zip(method.params, wanted, chosen, strict=True)):
        if want != got:
            warnings.append(
                SpecWarning(
                    source,
                    method.pointer + pointer("params", index),
                    f"param {param.name!r} is named {got} in Python: {want} is taken by "
                    f"{owner.get(want, want)!r}",
                )
            )
    return tuple(chosen)


def service_class_name(service: str) -> str:
    """``hero_books`` -> ``HeroBooks`` (the client is ``HeroBooksClient``)."""
    return safe_identifier(pascal_case(service), "Service")
