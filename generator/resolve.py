"""Stage 3, resolve: a LoadedSpec -> a new document whose only $refs are ``#/components/schemas/X``.

OpenRPC objects (content descriptors, errors, examples, tags, links, methods) are inlined; schema
refs that point anywhere but ``components.schemas`` are hoisted there; dangling refs become ``{}``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import SpecError, SpecWarning, escape_pointer_token, pointer
from generator.load import LoadedSpec
from generator.model import SCHEMA_REF_PREFIX
from generator.ref_cycles import check_ref_cycles
from generator.refs import MISSING, Doc, Documents, FileState, lookup, step, tokens

SCHEMA_KEYWORDS = frozenset(
    {"additionalProperties", "additionalItems", "contains", "propertyNames", "not", "if", "then"}
    | {"else", "unevaluatedProperties", "unevaluatedItems", "items"}
)
"""Keywords whose value is one schema (``items`` may also be a list: see the list keywords)."""
SCHEMA_LIST_KEYWORDS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems", "items"})
SCHEMA_MAP_KEYWORDS = frozenset(
    {"properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "dependencies"}
)
ANNOTATIONS = frozenset(
    {"title", "description", "$comment", "examples", "example", "default", "deprecated"}
    | {"readOnly", "writeOnly", "$id", "$schema"}
)
"""Keywords that say nothing about which values are valid: they may stay next to a $ref."""
DATA_KEYWORDS = frozenset({"enum", "const", "default", "examples", "example", "required", "type"})
"""Keywords whose values are data: a ``$ref`` key in them is not a reference."""
_UNNAMED = SCHEMA_KEYWORDS | SCHEMA_LIST_KEYWORDS | SCHEMA_MAP_KEYWORDS | {"schema"}
_UNNAMED |= {"components", "schemas", "methods", "params", "contentDescriptors"}


def resolve_refs(
    loaded: LoadedSpec,
    warnings: list[SpecWarning],
    looked_at: dict[Path, FileState] | None = None,
) -> dict[str, Any]:
    """A new document: objects inlined, schema refs only into components.schemas (see model.py).

    ``components`` keeps only ``schemas``: everything else in it has been inlined where used. The
    input is not changed; data values (examples, defaults, enums) are shared with it. Every file
    path a ref made us look for goes into ``looked_at`` with its state (see refs.file_state).
    """
    components = loaded.document.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    resolver = _Resolver(
        Documents.of(loaded, warnings, {} if looked_at is None else looked_at),
        schemas if isinstance(schemas, dict) else {},
    )
    return resolver.document()


@dataclass
class _Resolver:
    docs: Documents
    root_schemas: dict[str, Any]
    hoisted_names: dict[tuple[str, str], str] = field(default_factory=dict)
    hoisted: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Where each schema name came from: (source, JSON pointer), for cycle messages."""

    def document(self) -> dict[str, Any]:
        root = self.docs.root
        adopted = {name: self.reexported(name, value) for name, value in self.root_schemas.items()}
        schemas = {}
        for name, value in self.root_schemas.items():
            self.origins[name] = (root.label, pointer("components", "schemas", name))
            if (found := adopted[name]) is not None:
                doc, where, target = found
                notes = {k: v for k, v in value.items() if k != "$ref"}
                schemas[name] = {**self.schema(target, doc, where), **notes}
            else:
                schemas[name] = self.schema(value, root, self.origins[name][1])
        methods = root.document.get("methods")
        if isinstance(methods, list):
            methods = [self.method(m, pointer("methods", i)) for i, m in enumerate(methods)]
        resolved = {k: v for k, v in root.document.items() if k != "components"}
        resolved["methods"] = methods
        resolved["components"] = {"schemas": {**schemas, **self.hoisted}}
        check_ref_cycles(resolved["components"]["schemas"], self.origins, self.docs.warnings)
        return resolved

    def reexported(self, name: str, value: Any) -> tuple[Doc, str, Any] | None:
        """``X: {"$ref": "other.json#/components/schemas/X"}``: X takes the target's content.

        Registered before anything is resolved, so every ref to that target says X (not X_2).
        """
        ref = value.get("$ref") if isinstance(value, dict) else None
        if not isinstance(ref, str) or any(k != "$ref" and k not in ANNOTATIONS for k in value):
            return None
        file, _, fragment = ref.partition("#")
        doc = self.docs.external(file, self.docs.root) if file and "://" not in file else None
        if doc is None or doc is self.docs.root or tokens(fragment)[-1:] != [name]:
            return None
        target = lookup(doc, fragment)
        if target is MISSING:
            return None
        self.hoisted_names[(doc.label, fragment)] = name
        return doc, fragment, target

    # -- OpenRPC objects: inlined ---------------------------------------------------------------

    def method(self, value: Any, where: str) -> Any:
        found = self.deref(value, self.docs.root, where)
        if found is None or not isinstance(found[0], dict):
            return {} if found is None else found[0]
        method, doc, where = found
        resolved = dict(method)
        lists: dict[str, Callable[[Any, Doc, str], Any]] = {
            "params": self.content_descriptor,
            "errors": self.inlined,
            "examples": self.example_pairing,
            "tags": self.inlined,
            "links": self.inlined,
        }
        for key, value in method.items():
            if key == "result":
                resolved[key] = self.content_descriptor(value, doc, f"{where}/result")
            elif key in lists and isinstance(value, list):
                items = [lists[key](v, doc, f"{where}/{key}/{i}") for i, v in enumerate(value)]
                resolved[key] = [item for item in items if item is not None]
        return resolved

    def content_descriptor(self, value: Any, doc: Doc, where: str) -> Any:
        found = self.deref(value, doc, where)
        if found is None:  # keep the param's position (by-position calls), typed as Any
            return {
                "name": (tokens(value["$ref"].partition("#")[2]) or ["param"])[-1],
                "schema": {},
            }
        descriptor, doc, where = found
        if not isinstance(descriptor, dict) or "schema" not in descriptor:
            return descriptor
        return {**descriptor, "schema": self.schema(descriptor["schema"], doc, f"{where}/schema")}

    def example_pairing(self, value: Any, doc: Doc, where: str) -> Any:
        found = self.deref(value, doc, where)
        if found is None or not isinstance(found[0], dict):
            return None if found is None else found[0]
        pairing, doc, where = found
        resolved = dict(pairing)
        if isinstance(pairing.get("params"), list):
            params = enumerate(pairing["params"])
            inlined = [self.inlined(v, doc, f"{where}/params/{i}") for i, v in params]
            resolved["params"] = [p for p in inlined if p is not None]
        if "result" in pairing:
            resolved["result"] = self.inlined(pairing["result"], doc, f"{where}/result")
        return resolved

    def inlined(self, value: Any, doc: Doc, where: str) -> Any:
        found = self.deref(value, doc, where)
        return None if found is None else found[0]

    def deref(self, value: Any, doc: Doc, where: str) -> tuple[Any, Doc, str] | None:
        """Follow an object's $ref chain to what it names; None (warned) when it names nothing."""
        seen: list[str] = []
        while isinstance(value, dict) and isinstance(value.get("$ref"), str):
            ref = value["$ref"]
            located = self.docs.locate(ref, doc, where)
            if located is None:
                return None
            target = lookup(*located)
            if target is MISSING:
                self.docs.warn(doc, where, f"unresolvable $ref {ref!r}: nothing there; left out")
                return None
            place = located[0].name(located[1], self.docs.root)
            if place in seen:
                cycle = " -> ".join([*seen[seen.index(place) :], place])
                raise SpecError(doc.label, where, f"$ref cycle with no structure: {cycle}")
            seen.append(place)
            siblings = {k: v for k, v in value.items() if k != "$ref"}
            value = {**target, **siblings} if siblings and isinstance(target, dict) else target
            doc, where = located
        return value, doc, where

    # -- schemas: refs stay refs, into components.schemas ----------------------------------------

    def schema(self, node: Any, doc: Doc, where: str) -> Any:
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            return self.schema_ref(node, doc, where)
        return {key: self.keyword(key, value, doc, where) for key, value in node.items()}

    def keyword(self, key: str, value: Any, doc: Doc, where: str) -> Any:
        at = f"{where}/{escape_pointer_token(key)}"
        if key in SCHEMA_LIST_KEYWORDS and isinstance(value, list):
            return [self.schema(v, doc, f"{at}/{i}") for i, v in enumerate(value)]
        if key in SCHEMA_KEYWORDS:
            return self.schema(value, doc, at)
        if key in SCHEMA_MAP_KEYWORDS and isinstance(value, dict):
            return {
                k: self.schema(v, doc, f"{at}/{escape_pointer_token(k)}") for k, v in value.items()
            }
        if key in DATA_KEYWORDS or key.startswith("x-"):
            return value
        # an unknown keyword (often a property nested one level too deep): its objects are read
        # as schemas, so that a $ref in them is resolved too and none dangles in the output
        if isinstance(value, list):
            return [self.schema(v, doc, f"{at}/{i}") for i, v in enumerate(value)]
        return self.schema(value, doc, at)

    def schema_ref(self, node: dict[str, Any], doc: Doc, where: str) -> Any:
        """``{"$ref", ...siblings}`` -> a ref into components.schemas, keeping what siblings say.

        Annotation siblings (title, description, default...) stay next to the $ref: they change
        no type, and datamodel-code-generator turns them into field docs and defaults. Validation
        siblings go into an ``allOf`` with the ref: draft 7 would ignore them next to a $ref.
        """
        ref = node["$ref"]
        notes = {k: v for k, v in node.items() if k in ANNOTATIONS or k.startswith("x-")}
        rest = {
            k: self.keyword(k, v, doc, where)
            for k, v in node.items()
            if k != "$ref" and k not in notes
        }
        if not isinstance(ref, str):
            self.docs.warn(
                doc, where, f"a $ref must be a string, not {type(ref).__name__}; ignored"
            )
        name = self.schema_name(ref, doc, where) if isinstance(ref, str) else None
        if name is None:  # Any, narrowed by whatever the siblings still say
            return {**notes, **rest}
        target = {"$ref": SCHEMA_REF_PREFIX + escape_pointer_token(name)}
        if not rest:
            return {**target, **notes}
        more = rest.pop("allOf", [])
        return {"allOf": [target, *(more if isinstance(more, list) else [])], **notes, **rest}

    def schema_name(self, ref: str, doc: Doc, where: str) -> str | None:
        """The components.schemas name a schema ref resolves to, hoisting its target if needed."""
        located = self.docs.locate(ref, doc, where)
        if located is None:
            return None
        target_doc, target_pointer = located
        path = tokens(target_pointer)
        if (
            target_doc is self.docs.root
            and path[:2] == ["components", "schemas"]
            and len(path) == 3
        ):
            if path[2] in self.root_schemas:
                return path[2]
            self.docs.warn(doc, where, f"unresolvable $ref {ref!r}: no such schema; typed as Any")
            return None
        key = (target_doc.label, target_pointer)
        if key in self.hoisted_names:
            return self.hoisted_names[key]
        target = lookup(target_doc, target_pointer)
        if target is MISSING or not path:
            self.docs.warn(doc, where, f"unresolvable $ref {ref!r}: nothing there; typed as Any")
            return None
        name = self.hoisted_name(target_doc, path, target)
        self.hoisted_names[key] = name
        self.origins[name] = (target_doc.label, target_pointer)
        self.hoisted[name] = {}  # reserves the name, and its place in the order, while recursing
        self.hoisted[name] = self.schema(target, target_doc, target_pointer)
        return name

    def hoisted_name(self, doc: Doc, path: list[str], target: Any) -> str:
        """Readable and unique: the pointer's telling tokens (list items by name), else the title."""
        words, node = [], doc.document
        for position, token in enumerate(path):
            node = step(node, token)
            if token.isdigit() and isinstance(node, dict) and isinstance(node.get("name"), str):
                words.append(node["name"])
            elif token != "schema" and (position == len(path) - 1 or not _unnamed(token)):
                words.append(token)
        title = target.get("title") if isinstance(target, dict) else None
        base = re.sub(r"[^\w.-]+", "_", "_".join(words) or str(title or "") or "Schema")
        name, number = base, 1
        while name in self.root_schemas or name in self.hoisted:
            number += 1
            name = f"{base}_{number}"
        return name


def _unnamed(token: str) -> bool:
    return token in _UNNAMED or token.isdigit()
