"""A scripted OpenAI-compatible chat-completions server: a real HTTP/1.1 server on loopback that
answers with prepared replies, in order, and records every request. The one stand-in the agent
tests use (everything else is real); browser tests can drive it over HTTP too.

In-process::

    with ScriptedLLM() as llm:                  # llm.url == "http://127.0.0.1:PORT/v1"
        llm.script("```python\\nprint(1)\\n```", Reply(status=503), Reply("hi", delay=0.5))
        ...                                     # point HERO_ROUTER_LLM_URL at llm.url
        llm.requests[1]["messages"][-1]["content"]      # what the second request sent

Another process: ``python -m tests.agent.llm_server [--port N] [--reply TEXT]...`` prints
``ready http://127.0.0.1:PORT/v1`` once listening and serves until SIGTERM or SIGINT.

HTTP API:
    POST /v1/chat/completions   the next scripted reply as an OpenAI chat.completion (usage:
                                prompt_tokens / completion_tokens); with none left: HTTP 400
                                ``{"error": {"message": "scripted LLM: no reply left"}}``
    GET  /v1/models             one model, "scripted"
    POST /_script               ``{"replies": [TEXT | REPLY, ...]}`` appends replies; REPLY is
                                ``{"content", "status", "delay", "model", "usage": [in, out] | null,
                                "headers": {...}}`` (all optional, as in Reply below)
    GET  /_requests             ``{"requests": [body, ...]}``: every chat request so far, in order
    POST /_reset                forget the replies left and the requests recorded
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Reply", "ScriptedLLM", "main"]


@dataclass(frozen=True)
class Reply:
    """One scripted answer. A ``status`` other than 200 answers an OpenAI-style error body with
    ``content`` as its message; ``headers`` go out as given (e.g. ``retry-after-ms``)."""

    content: str = ""
    status: int = 200
    delay: float = 0.0
    model: str | None = None  # None: the model the request named
    usage: tuple[int, int] | None = (11, 7)
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> Reply:
        if isinstance(value, str):
            return cls(value)
        usage = value.get("usage", (11, 7))
        return cls(
            content=value.get("content", ""),
            status=int(value.get("status", 200)),
            delay=float(value.get("delay", 0.0)),
            model=value.get("model"),
            usage=None if usage is None else (int(usage[0]), int(usage[1])),
            headers=dict(value.get("headers", {})),
        )


class ScriptedLLM:
    """The server; ``start()`` (or ``with``) listens on ``host``:``port`` (0: a free port)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._replies: deque[Reply] = deque()
        self._requests: list[dict[str, Any]] = []
        self._headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._host = host
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self._server.server_port}/v1"

    def start(self) -> ScriptedLLM:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> ScriptedLLM:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def script(self, *replies: str | Reply) -> None:
        """Append replies (text is a 200 reply with that content)."""
        with self._lock:
            self._replies.extend(Reply(r) if isinstance(r, str) else r for r in replies)

    def reset(self) -> None:
        with self._lock:
            self._replies.clear()
            self._requests.clear()
            self._headers.clear()

    @property
    def requests(self) -> list[dict[str, Any]]:
        """The chat requests received so far (their JSON bodies)."""
        with self._lock:
            return list(self._requests)

    @property
    def headers(self) -> list[dict[str, str]]:
        """The HTTP headers of those requests (names lower-cased)."""
        with self._lock:
            return list(self._headers)

    @property
    def replies_left(self) -> int:
        with self._lock:
            return len(self._replies)

    def _next(self, request: dict[str, Any], headers: dict[str, str]) -> Reply | None:
        with self._lock:
            self._requests.append(request)
            self._headers.append(headers)
            return self._replies.popleft() if self._replies else None


def _completion(reply: Reply, request: dict[str, Any]) -> dict[str, Any]:
    model = reply.model or str(request.get("model", "scripted"))
    message = {"role": "assistant", "content": reply.content}
    body: dict[str, Any] = {
        "id": f"chatcmpl-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
    }
    if reply.usage is not None:
        prompt, completion = reply.usage
        body["usage"] = {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        }
    return body


def _handler_for(llm: ScriptedLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/v1/models":
                self._send(200, {"object": "list", "data": [{"id": "scripted", "object": "model"}]})
            elif self.path == "/_requests":
                self._send(200, {"requests": llm.requests})
            else:
                self._send(404, {"error": {"message": f"no such path: {self.path}"}})

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
            if self.path == "/v1/chat/completions":
                self._chat(body)
            elif self.path == "/_script":
                llm.script(*(Reply.from_json(r) for r in body.get("replies", [])))
                self._send(200, {"replies_left": llm.replies_left})
            elif self.path == "/_reset":
                llm.reset()
                self._send(200, {"replies_left": 0})
            else:
                self._send(404, {"error": {"message": f"no such path: {self.path}"}})

        def _chat(self, request: dict[str, Any]) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            reply = llm._next(request, headers)
            if reply is None:
                error = {"message": "scripted LLM: no reply left", "type": "invalid_request_error"}
                self._send(400, {"error": error})
                return
            time.sleep(reply.delay)
            if reply.status != 200:
                error = {"message": reply.content or "scripted error", "type": "server_error"}
                self._send(reply.status, {"error": error}, reply.headers)
                return
            self._send(200, _completion(reply, request), reply.headers)

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Scripted OpenAI-compatible LLM server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reply", action="append", default=[], help="a reply's content, in order")
    options = parser.parse_args(argv)
    llm = ScriptedLLM(options.host, options.port)
    llm.script(*options.reply)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    with llm:
        print(f"ready {llm.url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stopped.wait()


if __name__ == "__main__":
    main(sys.argv[1:])
