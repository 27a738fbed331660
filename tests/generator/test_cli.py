"""python -m generator as users run it: real subprocesses, real files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

ROOT = Path(__file__).resolve().parents[2]
HERO_BOOKS = ROOT / "golden" / "hero_books" / "openrpc.json"
BAD_SPECS = sorted((Path(__file__).parent / "bad_specs").glob("*.json"))


def run(
    *args: str | Path, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_writes_client_and_interface(tmp_path: Path) -> None:
    done = run(HERO_BOOKS, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "hero_books_client.py",
        "hero_books_interface.py",
    ]
    assert "class HeroBooksClient(BaseClient):" in (tmp_path / "hero_books_client.py").read_text()


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    run(HERO_BOOKS, "-o", tmp_path)
    client = tmp_path / "hero_books_client.py"
    before = client.stat().st_mtime_ns
    done = run(HERO_BOOKS, "-o", tmp_path)
    assert done.returncode == 0 and "wrote" not in done.stderr
    assert client.stat().st_mtime_ns == before


def test_check_exits_1_on_a_stale_file_and_writes_nothing(tmp_path: Path) -> None:
    assert run(HERO_BOOKS, "-o", tmp_path).returncode == 0
    client = tmp_path / "hero_books_client.py"
    client.write_text(client.read_text() + "# edited\n")
    done = run(HERO_BOOKS, "-o", tmp_path, "--check")
    assert done.returncode == 1
    assert "hero_books_client.py: out of date" in done.stderr
    assert client.read_text().endswith("# edited\n")
    assert run(HERO_BOOKS, "-o", tmp_path).returncode == 0
    assert run(HERO_BOOKS, "-o", tmp_path, "--check").returncode == 0


def test_stdin_and_stdout(tmp_path: Path) -> None:
    done = run("-", "--stdout", "--service", "books", stdin=HERO_BOOKS.read_text(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "class BooksClient(BaseClient):" in done.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("spec", BAD_SPECS, ids=lambda p: p.stem)
def test_bad_spec_gives_one_line_no_traceback_no_file(
    spec: Path, tmp_path: Path, snapshot: SnapshotAssertion
) -> None:
    out = tmp_path / "out"
    done = run(spec.name, "-o", out, cwd=spec.parent)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(spec.name + ": /")
    assert not out.exists()
    assert lines[0] == snapshot


def test_strict_turns_a_warning_into_an_error(tmp_path: Path) -> None:
    spec = tmp_path / "dangling.json"
    spec.write_text(
        '{"openrpc": "1.3.2", "info": {"title": "d", "version": "1"}, "methods": [{"name": "m",'
        ' "params": [], "result": {"name": "r", "schema": {"$ref": "#/components/schemas/Nope"}}}]}'
    )
    lenient = run(spec, "-o", tmp_path / "a")
    assert (
        lenient.returncode == 0 and "warning: " in lenient.stderr and "/methods/0" in lenient.stderr
    )
    strict = run(spec, "-o", tmp_path / "b", "--strict")
    assert strict.returncode == 1 and not (tmp_path / "b").exists()
    assert strict.stderr.count("\n") == 1 and "Nope" in strict.stderr


def test_several_specs_get_a_summary(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    done = run(HERO_BOOKS, broken, "-o", tmp_path / "out")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == "2 specs: 1 ok, 0 out of date, 1 failed"
    assert (tmp_path / "out" / "hero_books_client.py").exists()
