"""--types pydantic: the hero_books client returns validated models from the real demo service,
sends models as params, and still passes mypy --strict."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator import generate, write
from tests.generator.mypy_run import mypy_strict
from tests.router.service_process import ServiceProcess, running_service

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
HERO_BOOKS = GOLDEN / "hero_books" / "openrpc.json"


@pytest.fixture(scope="module")
def client_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pydantic_client")
    write(generate(HERO_BOOKS, types="pydantic"), out)
    return out


@pytest.fixture(scope="module")
def module(client_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "hero_books_pyd", client_dir / "hero_books_client.py"
    )
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = loaded  # as an import would: pydantic resolves names through it
    spec.loader.exec_module(loaded)
    return loaded


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    home = tmp_path_factory.mktemp("hb_pyd")
    with running_service(home / "sockets", home / "books.db") as running:
        yield running


def test_results_are_models(module: ModuleType, service: ServiceProcess) -> None:
    with module.HeroBooksClient(service.socket) as client:
        book = client.book_get("infra")
        assert isinstance(book, module.Book)
        assert book.title == "Infrastructure Guide"
        assert [c.index for c in book.chapters] == [1, 2, 3, 4]
        assert isinstance(client.book_list().books[0], module.BookSummary)


def test_models_are_sent_as_params(module: ModuleType, service: ServiceProcess) -> None:
    chapter = module.ChapterInput(title="Intro", text="Hello")
    with module.HeroBooksClient(service.socket) as client:
        created = client.book_create("pyd", "Pydantic", chapters=[chapter])
    assert [(c.index, c.title) for c in created.chapters] == [(1, "Intro")]


def test_the_pydantic_clients_pass_mypy_strict(client_dir: Path) -> None:
    # refs_everywhere has pattern constraints: Annotated[str, Field(pattern=...)], not constr()
    write(generate(GOLDEN / "refs_everywhere" / "openrpc.json", types="pydantic"), client_dir)
    done = mypy_strict(client_dir, "hero_books_client.py", "refs_everywhere_client.py")
    assert done.returncode == 0, done.stdout
