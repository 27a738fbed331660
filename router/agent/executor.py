"""Runs scripts: the start-up probe (does the sandbox work here? it also warms the uv cache every
run copies), then per script a slot, a fresh folder, the run's gateway socket and the sandboxed
process, its output as text with what was cut or killed noted on stderr."""

from __future__ import annotations

import asyncio
import logging
import math
import os
import pwd
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from router.agent.bytecode import PROBE_SCRIPT, Bytecode, probe_tag
from router.agent.config import UNSAFE_ENV, AgentConfig
from router.agent.gateway import Gateway
from router.agent.process import ProcessOutcome, run_process
from router.agent.result import Call
from router.agent.sandbox import SYSTEM_PYTHON, UV_CACHE, Limits, Sandbox, find_uv
from router.agent.workspace import SCRIPT, RunsDir, Slots, Workspace, reachable_by_others
from router.upstream import Endpoint

__all__ = ["Execution", "Executor", "SandboxUnavailable"]

log = logging.getLogger("router.agent")

_PROBE_TIMEOUT = 60.0  # the first uv start fills its cache


class SandboxUnavailable(Exception):
    """Scripts cannot run on this host; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Execution:
    exit_code: int
    stdout: str
    stderr: str
    duration_ms: float
    timed_out: bool
    calls: tuple[Call, ...]


class Executor:
    """Owns the runs directory, the slots and the sandbox chosen by the probe."""

    def __init__(self, config: AgentConfig) -> None:
        self.config = config
        self.runs = RunsDir(config.keep_runs)
        self.slots = Slots(config.max_runs)
        self.sandbox = Sandbox(bwrap=None, uv=None, uid_base=None)
        self.problem: str | None = "the sandbox probe has not finished"
        self.warning: str | None = None
        self._uv_cache: Path | None = None
        self._probing: asyncio.Task[None] | None = None
        self._removals: set[asyncio.Future[None]] = set()
        self.bytecode = Bytecode()

    def start(self) -> None:
        """Start the probe; runs wait for it."""
        self._probing = asyncio.create_task(self._probe())

    async def ready(self) -> Sandbox:
        """The sandbox, once probed; SandboxUnavailable when runs are refused."""
        if self._probing is not None:
            await asyncio.shield(self._probing)
        if self.problem is not None:
            raise SandboxUnavailable(
                f"agent runs are refused: {self.problem} (the operator can set "
                f"{UNSAFE_ENV}=1 to run scripts without a sandbox, unsafely)"
            )
        return self.sandbox

    async def execute(
        self,
        service: str,
        endpoint: Endpoint,
        client: tuple[str, bytes],
        script: str,
        timeout: float,
        on_call: Callable[[Call], None],
    ) -> Execution:
        """Run ``script`` next to ``client`` (file name, source); its socket reaches ``endpoint``.
        Raises Busy when no slot frees up within the queue timeout."""
        sandbox = await self.ready()
        async with self.slots.take(self.config.queue_timeout) as slot:
            workspace = self.runs.workspace(service)
            gateway = Gateway(
                workspace.socket_path, endpoint, self.config.policy(service), timeout, on_call
            )
            failed = True
            try:
                uid = sandbox.uid(slot)
                await asyncio.to_thread(self._prepare, workspace, script, client, uid)
                await gateway.start(uid)
                outcome = await self._run(sandbox, workspace, slot, timeout)
                failed = outcome.exit_code != 0 or outcome.timed_out
            finally:
                await gateway.close()
                self._finish(workspace, failed)
        return _execution(outcome, timeout, self.config.output_bytes, tuple(gateway.calls))

    async def close(self) -> None:
        if self._probing is not None:
            self._probing.cancel()
        if self._removals:
            await asyncio.wait(self._removals)
        await asyncio.to_thread(self.runs.close)

    def _prepare(
        self, workspace: Workspace, script: str, client: tuple[str, bytes], uid: int | None
    ) -> None:
        pyc = self.bytecode.pyc(*client)
        files = [client] if pyc is None else [client, pyc]
        workspace.prepare(script, files, self._uv_cache, uid)

    def _finish(self, workspace: Workspace, failed: bool) -> None:
        """Keep a failed run's folder if asked; else remove it in the background, after the
        answer has gone out (it is a few milliseconds of file system work)."""
        if failed and self.runs.keep_failed:
            log.info("agent: kept the failed run in %s", workspace.root)
            return
        removal = asyncio.ensure_future(asyncio.to_thread(workspace.remove))
        self._removals.add(removal)
        removal.add_done_callback(self._removals.discard)

    async def _run(
        self, sandbox: Sandbox, workspace: Workspace, slot: int, timeout: float
    ) -> ProcessOutcome:
        limits = Limits(
            cpu_seconds=max(1, math.ceil(timeout)),
            memory_bytes=self.config.memory_bytes,
            processes=self.config.processes,
            file_bytes=self.config.file_bytes,
        )
        return await run_process(
            sandbox.command(workspace.dirs, SCRIPT, slot, limits),
            env=sandbox.env(workspace.dirs),
            cwd=workspace.dirs.work,
            timeout=timeout,
            output_cap=self.config.output_bytes,
        )

    async def _probe(self) -> None:
        uv = await asyncio.to_thread(self._reachable_uv)
        if uv is None:
            self.warning = "uv is not installed: scripts run with the interpreter directly"
            log.warning("agent: %s", self.warning)
        bwrap = shutil.which(self.config.bwrap)
        uid_base = self.config.uid_base if os.geteuid() == 0 else None
        problem: str | None
        if bwrap is None:
            problem = f"bubblewrap ({self.config.bwrap}) is not installed (Debian: bubblewrap)"
        elif not os.path.exists(SYSTEM_PYTHON):
            problem = f"no system interpreter at {SYSTEM_PYTHON} for the sandbox (Debian: python3)"
        elif uid_base is not None and (taken := _taken_uid(uid_base, self.config.max_runs)):
            problem = taken
        else:
            problem = await self._try(Sandbox(bwrap, uv, uid_base))
        if problem is not None and self.config.unsafe_no_sandbox:
            self.warning = f"UNSAFE: scripts run WITHOUT a sandbox ({problem})"
            log.critical("agent: %s, because %s=1", self.warning, UNSAFE_ENV)
            problem = await self._try(Sandbox(None, uv, None))
        if problem is not None:
            log.error("agent runs refused: %s", problem)
        self.problem = problem

    async def _try(self, sandbox: Sandbox) -> str | None:
        """Run the probe script under ``sandbox``: None when it works (and it becomes the
        sandbox), else why not."""
        workspace = self.runs.workspace("probe")
        try:
            uid = sandbox.uid(0)
            await asyncio.to_thread(workspace.prepare, PROBE_SCRIPT, (), None, uid)
            outcome = await self._run(sandbox, workspace, 0, _PROBE_TIMEOUT)
            if outcome.exit_code != 0 or not outcome.stdout.startswith(b"sandbox ok "):
                reason = outcome.stderr.decode(errors="replace").strip().splitlines() or [
                    "no output"
                ]
                return f"the sandbox does not work on this host: {reason[-1]}"
            cache = workspace.dirs.work / UV_CACHE
            if sandbox.uv is not None and cache.is_dir():
                self._uv_cache = self.runs.path / UV_CACHE
                await asyncio.to_thread(shutil.move, cache, self._uv_cache)
            self.sandbox = sandbox
            self.bytecode.tag = probe_tag(outcome.stdout)
            return None
        except OSError as error:
            return f"the sandbox cannot start: {error}"
        finally:
            await asyncio.to_thread(workspace.remove)

    def _reachable_uv(self) -> str | None:
        """The uv binary, copied into the runs directory when a run slot could not open it."""
        uv = find_uv()
        if uv is None or os.geteuid() != 0 or reachable_by_others(Path(uv)):
            return uv
        copy = self.runs.path / "uv"
        shutil.copy2(uv, copy)
        copy.chmod(0o755)
        return str(copy)


def _execution(
    outcome: ProcessOutcome, timeout: float, cap: int, calls: tuple[Call, ...]
) -> Execution:
    notes = []
    if outcome.dropped_stdout:
        notes.append(f"stdout cut at {cap} bytes: {outcome.dropped_stdout} more bytes dropped")
    if outcome.dropped_stderr:
        notes.append(f"stderr cut at {cap} bytes: {outcome.dropped_stderr} more bytes dropped")
    if outcome.timed_out:
        notes.append(f"killed after the {timeout:g} s wall timeout")
    stderr = outcome.stderr.decode(errors="replace")
    stderr += "".join(f"\n[hero_router: {note}]" for note in notes)
    return Execution(
        exit_code=outcome.exit_code,
        stdout=outcome.stdout.decode(errors="replace"),
        stderr=stderr,
        duration_ms=outcome.duration_ms,
        timed_out=outcome.timed_out,
        calls=calls,
    )


def _taken_uid(base: int, slots: int) -> str | None:
    """Why the run slots' uids (``base`` + slot) cannot be used: one is a user's (a script would
    run as that user); None when they are all free."""
    for uid in range(base, base + slots):
        try:
            user = pwd.getpwuid(uid).pw_name
        except KeyError:
            continue
        last = base + slots - 1
        return (
            f"run slot uid {uid} belongs to user {user!r}: set [agent] uid_base to the first of"
            f" {slots} unused uids (now {base}..{last})"
        )
    return None
