"""Types stage: the model's schemas -> TypedDict (or pydantic) statements, via datamodel-code-generator.

Every component schema and every param/result schema goes to datamodel-code-generator as one
``$defs`` entry under a name we chose. Its output is parsed, checked to hold only imports, classes
and type aliases (`typecheck`), and split: aliases named for a param or result are inlined into the
signatures, everything else is kept as module statements.
"""

from __future__ import annotations

import warnings as _warnings
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import libcst as cst
from datamodel_code_generator import InputFileType, LiteralType, PythonVersion
from datamodel_code_generator import generate as dcg_generate
from datamodel_code_generator.enums import DataModelType

from generator.errors import SpecError
from generator.model import SCHEMA_REF_PREFIX, Json, Service
from generator.names import MethodNames, pascal_case, safe_identifier, unique_names
from generator.options import Options, TypesStyle
from generator.runtime import SPLICE_ORDER
from generator.typecheck import (
    check_type_statements,
    defined_name,
    names_used,
    rename_names,
    union_operators,
)
from generator.typeddict_bases import flatten_narrowing_typeddicts


def _runtime_namespace() -> frozenset[str]:
    """Every name the spliced runtime defines or imports (read off its modules)."""
    modules = [import_module(f"generator.runtime.{m}") for m in (*SPLICE_ORDER, "pydantic_results")]
    return frozenset(name for module in modules for name in vars(module) if name[:2] != "__")


# Names the generated module defines besides the types: a type must not take one of them. The
# runtime's own, then what the type code and the client classes import.
RESERVED_TYPE_NAMES = _runtime_namespace() | frozenset(
    {"Any", "Literal", "TypedDict", "NotRequired", "Required", "TypeAlias", "TypeAliasType"}
    | {"ClassVar", "Mapping", "Optional", "Union", "Enum", "cast", "warnings"}
    | {"BaseModel", "Field", "RootModel", "ConfigDict", "TypeAdapter"}
)
_ROOT = "GeneratorRootPlaceholder"
# Keys dropped before datamodel-code-generator sees a schema: formats would turn wire strings and
# numbers into UUID, Decimal, datetime... which is not what the JSON decoder hands back.
_DROPPED_KEYS = frozenset({"format", "contentEncoding", "contentMediaType"})
_NAME_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependencies"})


@dataclass(frozen=True, slots=True)
class TypeCode:
    """What the assembler splices in: imports, type statements, and the annotation of each param/result."""

    imports: tuple[tuple[str, str], ...]
    """(module, name) pairs the type statements need."""
    statements: tuple[cst.BaseStatement, ...]
    params: Mapping[tuple[int, int], cst.BaseExpression]
    """(method index, param index) -> annotation."""
    results: Mapping[int, cst.BaseExpression]
    """method index -> annotation (methods with a result only)."""
    names: frozenset[str]
    """Every name the type statements define."""
    style: TypesStyle = "typeddict"


@dataclass(frozen=True, slots=True)
class TypesInput:
    """What datamodel-code-generator is given: one ``$defs`` entry per schema, under our names."""

    schema: dict[str, Json]
    param_keys: dict[tuple[int, int], str]
    result_keys: dict[int, str]


def types_input(service: Service, names: list[MethodNames]) -> TypesInput:
    """Every component schema, and every param and result schema, as one JSON Schema document."""
    class_names = _component_class_names(service)
    defs: dict[str, Json] = {class_names[key]: schema for key, schema in service.schemas.items()}
    param_keys, result_keys = _signature_defs(service, names, set(defs), defs)
    return TypesInput(_rewrite_refs(defs, class_names), param_keys, result_keys)


def build_types(service: Service, names: list[MethodNames], options: Options) -> TypeCode:
    """Run datamodel-code-generator over all of the service's schemas and split its output."""
    given = types_input(service, names)
    param_keys, result_keys = given.param_keys, given.result_keys
    source = run_datamodel_codegen(given.schema, options)
    module = cst.parse_module(source)
    imports, statements = check_type_statements(module, options.types)
    statements = [s for s in statements if defined_name(s) != _ROOT]
    statements = _rename_reserved(statements)
    if "Optional[" in source or "Union[" in source:
        statements = union_operators(statements)
    if options.types == "typeddict":
        statements = flatten_narrowing_typeddicts(statements)
    by_name = {defined_name(s): s for s in statements}
    inlined = set(param_keys.values()) | set(result_keys.values())
    kept = [s for s in statements if not _is_inlined_alias(s, inlined)]
    params = {k: _annotation(name, by_name) for k, name in param_keys.items()}
    results = {k: _annotation(name, by_name) for k, name in result_keys.items()}
    used = names_used([*kept, *params.values(), *results.values()])
    return TypeCode(
        imports=tuple(i for i in imports if i[1] in used),
        statements=tuple(kept),
        params=params,
        results=results,
        names=frozenset(n for s in kept if (n := defined_name(s))),
        style=options.types,
    )


def _component_class_names(service: Service) -> dict[str, str]:
    keys = list(service.schemas)
    wanted = [safe_identifier(pascal_case(k), "Schema", RESERVED_TYPE_NAMES) for k in keys]
    taken = RESERVED_TYPE_NAMES | {_ROOT}
    return dict(zip(keys, unique_names(wanted, taken, sep=""), strict=True))


def _signature_defs(
    service: Service, names: list[MethodNames], taken: set[str], defs: dict[str, Json]
) -> tuple[dict[tuple[int, int], str], dict[int, str]]:
    """Add a named def for each param and result schema; return their names."""
    wanted: list[tuple[tuple[int, int] | int, str, Json]] = []
    for i, (method, py) in enumerate(zip(service.methods, names, strict=True)):
        stem = pascal_case(py.name) or "Method"
        for j, param in enumerate(method.params):
            wanted.append(((i, j), f"{stem}{pascal_case(py.params[j])}Param", param.schema))
        if method.result is not None:
            wanted.append((i, f"{stem}Result", method.result.schema))
    chosen = unique_names(
        [safe_identifier(w, "Type") for _, w, _ in wanted],
        taken | RESERVED_TYPE_NAMES | {_ROOT},
        sep="",
    )
    params: dict[tuple[int, int], str] = {}
    results: dict[int, str] = {}
    for (key, _, schema), name in zip(wanted, chosen, strict=True):
        defs[name] = schema
        if isinstance(key, tuple):
            params[key] = name
        else:
            results[key] = name
    return params, results


def _rewrite_refs(defs: dict[str, Json], class_names: Mapping[str, str]) -> dict[str, Json]:
    def walk(node: Json, names_map: bool = False) -> Json:
        if isinstance(node, list):
            return [walk(v) for v in node]
        if not isinstance(node, dict):
            return node
        if names_map:  # the keys are property names, not keywords: keep them all
            return {k: walk(v) for k, v in node.items()}
        out = {k: walk(v, k in _NAME_MAPS) for k, v in node.items() if k not in _DROPPED_KEYS}
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_REF_PREFIX):
            out["$ref"] = "#/$defs/" + class_names[ref[len(SCHEMA_REF_PREFIX) :]]
        return out

    return {"$defs": {name: _open_object(walk(schema)) for name, schema in defs.items()}}


def _open_object(schema: Json) -> Json:
    """A named object schema without properties is a free-form dict, not an empty TypedDict
    (which is what datamodel-code-generator makes of it at the top level)."""
    if (
        isinstance(schema, dict)
        and schema.get("type") == "object"
        and not schema.get("properties")
        and not schema.get("patternProperties")
        and schema.get("additionalProperties", True) is True
    ):
        return {**schema, "additionalProperties": {}}
    return schema


def run_datamodel_codegen(schema: dict[str, Any], options: Options) -> str:
    model_type = (
        DataModelType.PydanticV2BaseModel
        if options.types == "pydantic"
        else DataModelType.TypingTypedDict
    )
    with _warnings.catch_warnings():
        # datamodel-code-generator announces future default changes as FutureWarnings; we pin
        # every option that matters, so they are noise here.
        _warnings.simplefilter("ignore")
        try:
            source = dcg_generate(
                schema,
                input_file_type=InputFileType.JsonSchema,
                output_model_type=model_type,
                target_python_version=PythonVersion.PY_311,
                class_name=_ROOT,
                disable_timestamp=True,
                custom_file_header="",
                formatters=[],
                use_closed_typed_dict=False,
                enum_field_as_literal=LiteralType.All,
                use_type_alias=True,
                use_standard_collections=True,
                use_union_operator=True,
                # constraints as Annotated[..., Field(...)], never constr(...): a call is no type
                use_annotated=options.types == "pydantic",
                field_constraints=options.types == "pydantic",
            )
        except (
            Exception
        ) as exc:  # datamodel-code-generator raises many types; all mean "cannot type this"
            raise SpecError(
                "<types>", "/components/schemas", f"type generation failed: {exc}"
            ) from exc
    assert isinstance(source, str)
    return source


def _alias_value(statement: cst.BaseStatement) -> cst.BaseExpression | None:
    """The right-hand side of ``X: TypeAlias = value`` / ``X = TypeAliasType("X", value)``."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return None
    small = statement.body[0]
    if isinstance(small, cst.AnnAssign) and small.value is not None:
        return small.value
    if isinstance(small, cst.Assign) and isinstance(small.value, cst.Call):
        call = small.value
        if isinstance(call.func, cst.Name) and call.func.value == "TypeAliasType":
            return call.args[1].value
    return None


def _is_inlined_alias(statement: cst.BaseStatement, inlined: set[str]) -> bool:
    return defined_name(statement) in inlined and _alias_value(statement) is not None


def _annotation(name: str, statements: Mapping[str, cst.BaseStatement]) -> cst.BaseExpression:
    statement = statements.get(name)
    value = _alias_value(statement) if statement is not None else None
    return value if value is not None else cst.Name(name)


def _rename_reserved(statements: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """Types datamodel-code-generator named after a reserved name (``RpcError``) get a suffix."""
    defined = [defined_name(s) for s in statements]
    clashes = [n for n in defined if n in RESERVED_TYPE_NAMES]
    if not clashes:
        return statements
    renamed = unique_names([f"{n}Type" for n in clashes], set(defined) | RESERVED_TYPE_NAMES, "")
    return rename_names(statements, dict(zip(clashes, renamed, strict=True)))
