"""HTTP room: client and spec downloads, the service list, health, the proxy route and the router's
own JSON-RPC endpoint. Errors are JSON with the right status; a token is checked if set (a bearer
header, or the pages' session cookie: see router/web/login.py)."""

from __future__ import annotations

import hmac

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from router.cache import Cache, CachedClient, Kind
from router.jsonrpc import Dispatcher, rpc_endpoint
from router.proxy import Proxy, ProxyError
from router.registry import Registry, is_service_name
from router.relay import Relay
from router.web.login import COOKIE, LOGIN_PATH, login_location, session_value
from router.web.pages import STATIC_PREFIX

__all__ = [
    "ProxyEndpoint",
    "ProxyFirst",
    "RequireToken",
    "bearer",
    "http_error",
    "http_routes",
    "json_error",
]

_COOKIE = COOKIE.encode()


def json_error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's HTTPExceptions (404, 405 and ours) as JSON, keeping their headers."""
    assert isinstance(exc, HTTPException)
    response = json_error(exc.status_code, exc.detail)
    response.headers.update(exc.headers or {})
    return response


def http_routes(
    registry: Registry, cache: Cache, proxy: ProxyEndpoint, dispatcher: Dispatcher, relay: Relay
) -> list[BaseRoute]:
    """The routes, bound to the router's state."""

    def cached(request: Request) -> CachedClient:
        name = _service_name(request.path_params["service"])
        entry = cache.get(name)
        if entry is not None:
            return entry
        record = registry.get(name)
        if record is None:
            raise HTTPException(404, f"unknown service: {name}")
        raise HTTPException(503, f"no client for {name} yet: {record.status}: {record.message}")

    def download(kind: Kind) -> Route:
        async def endpoint(request: Request) -> Response:
            entry = cached(request)
            disposition = f'attachment; filename="{entry.filename(kind)}"'
            headers = {"content-disposition": disposition, "x-spec-sha256": entry.spec_sha256}
            return Response(entry.source(kind), media_type="text/x-python", headers=headers)

        return Route(f"/{{service}}/python/{kind}.py", endpoint, methods=["GET"])

    async def spec(request: Request) -> Response:
        return Response(cached(request).spec, media_type="application/json")

    async def services(request: Request) -> Response:
        records = [record.as_json() for record in registry.records()]
        return JSONResponse({"services": records, "scans": registry.scans})

    async def healthz(request: Request) -> Response:
        # which path proxied how many calls: the fast path, or uvicorn's (what it hands over)
        proxied = {"fast_path": relay.sent, "uvicorn_path": proxy.proxy.forwarded}
        return JSONResponse(
            {
                "status": "ok",
                "services": len(registry.records()),
                "scans": registry.scans,
                "proxied": proxied,
            }
        )

    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/api/services", services, methods=["GET"]),
        Route("/rpc", rpc_endpoint(dispatcher), methods=["POST"]),
        download("client"),
        download("interface"),
        Route("/{service}/openrpc.json", spec, methods=["GET"]),
        # POSTs never get here (see ProxyFirst); the route keeps the 405 for other methods.
        Route("/{service}/rpc", proxy, methods=["POST"]),
    ]


def _service_name(name: str) -> str:
    if not is_service_name(name):
        raise HTTPException(400, f"invalid service name: {name[:80]!r}")
    return name


class ProxyEndpoint:
    """POST /<service>/rpc as a plain ASGI app, so the proxy can stream both ways."""

    def __init__(self, registry: Registry, proxy: Proxy) -> None:
        self.registry = registry
        self.proxy = proxy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = scope["path_params"]["service"]
        record = self.registry.get(name) if is_service_name(name) else None
        if record is not None:
            try:
                await self.proxy.forward(record.endpoint, scope, receive, send)
                return
            except ProxyError as error:
                response = json_error(error.status, f"{name}: {error.message}")
        elif is_service_name(name):
            response = json_error(404, f"unknown service: {name}")
        else:
            response = json_error(400, f"invalid service name: {name[:80]!r}")
        await response(scope, receive, send)


class ProxyFirst:
    """POST /<service>/rpc goes straight to the proxy, ahead of Starlette's middleware and route
    matching (15 us less per call at p50); everything else goes on to ``app``. Most calls never
    get here: router.fastpath answers them before uvicorn's protocol sees them."""

    def __init__(self, app: ASGIApp, proxy: ProxyEndpoint) -> None:
        self.app = app
        self.proxy = proxy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and scope["method"] == "POST" and _is_proxy_path(path):
            scope["path_params"] = {"service": path[1:-4]}
            await self.proxy(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _is_proxy_path(path: str) -> bool:
    """``/<one segment>/rpc``, the path of ``POST /{service}/rpc``."""
    return len(path) > 5 and path.endswith("/rpc") and path.count("/") == 2


class RequireToken:
    """Every HTTP request must carry ``Authorization: Bearer <token>`` or the pages' session
    cookie (both compared in constant time), except the sign-in page and the static files. A
    browser asking for a page without them is sent to sign in; the others get a JSON 401."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._expected = bearer(token)
        self._session = session_value(token).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self._let_in(scope):
            response: Response
            if scope["method"] == "GET" and b"text/html" in _header(scope, b"accept"):
                response = RedirectResponse(login_location(scope["path"]), status_code=303)
            else:
                response = json_error(401, "missing or wrong bearer token")
                response.headers["www-authenticate"] = "Bearer"
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _let_in(self, scope: Scope) -> bool:
        path: str = scope["path"]
        if path == LOGIN_PATH or path.startswith(STATIC_PREFIX + "/"):
            return True
        if hmac.compare_digest(_header(scope, b"authorization"), self._expected):
            return True
        cookies = (part.strip().partition(b"=") for part in _header(scope, b"cookie").split(b";"))
        session = next((value for name, _, value in cookies if name == _COOKIE), b"")
        return hmac.compare_digest(session, self._session)


def bearer(token: str) -> bytes:
    """The ``Authorization`` value that carries ``token``."""
    return b"Bearer " + token.encode()


def _header(scope: Scope, name: bytes) -> bytes:
    return next((value for key, value in scope["headers"] if key == name), b"")
