"""The client classes: ``HeroBooksClient``, its ``HeroBooksBatch`` and ``AsyncHeroBooksClient``,
one method per RPC method, each a thin call into the spliced runtime.
"""

from __future__ import annotations

from typing import Literal

import libcst as cst

from generator.assemble.literals import docstring, identifier, string_literal, value_literal
from generator.assemble.syntax import (
    assign,
    attribute,
    call,
    class_def,
    code_of,
    function_def,
    param,
    statement,
    union_none,
)
from generator.conventions import ClientNames, default_fits, method_doc, service_doc
from generator.model import Method, Service
from generator.names import MethodNames
from generator.typegen import TypeCode

Flavour = Literal["sync", "batch", "async"]


def method_signature(
    method: Method, index: int, names: MethodNames, types: TypeCode
) -> tuple[list[cst.Param], cst.BaseExpression]:
    """(params, return annotation): self, then required params in spec order, then optional ones
    with their default or None; the result type, or None for a notification."""
    required, optional = [], []
    for j, (spec_param, py) in enumerate(zip(method.params, names.params, strict=True)):
        annotation = types.params[(index, j)]
        if spec_param.required:
            required.append(param(identifier(py), annotation))
        elif spec_param.has_default and default_fits(spec_param.schema, spec_param.default):
            optional.append(param(identifier(py), annotation, value_literal(spec_param.default)))
        else:
            optional.append(param(identifier(py), union_none(annotation), cst.Name("None")))
    returns = types.results[index] if method.result is not None else cst.Name("None")
    return [param(cst.Name("self")), *required, *optional], returns


def _wire_params(method: Method, names: MethodNames) -> cst.BaseExpression:
    """The ``params`` argument: None, a dict (by-name, "either") or a list (by-position)."""
    if not method.params:
        return cst.Name("None")
    pairs = list(zip(method.params, names.params, strict=True))
    if method.param_structure == "by-position":
        values = cst.List([cst.Element(identifier(py)) for _, py in pairs])
        last_required = max((k + 1 for k, (p, _) in enumerate(pairs) if p.required), default=0)
        if last_required == len(pairs):
            return values
        return call(cst.Name("_positional"), values, value_literal(last_required))

    def entries(required: bool) -> cst.Dict:
        return cst.Dict(
            [
                cst.DictElement(string_literal(p.name), identifier(py))
                for p, py in pairs
                if p.required == required
            ]
        )

    if all(p.required for p, _ in pairs):
        return entries(True)
    return call(cst.Name("_named"), entries(True), entries(False))


def method_def(
    method: Method,
    index: int,
    names: MethodNames,
    types: TypeCode,
    error_names: dict[int, str],
    flavour: Flavour,
) -> cst.FunctionDef:
    """One RPC method as a client method of the given flavour."""
    wire = call(
        attribute("self", "_notify" if method.result is None else "_call"),
        string_literal(method.name),
        _wire_params(method, names),
    )
    outcome: cst.BaseExpression = cst.Await(wire) if flavour == "async" else wire
    body: list[cst.BaseStatement] = []
    if flavour == "sync":
        body.append(docstring(method_doc(method, names, error_names), indent=8))
    else:
        body.append(docstring(method.summary or method.name, indent=8))
    if method.deprecated:
        body.append(_deprecation_warning(method))
    params, returns = method_signature(method, index, names, types)
    if method.result is None:
        body.append(statement(cst.Expr(outcome)))
    else:
        if flavour == "batch":  # entries are decoded JSON: pydantic models only in calls
            item = cst.Name("Any") if types.style == "pydantic" else returns
            returns = cst.Subscript(
                cst.Name("BatchResult"), [cst.SubscriptElement(cst.Index(item))]
            )
        elif code_of(returns) != "Any":
            if types.style == "pydantic":
                outcome = call(cst.Name("_validated"), returns, outcome)
            outcome = call(cst.Name("cast"), string_literal(code_of(returns)), outcome)
        body.append(statement(cst.Return(outcome)))
    return function_def(identifier(names.name), params, returns, body, is_async=flavour == "async")


def _deprecation_warning(method: Method) -> cst.SimpleStatementLine:
    message = string_literal(f"{method.name} is deprecated")
    return statement(
        cst.Expr(
            call(
                attribute("warnings", "warn"),
                message,
                cst.Name("DeprecationWarning"),
                stacklevel=cst.Integer("2"),
            )
        )
    )


def client_classes(
    service: Service,
    names: list[MethodNames],
    types: TypeCode,
    error_names: dict[int, str],
    errors_map: cst.Dict,
    classes: ClientNames,
) -> list[cst.ClassDef]:
    """The sync client, its batch and the async client, in that order."""

    def methods(flavour: Flavour) -> list[cst.FunctionDef]:
        return [
            method_def(m, i, n, types, error_names, flavour)
            for i, (m, n) in enumerate(zip(service.methods, names, strict=True))
        ]

    errors_type = cst.parse_expression("ClassVar[Mapping[int, type[RpcError]]]")  # our text
    settings = [
        assign("_SERVICE", string_literal(service.name)),
        statement(cst.AnnAssign(cst.Name("_ERRORS"), cst.Annotation(errors_type), errors_map)),
    ]
    batch_factory = function_def(
        cst.Name("batch"),
        [param(cst.Name("self"))],
        cst.Name(classes.batch),
        [
            docstring("Collect calls; they are sent as one JSON-RPC batch when the block ends.", 8),
            statement(cst.Return(call(cst.Name(classes.batch), cst.Name("self")))),
        ],
    )
    sync_doc = docstring(service_doc(service, classes.client), indent=4)
    return [
        class_def(
            identifier(classes.client),
            [cst.Name("BaseClient")],
            [sync_doc, *settings, batch_factory, *methods("sync")],
        ),
        class_def(
            identifier(classes.batch),
            [cst.Name("BaseBatch")],
            [
                docstring(f"A batch of {classes.client} calls: each returns a BatchResult."),
                *methods("batch"),
            ],
        ),
        class_def(
            identifier(classes.async_client),
            [cst.Name("AsyncBaseClient")],
            [docstring(f"The asyncio twin of {classes.client}."), *settings, *methods("async")],
        ),
    ]
