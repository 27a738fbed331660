"""generate(): the stages in order (load, validate, resolve, parse, names, types, assemble, format).

The only module that knows all of them. Results are memoised by (spec bytes hash, options): a
second generate() of an unchanged spec is a dictionary look-up, plus a stat() of each file its
$refs reached (a changed, new or removed file means generating again).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.assemble import client_module, client_names, interface_module
from generator.describe import SpecSource, describe
from generator.errors import SpecError, SpecWarning
from generator.format import INTERFACE_MODE, format_client, format_source
from generator.options import Options, TypesStyle
from generator.refs import FileState, file_state
from generator.typegen import build_types


@dataclass(frozen=True, slots=True)
class Generated:
    """The result of one generation: both sources, the spec's hash, and what was worked around."""

    service: str
    client: str
    interface: str
    client_class: str
    """The client class to import from the client module, e.g. ``HeroBooksClient``."""
    spec_sha256: str
    spec_version: str
    method_count: int
    warnings: tuple[SpecWarning, ...]

    @property
    def client_filename(self) -> str:
        return f"{self.service}_client.py"

    @property
    def interface_filename(self) -> str:
        return f"{self.service}_interface.py"


_CACHE: OrderedDict[tuple[str, Options], tuple[Generated, dict[Path, FileState]]] = OrderedDict()
_CACHE_SIZE = 64
_CACHE_LOCK = threading.Lock()


def generate(
    spec: SpecSource,
    service: str | None = None,
    types: TypesStyle = "typeddict",
    strict: bool = False,
) -> Generated:
    """Generate the client and interface sources for an OpenRPC document.

    ``spec`` is a parsed document, JSON/YAML bytes, a path, ``-`` (stdin), ``unix:/path/rpc.sock``
    or an ``http(s)://`` URL. Raises SpecError when no client can be made (or, with ``strict``,
    on the first warning).
    """
    options = Options(service=service, types=types, strict=strict)
    key = _cache_key(spec, options)
    if key is not None:
        with _CACHE_LOCK:
            cached = _CACHE.get(key)
            if cached is not None:
                _CACHE.move_to_end(key)
        if cached is not None and _unchanged(cached[1]):
            return cached[0]
    result, looked_at = _run_stages(spec, options)
    if key is not None:
        with _CACHE_LOCK:
            _CACHE[key] = result, looked_at
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    return result


def _cache_key(spec: SpecSource, options: Options) -> tuple[str, Options] | None:
    """Hash of the input as given (a dict: of its canonical JSON); None for live sources, which
    may change between calls."""
    if isinstance(spec, bytes):
        data = spec
    elif isinstance(spec, Mapping):
        try:
            data = json.dumps(
                spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False
            ).encode()
        except (TypeError, ValueError):
            return None  # not JSON: load_spec reports it
    else:
        text = os.fspath(spec)
        if text == "-" or text.startswith(("unix:", "http://", "https://")):
            return None
        try:
            data = Path(text).read_bytes()
        except OSError:
            return None  # load_spec reports it
        # the path is part of the key: relative refs are resolved against it
        data = os.fsencode(os.path.abspath(text)) + b"\0" + data
    return hashlib.sha256(data).hexdigest(), options


def _unchanged(looked_at: dict[Path, FileState]) -> bool:
    return all(file_state(path) == state for path, state in looked_at.items())


def _run_stages(spec: SpecSource, options: Options) -> tuple[Generated, dict[Path, FileState]]:
    """The result, and the files the spec's $refs made us look for (see refs.file_state)."""
    described = describe(spec, options)
    model, names, warnings = described.service, described.names, described.warnings
    if options.strict and warnings:
        raise SpecError.from_warning(warnings[0])
    types = build_types(model, names, options)
    classes = client_names(model, types)
    generated = Generated(
        service=model.name,
        client=format_client(client_module(model, names, types, classes)),
        interface=format_source(interface_module(model, names, types, classes), INTERFACE_MODE),
        client_class=classes.client,
        spec_sha256=model.spec_sha256,
        spec_version=model.version,
        method_count=len(model.methods),
        warnings=tuple(warnings),
    )
    return generated, described.looked_at
