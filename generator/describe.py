"""The front of the pipeline, load -> validate -> resolve -> parse -> names: a spec source becomes
the model with the Python names of its methods. Shared by `generate`, the dynamic client and the
router's page; imports nothing that generates code (no libcst, Black or datamodel-code-generator).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import SpecWarning
from generator.load import DEFAULT_TIMEOUT, LoadedSpec, load_spec
from generator.model import Service
from generator.names import MethodNames, method_names
from generator.options import Options
from generator.parse import service_from_spec
from generator.refs import FileState
from generator.resolve import resolve_refs
from generator.validate import validate_spec

SpecSource = Mapping[str, Any] | bytes | str | os.PathLike[str]
_DEFAULTS = Options()


@dataclass(frozen=True, slots=True)
class Described:
    """A spec read into the model: what every later stage starts from."""

    loaded: LoadedSpec
    service: Service
    names: list[MethodNames]
    warnings: list[SpecWarning]
    looked_at: dict[Path, FileState]
    """The files its $refs made us look for, and what was there (see refs.file_state)."""


def describe(
    spec: SpecSource, options: Options = _DEFAULTS, *, timeout: float = DEFAULT_TIMEOUT
) -> Described:
    """Read ``spec`` into the model; SpecError when no client can be made from it."""
    loaded = load_spec(spec, timeout=timeout)
    warnings = validate_spec(loaded)
    looked_at: dict[Path, FileState] = {}
    resolved = resolve_refs(loaded, warnings, looked_at)
    service = service_from_spec(resolved, loaded, options, warnings)
    names = method_names(service, loaded.label, warnings)
    return Described(loaded, service, names, warnings, looked_at)
