# hero_books_interface.py: generated from the OpenRPC document of hero_books.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 0.2.0, openrpc 1.3.2
# spec sha256 8505463964f1417bd7169519a64ec87921d97cacb950f4753ea5569487cf8e0c
"""hero_books 0.2.0: Books and their chapters, grouped in workspaces, with full-text search.
12 methods. Use: from hero_books_client import HeroBooksClient; client = HeroBooksClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, Protocol, TypedDict


class BookSummary(TypedDict):
    name: str
    title: str
    path: str


class ChapterSummary(TypedDict):
    index: int
    title: str


class Chapter(TypedDict):
    index: int
    title: str
    text: str


class ChapterInput(TypedDict):
    title: str
    text: str


class SearchHit(TypedDict):
    book: str
    chapter: int
    snippet: str
    score: float


class BookListResult(TypedDict):
    books: list[BookSummary]


class BookDeleteResult(TypedDict):
    deleted: bool


class BookSearchResult(TypedDict):
    results: list[SearchHit]


class Book(TypedDict):
    name: str
    title: str
    tags: list[str]
    chapters: list[ChapterSummary]


class RpcError(Exception):
    code: int
    message: str
    data: Any


class BookNotFoundError(RpcError):
    code = -32004


class BookAlreadyExistsError(RpcError):
    code = -32010


class ChapterNotFoundError(RpcError):
    code = -32005


class HeroBooksClient(Protocol):
    def workspace_list(self) -> list[str]: ...  # List all workspaces.
    def workspace_create(self, name: str) -> bool: ...  # Create a workspace.
    def book_list(self, workspace: str = "default") -> BookListResult: ...  # List all books in a workspace.
    def book_get(self, name: str, workspace: str = "default") -> Book: ...  # Get a specific book by name.
    def book_create(self, name: str, title: str, chapters: list[ChapterInput] | None = None, workspace: str = "default") -> Book: ...  # Create a book.
    def book_update(self, name: str, title: str | None = None, tags: list[str] | None = None, workspace: str = "default") -> Book: ...  # Change a book's title or tags.
    def book_delete(self, name: str, workspace: str = "default") -> BookDeleteResult: ...  # Delete a book and its chapters.
    def book_search(self, query: str, limit: int = 10, workspace: str = "default") -> BookSearchResult: ...  # Full-text search over every chapter of every book.
    def book_find(self, title: str, workspace: str = "default") -> list[BookSummary]: ...  # (deprecated) Find books whose title contains a string.
    def chapter_list(self, book: str, workspace: str = "default") -> list[ChapterSummary]: ...  # List the chapters of a book.
    def chapter_get(self, book: str, index: int, workspace: str = "default") -> Chapter: ...  # Get one chapter with its text.
    def chapter_add(self, book: str, chapter: ChapterInput, workspace: str = "default") -> ChapterSummary: ...  # Append a chapter to a book.
