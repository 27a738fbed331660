"""The hero_books methods: JSON-RPC params in, store calls in a worker thread, spec-shaped JSON out.

Store errors become the errors the spec declares (BookNotFound -32004, Book already exists
-32010, Chapter not found -32005); an unknown workspace is an invalid ``workspace`` param.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, TypeVar

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

T = TypeVar("T")
Params = dict[str, Json]


class HeroBooks:
    """One handler per method of the hero_books spec, over one `Store`."""

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
        return await _run(self._store.list_workspaces)

    async def workspace_create(self, p: Params) -> Json:
        return await _run(self._store.create_workspace, p["name"])

    async def book_list(self, p: Params) -> Json:
        books = await _run(self._store.list_books, p["workspace"])
        return {"books": [asdict(book) for book in books]}

    async def book_get(self, p: Params) -> Json:
        return asdict(await _run(self._store.get_book, p["workspace"], p["name"]))

    async def book_create(self, p: Params) -> Json:
        chapters = [_chapter_input(chapter) for chapter in p.get("chapters", [])]
        book = await _run(self._store.create_book, p["workspace"], p["name"], p["title"], chapters)
        return asdict(book)

    async def book_update(self, p: Params) -> Json:
        title, tags = p.get("title"), p.get("tags")
        book = await _run(self._store.update_book, p["workspace"], p["name"], title, tags)
        return asdict(book)

    async def book_delete(self, p: Params) -> Json:
        await _run(self._store.delete_book, p["workspace"], p["name"])
        return {"deleted": True}

    async def book_search(self, p: Params) -> Json:
        hits = await _run(self._store.search, p["workspace"], p["query"], p["limit"])
        return {"results": [asdict(hit) for hit in hits]}

    async def book_find(self, p: Params) -> Json:
        books = await _run(self._store.find_books, p["workspace"], p["title"])
        return [asdict(book) for book in books]

    async def chapter_list(self, p: Params) -> Json:
        chapters = await _run(self._store.list_chapters, p["workspace"], p["book"])
        return [asdict(chapter) for chapter in chapters]

    async def chapter_get(self, p: Params) -> Json:
        chapter = await _run(self._store.get_chapter, p["workspace"], p["book"], p["index"])
        return asdict(chapter)

    async def chapter_add(self, p: Params) -> Json:
        title, text = _chapter_input(p["chapter"])
        added = await _run(self._store.add_chapter, p["workspace"], p["book"], title, text)
        return asdict(added)


def _chapter_input(chapter: Json) -> tuple[str, str]:
    return chapter["title"], chapter["text"]


async def _run(call: Callable[..., T], *args: Any) -> T:
    """``call(*args)`` in a worker thread; store errors become the spec's JSON-RPC errors."""
    try:
        return await asyncio.to_thread(call, *args)
    except WorkspaceNotFound as exc:
        raise InvalidParams(
            "workspace", f"no workspace named {exc.details['workspace']!r}"
        ) from None
    except (BookNotFound, BookExists, ChapterNotFound) as exc:
        code, message = _DECLARED_ERRORS[type(exc)]
        raise RpcError(code, message, exc.details) from None
