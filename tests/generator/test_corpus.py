"""Every real-world spec in ../shared/specs generates a client that compiles, imports without side
effects, has one method per spec method, and passes ruff and mypy --strict; the interface names
every method."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import generate
from tests.generator.mypy_run import mypy_strict

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = str(ROOT / "pyproject.toml")
SPECS = ROOT.parent / "shared" / "specs"
CORPUS = sorted(SPECS.glob("*.json"))

# Imports a module with an audit hook that records anything beyond reading files: a socket, a
# subprocess, a write. Prints the method names of the client class, as JSON.
_IMPORT_PROBE = """
import importlib, inspect, json, sys
events = []
def hook(event, args):
    if event.startswith(("socket.", "subprocess.", "os.system", "os.remove", "shutil.")):
        events.append(event)
    elif event == "open" and isinstance(args[1], str) and any(c in args[1] for c in "wax+"):
        events.append(f"open for writing {args[0]}")
sys.addaudithook(hook)
module = importlib.import_module(sys.argv[1])
interface = importlib.import_module(sys.argv[2])
client = getattr(module, sys.argv[3])
own = [n for n, v in vars(client).items() if inspect.isfunction(v) and n != "batch"]
print(json.dumps({"events": events, "methods": own}))
"""


def test_the_corpus_is_there() -> None:
    assert len(CORPUS) == 34, f"expected the 34 specs of {SPECS}"


@pytest.mark.slow
@pytest.mark.parametrize("spec", CORPUS, ids=lambda p: p.stem)
def test_corpus_spec_generates_a_working_client(spec: Path, tmp_path: Path) -> None:
    document = json.loads(spec.read_text(encoding="utf-8"))
    result = generate(spec, service=spec.stem.replace("-", "_"))
    compile(result.client, result.client_filename, "exec")
    compile(result.interface, result.interface_filename, "exec")
    (tmp_path / result.client_filename).write_text(result.client, encoding="utf-8")
    (tmp_path / result.interface_filename).write_text(result.interface, encoding="utf-8")

    probe = subprocess.run(
        [
            sys.executable,
            "-B",  # writing bytecode caches would count as a write
            "-c",
            _IMPORT_PROBE,
            result.client_filename[:-3],
            result.interface_filename[:-3],
            result.client_class,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    report = json.loads(probe.stdout)
    assert report["events"] == []
    assert len(report["methods"]) == len(document.get("methods", []))

    interface_lines = [line for line in result.interface.splitlines() if line.startswith("def ")]
    assert len(interface_lines) == len(document.get("methods", []))

    lint = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--quiet",
            "--config",
            PYPROJECT,
            ".",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr


@pytest.mark.slow
def test_every_corpus_client_and_interface_passes_mypy_strict(tmp_path: Path) -> None:
    for spec in CORPUS:
        result = generate(spec, service=spec.stem.replace("-", "_"))
        (tmp_path / result.client_filename).write_text(result.client, encoding="utf-8")
        (tmp_path / result.interface_filename).write_text(result.interface, encoding="utf-8")
    checked = mypy_strict(tmp_path, *sorted(p.name for p in tmp_path.glob("*.py")))
    assert checked.returncode == 0, checked.stdout[-5000:] + checked.stderr
    assert f"no issues found in {2 * len(CORPUS)} source files" in checked.stdout
