"""Fixtures for router tests: the hero_books demo service as a real subprocess on a Unix socket,
and a router with services to proxy to, shared by the proxy tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.router.kit import ProxySetup, proxy_setup
from tests.router.service_process import ServiceProcess, StartService, running_service


@pytest.fixture(scope="module")
def hero_books(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    """One service per test module, on a fresh seeded database."""
    home = tmp_path_factory.mktemp("hb")
    with running_service(home / "sockets", home / "var" / "books.db") as service:
        yield service


@pytest.fixture
def start_service() -> StartService:
    """`running_service(socket_dir, db)`, for tests that start and stop their own."""
    return running_service


@pytest.fixture(scope="package")
def proxying(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProxySetup]:
    """One router with services to proxy to (see `ProxySetup`) for all the proxy tests."""
    with proxy_setup(tmp_path_factory.mktemp("proxy")) as setup:
        yield setup
