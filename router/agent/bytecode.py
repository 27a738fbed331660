"""The generated client compiled once per source for the sandbox's interpreter: an unchecked-hash
.pyc (PEP 552) each run folder gets, so scripts do not compile 60 KB of client every run."""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import py_compile
import sys
import tempfile
from pathlib import Path

__all__ = ["PROBE_SCRIPT", "Bytecode", "probe_tag"]

log = logging.getLogger("router.agent")

PROBE_SCRIPT = (
    "import importlib.util, sys\n"
    'print("sandbox ok", sys.implementation.cache_tag, importlib.util.MAGIC_NUMBER.hex())\n'
)
_KEPT = 64


def probe_tag(stdout: bytes) -> str | None:
    """The sandbox interpreter's cache tag, from the probe's output, when the router's own
    interpreter writes the same bytecode; else None (scripts then compile the client)."""
    words = stdout.decode(errors="replace").split()
    ours = [sys.implementation.cache_tag, importlib.util.MAGIC_NUMBER.hex()]
    return words[2] if words[2:] == ours else None


class Bytecode:
    """Compiled clients by source digest; ``tag`` None: none are made."""

    def __init__(self) -> None:
        self.tag: str | None = None
        self._made: dict[bytes, tuple[str, bytes]] = {}

    def pyc(self, filename: str, source: bytes) -> tuple[str, bytes] | None:
        """(path relative to the run folder, bytes) of ``filename``'s .pyc; blocking."""
        if self.tag is None:
            return None
        digest = hashlib.sha256(source).digest()
        if digest not in self._made:
            if len(self._made) >= _KEPT:
                self._made.clear()
            try:
                data = _compiled(filename, source)
            except py_compile.PyCompileError as error:
                log.warning("agent: %s does not compile: %s", filename, error.msg)
                return None
            self._made[digest] = (f"__pycache__/{Path(filename).stem}.{self.tag}.pyc", data)
        return self._made[digest]


def _compiled(filename: str, source: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / filename
        path.write_bytes(source)
        compiled = path.with_suffix(".pyc")
        py_compile.compile(
            str(path),
            cfile=str(compiled),
            dfile=filename,
            doraise=True,
            # Unchecked: the copy in each run folder has a new mtime, which a timestamp-based
            # .pyc would take for a change; the hash is right by construction.
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
        return compiled.read_bytes()
