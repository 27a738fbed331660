"""The hero_books SQLite store: seeding, books and chapters, FTS5 search, errors, threads."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from router.demo.records import (
    BookExists,
    BookNotFound,
    Chapter,
    ChapterNotFound,
    ChapterSummary,
    StoreError,
    WorkspaceNotFound,
)
from router.demo.service import SEED_PATH
from router.demo.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "nested" / "dirs" / "books.db", seed=SEED_PATH)
    yield opened
    opened.close()


def hits(store: Store, query: str, workspace: str = "default") -> list[tuple[str, int]]:
    return [(hit.book, hit.chapter) for hit in store.search(workspace, query, 10)]


def test_an_empty_store_is_seeded_and_its_folders_created(store: Store) -> None:
    assert store.path.is_file()
    assert store.list_workspaces() == ["default"]
    assert [book.name for book in store.list_books("default")] == ["infra", "ops", "poems"]
    infra = store.get_book("default", "infra")
    assert infra.title == "Infrastructure Guide"
    assert infra.tags == ["ops", "cloud"]
    assert infra.chapters[3] == ChapterSummary(4, "Running Kubernetes")


def test_book_summaries_carry_a_path(store: Store) -> None:
    assert store.list_books("default")[0].path == "books/infra"


def test_kubernetes_hits_infra_4_and_ops_2_in_any_case(store: Store) -> None:
    for query in ("kubernetes", "KUBERNETES", "Kubernetes"):
        assert sorted(hits(store, query)) == [("infra", 4), ("ops", 2)]


def test_hits_come_best_first_with_a_marked_snippet(store: Store) -> None:
    found = store.search("default", "kubernetes", 10)
    assert [hit.score for hit in found] == sorted((hit.score for hit in found), reverse=True)
    assert all(hit.score > 0 for hit in found)
    assert all("**" in hit.snippet and "ubernetes**" in hit.snippet.lower() for hit in found)


def test_every_word_must_match_and_limit_applies(store: Store) -> None:
    assert hits(store, "kubernetes drain") == [("ops", 2)]
    assert len(store.search("default", "kubernetes", 1)) == 1


def test_query_syntax_is_taken_as_plain_words(store: Store) -> None:
    assert hits(store, 'kettle OR "bread') == []  # "or" is a word here, and no poem has it
    assert hits(store, "NEAR(kettle sun)") == []
    assert hits(store, "sings) (") == [("poems", 1)]  # punctuation is not a word
    assert hits(store, "   ") == []


def test_words_match_their_other_forms(store: Store) -> None:
    assert sorted(hits(store, "node")) == [("infra", 4), ("ops", 2)]  # "nodes" and "node"


def test_search_stays_in_its_workspace(store: Store) -> None:
    assert store.create_workspace("other")
    store.create_book("other", "k8s", "K8s", [("Intro", "kubernetes everywhere")])
    assert hits(store, "kubernetes", "other") == [("k8s", 1)]
    assert ("k8s", 1) not in hits(store, "kubernetes")


def test_index_follows_added_and_deleted_chapters(store: Store) -> None:
    added = store.add_chapter("default", "poems", "Winter", "Snow on the kubernetes cluster.")
    assert added == ChapterSummary(3, "Winter")
    assert ("poems", 3) in hits(store, "kubernetes")
    store.delete_book("default", "infra")
    assert sorted(hits(store, "kubernetes")) == [("ops", 2), ("poems", 3)]
    db = sqlite3.connect(store.path)
    db.execute("INSERT INTO chapters_fts(chapters_fts, rank) VALUES ('integrity-check', 1)")
    db.close()


def test_create_update_and_read_back(store: Store) -> None:
    book = store.create_book("default", "new", "New Book", [("One", "first"), ("Two", "second")])
    assert book.chapters == [ChapterSummary(1, "One"), ChapterSummary(2, "Two")]
    assert book.tags == []
    updated = store.update_book("default", "new", None, ["a", "b"])
    assert (updated.title, updated.tags) == ("New Book", ["a", "b"])
    assert store.update_book("default", "new", "Renamed", None).tags == ["a", "b"]
    assert store.get_chapter("default", "new", 2) == Chapter(2, "Two", "second")
    assert store.list_chapters("default", "new")[1] == ChapterSummary(2, "Two")


def test_find_matches_title_substrings_ignoring_case(store: Store) -> None:
    assert [book.name for book in store.find_books("default", "GUIDE")] == ["infra"]
    assert [book.name for book in store.find_books("default", "E")] == ["infra", "ops", "poems"]
    assert store.find_books("default", "zzz") == []


def test_create_workspace_reports_whether_it_was_new(store: Store) -> None:
    assert store.create_workspace("team") is True
    assert store.create_workspace("team") is False
    assert store.list_workspaces() == ["default", "team"]
    assert store.list_books("team") == []


def test_errors_name_what_is_missing(store: Store) -> None:
    with pytest.raises(BookNotFound) as missing:
        store.get_book("default", "nope")
    assert missing.value.details == {"workspace": "default", "name": "nope"}
    with pytest.raises(BookExists):
        store.create_book("default", "infra", "Again")
    with pytest.raises(ChapterNotFound) as chapter:
        store.get_chapter("default", "ops", 3)
    assert chapter.value.details == {"workspace": "default", "book": "ops", "index": 3}
    with pytest.raises(WorkspaceNotFound):
        store.list_books("nowhere")
    with pytest.raises(WorkspaceNotFound):
        store.get_book("nowhere", "infra")


def test_a_failed_create_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(BookExists):
        store.create_book("default", "infra", "Again", [("Dup", "kubernetes")])
    assert sorted(hits(store, "kubernetes")) == [("infra", 4), ("ops", 2)]
    assert store.get_book("default", "infra").title == "Infrastructure Guide"


def test_reopening_keeps_data_and_does_not_seed_again(tmp_path: Path) -> None:
    first = Store.open(tmp_path / "books.db", seed=SEED_PATH)
    first.delete_book("default", "poems")
    first.create_workspace("kept")
    first.close()
    second = Store.open(tmp_path / "books.db", seed=SEED_PATH)
    assert [book.name for book in second.list_books("default")] == ["infra", "ops"]
    assert second.list_workspaces() == ["default", "kept"]
    second.close()


def test_threads_write_and_read_concurrently(store: Store) -> None:
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(10):
                store.add_chapter("default", "ops", f"T{n}-{i}", f"thread{n} words")
                store.get_book("default", "ops")
        except BaseException as exc:  # collected: the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    indexes = [chapter.index for chapter in store.list_chapters("default", "ops")]
    assert indexes == list(range(1, 43))
    assert len(hits(store, "thread3")) == 10


def test_unusable_files_raise_a_store_error_naming_the_file(tmp_path: Path) -> None:
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"junk\.db: file is not a database"):
        Store.open(not_a_db, seed=SEED_PATH)
    with pytest.raises(StoreError, match="unable to open database file"):
        Store.open(tmp_path, seed=SEED_PATH)
