"""LLM providers: the hero_aibroker socket when it exists, else an OpenAI-compatible endpoint via the
official SDK (HERO_ROUTER_LLM_* variables), else LlmUnavailable; and the model "auto" rule."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from router.agent.broker import BrokerChat
from router.agent.chat import Completion, LlmError, Message

if TYPE_CHECKING:
    from openai import AsyncOpenAI
    from openai.types.chat import ChatCompletionMessageParam

__all__ = ["Chat", "Llm", "LlmSettings", "LlmUnavailable", "OpenAIChat", "choose_model"]

log = logging.getLogger("router.agent")

DEFAULT_TIMEOUT = 120.0
_SIMPLE_PROMPT_CHARS = 240


class LlmUnavailable(LlmError):
    """No provider is configured; the message names what to set."""


class Chat(Protocol):
    name: str

    async def chat(self, model: str, messages: list[Message]) -> Completion: ...


@dataclass(frozen=True, slots=True)
class LlmSettings:
    """The OpenAI-compatible endpoint, from the environment (read once, at startup)."""

    url: str | None = None
    api_key: str | None = None
    model: str | None = None
    fast_model: str | None = None
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> LlmSettings:
        def get(name: str) -> str | None:
            return env.get(name, "").strip() or None

        return cls(
            url=get("HERO_ROUTER_LLM_URL"),
            api_key=get("HERO_ROUTER_LLM_API_KEY") or get("OPENAI_API_KEY"),
            model=get("HERO_ROUTER_LLM_MODEL"),
            fast_model=get("HERO_ROUTER_LLM_FAST_MODEL"),
            timeout=_seconds(get("HERO_ROUTER_LLM_TIMEOUT")),
        )

    @property
    def configured(self) -> bool:
        return self.url is not None or self.api_key is not None


def _seconds(text: str | None) -> float:
    try:
        seconds = float(text) if text else DEFAULT_TIMEOUT
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        log.warning(
            "HERO_ROUTER_LLM_TIMEOUT=%r is not a number of seconds: using %g", text, DEFAULT_TIMEOUT
        )
        return DEFAULT_TIMEOUT
    return seconds


def choose_model(requested: str, prompt: str, attempt: int, settings: LlmSettings) -> str | None:
    """A named model is used as given. ``auto``: the fast model for a short, one-line prompt on
    the first attempt, the capable one otherwise (so retries escalate); either when only one is
    set; None when neither is."""
    if requested != "auto":
        return requested
    simple = len(prompt) <= _SIMPLE_PROMPT_CHARS and "\n" not in prompt.strip()
    if attempt == 1 and simple and settings.fast_model:
        return settings.fast_model
    return settings.model or settings.fast_model


_UNCONFIGURED = (
    "no LLM configured: start hero_aibroker (socket {socket}) or set HERO_ROUTER_LLM_URL "
    "(an OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1) and/or "
    "HERO_ROUTER_LLM_API_KEY (or OPENAI_API_KEY), with HERO_ROUTER_LLM_MODEL "
    '(and HERO_ROUTER_LLM_FAST_MODEL for model "auto")'
)


class Llm:
    """Picks the provider for each run: the broker while its socket exists, else the SDK."""

    def __init__(self, settings: LlmSettings, broker_socket: Path) -> None:
        self.settings = settings
        self.broker_socket = broker_socket
        self._openai: OpenAIChat | None = None

    def provider(self) -> Chat:
        """The provider to use now; LlmUnavailable when there is none."""
        if self.broker_socket.exists():
            return BrokerChat(self.broker_socket, self.settings.timeout)
        if not self.settings.configured:
            raise LlmUnavailable(_UNCONFIGURED.format(socket=self.broker_socket))
        if self._openai is None:
            self._openai = OpenAIChat(self.settings)
        return self._openai

    async def warm(self) -> None:
        """Make the SDK client now, when it is the provider runs will use."""
        if self.settings.configured and not self.broker_socket.exists():
            provider = self.provider()
            assert isinstance(provider, OpenAIChat)
            try:
                await provider.client()
            except Exception as error:  # the first run reports it, with its context
                log.warning("agent: the OpenAI client cannot be made: %s", error)

    def model(self, chat: Chat, requested: str, prompt: str, attempt: int) -> str:
        chosen = choose_model(requested, prompt, attempt, self.settings)
        if chosen is not None:
            return chosen
        if isinstance(chat, BrokerChat):
            return "auto"  # the broker has its own "auto"
        raise LlmUnavailable("no model configured: set HERO_ROUTER_LLM_MODEL (or pass model)")

    async def close(self) -> None:
        if self._openai is not None:
            await self._openai.close()


class OpenAIChat:
    """Chat completions through the official SDK: the configured timeout, one retry on 429 and
    5xx (the SDK's own, honouring Retry-After)."""

    name = "openai"

    def __init__(self, settings: LlmSettings) -> None:
        self.settings = settings
        self.where = settings.url or "the OpenAI API"
        self._client: asyncio.Future[AsyncOpenAI] | None = None

    def client(self) -> asyncio.Future[AsyncOpenAI]:
        """The SDK client, made in a thread: importing the SDK takes most of a second."""
        if self._client is None:
            self._client = asyncio.ensure_future(asyncio.to_thread(self._make_client))
        return self._client

    async def chat(self, model: str, messages: list[Message]) -> Completion:
        import openai

        try:
            client = await self.client()
        except Exception as error:  # e.g. a base URL the SDK refuses
            raise LlmError(f"{self.where}: no client: {error}") from None
        try:
            reply = await client.chat.completions.create(
                model=model, messages=cast("list[ChatCompletionMessageParam]", messages)
            )
        except openai.APITimeoutError:
            raise LlmError(f"{self.where}: no answer within {self.settings.timeout:g} s") from None
        except openai.APIStatusError as error:
            raise LlmError(f"{self.where}: HTTP {error.status_code}: {error.message}") from None
        except openai.APIConnectionError as error:
            raise LlmError(f"{self.where}: cannot connect: {error.__cause__ or error}") from None
        except openai.OpenAIError as error:  # e.g. a reply that is not a chat completion
            raise LlmError(f"{self.where}: {error}") from None
        if not reply.choices:
            raise LlmError(f"{self.where}: the reply has no choices")
        usage = reply.usage
        return Completion(
            text=reply.choices[0].message.content or "",
            model=reply.model or model,
            input_tokens=usage.prompt_tokens if usage else None,
            output_tokens=usage.completion_tokens if usage else None,
        )

    def _make_client(self) -> AsyncOpenAI:
        from openai import AsyncOpenAI

        return AsyncOpenAI(
            base_url=self.settings.url,
            # Local servers (Ollama, llama.cpp) take no key, but the SDK insists on one.
            api_key=self.settings.api_key or "no-key",
            timeout=self.settings.timeout,
            max_retries=1,
        )

    async def close(self) -> None:
        if self._client is not None and self._client.done() and not self._client.exception():
            await self._client.result().close()
