"""The hero AI broker as an LLM provider: JSON-RPC ``ai.chat {model, messages}`` over HTTP/1.1 on
its Unix socket (<socket-dir>/hero_aibroker/rpc.sock)."""

from __future__ import annotations

import json
from pathlib import Path

from router.agent.chat import Completion, LlmError, Message, completion_from_json
from router.upstream import Endpoint, Pool, UpstreamError

__all__ = ["BrokerChat"]

_HEADERS = [(b"content-type", b"application/json")]


class BrokerChat:
    """One ``ai.chat`` request per completion, on a fresh connection (runs are seconds apart)."""

    name = "hero_aibroker"

    def __init__(self, socket_path: Path, timeout: float) -> None:
        self.socket_path = socket_path
        self.timeout = timeout

    async def chat(self, model: str, messages: list[Message]) -> Completion:
        request = {"jsonrpc": "2.0", "id": 1, "method": "ai.chat"}
        body = json.dumps({**request, "params": {"model": model, "messages": messages}}).encode()
        pool = Pool(Endpoint(socket_path=str(self.socket_path)))
        try:
            async with pool.exchange("POST", "/rpc", _HEADERS, body, self.timeout) as answer:
                status, data = answer.status, await answer.read()
        except UpstreamError as error:
            raise LlmError(f"hero_aibroker: {error}") from None
        finally:
            await pool.close()
        try:
            reply = json.loads(data)
        except ValueError:
            raise LlmError(f"hero_aibroker: HTTP {status}, not a JSON-RPC answer") from None
        if not isinstance(reply, dict):
            raise LlmError(f"hero_aibroker: HTTP {status}, not a JSON-RPC answer")
        failure = reply.get("error")
        if isinstance(failure, dict):
            code, message = failure.get("code"), failure.get("message")
            raise LlmError(f"hero_aibroker: ai.chat: {code}: {message}")
        completion = completion_from_json(reply.get("result"), model)
        if completion is None:
            raise LlmError("hero_aibroker: ai.chat answered neither content nor choices")
        return completion
