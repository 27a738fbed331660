"""Agent benchmark: the time an attempt spends outside the LLM (write the run folder, start the
sandbox and uv, run a one-call script, capture, clean up), against the bare floor measured in the
same run: the same script under the same prlimit + setpriv + bubblewrap + uv command line, started
by hand in a prepared folder, its socket the service's own.

    python bench/agent.py [--runs 50]

The LLM is the scripted server answering at once; the router and hero_books are real processes.
Targets: the agent's median per attempt <= 1.2x the floor's median, and <= 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from router.agent.config import AgentConfig
from router.agent.sandbox import Limits, RunDirs, Sandbox, find_uv
from tests.agent.kit import agent_router, fenced, llm_env
from tests.agent.llm_server import ScriptedLLM
from tests.router.kit import Router

SCRIPT = (
    "from hero_books_client import HeroBooksClient\n"
    "print(HeroBooksClient().book_get(name='infra')['title'])\n"
)
EXPECTED = "Infrastructure Guide\n"
RATIO_TARGET, ABSOLUTE_TARGET_MS = 1.2, 100.0
FLOOR_SLOT = AgentConfig().max_runs  # a uid no router slot uses


def agent_attempt(router: Router, llm: ScriptedLLM) -> float:
    """One agent run of one attempt: its milliseconds outside the LLM, as the router measured."""
    llm.script(fenced(SCRIPT))
    body = json.dumps({"prompt": "Title of infra?", "max_retries": 0}).encode()
    reply = router.http("POST", "/hero_books/agent", body)
    answer = reply.json()
    if reply.status != 200 or answer["result"] != EXPECTED:
        raise RuntimeError(f"agent run failed: HTTP {reply.status}: {answer}")
    return float(answer["history"][0]["duration_ms"])


class Floor:
    """The bare command line, in one folder prepared once (script, client, warm uv cache)."""

    def __init__(self, root: Path, router: Router) -> None:
        root.chmod(0o755)  # the floor's uid passes through to the service socket
        (router.socket_dir / "hero_books" / "rpc.sock").chmod(0o666)
        self.dirs = RunDirs(work=root / "floor", sockets=router.socket_dir)
        self.dirs.work.mkdir()
        (self.dirs.work / "script.py").write_text(SCRIPT)
        shutil.copy(router.cache_dir / "hero_books_client.py", self.dirs.work)
        root_uid = os.geteuid() == 0
        config = AgentConfig()
        self.sandbox = Sandbox(
            shutil.which("bwrap"), find_uv(), config.uid_base if root_uid else None
        )
        if root_uid:
            shutil.chown(self.dirs.work, config.uid_base + FLOOR_SLOT, config.uid_base + FLOOR_SLOT)
        limits = Limits(30, config.memory_bytes, config.processes, config.file_bytes)
        self.argv = self.sandbox.command(self.dirs, "script.py", FLOOR_SLOT, limits)
        self.run()  # fills the folder's uv cache, as the router's probe does for its runs

    def run(self) -> float:
        started = time.perf_counter()
        done = subprocess.run(
            self.argv, env=self.sandbox.env(self.dirs), cwd=self.dirs.work, capture_output=True
        )
        elapsed = (time.perf_counter() - started) * 1000
        if done.returncode != 0 or done.stdout.decode() != EXPECTED:
            raise RuntimeError(f"floor run failed ({done.returncode}): {done.stderr.decode()}")
        return elapsed


def summary(name: str, samples: list[float]) -> str:
    quantiles = statistics.quantiles(samples, n=10)
    median = statistics.median(samples)
    return (
        f"{name:<34} median {median:6.1f} ms   p10 {quantiles[0]:6.1f}   p90 {quantiles[-1]:6.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench-agent-"))
    try:
        with (
            ScriptedLLM() as llm,
            agent_router(home, llm_env(llm.url)) as router,
        ):
            floor = Floor(home, router)
            for _ in range(3):  # warm both paths
                agent_attempt(router, llm)
                floor.run()
            floors, agents = [], []
            for index in range(options.runs):
                # Interleaved, so both see the same machine load, and in alternating order: a
                # sandbox start right after another one is slower (namespace teardown lingers).
                if index % 2:
                    agents.append(agent_attempt(router, llm))
                    floors.append(floor.run())
                else:
                    floors.append(floor.run())
                    agents.append(agent_attempt(router, llm))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    floor_ms, agent_ms = statistics.median(floors), statistics.median(agents)
    print(f"agent attempt outside the LLM vs the bare sandbox floor, {options.runs} runs each")
    print(summary("floor (bwrap + uv, by hand)", floors))
    print(summary("agent attempt (router-measured)", agents))
    ratio = agent_ms / floor_ms
    print(
        f"ratio agent/floor: {ratio:.2f}x (target <= {RATIO_TARGET}x): {_verdict(ratio <= RATIO_TARGET)}"
    )
    absolute = f"{agent_ms:.1f} ms (target <= {ABSOLUTE_TARGET_MS:g} ms)"
    print(f"agent attempt: {absolute}: {_verdict(agent_ms <= ABSOLUTE_TARGET_MS)}")


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


if __name__ == "__main__":
    main()
