"""The client cache: generation with the real generator in a worker process, atomic files on disk,
the last good files kept when a spec is refused, and reloading what an earlier run left."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from router.cache import Cache, CachedClient, Refused, spec_sha256
from tests.router.kit import small_spec


def spec(version: str = "1.0.0", methods: int = 2) -> dict[str, Any]:
    document = small_spec("alpha", version, methods)
    document["info"]["description"] = "Ünïcode stays as it is: ☃"
    return document


def regenerate(cache: Cache, document: dict[str, Any]) -> Any:
    try:
        return asyncio.run(cache.regenerate("alpha", document))
    finally:
        cache.close()  # the worker process


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CachedClient]:
    """One real generation (they take about a second), copied by the tests that change files."""
    directory = tmp_path_factory.mktemp("cache")
    return directory, regenerate(Cache(directory), spec("1.2.3", methods=3))


@pytest.fixture
def cache_dir(generated: tuple[Path, CachedClient], tmp_path: Path) -> Path:
    return Path(shutil.copytree(generated[0], tmp_path / "cache"))


def test_the_hash_is_the_one_the_generator_puts_in_the_header(
    generated: tuple[Path, CachedClient],
) -> None:
    entry = generated[1]
    assert entry.spec_sha256 == spec_sha256(spec("1.2.3", methods=3))
    assert f"# spec sha256 {entry.spec_sha256}\n".encode() in entry.client
    assert b"# spec version 1.2.3" in entry.client


def test_regeneration_writes_client_interface_spec_and_meta_atomically(
    generated: tuple[Path, CachedClient],
) -> None:
    directory, entry = generated
    files = sorted(path.name for path in directory.iterdir())  # no temporary files either
    assert files == [
        "alpha.meta.json",
        "alpha.openrpc.json",
        "alpha_client.py",
        "alpha_interface.py",
    ]
    assert (entry.spec_version, entry.method_count) == ("1.2.3", 3)
    assert entry.client == (directory / "alpha_client.py").read_bytes()
    assert entry.interface == (directory / "alpha_interface.py").read_bytes()
    assert json.loads((directory / "alpha.openrpc.json").read_bytes()) == spec("1.2.3", 3)
    assert (
        json.loads((directory / "alpha.meta.json").read_bytes())["spec_sha256"] == entry.spec_sha256
    )
    assert (entry.filename("client"), entry.filename("interface")) == (
        "alpha_client.py",
        "alpha_interface.py",
    )


def test_a_refused_spec_keeps_the_last_good_files(cache_dir: Path) -> None:
    cache = Cache(cache_dir)
    cache.load()
    good = cache.get("alpha")
    before = {path.name: path.read_bytes() for path in cache_dir.iterdir()}
    broken = spec("2.0.0")
    broken["methods"].append(dict(broken["methods"][0]))  # a duplicate method name
    with pytest.raises(
        Refused, match=r"^/methods/2: duplicate method name 'echo' \(first at /methods/0\)$"
    ):
        regenerate(cache, broken)
    assert cache.get("alpha") == good is not None
    assert {path.name: path.read_bytes() for path in cache_dir.iterdir()} == before


def test_a_new_cache_reloads_what_an_earlier_run_wrote(
    generated: tuple[Path, CachedClient], cache_dir: Path
) -> None:
    reloaded = Cache(cache_dir)
    assert reloaded.load() == ["alpha"]
    assert reloaded.get("alpha") == generated[1]


def test_files_that_do_not_match_their_meta_are_not_reloaded(cache_dir: Path) -> None:
    (cache_dir / "alpha.openrpc.json").write_text(json.dumps(spec("9.9.9")))
    cache = Cache(cache_dir)
    assert cache.load() == []
    assert cache.get("alpha") is None


@pytest.mark.parametrize("meta", [{"service": "../etc"}, {"service": "beta"}, "not an object"])
def test_a_meta_file_naming_another_service_or_broken_is_ignored(
    cache_dir: Path, meta: Any
) -> None:
    original = json.loads((cache_dir / "alpha.meta.json").read_text())
    replaced = {**original, **meta} if isinstance(meta, dict) else meta
    (cache_dir / "alpha.meta.json").write_text(json.dumps(replaced))
    assert Cache(cache_dir).load() == []
