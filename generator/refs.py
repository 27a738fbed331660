"""Where a $ref points, for `resolve`: JSON pointers into the spec or into a file near it.

Relative file refs are tried from the referring file's folder and every folder above it (specs
often write repo-root-relative paths); a missing file whose pointer exists here means "this file".
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from generator.errors import SpecError, SpecWarning
from generator.load import LoadedSpec, load_spec

MISSING: Any = object()
"""What `lookup` returns when nothing is at a pointer (None is a JSON value)."""

FileState = tuple[int, int] | None
"""A file's (mtime in ns, size), or None when no regular file is there."""


def file_state(path: Path) -> FileState:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size) if stat.S_ISREG(status.st_mode) else None


@dataclass(frozen=True, slots=True)
class Doc:
    """A document refs are resolved in: the spec itself or a file it refers to."""

    document: Any
    label: str
    base_dir: Path | None = None
    path: Path | None = None

    def name(self, json_pointer: str, root: Doc) -> str:
        """How messages name a place: the bare pointer in the spec, file#pointer elsewhere."""
        return json_pointer if self is root else f"{self.label}#{json_pointer}"


@dataclass
class Documents:
    """The spec and the files its refs reach, each read at most once per resolution."""

    root: Doc
    warnings: list[SpecWarning]
    files: dict[Path, Doc | None] = field(default_factory=dict)
    fallbacks_warned: set[tuple[str, str]] = field(default_factory=set)
    looked_at: dict[Path, FileState] = field(default_factory=dict)
    """Every path a ref made us look for, and what was there: the result depends on them."""

    @classmethod
    def of(
        cls, loaded: LoadedSpec, warnings: list[SpecWarning], looked_at: dict[Path, FileState]
    ) -> Documents:
        root = Doc(loaded.document, loaded.label, loaded.base_dir, loaded.path)
        return cls(root, warnings, looked_at=looked_at)

    def warn(self, doc: Doc, where: str, message: str) -> None:
        self.warnings.append(SpecWarning(doc.label, where, message))

    def locate(self, ref: str, doc: Doc, where: str) -> tuple[Doc, str] | None:
        """The document and JSON pointer a ref names; None (with a warning) when it names none."""
        file, _, fragment = ref.partition("#")
        located = self._locate(file, fragment, ref, doc, where)
        if located is None or "%" not in fragment or lookup(*located) is not MISSING:
            return located
        return located[0], unquote(fragment)  # a URI fragment may be percent-encoded

    def _locate(
        self, file: str, fragment: str, ref: str, doc: Doc, where: str
    ) -> tuple[Doc, str] | None:
        if fragment and not fragment.startswith("/"):
            self.warn(doc, where, f"unsupported $ref {ref!r} (not a JSON pointer); typed as Any")
            return None
        if not file:
            return doc, fragment
        if "://" in file:
            self.warn(doc, where, f"unresolvable $ref {ref!r}: remote refs are not fetched")
            return None
        found = self.external(file, doc)
        if found is not None:
            return found, fragment
        inside_itself = where == fragment or where.startswith(fragment + "/")
        if fragment and not inside_itself and lookup(doc, fragment) is not MISSING:
            if (doc.label, file) not in self.fallbacks_warned:
                self.fallbacks_warned.add((doc.label, file))
                message = f"$ref file {file!r} not found; resolving its pointers in this document"
                self.warn(doc, where, message)
            return doc, fragment
        searched = f" (searched from {doc.base_dir} upwards)" if doc.base_dir else ""
        self.warn(doc, where, f"unresolvable $ref {ref!r}: file not found{searched}; typed as Any")
        return None

    def _is_file(self, path: Path) -> bool:
        state = self.looked_at[path] = file_state(path)
        return state is not None

    def external(self, file: str, doc: Doc) -> Doc | None:
        """The file a ref names, relative to the referring file's folder or any folder above."""
        if doc.base_dir is None:
            return None
        relative = Path(unquote(file))
        folders = [doc.base_dir, *doc.base_dir.parents]
        candidates = [relative] if relative.is_absolute() else [d / relative for d in folders]
        path = next((c.resolve() for c in candidates if self._is_file(c)), None)
        if path is None:
            return None
        if path == self.root.path:
            return self.root
        if path not in self.files:
            try:
                loaded = load_spec(path)
            except SpecError as error:
                self.warnings.append(SpecWarning(doc.label, "", f"$ref file: {error}"))
                self.files[path] = None
            else:
                self.files[path] = Doc(loaded.document, loaded.label, loaded.base_dir, path)
        return self.files[path]


def tokens(json_pointer: str) -> list[str]:
    """The unescaped reference tokens of a JSON pointer (RFC 6901)."""
    if not json_pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in json_pointer[1:].split("/")]


def step(node: Any, token: str) -> Any:
    """One pointer step down into an object or array; MISSING when there is nothing."""
    if isinstance(node, dict):
        return node.get(token, MISSING)
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    return MISSING


def lookup(doc: Doc, json_pointer: str) -> Any:
    """The value at a JSON pointer, or MISSING."""
    node = doc.document
    for token in tokens(json_pointer):
        node = step(node, token)
    return node
