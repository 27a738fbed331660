"""The services list (GET /) in Chromium against real routers: the facts of each service, "Scan
now", and the refresh that keeps the list current without a reload."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.router.kit import Router, running_router, spec_services, write_spec
from tests.router.service_process import running_service
from tests.web.conftest import PHONE, screenshot

pytestmark = pytest.mark.web


def base(router: Router) -> str:
    return f"http://127.0.0.1:{router.port}"


def test_service_list_shows_hero_books_with_its_facts(page: Page, demo_router: Router) -> None:
    record = demo_router.services()["hero_books"]
    page.goto(base(demo_router))
    row = page.locator('tr[data-service="hero_books"]')
    expect(row.locator(".badge")).to_have_text("ok")
    expect(row.locator('td[data-label="Methods"]')).to_have_text("12")
    expect(row.locator('td[data-label="Version"]')).to_have_text("0.2.0")
    digest = row.locator('td[data-label="Spec hash"] code')
    expect(digest).to_have_text(record["spec_sha256"][:12])
    expect(digest).to_have_attribute("title", f"sha256 {record['spec_sha256']}")
    expect(row.locator('td[data-label="Last change"] time')).to_have_attribute(
        "datetime", re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
    )
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    screenshot(page, "services-laptop")
    page.set_viewport_size(PHONE)
    expect(row.locator('td[data-label="Methods"]')).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(page, "services-phone")
    row.get_by_role("link", name="hero_books").click()
    expect(page).to_have_url(f"{base(demo_router)}/services/hero_books")


@pytest.mark.slow  # its own router, a client generated on the way, a refresh period: about 8 s
def test_scan_now_and_the_refresh_update_the_list_without_a_reload(page: Page) -> None:
    home = Path(tempfile.mkdtemp(prefix="web-"))
    try:
        with running_router(home) as router:
            page.goto(base(router))
            expect(page.get_by_text("No services yet.")).to_be_visible()
            page.evaluate("window.notReloaded = true")
            with running_service(home / "sockets", home / "books.db"):
                page.get_by_role("button", name="Scan now").click()
                status = page.locator("#scan-status")
                expect(status).to_have_text(
                    re.compile(r"^Scan finished in \d+ ms: hero_books found\.$"), timeout=60_000
                )
                row = page.locator('tr[data-service="hero_books"]')
                expect(row.locator(".badge")).to_have_text("ok")
                expect(row.locator('td[data-label="Methods"]')).to_have_text("12")
                expect(page.get_by_role("button", name="Scan now")).to_be_enabled()

                # Found by a scan the page did not ask for: the periodic refresh shows it.
                write_spec(home, "broken", None, raw=b'{"openrpc": "1.3.2", "methods": 7}')
                with spec_services(home, "broken"):
                    router.result("router.scan")
                    broken = page.locator('tr[data-service="broken"]')
                    expect(broken.locator(".badge")).to_have_text("bad spec", timeout=10_000)
                    expect(broken.locator(".status-message")).to_contain_text("methods")
                    screenshot(page, "services-with-a-bad-spec")
            assert page.evaluate("window.notReloaded") is True
    finally:
        shutil.rmtree(home, ignore_errors=True)
