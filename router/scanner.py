"""Scanner: find the services, fetch every spec concurrently, regenerate the changed ones, update
the registry; each change is logged on one line and returned."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import asdict, dataclass
from typing import Literal

from router.cache import Cache, Refused, spec_sha256
from router.discovery import BadSpec, Target, Unreachable, fetch_spec, find_targets
from router.registry import Registry, ServiceRecord, Status
from router.settings import Settings

__all__ = ["Change", "Scanner"]

log = logging.getLogger("router.scan")


@dataclass(frozen=True, slots=True)
class Change:
    """What one scan changed for one service."""

    service: str
    change: Literal["added", "regenerated", "status", "removed"]
    status: Status | None
    message: str
    spec_sha256: str | None

    def as_json(self) -> dict[str, object]:
        return asdict(self)


class Scanner:
    """Scans on demand and every ``scan_interval`` seconds; one scan at a time."""

    def __init__(self, settings: Settings, registry: Registry, cache: Cache) -> None:
        self.settings = settings
        self.registry = registry
        self.cache = cache
        self._lock = asyncio.Lock()
        # Specs the generator refused, by service: (hash, message), so they are not retried.
        self._refused: dict[str, tuple[str, str]] = {}

    async def run(self) -> None:
        """Scan now and then every interval, until cancelled."""
        while True:
            try:
                await self.scan()
            except Exception as error:  # the loop must outlive any one bad scan
                log.error("scan failed: %s: %s", type(error).__name__, error)
            await asyncio.sleep(self.settings.scan_interval)

    async def scan(self) -> list[Change]:
        """Scan now (after any scan under way) and return what changed."""
        async with self._lock:
            settings = self.settings
            targets = await asyncio.to_thread(find_targets, settings.socket_dir, settings.services)
            found = await asyncio.gather(*(self._scan_one(target) for target in targets))
            changes = [change for change in found if change is not None]
            live = {target.name for target in targets}
            for record in self.registry.records():
                if record.name not in live:
                    self.registry.remove(record.name)
                    changes.append(Change(record.name, "removed", None, "", record.spec_sha256))
            for change in changes:
                _log_change(change)
            self.registry.scans += 1
            return changes

    async def _scan_one(self, target: Target) -> Change | None:
        previous = self.registry.get(target.name)
        status, message, regenerated = await self._refresh(target)
        entry = self.cache.get(target.name)
        record = ServiceRecord(
            name=target.name,
            endpoint=target.endpoint,
            status=status,
            message=message,
            spec_sha256=entry.spec_sha256 if entry else None,
            spec_version=entry.spec_version if entry else None,
            method_count=entry.method_count if entry else 0,
            last_scan=time.time(),
            last_change=entry.generated_at if entry else None,
            generations=(previous.generations if previous else 0) + regenerated,
        )
        self.registry.put(record)
        if previous is None or regenerated:
            kind: Literal["added", "regenerated"] = "added" if previous is None else "regenerated"
            return Change(record.name, kind, status, message, record.spec_sha256)
        if (previous.status, previous.message) != (status, message):
            return Change(record.name, "status", status, message, record.spec_sha256)
        return None

    async def _refresh(self, target: Target) -> tuple[Status, str, bool]:
        """Fetch the spec and regenerate if its hash is new: (status, message, regenerated)."""
        try:
            document = await fetch_spec(target.endpoint, self.settings.fetch_timeout)
        except Unreachable as error:
            return "unreachable", str(error), False
        except BadSpec as error:
            return "bad_spec", str(error), False
        digest = spec_sha256(document)
        entry = self.cache.get(target.name)
        if entry is not None and entry.spec_sha256 == digest:
            return "ok", "", False
        refused = self._refused.get(target.name)
        if refused is not None and refused[0] == digest:
            return "bad_spec", refused[1], False
        try:
            await self.cache.regenerate(target.name, document)
        except Refused as error:
            message = str(error)
        except Exception as error:  # a generator bug must not stop the other services' scans
            message = f"generation failed: {type(error).__name__}: {error}"
        else:
            self._refused.pop(target.name, None)
            return "ok", "", True
        self._refused[target.name] = (digest, message)
        return "bad_spec", message, False


def _log_change(change: Change) -> None:
    name, status = change.service, change.status
    if change.change == "removed":
        log.info("%s: removed (its socket is gone)", name)
    elif status != "ok":
        log.warning("%s: %s: %s", name, status, change.message)
    elif change.change == "regenerated":
        log.info("%s: client regenerated (spec sha256 %s)", name, change.spec_sha256)
    else:
        log.info("%s: %s, ok (spec sha256 %s)", name, change.change, change.spec_sha256)
