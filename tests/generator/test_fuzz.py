"""Random valid OpenRPC documents never crash the generator and always give a client that compiles
and imports, with one client method and one interface line per spec method."""

from __future__ import annotations

import ast

from hypothesis import HealthCheck, given, settings

from generator import generate
from tests.strategies import openrpc_documents


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(openrpc_documents())
def test_random_documents_generate_compiling_code(document: dict) -> None:
    # the strategy draws no hard-error case (duplicate names, bare ref cycles): a SpecError fails
    result = generate(document, service="fuzz")
    client = ast.parse(result.client)
    ast.parse(result.interface)
    # importing it runs every class body and type alias: that must work too
    exec(compile(result.client, "fuzz_client.py", "exec"), {"__name__": "fuzz_client"})
    (client_class,) = [
        node for node in client.body if isinstance(node, ast.ClassDef) and node.name == "FuzzClient"
    ]
    methods = [n for n in client_class.body if isinstance(n, ast.FunctionDef) and n.name != "batch"]
    assert len(methods) == len(document["methods"])
    interface_defs = [line for line in result.interface.splitlines() if line.startswith("def ")]
    assert len(interface_defs) == len(document["methods"])
