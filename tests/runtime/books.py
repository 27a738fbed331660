"""A hero_books-like service in small for the runtime tests: the classes the generator emits for
it (client, batch, async client, a declared error) and the server handlers they call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from generator.runtime import (
    AsyncBaseClient,
    BaseBatch,
    BaseClient,
    BatchResult,
    RpcError,
    _named,
    _positional,
)
from tests.servers.jsonrpc_server import RpcFault


class BookNotFoundError(RpcError):
    """Book not found (code -32004)."""

    code = -32004


ERRORS: Mapping[int, type[RpcError]] = {-32004: BookNotFoundError}


def book_get(params: Any) -> Any:
    if params["name"] != "dune":
        raise RpcFault(-32004, "Book not found", {"name": params["name"]})
    return {"received": params}


HANDLERS: dict[str, Callable[[Any], Any]] = {
    "book.get": book_get,
    "book.move": lambda params: {"received": params},
    "log.event": lambda params: None,
    "crash": lambda params: 1 / 0,
}


class HeroBooksBatch(BaseBatch):
    def book_get(self, name: str, workspace: str | None = "default") -> BatchResult[Any]:
        return self._call("book.get", _named({"name": name}, {"workspace": workspace}))

    def log_event(self, text: str) -> None:
        self._notify("log.event", _named({"text": text}, {}))


class HeroBooksClient(BaseClient):
    _SERVICE = "hero_books"
    _ERRORS: ClassVar[Mapping[int, type[RpcError]]] = ERRORS

    def batch(self) -> HeroBooksBatch:
        return HeroBooksBatch(self)

    def book_get(self, name: str, workspace: str | None = "default", tag: str | None = None) -> Any:
        return self._call("book.get", _named({"name": name}, {"workspace": workspace, "tag": tag}))

    def book_move(self, name: str, shelf: int | None = None, note: str | None = None) -> Any:
        return self._call("book.move", _positional([name, shelf, note], 1))

    def log_event(self, text: str) -> None:
        self._notify("log.event", _named({"text": text}, {}))


class AsyncHeroBooksClient(AsyncBaseClient):
    _SERVICE = "hero_books"
    _ERRORS: ClassVar[Mapping[int, type[RpcError]]] = ERRORS

    async def book_get(self, name: str, workspace: str | None = "default") -> Any:
        return await self._call("book.get", _named({"name": name}, {"workspace": workspace}))

    async def book_move(self, name: str, shelf: int | None = None, note: str | None = None) -> Any:
        return await self._call("book.move", _positional([name, shelf, note], 1))

    async def log_event(self, text: str) -> None:
        await self._notify("log.event", _named({"text": text}, {}))
