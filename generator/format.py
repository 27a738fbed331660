"""Format stage: a libcst module -> source text, formatted by Black in-process with fixed modes.

The only place a tree becomes text. A user's Black configuration is never read.
"""

from __future__ import annotations

import black
from black.mode import TargetVersion
import libcst as cst

CLIENT_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)
INTERFACE_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=100_000)
"""The interface keeps every method on one line, however long: that is its point."""


def format_source(module: cst.Module, mode: black.Mode = CLIENT_MODE) -> str:
    return black.format_str(module.code, mode=mode)
