"""The HTTP room, through a real router process next to the real hero_books service: downloads,
specs, the service list, JSON errors, hostile paths and the bearer token."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from router.demo.service import SPEC_PATH
from tests.router.kit import Router, running_router
from tests.router.service_process import running_service


@pytest.fixture(scope="module")
def router(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Router]:
    home = tmp_path_factory.mktemp("routes")
    with running_service(home / "sockets", home / "books.db"), running_router(home) as router:
        yield router


def test_the_client_downloads_as_a_python_file_named_for_the_service(router: Router) -> None:
    record = router.services()["hero_books"]
    reply = router.http("GET", "/hero_books/python/client.py")
    assert reply.status == 200
    assert reply.headers["content-type"] == "text/x-python; charset=utf-8"
    assert reply.headers["content-disposition"] == 'attachment; filename="hero_books_client.py"'
    assert reply.headers["x-spec-sha256"] == record["spec_sha256"]
    assert f"# spec sha256 {record['spec_sha256']}\n".encode() in reply.body
    assert reply.body == (router.cache_dir / "hero_books_client.py").read_bytes()
    compile(reply.body, "hero_books_client.py", "exec")


def test_the_interface_downloads_too(router: Router) -> None:
    reply = router.http("GET", "/hero_books/python/interface.py")
    assert reply.status == 200
    assert reply.headers["content-disposition"] == 'attachment; filename="hero_books_interface.py"'
    assert b"book_get" in reply.body
    assert reply.body == (router.cache_dir / "hero_books_interface.py").read_bytes()


def test_the_spec_is_served_as_json(router: Router) -> None:
    reply = router.http("GET", "/hero_books/openrpc.json")
    assert (reply.status, reply.headers["content-type"]) == (200, "application/json")
    assert reply.json() == json.loads(SPEC_PATH.read_text())


def test_the_service_list_and_health(router: Router) -> None:
    record = router.services()["hero_books"]
    assert record["status"] == "ok" and record["message"] == ""
    assert (record["spec_version"], record["method_count"]) == ("0.2.0", 12)
    assert record["endpoint"] == f"unix:{router.socket_dir / 'hero_books' / 'rpc.sock'}"
    assert record["last_scan"] >= record["last_change"] > 0
    health = router.http("GET", "/healthz").json()
    assert health["status"] == "ok" and health["services"] == 1 and health["scans"] >= 1


def test_the_router_socket_serves_the_same_app_and_is_not_a_service(router: Router) -> None:
    assert router.unix("GET", "/healthz").json()["status"] == "ok"
    assert router.unix("GET", "/hero_books/python/client.py").status == 200
    assert "hero_router" not in router.services()


@pytest.mark.parametrize(
    "path",
    ["/nobody/python/client.py", "/nobody/python/interface.py", "/nobody/openrpc.json"],
)
def test_an_unknown_service_is_a_json_404_naming_it(router: Router, path: str) -> None:
    reply = router.http("GET", path)
    assert reply.status == 404
    assert reply.json() == {"error": {"status": 404, "message": "unknown service: nobody"}}


@pytest.mark.parametrize(
    "path",
    [
        "/../hero_books/python/client.py",
        "/%2e%2e/python/client.py",
        "/%2e%2e%2f%2e%2e%2fetc/openrpc.json",
        "/..%2F..%2Fetc%2Fpasswd/openrpc.json",
        "//etc/passwd/openrpc.json",
        "/%2Fetc%2Fpasswd/python/client.py",
        "/hero_books%00/python/client.py",
        "/%00/openrpc.json",
        "/h%C3%A9ro_books/python/client.py",
        "/%EF%BD%88ero_books/openrpc.json",
        "/HERO_BOOKS/openrpc.json",
        "/hero_books.meta.json/openrpc.json",
        "/.hero/openrpc.json",
        "/hero_books/python/../../../../etc/passwd",
        "/hero_books/python/client.py%00.txt",
    ],
)
def test_path_tricks_get_a_json_error_and_never_a_file(router: Router, path: str) -> None:
    reply = router.http("GET", path)
    assert reply.status in (400, 404), reply
    assert set(reply.json()) == {"error"}
    assert b"root:" not in reply.body


def test_an_invalid_name_is_a_400_that_says_so(router: Router) -> None:
    reply = router.http("GET", "/%2e%2e/openrpc.json")
    assert reply.json() == {"error": {"status": 400, "message": "invalid service name: '..'"}}


def test_wrong_methods_and_unknown_paths_are_json_errors(router: Router) -> None:
    reply = router.http("GET", "/hero_books/rpc")
    assert (reply.status, reply.headers["allow"]) == (405, "POST")
    assert reply.json()["error"]["status"] == 405
    assert router.http("POST", "/hero_books/python/client.py", b"{}").status == 405
    reply = router.http("GET", "/a/b/c/d")
    assert reply.status == 404 and reply.json()["error"]["status"] == 404


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Router]:
    home = tmp_path_factory.mktemp("token")
    with running_router(home, token="s3cret-token") as router:
        yield router


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer wrong",
        "bearer s3cret-token",
        "Basic czNjcmV0",
        "Bearer s3cret-tokenX",
    ],
)
def test_with_a_token_every_request_needs_it(guarded: Router, authorization: str | None) -> None:
    guarded.extra_headers.clear()
    headers = {} if authorization is None else {"Authorization": authorization}
    for path in ("/healthz", "/api/services", "/nobody/openrpc.json"):
        reply = guarded.http("GET", path, headers=headers)
        assert (reply.status, reply.headers["www-authenticate"]) == (401, "Bearer")
        assert reply.json()["error"]["message"] == "missing or wrong bearer token"
    assert guarded.unix("GET", "/healthz").status == 401  # the router's socket too


def test_the_right_token_is_let_through(guarded: Router) -> None:
    guarded.extra_headers["Authorization"] = "Bearer s3cret-token"
    assert guarded.http("GET", "/healthz").status == 200
    assert guarded.unix("GET", "/healthz").status == 200
