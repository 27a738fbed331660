"""The service page in Chromium against a real router and the real hero_books service: methods
table, filter, downloads, source view, try-a-method, the usage snippet, keyboard tabs, widths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.router.kit import Router
from tests.router.service_process import REPO
from tests.web.conftest import PHONE, screenshot

pytestmark = pytest.mark.web

SPEC = json.loads((REPO / "router" / "demo" / "hero_books.openrpc.json").read_text())
METHODS = [method["name"] for method in SPEC["methods"]]


def base(router: Router) -> str:
    return f"http://127.0.0.1:{router.port}"


def open_service(page: Page, router: Router, fragment: str = "") -> None:
    page.goto(f"{base(router)}/services/hero_books{fragment}")


def row(page: Page, method: str):  # type: ignore[no-untyped-def]
    return page.locator(f'#methods-table tr[data-method="{method}"]')


def test_methods_table_lists_every_method_of_the_spec(page: Page, demo_router: Router) -> None:
    open_service(page, demo_router)
    rows = page.locator("#methods-table tbody tr")
    expect(rows).to_have_count(12)
    assert [r.get_attribute("data-method") for r in rows.all()] == METHODS
    expect(page.get_by_role("tab", name="Methods")).to_contain_text("12")
    book_get = row(page, "book.get")
    expect(book_get).to_contain_text("Get a specific book by name.")
    expect(book_get.locator("td").nth(0)).to_contain_text("name: str required")
    expect(book_get.locator("td").nth(0)).to_contain_text('workspace: str = "default"')
    expect(book_get.locator("td").nth(1)).to_have_text("book: Book")
    expect(book_get.locator("td").nth(2)).to_have_text("-32004 Book not found")
    expect(book_get).to_contain_text("client.book_get(name, workspace=…)")
    expect(row(page, "book.find").locator(".badge")).to_have_text("deprecated")
    expect(row(page, "book.get").locator(".badge")).to_have_count(0)
    expect(row(page, "book.search")).to_contain_text("1 ≤ n ≤ 100")
    expect(page.locator("#schema-Book")).to_contain_text("chapters: list[ChapterSummary]")
    book_get.locator("td").nth(1).get_by_role("link", name="Book").click()
    expect(page).to_have_url(f"{base(demo_router)}/services/hero_books#schema-Book")
    expect(page.locator("#schema-Book")).to_be_in_viewport()
    expect(page.get_by_role("tab", name="Methods")).to_have_attribute("aria-selected", "true")


def test_filter_narrows_the_table_and_says_how_many_match(page: Page, demo_router: Router) -> None:
    open_service(page, demo_router)
    search = page.get_by_label("Filter methods")
    search.fill("chapter.")
    visible = page.locator("#methods-table tbody tr:visible")
    expect(visible).to_have_count(3)
    assert [r.get_attribute("data-method") for r in visible.all()] == [
        "chapter.list",
        "chapter.get",
        "chapter.add",
    ]
    expect(page.locator("#method-count")).to_have_text("3 of 12 methods")
    search.fill("-32005")
    expect(visible).to_have_count(1)
    expect(visible).to_have_attribute("data-method", "chapter.get")
    search.fill("no such words")
    expect(visible).to_have_count(0)
    expect(page.get_by_text("No method matches the filter.")).to_be_visible()
    search.fill("")
    expect(visible).to_have_count(12)


def test_download_button_returns_the_generated_client(page: Page, demo_router: Router) -> None:
    open_service(page, demo_router)
    with page.expect_download() as started:
        page.get_by_role("link", name="client.py").first.click()
    download = started.value
    assert download.suggested_filename == "hero_books_client.py"
    text = Path(download.path()).read_text()
    assert text == demo_router.http("GET", "/hero_books/python/client.py").body.decode()
    assert "class HeroBooksClient(" in text
    compile(text, "hero_books_client.py", "exec")


def test_source_tab_shows_both_files_highlighted(page: Page, demo_router: Router) -> None:
    open_service(page, demo_router)
    page.get_by_role("tab", name="Source").click()
    expect(page).to_have_url(f"{base(demo_router)}/services/hero_books#source")
    client = demo_router.http("GET", "/hero_books/python/client.py").body.decode()
    expect(page.locator("#source-info")).to_contain_text(f"{client.count(chr(10)):,} lines")
    code = page.locator("#source-code")
    assert code.text_content() == client
    assert code.locator(".tok-keyword").count() > 100
    class_names = code.locator(".tok-class").all_text_contents()
    assert "HeroBooksClient" in class_names and "AsyncHeroBooksClient" in class_names
    gutter = page.locator("#source-lines").text_content() or ""
    assert gutter.split("\n")[-1] == str(client.count("\n"))

    page.get_by_text("hero_books_interface.py").click()
    interface = demo_router.http("GET", "/hero_books/python/interface.py").body.decode()
    # the interface's own first line: the client also has "def book_get(" (no race with it)
    expect(code).to_contain_text(interface.splitlines()[0])
    expect(page.locator("#source-info")).to_contain_text(f"{interface.count(chr(10)):,} lines")
    assert code.text_content() == interface
    expect(page.locator("#source-download")).to_have_attribute(
        "href", "/hero_books/python/interface.py"
    )


def test_tabs_work_from_the_keyboard(page: Page, demo_router: Router) -> None:
    open_service(page, demo_router)
    methods = page.get_by_role("tab", name="Methods")
    methods.focus()
    page.keyboard.press("ArrowRight")
    tried = page.get_by_role("tab", name="Try a method")
    expect(tried).to_be_focused()
    expect(tried).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel", name="Try a method")).to_be_visible()
    expect(page.locator("#methods")).to_be_hidden()
    page.keyboard.press("End")
    expect(page.get_by_role("tab", name="Agent")).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("tab", name="Source")).to_be_focused()
    expect(page).to_have_url(f"{base(demo_router)}/services/hero_books#source")
    page.keyboard.press("Home")
    page.keyboard.press("ArrowLeft")  # wraps around
    expect(page.get_by_role("tab", name="Agent")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(methods).to_be_focused()
    expect(methods).to_have_attribute("tabindex", "0")
    expect(tried).to_have_attribute("tabindex", "-1")
    page.keyboard.press("Tab")
    expect(page.get_by_role("tabpanel", name="Methods")).to_be_focused()


def test_try_a_method_sends_it_through_the_proxy(page: Page, demo_router: Router) -> None:
    open_service(page, demo_router)
    row(page, "book.get").get_by_role("button", name="Try book.get").click()
    expect(page.get_by_role("tab", name="Try a method")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_label("Method", exact=True)).to_have_value("book.get")
    params = page.get_by_label("Params (JSON)")
    expect(params).to_be_focused()
    expect(params).to_have_value('{"name": ""}')
    status = page.locator("#try-status")

    params.fill('{"name": "infra"}')
    page.get_by_role("button", name="Send request").click()
    expect(status).to_contain_text("OK in")
    expect(page.locator("#try-response")).to_contain_text('"title": "Infrastructure Guide"')
    expect(page.locator("#try-response .tok-key").first).to_have_text('"jsonrpc"')

    params.fill('{"name": "no_such_book"}')
    page.get_by_role("button", name="Send request").click()
    expect(status).to_contain_text("Error -32004")

    params.fill('{"name": ')
    page.get_by_role("button", name="Send request").click()
    expect(status).to_contain_text("Params are not valid JSON")
    expect(params).to_have_attribute("aria-invalid", "true")

    page.get_by_label("Method", exact=True).select_option("book.list")
    expect(params).to_have_value("{}")  # the spec's example for book.list has no params
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#try-response")).to_contain_text('"name": "infra"')


def test_copied_usage_snippet_runs_against_the_router(
    page: Page, browser: BrowserContext, demo_router: Router, tmp_path: Path
) -> None:
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=base(demo_router))
    open_service(page, demo_router)
    page.locator(".usage").get_by_role("button", name="Copy").click()
    expect(page.locator(".usage").get_by_role("button", name="Copied")).to_be_visible()
    snippet = page.evaluate("navigator.clipboard.readText()")
    assert f'HeroBooksClient(url="{base(demo_router)}/hero_books/rpc")' in snippet
    client = demo_router.http("GET", "/hero_books/python/client.py").body
    (tmp_path / "hero_books_client.py").write_bytes(client)
    (tmp_path / "snippet.py").write_text(snippet)
    ran = subprocess.run(
        [sys.executable, "snippet.py"], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert ran.returncode == 0, ran.stderr
    assert "default" in ran.stdout  # workspace.list, through the router's proxy


def test_service_page_reads_well_at_laptop_and_phone_widths(
    page: Page, demo_router: Router
) -> None:
    open_service(page, demo_router)
    assert screenshot(page, "service-page-laptop").stat().st_size > 10_000
    page.set_viewport_size(PHONE)
    open_service(page, demo_router)
    expect(page.get_by_role("link", name="client.py").first).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px on a phone"
    params = row(page, "book.get").locator("td").first.bounding_box()
    assert params is not None and params["width"] > PHONE["width"] * 0.8  # rows become cards
    assert screenshot(page, "service-page-phone").stat().st_size > 10_000


def test_unknown_service_gets_a_404_page(page: Page, demo_router: Router) -> None:
    response = page.goto(f"{base(demo_router)}/services/no_such_service")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Unknown service")
