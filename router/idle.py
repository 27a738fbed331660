"""Idle keep-alive connections to one service, the rules `router.upstream.Pool` and
`router.relay.Relay` share: reused newest first, at most ``max_idle`` kept, none older than
``idle_seconds`` (below uvicorn's 5 s keep-alive, so a service rarely closes one we pick up)."""

from __future__ import annotations

import time
from collections import deque
from typing import Generic, Protocol, TypeVar

__all__ = ["IdleConnections", "Reusable"]


class Reusable(Protocol):
    closed: bool
    reused: bool
    idle_since: float

    def close(self) -> None: ...


C = TypeVar("C", bound=Reusable)


class IdleConnections(Generic[C]):
    def __init__(self, max_idle: int = 32, idle_seconds: float = 4.0) -> None:
        self.max_idle = max_idle
        self.idle_seconds = idle_seconds
        self._idle: deque[C] = deque()

    def take(self) -> C | None:
        """The newest idle connection still fresh (staler ones are closed), or None."""
        now = time.monotonic()
        while self._idle:
            conn = self._idle.pop()
            if now - conn.idle_since < self.idle_seconds and not conn.closed:
                return conn
            conn.close()
        return None

    def put(self, conn: C) -> None:
        """Keep ``conn`` for reuse, or close it when the pool is full or it is closed."""
        if len(self._idle) < self.max_idle and not conn.closed:
            conn.idle_since, conn.reused = time.monotonic(), True
            self._idle.append(conn)
        else:
            conn.close()

    def close(self) -> None:
        while self._idle:
            self._idle.pop().close()
