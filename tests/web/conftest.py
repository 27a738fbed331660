"""Fixtures for the admin page tests: Debian's Chromium driven by Playwright, and a real router
with the real hero_books demo service, each started in a temporary home."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, ViewportSize, sync_playwright

from tests.agent.llm_server import ScriptedLLM
from tests.router.kit import Router, running_router, wait_for
from tests.router.service_process import REPO, running_service

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "build" / "web"
# Headless, no sandbox (tests run as root), nothing that phones home or updates itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
]
# Every variable that could give a router an LLM; tests set the ones they want.
NO_LLM: dict[str, str | None] = {
    "HERO_ROUTER_LLM_URL": None,
    "HERO_ROUTER_LLM_API_KEY": None,
    "OPENAI_API_KEY": None,
    "HERO_ROUTER_LLM_MODEL": None,
    "HERO_ROUTER_LLM_FAST_MODEL": None,
}
LAPTOP = ViewportSize(width=1366, height=900)
PHONE = ViewportSize(width=390, height=844)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-system-deps (apt chromium)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[BrowserContext]:
    """One Chromium for the session, with a fresh profile in a temporary directory."""
    profile = tempfile.mkdtemp(prefix="chromium-")
    context = playwright.chromium.launch_persistent_context(
        profile,
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        viewport=LAPTOP,
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[Page]:
    """A new tab at laptop size; fails the test if the page's JavaScript threw."""
    tab = browser.new_page()
    tab.set_viewport_size(LAPTOP)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield tab
    finally:
        tab.close()
    assert not errors, f"JavaScript errors: {errors}"


@contextmanager
def demo_stack(token: str | None = None, **env: str | None) -> Iterator[Router]:
    """A router serving the hero_books demo service, once its client is generated; ``env`` sets
    (or, with None, removes) variables for the router process; ``token``: the one it requires."""
    home = Path(tempfile.mkdtemp(prefix="web-"))  # short: Unix socket paths max out near 100 B
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in env.items():
                if value is None:
                    patch.delenv(name, raising=False)
                else:
                    patch.setenv(name, value)
            with (
                running_service(home / "sockets", home / "books.db"),
                running_router(home, token=token) as router,
            ):
                wait_for(lambda: _ok(router, "hero_books"), 60, "the hero_books client")
                yield router
    finally:
        shutil.rmtree(home, ignore_errors=True)


def llm_env(llm: ScriptedLLM) -> dict[str, str | None]:
    """The variables that make ``llm`` a router's only LLM, its model "scripted-capable"."""
    return {
        **NO_LLM,
        "HERO_ROUTER_LLM_URL": llm.url,
        "HERO_ROUTER_LLM_API_KEY": "test-key",
        "HERO_ROUTER_LLM_MODEL": "scripted-capable",
    }


@pytest.fixture(scope="session")
def llm() -> Iterator[ScriptedLLM]:
    """The scripted OpenAI-compatible LLM server (the one stand-in), on a loopback port."""
    with ScriptedLLM() as server:
        yield server


@pytest.fixture(scope="session")
def demo_router(llm: ScriptedLLM) -> Iterator[Router]:
    """The router with hero_books, its LLM endpoint the scripted server (nothing else set)."""
    with demo_stack(**llm_env(llm)) as router:
        yield router


def _ok(router: Router, name: str) -> bool:
    record = router.services().get(name)
    if record is None or record["status"] != "ok":
        router.result("router.scan")
        return False
    return True


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as build/web/<name>.png (a test artifact) and return it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
