"""JSON-RPC 2.0 envelopes: params and request bodies out; results, errors, batch outcomes back.

Pure functions over bytes, shared by the sync and async clients and by batches.
"""

from __future__ import annotations

import json
import json.scanner
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

from .errors import RpcError, TransportError, _error_from_response

_Params: TypeAlias = "dict[str, Any] | list[Any] | None"
_Declared: TypeAlias = "Mapping[int, type[RpcError]]"


def _json_default(value: Any) -> Any:
    """Objects the json module cannot encode: models with ``model_dump`` (pydantic) by alias."""
    dump = getattr(value, "model_dump", None)
    if dump is None:
        raise TypeError(f"cannot send a {type(value).__name__} as JSON")
    return dump(mode="json", by_alias=True, exclude_unset=True)


# default= is only called for what JSON has no encoding for: the common path stays in C.
_json_text = json.JSONEncoder(separators=(",", ":"), default=_json_default).encode
# json.loads without its per-call detours (encoding detection, whitespace regexes): about half
# the cost; anything unusual (leading whitespace, UTF-16, errors) goes the json.loads way.
# The ignore: typeshed wants the scanner's own type for the context; CPython takes a decoder.
_json_scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
_SHOWN_LIMIT = 200


def _named(required: dict[str, Any], optional: dict[str, Any]) -> dict[str, Any]:
    """Params by name: ``required`` as given, plus the ``optional`` entries that are not None."""
    given = {name: value for name, value in optional.items() if value is not None}
    return {**required, **given} if given else required


def _positional(values: list[Any], required: int) -> list[Any]:
    """Params by position: ``values`` without the trailing Nones after the first ``required``."""
    end = len(values)
    while end > required and values[end - 1] is None:
        end -= 1
    return values[:end]


def _request_body(req_id: int, method: str, params: _Params) -> bytes:
    """One request as JSON bytes; ``params`` left out when None."""
    if params is None:
        return _json_text({"jsonrpc": "2.0", "id": req_id, "method": method}).encode()
    return _json_text({"jsonrpc": "2.0", "id": req_id, "method": method, "params": params}).encode()


def _notification_body(method: str, params: _Params) -> bytes:
    """One notification (a request without id, answered with no result) as JSON bytes."""
    return _json_text(_request_object(None, method, params)).encode()


def _request_object(req_id: int | None, method: str, params: _Params) -> dict[str, Any]:
    """A request object; a notification (no id) when ``req_id`` is None."""
    request: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
    if req_id is not None:
        request["id"] = req_id
    if params is not None:
        request["params"] = params
    return request


def _first_line(body: bytes) -> str:
    """The first line of a body, short and printable, for error messages."""
    line = body.lstrip().split(b"\n", 1)[0][:_SHOWN_LIMIT].decode("utf-8", "replace").strip()
    return line or "(empty body)"


def _parse_json(body: bytes, what: str, endpoint: str) -> Any:
    try:
        text = body.decode()
        value, end = _json_scan(text, 0)
        if end == len(text) or text[end:].isspace():
            return value
    except (ValueError, StopIteration):
        pass
    try:
        return json.loads(body)
    except ValueError:
        problem = f"response to {what} is not JSON: {_first_line(body)}"
        raise TransportError(endpoint, problem) from None


def _call_result(
    status: int, body: bytes, req_id: int, method: str, declared: _Declared, endpoint: str
) -> Any:
    """The result in the answer to call ``req_id``, or raise the error the answer carries."""
    if status != 200 or not body:
        raise _status_problem(status, body, method, declared, endpoint)
    reply = _parse_json(body, method, endpoint)
    try:
        if reply["id"] == req_id:
            return reply["result"]
    except (KeyError, TypeError):
        pass
    raise _reply_problem(reply, req_id, method, declared, endpoint)


def _check_notified(
    status: int, body: bytes, method: str, declared: _Declared, endpoint: str
) -> None:
    """Accept any 2xx answer to a notification (its body, if any, is ignored)."""
    if not 200 <= status < 300:
        raise _status_problem(status, body, method, declared, endpoint)


def _reply_problem(
    reply: Any, req_id: int | None, method: str, declared: _Declared, endpoint: str
) -> Exception:
    """The exception for a reply that carries no result for ``req_id``."""
    if not isinstance(reply, dict):
        shown = _json_text(reply)[:_SHOWN_LIMIT]
        return TransportError(endpoint, f"response to {method} is no JSON-RPC response: {shown}")
    reply_id = reply.get("id")
    if "error" in reply and (reply_id == req_id or reply_id is None):
        return _error_from_response(reply["error"], method, declared)
    if reply_id != req_id:
        return TransportError(
            endpoint, f"response id {reply_id!r} does not match request id {req_id!r} of {method}"
        )
    return TransportError(endpoint, f"response to {method} has neither result nor error")


def _status_problem(
    status: int, body: bytes, method: str, declared: _Declared, endpoint: str
) -> Exception:
    """The exception for an answer other than 200 with a body: the JSON-RPC error it carries
    (some servers send errors with HTTP 4xx/5xx), else a TransportError with status and body."""
    if status == 200:
        return TransportError(endpoint, f"empty response to {method}")
    try:
        reply = json.loads(body) if body else None
    except ValueError:
        reply = None
    if isinstance(reply, dict) and isinstance(reply.get("error"), dict):
        return _error_from_response(reply["error"], method, declared)
    return TransportError(endpoint, f"HTTP {status} for {method}: {_first_line(body)}")


def _batch_request(calls: Sequence[tuple[str, _Params, bool]], ids: Sequence[int | None]) -> bytes:
    """A batch of ``(method, params, is_notification)`` calls with their ``ids`` as JSON bytes."""
    return _json_text(
        [
            _request_object(req_id, method, params)
            for req_id, (method, params, _) in zip(ids, calls, strict=True)
        ]
    ).encode()


def _batch_result(
    status: int,
    body: bytes,
    calls: Sequence[tuple[int | None, str]],
    declared: _Declared,
    endpoint: str,
) -> list[tuple[Any, Exception | None]]:
    """(result, error) for each ``(id, method)`` of a batch, in order; (None, None) for
    notifications. Raises when the answer as a whole is unusable."""
    methods = {req_id: method for req_id, method in calls if req_id is not None}
    if not methods:
        _check_notified(status, body, "batch", declared, endpoint)
        return [(None, None)] * len(calls)
    if status != 200 or not body:
        raise _status_problem(status, body, "batch", declared, endpoint)
    replies = _parse_json(body, f"a batch of {len(methods)} calls", endpoint)
    if not isinstance(replies, list):
        raise _reply_problem(replies, None, "batch", declared, endpoint)
    by_id = {}
    for reply in replies:
        reply_id = reply.get("id") if isinstance(reply, dict) else None
        if reply_id is None:
            raise _reply_problem(reply, None, "batch", declared, endpoint)
        if not isinstance(reply_id, int | str) or reply_id not in methods:
            problem = f"batch response has an entry with id {reply_id!r}, which no call has"
            raise TransportError(endpoint, problem)
        by_id[reply_id] = reply
    outcomes: list[tuple[Any, Exception | None]] = []
    for req_id, method in calls:
        reply = by_id.get(req_id) if req_id is not None else {"result": None}
        if reply is None:
            problem = f"no response to {method} (id {req_id}) in the batch response"
            outcomes.append((None, TransportError(endpoint, problem)))
        elif "result" in reply and "error" not in reply:
            outcomes.append((reply["result"], None))
        else:
            outcomes.append((None, _reply_problem(reply, req_id, method, declared, endpoint)))
    return outcomes
