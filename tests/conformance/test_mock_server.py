"""Generated (and dynamic) clients against @open-rpc/mock-server, a JSON-RPC peer no one here wrote:
every example's params get the example's result, a wrong-typed param the invalid-params error.

The mock answers a call with the result of the first example whose listed params equal the values
at the method's first positions; an example that skips a param (lists the 1st and 3rd) can never
match, and the mock then answers a value made up from the result schema. Such examples are still
called (the mock validates every param against its schema), but their result is not compared.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.dynamic import connect
from generator.load import load_spec
from generator.model import Example, Method
from generator.names import method_names
from generator.options import Options
from generator.parse import service_from_spec
from generator.resolve import resolve_refs
from generator.validate import validate_spec
from tests.conformance.peer import mock_server
from tests.generator.functional.kit import generated_client
from tests.router.service_process import REPO

SPECS = REPO.parent / "shared" / "specs"
CONTRACTS = REPO.parent / "shared" / "contracts"


@dataclass(frozen=True)
class Peer:
    """A spec to serve, how many example results the mock can answer, and a wrong-typed call
    with the ``paramIndex`` the mock's invalid-params data names."""

    spec: Path
    compared: int
    wrong: tuple[str, dict[str, Any], str | int]
    by_position: bool = False
    """Serve a copy with every method ``by-position`` (no corpus spec has such examples)."""

    @property
    def name(self) -> str:
        stem = self.spec.name.removesuffix(".json").removesuffix(".openrpc")
        return stem + ("-by-position" if self.by_position else "")


PEERS = [
    Peer(CONTRACTS / "hero_books.openrpc.json", 1, ("book_get", {"name": 42}, "name")),
    Peer(SPECS / "openrpc-examples-simple-math.json", 4, ("addition", {"a": "2", "b": 3}, "a")),
    Peer(
        SPECS / "openrpc-examples-simple-math.json",
        4,
        ("addition", {"a": "2", "b": 3}, 0),
        by_position=True,
    ),
    Peer(
        SPECS / "openrpc-examples-params-by-name-petstore.json",
        1,
        ("list_pets", {"limit": "9"}, "limit"),
    ),
    Peer(SPECS / "stellar-soroban-rpc.json", 17, ("get_transaction", {"hash": 42}, "hash")),
    Peer(
        SPECS / "metamask-multichain-api.json",
        3,
        ("wallet_invoke_method", {"scope": 1, "request": {}}, "scope"),
    ),
    Peer(SPECS / "core-geth-2020.json", 5, ("web3_sha3", {"data": 42}, "data")),
]


@dataclass(frozen=True)
class ExampleCall:
    method: str
    kwargs: dict[str, Any]
    answer: Example | None
    """The example whose result the mock answers with; None when it cannot recognise the params."""


@dataclass
class Served:
    peer: Peer
    module: ModuleType
    url: str
    calls: list[ExampleCall]

    def client(self) -> Any:
        (cls,) = [
            c
            for c in vars(self.module).values()
            if isinstance(c, type) and issubclass(c, self.module.BaseClient)
            if c is not self.module.BaseClient
        ]
        return cls(url=self.url, timeout=10)


def spec_file(peer: Peer, directory: Path) -> Path:
    if not peer.by_position:
        return peer.spec
    document = json.loads(peer.spec.read_text())
    for method in document["methods"]:
        method["paramStructure"] = "by-position"
    copy = directory / f"{peer.name}.json"
    copy.write_text(json.dumps(document))
    return copy


def example_calls(spec: Path) -> list[ExampleCall]:
    """Each example of the spec as a call of the generated method, with the answer to expect."""
    loaded = load_spec(spec)
    warnings = validate_spec(loaded)
    model = service_from_spec(resolve_refs(loaded, warnings), loaded, Options(), warnings)
    calls = []
    for method, names in zip(model.methods, method_names(model, "", []), strict=True):
        python = dict(zip((p.name for p in method.params), names.params, strict=True))
        for example in method.examples:
            kwargs = {python[name]: value for name, value in example.params}
            calls.append(ExampleCall(names.name, kwargs, answered_by(method, example)))
    return calls


def answered_by(method: Method, example: Example) -> Example | None:
    """The mock's pick for ``example``'s params (see the module docstring)."""
    listed = [name for name, _ in example.params]
    if not example.has_result or listed != [p.name for p in method.params[: len(listed)]]:
        return None
    return next(e for e in method.examples if e.params[: len(listed)] == example.params)


@pytest.fixture(scope="module", params=PEERS, ids=lambda peer: peer.name)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    peer: Peer = request.param
    directory = tmp_path_factory.mktemp(peer.name)
    spec = spec_file(peer, directory)
    with (
        generated_client(spec, directory) as module,
        mock_server(spec, directory / "mock.log") as url,
    ):
        yield Served(peer, module, url, example_calls(spec))


@pytest.mark.parametrize("flavour", ["generated", "dynamic"])
def test_every_example_gets_its_result(served: Served, flavour: str) -> None:
    client = served.client() if flavour == "generated" else connect(url=served.url, timeout=10)
    compared = 0
    with client:
        for call in served.calls:
            result = getattr(client, call.method)(**call.kwargs)
            if call.answer is not None:
                assert result == call.answer.result, (call.method, call.answer.name)
                compared += 1
    assert compared == served.peer.compared


def test_a_wrong_typed_param_is_the_invalid_params_error(served: Served) -> None:
    method, kwargs, param_index = served.peer.wrong
    with served.client() as client, pytest.raises(served.module.InvalidParamsError) as error:
        getattr(client, method)(**kwargs)
    assert error.value.code == -32602
    assert type(error.value) is type(client)._ERRORS.get(-32602, served.module.InvalidParamsError)
    assert [entry["paramIndex"] for entry in error.value.data] == [param_index]
