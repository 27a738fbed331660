"""bench/client_latency.py still runs: a tiny run prints its table (figures are not checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "client_latency.py"


def test_bench_prints_every_client_and_the_ratio() -> None:
    run = subprocess.run(
        [sys.executable, str(BENCH), "--calls", "20", "--rounds", "1", "--no-httpx"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    rows = {line.split("  ")[0]: line for line in run.stdout.splitlines()}
    for client in ("raw socket loop", "BaseClient", "http.client"):
        assert client in rows
        assert rows[client].split()[-1] == "1"  # one connection for the whole round
    assert "BaseClient CPU per call = " in run.stdout
