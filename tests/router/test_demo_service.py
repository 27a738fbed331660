"""The hero_books service as a real process: HTTP and JSON-RPC over its Unix socket, its lifecycle."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from router.demo.service import SPEC_PATH
from tests.router.service_process import REPO, ServiceProcess, StartService, service_command

CONTRACT = REPO.parent / "shared" / "contracts" / "hero_books.openrpc.json"


def rpc(method: str, params: object = None, id: object = 1) -> dict[str, object]:
    request: dict[str, object] = {"jsonrpc": "2.0", "method": method, "id": id}
    if params is not None:
        request["params"] = params
    return request


def test_rpc_is_answered_on_root_and_on_rpc(hero_books: ServiceProcess) -> None:
    for path in ("/", "/rpc"):
        reply = hero_books.request("POST", path, json.dumps(rpc("workspace.list")).encode())
        assert reply.status == 200
        assert reply.content_type == "application/json"
        assert reply.json()["id"] == 1
        assert "default" in reply.json()["result"]


def test_rpc_discover_and_get_openrpc_json_return_the_contract(hero_books: ServiceProcess) -> None:
    spec = json.loads(SPEC_PATH.read_text())
    assert hero_books.result("rpc.discover") == spec
    assert hero_books.result("rpc.discover", []) == spec
    reply = hero_books.request("GET", "/openrpc.json")
    assert (reply.status, reply.content_type) == (200, "application/json")
    assert reply.json() == spec
    assert spec["info"]["title"] == "hero_books"


@pytest.mark.skipif(not CONTRACT.exists(), reason="shared/contracts is not beside the repo")
def test_the_served_spec_is_the_shared_contract() -> None:
    assert json.loads(SPEC_PATH.read_text()) == json.loads(CONTRACT.read_text())


def test_a_batch_is_answered_in_order_without_its_notifications(hero_books: ServiceProcess) -> None:
    batch = [
        rpc("book.get", {"name": "ops"}, id="a"),
        {"jsonrpc": "2.0", "method": "workspace.list"},
        rpc("book.get", {"name": "missing"}, id="b"),
        rpc("no.such", id="c"),
    ]
    replies = hero_books.post(batch, path="/rpc")
    assert [reply["id"] for reply in replies] == ["a", "b", "c"]
    assert replies[0]["result"]["title"] == "Operations Handbook"
    assert replies[1]["error"]["code"] == -32004
    assert replies[2]["error"]["code"] == -32601


def test_notifications_get_204_and_no_body(hero_books: ServiceProcess) -> None:
    single = {"jsonrpc": "2.0", "method": "workspace.list"}
    for payload in (single, [single, single]):
        reply = hero_books.request("POST", "/", json.dumps(payload).encode())
        assert (reply.status, reply.body) == (204, b"")


def test_a_notification_still_runs(hero_books: ServiceProcess) -> None:
    note = {"jsonrpc": "2.0", "method": "workspace.create", "params": {"name": "from_note"}}
    assert hero_books.request("POST", "/", json.dumps(note).encode()).status == 204
    assert "from_note" in hero_books.result("workspace.list")


def test_parse_errors_and_invalid_requests(hero_books: ServiceProcess) -> None:
    reply = hero_books.request("POST", "/", b'{"jsonrpc": "2.0", "method"')
    assert reply.status == 200
    assert reply.json()["error"]["code"] == -32700
    assert reply.json()["id"] is None
    assert hero_books.post([])["error"]["code"] == -32600
    assert hero_books.post({"jsonrpc": "2.0", "id": 3})["error"]["code"] == -32600


def test_invalid_params_name_the_param(hero_books: ServiceProcess) -> None:
    error = hero_books.error("chapter.get", {"book": "ops", "index": "two"})
    assert error == {
        "code": -32602,
        "message": "invalid param 'index': expected integer, got string",
        "data": {"param": "index"},
    }


def test_other_http_methods_and_paths_are_refused(hero_books: ServiceProcess) -> None:
    assert hero_books.request("GET", "/").status == 405
    assert hero_books.request("POST", "/elsewhere", b"{}").status == 404


def test_concurrent_requests_are_all_answered(hero_books: ServiceProcess) -> None:
    hero_books.result("book.create", {"name": "busy", "title": "Busy"})

    def add_then_get(n: int) -> int:
        added = hero_books.result("chapter.add", ["busy", {"title": f"c{n}", "text": "busy words"}])
        assert hero_books.result("book.get", ["busy"])["name"] == "busy"
        return int(added["index"])

    with ThreadPoolExecutor(8) as pool:
        indexes = sorted(pool.map(add_then_get, range(24)))
    assert indexes == list(range(1, 25))


def test_data_survives_a_restart(tmp_path: Path, start_service: StartService) -> None:
    db = tmp_path / "data" / "books.db"
    with start_service(tmp_path / "s", db) as first:
        first.result("book.delete", {"name": "poems"})
        first.result("book.create", {"name": "kept", "title": "Kept", "chapters": []})
        first.result("chapter.add", {"book": "kept", "chapter": {"title": "T", "text": "zebra"}})
    assert db.is_file()
    with start_service(tmp_path / "s", db) as second:
        names = [book["name"] for book in second.result("book.list")["books"]]
        assert names == ["infra", "kept", "ops"]
        hits = second.result("book.search", {"query": "zebra"})["results"]
        assert [(hit["book"], hit["chapter"]) for hit in hits] == [("kept", 1)]


def test_sigterm_stops_cleanly_and_removes_the_socket(
    tmp_path: Path, start_service: StartService
) -> None:
    with start_service(tmp_path / "s", tmp_path / "books.db") as service:
        service.process.send_signal(signal.SIGTERM)
        assert service.process.wait(timeout=10) == 0
        assert not service.socket.exists()
        assert "Traceback" not in service.stderr.read_text()


def test_a_second_instance_refuses_the_live_socket(
    tmp_path: Path, start_service: StartService
) -> None:
    with start_service(tmp_path / "s", tmp_path / "books.db") as first:
        second = run_cli(tmp_path / "s", tmp_path / "other.db")
        assert second.returncode == 1
        assert second.stderr.strip().endswith("another process is already listening there")
        assert len(second.stderr.strip().splitlines()) == 1
        assert first.result("workspace.list") == ["default"]


def test_a_stale_socket_file_is_replaced(tmp_path: Path, start_service: StartService) -> None:
    stale = tmp_path / "s" / "hero_books" / "rpc.sock"
    stale.parent.mkdir(parents=True)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(str(stale))
    with start_service(tmp_path / "s", tmp_path / "books.db") as service:
        assert service.result("workspace.list") == ["default"]


def test_an_unusable_database_is_one_line_and_no_socket(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 200)
    result = run_cli(tmp_path / "s", junk)
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: {junk}: file is not a database"
    assert not (tmp_path / "s" / "hero_books" / "rpc.sock").exists()


def run_cli(socket_dir: Path, db: Path) -> subprocess.CompletedProcess[str]:
    command = service_command(socket_dir, db)
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=30)
