"""Assemble stage: model + type code -> the client and interface modules as libcst trees.

Outline of the client: header comments, docstring, imports, types, runtime, error classes, clients.
"""

from __future__ import annotations

from dataclasses import astuple
from typing import NamedTuple

import libcst as cst

from generator.assemble.client import client_classes
from generator.assemble.error_classes import error_class, errors_mapping
from generator.assemble.header import header_lines, interface_header_lines
from generator.assemble.imports import Import, import_statements
from generator.assemble.interface import interface_imports, interface_statements
from generator.assemble.literals import docstring
from generator.assemble.runtime import PYDANTIC_MODULES, runtime_parts
from generator.assemble.syntax import module_of
from generator.conventions import ClientNames, declared_errors, error_class_names, service_doc
from generator.model import Service
from generator.names import MethodNames, service_class_name
from generator.runtime import SPLICE_ORDER
from generator.typegen import RESERVED_TYPE_NAMES, TypeCode

__all__ = ["ClientParts", "client_module", "client_names", "interface_module"]


def client_names(service: Service, types: TypeCode) -> ClientNames:
    """The client classes' names: ``<Service>Client`` and its kin, with ``Service`` added to the
    stem while one of them is taken by a type or the runtime."""
    stem = service_class_name(service.name)
    taken = types.names | RESERVED_TYPE_NAMES
    while any(n in taken for n in astuple(ClientNames.for_service(stem))):
        stem += "Service"
    return ClientNames.for_service(stem)


def _error_names(service: Service, types: TypeCode, classes: ClientNames) -> dict[int, str]:
    taken = (
        types.names | RESERVED_TYPE_NAMES | {classes.client, classes.batch, classes.async_client}
    )
    return error_class_names(declared_errors(service), taken)


class ClientParts(NamedTuple):
    """The client module in three parts, so the fixed runtime can be formatted once per process."""

    head: cst.Module
    """Header, docstring, imports, types."""
    runtime: cst.Module
    """The runtime: the same object in every client of one types style."""
    tail: cst.Module
    """The generated error and client classes."""


def client_module(
    service: Service, names: list[MethodNames], types: TypeCode, classes: ClientNames
) -> ClientParts:
    """Header, docstring, imports and types; the runtime; error and client classes."""
    error_names = _error_names(service, types, classes)
    runtime_imports, runtime = runtime_parts(
        PYDANTIC_MODULES if types.style == "pydantic" else SPLICE_ORDER
    )
    imports: list[Import] = [("__future__", "annotations"), *runtime_imports, *types.imports]
    imports += [("typing", "ClassVar"), ("collections.abc", "Mapping")]  # the _ERRORS annotation
    if any(m.result is not None for m in service.methods):
        imports.append(("typing", "cast"))
    if any(m.deprecated for m in service.methods):
        imports.append(("warnings", None))
    errors = [error_class(e, error_names[e.code]) for e in declared_errors(service)]
    tail = [
        *(e for e in errors if e is not None),
        *client_classes(service, names, types, error_names, errors_mapping(error_names), classes),
    ]
    doc = docstring(service_doc(service, classes.client))
    head = module_of([doc, *import_statements(imports), *types.statements])
    return ClientParts(head.with_changes(header=header_lines(service)), runtime, module_of(tail))


def interface_module(
    service: Service, names: list[MethodNames], types: TypeCode, classes: ClientNames
) -> cst.Module:
    """Header comments, imports, the types methods reach, errors, one line per method."""
    error_names = _error_names(service, types, classes)
    code = interface_statements(service, names, types, error_names)
    body = [*import_statements(interface_imports(types, code)), *code]
    return module_of(body).with_changes(header=interface_header_lines(service, classes.client))
