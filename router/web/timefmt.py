"""Unix times as the pages show them: relative ("3 min ago") with the exact UTC time beside."""

from __future__ import annotations

import time
from datetime import UTC, datetime

__all__ = ["ago", "iso_time"]

_STEPS = ((60, "s", 1), (3600, "min", 60), (86400, "h", 3600))


def ago(when: float | None, now: float | None = None) -> str:
    """``12 s ago``, ``3 min ago``, ``5 h ago``, else the UTC date; ``never`` for None."""
    if when is None:
        return "never"
    elapsed = max(0.0, (time.time() if now is None else now) - when)
    if elapsed < 1:
        return "just now"
    for limit, unit, size in _STEPS:
        if elapsed < limit:
            return f"{int(elapsed // size)} {unit} ago"
    return datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%d")


def iso_time(when: float | None) -> str:
    """ISO 8601 in UTC, to the second (for <time datetime> and tooltips); empty for None."""
    if when is None:
        return ""
    return datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
