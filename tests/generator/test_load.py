"""load_spec: files (JSON, YAML), stdin, bytes, dicts and live services on real sockets."""

from __future__ import annotations

import contextlib
import hashlib
import json
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import SpecError
from generator.load import load_spec
from tests.runtime.conftest import certificate, tls_server  # noqa: F401 (fixtures, by name)
from tests.servers.jsonrpc_server import JsonRpcServer

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT.parent / "shared" / "specs"
BAD_SPECS = Path(__file__).parent / "bad_specs"
MULTICHAIN = SPECS / "metamask-multichain-api.json"
SMALL = {"openrpc": "1.3.2", "info": {"title": "Hero Books", "version": "1"}, "methods": []}


def canonical_sha256(document: Any) -> str:
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def error_of(source: Any, **kwargs: Any) -> str:
    with pytest.raises(SpecError) as caught:
        load_spec(source, **kwargs)
    assert "\n" not in str(caught.value)
    return str(caught.value)


# -- files -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_path", [True, False], ids=["Path", "str"])
def test_a_json_file_loads_with_its_label_folder_and_canonical_hash(as_path: bool) -> None:
    source = SPECS / "ethereum-execution-apis.json" if as_path else str(MULTICHAIN)
    loaded = load_spec(source)
    document = json.loads(Path(source).read_text(encoding="utf-8"))
    assert loaded.document == document
    assert loaded.label == str(source)
    assert loaded.base_dir == SPECS.resolve() and loaded.path == Path(source).resolve()
    assert loaded.sha256 == canonical_sha256(document)
    assert loaded.service_hint is None


def test_the_hash_ignores_key_order_and_whitespace_across_source_kinds(tmp_path: Path) -> None:
    document = json.loads(MULTICHAIN.read_text(encoding="utf-8"))
    reordered = dict(reversed(list(document.items())))
    (tmp_path / "spec.json").write_text(json.dumps(reordered, indent=7), encoding="utf-8")
    hashes = {
        load_spec(MULTICHAIN).sha256,
        load_spec(tmp_path / "spec.json").sha256,
        load_spec(document).sha256,
        load_spec(json.dumps(document).encode()).sha256,
    }
    assert len(hashes) == 1


def test_a_yaml_file_gives_the_same_document_as_its_json(tmp_path: Path) -> None:
    document = json.loads(MULTICHAIN.read_text(encoding="utf-8"))
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    for name in ("openrpc.yaml", "openrpc.yml", "openrpc"):  # no suffix: not JSON, so YAML
        (tmp_path / name).write_text(text, encoding="utf-8")
        loaded = load_spec(tmp_path / name)
        assert loaded.document == document
        assert loaded.sha256 == canonical_sha256(document)


def test_yaml_dates_and_number_keys_become_json_strings(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openrpc: 1.3.2\ninfo:\n  title: t\n  version: 2020-01-31\n  200: ok\nmethods: []\n"
    )
    info = load_spec(spec).document["info"]
    assert info == {"title": "t", "version": "2020-01-31", "200": "ok"}


def test_broken_yaml_says_where(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("openrpc: 1.3.2\ninfo:\n  title: [unclosed\nmethods: []\n")
    expected = "not YAML: did not find expected ',' or ']' at line 4, column 8"
    assert error_of(spec) == f"{spec}: /: {expected}"


def test_a_json_file_is_never_read_as_yaml(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text("openrpc: 1.3.2\nmethods: []\n")
    assert error_of(spec) == f"{spec}: /: not JSON: Expecting value at line 1, column 1"


def test_not_json_says_line_and_column() -> None:
    message = error_of(BAD_SPECS / "not_json.json")
    expected = "not JSON: Expecting property name enclosed in double quotes at line 5, column 40"
    assert message == f"{BAD_SPECS / 'not_json.json'}: /: {expected}"


def test_a_top_level_array_is_refused() -> None:
    spec = BAD_SPECS / "top_level_array.json"
    assert error_of(spec) == f"{spec}: /: the top level is an array, not an object"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.json") == f"{tmp_path / 'nope.json'}: /: file not found"
    assert error_of(tmp_path) == f"{tmp_path}: /: is a directory, not a spec file"


def test_an_unreadable_file(tmp_path: Path) -> None:
    spec = tmp_path / "secret.json"
    spec.write_text("{}")
    spec.chmod(0)
    try:
        spec.read_bytes()
    except PermissionError:
        assert error_of(spec) == f"{spec}: /: cannot read: Permission denied"
    else:
        pytest.skip("running as a user who can read anything (root)")


# -- bytes, dicts, stdin ---------------------------------------------------------------------------


def test_bytes_json_and_yaml_and_bad_bytes() -> None:
    assert load_spec(json.dumps(SMALL).encode()).document == SMALL
    assert load_spec(b"\xef\xbb\xbf" + json.dumps(SMALL).encode()).label == "<bytes>"  # BOM
    assert load_spec(yaml.safe_dump(SMALL).encode()).document == SMALL
    assert error_of(b'{"a": "\xff"}') == "<bytes>: /: not UTF-8 text (bad byte at offset 7)"
    assert error_of(b"just words") == "<bytes>: /: not JSON: Expecting value at line 1, column 1"
    assert error_of(b"[1, 2]") == "<bytes>: /: the top level is an array, not an object"


def test_a_dict_is_copied_and_must_be_json() -> None:
    source = json.loads(json.dumps(SMALL))
    loaded = load_spec(source)
    source["info"]["title"] = "changed"
    assert loaded.document["info"]["title"] == "Hero Books" and loaded.label == "<dict>"
    message = error_of({"methods": {1, 2}})
    assert message == "<dict>: /: not JSON data: Object of type set is not JSON serializable"


def test_dash_reads_stdin_in_a_real_process() -> None:
    probe = "from generator.load import load_spec; s = load_spec('-'); print(s.label, s.sha256)"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        input=MULTICHAIN.read_bytes(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert done.stdout.decode().split() == ["<stdin>", load_spec(MULTICHAIN).sha256]


# -- live services ---------------------------------------------------------------------------------

Routes = dict[tuple[str, str], tuple[int, bytes]]


class _Handler(BaseHTTPRequestHandler):
    """Answers from the server's route table and records each request."""

    server: Any

    def do_POST(self) -> None:
        self.answer("POST")

    def do_GET(self) -> None:
        self.answer("GET")

    def answer(self, method: str) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.requests.append((method, self.path, body))
        status, payload = self.server.routes.get((method, self.path), (404, b"no such route"))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _UnixHTTPServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


@contextlib.contextmanager
def serving(server: Any, routes: Routes) -> Iterator[Any]:
    server.routes, server.requests = routes, []
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        if isinstance(server.server_address, str):  # a Unix socket's file outlives the server
            Path(server.server_address).unlink()


@pytest.fixture
def service_dir() -> Iterator[Path]:
    """A short folder (Unix socket paths are limited to ~100 bytes) named like a service."""
    with tempfile.TemporaryDirectory(prefix="ld", dir="/tmp") as folder:
        (Path(folder) / "hero_books").mkdir()
        yield Path(folder) / "hero_books"


def discover_answer(document: Any) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": 1, "result": document}).encode()


def test_a_unix_socket_service_is_asked_rpc_discover_on_rpc(service_dir: Path) -> None:
    sock = service_dir / "rpc.sock"
    with serving(
        _UnixHTTPServer(str(sock), _Handler), {("POST", "/rpc"): (200, discover_answer(SMALL))}
    ) as server:
        loaded = load_spec(f"unix:{sock}")
    assert loaded.document == SMALL and loaded.label == f"unix:{sock}"
    assert loaded.service_hint == "hero_books" and loaded.base_dir is None
    method, path, body = server.requests[0]
    assert (method, path) == ("POST", "/rpc")
    assert json.loads(body) == {"jsonrpc": "2.0", "method": "rpc.discover", "id": 1}


def test_a_unix_socket_service_falls_back_to_post_root_then_get(service_dir: Path) -> None:
    sock = service_dir / "rpc.sock"
    routes = {("POST", "/"): (200, discover_answer(SMALL))}
    with serving(_UnixHTTPServer(str(sock), _Handler), routes) as server:
        assert load_spec(f"unix://{sock}").document == SMALL  # unix:///abs/path works too
    assert [(m, p) for m, p, _ in server.requests] == [("POST", "/rpc"), ("POST", "/")]
    routes = {("GET", "/openrpc.json"): (200, json.dumps(SMALL).encode())}
    with serving(_UnixHTTPServer(str(sock), _Handler), routes) as server:
        assert load_spec(f"unix:{sock}").document == SMALL
    assert [m for m, _, _ in server.requests] == ["POST", "POST", "GET"]


def test_a_service_without_a_document_gets_one_line_naming_each_attempt(service_dir: Path) -> None:
    sock = service_dir / "rpc.sock"
    failure = json.dumps({"jsonrpc": "2.0", "id": 1, "error": {"code": -32601, "message": "nope"}})
    routes = {("POST", "/rpc"): (200, failure.encode()), ("POST", "/"): (200, b"<html>")}
    with serving(_UnixHTTPServer(str(sock), _Handler), routes):
        message = error_of(f"unix:{sock}")
    assert message == (
        f"unix:{sock}: /: no OpenRPC document from the service (POST /rpc: rpc.discover failed:"
        " nope; POST /: the answer is not JSON; GET /openrpc.json: HTTP 404)"
    )


def test_an_unreachable_socket_is_one_line(service_dir: Path) -> None:
    sock = service_dir / "rpc.sock"
    expected = f"unix:{sock}: /: cannot reach the service: No such file or directory"
    assert error_of(f"unix:{sock}") == expected
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(sock))
    listener.close()  # the socket file stays, nobody listens
    assert error_of(f"unix:{sock}").endswith("cannot reach the service: Connection refused")


def test_a_silent_service_times_out(service_dir: Path) -> None:
    sock = service_dir / "rpc.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(str(sock))
        listener.listen(1)  # accepts connections into the backlog, never answers
        assert (
            error_of(f"unix:{sock}", timeout=0.2)
            == f"unix:{sock}: /: cannot reach the service: timed out"
        )


def test_an_http_service_is_asked_at_its_url() -> None:
    routes = {("POST", "/api/v1?x=1"): (200, discover_answer(SMALL))}
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), _Handler), routes) as server:
        url = f"http://127.0.0.1:{server.server_address[1]}/api/v1?x=1"
        loaded = load_spec(url)
        assert loaded.document == SMALL and loaded.label == url and loaded.service_hint is None
        bare = f"http://127.0.0.1:{server.server_address[1]}"
        assert (
            error_of(bare) == f"{bare}: /: no OpenRPC document from the service (POST /: HTTP 404)"
        )
    assert error_of(bare).startswith(f"{bare}: /: cannot reach the service: ")


def test_an_https_service_is_checked_against_the_trusted_certificates(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    server: JsonRpcServer = request.getfixturevalue("tls_server")
    cert, _key = request.getfixturevalue("certificate")
    server.handlers["rpc.discover"] = lambda params: SMALL
    untrusted = f"{server.url}: /: cannot reach the service: [SSL: CERTIFICATE_VERIFY_FAILED]"
    assert error_of(server.url).startswith(untrusted)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    assert load_spec(server.url).document == SMALL
