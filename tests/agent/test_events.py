"""POST /<service>/agent/stream through the real router: each stage as a server-sent event, the
final result last."""

from __future__ import annotations

import http.client
import json
import os
import time

from tests.agent.kit import UID_BASE, fenced, processes_of, run_agent, stream_agent, with_client
from tests.agent.llm_server import ScriptedLLM
from tests.router.kit import Router, wait_for


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


def test_closing_the_stream_cancels_the_run_and_kills_its_script(
    router: Router, llm: ScriptedLLM
) -> None:
    llm.script(fenced("import time\nprint('working', flush=True)\ntime.sleep(30)\n"))
    connection = http.client.HTTPConnection("127.0.0.1", router.port, timeout=30)
    body = json.dumps({"prompt": "Work for a while.", "timeout_s": 30})
    connection.request(
        "POST", "/hero_books/agent/stream", body, {"content-type": "application/json"}
    )
    response = connection.getresponse()
    seen = b""
    while b"event: run" not in seen:
        seen += response.read1(65536)
    time.sleep(0.3)  # the script is running now
    connection.close()
    if os.geteuid() == 0:
        wait_for(
            lambda: [processes_of(UID_BASE + slot) for slot in range(2)] == [[], []],
            timeout=5,
            what="the script to be killed",
        )
    llm.script(fenced("print('next')\n"))
    assert run_agent(router, "Next.").body["result"] == "next\n"
