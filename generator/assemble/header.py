"""The "generated, do not edit" header: service, spec version and spec sha256, as comments."""

from __future__ import annotations

import re

import libcst as cst

from generator.model import Service

_VERSION_TEXT = re.compile(r"[^A-Za-z0-9._+-]")


def clean_version(version: str) -> str:
    """Version text as it may appear in a comment: version characters only, at most 40."""
    return _VERSION_TEXT.sub("", version)[:40] or "unknown"


def header_lines(service: Service, kind: str) -> list[cst.EmptyLine]:
    """Comment lines opening a generated module; ``kind`` is "client" or "interface"."""
    version = clean_version(service.version)
    if kind == "interface":  # every token counts in an LLM prompt: one line, plus mypy's setting
        texts = [
            f"{service.name}_interface.py: {len(service.methods)} methods of {service.name} "
            f"{version}, spec sha256 {service.spec_sha256}. Generated, do not edit.",
            'mypy: disable-error-code="empty-body"',
        ]
    else:
        texts = [
            f"{service.name}_{kind}.py: generated from the OpenRPC document of {service.name}.",
            "Generated code, do not edit: regenerate with `python -m generator`.",
            f"spec version {version}, openrpc {clean_version(service.openrpc)}",
            f"spec sha256 {service.spec_sha256}",
        ]
    return [cst.EmptyLine(comment=cst.Comment(f"# {text}")) for text in texts]
