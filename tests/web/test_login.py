"""Signing in to the pages of a router that requires a token: over HTTP (redirects, the cookie,
what it lets in, open-redirect attempts) and in Chromium (the form, then a proxied call)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from tests.router.kit import Reply, Router, rpc_body
from tests.web.conftest import NO_LLM, demo_stack

TOKEN = "s3cret-token"
HTML = {"Accept": "text/html,application/xhtml+xml"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def guarded() -> Iterator[Router]:
    """The router with the hero_books demo service, requiring TOKEN; no credentials sent."""
    with demo_stack(token=TOKEN, **NO_LLM) as router:
        router.extra_headers.clear()
        yield router


def sign_in(router: Router, token: str, target: str = "/") -> Reply:
    body = urlencode({"token": token, "next": target}).encode()
    return router.http("POST", "/_web/login", body, headers=FORM)


def session_cookie(reply: Reply) -> str:
    return reply.headers["set-cookie"].split(";")[0]


def test_a_browser_without_a_session_is_sent_to_sign_in(guarded: Router) -> None:
    reply = guarded.http("GET", "/services/hero_books", headers=HTML)
    assert reply.status == 303
    assert reply.headers["location"] == "/_web/login?next=%2Fservices%2Fhero_books"
    form = guarded.http("GET", "/_web/login?next=/services/hero_books", headers=HTML)
    assert form.status == 200 and 'name="token" type="password"' in form.body.decode()
    assert guarded.http("GET", "/_web/static/app.css").status == 200
    api = guarded.http("GET", "/api/services")  # not a browser: JSON, as before
    assert (api.status, api.json()["error"]["message"]) == (401, "missing or wrong bearer token")


def test_a_wrong_token_gets_the_form_again_and_no_cookie(guarded: Router) -> None:
    for wrong in ("", "s3cret", TOKEN + "x"):
        reply = sign_in(guarded, wrong)
        assert reply.status == 401 and "set-cookie" not in reply.headers
        assert "That is not the router's token." in reply.body.decode()


def test_the_right_token_sets_a_session_cookie_that_lets_pages_and_calls_in(
    guarded: Router,
) -> None:
    reply = sign_in(guarded, TOKEN, "/services/hero_books")
    assert (reply.status, reply.headers["location"]) == (303, "/services/hero_books")
    attributes = reply.headers["set-cookie"].lower()
    assert "httponly" in attributes and "samesite=strict" in attributes
    cookie = session_cookie(reply)
    assert cookie.startswith("hero_router_session=") and TOKEN not in cookie
    with_cookie = {"Cookie": f"theme=dark; {cookie}"}
    assert (
        guarded.http("GET", "/services/hero_books", headers={**HTML, **with_cookie}).status == 200
    )
    call = rpc_body("book.get", {"name": "infra"})
    answer = guarded.http("POST", "/hero_books/rpc", call, headers=with_cookie)
    assert answer.json()["result"]["title"] == "Infrastructure Guide"
    forged = {"Cookie": "hero_router_session=" + "0" * 64}
    assert guarded.http("POST", "/hero_books/rpc", call, headers=forged).status == 401


@pytest.mark.parametrize(
    "target", ["//evil.example/", "https://evil.example/", "/\t/evil.example", "\\\\evil", "evil"]
)
def test_signing_in_never_redirects_off_the_router(guarded: Router, target: str) -> None:
    assert sign_in(guarded, TOKEN, target).headers["location"] == "/"


@pytest.mark.web
def test_signing_in_with_the_form_then_trying_a_method(page: Page, guarded: Router) -> None:
    base = f"http://127.0.0.1:{guarded.port}"
    page.context.clear_cookies()
    page.goto(f"{base}/services/hero_books")
    expect(page).to_have_url(re.compile(r"/_web/login\?next="))
    page.get_by_label("Token").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That is not the router's token.")).to_be_visible()
    expect(page.get_by_label("Token")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Token").fill(TOKEN)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/services/hero_books")
    page.get_by_role("tab", name="Try a method").click()
    page.get_by_label("Method", exact=True).select_option("book.get")
    page.get_by_label("Params (JSON)").fill('{"name": "infra"}')
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#try-status")).to_contain_text("OK in")
    expect(page.locator("#try-response")).to_contain_text('"title": "Infrastructure Guide"')
    page.context.clear_cookies()
