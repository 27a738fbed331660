"""Binding Unix sockets: folders created, stale files replaced, live listeners and odd paths refused."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from router.unix_socket import UnixSocketError, bind_unix_socket


def unix_socket() -> socket.socket:
    return socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)


def test_binds_in_a_new_folder(tmp_path: Path) -> None:
    path = tmp_path / "svc" / "rpc.sock"
    with bind_unix_socket(path) as sock:
        assert sock.getsockname() == str(path)
        assert path.is_socket()


def test_a_stale_socket_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "rpc.sock"
    with unix_socket() as dead:
        dead.bind(str(path))  # the file stays behind once closed, nobody listening
    with bind_unix_socket(path) as sock, unix_socket() as client:
        sock.listen()
        client.connect(str(path))  # the stale file would refuse this


def test_a_live_listener_is_not_stolen(tmp_path: Path) -> None:
    path = tmp_path / "rpc.sock"
    with unix_socket() as live:
        live.bind(str(path))
        live.listen()
        with pytest.raises(UnixSocketError, match="another process is already listening there"):
            bind_unix_socket(path)
        assert path.is_socket()


def test_a_regular_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "rpc.sock"
    path.write_text("mine")
    with pytest.raises(UnixSocketError, match="exists and is not a socket"):
        bind_unix_socket(path)
    assert path.read_text() == "mine"


def test_a_path_too_long_for_sun_path_is_refused(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 120) / "rpc.sock"
    with pytest.raises(UnixSocketError, match="path too long for a Unix socket"):
        bind_unix_socket(path)
    assert not path.parent.exists()
