"""The agent's doors: POST /<service>/agent (JSON), POST /<service>/agent/stream (server-sent
events, see events.py) and the JSON-RPC method router.agent.run."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from router.agent.events import event_stream
from router.agent.loop import Agent, NoClient, Target, UnknownService
from router.agent.request import AgentRequest, BadRequest, request_from_json
from router.jsonrpc import InvalidParams, Json, Method, ParamSpec, RpcError
from router.registry import is_service_name
from router.routes import json_error
from router.rpc import NO_CLIENT, UNKNOWN_SERVICE

__all__ = ["agent_method", "agent_routes"]

_SSE_HEADERS = {"cache-control": "no-cache", "x-accel-buffering": "no"}


def _ignore(event: str, payload: dict[str, Any]) -> None:
    pass


def agent_routes(agent: Agent) -> list[BaseRoute]:
    async def run(request: Request) -> Response:
        checked = await _checked(agent, request)
        if isinstance(checked, Response):
            return checked
        outcome = await agent.run(*checked, _ignore)
        return JSONResponse(outcome.result.as_json(), status_code=outcome.status)

    async def stream(request: Request) -> Response:
        checked = await _checked(agent, request)
        if isinstance(checked, Response):
            return checked
        target, agent_request = checked

        async def events(emit: Any) -> dict[str, Any]:
            return (await agent.run(target, agent_request, emit)).result.as_json()

        return StreamingResponse(
            event_stream(events), media_type="text/event-stream", headers=_SSE_HEADERS
        )

    return [
        Route("/{service}/agent", run, methods=["POST"]),
        Route("/{service}/agent/stream", stream, methods=["POST"]),
    ]


async def _checked(agent: Agent, request: Request) -> tuple[Target, AgentRequest] | Response:
    """The target and the request, or the JSON error response that says what is wrong."""
    service = request.path_params["service"]
    if not is_service_name(service):
        return json_error(400, f"invalid service name: {service[:80]!r}")
    try:
        body = json.loads(await request.body())
    except (ValueError, RecursionError):
        return json_error(400, "the body must be a JSON object")
    if not isinstance(body, dict):
        return json_error(400, "the body must be a JSON object")
    try:
        return agent.target(service), request_from_json(body)
    except BadRequest as error:
        return json_error(400, str(error))
    except UnknownService as error:
        return json_error(404, str(error))
    except NoClient as error:
        return json_error(503, str(error))


def _service_name(value: Json) -> str | None:
    return None if is_service_name(value) else "not a service name ([a-z][a-z0-9_]{0,63})"


_PARAMS = (
    ParamSpec("service", required=True, types=("string",), check=_service_name),
    ParamSpec("prompt", required=True, types=("string",)),
    ParamSpec("max_retries", types=("integer",)),
    ParamSpec("model", types=("string",)),
    ParamSpec("timeout_s", types=("number",)),
)


def agent_method(agent: Agent) -> Method:
    """router.agent.run {service, prompt, max_retries?, model?, timeout_s?}: the same result as
    POST /<service>/agent (success false included); unknown services and services without a
    client are JSON-RPC errors, as for router.python_client."""

    async def handler(params: dict[str, Json]) -> Json:
        service = params.pop("service")
        try:
            agent_request = request_from_json(params)
            target = agent.target(service)
        except BadRequest as error:
            raise InvalidParams(error.field, error.problem) from None
        except UnknownService as error:
            raise RpcError(UNKNOWN_SERVICE, str(error), {"service": service}) from None
        except NoClient as error:
            raise RpcError(NO_CLIENT, str(error), {"service": service}) from None
        return (await agent.run(target, agent_request, _ignore)).result.as_json()

    return Method("router.agent.run", handler, _PARAMS)
