"""Scanning, through a real router and real services: discovery of many kinds of service, specs
that change, break, hang or die, the last good client kept, and downloads during regeneration."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from router.cache import spec_sha256
from tests.router.kit import Router, running_router, small_spec, spec_services, wait_for, write_spec

pytestmark = pytest.mark.slow  # one router, a dozen services, a few real generations

SERVICES = ("alpha", "beta", "flip", "getter:getonly", "broken", "stuck1:hang", "stuck2:hang")
STUCK = ("stuck1", "stuck2", "stuck3")


@dataclass
class Setup:
    home: Path
    router: Router
    mortal: Any  # the spec_service process of the service that dies


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    home = tmp_path_factory.mktemp("scan")
    for item in (*SERVICES, "mortal", "faraway"):
        name = item.partition(":")[0]
        write_spec(home, name, small_spec(name, methods=1))
    write_spec(home, "broken", None, raw=b'{"openrpc": "1.3.2", "info": 7}')
    elsewhere = home / "elsewhere"
    config = home / "router.toml"
    config.write_text(
        f'fetch_timeout = 1\n[services.faraway]\nsocket = "{elsewhere}/faraway/rpc.sock"\n'
    )
    with (
        spec_services(home, *SERVICES, "stuck3:hang"),
        spec_services(home, "faraway", socket_dir=elsewhere),
        spec_services(home, "mortal") as mortal,
        running_router(home, "--config", str(config)) as router,
    ):
        yield Setup(home, router, mortal)


def scan(router: Router) -> dict[str, dict[str, Any]]:
    """Scan now; the changes by service."""
    return {change["service"]: change for change in router.result("router.scan")["changes"]}


def client_header(router: Router, name: str) -> tuple[str, str]:
    body = router.http("GET", f"/{name}/python/client.py").body.decode()
    version = re.search(r"^# spec version (\S+),", body, re.M)
    digest = re.search(r"^# spec sha256 (\w+)$", body, re.M)
    assert version and digest
    return version.group(1), digest.group(1)


def test_every_kind_of_service_is_found_with_its_status(setup: Setup) -> None:
    records = setup.router.services()
    assert {name for name, r in records.items() if r["status"] == "ok"} == {
        "alpha",
        "beta",
        "flip",
        "getter",  # from GET /openrpc.json
        "faraway",  # from the config file, outside the socket directory
        "mortal",
    }
    assert records["broken"]["status"] == "bad_spec"
    assert records["broken"]["spec_sha256"] is None
    for name in STUCK:
        assert (records[name]["status"], records[name]["message"]) == (
            "unreachable",
            "no answer within 1 s",
        )
    assert records["faraway"]["endpoint"] == f"unix:{setup.home}/elsewhere/faraway/rpc.sock"
    assert records["alpha"]["spec_sha256"] == spec_sha256(small_spec("alpha", methods=1))


def test_hung_services_delay_nothing_else(setup: Setup) -> None:
    before = setup.router.services()["alpha"]["last_scan"]
    result = setup.router.result("router.scan")
    # three services hang for the whole 1 s timeout; one after another would take 3 s
    assert result["duration_ms"] < 2000
    assert result["changes"] == []
    assert setup.router.services()["alpha"]["last_scan"] > before


def test_a_changed_spec_regenerates_the_client(setup: Setup) -> None:
    router = setup.router
    old = router.services()["alpha"]
    assert client_header(router, "alpha") == ("1.0.0", old["spec_sha256"])
    new_spec = small_spec("alpha", "2.0.0", methods=3)
    write_spec(setup.home, "alpha", new_spec)
    change = scan(router)["alpha"]
    assert (change["change"], change["status"]) == ("regenerated", "ok")
    record = router.services()["alpha"]
    assert record["spec_sha256"] == change["spec_sha256"] == spec_sha256(new_spec)
    assert (record["spec_version"], record["method_count"]) == ("2.0.0", 3)
    assert record["generations"] == old["generations"] + 1
    assert record["last_change"] > old["last_change"]
    assert client_header(router, "alpha") == ("2.0.0", spec_sha256(new_spec))
    cached = (router.cache_dir / "alpha_client.py").read_bytes()
    assert cached == router.http("GET", "/alpha/python/client.py").body
    assert b"def m2(" in cached
    assert f"alpha: client regenerated (spec sha256 {record['spec_sha256']})" in router.log()
    assert scan(router) == {}  # the same spec again: nothing to do


def test_a_broken_spec_keeps_the_last_good_client(setup: Setup) -> None:
    router = setup.router
    good = router.services()["beta"]
    good_client = router.http("GET", "/beta/python/client.py").body
    duplicate = small_spec("beta", "3.0.0", methods=2)
    duplicate["methods"][1]["name"] = "echo"
    write_spec(setup.home, "beta", duplicate)
    change = scan(router)["beta"]
    assert (change["change"], change["status"]) == ("status", "bad_spec")
    assert "duplicate method name 'echo'" in change["message"]
    record = router.services()["beta"]
    assert (record["spec_sha256"], record["generations"]) == (
        good["spec_sha256"],
        good["generations"],
    )
    assert router.http("GET", "/beta/python/client.py").body == good_client
    assert (router.cache_dir / "beta_client.py").read_bytes() == good_client
    assert scan(router) == {}  # the refused spec is not tried again
    write_spec(setup.home, "beta", None, raw=b"<html>oops</html>")
    assert "not JSON" in scan(router)["beta"]["message"]
    assert router.http("GET", "/beta/python/client.py").body == good_client
    assert "beta: bad_spec: " in router.log()


def test_a_dead_service_keeps_its_client_until_its_socket_goes(setup: Setup) -> None:
    router = setup.router
    good_client = router.http("GET", "/mortal/python/client.py").body
    setup.mortal.kill()
    setup.mortal.wait()
    change = scan(router)["mortal"]
    assert (change["change"], change["status"]) == ("status", "unreachable")
    assert "Connection refused" in change["message"]
    assert router.http("GET", "/mortal/python/client.py").body == good_client
    (setup.home / "sockets" / "mortal" / "rpc.sock").unlink()
    assert scan(router)["mortal"]["change"] == "removed"
    assert "mortal" not in router.services()
    assert "mortal: removed" in router.log()


def test_downloads_during_regeneration_are_never_torn(setup: Setup) -> None:
    router = setup.router
    cached = router.cache_dir / "flip_client.py"
    seen: list[bytes] = []
    stop = threading.Event()

    def download() -> None:
        while not stop.is_set():
            seen.append(router.http("GET", "/flip/python/client.py").body)

    def read_disk() -> None:
        while not stop.is_set():
            seen.append(cached.read_bytes())

    workers = [threading.Thread(target=t) for t in (download, download, read_disk)]
    for worker in workers:
        worker.start()
    digests = {router.services()["flip"]["spec_sha256"]}
    try:
        for version in ("1.1.0", "1.2.0", "1.3.0"):
            new_spec = small_spec("flip", version, methods=2)
            write_spec(setup.home, "flip", new_spec)
            assert scan(router)["flip"]["change"] == "regenerated"
            digests.add(spec_sha256(new_spec))
    finally:
        stop.set()
        for worker in workers:
            worker.join()
    versions = set(seen)
    assert len(versions) >= 2  # the downloads did overlap the regenerations
    for body in versions:
        compile(body, "flip_client.py", "exec")  # whole files only
        digest = re.search(rb"^# spec sha256 (\w+)$", body, re.M)
        assert digest and digest.group(1).decode() in digests


def test_restart_reuses_the_cache(tmp_path: Path) -> None:
    for name in ("one", "two"):
        write_spec(tmp_path, name, small_spec(name, methods=1))
    with spec_services(tmp_path, "one", "two"):
        with running_router(tmp_path) as first:
            records = first.services()
            assert [records[n]["generations"] for n in ("one", "two")] == [1, 1]
        files = sorted((tmp_path / "cache").iterdir())
        stamps = {path.name: path.stat().st_mtime_ns for path in files}
        with running_router(tmp_path) as second:
            again = wait_for(lambda: second.services() if len(second.services()) == 2 else None)
            assert "2 clients from earlier runs" in second.log()
    assert [again[n]["generations"] for n in ("one", "two")] == [0, 0]
    for name in ("one", "two"):
        assert again[name]["spec_sha256"] == records[name]["spec_sha256"]
        assert again[name]["last_change"] == records[name]["last_change"]
        assert again[name]["status"] == "ok"
    assert {path.name: path.stat().st_mtime_ns for path in files} == stamps
