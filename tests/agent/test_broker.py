"""The hero AI broker as the LLM: while <socket-dir>/hero_aibroker/rpc.sock exists (here a real
JSON-RPC server on that socket) the router asks it with ai.chat instead of the OpenAI endpoint."""

from __future__ import annotations

from typing import Any

from tests.agent.kit import fenced, run_agent
from tests.agent.llm_server import ScriptedLLM
from tests.router.kit import Router
from tests.servers.jsonrpc_server import JsonRpcServer, RpcFault


def test_the_broker_answers_when_its_socket_exists(router: Router, llm: ScriptedLLM) -> None:
    asked: list[Any] = []
    replies = [
        {"content": fenced("raise SystemExit(2)\n"), "model": "broker-model"},
        {"choices": [{"message": {"role": "assistant", "content": fenced("print('hi')\n")}}]},
    ]

    def chat(params: Any) -> Any:
        asked.append(params)
        return replies[len(asked) - 1]

    path = router.socket_dir / "hero_aibroker" / "rpc.sock"
    path.parent.mkdir(exist_ok=True)
    with JsonRpcServer(unix_path=path, handlers={"ai.chat": chat}):
        answer = run_agent(router, "Say hi.", model="auto")
    body = answer.body
    assert (body["success"], body["result"], body["attempts"]) == (True, "hi\n", 2)
    assert llm.requests == []  # the OpenAI-compatible endpoint was not asked
    assert [a["model"] for a in body["history"]] == ["broker-model", "capable-model"]
    first = asked[0]
    assert first["model"] == "fast-model"  # the router's auto rule picks, the broker answers
    assert [m["role"] for m in first["messages"]] == ["system", "user"]
    assert first["messages"][1]["content"] == "Say hi."
    assert "Exit code: 2" in asked[1]["messages"][-1]["content"]


def test_a_broker_error_fails_the_run_with_its_message(router: Router, llm: ScriptedLLM) -> None:
    def chat(params: Any) -> Any:
        raise RpcFault(-32000, "no model available")

    path = router.socket_dir / "hero_aibroker" / "rpc.sock"
    with JsonRpcServer(unix_path=path, handlers={"ai.chat": chat}):
        answer = run_agent(router, "Say hi.")
    assert (answer.status, answer.body["success"]) == (502, False)
    assert answer.body["error"] == (
        "LLM request failed: hero_aibroker: ai.chat: -32000: no model available"
    )
    assert llm.requests == []
