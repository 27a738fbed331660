"""Every hero_books method and every declared error, called over the service's Unix socket."""

from __future__ import annotations

import pytest

from tests.router.service_process import ServiceProcess

BOOK_NOT_FOUND = {"code": -32004, "message": "Book not found"}


def test_workspace_list_and_create(hero_books: ServiceProcess) -> None:
    before = hero_books.result("workspace.list")
    assert "default" in before and "team_1" not in before
    assert hero_books.result("workspace.create", {"name": "team_1"}) is True
    assert hero_books.result("workspace.create", ["team_1"]) is False
    assert hero_books.result("workspace.list") == sorted([*before, "team_1"])


def test_workspace_names_follow_the_pattern(hero_books: ServiceProcess) -> None:
    error = hero_books.error("workspace.create", {"name": "Team 1"})
    assert error["code"] == -32602
    assert error["message"].startswith("invalid param 'name': 'Team 1' does not match")


def test_book_list_defaults_to_the_default_workspace(hero_books: ServiceProcess) -> None:
    books = hero_books.result("book.list")["books"]
    assert books[0] == {"name": "infra", "title": "Infrastructure Guide", "path": "books/infra"}
    assert [book["name"] for book in books] == ["infra", "ops", "poems"]
    assert hero_books.result("book.list", {"workspace": "default"})["books"] == books


def test_book_get(hero_books: ServiceProcess) -> None:
    book = hero_books.result("book.get", {"name": "infra"})
    assert book["title"] == "Infrastructure Guide"
    assert book["tags"] == ["ops", "cloud"]
    assert book["chapters"][3] == {"index": 4, "title": "Running Kubernetes"}
    assert hero_books.result("book.get", ["infra", "default"]) == book


def test_book_get_unknown_is_book_not_found(hero_books: ServiceProcess) -> None:
    error = hero_books.error("book.get", {"name": "nope"})
    assert error == {**BOOK_NOT_FOUND, "data": {"workspace": "default", "name": "nope"}}


def test_an_unknown_workspace_is_an_invalid_workspace_param(hero_books: ServiceProcess) -> None:
    error = hero_books.error("book.list", {"workspace": "nowhere"})
    assert error == {
        "code": -32602,
        "message": "invalid param 'workspace': no workspace named 'nowhere'",
        "data": {"param": "workspace"},
    }


def test_book_create_and_already_exists(hero_books: ServiceProcess) -> None:
    chapters = [{"title": "One", "text": "alpha words"}, {"title": "Two", "text": "beta words"}]
    book = hero_books.result("book.create", {"name": "new-1", "title": "New", "chapters": chapters})
    assert book == {
        "name": "new-1",
        "title": "New",
        "tags": [],
        "chapters": [{"index": 1, "title": "One"}, {"index": 2, "title": "Two"}],
    }
    error = hero_books.error("book.create", {"name": "new-1", "title": "Again"})
    assert error == {
        "code": -32010,
        "message": "Book already exists",
        "data": {"workspace": "default", "name": "new-1"},
    }


def test_book_create_in_another_workspace(hero_books: ServiceProcess) -> None:
    hero_books.result("workspace.create", {"name": "shelf"})
    hero_books.result(
        "book.create", {"name": "infra", "title": "Other infra", "workspace": "shelf"}
    )
    assert hero_books.result("book.get", ["infra", "shelf"])["title"] == "Other infra"
    assert hero_books.result("book.get", ["infra"])["title"] == "Infrastructure Guide"


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"name": "Bad Name", "title": "t"}, "name"),
        ({"name": "ok"}, "title"),
        ({"name": "ok", "title": "t", "chapters": [{"title": "no text"}]}, "chapters"),
        ({"name": "ok", "title": "t", "chapters": "none"}, "chapters"),
    ],
)
def test_book_create_checks_its_params(
    hero_books: ServiceProcess, params: dict[str, object], param: str
) -> None:
    error = hero_books.error("book.create", params)
    assert (error["code"], error["data"]) == (-32602, {"param": param})
    assert f"'{param}'" in error["message"]


def test_book_update_title_and_tags(hero_books: ServiceProcess) -> None:
    hero_books.result("book.create", {"name": "upd", "title": "Before"})
    book = hero_books.result("book.update", {"name": "upd", "tags": ["x", "y"]})
    assert (book["title"], book["tags"]) == ("Before", ["x", "y"])
    book = hero_books.result("book.update", {"name": "upd", "title": "After", "tags": None})
    assert (book["title"], book["tags"]) == ("After", ["x", "y"])
    assert hero_books.result("book.get", ["upd"])["title"] == "After"


def test_book_update_unknown_is_book_not_found(hero_books: ServiceProcess) -> None:
    error = hero_books.error("book.update", {"name": "nope", "title": "x"})
    assert error["code"] == BOOK_NOT_FOUND["code"]


def test_book_delete(hero_books: ServiceProcess) -> None:
    hero_books.result("book.create", {"name": "gone", "title": "Gone"})
    assert hero_books.result("book.delete", {"name": "gone"}) == {"deleted": True}
    assert hero_books.error("book.get", {"name": "gone"})["code"] == BOOK_NOT_FOUND["code"]
    assert hero_books.error("book.delete", {"name": "gone"})["code"] == BOOK_NOT_FOUND["code"]


def test_book_search_kubernetes(hero_books: ServiceProcess) -> None:
    results = hero_books.result("book.search", {"query": "KUBERNETES"})["results"]
    assert sorted((hit["book"], hit["chapter"]) for hit in results) == [("infra", 4), ("ops", 2)]
    assert all(isinstance(hit["score"], float) and "**" in hit["snippet"] for hit in results)
    assert results[0]["score"] >= results[1]["score"]


def test_book_search_limit_and_its_bounds(hero_books: ServiceProcess) -> None:
    assert len(hero_books.result("book.search", ["kubernetes", 1])["results"]) == 1
    for limit in (0, 101):
        assert hero_books.error("book.search", ["kubernetes", limit])["data"] == {"param": "limit"}
    assert hero_books.error("book.search", {"query": ""})["data"] == {"param": "query"}


def test_deprecated_book_find_still_works(hero_books: ServiceProcess) -> None:
    found = hero_books.result("book.find", {"title": "handbook"})
    assert found == [{"name": "ops", "title": "Operations Handbook", "path": "books/ops"}]


def test_chapter_list_and_get(hero_books: ServiceProcess) -> None:
    chapters = hero_books.result("chapter.list", {"book": "poems"})
    assert chapters == [{"index": 1, "title": "Morning"}, {"index": 2, "title": "Harbour"}]
    chapter = hero_books.result("chapter.get", {"book": "poems", "index": 2})
    assert chapter == {
        "index": 2,
        "title": "Harbour",
        "text": "Ropes creak; gulls argue over bread.",
    }


def test_chapter_errors(hero_books: ServiceProcess) -> None:
    assert hero_books.error("chapter.list", {"book": "nope"})["code"] == BOOK_NOT_FOUND["code"]
    assert hero_books.error("chapter.get", ["nope", 1])["code"] == BOOK_NOT_FOUND["code"]
    error = hero_books.error("chapter.get", {"book": "poems", "index": 9})
    assert error == {
        "code": -32005,
        "message": "Chapter not found",
        "data": {"workspace": "default", "book": "poems", "index": 9},
    }
    assert hero_books.error("chapter.get", ["poems", 0])["data"] == {"param": "index"}


def test_chapter_add_appends_and_is_searchable(hero_books: ServiceProcess) -> None:
    hero_books.result("book.create", {"name": "grow", "title": "Grow", "chapters": []})
    added = hero_books.result(
        "chapter.add", {"book": "grow", "chapter": {"title": "A", "text": "xylophone"}}
    )
    assert added == {"index": 1, "title": "A"}
    results = hero_books.result("book.search", ["xylophone"])["results"]
    assert [(hit["book"], hit["chapter"]) for hit in results] == [("grow", 1)]
    error = hero_books.error(
        "chapter.add", {"book": "nope", "chapter": {"title": "A", "text": "t"}}
    )
    assert error["code"] == BOOK_NOT_FOUND["code"]
    assert hero_books.error("chapter.add", {"book": "grow", "chapter": {"title": "A"}})["data"] == {
        "param": "chapter"
    }
