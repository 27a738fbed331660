"""Agent settings: the [agent] table of the router's TOML file, --keep-runs and the environment ->
one frozen AgentConfig; a bad entry is a ValueError with a one-line message."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["UNSAFE_ENV", "AgentConfig", "MethodPolicy", "agent_config"]

UNSAFE_ENV = "HERO_ROUTER_UNSAFE_NO_SANDBOX"
_KEYS = {"max_runs", "queue_timeout", "memory_mb", "processes", "file_mb", "uid_base", "methods"}


@dataclass(frozen=True, slots=True)
class MethodPolicy:
    """Which of a service's methods agent scripts may call: shell-style patterns (``book.*``);
    an empty allow list allows everything the deny list does not name."""

    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()

    def refuses(self, method: str) -> bool:
        if any(fnmatch.fnmatchcase(method, pattern) for pattern in self.deny):
            return True
        return bool(self.allow) and not any(fnmatch.fnmatchcase(method, p) for p in self.allow)


@dataclass(frozen=True, slots=True)
class AgentConfig:
    """How agent runs are limited. ``max_runs`` scripts run at once, each as its own
    unprivileged uid (``uid_base`` + slot) when the router runs as root; more wait up to
    ``queue_timeout`` seconds."""

    max_runs: int = 4
    queue_timeout: float = 30.0
    keep_runs: bool = False
    memory_bytes: int = 1 << 30
    processes: int = 64
    file_bytes: int = 64 << 20
    output_bytes: int = 1 << 20
    uid_base: int = 61000
    unsafe_no_sandbox: bool = False
    bwrap: str = "bwrap"
    policies: Mapping[str, MethodPolicy] = field(default_factory=lambda: MappingProxyType({}))

    def policy(self, service: str) -> MethodPolicy:
        return self.policies.get(service, _ALLOW_ALL)


_ALLOW_ALL = MethodPolicy()


def agent_config(table: object, keep_runs: bool = False) -> AgentConfig:
    """The [agent] table (``{}`` when absent) -> AgentConfig; ``HERO_ROUTER_UNSAFE_NO_SANDBOX=1``
    and ``HERO_ROUTER_BWRAP`` (the bubblewrap binary) come from the environment."""
    if not isinstance(table, dict):
        raise ValueError("config: [agent] must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ValueError(f"config: unknown key agent.{unknown[0]} (known: {sorted(_KEYS)})")
    return AgentConfig(
        max_runs=int(_positive(table, "max_runs", 4, integer=True)),
        queue_timeout=float(_positive(table, "queue_timeout", 30, integer=False)),
        keep_runs=keep_runs,
        memory_bytes=int(_positive(table, "memory_mb", 1024, integer=True)) << 20,
        processes=int(_positive(table, "processes", 64, integer=True)),
        file_bytes=int(_positive(table, "file_mb", 64, integer=True)) << 20,
        uid_base=int(_positive(table, "uid_base", 61000, integer=True)),
        unsafe_no_sandbox=os.environ.get(UNSAFE_ENV, "") == "1",
        bwrap=os.environ.get("HERO_ROUTER_BWRAP") or "bwrap",
        policies=MappingProxyType(_policies(table.get("methods", {}))),
    )


def _positive(table: Mapping[str, object], key: str, default: int, integer: bool) -> float:
    value = table.get(key, default)
    kind = int if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind) or value <= 0:
        what = "integer" if integer else "number of seconds"
        raise ValueError(f"config: agent.{key} must be a positive {what}, got {value!r}")
    return value


def _policies(table: object) -> dict[str, MethodPolicy]:
    if not isinstance(table, dict):
        raise ValueError("config: [agent.methods] must be a table of service tables")
    return {name: _policy(name, entry) for name, entry in table.items()}


def _policy(service: str, entry: object) -> MethodPolicy:
    where = f"config: agent.methods.{service}"
    if not isinstance(entry, dict) or not set(entry) <= {"allow", "deny"}:
        raise ValueError(f"{where}: give allow = [...] and/or deny = [...]")
    lists = {}
    for key in ("allow", "deny"):
        patterns = entry.get(key, [])
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise ValueError(f"{where}.{key}: must be a list of method names or patterns")
        lists[key] = tuple(patterns)
    return MethodPolicy(**lists)
