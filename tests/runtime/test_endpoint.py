"""endpoint.py: socket paths and URLs parsed into endpoints; connect failures named."""

from __future__ import annotations

import socket
import ssl
from pathlib import Path

import pytest

from generator.runtime.endpoint import _connect_problem, _Endpoint, _endpoint_for


def test_socket_path_is_used_as_given(tmp_path: Path) -> None:
    endpoint = _endpoint_for(tmp_path / "s.sock", None, "/rpc", "svc")
    assert endpoint.unix_path == str(tmp_path / "s.sock")
    assert endpoint.label == str(tmp_path / "s.sock")
    assert (endpoint.path, endpoint.host_header) == ("/rpc", "localhost")


def test_default_socket_comes_from_hero_socket_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERO_SOCKET_DIR", "/srv/sockets")
    assert _endpoint_for(None, None, "/rpc", "hero_books").unix_path == (
        "/srv/sockets/hero_books/rpc.sock"
    )


def test_default_socket_falls_back_to_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HERO_SOCKET_DIR", raising=False)
    monkeypatch.setenv("HOME", "/home/ann")
    assert _endpoint_for(None, None, "/rpc", "hero_books").unix_path == (
        "/home/ann/hero/var/sockets/hero_books/rpc.sock"
    )


def test_no_endpoint_and_no_service_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no socket_path or url given"):
        _endpoint_for(None, None, "/rpc", "")


def test_socket_path_and_url_together_are_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        _endpoint_for("/a.sock", "http://x", "/rpc", "svc")


@pytest.mark.parametrize("url", ["unix:/run/a/rpc.sock", "unix:///run/a/rpc.sock"])
def test_unix_urls(url: str) -> None:
    endpoint = _endpoint_for(None, url, "/", "")
    assert endpoint.unix_path == "/run/a/rpc.sock"
    assert endpoint.path == "/"


@pytest.mark.parametrize(
    ("url", "host", "port", "tls", "path", "host_header"),
    [
        ("http://127.0.0.1:8545", "127.0.0.1", 8545, False, "/rpc", "127.0.0.1:8545"),
        ("http://node.example/", "node.example", 80, False, "/", "node.example"),
        (
            "https://node.example/v1/rpc?key=1",
            "node.example",
            443,
            True,
            "/v1/rpc?key=1",
            "node.example",
        ),
        ("https://node.example:8443", "node.example", 8443, True, "/rpc", "node.example:8443"),
        ("http://[::1]:9000/x", "::1", 9000, False, "/x", "[::1]:9000"),
    ],
)
def test_http_urls(url: str, host: str, port: int, tls: bool, path: str, host_header: str) -> None:
    endpoint = _endpoint_for(None, url, "/rpc", "")
    assert endpoint.unix_path is None
    assert (endpoint.host, endpoint.port, endpoint.tls) == (host, port, tls)
    assert (endpoint.path, endpoint.host_header) == (path, host_header)


def test_label_drops_credentials() -> None:
    endpoint = _endpoint_for(None, "https://user:secret@node.example/rpc", "/rpc", "")
    assert endpoint.label == "https://node.example/rpc"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://x/", "unsupported URL"),
        ("node.example:80", "unsupported URL"),
        ("http:///rpc", "no host"),
        ("http://x:99999/", "invalid port"),
        ("unix:", "no socket path"),
    ],
)
def test_bad_urls(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _endpoint_for(None, url, "/rpc", "")


@pytest.mark.parametrize("path", ["rpc", "/a b", "/x\r\nEvil: 1", "/caf\u00e9"])
def test_bad_http_paths_are_refused(path: str) -> None:
    with pytest.raises(ValueError, match="invalid HTTP path"):
        _Endpoint("x", path, unix_path="/s")


@pytest.mark.parametrize(
    ("exc", "problem"),
    [
        (FileNotFoundError(2, "No such file"), "no such socket (is the service running?)"),
        (ConnectionRefusedError(111, "refused"), "connection refused (is the service running?)"),
        (TimeoutError("timed out"), "timed out connecting"),
        (PermissionError(13, "denied"), "permission denied"),
        (
            socket.gaierror(-2, "Name or service not known"),
            "cannot resolve host 'h': Name or service not known",
        ),
        (OSError(99, "Cannot assign"), "cannot connect: Cannot assign"),
    ],
)
def test_connect_problems_say_what_and_where(exc: OSError, problem: str) -> None:
    err = _connect_problem(_Endpoint("http://h:1/rpc", "/rpc", host="h", port=1), exc)
    assert str(err) == f"http://h:1/rpc: {problem}"


def test_tls_problem_names_the_verification_failure() -> None:
    exc = ssl.SSLCertVerificationError(
        1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"
    )
    exc.verify_message = "self-signed certificate"
    err = _connect_problem(_Endpoint("https://h/", "/", host="h", port=443, tls=True), exc)
    assert str(err) == "https://h/: TLS handshake failed: self-signed certificate"
