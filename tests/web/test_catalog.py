"""A spec the generator accepted -> the service page's view of it (through the generator's model)."""

from __future__ import annotations

import json
from typing import Any

from router.web.catalog import service_view
from tests.router.service_process import REPO

HERO_BOOKS = (REPO / "router" / "demo" / "hero_books.openrpc.json").read_bytes()


def spec(*methods: dict[str, Any]) -> bytes:
    document = {"openrpc": "1.3.2", "info": {"title": "t", "version": "1"}, "methods": methods}
    return json.dumps(document).encode()


def test_hero_books_methods_in_spec_order_with_python_names() -> None:
    view = service_view("hero_books", HERO_BOOKS, "HeroBooksClient")
    assert view.client_class == "HeroBooksClient"
    assert view.version == "0.2.0"
    assert [m.name for m in view.methods] == [m["name"] for m in json.loads(HERO_BOOKS)["methods"]]
    book_get = next(m for m in view.methods if m.name == "book.get")
    assert book_get.python_call == "client.book_get(name, workspace=…)"
    assert [(p.name, p.type, p.required, p.default) for p in book_get.params] == [
        ("name", "str", True, None),
        ("workspace", "str", False, '"default"'),
    ]
    assert (book_get.result_name, book_get.result_type) == ("book", "Book")
    assert book_get.errors == ((-32004, "Book not found"),)
    assert [m.name for m in view.methods if m.deprecated] == ["book.find"]
    assert view.sample_call == "client.workspace_list()"
    book = next(s for s in view.schemas if s.name == "Book")
    assert book.type == "object"
    assert ("chapters", "list[ChapterSummary]", True) in book.fields


def test_the_view_is_built_once_per_spec() -> None:
    assert service_view("hero_books", HERO_BOOKS, "HeroBooksClient") is service_view(
        "hero_books", HERO_BOOKS, "HeroBooksClient"
    )


def test_sample_params_come_from_the_first_example_else_the_required_params() -> None:
    example = {"name": "e", "params": [{"name": "q", "value": "kubernetes"}], "result": None}
    params = [
        {"name": "q", "required": True, "schema": {"type": "string"}},
        {"name": "n", "required": True, "schema": {"type": ["integer", "null"]}},
        {"name": "flag", "schema": {"type": "boolean"}},
    ]
    view = service_view(
        "s",
        spec(
            {"name": "with_example", "params": params[:1], "examples": [example], "result": None},
            {"name": "without", "params": params},
        ),
        "SClient",
    )
    assert json.loads(view.methods[0].sample_params) == {"q": "kubernetes"}
    assert json.loads(view.methods[1].sample_params) == {"q": "", "n": 0}


def test_by_position_methods_get_a_list_and_notifications_no_result() -> None:
    params = [
        {"name": "a", "required": True, "schema": {"type": "integer"}},
        {"name": "b", "required": True, "schema": {"type": "string"}},
    ]
    view = service_view(
        "s", spec({"name": "m", "params": params, "paramStructure": "by-position"}), "SClient"
    )
    method = view.methods[0]
    assert json.loads(method.sample_params) == [0, ""]
    assert method.result_type is None and method.result_name is None
    assert view.sample_call == "client.m(...)"  # every method needs params: a placeholder


def test_python_names_avoid_keywords_and_collisions() -> None:
    view = service_view(
        "s", spec({"name": "class", "params": []}, {"name": "a.b", "params": []}), "SClient"
    )
    names = [m.python_name for m in view.methods]
    assert names[0] != "class" and names[0].isidentifier()
    assert names[1] == "a_b"
