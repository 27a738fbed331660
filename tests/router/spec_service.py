"""A small real JSON-RPC service for router tests and benchmarks, one process for many sockets.

    python -m tests.router.spec_service SOCKET_DIR SPEC_DIR NAME[:MODE]...

Each NAME listens on SOCKET_DIR/NAME/rpc.sock and answers ``rpc.discover`` (and GET
/openrpc.json) with the bytes of SPEC_DIR/NAME.json, read again on every request, so a test
changes the spec by rewriting the file. ``echo`` returns its params, ``headers`` the request's
header names. MODE ``hang`` accepts
connections and never answers; ``getonly`` answers ``rpc.discover`` with -32601, so only GET
/openrpc.json gives the spec. Prints "ready" once every socket listens.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path


def _reply(status: int, body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
    )
    return head.encode() + b"\r\n" + body


def _answer(spec_file: Path, mode: str, head: list[str], body: bytes) -> bytes:
    method, path, _ = head[0].split(" ")
    if method == "GET" and path == "/openrpc.json":
        return _reply(200, spec_file.read_bytes())
    if method != "POST" or path not in ("/", "/rpc"):
        return _reply(404, b'{"error": "not found"}')
    request = json.loads(body)
    prefix = b'{"jsonrpc":"2.0","id":' + json.dumps(request.get("id")).encode()
    if request.get("method") == "rpc.discover" and mode != "getonly":
        return _reply(200, prefix + b',"result":' + spec_file.read_bytes() + b"}")
    results = {
        "echo": request.get("params"),
        "headers": [line.partition(":")[0].lower() for line in head[1:]],
    }
    if request.get("method") in results:
        result = json.dumps(results[request["method"]]).encode()
        return _reply(200, prefix + b',"result":' + result + b"}")
    error = {"code": -32601, "message": f"method not found: {request.get('method')}"}
    return _reply(200, prefix + b',"error":' + json.dumps(error).encode() + b"}")


def _content_length(head: list[str]) -> int:
    fields = (line.partition(":") for line in head[1:])
    return next((int(value) for name, _, value in fields if name.lower() == "content-length"), 0)


def _handler(spec_file: Path, mode: str):  # type: ignore[no-untyped-def]
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.readuntil(b"\r\n\r\n"):
                if mode == "hang":
                    await asyncio.sleep(3600)
                head = data.decode().split("\r\n")[:-2]
                body = await reader.readexactly(_content_length(head))
                writer.write(_answer(spec_file, mode, head, body))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the client left, or the process is stopping
        finally:
            writer.close()

    return handle


async def main(socket_dir: Path, spec_dir: Path, names: list[str]) -> None:
    servers = []
    for item in names:
        name, _, mode = item.partition(":")
        path = socket_dir / name / "rpc.sock"
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.unlink()
        handler = _handler(spec_dir / f"{name}.json", mode)
        servers.append(await asyncio.start_unix_server(handler, os.fspath(path), backlog=512))
    print("ready", flush=True)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    for server in servers:
        server.close()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]))
