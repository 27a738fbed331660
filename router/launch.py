"""`python -m router demo`: the hero_books demo service as a child process next to the router,
and the text that tells the user where everything is."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from router.demo.service import SERVICE, socket_path
from router.settings import Settings

__all__ = ["LaunchError", "demo_text", "start_demo_service", "stop"]

START_TIMEOUT = 20.0


class LaunchError(Exception):
    """The demo service did not start."""


def start_demo_service(socket_dir: Path, db: Path, log_level: str) -> subprocess.Popen[bytes]:
    """``python -m router demo-service hero_books``, returned once its socket answers."""
    command = [sys.executable, "-m", "router", "demo-service", SERVICE, "--socket-dir"]
    process = subprocess.Popen(
        [*command, str(socket_dir), "--db", str(db), "--log-level", log_level]
    )
    deadline = time.monotonic() + START_TIMEOUT
    while not _answers(socket_path(socket_dir)):
        if process.poll() is not None:
            raise LaunchError(f"the {SERVICE} demo service exited with status {process.returncode}")
        if time.monotonic() > deadline:
            stop(process)
            raise LaunchError(
                f"the {SERVICE} demo service did not listen within {START_TIMEOUT:g} s"
            )
        time.sleep(0.05)
    return process


def stop(process: subprocess.Popen[Any]) -> None:
    """Terminate, give it 10 s, then kill; wait for it either way."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _answers(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def demo_text(settings: Settings, db: Path) -> str:
    url = settings.url
    return "\n".join(
        [
            f"{SERVICE} demo service: unix:{socket_path(settings.socket_dir)} (database {db})",
            f"router:                    {url}  and  unix:{settings.socket_path}",
            f"admin page:                {url}/",
            f"services:                  {url}/api/services",
            f"python client:             {url}/{SERVICE}/python/client.py",
            f"python interface:          {url}/{SERVICE}/python/interface.py",
            f"spec:                      {url}/{SERVICE}/openrpc.json",
            f"proxy (JSON-RPC POST):     {url}/{SERVICE}/rpc",
            f"router JSON-RPC (POST):    {url}/rpc",
            f"try: curl -sOJ {url}/{SERVICE}/python/client.py  (saves {SERVICE}_client.py)",
        ]
    )
