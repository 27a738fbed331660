"""Server-sent events of POST /<service>/agent/stream: each stage of a run as it happens.

Every event is ``event: <name>`` + ``data: <one JSON object>``; a ``: keep-alive`` comment goes
out after 15 s of silence. In order (``attempt`` counts from 1):

``start``        {service, provider ("openai" | "hero_aibroker"), sandbox ("bubblewrap" | "none")}
``llm_request``  {attempt, model, messages (how many are sent)}
``script``       {attempt, model, llm_ms, script}: the code taken from the reply
``run``          {attempt}: the script starts in the sandbox
``call``         {attempt, method, params_bytes, duration_ms, error}: one call the script made
                 (error: "code: message", the router's refusal, or null)
``output``       one history entry: {attempt, model, script, exit_code, stdout, stderr,
                 duration_ms, llm_ms, calls, error}; after a reply without code it follows
                 llm_request directly, with script "" and exit_code null
``retry``        {attempt (the next one), reason}
``result``       the whole response of POST /<service>/agent (always last, also on failure)
``error``        {message}: the router failed unexpectedly (then nothing follows)

A run that cannot start (no LLM, no sandbox) sends only ``result``. Closing the connection
cancels the run and kills its script.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

__all__ = ["KEEPALIVE_SECONDS", "event_stream", "sse"]

log = logging.getLogger("router.agent")

KEEPALIVE_SECONDS = 15.0
_Item = tuple[str, dict[str, Any]]


def sse(event: str, payload: dict[str, Any]) -> bytes:
    """One server-sent event (JSON has no raw newlines, so ``data`` is one line)."""
    return f"event: {event}\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()


async def event_stream(
    run: Callable[[Callable[[str, dict[str, Any]], None]], Awaitable[dict[str, Any]]],
) -> AsyncIterator[bytes]:
    """The events of ``run(emit)``, then ``result`` with what it returns. Runs it as a task;
    when the stream is closed early the task is cancelled."""
    queue: asyncio.Queue[_Item | None] = asyncio.Queue()

    async def produce() -> None:
        try:
            queue.put_nowait(("result", await run(lambda e, p: queue.put_nowait((e, p)))))
        except Exception:
            log.exception("agent run failed")
            queue.put_nowait(("error", {"message": "internal error: see the router's log"}))
        finally:
            queue.put_nowait(None)

    task = asyncio.create_task(produce())
    try:
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
            except TimeoutError:
                yield b": keep-alive\n\n"
                continue
            if item is None:
                return
            yield sse(*item)
    finally:
        task.cancel()
