"""OpenRPC document -> typed, dependency-free Python client and a compact LLM interface stub.

The public names are imported on first use, so ``import generator.runtime`` (what the dynamic
client needs) does not pay for libcst, Black and datamodel-code-generator.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Imported now, not on first use: the submodule generator.write would otherwise shadow the
# function of the same name once anything imports it. Both modules are light.
from generator.errors import SpecError, SpecWarning
from generator.write import write

if TYPE_CHECKING:
    from generator.pipeline import Generated, generate

__all__ = ["generate", "write", "Generated", "SpecError", "SpecWarning"]

_HOMES = {"generate": "generator.pipeline", "Generated": "generator.pipeline"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
