"""mypy --strict on user scripts next to a generated client: a correct script passes, a wrong key
on a result TypedDict and a wrong argument type are caught where they are written."""

from __future__ import annotations

import textwrap

import pytest

from generator import generate
from generator.write import write  # not `from generator import write`: see functional/kit.py
from tests.generator.mypy_run import mypy_strict
from tests.router.service_process import REPO

CORRECT = """\
    import asyncio

    from hero_books_client import AsyncHeroBooksClient, Book, BookNotFoundError, HeroBooksClient


    def first_chapter(client: HeroBooksClient, name: str) -> str:
        try:
            book: Book = client.book_get(name)
        except BookNotFoundError as error:
            return f"{error.code}: {error.data}"
        return client.chapter_get(book["name"], 1)["text"]


    def titles(client: HeroBooksClient) -> list[str]:
        with client.batch() as batch:
            listed = batch.book_list(workspace="default")
        return [summary["title"] for summary in listed.result()["books"]]


    async def count() -> int:
        async with AsyncHeroBooksClient() as client:
            return len((await client.book_list())["books"])


    if __name__ == "__main__":
        with HeroBooksClient(timeout=5) as client:
            print(first_chapter(client, "infra"), titles(client), asyncio.run(count()))
"""
WRONG_KEY = """\
    from hero_books_client import HeroBooksClient

    with HeroBooksClient() as client:
        print(client.book_get("infra")["titel"])  # caught
"""
WRONG_ARGUMENT = """\
    from hero_books_client import HeroBooksClient

    with HeroBooksClient() as client:
        print(client.chapter_get("infra", "one"))  # caught
"""


def caught_line(script: str) -> int:
    (number,) = [n for n, line in enumerate(script.splitlines(), 1) if line.endswith("# caught")]
    return number


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """mypy --strict's lines for the three scripts, checked in one run next to the client."""
    directory = tmp_path_factory.mktemp("typing")
    write(
        generate(REPO / "golden" / "hero_books" / "openrpc.json", service="hero_books"), directory
    )
    scripts = {
        "correct.py": CORRECT,
        "wrong_key.py": WRONG_KEY,
        "wrong_argument.py": WRONG_ARGUMENT,
    }
    for name, script in scripts.items():
        (directory / name).write_text(textwrap.dedent(script))
    checked = mypy_strict(directory, "--no-error-summary", *scripts)
    assert checked.stderr == ""
    return checked.stdout.splitlines()


@pytest.mark.slow
def test_a_correct_script_and_the_client_itself_pass(mypy_output: list[str]) -> None:
    assert [line for line in mypy_output if not line.startswith("wrong_")] == []


@pytest.mark.slow
def test_a_wrong_key_on_a_result_typeddict_is_caught(mypy_output: list[str]) -> None:
    line = caught_line(WRONG_KEY)
    assert [o for o in mypy_output if o.startswith("wrong_key.py")] == [
        f'wrong_key.py:{line}: error: TypedDict "Book" has no key "titel"  [typeddict-item]',
        f'wrong_key.py:{line}: note: Did you mean "title"?',
    ]


@pytest.mark.slow
def test_a_wrong_argument_type_is_caught(mypy_output: list[str]) -> None:
    line = caught_line(WRONG_ARGUMENT)
    assert [o for o in mypy_output if o.startswith("wrong_argument.py")] == [
        f'wrong_argument.py:{line}: error: Argument 2 to "chapter_get" of "HeroBooksClient" '
        'has incompatible type "str"; expected "int"  [arg-type]'
    ]
