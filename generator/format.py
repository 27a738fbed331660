"""Format stage: a libcst module -> source text, formatted by Black in-process with fixed modes.

The only place a tree becomes text. A user's Black configuration is never read.
"""

from __future__ import annotations

from functools import cache

import black
import libcst as cst
from black.mode import TargetVersion

from generator.assemble import ClientParts

CLIENT_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)
INTERFACE_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=100_000)
"""The interface keeps every method on one line, however long: that is its point."""


def format_source(module: cst.Module, mode: black.Mode = CLIENT_MODE) -> str:
    return black.format_str(module.code, mode=mode)


def format_client(parts: ClientParts) -> str:
    """Each part on its own, joined with the two blank lines Black puts between top-level
    statements (the runtime opens with a class: a test keeps it so)."""
    return "\n\n".join(
        [format_source(parts.head), _runtime_text(parts.runtime), format_source(parts.tail)]
    )


@cache
def _runtime_text(runtime: cst.Module) -> str:
    # one entry per runtime (stdlib, pydantic): the same objects for the whole process
    return format_source(runtime)
