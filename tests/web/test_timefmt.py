"""Relative and ISO times on the pages."""

from __future__ import annotations

import pytest

from router.web.timefmt import ago, iso_time

NOW = 1_800_000_000.0


@pytest.mark.parametrize(
    ("seconds_ago", "text"),
    [
        (0.4, "just now"),
        (-5, "just now"),  # a clock step backwards is not "in the future"
        (12.9, "12 s ago"),
        (60, "1 min ago"),
        (3599, "59 min ago"),
        (7200, "2 h ago"),
        (86400 * 3, "2027-01-12"),
    ],
)
def test_ago(seconds_ago: float, text: str) -> None:
    assert ago(NOW - seconds_ago, now=NOW) == text


def test_never_and_iso() -> None:
    assert ago(None) == "never"
    assert iso_time(None) == ""
    assert iso_time(NOW) == "2027-01-15T08:00:00Z"
