"""One command run to completion: its own process group, a wall-clock timeout that kills the whole
group, and stdout/stderr captured up to a cap each (the rest read and dropped, and counted)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ProcessOutcome", "run_process"]

_CHUNK = 65536
_DRAIN_GRACE = 2.0  # seconds the pipes may stay open after the group is gone


@dataclass(frozen=True, slots=True)
class ProcessOutcome:
    """``exit_code`` is negative for a signal (-9 after the timeout kill). ``dropped_*`` count the
    bytes read past the cap."""

    exit_code: int
    stdout: bytes
    stderr: bytes
    duration_ms: float
    timed_out: bool
    dropped_stdout: int
    dropped_stderr: int


class _Capture:
    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.kept = bytearray()
        self.dropped = 0

    async def drain(self, stream: asyncio.StreamReader) -> None:
        while chunk := await stream.read(_CHUNK):
            room = self.cap - len(self.kept)
            self.kept += chunk[:room]
            self.dropped += max(0, len(chunk) - room)


async def run_process(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    timeout: float,
    output_cap: int,
) -> ProcessOutcome:
    """Run ``argv``; after ``timeout`` seconds, or when the caller is cancelled, SIGKILL its
    process group. Leftovers of the group are killed when the command exits, too."""
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(env),
        cwd=cwd,
        start_new_session=True,
    )
    assert process.stdout is not None and process.stderr is not None
    out, err = _Capture(output_cap), _Capture(output_cap)
    drains = [
        asyncio.ensure_future(out.drain(process.stdout)),
        asyncio.ensure_future(err.drain(process.stderr)),
    ]
    timed_out = False
    try:
        try:
            await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            timed_out = True
        finally:
            _kill_group(process.pid)
        exit_code = await process.wait()
        await asyncio.wait(drains, timeout=_DRAIN_GRACE)
    finally:
        for drain in drains:
            drain.cancel()
    return ProcessOutcome(
        exit_code=exit_code,
        stdout=bytes(out.kept),
        stderr=bytes(err.kept),
        duration_ms=(time.perf_counter() - started) * 1000,
        timed_out=timed_out,
        dropped_stdout=out.dropped,
        dropped_stderr=err.dropped,
    )


def _kill_group(pgid: int) -> None:
    with suppress(ProcessLookupError):  # the group is already gone
        os.killpg(pgid, signal.SIGKILL)
