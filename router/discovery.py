"""Discovery: the socket directory and the configured services -> Targets, and a Target -> its
OpenRPC document (``rpc.discover`` POSTed to /rpc, falling back to GET /openrpc.json)."""

from __future__ import annotations

import asyncio
import json
import logging
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.load import json_type
from router.registry import ROUTER_NAME, is_service_name
from router.settings import ConfiguredService
from router.upstream import Endpoint, Pool, UpstreamError

__all__ = ["BadSpec", "Target", "Unreachable", "fetch_spec", "find_targets"]

log = logging.getLogger("router.discovery")
_DISCOVER = b'{"jsonrpc":"2.0","method":"rpc.discover","id":1}'
_JSON = [(b"content-type", b"application/json"), (b"accept", b"application/json")]


class Unreachable(Exception):
    """No answer: nothing listens, the connection broke, or the timeout passed."""


class BadSpec(Exception):
    """The service answered, but with something that is not an OpenRPC document."""


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    endpoint: Endpoint


def find_targets(socket_dir: Path, configured: Iterable[ConfiguredService]) -> list[Target]:
    """Every ``<socket_dir>/<name>/rpc.sock`` (but the router's own), then the configured
    services, which win over a socket of the same name. Blocking: call it in a thread."""
    found: dict[str, Target] = {}
    try:
        entries = sorted(socket_dir.iterdir())
    except OSError:
        entries = []
    for folder in entries:
        socket_path = folder / "rpc.sock"
        if folder.name == ROUTER_NAME or not _is_socket(socket_path):
            continue
        if not is_service_name(folder.name):
            log.debug("skipping %s: not a service name ([a-z][a-z0-9_]*)", folder)
            continue
        found[folder.name] = Target(folder.name, Endpoint(socket_path=str(socket_path)))
    for service in configured:
        found[service.name] = Target(service.name, service.endpoint)
    return [found[name] for name in sorted(found)]


def _is_socket(path: Path) -> bool:
    try:
        return stat.S_ISSOCK(path.stat().st_mode)
    except OSError:
        return False


async def fetch_spec(endpoint: Endpoint, timeout: float) -> dict[str, Any]:
    """The service's OpenRPC document (a JSON object); both attempts share one ``timeout``."""
    pool = Pool(endpoint, max_idle=0)
    try:
        async with asyncio.timeout(timeout):
            status, body = await _request(pool, "POST", "/rpc", _DISCOVER)
            answer = _json(body) if status == 200 else None
            if isinstance(answer, dict) and "result" in answer:
                return _document(answer["result"], "rpc.discover")
            first = _why(status, answer)
            status, body = await _request(pool, "GET", "/openrpc.json", b"")
    except TimeoutError:
        raise Unreachable(f"no answer within {timeout:g} s") from None
    if status != 200:
        raise Unreachable(f"rpc.discover: {first}; GET /openrpc.json: HTTP {status}")
    document = _json(body)
    if document is None:
        raise BadSpec(f"rpc.discover: {first}; GET /openrpc.json: the answer is not JSON")
    return _document(document, "GET /openrpc.json")


def _document(value: object, where: str) -> dict[str, Any]:
    # Only an object may reach the generator, which would read a string as a path or a URL.
    if not isinstance(value, dict):
        raise BadSpec(f"{where}: the document is {json_type(value)}, not an object")
    return value


async def _request(pool: Pool, method: str, path: str, body: bytes) -> tuple[int, bytes]:
    try:
        async with pool.exchange(method, path, _JSON, body, timeout=3600) as response:
            return response.status, await response.read()
    except UpstreamError as error:
        raise Unreachable(str(error)) from None


def _json(body: bytes) -> object | None:
    try:
        value: object = json.loads(body)
    except ValueError:
        return None
    return value


def _why(status: int, answer: object) -> str:
    if status != 200:
        return f"HTTP {status}"
    if isinstance(answer, dict) and isinstance(answer.get("error"), dict):
        return f"error {answer['error'].get('code')}: {answer['error'].get('message')}"
    return "the answer is not a JSON-RPC response"
