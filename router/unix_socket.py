"""Serving an ASGI app on Unix sockets with uvicorn: stale socket files replaced, removed on exit.

`bind_unix_socket` refuses to steal a socket another process still listens on; `serve` runs until
SIGINT or SIGTERM, then removes the socket files it bound (if they are still its own).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import stat
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn

__all__ = ["UnixSocketError", "bind_unix_socket", "serve"]

# sun_path holds 108 bytes on Linux, the last one a NUL.
_MAX_PATH_BYTES = 107


class UnixSocketError(Exception):
    """The socket cannot be bound; the message names the path and the reason."""


def bind_unix_socket(path: Path) -> socket.socket:
    """A socket bound at ``path``; its folder is created and a stale socket file replaced."""
    if len(os.fsencode(path)) > _MAX_PATH_BYTES:
        raise UnixSocketError(f"{path}: path too long for a Unix socket (max {_MAX_PATH_BYTES})")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            _remove_stale(path)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    except OSError as exc:
        raise UnixSocketError(f"{path}: {exc.strerror or exc}") from exc
    try:
        sock.bind(os.fspath(path))
    except OSError as exc:
        sock.close()
        raise UnixSocketError(f"{path}: {exc.strerror or exc}") from exc
    return sock


def serve(
    app: Any,
    sockets: list[socket.socket],
    log_level: str = "warning",
    http: type[asyncio.Protocol] | None = None,
) -> None:
    """Run ``app`` with uvicorn (HTTP/1.1; ``http``: its protocol class, else uvicorn's pick) on
    bound ``sockets`` until SIGINT or SIGTERM."""
    paths = [Path(sock.getsockname()) for sock in sockets if sock.family == socket.AF_UNIX]
    owned = [(path, path.stat().st_ino) for path in paths]
    config = uvicorn.Config(
        app, http=http or "auto", log_level=log_level, access_log=False, timeout_graceful_shutdown=5
    )
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        uvicorn.Server(config).run(sockets=sockets)
    finally:
        signal.signal(signal.SIGTERM, previous)
        for sock in sockets:
            sock.close()
        for path, inode in owned:
            _remove_if_same(path, inode)


def _remove_stale(path: Path) -> None:
    if not stat.S_ISSOCK(path.lstat().st_mode):
        raise UnixSocketError(f"{path}: exists and is not a socket")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(os.fspath(path))
        except (ConnectionRefusedError, FileNotFoundError):
            path.unlink(missing_ok=True)  # nobody listens: left behind by a process that died
            return
    raise UnixSocketError(f"{path}: another process is already listening there")


def _remove_if_same(path: Path, inode: int) -> None:
    try:
        if path.lstat().st_ino == inode:
            path.unlink()
    except FileNotFoundError:
        pass


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # uvicorn shuts down gracefully on SIGTERM, then re-raises it with the previous handler in
    # place; exiting here (instead of dying by the signal) lets `serve` remove its socket files.
    raise SystemExit(0)
