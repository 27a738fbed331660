"""runtime/__init__.py's SPLICE_ORDER: the runtime modules obey the rules that let a generated
client carry their bodies concatenated, and the concatenation works against the real server."""

from __future__ import annotations

import ast
import asyncio
import sys
import types
from pathlib import Path
from typing import Any

import pytest

import generator.runtime
from generator.assemble.runtime import PYDANTIC_MODULES
from generator.runtime import SPLICE_ORDER
from tests.servers.jsonrpc_server import JsonRpcServer

RUNTIME = Path(generator.runtime.__file__).parent
PUBLIC = {
    "RpcError",
    "TransportError",
    "ParseError",
    "InvalidRequestError",
    "MethodNotFoundError",
    "InvalidParamsError",
    "InternalError",
    "BaseClient",
    "AsyncBaseClient",
    "BaseBatch",
    "BatchResult",
}


def tree(name: str) -> ast.Module:
    return ast.parse((RUNTIME / f"{name}.py").read_text(), filename=f"{name}.py")


def defined(module: ast.Module) -> list[str]:
    """Names a module's top level binds, imports aside."""
    names: list[str] = []
    for node in module.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return names


def spliced_source() -> str:
    """The runtime as the assembler splices it: imports hoisted, relative ones removed."""
    imports: set[str] = set()
    bodies: list[str] = []
    for name in SPLICE_ORDER:
        for node in tree(name).body[1:]:  # [0] is the docstring
            if isinstance(node, ast.ImportFrom) and (node.level or node.module == "__future__"):
                continue
            (imports.add if isinstance(node, ast.Import | ast.ImportFrom) else bodies.append)(
                ast.unparse(node)
            )
    return "\n".join(["from __future__ import annotations", *sorted(imports), *bodies]) + "\n"


def test_every_module_is_spliced_once() -> None:
    # pydantic_results joins them only in clients generated with --types pydantic
    modules = {path.stem for path in RUNTIME.glob("*.py")} - {"__init__", "pydantic_results"}
    assert sorted(SPLICE_ORDER) == sorted(modules)
    assert (*SPLICE_ORDER, "pydantic_results") == PYDANTIC_MODULES


def test_each_module_opens_with_a_docstring_and_future_annotations() -> None:
    for name in SPLICE_ORDER:
        body = tree(name).body
        assert isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant), name
        assert ast.unparse(body[1]) == "from __future__ import annotations", name


def test_relative_imports_take_only_names_of_earlier_modules() -> None:
    for position, name in enumerate(SPLICE_ORDER):
        for node in tree(name).body:
            if isinstance(node, ast.ImportFrom) and node.level:
                assert node.level == 1 and node.module in SPLICE_ORDER[:position], (
                    name,
                    node.module,
                )
                assert {a.name for a in node.names} <= set(defined(tree(node.module))), name
                assert all(a.asname is None for a in node.names), name


def test_imports_are_stdlib_and_top_level_only() -> None:
    for name in SPLICE_ORDER:
        module = tree(name)
        top = set(module.body)
        for node in ast.walk(module):
            if isinstance(node, ast.Import | ast.ImportFrom):
                assert node in top, f"{name}: import inside a function or block"
                if isinstance(node, ast.Import) or not node.level:
                    roots = (
                        [a.name for a in node.names]
                        if isinstance(node, ast.Import)
                        else [node.module]
                    )
                    for root in roots:
                        assert root and root.split(".")[0] in sys.stdlib_module_names, (name, root)


def test_no_name_is_defined_twice_and_public_names_are_the_contracts() -> None:
    names = [n for name in SPLICE_ORDER for n in defined(tree(name))]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert {n for n in names if not n.startswith("_")} == PUBLIC
    assert "__all__" not in names


def test_spliced_runtime_works_as_one_module(rpc_server: JsonRpcServer) -> None:
    module = types.ModuleType("spliced_client")
    exec(compile(spliced_source(), "spliced_client.py", "exec"), module.__dict__)
    client_class: Any = type("EchoClient", (module.BaseClient,), {"_SERVICE": "echo"})
    with client_class(rpc_server.unix_path) as client:
        assert client.call("chunked", module._named({"a": 1}, {"b": None})) == {"a": 1}
        with pytest.raises(module.MethodNotFoundError):
            client.call("no.such")
        with module.BaseBatch(client) as batch:
            entry = batch.call("echo", [1])
        assert entry.result() == [1]

    async def main() -> Any:
        async with module.AsyncBaseClient(rpc_server.unix_path) as client:
            return await client.call("trickle", [2])

    assert asyncio.run(main()) == [2]
