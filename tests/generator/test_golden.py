"""The golden record: the client and interface of every spec in golden/, pinned byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from generator import generate
from tests.generator.golden import GOLDEN, GOLDEN_DIRS, Golden, golden_factory

# The golden files are named for the spec (golden/<svc>/<svc>_client.py), not for the test, on
# purpose: syrupy warns that it cannot relate the two when it writes them.
pytestmark = pytest.mark.filterwarnings("ignore:(?s).*Can not relate snapshot")


@pytest.fixture
def golden(snapshot: SnapshotAssertion) -> Golden:
    return golden_factory(snapshot)


@pytest.mark.parametrize("spec_dir", GOLDEN_DIRS, ids=lambda d: d.name)
def test_client_matches_golden(spec_dir: Path, golden: Golden) -> None:
    result = generate(spec_dir / "openrpc.json", service=spec_dir.name)
    assert result.client == golden(spec_dir, "client")


@pytest.mark.parametrize("spec_dir", GOLDEN_DIRS, ids=lambda d: d.name)
def test_interface_matches_golden(spec_dir: Path, golden: Golden) -> None:
    result = generate(spec_dir / "openrpc.json", service=spec_dir.name)
    assert result.interface == golden(spec_dir, "interface")


def test_every_golden_module_imports_in_a_fresh_interpreter() -> None:
    modules = sorted(str(p) for p in GOLDEN.glob("*/*.py"))
    probe = (
        "import importlib.util, sys\n"
        "for path in sys.argv[1:]:\n"
        "    spec = importlib.util.spec_from_file_location(path.rsplit('/', 1)[-1][:-3], path)\n"
        "    module = importlib.util.module_from_spec(spec)\n"
        "    spec.loader.exec_module(module)\n"
        "print(len(sys.argv) - 1)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *modules], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(len(modules)) and len(modules) >= 28
