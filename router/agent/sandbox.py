"""The command line a script runs under: prlimit (rlimits) -> setpriv (the run slot's unprivileged
uid, no capabilities; when the router is root) -> bwrap (read-only system, private run folder, no
network, no home) -> ``uv run --no-project --python /usr/bin/python3 script.py``."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "INSIDE_SOCKETS",
    "INSIDE_WORK",
    "SYSTEM_PYTHON",
    "UV_CACHE",
    "Limits",
    "RunDirs",
    "Sandbox",
    "find_uv",
]

log = logging.getLogger("router.agent")

SYSTEM_PYTHON = "/usr/bin/python3"
INSIDE_WORK = "/agent"
INSIDE_SOCKETS = "/run/hero/sockets"
UV_CACHE = ".uv-cache"
"""uv's cache, in the run folder: a copy of the one the start-up probe filled."""
_INSIDE_UV = "/run/hero/bin/uv"
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_TMP_BYTES = 64 << 20
_SHM_BYTES = 16 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    cpu_seconds: int
    memory_bytes: int
    processes: int
    file_bytes: int


@dataclass(frozen=True, slots=True)
class RunDirs:
    """A run's folders on the host: ``work`` (the script's writable folder and home) and
    ``sockets`` (``<service>/rpc.sock``, the run's socket to the router)."""

    work: Path
    sockets: Path


def find_uv() -> str | None:
    """The uv binary of the ``uv`` package, else the one on PATH."""
    try:
        from uv import find_uv_bin

        return find_uv_bin()
    except (ImportError, FileNotFoundError):
        return shutil.which("uv")


@dataclass(frozen=True, slots=True)
class Sandbox:
    """How scripts are started. ``bwrap`` None: no sandbox (the operator's explicit, unsafe
    choice). ``uv`` None: the interpreter runs the script itself. ``uid_base`` None: the router
    is not root, so scripts keep its uid (bubblewrap still drops everything else)."""

    bwrap: str | None
    uv: str | None
    uid_base: int | None

    @property
    def python(self) -> str:
        """The interpreter scripts run with: the system's inside the sandbox (the router's own
        may live under a home the sandbox hides), the router's own without one."""
        return SYSTEM_PYTHON if self.bwrap else sys.executable

    def uid(self, slot: int) -> int | None:
        return None if self.uid_base is None else self.uid_base + slot

    def command(self, dirs: RunDirs, script: str, slot: int, limits: Limits) -> list[str]:
        # Without a uid of its own the process limit would count the router user's processes.
        own_uid = self.uid(slot) is not None and self.bwrap is not None
        argv = [*_prlimit(limits, own_uid), *self._drop_privileges(slot)]
        if self.bwrap is None:
            return [*argv, *self._runner(self.uv, script)]
        inside_uv = _INSIDE_UV if self.uv else None
        return [*argv, *self._bwrap(dirs), *self._runner(inside_uv, script)]

    def env(self, dirs: RunDirs) -> dict[str, str]:
        """Everything the script's environment holds: no variable of the router's."""
        work = INSIDE_WORK if self.bwrap else str(dirs.work)
        return {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": work,
            "HERO_SOCKET_DIR": INSIDE_SOCKETS if self.bwrap else str(dirs.sockets),
            "LANG": "C.UTF-8",
            "PYTHONUNBUFFERED": "1",  # what a killed script printed still shows
            "UV_CACHE_DIR": f"{work}/{UV_CACHE}",
            "UV_OFFLINE": "1",
            "UV_PYTHON_DOWNLOADS": "never",
            "UV_NO_CONFIG": "1",
            "NO_COLOR": "1",
        }

    def _drop_privileges(self, slot: int) -> list[str]:
        uid = self.uid(slot)
        if uid is None or self.bwrap is None:
            return []
        ids = [f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
        caps = ["--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
        return ["setpriv", *ids, *caps, "--"]

    def _bwrap(self, dirs: RunDirs) -> list[str]:
        assert self.bwrap is not None
        isolation = ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent"]
        argv = [self.bwrap, *isolation, "--new-session", "--cap-drop", "ALL", *_system_binds()]
        argv += ["--ro-bind-try", "/etc/localtime", "/etc/localtime"]
        argv += ["--proc", "/proc", "--dev", "/dev", *_tmpfs("/dev/shm", _SHM_BYTES)]
        argv += ["--remount-ro", "/dev", *_tmpfs("/tmp", _TMP_BYTES)]
        argv += ["--bind", str(dirs.work), INSIDE_WORK]
        argv += ["--ro-bind", str(dirs.sockets), INSIDE_SOCKETS]
        if self.uv:
            argv += ["--ro-bind", self.uv, _INSIDE_UV]
        # The root is bubblewrap's own tmpfs: read-only, so the only places a script can write
        # are its run folder and the two small tmpfs (/tmp, /dev/shm).
        return [*argv, "--remount-ro", "/", "--chdir", INSIDE_WORK, "--"]

    def _runner(self, uv: str | None, script: str) -> list[str]:
        if uv is None:
            return [self.python, script]
        return [uv, "run", "--no-project", "--python", self.python, script]


def _prlimit(limits: Limits, own_uid: bool) -> list[str]:
    argv = ["prlimit", f"--cpu={limits.cpu_seconds}", f"--as={limits.memory_bytes}"]
    if own_uid:
        argv.append(f"--nproc={limits.processes}")
    # A few hundred descriptors: enough for any script, and a bound on its connections to the
    # router's gateway socket.
    return [*argv, f"--fsize={limits.file_bytes}", "--nofile=256", "--core=0", "--"]


def _tmpfs(path: str, size: int) -> list[str]:
    return ["--size", str(size), "--tmpfs", path]


def _system_binds() -> list[str]:
    """/usr read-only, and /bin, /lib... as the host has them: symlinks into /usr (merged /usr)
    or read-only directories."""
    binds: list[str] = []
    for path in _SYSTEM_DIRS:
        if os.path.islink(path):
            binds += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            binds += ["--ro-bind", path, path]
    return binds
