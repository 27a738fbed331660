"""Fixtures for generator tests: the hero_books demo service as a real subprocess."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.router.service_process import ServiceProcess, running_service


@pytest.fixture(scope="module")
def hero_books_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    """The demo service on a fresh seeded database, one per test module."""
    home = tmp_path_factory.mktemp("hb")
    with running_service(home / "sockets", home / "books.db") as running:
        yield running
