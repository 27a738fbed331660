"""The hero_books methods: JSON-RPC params in, store calls, spec-shaped JSON out.

Store errors become the errors the spec declares (BookNotFound -32004, Book already exists
-32010, Chapter not found -32005); an unknown workspace is an invalid ``workspace`` param.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from router.demo.records import (
    BookExists,
    BookNotFound,
    ChapterNotFound,
    StoreError,
    WorkspaceNotFound,
)
from router.demo.store import Store
from router.jsonrpc import Handler, InvalidParams, Json, RpcError

__all__ = ["BOOK_NOT_FOUND", "BOOK_EXISTS", "CHAPTER_NOT_FOUND", "HeroBooks"]

BOOK_NOT_FOUND = -32004
BOOK_EXISTS = -32010
CHAPTER_NOT_FOUND = -32005

_DECLARED_ERRORS: dict[type[StoreError], tuple[int, str]] = {
    BookNotFound: (BOOK_NOT_FOUND, "Book not found"),
    BookExists: (BOOK_EXISTS, "Book already exists"),
    ChapterNotFound: (CHAPTER_NOT_FOUND, "Chapter not found"),
}

Params = dict[str, Json]


class HeroBooks:
    """One handler per method of the hero_books spec, over one `Store`.

    Writes run in worker threads: they may wait for SQLite's write lock. Reads run on the event
    loop's thread with its own connection: in WAL mode a reader never waits for a writer, a read
    here takes tens of microseconds, and a hop to a thread would cost more than the read.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def handlers(self) -> dict[str, Handler]:
        """Method name -> handler, for `methods_from_openrpc`."""
        return {
            "workspace.list": self.workspace_list,
            "workspace.create": self.workspace_create,
            "book.list": self.book_list,
            "book.get": self.book_get,
            "book.create": self.book_create,
            "book.update": self.book_update,
            "book.delete": self.book_delete,
            "book.search": self.book_search,
            "book.find": self.book_find,
            "chapter.list": self.chapter_list,
            "chapter.get": self.chapter_get,
            "chapter.add": self.chapter_add,
        }

    async def workspace_list(self, p: Params) -> Json:
        return _read(self._store.list_workspaces)

    async def workspace_create(self, p: Params) -> Json:
        return await _write(self._store.create_workspace, p["name"])

    async def book_list(self, p: Params) -> Json:
        return {"books": _read(self._store.list_books, p["workspace"])}

    async def book_get(self, p: Params) -> Json:
        return _read(self._store.get_book, p["workspace"], p["name"])

    async def book_create(self, p: Params) -> Json:
        chapters = [_chapter_input(chapter) for chapter in p.get("chapters", [])]
        store = self._store
        return await _write(store.create_book, p["workspace"], p["name"], p["title"], chapters)

    async def book_update(self, p: Params) -> Json:
        title, tags = p.get("title"), p.get("tags")
        return await _write(self._store.update_book, p["workspace"], p["name"], title, tags)

    async def book_delete(self, p: Params) -> Json:
        await _write(self._store.delete_book, p["workspace"], p["name"])
        return {"deleted": True}

    async def book_search(self, p: Params) -> Json:
        return {"results": _read(self._store.search, p["workspace"], p["query"], p["limit"])}

    async def book_find(self, p: Params) -> Json:
        return _read(self._store.find_books, p["workspace"], p["title"])

    async def chapter_list(self, p: Params) -> Json:
        return _read(self._store.list_chapters, p["workspace"], p["book"])

    async def chapter_get(self, p: Params) -> Json:
        return _read(self._store.get_chapter, p["workspace"], p["book"], p["index"])

    async def chapter_add(self, p: Params) -> Json:
        title, text = _chapter_input(p["chapter"])
        return await _write(self._store.add_chapter, p["workspace"], p["book"], title, text)


def _chapter_input(chapter: Json) -> tuple[str, str]:
    return chapter["title"], chapter["text"]


def _read(call: Callable[..., Any], *args: Any) -> Json:
    """``call(*args)`` on this thread, its records as JSON."""
    with _spec_errors():
        return _to_json(call(*args))


async def _write(call: Callable[..., Any], *args: Any) -> Json:
    """``call(*args)`` in a worker thread, its records as JSON."""
    with _spec_errors():
        return _to_json(await asyncio.to_thread(call, *args))


@contextmanager
def _spec_errors() -> Iterator[None]:
    """Store errors -> the JSON-RPC errors the spec declares."""
    try:
        yield
    except WorkspaceNotFound as exc:
        problem = f"no workspace named {exc.details['workspace']!r}"
        raise InvalidParams("workspace", problem) from None
    except (BookNotFound, BookExists, ChapterNotFound) as exc:
        code, message = _DECLARED_ERRORS[type(exc)]
        raise RpcError(code, message, exc.details) from None


def _to_json(value: Any) -> Json:
    """Records, lists of them, and plain values as JSON values.

    Not `dataclasses.asdict`: it deep-copies every value, several times slower for a Book.
    """
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {name: _to_json(getattr(value, name)) for name in value.__dataclass_fields__}
    return value
