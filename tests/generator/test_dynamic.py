"""generator.dynamic: connect() builds a client from a live service's rpc.discover document, with
the generated client's names, signatures, docstrings, errors and wire params."""

from __future__ import annotations

import inspect
import pydoc
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator import SpecError
from generator.dynamic import DynamicClient, connect
from generator.runtime import InvalidParamsError, RpcError
from tests.generator.functional.test_params import SPEC as WIRE_SPEC
from tests.generator.functional.test_params import Recorder
from tests.router.kit import imported
from tests.router.service_process import REPO, ServiceProcess
from tests.servers.jsonrpc_server import JsonRpcServer


@pytest.fixture(scope="module")
def generated() -> Iterator[ModuleType]:
    """The generated hero_books client of the golden record, for comparison."""
    with imported(REPO / "golden" / "hero_books" / "hero_books_client.py") as module:
        yield module


@pytest.fixture
def client(hero_books_service: ServiceProcess) -> Iterator[DynamicClient]:
    with connect(socket_path=hero_books_service.socket, timeout=10) as opened:
        yield opened


def public_methods(cls: type) -> list[str]:
    return [n for n, v in vars(cls).items() if inspect.isfunction(v) and not n.startswith("_")]


def test_importing_it_loads_none_of_the_generation_stages() -> None:
    heavy = ("libcst", "black", "datamodel_code_generator", "jsonschema", "generator.parse")
    code = f"import sys, generator.dynamic; print([m for m in {heavy!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert (loaded.stdout, loaded.stderr) == ("[]\n", "")


def test_connecting_needs_the_spec_stages_but_not_the_code_generation_ones() -> None:
    heavy = ("libcst", "black", "datamodel_code_generator", "generator.assemble")
    code = f"import sys, generator.dynamic_spec; print([m for m in {heavy!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert (loaded.stdout, loaded.stderr) == ("[]\n", "")


def test_connect_by_service_name_finds_the_socket_under_hero_socket_dir(
    hero_books_service: ServiceProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERO_SOCKET_DIR", str(hero_books_service.socket.parent.parent))
    with connect("hero_books") as client:
        assert type(client).__name__ == "HeroBooksClient"
        assert repr(client) == f"<HeroBooksClient {hero_books_service.socket}>"
        assert client.book_get("infra")["title"] == "Infrastructure Guide"


def test_connect_by_unix_url(hero_books_service: ServiceProcess) -> None:
    with connect(url=f"unix:{hero_books_service.socket}") as client:
        assert [b["name"] for b in client.book_list()["books"]] == ["infra", "ops", "poems"]


def test_methods_signatures_and_docstrings_are_the_generated_clients(
    client: DynamicClient, generated: ModuleType
) -> None:
    cls, twin = type(client), generated.HeroBooksClient
    assert ["batch", *public_methods(cls)] == public_methods(twin)
    for name in public_methods(cls):
        ours, theirs = inspect.signature(getattr(cls, name)), inspect.signature(getattr(twin, name))
        assert [(p.name, p.default) for p in ours.parameters.values()] == [
            (p.name, p.default) for p in theirs.parameters.values()
        ], name
        assert inspect.getdoc(getattr(cls, name)) == inspect.getdoc(getattr(twin, name)), name
    assert public_methods(client.batch().__class__) == public_methods(generated.HeroBooksBatch)


def test_error_classes_have_the_generated_names_and_codes(
    client: DynamicClient, generated: ModuleType
) -> None:
    ours = {code: cls.__name__ for code, cls in type(client)._ERRORS.items()}
    assert ours == {code: cls.__name__ for code, cls in generated.HeroBooksClient._ERRORS.items()}
    assert client.BookNotFoundError.__doc__ == "Book not found (code -32004)."
    assert (client.RpcError, client.InvalidParamsError) == (RpcError, InvalidParamsError)


def test_help_shows_the_signature_and_the_docstring(client: DynamicClient) -> None:
    text = pydoc.plain(pydoc.render_doc(client.book_get))
    assert "book_get(name: str, workspace: str = 'default') -> dict" in text
    assert "Get a specific book by name." in text
    assert "BookNotFoundError: Book not found (code -32004)." in text
    create = str(inspect.signature(client.book_create))
    assert (
        create
        == "(name: str, title: str, chapters: list | None = None, workspace: str = 'default') -> dict"
    )


def test_declared_and_standard_errors_are_raised(client: DynamicClient) -> None:
    with pytest.raises(client.BookNotFoundError) as missing:
        client.book_get("no-such-book")
    assert isinstance(missing.value, RpcError) and missing.value.code == -32004
    assert missing.value.data == {"name": "no-such-book", "workspace": "default"}
    with pytest.raises(client.ChapterNotFoundError):
        client.chapter_get("infra", 99)
    with pytest.raises(InvalidParamsError):
        client.book_list(workspace="nowhere")


def test_a_deprecated_method_warns_at_the_callers_line(client: DynamicClient) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = client.book_find("Guide")
    assert [b["name"] for b in found] == ["infra"]
    assert [(w.category, str(w.message)) for w in caught] == [
        (DeprecationWarning, "book.find is deprecated")
    ]
    assert caught[0].filename == __file__


def test_a_batch_has_the_same_methods_and_settles_each_entry(client: DynamicClient) -> None:
    with client.batch() as batch:
        book, missing = batch.book_get("ops"), batch.book_get("no-such-book")
        chapters = batch.chapter_list("poems")
    assert book.result()["title"] == "Operations Handbook"
    with pytest.raises(client.BookNotFoundError):
        missing.result()
    assert [c["title"] for c in chapters.result()] == ["Morning", "Harbour"]


def test_arguments_that_do_not_fit_raise_type_error_and_send_nothing(
    start_rpc_server: Callable[..., JsonRpcServer],
) -> None:
    server = start_rpc_server(handlers={"rpc.discover": lambda params: WIRE_SPEC})
    with connect(socket_path=server.unix_path) as client:
        with pytest.raises(TypeError, match="missing a required argument: 'block_hash'"):
            client.block_get(full=True)
        with pytest.raises(TypeError, match="unexpected keyword argument 'depth'"):
            client.block_get("0x1", depth=2)
    assert server.received["block.get"] == 0


def test_wire_params_are_the_generated_clients(
    start_rpc_server: Callable[..., JsonRpcServer],
) -> None:
    recorders = {name: Recorder() for name in ("block.range", "block.get", "chain.head")}
    handlers = {"rpc.discover": lambda params: WIRE_SPEC, **recorders}
    server = start_rpc_server(handlers=handlers)
    with connect("wire", socket_path=server.unix_path) as client:
        assert type(client).__name__ == "WireClient"
        client.block_range(7)
        client.block_range(7, None, 2)
        client.block_get("0xab")
        client.block_get(block_hash="0xcd", full=False, max_depth=None)
        client.chain_head()
        assert client.log_event("started") is None
    assert recorders["block.range"].received == [[7], [7, None, 2]]
    assert recorders["block.get"].received == [
        {"Block hash": "0xab", "Max depth": 3},
        {"Block hash": "0xcd", "full": False},
    ]
    assert recorders["chain.head"].received == [None]
    assert server.notifications == [("log.event", {"text": "started"})]


def test_a_name_the_service_lacks_suggests_the_nearest_methods(client: DynamicClient) -> None:
    with pytest.raises(AttributeError, match="no attribute 'book_lst'; did you mean book_list"):
        client.book_lst()


def test_connect_without_a_place_to_connect_to_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="needs a service name, socket_path= or url="):
        connect()


def test_a_service_that_is_not_there_is_a_one_line_spec_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as error:
        connect(socket_path=tmp_path / "gone.sock", timeout=2)
    assert str(error.value).startswith(f"unix:{tmp_path / 'gone.sock'}: /: cannot reach")
    assert "\n" not in str(error.value)
