"""mypy --strict over generated modules in a folder, as one subprocess, with no config or cache
of the project's: how every test type-checks generated code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def mypy_strict(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` run in ``folder`` on ``arguments`` (files, and options before them)."""
    command = [sys.executable, "-m", "mypy", "--strict", "--config-file=", "--no-incremental"]
    command += ["--cache-dir", os.devnull, *arguments]
    return subprocess.run(
        command, cwd=folder, capture_output=True, text=True, timeout=600, check=False
    )
