"""The same spec gives the same bytes: twice in one process, and in a process with another hash seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from generator import generate
from generator.options import Options
from generator.pipeline import _run_stages

HERO_BOOKS = Path(__file__).resolve().parents[2] / "golden" / "hero_books" / "openrpc.json"
NAMES = (
    Path(__file__).resolve().parents[2] / "golden" / "names_keywords_collisions" / "openrpc.json"
)

_PRINT = "import sys; from generator import generate; r = generate(sys.argv[1]); print(r.client + r.interface)"


def test_uncached_runs_give_the_same_bytes() -> None:
    first, _ = _run_stages(NAMES, Options())
    second, _ = _run_stages(NAMES, Options())
    assert first.client == second.client and first.interface == second.interface


def test_another_hash_seed_gives_the_same_bytes() -> None:
    here = generate(NAMES)
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    there = subprocess.run(
        [sys.executable, "-c", _PRINT, str(NAMES)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert there.stdout == here.client + here.interface + "\n"


def test_second_generate_is_served_from_the_cache() -> None:
    assert generate(HERO_BOOKS) is generate(HERO_BOOKS)


def test_a_changed_spec_is_not_served_from_the_cache(tmp_path: Path) -> None:
    spec = tmp_path / "s.json"
    spec.write_bytes(HERO_BOOKS.read_bytes())
    before = generate(spec)
    spec.write_bytes(HERO_BOOKS.read_bytes().replace(b'"0.2.0"', b'"0.3.0"'))
    after = generate(spec)
    assert "spec version 0.3.0" in after.client and before.spec_sha256 != after.spec_sha256


def _spec_with_file_ref(folder: Path) -> Path:
    result = {"name": "r", "schema": {"$ref": "types.json#/components/schemas/Answer"}}
    document = {
        "openrpc": "1.3.2",
        "info": {"title": "refs", "version": "1.0.0"},
        "methods": [{"name": "ask", "params": [], "result": result}],
    }
    spec = folder / "api" / "openrpc.json"
    spec.parent.mkdir()
    spec.write_text(json.dumps(document), encoding="utf-8")
    return spec


def _write_types(path: Path, answer_type: str) -> None:
    schemas = {"Answer": {"type": "object", "properties": {"value": {"type": answer_type}}}}
    path.write_text(json.dumps({"components": {"schemas": schemas}}), encoding="utf-8")


def test_a_changed_ref_file_is_not_served_from_the_cache(tmp_path: Path) -> None:
    spec = _spec_with_file_ref(tmp_path)
    types = spec.parent / "types.json"
    _write_types(types, "integer")
    before = generate(spec)
    assert generate(spec) is before  # unchanged: a hit
    _write_types(types, "boolean")
    os.utime(types, ns=(1, 1))  # a new mtime even on a coarse-clock filesystem
    after = generate(spec)
    assert "value: NotRequired[int]" in before.client
    assert "value: NotRequired[bool]" in after.client


def test_a_ref_file_that_appears_nearer_is_not_served_from_the_cache(tmp_path: Path) -> None:
    spec = _spec_with_file_ref(tmp_path)
    _write_types(tmp_path / "types.json", "integer")  # found from the folder above the spec's
    before = generate(spec)
    _write_types(spec.parent / "types.json", "string")  # now the spec's own folder has one
    after = generate(spec)
    assert "value: NotRequired[int]" in before.client
    assert "value: NotRequired[str]" in after.client
