"""OpenRPC document -> typed, dependency-free Python client and a compact LLM interface stub.

The public names are imported on first use, so ``import generator.runtime`` (what the dynamic
client needs) does not pay for libcst, Black and datamodel-code-generator.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.errors import SpecError, SpecWarning
    from generator.pipeline import Generated, generate
    from generator.write import write

__all__ = ["generate", "write", "Generated", "SpecError", "SpecWarning"]

_HOMES = {
    "generate": "generator.pipeline",
    "Generated": "generator.pipeline",
    "write": "generator.write",
    "SpecError": "generator.errors",
    "SpecWarning": "generator.errors",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
