"""Format stage: a libcst module -> source text, formatted by Black in-process with fixed modes.

The only place a tree becomes text. A user's Black configuration is never read.
"""

from __future__ import annotations

from functools import lru_cache

import black
import libcst as cst
from black.mode import TargetVersion

CLIENT_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)
INTERFACE_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=100_000)
"""The interface keeps every method on one line, however long: that is its point."""


def format_source(*parts: cst.Module, mode: black.Mode = CLIENT_MODE) -> str:
    """Black each part on its own and join them with the two blank lines Black puts between
    top-level statements; a part seen before (the runtime) is not formatted again."""
    return "\n\n".join(_formatted(part, mode) for part in parts)


@lru_cache(maxsize=8)
def _formatted(part: cst.Module, mode: black.Mode) -> str:
    return black.format_str(part.code, mode=mode)
