"""The run's socket, through the real router: the only way to the service; every call is logged
(method, params size, duration, error), batches too; methods the policy denies are refused."""

from __future__ import annotations

from tests.agent.kit import run_agent, with_client
from tests.agent.llm_server import ScriptedLLM
from tests.router.kit import Router


def test_every_call_is_logged_with_its_size_and_error(router: Router, llm: ScriptedLLM) -> None:
    code = """
print(client.book_get(name='ops')['title'])
try:
    client.book_get(name='missing')
except Exception as error:
    print(type(error).__name__)
with client.batch() as batch:
    first = batch.book_get(name='infra')
    second = batch.chapter_get(book='infra', index=999)
print(first.result()['title'])
"""
    llm.script(with_client(code))
    answer = run_agent(router, "Look around.")
    assert answer.body["success"], answer.body
    assert answer.body["result"].splitlines() == [
        "Operations Handbook",
        "BookNotFoundError",
        "Infrastructure Guide",
    ]
    calls = answer.history[0]["calls"]
    assert [call["method"] for call in calls] == ["book.get", "book.get", "book.get", "chapter.get"]
    assert calls[0]["error"] is None and calls[0]["params_bytes"] == len(
        '{"name":"ops","workspace":"default"}'
    )
    assert calls[1]["error"].startswith("-32004: ")
    assert calls[2]["error"] is None and calls[3]["error"].startswith("-32005: ")
    assert calls[2]["duration_ms"] == calls[3]["duration_ms"] > 0  # one batch, one exchange


def test_a_denied_method_is_refused_and_never_reaches_the_service(
    router: Router, llm: ScriptedLLM
) -> None:
    code = """
try:
    client.book_delete(name='poems')
except Exception as error:
    print(type(error).__name__, error.code, error.message)
print(len(client.book_list()['books']))
"""
    llm.script(with_client(code))
    answer = run_agent(router, "Delete the poems.")
    refusal, count = answer.body["result"].splitlines()
    assert refusal == (
        "RpcError -32003 book.delete is refused for agent scripts by the router's policy"
    )
    assert count == "3"  # the poems are still there
    first = answer.history[0]["calls"][0]
    assert first["method"] == "book.delete"
    assert first["error"] == "book.delete is refused for agent scripts by the router's policy"
