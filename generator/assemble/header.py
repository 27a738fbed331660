"""Header comments: the client's "generated, do not edit" lines (service, spec version, sha256),
and the interface's compact facts for an LLM prompt."""

from __future__ import annotations

import re

import libcst as cst

from generator.assemble.interface import first_sentence
from generator.model import Service

DESCRIPTION_LIMIT = 80
"""Characters of the service description's first sentence in the interface header."""
_VERSION_TEXT = re.compile(r"[^A-Za-z0-9._+-]")


def clean_version(version: str) -> str:
    """Version text as it may appear in a comment: version characters only, at most 40."""
    return _VERSION_TEXT.sub("", version)[:40] or "unknown"


def header_lines(service: Service) -> list[cst.EmptyLine]:
    """Comment lines opening a generated client module."""
    version = clean_version(service.version)
    texts = [
        f"{service.name}_client.py: generated from the OpenRPC document of {service.name}.",
        "Generated code, do not edit: regenerate with `python -m generator`.",
        f"spec version {version}, openrpc {clean_version(service.openrpc)}",
        f"spec sha256 {service.spec_sha256}",
    ]
    return _comments(texts)


def interface_header_lines(service: Service, client_class: str) -> list[cst.EmptyLine]:
    """The interface's header: every token counts in an LLM prompt, so the facts only (service,
    version, method count, hash, the first sentence of the description, the import line and the
    errors), then mypy's setting for the ``...`` bodies."""
    count = len(service.methods)
    texts = [
        f"{service.name} {clean_version(service.version)}, {count} method{'s' * (count != 1)}, "
        f"sha256 {service.spec_sha256}",
        first_sentence(service.description, DESCRIPTION_LIMIT),
        f"from {service.name}_client import {client_class}: "
        f"{client_class}() has the functions below as methods",
        "Errors: RpcError(code, message, data), subclasses below, TransportError",
        "mypy: disable-error-code=empty-body",
    ]
    return _comments([t for t in texts if t])


def _comments(texts: list[str]) -> list[cst.EmptyLine]:
    return [cst.EmptyLine(comment=cst.Comment(f"# {text}")) for text in texts]
