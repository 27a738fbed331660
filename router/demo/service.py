"""The hero_books demo service: its Starlette app, and running it on <socket-dir>/hero_books/rpc.sock.

JSON-RPC 2.0 is answered on POST / and /rpc (batches too); the spec on rpc.discover and
GET /openrpc.json.
"""

from __future__ import annotations

import json
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from router.demo.methods import HeroBooks
from router.demo.store import Store
from router.jsonrpc import Dispatcher, Json, Method, rpc_endpoint
from router.openrpc_params import methods_from_openrpc
from router.unix_socket import bind_unix_socket, serve

__all__ = ["SERVICE", "SPEC_PATH", "SEED_PATH", "socket_path", "create_app", "run"]

SERVICE = "hero_books"
SPEC_PATH = Path(__file__).with_name("hero_books.openrpc.json")
SEED_PATH = Path(__file__).with_name("hero_books.seed.json")


def socket_path(socket_dir: Path) -> Path:
    """Where the service listens: ``<socket-dir>/hero_books/rpc.sock``."""
    return socket_dir / SERVICE / "rpc.sock"


def create_app(store: Store) -> Starlette:
    """The service's ASGI app over an open store."""
    spec_bytes = SPEC_PATH.read_bytes()
    spec = json.loads(spec_bytes)

    async def discover(params: dict[str, Json]) -> Json:
        return spec

    async def openrpc_json(request: Request) -> Response:
        return Response(spec_bytes, media_type="application/json")

    methods = methods_from_openrpc(spec, HeroBooks(store).handlers())
    endpoint = rpc_endpoint(Dispatcher([*methods, Method("rpc.discover", discover)]))
    return Starlette(
        routes=[
            Route("/", endpoint, methods=["POST"]),
            Route("/rpc", endpoint, methods=["POST"]),
            Route("/openrpc.json", openrpc_json, methods=["GET"]),
        ]
    )


def run(socket_dir: Path, db: Path, log_level: str = "warning") -> None:
    """Open (and if empty seed) the store at ``db``, then serve until SIGINT or SIGTERM.

    Raises:
        StoreError: the database cannot be opened.
        UnixSocketError: the socket cannot be bound.
    """
    store = Store.open(db, seed=SEED_PATH)
    try:
        sock = bind_unix_socket(socket_path(socket_dir.expanduser()))
        serve(create_app(store), [sock], log_level=log_level)
    finally:
        store.close()
