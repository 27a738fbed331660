"""Signing in to the pages when the router requires a token: a browser cannot send a bearer
header, so a form trades the token for a session cookie (HttpOnly, SameSite=Strict: no other
site's page can make the browser send it). API clients keep sending ``Authorization: Bearer``."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

__all__ = ["COOKIE", "LOGIN_PATH", "login_location", "login_routes", "session_value"]

COOKIE = "hero_router_session"
LOGIN_PATH = "/_web/login"
_FORM_LIMIT = 4096

Render = Callable[..., Response]


def session_value(token: str) -> str:
    """The cookie's value: derived from the token, so the cookie is not the token itself."""
    return hmac.new(token.encode(), b"hero_router page session", hashlib.sha256).hexdigest()


def login_location(target: str) -> str:
    """Where a browser without a session is sent, to come back to ``target`` after."""
    return f"{LOGIN_PATH}?{urlencode({'next': _local(target)})}"


def login_routes(token: str, render: Render) -> list[BaseRoute]:
    """GET shows the form; POST checks the token (in constant time) and sets the cookie."""
    expected = token.encode()

    async def form(request: Request) -> Response:
        target = _local(request.query_params.get("next", "/"))
        return render(request, "login.html", next=target, wrong=False, login_path=LOGIN_PATH)

    async def sign_in(request: Request) -> Response:
        fields = await _form_fields(request)
        target = _local(fields.get("next", "/"))
        if not hmac.compare_digest(fields.get("token", "").encode(), expected):
            context: dict[str, Any] = {"next": target, "wrong": True, "login_path": LOGIN_PATH}
            return render(request, "login.html", 401, **context)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, session_value(token), httponly=True, samesite="strict")
        return response

    return [Route(LOGIN_PATH, form, methods=["GET"]), Route(LOGIN_PATH, sign_in, methods=["POST"])]


async def _form_fields(request: Request) -> dict[str, str]:
    """An urlencoded form's fields (the first value of each); empty when it is too big."""
    body = await request.body()
    if len(body) > _FORM_LIMIT:
        return {}
    pairs = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {name: values[0] for name, values in pairs.items()}


def _local(target: str) -> str:
    """``target`` if it is a path on this router, else ``/``: never a redirect to elsewhere."""
    odd = any(c.isspace() or not c.isprintable() for c in target) or "\\" in target
    if odd or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target
