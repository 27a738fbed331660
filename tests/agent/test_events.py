"""POST /<service>/agent/stream through the real router: each stage as a server-sent event, the
final result last."""

from __future__ import annotations

import json

from tests.agent.kit import fenced, stream_agent, with_client
from tests.agent.llm_server import ScriptedLLM
from tests.router.kit import Router


def test_a_run_streams_every_stage_then_the_result(router: Router, llm: ScriptedLLM) -> None:
    llm.script(
        fenced("raise ValueError('nope')\n"),
        with_client("print(client.book_get(name='ops')['title'])\n"),
    )
    events = stream_agent(router, "Title of ops?")
    names = [name for name, _ in events]
    assert names == [
        "start",
        *("llm_request", "script", "run", "output", "retry"),
        *("llm_request", "script", "run", "call", "output"),
        "result",
    ]
    payloads = dict(events[:2]) | {"retry": events[5][1], "call": events[9][1]}
    assert payloads["start"] == {
        "service": "hero_books",
        "provider": "openai",
        "sandbox": "bubblewrap",
    }
    assert payloads["llm_request"] == {"attempt": 1, "model": "fast-model", "messages": 2}
    assert events[2][1]["script"] == "raise ValueError('nope')\n"
    assert events[4][1]["exit_code"] == 1 and "ValueError: nope" in events[4][1]["stderr"]
    assert payloads["retry"] == {"attempt": 2, "reason": "the script exited with code 1"}
    assert payloads["call"]["method"] == "book.get" and payloads["call"]["error"] is None
    result = events[-1][1]
    assert (result["success"], result["result"], result["attempts"]) == (
        True,
        "Operations Handbook\n",
        2,
    )
    assert result["history"][1] == events[10][1]  # the output event is the history entry


def test_a_bad_request_is_a_json_error_not_a_stream(router: Router) -> None:
    reply = router.http("POST", "/hero_books/agent/stream", json.dumps({"prompt": ""}).encode())
    assert (reply.status, reply.headers["content-type"]) == (400, "application/json")
    assert (
        reply.json()["error"]["message"] == "invalid param 'prompt': required: a non-empty string"
    )
    assert router.http("POST", "/nope/agent/stream", b'{"prompt": "x"}').status == 404
