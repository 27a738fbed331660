"""Router benchmarks, all against real processes in a temporary HOME:

1. proxy overhead: book.get on the hero_books socket directly vs through the router, same run;
2. a scan of N live services whose specs did not change;
3. all N specs changed: the time to regenerate them, and book.get latency through the router
   meanwhile (requests must keep being answered).

    python bench/router.py [--calls 2000] [--services 100] [--scans 10]

Targets: proxied p50 <= 1.5x direct p50; an unchanged scan of 100 services <= 0.5 s.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from router import launch
from tests.router.kit import small_spec, write_spec
from tests.router.service_process import UnixHTTPConnection

BOOK_GET = json.dumps(
    {"jsonrpc": "2.0", "id": 1, "method": "book.get", "params": {"name": "ops"}}
).encode()
JSON = {"Content-Type": "application/json"}
PROXY_TARGET, SCAN_TARGET_MS = 1.5, 500.0


def post(connection: http.client.HTTPConnection, path: str, body: bytes) -> bytes:
    """One request on a kept-alive connection."""
    connection.request("POST", path, body, JSON)
    response = connection.getresponse()
    data = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}: {data[:200]!r}")
    return data


def timed(connection: http.client.HTTPConnection, path: str, count: int) -> list[float]:
    """Microseconds per book.get call."""
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        post(connection, path, BOOK_GET)
        samples.append((time.perf_counter() - started) * 1e6)
    return samples


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def start_router(home: Path) -> tuple[subprocess.Popen[bytes], int]:
    log = home / "router.log"
    command = [sys.executable, "-m", "router", "serve", "--socket-dir", str(home / "sockets")]
    options = ["--cache-dir", str(home / "cache"), "--listen", "127.0.0.1:0"]
    quiet = ["--scan-interval", "3600", "--log-level", "warning"]
    env = {**os.environ, "HOME": str(home)}
    env.pop("HERO_ROUTER_TOKEN", None)
    with log.open("wb") as sink:
        process = subprocess.Popen([*command, *options, *quiet], env=env, stdout=sink, stderr=sink)
    deadline = time.monotonic() + 30
    while not (found := re.search(r"http://127\.0\.0\.1:(\d+)", log.read_text())):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the router did not start:\n{log.read_text()}")
        time.sleep(0.05)
    return process, int(found.group(1))


def services(router: http.client.HTTPConnection) -> dict[str, dict[str, Any]]:
    router.request("GET", "/api/services")
    return {r["name"]: r for r in json.loads(router.getresponse().read())["services"]}


def wait_all_ok(router: http.client.HTTPConnection, count: int, generations: int) -> float:
    started = time.perf_counter()
    while True:
        records = services(router).values()
        done = [r for r in records if r["status"] == "ok" and r["generations"] >= generations]
        if len(done) >= count:
            return time.perf_counter() - started
        time.sleep(0.2)


def bench_proxy(
    paths: dict[str, tuple[http.client.HTTPConnection, str]], calls: int
) -> dict[str, float]:
    """p50/p99 of book.get on each (connection, path), the first being the direct baseline;
    returns the p50s."""
    for connection, path in paths.values():  # warm up, the router's pool included
        timed(connection, path, 200)
    samples: dict[str, list[float]] = {label: [] for label in paths}
    for _ in range(max(1, calls // 200)):  # interleaved rounds, so all see the same noise
        for label, (connection, path) in paths.items():
            samples[label] += timed(connection, path, 200)
    print(f"proxy book.get, {len(samples[next(iter(paths))])} calls each (us):")
    medians = {label: percentile(values, 0.5) for label, values in samples.items()}
    direct = next(iter(medians.values()))
    for label, values in samples.items():
        p50, p99 = medians[label], percentile(values, 0.99)
        ratio = f"{p50 / direct:.2f}x direct p50 ({p50 - direct:+.0f} us)" if p50 != direct else ""
        print(f"  {label:38} p50 {p50:6.0f}  p99 {p99:7.0f}  {ratio}")
    return medians


def scan(router: http.client.HTTPConnection) -> dict[str, Any]:
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "router.scan"}).encode()
    result: dict[str, Any] = json.loads(post(router, "/rpc", body))["result"]
    return result


def bench_unchanged_scan(router: http.client.HTTPConnection, count: int, scans: int) -> None:
    inside, outside = [], []
    for _ in range(scans):
        started = time.perf_counter()
        result = scan(router)
        outside.append((time.perf_counter() - started) * 1000)
        inside.append(result["duration_ms"])
        assert result["changes"] == [], result["changes"][:3]
    worst = max(outside)
    print(f"scan of {count} live services, specs unchanged, {scans} scans (ms):")
    print(f"  router.scan call  p50 {statistics.median(outside):6.1f}  max {worst:6.1f}")
    print(f"  scan itself       p50 {statistics.median(inside):6.1f}  max {max(inside):6.1f}")
    verdict = "ok" if worst <= SCAN_TARGET_MS else "MISSED"
    print(
        f"  worst / target {worst / SCAN_TARGET_MS:.2f} (target <= {SCAN_TARGET_MS:.0f} ms: {verdict})"
    )


def bench_regeneration(home: Path, port: int, names: list[str], idle_p50: float) -> None:
    for name in names:
        write_spec(home, name, small_spec(name, "2.0.0", methods=3))
    finished = threading.Event()
    outcome: dict[str, Any] = {}

    def scan_in_background() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
        started = time.perf_counter()
        try:
            outcome["result"] = scan(connection)
            outcome["seconds"] = time.perf_counter() - started
        finally:
            connection.close()
            finished.set()

    worker = threading.Thread(target=scan_in_background)
    router = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    worker.start()
    latencies: list[float] = []
    while not finished.is_set():
        latencies += timed(router, "/hero_books/rpc", 20)
    worker.join()
    router.close()
    changed = [c for c in outcome["result"]["changes"] if c["change"] == "regenerated"]
    seconds = outcome["seconds"]
    print(f"all {len(names)} specs changed, regenerated in one scan:")
    per_service = seconds / len(names) * 1000
    print(f"  {len(changed)} regenerated in {seconds:.1f} s ({per_service:.0f} ms per service)")
    print(f"  book.get through the router (TCP) meanwhile: {len(latencies)} answered, none failed")
    p50, p99, worst = percentile(latencies, 0.5), percentile(latencies, 0.99), max(latencies)
    print(f"  latency (us) p50 {p50:7.0f}  p99 {p99:7.0f}  max {worst:7.0f}")
    print(f"  p50 {p50 / idle_p50:.2f}x the same call's p50 with the router idle")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--services", type=int, default=100)
    parser.add_argument("--scans", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        home = Path(temp)
        sockets = home / "sockets"
        names = [f"svc{n:03d}" for n in range(args.services)]
        for name in names:
            write_spec(home, name, small_spec(name, methods=3))
        command = [
            sys.executable,
            "-m",
            "tests.router.spec_service",
            str(sockets),
            str(home / "specs"),
        ]
        many = subprocess.Popen([*command, *names], stdout=subprocess.PIPE)
        books = launch.start_demo_service(sockets, home / "books.db", "warning")
        router_process, port = start_router(home)
        try:
            assert many.stdout is not None and many.stdout.readline() == b"ready\n"
            router = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            first = wait_all_ok(router, args.services + 1, generations=1)
            print(f"first start: {args.services + 1} clients generated in {first:.1f} s\n")
            direct = UnixHTTPConnection(sockets / "hero_books" / "rpc.sock", timeout=60)
            via_socket = UnixHTTPConnection(sockets / "hero_router" / "rpc.sock", timeout=60)
            # its own connection: one that served anything else stays on uvicorn's (slower) path
            via_tcp = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            # one spec_service socket: an HTTP server that answers at once (method not found)
            floor = UnixHTTPConnection(sockets / names[0] / "rpc.sock", timeout=60)
            paths = {
                "direct on the service socket": (direct, "/rpc"),
                "through the router's Unix socket": (via_socket, "/hero_books/rpc"),
                "through the router on TCP": (via_tcp, "/hero_books/rpc"),
                "reference: a bare asyncio hop, no work": (floor, "/rpc"),
            }
            idle_p50 = bench_proxy(paths, args.calls)["through the router on TCP"]
            print(
                f"  target: through the router <= {PROXY_TARGET}x direct p50 on the same transport"
            )
            print()
            bench_unchanged_scan(router, args.services + 1, args.scans)
            print()
            bench_regeneration(home, port, names, idle_p50)
            for connection, _ in paths.values():
                connection.close()
        finally:
            for process in (router_process, many, books):
                launch.stop(process)
            if many.stdout is not None:
                many.stdout.close()


if __name__ == "__main__":
    main()
