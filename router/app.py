"""Builds the router's ASGI app (routes, JSON-RPC, proxy; the scanner runs in its lifespan) and
serves it, behind the proxy's fast path, on TCP and on <socket-dir>/hero_router/rpc.sock from one
event loop."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp

from router.agent.endpoints import agent_method, agent_routes
from router.agent.loop import build_agent
from router.cache import Cache
from router.fastpath import fast_path
from router.jsonrpc import Dispatcher
from router.proxy import Proxy
from router.registry import Registry
from router.relay import Relay
from router.routes import ProxyEndpoint, ProxyFirst, RequireToken, http_error, http_routes
from router.rpc import router_methods
from router.scanner import Scanner
from router.settings import Settings
from router.unix_socket import bind_unix_socket, serve
from router.web import web_routes

__all__ = ["ListenError", "Served", "bind", "build_router", "run"]

log = logging.getLogger("router")


class ListenError(Exception):
    """The TCP address cannot be listened on."""


@dataclass(frozen=True, slots=True)
class Served:
    """The router as uvicorn serves it: the ASGI app, and the HTTP protocol in front of it."""

    app: ASGIApp
    http: type[asyncio.Protocol]


def build_router(settings: Settings) -> Served:
    """The router; the app's lifespan loads the cache and runs the scanner."""
    registry = Registry()
    cache = Cache(settings.cache_dir)
    scanner = Scanner(settings, registry, cache)
    proxy = Proxy(settings.proxy_timeout)
    relay = Relay(settings.proxy_timeout)
    agent = build_agent(settings, registry, cache)
    dispatcher = Dispatcher([*router_methods(registry, cache, scanner), agent_method(agent)])

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        reused = await asyncio.to_thread(cache.load)
        log.info("cache %s: %d clients from earlier runs", settings.cache_dir, len(reused))
        scanning = asyncio.create_task(scanner.run())
        agent.start()
        try:
            yield
        finally:
            await agent.close()
            scanning.cancel()
            with suppress(asyncio.CancelledError):
                await scanning
            await proxy.close()
            relay.close()
            cache.close()

    proxy_endpoint = ProxyEndpoint(registry, proxy)
    routed = Starlette(
        routes=[
            *http_routes(registry, cache, proxy_endpoint, dispatcher, relay),
            *agent_routes(agent),
            *web_routes(registry, cache, settings),
        ],
        lifespan=lifespan,
        exception_handlers={HTTPException: http_error},
    )
    app: ASGIApp = ProxyFirst(routed, proxy_endpoint)
    if settings.token:
        app = RequireToken(app, settings.token)
    return Served(app, fast_path(registry, relay, settings.token))


def bind(settings: Settings) -> list[socket.socket]:
    """The TCP socket (``settings.port`` 0 picks a free port) and the router's Unix socket."""
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    try:
        tcp = socket.create_server((settings.host, settings.port), family=family)
    except OSError as error:
        where = f"{settings.host}:{settings.port}"
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise ListenError(f"cannot listen on {where}: {reason}") from None
    try:
        return [tcp, bind_unix_socket(settings.socket_path)]
    except BaseException:
        tcp.close()
        raise


def run(settings: Settings, sockets: list[socket.socket]) -> None:
    """Serve the router on ``sockets`` (from `bind`) until SIGINT or SIGTERM."""
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    router = build_router(settings)
    serve(router.app, sockets, log_level=settings.log_level, http=router.http)
