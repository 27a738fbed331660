"""The hero_books client, generated from the live demo service's rpc.discover, against that service
(a real subprocess on a Unix socket, seeded SQLite): every method, errors, batch, async, notify."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.generator.functional.kit import generated_client
from tests.router.service_process import ServiceProcess


@pytest.fixture(scope="module")
def hero(
    hero_books_service: ServiceProcess, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ModuleType]:
    """hero_books_client, generated from what the running service says about itself."""
    with generated_client(
        f"unix:{hero_books_service.socket}", tmp_path_factory.mktemp("gen")
    ) as module:
        yield module


@pytest.fixture
def client(hero: ModuleType, hero_books_service: ServiceProcess) -> Iterator[Any]:
    with hero.HeroBooksClient(hero_books_service.socket, timeout=10) as opened:
        yield opened


def test_the_client_is_named_for_the_socket_folder_of_the_service(hero: ModuleType) -> None:
    assert hero.__name__ == "hero_books_client"
    assert hero.HeroBooksClient._SERVICE == "hero_books"


def test_reads_return_the_seeded_books_chapters_and_search_hits(client: Any) -> None:
    books = client.book_list()["books"]
    assert [b["name"] for b in books] == ["infra", "ops", "poems"]
    assert client.book_get("ops")["title"] == "Operations Handbook"
    assert [c["title"] for c in client.chapter_list("poems")] == ["Morning", "Harbour"]
    assert client.chapter_get("infra", 2)["text"].startswith("Block, file and object storage")
    hits = client.book_search("KUBERNETES")["results"]
    assert {(h["book"], h["chapter"]) for h in hits} == {("infra", 4), ("ops", 2)}
    assert len(client.book_search("kubernetes", limit=1)["results"]) == 1


def test_writes_in_a_new_workspace_change_what_reads_return(client: Any) -> None:
    assert client.workspace_create("shelf") is True
    assert "shelf" in client.workspace_list()
    chapters = [{"title": "One", "text": "the first words"}]
    created = client.book_create("notes", "Notes", chapters=chapters, workspace="shelf")
    assert created["name"] == "notes" and created["title"] == "Notes"
    added = client.chapter_add("notes", {"title": "Two", "text": "more words"}, workspace="shelf")
    assert added == {"index": 2, "title": "Two"}
    updated = client.book_update("notes", tags=["draft"], workspace="shelf")
    assert updated["tags"] == ["draft"] and updated["title"] == "Notes"
    assert client.book_update("notes", title="Notebook", workspace="shelf")["tags"] == ["draft"]
    assert client.book_delete("notes", workspace="shelf") == {"deleted": True}
    assert client.book_list(workspace="shelf") == {"books": []}
    assert [b["name"] for b in client.book_list()["books"]] == ["infra", "ops", "poems"]


def test_declared_errors_raise_their_generated_classes_with_data(
    client: Any, hero: ModuleType
) -> None:
    with pytest.raises(hero.BookNotFoundError) as missing:
        client.book_get("no-such-book")
    assert (missing.value.code, missing.value.method) == (-32004, "book.get")
    assert missing.value.data == {"name": "no-such-book", "workspace": "default"}
    assert str(missing.value).startswith("book.get: -32004 Book not found")
    with pytest.raises(hero.BookAlreadyExistsError):
        client.book_create("infra", "Again")
    with pytest.raises(hero.ChapterNotFoundError) as chapter:
        client.chapter_get("infra", 99)
    assert isinstance(chapter.value, hero.RpcError) and chapter.value.code == -32005


def test_an_unknown_workspace_is_the_standard_invalid_params_error(
    client: Any, hero: ModuleType
) -> None:
    with pytest.raises(hero.InvalidParamsError) as error:
        client.book_list(workspace="nowhere")
    assert error.value.code == -32602 and "nowhere" in str(error.value)


def test_the_deprecated_method_warns_and_still_answers(client: Any) -> None:
    with pytest.warns(DeprecationWarning, match="book.find is deprecated"):
        found = client.book_find("Guide")
    assert [b["name"] for b in found] == ["infra"]


def test_a_batch_settles_each_call_with_its_own_result_or_error(
    client: Any, hero: ModuleType
) -> None:
    with client.batch() as batch:
        book = batch.book_get("infra")
        missing = batch.book_get("no-such-book")
        chapters = batch.chapter_list("ops")
        workspaces = batch.workspace_list()
    assert book.result()["title"] == "Infrastructure Guide"
    with pytest.raises(hero.BookNotFoundError):
        missing.result()
    assert [c["index"] for c in chapters.result()] == [1, 2]
    assert "default" in workspaces.result()


def test_a_notification_runs_the_method_without_an_answer(client: Any) -> None:
    assert client.notify("workspace.create", {"name": "told"}) is None
    assert "told" in client.workspace_list()


def test_the_async_client_makes_the_same_calls_concurrently(
    hero: ModuleType, hero_books_service: ServiceProcess
) -> None:
    async def main() -> tuple[list[Any], BaseException]:
        async with hero.AsyncHeroBooksClient(hero_books_service.socket, timeout=10) as client:
            answers = await asyncio.gather(
                client.book_get("infra"), client.chapter_list("poems"), client.workspace_list()
            )
            try:
                await client.chapter_get("poems", 7)
            except hero.RpcError as exc:
                return list(answers), exc
        raise AssertionError("chapter_get did not raise")

    (book, chapters, workspaces), error = asyncio.run(main())
    assert book["name"] == "infra" and len(chapters) == 2 and "default" in workspaces
    assert type(error) is hero.ChapterNotFoundError


def test_without_a_socket_the_client_finds_the_service_under_hero_socket_dir(
    hero: ModuleType, hero_books_service: ServiceProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERO_SOCKET_DIR", str(hero_books_service.socket.parent.parent))
    with hero.HeroBooksClient() as client:
        assert client.book_get("poems")["title"] == "Collected Poems"
        assert repr(client) == f"<HeroBooksClient {hero_books_service.socket}>"


def test_a_missing_socket_is_a_transport_error_naming_it(hero: ModuleType, tmp_path: Path) -> None:
    with (
        pytest.raises(hero.TransportError) as error,
        hero.HeroBooksClient(tmp_path / "gone.sock") as client,
    ):
        client.book_list()
    assert str(error.value) == f"{tmp_path / 'gone.sock'}: no such socket (is the service running?)"
