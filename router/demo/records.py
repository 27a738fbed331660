"""What the hero_books store returns and raises: frozen records shaped like the spec's schemas."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BookSummary",
    "Book",
    "ChapterSummary",
    "Chapter",
    "SearchHit",
    "StoreError",
    "WorkspaceNotFound",
    "BookNotFound",
    "BookExists",
    "ChapterNotFound",
]


@dataclass(frozen=True, slots=True)
class BookSummary:
    name: str
    title: str
    path: str


@dataclass(frozen=True, slots=True)
class ChapterSummary:
    index: int
    title: str


@dataclass(frozen=True, slots=True)
class Book:
    name: str
    title: str
    tags: list[str]
    chapters: list[ChapterSummary]


@dataclass(frozen=True, slots=True)
class Chapter:
    index: int
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """``snippet`` marks the matched words with ``**``; ``score`` is -bm25: larger is better."""

    book: str
    chapter: int
    snippet: str
    score: float


class StoreError(Exception):
    """The store cannot be opened or used: the message names the file."""


class _Named(StoreError):
    """About something a call named; ``details`` says which, as JSON-ready data."""

    def __init__(self, **details: str | int) -> None:
        super().__init__(", ".join(f"{key}={value!r}" for key, value in details.items()))
        self.details = details


class WorkspaceNotFound(_Named):
    pass


class BookNotFound(_Named):
    pass


class ChapterNotFound(_Named):
    pass


class BookExists(_Named):
    pass
