"""The agent loop: prompt -> LLM -> script -> sandboxed run -> on failure the error goes back to the
LLM, up to max_retries more times; every stage is reported to an ``emit`` callback as it happens."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from router.agent.chat import Completion, LlmError, Message
from router.agent.executor import Execution, Executor, SandboxUnavailable
from router.agent.llm import Chat, Llm, LlmSettings, LlmUnavailable
from router.agent.prompt import (
    ClientNames,
    extract_code,
    no_code_message,
    retry_message,
    system_prompt,
)
from router.agent.request import AgentRequest
from router.agent.result import AgentResult, Attempt, Call, Usage
from router.agent.workspace import Busy
from router.cache import Cache
from router.registry import Registry
from router.settings import Settings
from router.upstream import Endpoint

__all__ = ["Agent", "Emit", "NoClient", "Outcome", "Target", "UnknownService", "build_agent"]

log = logging.getLogger("router.agent")

Emit = Callable[[str, dict[str, Any]], None]
"""``emit(event, payload)``: see router/agent/events.py for the events."""


class UnknownService(Exception):
    """No service of that name is known."""


class NoClient(Exception):
    """The service is known but has no generated client (yet)."""


@dataclass(frozen=True, slots=True)
class Target:
    """What a run needs of its service: where it listens and its generated files."""

    service: str
    endpoint: Endpoint
    client: tuple[str, bytes]
    interface: str
    names: ClientNames


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result and the HTTP status it goes out with (200 once attempts ran; 502 when the LLM
    failed; 503 when no LLM is configured, the sandbox is unavailable or all slots stayed busy;
    500 when the run's folder or socket could not be made)."""

    result: AgentResult
    status: int


@dataclass(slots=True)
class _Run:
    target: Target
    request: AgentRequest
    sandbox: str
    warning: str | None
    started: float = field(default_factory=time.perf_counter)
    history: list[Attempt] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    model: str = ""

    def outcome(self, error: str | None, status: int = 200) -> Outcome:
        last = self.history[-1] if self.history else None
        result = AgentResult(
            success=error is None,
            service=self.target.service,
            result=last.stdout if last else "",
            script=last.script if last else "",
            attempts=len(self.history),
            duration_ms=(time.perf_counter() - self.started) * 1000,
            error=error,
            model=self.model or self.request.model,
            usage=self.usage,
            sandbox=self.sandbox,
            history=tuple(self.history),
            warning=self.warning,
        )
        return Outcome(result, status)


def build_agent(settings: Settings, registry: Registry, cache: Cache) -> Agent:
    """The agent, its LLM configured from the environment (read now)."""
    broker = settings.socket_dir / "hero_aibroker" / "rpc.sock"
    llm = Llm(LlmSettings.from_env(), broker)
    return Agent(llm, Executor(settings.agent), registry, cache)


class Agent:
    """Runs agent requests against the router's services."""

    def __init__(self, llm: Llm, executor: Executor, registry: Registry, cache: Cache) -> None:
        self.llm = llm
        self.executor = executor
        self.registry = registry
        self.cache = cache
        self._warming: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Probe the sandbox and make the LLM client in the background (on the running loop)."""
        self.executor.start()
        self._warming = asyncio.create_task(self.llm.warm())

    async def close(self) -> None:
        if self._warming is not None:
            self._warming.cancel()
        await self.executor.close()
        await self.llm.close()

    def target(self, service: str) -> Target:
        """The service's target; UnknownService or NoClient when it has none."""
        record = self.registry.get(service)
        entry = self.cache.get(service)
        if record is None:
            raise UnknownService(f"unknown service: {service}")
        if entry is None:
            raise NoClient(f"no client for {service} yet: {record.status}: {record.message}")
        return Target(
            service=service,
            endpoint=record.endpoint,
            client=(entry.filename("client"), entry.client),
            interface=entry.interface.decode(),
            names=ClientNames(f"{service}_client", entry.client_class),
        )

    async def run(self, target: Target, request: AgentRequest, emit: Emit) -> Outcome:
        run = _Run(target, request, "unavailable", None)
        try:
            sandbox = await self.executor.ready()
            run.sandbox = "bubblewrap" if sandbox.bwrap else "none"
            run.warning = self.executor.warning
            chat = self.llm.provider()
        except (LlmUnavailable, SandboxUnavailable) as error:
            return run.outcome(str(error), 503)
        emit("start", {"service": target.service, "provider": chat.name, "sandbox": run.sandbox})
        base: list[Message] = [
            {
                "role": "system",
                "content": system_prompt(target.service, target.interface, target.names),
            },
            {"role": "user", "content": request.prompt},
        ]
        messages = base
        for attempt in range(1, request.max_retries + 2):
            try:
                followup = await self._attempt(run, chat, attempt, messages, emit)
            except LlmError as error:
                return run.outcome(f"LLM request failed: {error}", 502)
            except Busy as error:
                return run.outcome(str(error), 503)
            except OSError as error:  # the run folder or socket could not be made
                log.error("agent: a run could not start: %s", error)
                return run.outcome(f"the script could not be started: {error}", 500)
            if followup is None:
                return run.outcome(None)
            messages = [*base, *followup]
            if attempt <= request.max_retries:
                emit("retry", {"attempt": attempt + 1, "reason": run.history[-1].error})
        attempts = len(run.history)
        return run.outcome(f"no working script after {attempts} attempts: {run.history[-1].error}")

    async def _attempt(
        self, run: _Run, chat: Chat, attempt: int, messages: list[Message], emit: Emit
    ) -> list[Message] | None:
        """One attempt; None when it succeeded, else the messages that ask for a fix."""
        reply, llm_ms = await self._ask(run, chat, attempt, messages, emit)
        started = time.perf_counter()
        answer: Message = {"role": "assistant", "content": reply.text}
        script = extract_code(reply.text)
        if script is None:
            entry = Attempt(attempt, reply.model, "", None, "", "", 0.0, llm_ms, (), _NO_CODE)
            followup: str | None = no_code_message()
        else:
            script_event = {"attempt": attempt, "model": reply.model, "llm_ms": llm_ms}
            emit("script", {**script_event, "script": script})
            execution = await self._execute(run.target, attempt, script, run.request, emit)
            problem = _problem(execution, run.request.timeout_s)
            entry = Attempt(
                attempt=attempt,
                model=reply.model,
                script=script,
                exit_code=execution.exit_code,
                stdout=execution.stdout,
                stderr=execution.stderr,
                duration_ms=(time.perf_counter() - started) * 1000,
                llm_ms=llm_ms,
                calls=execution.calls,
                error=problem,
            )
            followup = problem and retry_message(
                script, execution.exit_code, execution.stderr, problem
            )
        run.history.append(entry)
        emit("output", entry.as_json())
        return None if followup is None else [answer, {"role": "user", "content": followup}]

    async def _ask(
        self, run: _Run, chat: Chat, attempt: int, messages: list[Message], emit: Emit
    ) -> tuple[Completion, float]:
        """The LLM's reply and the milliseconds it took."""
        model = self.llm.model(chat, run.request.model, run.request.prompt, attempt)
        emit("llm_request", {"attempt": attempt, "model": model, "messages": len(messages)})
        asked = time.perf_counter()
        reply = await chat.chat(model, messages)
        run.model = reply.model
        run.usage = run.usage.plus(reply.input_tokens, reply.output_tokens)
        return reply, (time.perf_counter() - asked) * 1000

    async def _execute(
        self, target: Target, attempt: int, script: str, request: AgentRequest, emit: Emit
    ) -> Execution:
        emit("run", {"attempt": attempt})

        def on_call(call: Call) -> None:
            emit("call", {"attempt": attempt, **asdict(call)})

        return await self.executor.execute(
            target.service, target.endpoint, target.client, script, request.timeout_s, on_call
        )


_NO_CODE = "the reply holds no Python code that parses"


def _problem(execution: Execution, timeout: float) -> str | None:
    if execution.timed_out:
        return f"the script did not finish within {timeout:g} s"
    if execution.exit_code != 0:
        return f"the script exited with code {execution.exit_code}"
    if not execution.stdout.strip():
        return "the script printed nothing"
    return None
