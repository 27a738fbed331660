# hero_books 0.2.0, 12 methods, sha256 8505463964f1417bd7169519a64ec87921d97cacb950f4753ea5569487cf8e0c
# Books and their chapters, grouped in workspaces, with full-text search
# from hero_books_client import HeroBooksClient: HeroBooksClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any, TypedDict


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


def workspace_list() -> list[str]: ...  # List all workspaces
def workspace_create(name: str) -> bool: ...  # Create a workspace
def book_list(workspace: str = "default") -> BookListResult: ...  # List all books in a workspace
def book_get(name: str, workspace: str = "default") -> Book: ...  # Get a specific book by name
def book_create(name: str, title: str, chapters: list[ChapterInput] | None = None, workspace: str = "default") -> Book: ...  # Create a book
def book_update(name: str, title: str | None = None, tags: list[str] | None = None, workspace: str = "default") -> Book: ...  # Change a book's title or tags
def book_delete(name: str, workspace: str = "default") -> BookDeleteResult: ...  # Delete a book and its chapters
def book_search(query: str, limit: int = 10, workspace: str = "default") -> BookSearchResult: ...  # Full-text search over every chapter of every book
def book_find(title: str, workspace: str = "default") -> list[BookSummary]: ...  # (deprecated) Find books whose title contains a string
def chapter_list(book: str, workspace: str = "default") -> list[ChapterSummary]: ...  # List the chapters of a book
def chapter_get(book: str, index: int, workspace: str = "default") -> Chapter: ...  # Get one chapter with its text
def chapter_add(book: str, chapter: ChapterInput, workspace: str = "default") -> ChapterSummary: ...  # Append a chapter to a book
