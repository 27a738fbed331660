"""The syrupy extension that keeps golden clients as real .py files: golden/<svc>/<svc>_<kind>.py.

The only code that knows the layout. Used as ``golden(spec_dir, "client")`` in test_golden.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode
from syrupy.location import PyTestLocation

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
GOLDEN_DIRS = sorted(p.parent for p in GOLDEN.glob("*/openrpc.json"))

Golden = Callable[[Path, str], SnapshotAssertion]


def _spec_dir(test_location: PyTestLocation) -> Path:
    return Path(test_location.item.callspec.params["spec_dir"])


class GoldenPyExtension(SingleFileSnapshotExtension):
    file_extension = "py"
    _write_mode = WriteMode.TEXT

    @classmethod
    def dirname(cls, *, test_location: PyTestLocation) -> str:
        return str(_spec_dir(test_location))

    @classmethod
    def discovery_dirname(cls, *, test_location: PyTestLocation) -> str:
        return str(_spec_dir(test_location))

    @classmethod
    def get_snapshot_name(cls, *, test_location: PyTestLocation, index: Any = 0) -> str:
        return f"{_spec_dir(test_location).name}_{index}"


def golden_factory(snapshot: SnapshotAssertion) -> Golden:
    def golden(spec_dir: Path, kind: str) -> SnapshotAssertion:
        return snapshot(extension_class=GoldenPyExtension, name=kind)

    return golden
