"""Web room: the admin pages (GET /, GET /services/<name>), the services fragment the list page
refreshes itself with, and the static files, rendered with Jinja2 from the registry and cache."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from generator.errors import SpecError
from router.cache import Cache
from router.registry import Registry, is_service_name
from router.settings import Settings
from router.web.catalog import ServiceView, service_view
from router.web.login import login_routes
from router.web.timefmt import ago, iso_time

__all__ = ["STATIC_PREFIX", "type_links", "web_routes"]

STATIC_PREFIX = "/_web/static"
"""Service names start with a letter, so no service's routes can collide with ``/_web``."""

_HERE = Path(__file__).parent
_WORDS = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)")
# Pages allow only the router's own scripts, styles and connections: no inline code, no CDN.
_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


def type_links(text: str, view: ServiceView) -> Markup:
    """Type text with each named schema linked to its card in the Types section."""
    names = view.schema_names
    parts = (
        Markup('<a href="#schema-{0}">{0}</a>').format(part) if part in names else escape(part)
        for part in _WORDS.split(text)
    )
    return Markup("").join(parts)


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["ago"] = ago
    env.filters["iso_time"] = iso_time
    env.filters["type_links"] = type_links
    env.globals["static"] = STATIC_PREFIX
    return Jinja2Templates(env=env)


def web_routes(registry: Registry, cache: Cache, settings: Settings) -> list[BaseRoute]:
    """The page routes and the static mount; mount them after the HTTP room's routes, so its
    ``/<service>/...`` downloads win over ``/services/<name>`` for a service named "services"."""
    templates = _templates()

    def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(
            request, template, context, status_code=status, headers=_HEADERS
        )

    def services_context() -> dict[str, Any]:
        return {
            "records": registry.records(),
            "scans": registry.scans,
            "socket_dir": settings.socket_dir,
            "scan_interval": settings.scan_interval,
        }

    async def index(request: Request) -> Response:
        return render(request, "index.html", **services_context())

    async def services_fragment(request: Request) -> Response:
        return render(request, "_services.html", **services_context())

    async def service_page(request: Request) -> Response:
        name = request.path_params["service"]
        record = registry.get(name) if is_service_name(name) else None
        entry = cache.get(name) if record is not None else None
        if record is None:
            first_scan = registry.scans == 0
            return render(request, "not_found.html", 404, name=name, first_scan=first_scan)
        view, problem = (None, None)
        if entry is not None:
            view, problem = await asyncio.to_thread(_view, name, entry.spec, entry.client_class)
        base = str(request.base_url).rstrip("/")
        return render(
            request, "service.html", record=record, view=view, problem=problem, base_url=base
        )

    signing_in = login_routes(settings.token, render) if settings.token else []
    return [
        *signing_in,
        Route("/", index, methods=["GET"]),
        Route("/_web/fragments/services", services_fragment, methods=["GET"]),
        Route("/services/{service}", service_page, methods=["GET"]),
        Mount(STATIC_PREFIX, StaticFiles(directory=_HERE / "static"), name="web-static"),
    ]


def _view(name: str, spec: bytes, client_class: str) -> tuple[ServiceView | None, str | None]:
    """The service's view, or why its cached spec cannot be shown (a one-line message)."""
    try:
        return service_view(name, spec, client_class), None
    except SpecError as error:
        return None, f"{error.pointer or '/'}: {error.message}"
