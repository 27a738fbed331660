"""Raw HTTP/1.1 for router tests: requests written byte for byte (several in one write, if a test
wants), answers read one at a time with the exact bytes that came."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes  # without chunked framing
    raw: bytes  # as received

    def json(self) -> Any:
        return json.loads(self.body)


def post(path: str, body: bytes, headers: dict[str, str] | None = None) -> bytes:
    """A POST's bytes, with a Content-Length unless ``headers`` frame the body otherwise."""
    fields = {"Host": "localhost", "Content-Type": "application/json", **(headers or {})}
    if "Transfer-Encoding" not in fields:
        fields.setdefault("Content-Length", str(len(body)))
    return request("POST", path, fields) + body


def request(method: str, path: str, headers: dict[str, str] | None = None) -> bytes:
    """A request head's bytes."""
    lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in (headers or {}).items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def chunked(body: bytes, size: int = 7) -> bytes:
    pieces = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n\r\n"


class RawConnection:
    """One client connection to a Unix socket path or a loopback TCP port."""

    def __init__(self, where: Path | int, timeout: float = 10.0) -> None:
        if isinstance(where, int):
            self.sock = socket.create_connection(("127.0.0.1", where), timeout=timeout)
        else:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.settimeout(timeout)
            self.sock.connect(str(where))
        self.rfile = self.sock.makefile("rb")

    def __enter__(self) -> RawConnection:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.rfile.close()
        self.sock.close()

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def answer(self) -> Answer:
        """The next answer (an interim 1xx one too)."""
        raw = [self.rfile.readline()]
        if not raw[0]:
            raise ConnectionError("the connection closed before an answer")
        status = int(raw[0].split()[1])
        headers = {}
        while (line := self.rfile.readline()) not in (b"\r\n", b""):
            raw.append(line)
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        raw.append(line)
        if status < 200 or status in (204, 304):
            body = b""
        elif "chunked" in headers.get("transfer-encoding", ""):
            body = self._chunks(raw)
        elif "content-length" in headers:
            body = self.rfile.read(int(headers["content-length"]))
            raw.append(body)
        else:
            body = self.rfile.read()
            raw.append(body)
        return Answer(status, headers, body, b"".join(raw))

    def at_eof(self) -> bool:
        """Whether the other side closed the connection (nothing more to read)."""
        return self.rfile.read(1) == b""

    def _chunks(self, raw: list[bytes]) -> bytes:
        body = []
        while True:
            line = self.rfile.readline()
            raw.append(line)
            size = int(line.split(b";")[0], 16)
            if size == 0:
                break
            data = self.rfile.read(size + 2)
            raw.append(data)
            body.append(data[:-2])
        while (line := self.rfile.readline()) not in (b"\r\n", b""):
            raw.append(line)  # trailer fields
        raw.append(line)
        return b"".join(body)


def exchange(where: Path | int, data: bytes) -> Answer:
    """One request on a new connection, its answer."""
    with RawConnection(where) as connection:
        connection.send(data)
        return connection.answer()
