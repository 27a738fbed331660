"""Hypothesis strategies for random, valid OpenRPC 1.3.2 documents: the generator's fuzz input.

`openrpc_documents()` draws small documents (0-6 methods, 0-4 params each) with awkward names,
random JSON Schemas (recursive `$ref`s included) and hostile text; every draw is meta-schema valid.
"""

from __future__ import annotations

import json
import keyword
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from hypothesis import strategies as st

Json = Any
"""A JSON value as `json.loads` returns it."""

TRICKY_NAMES = (
    *keyword.kwlist,
    *keyword.softkwlist,
    *("print", "list", "type", "id", "object", "self", "cls", "__init__", "__class__", "__dict__"),
    *("call", "close", "batch", "notify", "rpc.discover", "a.b", "a_b", "a-b", "A.B", "x.y.z"),
    *("Block hash", "block_hash", "session-options", "2fa", "café", "_", "__"),
)
HOSTILE_TEXT = (
    *('"""', "'''", '"', "'", "\\", "\\N{BULLET}", "\\x00", "{}", "{0}", "%s"),
    *("\x00", "\x1b", "\r", "\n", "\t", "\x0b", "\x85", "\x1c", "\u2028", "\u2029"),
    *("\ud800", "\udfff", "{__import__('os').system('echo pwned')}", "# comment"),
    "\nimport os; os.system('echo pwned')\n",
)
PROPERTY_NAMES = ("/", "$schema", "$ref", "class", "", "from", "with space", "a-b", "a_b", "*")
COMPONENT_NAMES = ("options", "Options", "Node", "node", "class", "None", "a.b", "a_b")
PRIMITIVE_TYPES = ("string", "integer", "number", "boolean", "null")
OPENRPC_VERSIONS = ("1.3.2", "1.3.1", "1.2.6", "1.0.0", "1.0.0-rc1")
PARAM_STRUCTURES = ("by-name", "by-position", "either")
SCHEMAS_REF = "#/components/schemas/"


# Strategies are built once (`cache`; per set of component names for those that take refs) and
# only drawn from afterwards: rebuilding them on each draw made 50 documents take ten seconds.


@cache
def texts() -> st.SearchStrategy[str]:
    """Free text: any characters, often with quotes, backslashes, controls, surrogates or code."""
    pieces = st.one_of(st.text(max_size=20), st.sampled_from(HOSTILE_TEXT))
    return st.lists(pieces, max_size=4).map(_json_stable)


def _json_stable(pieces: list[str]) -> str:
    """Join the pieces as JSON would read them back: a lone high surrogate followed by a lone
    low one is a pair in a JSON file, so it becomes the one character the pair encodes."""
    text: str = json.loads(json.dumps("".join(pieces)))
    return text


@cache
def names() -> st.SearchStrategy[str]:
    """Method and param names: keywords, builtins, dunders, dots, dashes, spaces, unicode."""
    chars = st.one_of(st.sampled_from("aZ09_.- $/"), st.characters(categories=("L", "Nd")))
    return st.one_of(st.sampled_from(TRICKY_NAMES), st.text(chars, min_size=1, max_size=10))


@cache
def component_names() -> st.SearchStrategy[str]:
    """Component keys: characters a `$ref` carries as is; case-fold collisions are likely."""
    plain = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,8}", fullmatch=True)
    return st.one_of(st.sampled_from(COMPONENT_NAMES), plain)


@cache
def property_names() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(PROPERTY_NAMES), st.text(max_size=8))


@cache
def json_values() -> st.SearchStrategy[Json]:
    scalars = st.one_of(st.none(), st.booleans(), _integers(), _floats(), texts())
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(property_names(), inner, max_size=3),
        max_leaves=6,
    )


def _integers() -> st.SearchStrategy[int]:
    return st.integers(-(2**63), 2**63 - 1)


def _floats() -> st.SearchStrategy[float]:
    return st.floats(allow_nan=False, allow_infinity=False)


@cache
def _leaves() -> st.SearchStrategy[Json]:
    """Schemas without structure or refs: primitives (with defaults), enums, consts, any."""
    values = {
        "string": texts(),
        "integer": _integers(),
        "number": _floats(),
        "boolean": st.booleans(),
        "null": st.none(),
    }
    primitives = [
        st.fixed_dictionaries({"type": st.just(type_)}, optional={"default": values[type_]})
        for type_ in PRIMITIVE_TYPES
    ]
    enum_values = st.one_of(
        st.lists(texts(), min_size=1, max_size=4, unique=True),
        st.lists(st.integers(-3, 3), min_size=1, max_size=4, unique=True),
    )
    enums = st.tuples(enum_values, st.none() | st.integers(0, 3)).map(_enum)
    consts = st.one_of(texts(), _integers(), st.booleans(), st.none()).map(lambda v: {"const": v})
    return st.one_of(*primitives, enums, consts, st.builds(dict), st.just(True))


def _enum(values_default: tuple[list[Json], int | None]) -> dict[str, Json]:
    values, default = values_default
    if default is None:
        return {"enum": values}
    return {"enum": values, "default": values[default % len(values)]}


def _objects(inner: st.SearchStrategy[Json]) -> st.SearchStrategy[dict[str, Json]]:
    """Object schemas: random property names, some required, maybe additionalProperties."""
    props = st.lists(
        st.tuples(property_names(), inner, st.booleans()), max_size=4, unique_by=lambda p: p[0]
    )
    return st.tuples(props, st.none() | st.booleans() | inner).map(_object)


def _object(props_additional: tuple[list[tuple[str, Json, bool]], Json]) -> dict[str, Json]:
    props, additional = props_additional
    schema: dict[str, Json] = {"type": "object", "properties": {n: s for n, s, _ in props}}
    required = [name for name, _, is_required in props if is_required]
    if required:
        schema["required"] = required
    if additional is not None:
        schema["additionalProperties"] = additional
    return schema


def _composites(
    inner: st.SearchStrategy[Json], same: st.SearchStrategy[Json]
) -> st.SearchStrategy[Json]:
    """Schemas with structure (`inner` below it) or composition (`same`: still this level)."""
    keyword_ = st.sampled_from(("oneOf", "anyOf"))
    tuple_items = st.tuples(st.lists(inner, min_size=1, max_size=3), st.booleans())
    return st.one_of(
        inner.map(lambda s: {"type": "array", "items": s}),
        tuple_items.map(lambda t: {"type": "array", "items": t[0], **_closed(t[1])}),
        _objects(inner),
        st.sampled_from(PRIMITIVE_TYPES[:-1]).map(lambda t: {"type": [t, "null"]}),
        st.tuples(keyword_, same).map(lambda ks: {ks[0]: [ks[1], {"type": "null"}]}),
        st.tuples(keyword_, st.lists(same, min_size=2, max_size=3)).map(lambda ks: {ks[0]: ks[1]}),
        st.lists(_objects(inner), min_size=2, max_size=2).map(lambda ms: {"allOf": ms}),
    )


def _closed(closed: bool) -> dict[str, Json]:
    return {"additionalItems": False} if closed else {}


@lru_cache(maxsize=256)
def schemas(
    refs: tuple[str, ...] = (), nested_refs: tuple[str, ...] = (), depth: int = 2
) -> st.SearchStrategy[Json]:
    """JSON Schemas whose `$ref`s go to `refs` at this level and to `nested_refs` below a property
    or an item: a component reaches itself only through structure, never as a bare alias
    (`A -> A` is a hard error for the generator)."""
    # Leaves, refs and composites are equally likely: a flat one_of would give each of the
    # seventeen branches the same weight and make refs (and so recursion) rare.
    kinds = [_leaves()]
    if refs:
        kinds.append(st.sampled_from(refs).map(lambda name: {"$ref": SCHEMAS_REF + name}))
    if depth > 0:
        inner = schemas(nested_refs, nested_refs, depth - 1)
        kinds.append(_composites(inner, same=schemas(refs, nested_refs, depth - 1)))
    choices = st.sampled_from(kinds).flatmap(lambda kind: kind)
    notes = st.fixed_dictionaries({}, optional={"description": texts(), "title": texts()})
    return st.tuples(choices, notes).map(_annotated)


def _annotated(schema_notes: tuple[Json, dict[str, str]]) -> Json:
    schema, notes = schema_notes
    return {**schema, **notes} if isinstance(schema, dict) else schema


@lru_cache(maxsize=256)
def descriptor_bodies(refs: tuple[str, ...]) -> st.SearchStrategy[dict[str, Json]]:
    """A content descriptor without its `name` (the caller keeps names unique)."""
    return st.fixed_dictionaries(
        {"schema": schemas(refs, refs)},
        optional={
            "summary": texts(),
            "description": texts(),
            "required": st.booleans(),
            "deprecated": st.booleans(),
        },
    )


@lru_cache(maxsize=256)
def named_descriptors(refs: tuple[str, ...]) -> st.SearchStrategy[dict[str, Json]]:
    return st.tuples(names(), descriptor_bodies(refs)).map(lambda nb: {"name": nb[0], **nb[1]})


@lru_cache(maxsize=256)
def error_objects(refs: tuple[str, ...]) -> st.SearchStrategy[dict[str, Json]]:
    """Error objects: codes in the reserved, implementation-defined and application ranges;
    `data` as a plain value or, as real specs often do, as a schema."""
    code = st.one_of(st.integers(-32099, -32000), st.integers(-32768, -32100), _integers())
    return st.fixed_dictionaries(
        {"code": code, "message": texts()},
        optional={"data": json_values() | schemas(refs, refs, depth=1)},
    )


@dataclass(frozen=True)
class _Components:
    schemas: tuple[str, ...]
    errors: tuple[str, ...]
    descriptors: dict[str, dict[str, Json]]

    def descriptor(self, param: dict[str, Json]) -> dict[str, Json]:
        """The content descriptor itself, when `param` is a `$ref` to one."""
        ref = param.get("$ref")
        return self.descriptors[ref.rsplit("/", 1)[1]] if ref else param


def _descriptor_ref(key: str) -> dict[str, str]:
    return {"$ref": "#/components/contentDescriptors/" + key}


@st.composite
def _params(draw: st.DrawFn, comps: _Components) -> list[Json]:
    """0-4 params with distinct names, some as `$ref`s to component content descriptors."""
    by_ref: list[str] = []
    if comps.descriptors:
        keys = st.sampled_from(sorted(comps.descriptors))
        by_ref = draw(st.lists(keys, max_size=2, unique_by=lambda k: comps.descriptors[k]["name"]))
    taken = {comps.descriptors[key]["name"] for key in by_ref}
    fresh = draw(st.lists(names(), max_size=4 - len(by_ref), unique=True))
    inline = [
        {"name": name, **draw(descriptor_bodies(comps.schemas))}
        for name in fresh
        if name not in taken
    ]
    return list(draw(st.permutations([*map(_descriptor_ref, by_ref), *inline])))


@st.composite
def _example_pairings(
    draw: st.DrawFn, param_names: tuple[str, ...], result_name: str | None
) -> dict[str, Json]:
    pairing: dict[str, Json] = {"name": draw(names()), "params": []}
    for name in param_names:
        if draw(st.booleans()):
            pairing["params"].append({"name": name, "value": draw(json_values())})
    if result_name is not None and draw(st.booleans()):
        pairing["result"] = {"name": result_name, "value": draw(json_values())}
    notes = st.fixed_dictionaries({}, optional={"summary": texts(), "description": texts()})
    return {**pairing, **draw(notes)}


@st.composite
def _methods(draw: st.DrawFn, name: str, comps: _Components) -> dict[str, Json]:
    params = draw(_params(comps))
    method: dict[str, Json] = {"name": name, "params": params}
    results = [named_descriptors(comps.schemas)]
    if comps.descriptors:
        results.append(st.sampled_from([_descriptor_ref(key) for key in comps.descriptors]))
    result = draw(st.none() | st.one_of(results))
    if result is not None:
        method["result"] = result
    param_names = tuple(comps.descriptor(p)["name"] for p in params)
    result_name = None if result is None else comps.descriptor(result)["name"]
    errors = [error_objects(comps.schemas)]
    if comps.errors:
        errors.append(st.sampled_from([{"$ref": "#/components/errors/" + k} for k in comps.errors]))
    extras = st.fixed_dictionaries(
        {},
        optional={
            "summary": texts(),
            "description": texts(),
            "deprecated": st.booleans(),
            "paramStructure": st.sampled_from(PARAM_STRUCTURES),
            "errors": st.lists(st.one_of(errors), max_size=3),
            "examples": st.lists(_example_pairings(param_names, result_name), max_size=2),
        },
    )
    return {**method, **draw(extras)}


@st.composite
def openrpc_documents(draw: st.DrawFn) -> dict[str, Json]:
    """A random OpenRPC document that validates against the 1.3.2 meta-schema."""
    schema_names = tuple(draw(st.lists(component_names(), max_size=4, unique=True)))
    components: dict[str, Json] = {}
    if schema_names:
        components["schemas"] = {
            name: draw(schemas(schema_names[:i], schema_names))
            for i, name in enumerate(schema_names)
        }
    errors = draw(st.dictionaries(component_names(), error_objects(schema_names), max_size=2))
    descriptors = draw(
        st.dictionaries(component_names(), named_descriptors(schema_names), max_size=2)
    )
    for kind, found in (("errors", errors), ("contentDescriptors", descriptors)):
        if found:
            components[kind] = found
    comps = _Components(schema_names, tuple(errors), descriptors)
    info = st.fixed_dictionaries(
        {"title": texts(), "version": texts()}, optional={"description": texts()}
    )
    document: dict[str, Json] = {
        "openrpc": draw(st.sampled_from(OPENRPC_VERSIONS)),
        "info": draw(info),
        "methods": [
            draw(_methods(name, comps)) for name in draw(st.lists(names(), max_size=6, unique=True))
        ],
    }
    keep_empty_components: bool = draw(st.booleans())
    if components or keep_empty_components:
        document["components"] = components
    return document
