"""Settings: one frozen object built once from the command-line flags, the environment and the
optional TOML file; every problem is a SettingsError with a one-line message."""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from router.agent.config import AgentConfig, agent_config
from router.registry import ROUTER_NAME, is_service_name
from router.upstream import Endpoint

__all__ = [
    "DEFAULT_CACHE_DIR",
    "DEFAULT_LISTEN",
    "TOKEN_ENV",
    "ConfiguredService",
    "Settings",
    "SettingsError",
    "load_settings",
]

DEFAULT_LISTEN = "127.0.0.1:9988"
DEFAULT_CACHE_DIR = Path("~/.hero/var/router/python")
TOKEN_ENV = "HERO_ROUTER_TOKEN"
_TOML_KEYS = {"fetch_timeout", "proxy_timeout", "services", "agent"}


class SettingsError(Exception):
    """A flag, variable or config entry the router cannot start with."""


@dataclass(frozen=True, slots=True)
class ConfiguredService:
    """A service named in the TOML file, reached over a socket path or an http(s) URL."""

    name: str
    endpoint: Endpoint


@dataclass(frozen=True, slots=True)
class Settings:
    socket_dir: Path
    cache_dir: Path
    host: str = "127.0.0.1"
    port: int = 9988
    scan_interval: float = 30.0
    fetch_timeout: float = 3.0
    proxy_timeout: float = 30.0
    log_level: str = "info"
    token: str | None = None
    services: tuple[ConfiguredService, ...] = field(default=())
    agent: AgentConfig = field(default_factory=AgentConfig)

    @property
    def socket_path(self) -> Path:
        """The router's own JSON-RPC socket."""
        return self.socket_dir / ROUTER_NAME / "rpc.sock"

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def _default_socket_dir() -> Path:
    return Path(os.environ.get("HERO_SOCKET_DIR") or "~/hero/var/sockets")


def load_settings(
    *,
    socket_dir: Path | None = None,
    cache_dir: Path | None = None,
    listen: str = DEFAULT_LISTEN,
    scan_interval: float = 30.0,
    config: Path | None = None,
    log_level: str = "info",
    keep_runs: bool = False,
) -> Settings:
    """Settings from flags (None: the default), ``HERO_SOCKET_DIR``, ``HERO_ROUTER_TOKEN`` and
    the TOML file at ``config``."""
    host, port = parse_listen(listen)
    token = os.environ.get(TOKEN_ENV) or None
    if not _is_loopback(host) and token is None:
        raise SettingsError(
            f"--listen {listen} is not loopback: set {TOKEN_ENV} to require a token"
        )
    if scan_interval <= 0:
        raise SettingsError(f"--scan-interval must be positive, got {scan_interval:g}")
    table = _read_toml(config) if config is not None else {}
    return Settings(
        socket_dir=(socket_dir or _default_socket_dir()).expanduser(),
        cache_dir=(cache_dir or DEFAULT_CACHE_DIR).expanduser(),
        host=host,
        port=port,
        scan_interval=scan_interval,
        fetch_timeout=_seconds(table, "fetch_timeout", 3.0),
        proxy_timeout=_seconds(table, "proxy_timeout", 30.0),
        log_level=log_level,
        token=token,
        services=_services(table.get("services", {})),
        agent=_agent(table.get("agent", {}), keep_runs),
    )


def parse_listen(listen: str) -> tuple[str, int]:
    """``HOST:PORT`` or ``[IPv6]:PORT`` -> (host, port)."""
    host, colon, port = listen.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not colon or not host or not port.isdigit() or int(port) > 65535:
        raise SettingsError(f"--listen must be HOST:PORT, got {listen!r}")
    return host, int(port)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _read_toml(path: Path) -> dict[str, object]:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SettingsError(f"{path}: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: {error}") from None
    unknown = sorted(set(table) - _TOML_KEYS)
    if unknown:
        raise SettingsError(f"{path}: unknown key {unknown[0]!r} (known: {sorted(_TOML_KEYS)})")
    return table


def _seconds(table: Mapping[str, object], key: str, default: float) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise SettingsError(f"config: {key} must be a positive number of seconds, got {value!r}")
    return float(value)


def _agent(table: object, keep_runs: bool) -> AgentConfig:
    try:
        return agent_config(table, keep_runs)
    except ValueError as error:
        raise SettingsError(str(error)) from None


def _services(table: object) -> tuple[ConfiguredService, ...]:
    if not isinstance(table, dict):
        raise SettingsError("config: [services] must be a table of service tables")
    return tuple(_service(name, entry) for name, entry in table.items())


def _service(name: str, entry: object) -> ConfiguredService:
    where = f"config: services.{name}"
    if not is_service_name(name) or name == ROUTER_NAME:
        raise SettingsError(f"{where}: service names are lower-case snake case ([a-z][a-z0-9_]*)")
    if not isinstance(entry, dict) or set(entry) not in ({"socket"}, {"url"}):
        raise SettingsError(f"{where}: give exactly one of socket = PATH or url = URL")
    value = entry.get("socket", entry.get("url"))
    if not isinstance(value, str) or not value:
        raise SettingsError(f"{where}: the socket path or URL must be a non-empty string")
    if "socket" in entry:
        return ConfiguredService(name, Endpoint(socket_path=str(Path(value).expanduser())))
    try:
        return ConfiguredService(name, Endpoint.from_url(value))
    except ValueError as error:
        raise SettingsError(f"{where}: {error}") from None
