"""Functional test kit: a spec generated into a directory and imported from its file, as users do."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from generator import generate

# From the submodule: `from generator import write` yields the generator.write module once it
# is imported (the submodule attribute shadows the package's lazy name).
from generator.write import write
from tests.router.kit import imported


@contextmanager
def generated_client(
    spec: Mapping[str, Any] | str | Path, directory: Path, service: str | None = None
) -> Iterator[ModuleType]:
    """The generated client module of ``spec``, written to ``directory`` and imported from there."""
    result = generate(spec, service=service)
    write(result, directory)
    with imported(directory / result.client_filename) as module:
        yield module


def method_spec(
    name: str, params: list[dict[str, Any]], result: bool = True, **fields: Any
) -> dict[str, Any]:
    """A method object: ``params`` as given, a free-form result unless ``result`` is False."""
    method: dict[str, Any] = {"name": name, "params": params, **fields}
    if result:
        method["result"] = {"name": "result", "schema": {}}
    return method


def service_spec(title: str, methods: list[dict[str, Any]]) -> dict[str, Any]:
    """A minimal OpenRPC 1.3.2 document around ``methods``."""
    return {"openrpc": "1.3.2", "info": {"title": title, "version": "1.0.0"}, "methods": methods}
