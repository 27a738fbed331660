"""The hero_books store: workspaces, books, chapters and tags in one SQLite file, FTS5 over chapters.

Blocking and synchronous; safe from any thread. Each thread gets its own connection, the file is
in WAL mode (readers never wait for a writer), writes take the lock up front (BEGIN IMMEDIATE).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from router.demo.records import (
    Book,
    BookExists,
    BookNotFound,
    BookSummary,
    Chapter,
    ChapterNotFound,
    ChapterSummary,
    SearchHit,
    StoreError,
    WorkspaceNotFound,
)
from router.demo.schema import SCHEMA

__all__ = ["DEFAULT_DB", "Store"]

DEFAULT_DB = Path("~/hero/var/hero_books/books.db")

_SEARCH = """
    SELECT b.name, c.idx, snippet(chapters_fts, -1, '**', '**', '…', 12), -bm25(chapters_fts, 2.0, 1.0)
    FROM chapters_fts JOIN chapters c ON c.id = chapters_fts.rowid JOIN books b ON b.id = c.book_id
    WHERE chapters_fts MATCH ? AND b.workspace_id = ?
    ORDER BY bm25(chapters_fts, 2.0, 1.0), c.id LIMIT ?
"""


class Store:
    """Open with `Store.open`; every method is safe to call from any thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []

    @classmethod
    def open(cls, path: Path, seed: Path | None = None) -> Store:
        """Create the file (and its folders) if needed; load ``seed`` when the store is empty.

        Raises:
            StoreError: the file cannot be created or is not a usable database.
        """
        store = cls(path.expanduser())
        try:
            store.path.parent.mkdir(parents=True, exist_ok=True)
            store._conn().executescript(SCHEMA)
            if seed is not None:
                store._seed_if_empty(json.loads(seed.read_text(encoding="utf-8")))
        except (OSError, ValueError, sqlite3.Error) as exc:
            store.close()
            raise StoreError(f"{store.path}: {exc}") from exc
        return store

    def close(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()

    # workspaces

    def list_workspaces(self) -> list[str]:
        rows = self._conn().execute("SELECT name FROM workspaces ORDER BY name")
        return [name for (name,) in rows]

    def create_workspace(self, name: str) -> bool:
        """True when created, False when it already existed."""
        with self._write() as db:
            return (
                db.execute("INSERT OR IGNORE INTO workspaces(name) VALUES (?)", (name,)).rowcount
                == 1
            )

    # books

    def list_books(self, workspace: str) -> list[BookSummary]:
        with self._read() as db:
            rows = db.execute(
                "SELECT name, title FROM books WHERE workspace_id = ? ORDER BY name",
                (self._workspace_id(db, workspace),),
            )
            return [BookSummary(name, title, f"books/{name}") for name, title in rows]

    def find_books(self, workspace: str, title: str) -> list[BookSummary]:
        """Books whose title contains ``title``, ignoring case."""
        needle = title.casefold()
        return [book for book in self.list_books(workspace) if needle in book.title.casefold()]

    def get_book(self, workspace: str, name: str) -> Book:
        with self._read() as db:
            return self._book(db, self._book_id(db, workspace, name))

    def create_book(
        self, workspace: str, name: str, title: str, chapters: Sequence[tuple[str, str]] = ()
    ) -> Book:
        with self._write() as db:
            try:
                book_id = _insert_book(db, self._workspace_id(db, workspace), name, title, chapters)
            except sqlite3.IntegrityError:
                raise BookExists(workspace=workspace, name=name) from None
            return self._book(db, book_id)

    def update_book(
        self, workspace: str, name: str, title: str | None, tags: Sequence[str] | None
    ) -> Book:
        """Change what is given; None leaves it as it is. ``tags`` replaces the whole list."""
        with self._write() as db:
            book_id = self._book_id(db, workspace, name)
            if title is not None:
                db.execute("UPDATE books SET title = ? WHERE id = ?", (title, book_id))
            if tags is not None:
                _replace_tags(db, book_id, tags)
            return self._book(db, book_id)

    def delete_book(self, workspace: str, name: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM books WHERE id = ?", (self._book_id(db, workspace, name),))

    def search(self, workspace: str, query: str, limit: int) -> list[SearchHit]:
        """Chapters matching every word of ``query`` (any case), best first (larger score)."""
        match = _fts_query(query)
        with self._read() as db:
            workspace_id = self._workspace_id(db, workspace)
            if not match:
                return []
            rows = db.execute(_SEARCH, (match, workspace_id, limit))
            return [SearchHit(*row) for row in rows]

    # chapters

    def list_chapters(self, workspace: str, book: str) -> list[ChapterSummary]:
        with self._read() as db:
            return self._chapters(db, self._book_id(db, workspace, book))

    def get_chapter(self, workspace: str, book: str, index: int) -> Chapter:
        with self._read() as db:
            row = db.execute(
                "SELECT idx, title, text FROM chapters WHERE book_id = ? AND idx = ?",
                (self._book_id(db, workspace, book), index),
            ).fetchone()
        if row is None:
            raise ChapterNotFound(workspace=workspace, book=book, index=index)
        return Chapter(*row)

    def add_chapter(self, workspace: str, book: str, title: str, text: str) -> ChapterSummary:
        with self._write() as db:
            book_id = self._book_id(db, workspace, book)
            (index,) = db.execute(
                "SELECT COALESCE(MAX(idx), 0) + 1 FROM chapters WHERE book_id = ?", (book_id,)
            ).fetchone()
            db.execute(
                "INSERT INTO chapters(book_id, idx, title, text) VALUES (?, ?, ?, ?)",
                (book_id, index, title, text),
            )
        return ChapterSummary(index, title)

    # internals

    def _conn(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            # isolation_level=None: transactions are explicit (see _read and _write).
            connection = sqlite3.connect(
                self.path, timeout=10, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA synchronous = NORMAL")
            with self._lock:
                self._connections.append(connection)
            self._local.connection = connection
        return connection

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One snapshot for several SELECTs."""
        with self._transaction("BEGIN") as db:
            yield db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """Take the write lock first, so a read-then-write never fails halfway with SQLITE_BUSY."""
        with self._transaction("BEGIN IMMEDIATE") as db:
            yield db

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        db = self._conn()
        db.execute(begin)
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _workspace_id(self, db: sqlite3.Connection, workspace: str) -> int:
        row = db.execute("SELECT id FROM workspaces WHERE name = ?", (workspace,)).fetchone()
        if row is None:
            raise WorkspaceNotFound(workspace=workspace)
        return int(row[0])

    def _book_id(self, db: sqlite3.Connection, workspace: str, name: str) -> int:
        row = db.execute(
            "SELECT b.id FROM books b JOIN workspaces w ON w.id = b.workspace_id"
            " WHERE w.name = ? AND b.name = ?",
            (workspace, name),
        ).fetchone()
        if row is None:
            self._workspace_id(db, workspace)  # an unknown workspace says so, not "no such book"
            raise BookNotFound(workspace=workspace, name=name)
        return int(row[0])

    def _book(self, db: sqlite3.Connection, book_id: int) -> Book:
        name, title = db.execute(
            "SELECT name, title FROM books WHERE id = ?", (book_id,)
        ).fetchone()
        tags = db.execute("SELECT tag FROM tags WHERE book_id = ? ORDER BY position", (book_id,))
        return Book(name, title, [tag for (tag,) in tags], self._chapters(db, book_id))

    def _chapters(self, db: sqlite3.Connection, book_id: int) -> list[ChapterSummary]:
        rows = db.execute(
            "SELECT idx, title FROM chapters WHERE book_id = ? ORDER BY idx", (book_id,)
        )
        return [ChapterSummary(*row) for row in rows]

    def _seed_if_empty(self, seed: Any) -> None:
        """Load ``{"workspaces": {name: [book, ...]}}`` unless there is a workspace already."""
        with self._write() as db:
            if db.execute("SELECT 1 FROM workspaces LIMIT 1").fetchone() is not None:
                return
            for workspace, books in seed["workspaces"].items():
                workspace_id = db.execute(
                    "INSERT INTO workspaces(name) VALUES (?)", (workspace,)
                ).lastrowid
                assert workspace_id is not None  # an INSERT always sets it
                for book in books:
                    chapters = [(chapter["title"], chapter["text"]) for chapter in book["chapters"]]
                    book_id = _insert_book(db, workspace_id, book["name"], book["title"], chapters)
                    _replace_tags(db, book_id, book.get("tags", []))


def _insert_book(
    db: sqlite3.Connection,
    workspace_id: int,
    name: str,
    title: str,
    chapters: Sequence[tuple[str, str]],
) -> int:
    """Insert a book and its (title, text) chapters, numbered from 1; return its id."""
    book_id = db.execute(
        "INSERT INTO books(workspace_id, name, title) VALUES (?, ?, ?)", (workspace_id, name, title)
    ).lastrowid
    assert book_id is not None  # an INSERT always sets it
    db.executemany(
        "INSERT INTO chapters(book_id, idx, title, text) VALUES (?, ?, ?, ?)",
        [(book_id, index, *chapter) for index, chapter in enumerate(chapters, 1)],
    )
    return book_id


def _replace_tags(db: sqlite3.Connection, book_id: int, tags: Sequence[str]) -> None:
    db.execute("DELETE FROM tags WHERE book_id = ?", (book_id,))
    db.executemany(
        "INSERT INTO tags(book_id, position, tag) VALUES (?, ?, ?)",
        [(book_id, position, tag) for position, tag in enumerate(tags)],
    )


def _fts_query(text: str) -> str:
    """Each word as an FTS5 string (quotes doubled): user text is never read as query syntax."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in text.split())
