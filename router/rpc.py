"""The router's own JSON-RPC methods (rpc.discover, router.*), described by router/openrpc.json and
served on POST /rpc and on the router's socket."""

from __future__ import annotations

import functools
import json
import time
from importlib import resources

from router.cache import Cache, Kind
from router.jsonrpc import Json, Method, ParamSpec, RpcError
from router.registry import Registry, is_service_name
from router.scanner import Scanner

__all__ = ["NO_CLIENT", "UNKNOWN_SERVICE", "router_document", "router_methods"]

UNKNOWN_SERVICE = -32001
NO_CLIENT = -32002


@functools.cache
def router_document() -> Json:
    """router/openrpc.json, parsed once."""
    return json.loads(resources.files("router").joinpath("openrpc.json").read_bytes())


def _service_name(value: Json) -> str | None:
    return None if is_service_name(value) else "not a service name ([a-z][a-z0-9_]{0,63})"


_SERVICE = ParamSpec("service", required=True, types=("string",), check=_service_name)


def router_methods(registry: Registry, cache: Cache, scanner: Scanner) -> list[Method]:
    """The methods, bound to the router's state."""

    async def discover(params: dict[str, Json]) -> Json:
        return router_document()

    async def services_list(params: dict[str, Json]) -> Json:
        return [record.as_json() for record in registry.records()]

    async def scan(params: dict[str, Json]) -> Json:
        started = time.perf_counter()
        changes = await scanner.scan()
        elapsed = (time.perf_counter() - started) * 1000
        return {"changes": [change.as_json() for change in changes], "duration_ms": elapsed}

    def source(kind: Kind) -> Method:
        async def handler(params: dict[str, Json]) -> Json:
            return python_source(registry, cache, params["service"], kind)

        return Method(f"router.python_{kind}", handler, (_SERVICE,))

    return [
        Method("rpc.discover", discover),
        Method("router.services.list", services_list),
        Method("router.scan", scan),
        source("client"),
        source("interface"),
    ]


def python_source(registry: Registry, cache: Cache, service: str, kind: Kind) -> str:
    """The cached source, or the JSON-RPC error that names the service and says why not."""
    entry = cache.get(service)
    if entry is not None:
        return entry.source(kind).decode()
    record = registry.get(service)
    if record is None:
        raise RpcError(UNKNOWN_SERVICE, f"unknown service: {service}", {"service": service})
    raise RpcError(
        NO_CLIENT,
        f"no client for {service} yet: {record.status}: {record.message}",
        {"service": service, "status": record.status},
    )
