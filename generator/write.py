"""Write stage: generated files onto disk atomically (temp file + os.replace), only when changed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.pipeline import Generated


def write_if_changed(path: Path, text: str) -> bool:
    """Replace ``path`` with ``text`` unless it already holds exactly that; True if written."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return True


def files_of(generated: Generated, out_dir: str | os.PathLike[str]) -> dict[Path, str]:
    """The files a Generated result consists of, by their path under ``out_dir``."""
    out = Path(out_dir)
    return {
        out / generated.client_filename: generated.client,
        out / generated.interface_filename: generated.interface,
    }


def write(generated: Generated, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write the client and interface into ``out_dir``; return the paths that changed."""
    return [
        path for path, text in files_of(generated, out_dir).items() if write_if_changed(path, text)
    ]


def stale_files(generated: Generated, out_dir: str | os.PathLike[str]) -> list[Path]:
    """The files in ``out_dir`` that differ from ``generated`` (for ``--check``); writes nothing."""
    stale = []
    for path, text in files_of(generated, out_dir).items():
        try:
            if path.read_bytes() == text.encode("utf-8"):
                continue
        except FileNotFoundError:
            pass
        stale.append(path)
    return stale
