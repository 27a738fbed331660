"""Per-run folders under one private runs directory: the script, a copy of the generated client and
of the warmed uv cache, the run's socket folder; owned by the run slot's uid; removed (or kept)
afterwards. Slots bound how many scripts run at once."""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import stat
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from router.agent.sandbox import UV_CACHE, RunDirs

__all__ = ["Busy", "RunsDir", "Slots", "Workspace", "reachable_by_others"]

SCRIPT = "script.py"
_PREFIX = "hero-agent-"


class Busy(Exception):
    """No run slot came free within the queue timeout."""


class Slots:
    """``count`` numbered slots; a run holds one (its uid is ``uid_base + slot``)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._free: asyncio.Queue[int] = asyncio.Queue()
        for slot in range(count):
            self._free.put_nowait(slot)

    @asynccontextmanager
    async def take(self, timeout: float) -> AsyncIterator[int]:
        try:
            slot = await asyncio.wait_for(self._free.get(), timeout)
        except TimeoutError:
            raise Busy(
                f"busy: {self.count} scripts are running and none finished within {timeout:g} s"
            ) from None
        try:
            yield slot
        finally:
            self._free.put_nowait(slot)


class Workspace:
    """One attempt's folders: ``<runs>/<n>-<service>/{work,sockets/<service>}``."""

    def __init__(self, root: Path, service: str) -> None:
        self.root = root
        self.dirs = RunDirs(work=root / "work", sockets=root / "sockets")
        self.socket_path = self.dirs.sockets / service / "rpc.sock"

    def prepare(
        self,
        script: str,
        files: Sequence[tuple[str, bytes]],
        uv_cache: Path | None,
        uid: int | None,
    ) -> None:
        """Write the script and ``files`` (path in the folder, bytes); copy the uv cache; hand
        the folder to ``uid``."""
        for folder in (self.root, self.dirs.sockets, self.socket_path.parent):
            folder.mkdir(mode=0o711)
        self.dirs.work.mkdir(mode=0o700)
        (self.dirs.work / SCRIPT).write_text(script, encoding="utf-8")
        for name, data in files:
            path = self.dirs.work / name
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
        if uv_cache is not None:
            shutil.copytree(uv_cache, self.dirs.work / UV_CACHE)
        if uid is not None:
            for path in [self.dirs.work, *self.dirs.work.rglob("*")]:
                os.chown(path, uid, uid, follow_symlinks=False)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class RunsDir:
    """A private directory (mode 0711: run slots may pass, not list) holding the run folders,
    named for the router's pid: those of routers that died without removing theirs are removed
    (unless failed runs are kept)."""

    def __init__(self, keep_failed: bool) -> None:
        if not keep_failed:
            _remove_orphans(Path(tempfile.gettempdir()))
        self.path = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-"))
        self.path.chmod(0o711)
        self.keep_failed = keep_failed
        self._numbers = itertools.count(1)

    def workspace(self, service: str) -> Workspace:
        return Workspace(self.path / f"{next(self._numbers):05d}-{service}", service)

    def close(self) -> None:
        if not self.keep_failed:
            shutil.rmtree(self.path, ignore_errors=True)


def _remove_orphans(temp: Path) -> None:
    for folder in temp.glob(f"{_PREFIX}*-*"):
        pid = folder.name.removeprefix(_PREFIX).split("-")[0]
        mine = folder.stat().st_uid == os.geteuid()
        if pid.isdigit() and mine and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def reachable_by_others(path: Path) -> bool:
    """Whether any uid may run ``path``: it is world-executable and every folder above it is
    world-searchable (a run slot's bubblewrap opens it with that uid)."""
    resolved = path.resolve()
    if not resolved.stat().st_mode & stat.S_IXOTH:
        return False
    return all(parent.stat().st_mode & stat.S_IXOTH for parent in resolved.parents)
