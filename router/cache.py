"""Cache: spec hash -> generated client, interface and spec, on disk (atomic writes) and in memory.

Generation runs in a worker process, one at a time; a failed one leaves the last good files alone.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import multiprocessing
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from generator import SpecError, generate

# Straight from the submodule: once generator.write (the module) is imported, the package
# attribute ``generator.write`` is that module, not the function.
from generator.write import write, write_if_changed
from router.registry import is_service_name

__all__ = ["Cache", "CachedClient", "Kind", "Refused", "spec_sha256"]

log = logging.getLogger("router.cache")
Kind = Literal["client", "interface"]


def spec_sha256(document: object) -> str:
    """sha256 of the canonical JSON spec: the same digest the generator puts in its header."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class CachedClient:
    """The files generated from one spec; ``generated_at`` is a Unix time."""

    service: str
    spec_sha256: str
    spec_version: str
    method_count: int
    client_class: str
    generated_at: float
    client: bytes = field(repr=False)
    interface: bytes = field(repr=False)
    spec: bytes = field(repr=False)

    def source(self, kind: Kind) -> bytes:
        return self.client if kind == "client" else self.interface

    def filename(self, kind: Kind) -> str:
        """The file's name, in the cache and for downloads: ``<service>_client.py``."""
        return f"{self.service}_{kind}.py"

    def meta(self) -> str:
        return json.dumps({key: getattr(self, key) for key in _META_FIELDS}, indent=2) + "\n"


_META_FIELDS = (
    "service",
    "spec_sha256",
    "spec_version",
    "method_count",
    "client_class",
    "generated_at",
)


class Refused(Exception):
    """The generator refused the spec (the last good files stay); the message is one line."""


class Cache:
    """Generated files by service name, under ``directory``: ``<name>_client.py``,
    ``<name>_interface.py``, ``<name>.openrpc.json`` and ``<name>.meta.json`` (written last)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._entries: dict[str, CachedClient] = {}
        self._worker: ProcessPoolExecutor | None = None

    def get(self, name: str) -> CachedClient | None:
        return self._entries.get(name)

    def load(self) -> list[str]:
        """Read what earlier runs left (blocking: call at startup, in a thread); returns the
        services found. Anything incomplete or inconsistent is skipped and regenerated later."""
        for meta in sorted(self.directory.glob("*.meta.json")):
            try:
                entry = _read_entry(meta)
            except (OSError, ValueError, KeyError, TypeError) as error:
                log.warning("cache: ignoring %s: %s", meta.name, error)
                continue
            self._entries[entry.service] = entry
        return sorted(self._entries)

    async def regenerate(self, name: str, document: dict[str, Any]) -> CachedClient:
        """Generate and store the files for ``document``; raises Refused (and keeps the last
        good files) when no client can be made from it.

        Generation runs in a worker process, one spec at a time. In a thread it held the GIL
        for up to 0.7 s at a stretch and proxied calls waited (bench/router.py: p99 76 ms)."""
        if self._worker is None:
            context = multiprocessing.get_context("spawn")
            self._worker = ProcessPoolExecutor(1, context, initializer=_leave_sigint_to_the_router)
        loop = asyncio.get_running_loop()
        try:
            outcome = await loop.run_in_executor(
                self._worker, _generate_and_write, self.directory, name, document
            )
        except BrokenProcessPool:
            self._worker = None  # a new one next time
            raise
        if isinstance(outcome, str):
            raise Refused(outcome)
        self._entries[name] = outcome
        return outcome

    def close(self) -> None:
        """Stop the worker process, if one was started."""
        if self._worker is not None:
            self._worker.shutdown(cancel_futures=True)
            self._worker = None


def _leave_sigint_to_the_router() -> None:
    # Ctrl-C reaches the whole process group; the router shuts the worker down itself, so the
    # worker should not die first with a KeyboardInterrupt traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _generate_and_write(directory: Path, name: str, document: dict[str, Any]) -> CachedClient | str:
    """In the worker: the new entry, or why the generator refused the spec (a string, because
    SpecError does not survive pickling)."""
    try:
        generated = generate(document, service=name)
    except SpecError as error:
        return f"{error.pointer or '/'}: {error.message}"
    spec = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    entry = CachedClient(
        service=name,
        spec_sha256=generated.spec_sha256,
        spec_version=generated.spec_version,
        method_count=generated.method_count,
        client_class=generated.client_class,
        generated_at=time.time(),
        client=generated.client.encode(),
        interface=generated.interface.encode(),
        spec=spec.encode(),
    )
    write(generated, directory)
    write_if_changed(directory / f"{name}.openrpc.json", spec)
    write_if_changed(directory / f"{name}.meta.json", entry.meta())  # last: it commits the rest
    return entry


def _read_entry(meta_path: Path) -> CachedClient:
    meta = json.loads(meta_path.read_bytes())
    name = meta_path.name.removesuffix(".meta.json")
    if meta["service"] != name or not is_service_name(name):
        raise ValueError(f"names service {meta['service']!r}")
    directory = meta_path.parent
    spec = (directory / f"{name}.openrpc.json").read_bytes()
    if spec_sha256(json.loads(spec)) != meta["spec_sha256"]:
        raise ValueError("the spec file does not match the recorded hash")
    return CachedClient(
        **{key: meta[key] for key in _META_FIELDS},
        client=(directory / f"{name}_client.py").read_bytes(),
        interface=(directory / f"{name}_interface.py").read_bytes(),
        spec=spec,
    )
