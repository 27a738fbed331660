"""The agent loop through a real router: LLM reply -> script -> sandboxed run against hero_books ->
retry with the error, as POST /<service>/agent and router.agent.run answer it."""

from __future__ import annotations

import json
import os

from tests.agent.kit import (
    CAPABLE_MODEL,
    FAST_MODEL,
    UID_BASE,
    fenced,
    processes_of,
    run_agent,
    with_client,
)
from tests.agent.llm_server import Reply, ScriptedLLM
from tests.router.kit import Router, rpc_body

LIST_TITLES = "print(sorted(b['title'] for b in client.book_list()['books']))\n"
TITLES = "['Collected Poems', 'Infrastructure Guide', 'Operations Handbook']\n"


def test_a_working_first_script_answers_with_its_output(router: Router, llm: ScriptedLLM) -> None:
    llm.script(with_client(LIST_TITLES))
    answer = run_agent(router, "List the titles of all books.")
    assert answer.status == 200
    body = answer.body
    assert (body["success"], body["error"], body["attempts"]) == (True, None, 1)
    assert body["result"] == TITLES
    assert body["script"].startswith("from hero_books_client import HeroBooksClient\n")
    assert body["sandbox"] == "bubblewrap" and body["warning"] is None
    assert body["usage"] == {"input_tokens": 11, "output_tokens": 7}
    [attempt] = answer.history
    assert (attempt["exit_code"], attempt["stdout"], attempt["error"]) == (0, TITLES, None)
    assert [call["method"] for call in attempt["calls"]] == ["book.list"]
    assert attempt["calls"][0]["error"] is None
    assert 0 < attempt["duration_ms"] < body["duration_ms"]


def test_the_system_prompt_carries_the_interface_import_line_and_constructor(
    router: Router, llm: ScriptedLLM
) -> None:
    llm.script(with_client(LIST_TITLES))
    run_agent(router, "List the titles of all books.")
    [request] = llm.requests
    system, user = request["messages"]
    assert system["role"] == "system" and user == {
        "role": "user",
        "content": "List the titles of all books.",
    }
    assert "from hero_books_client import HeroBooksClient" in system["content"]
    assert "client = HeroBooksClient()" in system["content"]
    assert "def book_search(" in system["content"]  # the interface file itself
    assert "stdout" in system["content"] and "no network" in system["content"]


def test_a_failing_script_is_sent_back_with_its_error_and_the_fix_succeeds(
    router: Router, llm: ScriptedLLM
) -> None:
    broken = with_client("print(client.book_get(name='no-such-book'))\n")
    llm.script(broken, with_client(LIST_TITLES))
    answer = run_agent(router, "List the titles of all books.")
    body = answer.body
    assert (body["success"], body["attempts"], body["result"]) == (True, 2, TITLES)
    first, second = answer.history
    assert first["exit_code"] == 1 and "BookNotFoundError" in first["stderr"]
    assert first["error"] == "the script exited with code 1"
    assert first["calls"][0]["method"] == "book.get" and "-32004" in first["calls"][0]["error"]
    assert second["exit_code"] == 0
    retry = llm.requests[1]["messages"]
    assert [m["role"] for m in retry] == ["system", "user", "assistant", "user"]
    assert retry[2]["content"] == broken
    fix = retry[3]["content"]
    assert fix.startswith("The script failed with this error. Fix it and return the corrected")
    assert "BookNotFoundError" in fix and "Exit code: 1" in fix and "no-such-book" in fix


def test_a_script_never_fixed_fails_after_max_retries_plus_one_attempts(
    router: Router, llm: ScriptedLLM
) -> None:
    llm.script(*[fenced("raise SystemExit('still broken')\n")] * 3)
    answer = run_agent(router, "Do the impossible.", max_retries=2)
    body = answer.body
    assert answer.status == 200
    assert (body["success"], body["attempts"], len(llm.requests)) == (False, 3, 3)
    assert body["error"] == "no working script after 3 attempts: the script exited with code 1"
    assert [a["attempt"] for a in answer.history] == [1, 2, 3]
    assert all("still broken" in a["stderr"] for a in answer.history)
    assert body["usage"] == {"input_tokens": 33, "output_tokens": 21}


def test_max_retries_zero_means_one_attempt(router: Router, llm: ScriptedLLM) -> None:
    llm.script(fenced("print('')\n"), fenced("print('unused')\n"))
    answer = run_agent(router, "Print nothing.", max_retries=0)
    assert (answer.body["success"], answer.body["attempts"], len(llm.requests)) == (False, 1, 1)
    assert answer.history[0]["error"] == "the script printed nothing"


def test_a_reply_without_code_is_answered_with_a_request_for_code(
    router: Router, llm: ScriptedLLM
) -> None:
    llm.script("I would list the books, then print them.", "print(6 * 7)")
    answer = run_agent(router, "What is six times seven?")
    body = answer.body
    assert (body["success"], body["result"], body["attempts"]) == (True, "42\n", 2)
    no_code = answer.history[0]
    assert (no_code["script"], no_code["exit_code"]) == ("", None)
    assert no_code["error"] == "the reply holds no Python code that parses"
    assert "no Python script" in llm.requests[1]["messages"][-1]["content"]


def test_a_script_past_its_timeout_is_killed_with_its_children(
    router: Router, llm: ScriptedLLM
) -> None:
    code = "import subprocess, time\nsubprocess.Popen(['sleep', '60'])\nprint('started')\ntime.sleep(60)\n"
    llm.script(fenced(code))
    answer = run_agent(router, "Wait.", max_retries=0, timeout_s=1)
    [attempt] = answer.history
    assert answer.body["success"] is False
    assert attempt["error"] == "the script did not finish within 1 s"
    assert attempt["exit_code"] == -9 and attempt["stdout"] == "started\n"
    assert "[hero_router: killed after the 1 s wall timeout]" in attempt["stderr"]
    assert 1000 <= attempt["duration_ms"] < 5000
    if os.geteuid() == 0:  # scripts run as the slots' own uids
        assert [processes_of(UID_BASE + slot) for slot in range(2)] == [[], []]


def test_model_auto_picks_the_fast_model_first_and_escalates_on_retry(
    router: Router, llm: ScriptedLLM
) -> None:
    llm.script(fenced("raise ValueError('first try')\n"), Reply(fenced("print('ok')\n"), model="x"))
    answer = run_agent(router, "Say ok.")
    assert [request["model"] for request in llm.requests] == [FAST_MODEL, CAPABLE_MODEL]
    assert answer.body["model"] == "x"  # the model the last reply named
    llm.reset()
    llm.script(fenced("print('ok')\n"))
    run_agent(router, "Say ok.\nThen think about it for a long, long time.")
    assert llm.requests[0]["model"] == CAPABLE_MODEL
    llm.reset()
    llm.script(fenced("print('ok')\n"))
    run_agent(router, "Say ok.", model="my-model")
    assert llm.requests[0]["model"] == "my-model"


def test_the_llm_is_retried_once_on_a_server_error(router: Router, llm: ScriptedLLM) -> None:
    quick = {"retry-after-ms": "10"}
    llm.script(Reply("overloaded", status=503, headers=quick), fenced("print('ok')\n"))
    assert run_agent(router, "Say ok.").body["success"] is True
    assert len(llm.requests) == 2
    assert llm.headers[0]["authorization"] == "Bearer sk-test-secret-0123456789"
    llm.reset()
    llm.script(*[Reply("overloaded", status=503, headers=quick)] * 2)
    answer = run_agent(router, "Say ok.")
    assert answer.status == 502 and answer.body["success"] is False
    assert answer.body["error"].startswith("LLM request failed: ")
    assert "HTTP 503" in answer.body["error"] and "overloaded" in answer.body["error"]


def test_router_agent_run_answers_the_same_over_json_rpc(router: Router, llm: ScriptedLLM) -> None:
    llm.script(with_client(LIST_TITLES))
    result = router.result("router.agent.run", {"service": "hero_books", "prompt": "Titles?"})
    assert (result["success"], result["result"], result["attempts"]) == (True, TITLES, 1)
    over_socket = router.unix(
        "POST", "/rpc", rpc_body("router.agent.run", {"service": "nope", "prompt": "x"})
    ).json()
    assert over_socket["error"]["code"] == -32001
    assert over_socket["error"]["message"] == "unknown service: nope"
    bad = router.rpc(
        "router.agent.run", {"service": "hero_books", "prompt": "x", "max_retries": 99}
    )
    assert bad["error"]["code"] == -32602 and "'max_retries'" in bad["error"]["message"]
    bad_name = router.rpc("router.agent.run", {"service": "../etc", "prompt": "x"})
    assert bad_name["error"]["code"] == -32602 and "'service'" in bad_name["error"]["message"]
    missing = router.rpc("router.agent.run", {"service": "hero_books"})
    assert missing["error"]["code"] == -32602 and "'prompt'" in missing["error"]["message"]


def test_bad_requests_are_json_errors_with_the_right_status(router: Router) -> None:
    def post(path: str, body: bytes) -> tuple[int, str]:
        reply = router.http("POST", path, body)
        return reply.status, reply.json()["error"]["message"]

    ok = json.dumps({"prompt": "x"}).encode()
    assert post("/nope/agent", ok) == (404, "unknown service: nope")
    assert post("/Bad.Name/agent", ok)[0] == 400
    assert post("/hero_books/agent", b"[1]") == (400, "the body must be a JSON object")
    assert post("/hero_books/agent", b"{") == (400, "the body must be a JSON object")
    status, message = post("/hero_books/agent", json.dumps({"prompt": ""}).encode())
    assert (status, message) == (400, "invalid param 'prompt': required: a non-empty string")
    status, message = post(
        "/hero_books/agent", json.dumps({"prompt": "x", "timeout_s": 0}).encode()
    )
    assert status == 400 and "'timeout_s'" in message
    status, message = post("/hero_books/agent", json.dumps({"prompt": "x", "colour": 1}).encode())
    assert (status, message) == (400, "invalid param 'colour': not a field of an agent request")
