"""The router's one shared state: a ServiceRecord per discovered service, and the service-name rule.

The scanner writes records; the HTTP, proxy and JSON-RPC rooms read them through these functions.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Literal

from router.upstream import Endpoint

__all__ = ["ROUTER_NAME", "Registry", "ServiceRecord", "Status", "is_service_name"]

Status = Literal["ok", "unreachable", "bad_spec"]

# Lower-case ASCII snake case: a directory name, a URL segment and a Python module name at once,
# so no dots, slashes, NUL, percent signs or look-alike unicode ever reach a path or a file name.
_SERVICE_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")

ROUTER_NAME = "hero_router"


def is_service_name(name: str) -> bool:
    """Whether ``name`` is a valid service name (and so safe in paths and file names)."""
    return _SERVICE_NAME.fullmatch(name) is not None


@dataclass(frozen=True, slots=True)
class ServiceRecord:
    """What the router knows about one service; hash, version and counts describe the client
    files being served, which stay the last good ones while the service is down or broken."""

    name: str
    endpoint: Endpoint
    status: Status
    message: str
    spec_sha256: str | None
    spec_version: str | None
    method_count: int
    last_scan: float
    last_change: float | None
    generations: int

    def as_json(self) -> dict[str, object]:
        fields = asdict(self)
        fields["endpoint"] = str(self.endpoint)
        return fields


class Registry:
    """Records by service name; single-threaded use on the event loop."""

    def __init__(self) -> None:
        self._records: dict[str, ServiceRecord] = {}
        self.scans = 0
        """Scans completed since the router started."""

    def get(self, name: str) -> ServiceRecord | None:
        return self._records.get(name)

    def records(self) -> list[ServiceRecord]:
        """All records, sorted by service name."""
        return [self._records[name] for name in sorted(self._records)]

    def put(self, record: ServiceRecord) -> None:
        self._records[record.name] = record

    def remove(self, name: str) -> None:
        self._records.pop(name, None)
