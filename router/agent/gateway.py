"""A run's only way to its service: a Unix socket the router owns (bound into the sandbox as
``<service>/rpc.sock``) that speaks the HTTP/1.1 JSON-RPC the generated clients send, refuses
methods the service's policy forbids, forwards the rest, and logs every call."""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from router.agent.config import MethodPolicy
from router.agent.result import Call
from router.upstream import Endpoint, Pool, UpstreamError

__all__ = ["REFUSED", "Gateway"]

REFUSED = -32003
_MAX_BODY = 16 << 20
_HEADERS = [(b"content-type", b"application/json")]
_REASONS = {200: "OK", 204: "No Content", 400: "Bad Request", 404: "Not Found", 502: "Bad Gateway"}


@dataclass(frozen=True, slots=True)
class _Entry:
    method: str
    params_bytes: int
    id: Any


class Gateway:
    """Serves one run's socket at ``path`` until closed; ``calls`` grows as the script calls."""

    def __init__(
        self,
        path: Path,
        endpoint: Endpoint,
        policy: MethodPolicy,
        timeout: float,
        on_call: Callable[[Call], None],
    ) -> None:
        self.path = path
        self.policy = policy
        self.timeout = timeout
        self.calls: list[Call] = []
        self._on_call = on_call
        self._pool = Pool(endpoint)
        self._server: asyncio.Server | None = None

    async def start(self, uid: int | None) -> None:
        """Listen; the socket belongs to ``uid`` (mode 0600), so only that run can connect."""
        self._server = await asyncio.start_unix_server(self._serve, path=str(self.path))
        os.chmod(self.path, 0o600)
        if uid is not None:
            os.chown(self.path, uid, uid)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        await self._pool.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while request := await _read_request(reader):
                body, keep_alive = request
                status, answer = await self._answer(body)
                writer.write(_response(status, answer, keep_alive))
                await writer.drain()
                if not keep_alive:
                    break
        except _HttpError as error:
            writer.write(_response(error.status, json.dumps({"error": str(error)}).encode(), False))
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass  # the script hung up, or sent something that is not HTTP
        finally:
            writer.close()

    async def _answer(self, body: bytes) -> tuple[int, bytes]:
        try:
            message = json.loads(body)
        except (ValueError, RecursionError):
            self._log([_Entry("<not JSON>", len(body), None)], 0.0, "parse error: not JSON")
            return 200, _error_reply(None, -32700, "parse error: the body is not JSON")
        requests = message if isinstance(message, list) else [message]
        entries = [_entry(request) for request in requests]
        refused = next((e.method for e in entries if self.policy.refuses(e.method)), None)
        if refused is not None:
            reason = f"{refused} is refused for agent scripts by the router's policy"
            self._log(entries, 0.0, reason)
            replies = [_error_reply(e.id, REFUSED, reason) for e in entries]
            return 200, replies[0] if not isinstance(message, list) else _batch(replies)
        started = time.perf_counter()
        try:
            async with self._pool.exchange(
                "POST", "/rpc", _HEADERS, body, self.timeout
            ) as exchange:
                status, answer = exchange.status, await exchange.read()
        except UpstreamError as error:
            self._log(entries, _ms_since(started), f"service unreachable: {error}")
            return (
                502,
                json.dumps({"error": f"the router cannot reach the service: {error}"}).encode(),
            )
        self._log(entries, _ms_since(started), None, _errors(answer, entries))
        return status, answer

    def _log(
        self,
        entries: list[_Entry],
        duration_ms: float,
        error: str | None,
        errors: dict[int, str] | None = None,
    ) -> None:
        for index, entry in enumerate(entries):
            failure = error or (errors or {}).get(index)
            call = Call(entry.method, entry.params_bytes, duration_ms, failure)
            self.calls.append(call)
            self._on_call(call)


class _HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def _read_request(reader: asyncio.StreamReader) -> tuple[bytes, bool] | None:
    """(body, keep-alive) of the next POST /rpc (or /), None at a clean end of the connection."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if error.partial.strip():
            raise
        return None
    lines = head[:-4].split(b"\r\n")
    parts = lines[0].split(b" ")
    if len(parts) != 3 or parts[0] != b"POST" or parts[1] not in (b"/rpc", b"/"):
        raise _HttpError(404, "only POST /rpc is served here")
    fields = dict(_header(line) for line in lines[1:])
    if b"chunked" in fields.get(b"transfer-encoding", b"").lower():
        raise _HttpError(400, "send a Content-Length, not a chunked body")
    length = fields.get(b"content-length", b"")
    if not length.isdigit() or int(length) > _MAX_BODY:
        raise _HttpError(400, f"a Content-Length of at most {_MAX_BODY} bytes is required")
    keep_alive = fields.get(b"connection", b"").lower() != b"close"
    return await reader.readexactly(int(length)), keep_alive


def _header(line: bytes) -> tuple[bytes, bytes]:
    name, _, value = line.partition(b":")
    return name.strip().lower(), value.strip()


def _response(status: int, body: bytes, keep_alive: bool) -> bytes:
    reason = _REASONS.get(status, "Status")
    connection = b"keep-alive" if keep_alive else b"close"
    head = b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n" % (
        status,
        reason.encode(),
        len(body),
    )
    return head + b"connection: " + connection + b"\r\n\r\n" + body


def _entry(request: Any) -> _Entry:
    if not isinstance(request, dict) or not isinstance(request.get("method"), str):
        return _Entry("<invalid request>", 0, None)
    params = request.get("params")
    size = 0 if params is None else len(json.dumps(params, separators=(",", ":")))
    return _Entry(request["method"], size, request.get("id"))


def _errors(answer: bytes, entries: list[_Entry]) -> dict[int, str]:
    """The service's errors by the index of the request they answer."""
    with suppress(ValueError, RecursionError):
        replies = json.loads(answer)
        if isinstance(replies, dict):
            return {0: _error_text(replies["error"])} if "error" in replies else {}
        if isinstance(replies, list):
            index = {_key(e.id): i for i, e in enumerate(entries)}
            return {
                index[_key(r.get("id"))]: _error_text(r["error"])
                for r in replies
                if isinstance(r, dict) and "error" in r and _key(r.get("id")) in index
            }
    return {}


def _key(request_id: Any) -> str:
    return json.dumps(request_id)


def _error_text(error: Any) -> str:
    if isinstance(error, dict):
        return f"{error.get('code')}: {error.get('message')}"
    return str(error)


def _error_reply(request_id: Any, code: int, message: str) -> bytes:
    reply = {"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}}
    return json.dumps(reply).encode()


def _batch(replies: list[bytes]) -> bytes:
    return b"[" + b",".join(replies) + b"]"


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000
