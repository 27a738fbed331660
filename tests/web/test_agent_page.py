"""The agent tab in Chromium: a real router, the real hero_books service, the real sandbox, and the
scripted OpenAI-compatible LLM server (the one stand-in) replying with a failing, then a fixed,
script; and the same tab on a router with no LLM configured."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.agent.llm_server import Reply, ScriptedLLM
from tests.router.kit import Router
from tests.web.conftest import NO_LLM, PHONE, demo_stack, llm_env, screenshot

pytestmark = pytest.mark.web

FAILING = """Let me look the book up.

```python
from hero_books_client import HeroBooksClient

client = HeroBooksClient()
print(client.book_get("infrastructure")["title"])
```"""

FIXED = """The book is called "infra":

```python
from hero_books_client import HeroBooksClient

client = HeroBooksClient()
print(client.book_get("infra")["title"])
```"""


def open_agent_tab(page: Page, router: Router) -> None:
    page.goto(f"http://127.0.0.1:{router.port}/services/hero_books")
    page.get_by_role("tab", name="Agent").click()


def test_failing_then_fixed_script_shows_two_attempts_and_the_result(
    page: Page, demo_router: Router, llm: ScriptedLLM
) -> None:
    llm.reset()
    llm.script(FAILING, FIXED)
    open_agent_tab(page, demo_router)
    page.get_by_label("Ask hero_books").fill("What is the title of the infra book?")
    page.get_by_label("Max retries").fill("2")
    page.get_by_role("button", name="Run").click()

    final = page.locator("#agent-final")
    expect(final).to_be_visible(timeout=60_000)
    expect(final).to_have_class("final success")
    expect(final.get_by_role("heading")).to_have_text("Result")
    expect(page.locator("#agent-final-text")).to_have_text("Infrastructure Guide\n")
    expect(page.locator("#agent-final-meta")).to_contain_text("2 attempts")
    expect(page.locator("#agent-final-meta")).to_contain_text("model scripted-capable")
    expect(page.locator("#agent-status")).to_have_text("Done in 2 attempts.")
    expect(final).to_be_focused()

    attempts = page.locator("#agent-attempts > li")
    expect(attempts).to_have_count(2)
    first, second = attempts.nth(0), attempts.nth(1)
    expect(first.locator("[data-field=state]")).to_have_text("failed · exit 1")
    expect(first.locator("[data-field=script]")).to_contain_text('book_get("infrastructure")')
    expect(first.locator("[data-field=script] .tok-keyword").first).to_have_text("from")
    expect(first.locator("[data-field=stderr]")).to_contain_text("BookNotFoundError")
    expect(first.locator("[data-field=calls]")).to_contain_text("book.get")
    expect(first.locator("[data-field=calls]")).to_contain_text("-32004")
    expect(second.locator("[data-field=state]")).to_have_text("ok · exit 0")
    expect(second.locator("[data-field=stdout]")).to_have_text("Infrastructure Guide\n")
    expect(second.locator("[data-field=stderr]")).to_be_hidden()
    expect(second.locator("[data-field=timing]")).to_contain_text("run ")

    assert len(llm.requests) == 2
    assert "BookNotFoundError" in llm.requests[1]["messages"][-1]["content"]
    screenshot(page, "agent-run-laptop")
    page.set_viewport_size(PHONE)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the agent run scrolls sideways by {overflow} px on a phone"
    screenshot(page, "agent-run-phone")


def test_an_empty_prompt_is_refused_before_anything_is_sent(
    page: Page, demo_router: Router, llm: ScriptedLLM
) -> None:
    llm.reset()
    open_agent_tab(page, demo_router)
    page.get_by_role("button", name="Run").click()
    prompt = page.get_by_label("Ask hero_books")
    expect(prompt).to_have_attribute("aria-invalid", "true")
    expect(prompt).to_be_focused()
    expect(page.locator("#agent-status")).to_have_text("Write what the agent should do first.")
    expect(page.locator("#agent-run-view")).to_be_hidden()
    assert llm.requests == []


def test_stop_ends_a_run_that_is_waiting_for_the_model(
    page: Page, demo_router: Router, llm: ScriptedLLM
) -> None:
    llm.reset()
    llm.script(Reply(FIXED, delay=3.0))
    open_agent_tab(page, demo_router)
    page.get_by_label("Ask hero_books").fill("What is the title of the infra book?")
    page.get_by_role("button", name="Run").click()
    first = page.locator("#agent-attempts > li").first
    expect(first.locator("[data-field=step]")).to_contain_text("Asking scripted-capable")
    expect(first.locator("[data-field=state]")).to_have_text("asking the model")
    page.get_by_role("button", name="Stop").click()
    expect(page.locator("#agent-status")).to_have_text("Stopped.")
    expect(first.locator("[data-field=state]")).to_have_text("stopped")
    expect(first.locator("[data-field=step]")).to_be_hidden()
    expect(page.get_by_role("button", name="Run")).to_be_enabled()
    expect(page.get_by_role("button", name="Stop")).to_be_hidden()
    expect(page.locator("#agent-final")).to_be_hidden()


def run_and_expect_no_result(page: Page, router: Router) -> Locator:
    """Ask for something and return the final card's text once it says there is no result."""
    open_agent_tab(page, router)
    page.get_by_label("Ask hero_books").fill("List the books.")
    page.get_by_role("button", name="Run").click()
    final = page.locator("#agent-final")
    expect(final).to_have_class("final failure", timeout=30_000)
    expect(final.get_by_role("heading")).to_have_text("No result")
    expect(page.locator("#agent-attempts > li")).to_have_count(0)
    return page.locator("#agent-final-text")


@pytest.mark.slow  # starts its own service and router: about 6 s
def test_without_an_llm_the_tab_says_which_variables_to_set(page: Page) -> None:
    with demo_stack(**NO_LLM) as router:
        text = run_and_expect_no_result(page, router)
        expect(text).to_contain_text("no LLM configured")
        expect(text).to_contain_text("HERO_ROUTER_LLM_URL")


@pytest.mark.slow  # starts its own service and router: about 6 s
def test_without_a_sandbox_the_tab_says_runs_are_refused(page: Page, llm: ScriptedLLM) -> None:
    llm.reset()
    env = {**llm_env(llm), "HERO_ROUTER_BWRAP": "/nonexistent/bwrap"}
    with demo_stack(**env, HERO_ROUTER_UNSAFE_NO_SANDBOX=None) as router:
        text = run_and_expect_no_result(page, router)
        expect(text).to_contain_text("agent runs are refused")
        expect(text).to_contain_text("bubblewrap (/nonexistent/bwrap) is not installed")
    assert llm.requests == []
