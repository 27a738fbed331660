"""Ref cycles among resolved schemas, for `resolve`: which recursion no type can express.

A cycle of pure refs (A -> B -> A) is a SpecError; one through allOf/anyOf/oneOf/not only is a
warning; a cycle through properties, items and the like is ordinary recursion and fine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.errors import SpecError, SpecWarning
from generator.model import SCHEMA_REF_PREFIX
from generator.refs import tokens

_COMBINATORS = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else")


def check_ref_cycles(
    schemas: Mapping[str, Any],
    origins: Mapping[str, tuple[str, str]],
    warnings: list[SpecWarning],
) -> None:
    """Raise or warn for the cycles among ``schemas`` that pass through no container keyword.

    ``schemas`` are resolved (a dict with a ``$ref`` in it carries annotations at most);
    ``origins`` gives each name's (source, JSON pointer) for messages.
    """
    shallow = {name: _shallow_refs(schema) for name, schema in schemas.items()}
    reported: set[frozenset[str]] = set()
    for start in schemas:
        for cycle in _cycles_from(start, shallow):
            if frozenset(cycle) in reported:
                continue
            reported.add(frozenset(cycle))
            source, where = origins[cycle[0]]
            chain = " -> ".join([*cycle, cycle[0]])
            if all(isinstance(schemas[n], dict) and "$ref" in schemas[n] for n in cycle):
                raise SpecError(source, where, f"$ref cycle with no structure: {chain}")
            message = f"$ref cycle through allOf/anyOf/oneOf/not only: {chain}; types may be loose"
            warnings.append(SpecWarning(source, where, message))


def _shallow_refs(schema: Any) -> list[str]:
    """Names reachable without entering a container keyword (properties, items...)."""
    if not isinstance(schema, dict):
        return []
    found = []
    if isinstance(schema.get("$ref"), str):
        found.append(tokens("/" + schema["$ref"].removeprefix(SCHEMA_REF_PREFIX))[0])
    for key in _COMBINATORS:
        value = schema.get(key)
        for sub in value if isinstance(value, list) else [value]:
            found += _shallow_refs(sub)
    return found


def _cycles_from(start: str, edges: Mapping[str, list[str]]) -> list[list[str]]:
    """Cycles through ``start``, each as the names along it (one per first step at most)."""
    cycles, stack = [], [(start, [start])]
    visited: set[str] = set()
    while stack:
        name, path = stack.pop()
        for nxt in edges.get(name, []):
            if nxt == start:
                cycles.append(path)
            elif nxt not in visited:
                visited.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return cycles
