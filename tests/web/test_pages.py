"""The page routes over HTTP against a real router with small real spec services: headers, static
files, escaping of spec text, services without a client, and names that could collide."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from router.web.catalog import service_view
from router.web.pages import STATIC_PREFIX, type_links
from tests.router.kit import Router, running_router, small_spec, spec_services, wait_for, write_spec
from tests.router.service_process import REPO

STATIC = REPO / "router" / "web" / "static"
HOSTILE: dict[str, Any] = {
    "openrpc": "1.3.2",
    "info": {
        "title": "hostile",
        "version": "1.0 <b>bold</b>",
        "description": "</pre><script>alert(0)</script>",
    },
    "methods": [
        {
            "name": "evil<script>alert(1)</script>",
            "summary": "<img src=x onerror=alert(2)>",
            "params": [
                {
                    "name": 'p"><svg onload=alert(3)>',
                    "required": True,
                    "schema": {"type": "string", "default": "</textarea><script>alert(4)"},
                }
            ],
            "result": {"name": "r", "schema": {"type": "string"}},
        }
    ],
    # a type that takes the client's name: the client class becomes HostileServiceClient
    "components": {"schemas": {"HostileClient": {"type": "object"}}},
}


@pytest.fixture(scope="module")
def router() -> Iterator[Router]:
    """A router with three spec services: hostile text, a broken spec, one named "services"."""
    home = Path(tempfile.mkdtemp(prefix="web-"))
    write_spec(home, "hostile", HOSTILE)
    write_spec(home, "broken", None, raw=b'{"openrpc": "1.3.2", "methods": 7}')
    write_spec(home, "services", small_spec("services"))
    try:
        with spec_services(home, "hostile", "broken", "services"), running_router(home) as running:
            wait_for(lambda: _generated(running, "hostile", "services"), 60, "the clients")
            yield running
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _generated(router: Router, *names: str) -> bool:
    records = router.services()
    return all(records.get(name, {}).get("status") == "ok" for name in names)


def test_pages_allow_only_the_routers_own_scripts_and_styles(router: Router) -> None:
    for path in ("/", "/services/hostile", "/services/broken"):
        reply = router.http("GET", path)
        assert reply.status == 200, path
        assert reply.headers["content-type"] == "text/html; charset=utf-8"
        policy = reply.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
        assert reply.headers["x-content-type-options"] == "nosniff"
        page = reply.body.decode()
        assert not re.search(r"<script(?![^>]*\ssrc=)", page), f"inline script on {path}"
        assert not re.search(r"\s(?:src|href)=\"(?:https?:)?//", page), f"external asset on {path}"


def test_every_static_file_is_served_and_every_page_asset_exists(router: Router) -> None:
    for file in STATIC.iterdir():
        reply = router.http("GET", f"{STATIC_PREFIX}/{file.name}")
        assert reply.status == 200 and reply.body == file.read_bytes(), file.name
    page = router.http("GET", "/services/hostile").body.decode()
    assets = re.findall(rf"(?:src|href)=\"({STATIC_PREFIX}/[^\"]+)\"", page)
    assert len(assets) >= 5
    for asset in assets:
        assert router.http("GET", asset).status == 200, asset
    assert router.http("GET", f"{STATIC_PREFIX}/../pages.py").status == 404


def test_spec_text_is_shown_as_text_never_as_markup(router: Router) -> None:
    page = router.http("GET", "/services/hostile").body.decode()
    for needle in ("<script>alert", "<img src=x", "<svg onload", "<b>bold</b>"):
        assert needle not in page
    assert "evil&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&lt;/pre&gt;&lt;script&gt;alert(0)&lt;/script&gt;" in page
    # The try form's sample params sit in an attribute: quotes are escaped too.
    assert 'data-params="{&#34;p\\&#34;&gt;&lt;svg onload=alert(3)&gt;&#34;: &#34;&#34;}"' in page


def test_the_usage_snippet_imports_the_class_the_client_defines(router: Router) -> None:
    page = router.http("GET", "/services/hostile").body.decode()
    client = router.http("GET", "/hostile/python/client.py").body.decode()
    assert "from hostile_client import HostileServiceClient" in page
    assert "\nclass HostileServiceClient(" in client
    assert "\nHostileClient: TypeAlias = dict[str, Any]" in client


def test_a_service_without_a_client_says_why(router: Router) -> None:
    page = router.http("GET", "/services/broken").body.decode()
    assert "bad spec" in page
    assert "/methods: must be a list of methods, not a number" in page
    assert "No client has been generated for broken yet." in page
    assert 'id="methods-table"' not in page
    assert "/broken/python/client.py" not in page


def test_a_service_named_services_keeps_its_own_routes(router: Router) -> None:
    spec = router.http("GET", "/services/openrpc.json")
    assert spec.status == 200 and json.loads(spec.body)["info"]["title"] == "services"
    assert router.http("GET", "/services/python/client.py").status == 200
    page = router.http("GET", "/services/services")
    assert page.status == 200 and 'data-method="echo"' in page.body.decode()


def test_unknown_and_invalid_names_get_the_not_found_page(router: Router) -> None:
    for name in ("nope", "Bad.Name", "%2e%2e"):
        reply = router.http("GET", f"/services/{name}")
        assert reply.status == 404, name
        assert "Unknown service" in reply.body.decode()


def test_the_services_fragment_holds_the_rows_the_list_page_refreshes(router: Router) -> None:
    reply = router.http("GET", "/_web/fragments/services")
    assert reply.status == 200
    fragment = reply.body.decode()
    assert "<html" not in fragment
    rows = re.findall(r'<tr data-service="([a-z_]+)">', fragment)
    assert rows == ["broken", "hostile", "services"]
    assert "3 services" in fragment


def test_type_links_link_named_schemas_and_escape_the_rest() -> None:
    spec = (REPO / "router/demo/hero_books.openrpc.json").read_bytes()
    view = service_view("hero_books", spec, "HeroBooksClient")
    assert str(type_links("list[Book] | <b>", view)) == (
        'list[<a href="#schema-Book">Book</a>] | &lt;b&gt;'
    )
    assert str(type_links("dict[str, Any]", view)) == "dict[str, Any]"
