"""Web room: the admin pages and their static files (see pages.py)."""

from router.web.pages import web_routes

__all__ = ["web_routes"]
