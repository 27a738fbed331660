"""Concurrent agent runs through the real router (max_runs 2, queue_timeout 2 s): they run two
at a time, each as its slot's uid; the rest wait their turn, or give up after the queue timeout."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

from tests.agent.kit import Answer, fenced, run_agent, with_client
from tests.agent.llm_server import ScriptedLLM
from tests.router.kit import Router


def test_concurrent_runs_take_turns_two_at_a_time(router: Router, llm: ScriptedLLM) -> None:
    code = "import os, time\ntime.sleep(0.5)\nprint(os.getuid(), client.book_get(name='ops')['title'])\n"
    llm.script(*[with_client(code)] * 4)
    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda i: run_agent(router, f"Run {i}."), range(4)))
    elapsed = time.monotonic() - started
    assert all(a.status == 200 and a.body["success"] for a in answers), answers
    assert {a.body["result"].split()[1:] == ["Operations", "Handbook"] for a in answers} == {True}
    assert elapsed >= 1.0  # two waves of 0.5 s scripts
    if os.geteuid() == 0:
        uids = {int(a.body["result"].split()[0]) for a in answers}
        assert uids == {61000, 61001}


def test_a_run_waiting_past_the_queue_timeout_is_refused(router: Router, llm: ScriptedLLM) -> None:
    llm.script(*[fenced("import time\ntime.sleep(3)\nprint('done')\n")] * 3)

    def run(index: int) -> Answer:
        time.sleep(0.3 * (index == 2))  # the third comes last, into a full house
        return run_agent(router, f"Run {index}.", max_retries=0)

    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(run, range(3)))
    assert [a.body["success"] for a in answers[:2]] == [True, True]
    busy = answers[2]
    assert (busy.status, busy.body["success"]) == (503, False)
    assert busy.body["error"] == "busy: 2 scripts are running and none finished within 2 s"
