"""Batches: several calls sent as one JSON-RPC batch request, each answered by a BatchResult."""

from __future__ import annotations

from types import TracebackType
from typing import Any, Generic, TypeVar, cast

from .client import BaseClient
from .envelope import _Params

_ResultT = TypeVar("_ResultT")
_BatchT = TypeVar("_BatchT", bound="BaseBatch")


class BatchResult(Generic[_ResultT]):
    """The answer to one call of a batch, available once the batch was sent.

    ``result()`` returns the call's result or raises its error (an ``RpcError`` for an error the
    server answered, a ``TransportError`` when the batch got no usable answer).
    """

    __slots__ = ("_error", "_value", "done", "method")

    def __init__(self, method: str) -> None:
        self.method = method
        self.done = False
        self._value: Any = None
        self._error: Exception | None = None

    def result(self) -> _ResultT:
        """The call's result; raises its error, or RuntimeError before the batch was sent."""
        if not self.done:
            raise RuntimeError(
                f"no result for {self.method} yet: a batch is sent when its with-block ends, "
                "or by its send()"
            )
        if self._error is not None:
            raise self._error
        return cast("_ResultT", self._value)

    def _settle(self, value: Any, error: Exception | None) -> None:
        self._value = value
        self._error = error
        self.done = True


class BaseBatch:
    """Calls collected on a client, sent together as one request.

    ``with client.batch() as batch: a = batch.book_get("x")`` sends the batch when the block
    ends without an exception (after one, nothing is sent); ``a.result()`` then holds the
    answer. The server may answer the calls in any order; each result is matched by its id.
    """

    def __init__(self, client: BaseClient) -> None:
        self._client = client
        self._entries: list[tuple[str, _Params, BatchResult[Any] | None]] = []
        self._sent = False

    def call(self, method: str, params: _Params = None) -> BatchResult[Any]:
        """Add a call of any ``method`` by name; its result is available after sending."""
        return self._call(method, params)

    def notify(self, method: str, params: _Params = None) -> None:
        """Add a notification of any ``method`` by name (the server sends nothing back for it)."""
        self._notify(method, params)

    def send(self) -> None:
        """Send the batch as one request and settle every BatchResult; a batch is sent once."""
        if self._sent:
            raise RuntimeError("this batch was already sent")
        self._sent = True
        if not self._entries:
            return
        calls = [(method, params, entry is None) for method, params, entry in self._entries]
        try:
            outcomes = self._client._batch_calls(calls)
        except Exception as exc:
            for _, _, entry in self._entries:
                if entry is not None:
                    entry._settle(None, exc)
            raise
        for (_, _, entry), (value, error) in zip(self._entries, outcomes, strict=True):
            if entry is not None:
                entry._settle(value, error)

    def __enter__(self: _BatchT) -> _BatchT:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.send()

    def _call(self, method: str, params: _Params) -> BatchResult[Any]:
        entry: BatchResult[Any] = BatchResult(method)
        self._add(method, params, entry)
        return entry

    def _notify(self, method: str, params: _Params) -> None:
        self._add(method, params, None)

    def _add(self, method: str, params: _Params, entry: BatchResult[Any] | None) -> None:
        if self._sent:
            raise RuntimeError(f"cannot add {method}: this batch was already sent")
        self._entries.append((method, params, entry))
