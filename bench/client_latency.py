"""Client cost per JSON-RPC call over a Unix socket: the generated-style client (BaseClient) next
to a hand-written raw socket loop (the floor), http.client and httpx, against the same echo server.

    python bench/client_latency.py [--calls 3000] [--rounds 3] [--no-httpx]

The server runs in another process, so time.process_time() counts only the client's CPU. Prints
CPU microseconds per call (best round), wall p50/p99 over all rounds, connections the server
accepted, and each client's CPU as a ratio of the raw floor. Target: BaseClient <= 1.3x.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.runtime import BaseClient, _named
from tests.servers.server_process import ServerProcess

MESSAGE, N, TAGS = "hello, world", 42, ["a", "b"]
PARAMS = {"message": MESSAGE, "n": N, "tags": TAGS}
HEAD = (
    b"POST /rpc HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
)
TARGET = 1.3
Call = Callable[[int], Any]


class EchoClient(BaseClient):
    """What the generator emits for a method ``echo(message, n, tags=None)``."""

    def echo(self, message: str, n: int, tags: list[str] | None = None) -> Any:
        return self._call("echo", _named({"message": message, "n": n}, {"tags": tags}))


def raw_client(path: str) -> tuple[Call, Callable[[], None]]:
    """The floor: a blocking socket, one sendall, one recv, Content-Length found by hand."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)

    def call(i: int) -> Any:
        body = json.dumps({"jsonrpc": "2.0", "id": i, "method": "echo", "params": PARAMS}).encode()
        sock.sendall(HEAD + str(len(body)).encode() + b"\r\n\r\n" + body)
        buf = sock.recv(65536)
        end = buf.find(b"\r\n\r\n") + 4
        at = buf.find(b"Content-Length:") + 15
        stop = end + int(buf[at : buf.find(b"\r\n", at)])
        while len(buf) < stop:
            buf += sock.recv(65536)
        return json.loads(buf[end:stop])["result"]

    return call, sock.close


def base_client(path: str) -> tuple[Call, Callable[[], None]]:
    client = EchoClient(path)
    return (lambda i: client.echo(MESSAGE, N, TAGS)), client.close


class _UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str) -> None:
        super().__init__("localhost")
        self._path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self._path)


def httpclient_client(path: str) -> tuple[Call, Callable[[], None]]:
    conn = _UnixHTTPConnection(path)
    headers = {"Content-Type": "application/json"}

    def call(i: int) -> Any:
        body = json.dumps({"jsonrpc": "2.0", "id": i, "method": "echo", "params": PARAMS})
        conn.request("POST", "/rpc", body.encode(), headers)
        return json.loads(conn.getresponse().read())["result"]

    return call, conn.close


def httpx_client(path: str) -> tuple[Call, Callable[[], None]]:
    import httpx  # the bench's only non-stdlib client; imported only when it runs

    client = httpx.Client(transport=httpx.HTTPTransport(uds=path))

    def call(i: int) -> Any:
        request = {"jsonrpc": "2.0", "id": i, "method": "echo", "params": PARAMS}
        return client.post("http://localhost/rpc", json=request).json()["result"]

    return call, client.close


def accepted(path: str) -> int:
    """Connections the server accepted so far, not counting the one asking."""
    with BaseClient(path) as client:
        return int(client.call("server.stats")["accepts"]) - 1


def run_round(
    make: Callable[[str], tuple[Call, Callable[[], None]]], path: str, calls: int
) -> tuple[float, list[int], int]:
    """(CPU seconds, wall nanoseconds per call, connections opened) for one round."""
    before = accepted(path)
    call, close = make(path)
    for i in range(200):  # warm up: connect, caches
        assert call(i) == PARAMS
    walls = [0] * calls
    clock = time.perf_counter_ns
    cpu = time.process_time()
    for i in range(calls):
        start = clock()
        call(i)
        walls[i] = clock() - start
    cpu = time.process_time() - cpu
    close()
    return cpu, walls, accepted(path) - before - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=3000, help="timed calls per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-httpx", action="store_true", help="leave httpx out")
    args = parser.parse_args()
    clients = {
        "raw socket loop": raw_client,
        "BaseClient": base_client,
        "http.client": httpclient_client,
    }
    if not args.no_httpx:
        clients["httpx"] = httpx_client
    with (
        tempfile.TemporaryDirectory(prefix="bench-") as tmp,
        ServerProcess(unix_path=f"{tmp}/rpc.sock") as server,
    ):
        cpu: dict[str, float] = {name: float("inf") for name in clients}
        walls: dict[str, list[int]] = {name: [] for name in clients}
        conns: dict[str, int] = dict.fromkeys(clients, 0)
        for _ in range(args.rounds):
            for name, make in clients.items():  # interleaved, so drift hits all alike
                seconds, samples, opened = run_round(make, server.address, args.calls)
                cpu[name] = min(cpu[name], seconds / args.calls)
                walls[name] += samples
                conns[name] += opened
    print_table(cpu, walls, conns, args.calls, args.rounds)


def print_table(
    cpu: dict[str, float],
    walls: dict[str, list[int]],
    conns: dict[str, int],
    calls: int,
    rounds: int,
) -> None:
    floor = cpu["raw socket loop"]
    print(f"echo over a Unix socket, {calls} calls x {rounds} rounds per client, after warm-up;")
    print("CPU: best round; wall: all rounds; conns: connections the server accepted, all rounds")
    row = "{:<16} {:>11} {:>7} {:>11} {:>11} {:>6}"
    print(row.format("client", "CPU us/call", "vs raw", "wall p50 us", "wall p99 us", "conns"))
    for name, seconds in cpu.items():
        samples = sorted(walls[name])
        p50 = statistics.median(samples) / 1000
        p99 = samples[int(len(samples) * 0.99)] / 1000
        shown = (f"{seconds * 1e6:.1f}", f"{seconds / floor:.2f}x", f"{p50:.1f}", f"{p99:.1f}")
        print(row.format(name, *shown, conns[name]))
    ratio = cpu["BaseClient"] / floor
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"BaseClient CPU per call = {ratio:.2f}x the raw floor (target <= {TARGET}x): {verdict}")


if __name__ == "__main__":
    main()
