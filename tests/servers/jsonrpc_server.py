"""A real JSON-RPC 2.0 server over HTTP/1.1 for tests, on a Unix socket or a loopback TCP port.

    from tests.servers.jsonrpc_server import JsonRpcServer, RpcFault

    def book_get(params):                      # params: dict, list or None, as sent
        if params["name"] != "dune":
            raise RpcFault(-32004, "Book not found", {"name": params["name"]})
        return {"name": "dune"}

    with JsonRpcServer(unix_path=path, handlers={"book.get": book_get}) as server:
        HeroBooksClient(server.unix_path).book_get("dune")    # TCP: JsonRpcServer(port=0), url=server.url

``JsonRpcServer`` serves from threads of the test process (one per connection).
``tests.servers.server_process.ServerProcess`` runs it in a subprocess (built-in methods only), as
``python -m tests.servers.jsonrpc_server (--unix PATH | --port N)`` does, which prints
``ready <socket path or url>`` once it listens.

Handlers return the result; ``RpcFault(code, message, data)`` answers an error, any other
exception -32603, an unknown method -32601. Built-in methods (a handler of the same name wins)
give tests the server's behaviours; methods marked * change the whole HTTP answer:
    echo                 result = params
    sleep                {"seconds": s}: answers params after s seconds
    fail                 {"code", "message", "data"?}: answers that error
    omit                 answers nothing for this entry (a batch answer missing an entry)
    server.stats         {"accepts", "closed", "received"}: counts so far
  * chunked, trickle     params, sent chunked / in five pieces 5 ms apart
  * interim              params, after an interim "100 Continue" response
  * close_after          params, then the server closes the connection without saying so
  * close_header         params with "Connection: close", then closes
  * until_close          params with no Content-Length: the body ends at close
  * drop                 reads the request, closes the connection without answering
  * half_close           params, then stops reading the connection (a client's next send fails
                         on a Unix socket: EPIPE) but keeps it open for a second
  * status               {"status", "body"?}: that HTTP status and text body
  * not_json             200 with an HTML body
  * wrong_id             params, answered with id + 1000
Options: ``rpc_path`` ("/rpc"; other paths get 404), ``batch_reverse`` (True: batch answers come in
reverse order), ``empty_status`` (204; status of an answer with no entries, e.g. to notifications;
200 sends an empty body), ``idle_timeout`` (close connections idle that long), ``drop_first``
(methods whose first request is dropped like ``drop``; later ones are answered), ``tls`` (an
ssl.SSLContext: serve HTTPS).
Observations: ``accepts``, ``closed``, ``half_closed`` (connections), ``received`` (Counter of method names,
notifications and dropped requests included), ``notifications`` ([(method, params)]), and
``wait_until(predicate)``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import ssl
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from typing import Any

from tests.servers.builtins import BUILTINS, Omit, RpcFault, error_object
from tests.servers.http_wire import Reply, read_request, write_reply

Handler = Callable[[Any], Any]
__all__ = ["Handler", "JsonRpcServer", "RpcFault", "main"]


class JsonRpcServer:
    """The server, listening on ``unix_path`` or on ``host``:``port`` (0 picks a free port)."""

    def __init__(
        self,
        *,
        unix_path: str | os.PathLike[str] | None = None,
        port: int | None = None,
        host: str = "127.0.0.1",
        handlers: Mapping[str, Handler] | None = None,
        rpc_path: str = "/rpc",
        batch_reverse: bool = True,
        empty_status: int = 204,
        idle_timeout: float | None = None,
        drop_first: Collection[str] = (),
        tls: ssl.SSLContext | None = None,
    ) -> None:
        if (unix_path is None) == (port is None):
            raise ValueError("give unix_path or port")
        self.unix_path = None if unix_path is None else os.fspath(unix_path)
        self.host, self.port = host, port
        self.handlers = dict(handlers or {})
        self.rpc_path, self.batch_reverse, self.empty_status = rpc_path, batch_reverse, empty_status
        self.idle_timeout, self.drop_first, self.tls = idle_timeout, set(drop_first), tls
        self.accepts = self.closed = self.half_closed = 0
        self.received: Counter[str] = Counter()
        self.notifications: list[tuple[str, Any]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._conns: set[socket.socket] = set()
        self._listener: socket.socket | None = None

    @property
    def url(self) -> str:
        """``http://host:port/rpc_path`` for TCP, ``unix:/path`` for a Unix socket."""
        if self.unix_path is not None:
            return f"unix:{self.unix_path}"
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}{self.rpc_path}"

    def start(self) -> JsonRpcServer:
        if self.unix_path is not None:
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            listener.bind(self.unix_path)
        else:
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((self.host, self.port or 0))
            self.port = listener.getsockname()[1]
        listener.listen(64)
        self._listener = listener
        self._spawn(self._accept_loop, listener)
        return self

    def stop(self) -> None:
        """Stop listening, close every connection, wait for the server's threads."""
        self._stopping.set()
        with self._lock:
            for conn in [*self._conns, *([self._listener] if self._listener else [])]:
                with contextlib.suppress(OSError):  # not connected (any more)
                    conn.shutdown(socket.SHUT_RDWR)
        for thread in list(self._threads):
            thread.join(timeout=10)
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        if self.unix_path is not None and os.path.exists(self.unix_path):
            os.unlink(self.unix_path)

    def __enter__(self) -> JsonRpcServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait for something the server's threads do (e.g. ``lambda: server.closed == 1``)."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("the server did not get there in time")
            time.sleep(0.002)

    def _spawn(self, target: Callable[..., None], *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _accept_loop(self, listener: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return  # shut down by stop()
            with self._lock:
                self.accepts += 1
                self._conns.add(conn)
            self._spawn(self._serve, conn)

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(self.idle_timeout)
        rfile = None
        try:
            if self.tls is not None:
                conn = self._wrap_tls(conn)
            rfile = conn.makefile("rb")
            while not self._stopping.is_set():
                request = read_request(rfile)
                if request is None or not self._answer(conn, *request):
                    break
        except (OSError, ValueError):
            pass  # the client went away, idled out, or sent garbage: close
        finally:
            if rfile is not None:
                rfile.close()
            conn.close()
            with self._lock:
                self._conns.discard(conn)
                self.closed += 1

    def _wrap_tls(self, conn: socket.socket) -> socket.socket:
        with self._lock:
            self._conns.discard(conn)
        wrapped = self.tls.wrap_socket(conn, server_side=True) if self.tls else conn
        with self._lock:
            self._conns.add(wrapped)
        return wrapped

    def _answer(self, conn: socket.socket, verb: str, target: str, body: bytes) -> bool:
        reply = Reply()
        if verb != "POST" or target != self.rpc_path:
            reply.status, reply.content_type = (404, "text/plain") if verb == "POST" else (405, "")
            reply.body = b"Not Found\n"
        else:
            reply.body = self._dispatch_body(body, reply)
            if reply.body is None:
                reply.status = self.empty_status
        if reply.drop:
            return False
        keep = write_reply(conn, reply)
        if reply.half_close:
            conn.shutdown(socket.SHUT_RD)
            with self._lock:
                self.half_closed += 1
            self._stopping.wait(1.0)
        return keep

    def _dispatch_body(self, body: bytes, reply: Reply) -> bytes | None:
        try:
            request = json.loads(body)
        except ValueError:
            return json.dumps(error_object(None, -32700, "Parse error")).encode()
        if request == []:
            return json.dumps(error_object(None, -32600, "Invalid Request: empty batch")).encode()
        if isinstance(request, list):
            answers = [a for a in (self._dispatch(r, reply) for r in request) if a is not None]
            if self.batch_reverse:
                answers.reverse()
            return reply.body if reply.body is not None else _dumps_or_none(answers)
        answer = self._dispatch(request, reply)
        return reply.body if reply.body is not None else _dumps_or_none(answer)

    def _dispatch(self, request: Any, reply: Reply) -> dict[str, Any] | None:
        if not isinstance(request, dict) or not isinstance(request.get("method"), str):
            return error_object(None, -32600, "Invalid Request")
        method, req_id, params = request["method"], request.get("id"), request.get("params")
        with self._lock:
            self.received[method] += 1
            if "id" not in request:
                self.notifications.append((method, params))
            if method in self.drop_first and self.received[method] == 1:
                reply.drop = True
        try:
            answer = {"jsonrpc": "2.0", "id": req_id, "result": self._run(method, params, reply)}
        except Omit:
            return None
        except RpcFault as fault:
            answer = error_object(req_id, fault.code, fault.message, fault.data)
        except Exception as exc:
            answer = error_object(req_id, -32603, f"Internal error: {exc}")
        if reply.wrong_id and isinstance(req_id, int):
            answer["id"] = req_id + 1000
        return answer if "id" in request else None

    def _run(self, method: str, params: Any, reply: Reply) -> Any:
        handler = self.handlers.get(method)
        if handler is not None:
            return handler(params)
        if method == "sleep":
            self._stopping.wait(float(params["seconds"]))
            return params
        if method == "server.stats":
            with self._lock:
                received = dict(self.received)
                return {"accepts": self.accepts, "closed": self.closed, "received": received}
        builtin = BUILTINS.get(method)
        if builtin is None:
            raise RpcFault(-32601, "Method not found", method)
        return builtin(params, reply)


def _dumps_or_none(answer: Any) -> bytes | None:
    return json.dumps(answer).encode() if answer else None


def main(argv: list[str] | None = None) -> None:
    """Serve the built-in methods until SIGTERM or Ctrl-C."""
    parser = argparse.ArgumentParser(description="The test JSON-RPC server, built-ins only.")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--unix", metavar="PATH", help="listen on this Unix socket")
    where.add_argument("--port", type=int, help="listen on this loopback port (0: any free one)")
    parser.add_argument("--rpc-path", default="/rpc")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with JsonRpcServer(unix_path=args.unix, port=args.port, rpc_path=args.rpc_path) as server:
        print("ready", server.unix_path or server.url, flush=True)
        try:
            while True:
                signal.pause()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
