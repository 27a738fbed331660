"""Command line: flags -> library calls -> one line per problem -> exit code; nothing else."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from router import app as router_app
from router import launch
from router.demo import service as demo
from router.demo.records import StoreError
from router.demo.store import DEFAULT_DB
from router.settings import (
    DEFAULT_CACHE_DIR,
    DEFAULT_LISTEN,
    TOKEN_ENV,
    Settings,
    SettingsError,
    load_settings,
)
from router.unix_socket import UnixSocketError

DEFAULT_SOCKET_DIR = Path("~/hero/var/sockets")

LOG_LEVELS = click.Choice(["debug", "info", "warning", "error"])


def _socket_dir_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(
        "--socket-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="HERO_SOCKET_DIR",
        default=DEFAULT_SOCKET_DIR,
        show_default="$HERO_SOCKET_DIR or ~/hero/var/sockets",
        help=help_text,
    )


def _db_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        show_default=True,
        help=help_text,
    )


@click.group()
def main() -> None:
    """Hero router: serve typed Python clients for OpenRPC services, and a demo service."""


@main.command("demo-service")
@click.argument("service", type=click.Choice([demo.SERVICE]))
@_socket_dir_option("Listen on <socket-dir>/<service>/rpc.sock.")
@_db_option("SQLite file; created, and seeded, when missing or empty.")
@click.option("--log-level", type=LOG_LEVELS, default="warning", show_default=True)
def demo_service(service: str, socket_dir: Path, db: Path, log_level: str) -> None:
    """Run a demo service (hero_books) until SIGINT or SIGTERM."""
    try:
        demo.run(socket_dir, db, log_level=log_level)
    except (StoreError, UnixSocketError) as exc:
        raise click.ClickException(str(exc)) from None


def _router_options(command: Callable[..., None]) -> Callable[..., None]:
    """The flags `serve` and `demo` share."""
    options: list[Callable[[Callable[..., None]], Callable[..., None]]] = [
        _socket_dir_option(
            "Discover <socket-dir>/*/rpc.sock; listen on <socket-dir>/hero_router/rpc.sock."
        ),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=DEFAULT_CACHE_DIR,
            show_default=True,
            help="Where generated clients, interfaces and specs are kept.",
        ),
        click.option(
            "--listen",
            default=DEFAULT_LISTEN,
            show_default=True,
            help=f"HOST:PORT; a non-loopback host needs ${TOKEN_ENV} (then a bearer token).",
        ),
        click.option("--log-level", type=LOG_LEVELS, default="info", show_default=True),
        click.option(
            "--keep-runs",
            is_flag=True,
            help="Keep the folders of failed agent runs (the log names them).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _bound(**flags: Any) -> tuple[Settings, list[socket.socket]]:
    """Settings and the router's bound sockets, or a one-line error."""
    try:
        settings = load_settings(**flags)
        sockets = router_app.bind(settings)
    except (SettingsError, router_app.ListenError, UnixSocketError) as exc:
        raise click.ClickException(str(exc)) from None
    return dataclasses.replace(settings, port=sockets[0].getsockname()[1]), sockets


@main.command()
@_router_options
@click.option("--scan-interval", type=float, default=30.0, show_default=True, help="Seconds.")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML: fetch_timeout, proxy_timeout, [services.NAME] socket = PATH or url = URL.",
)
def serve(**flags: Any) -> None:
    """Run the router until SIGINT or SIGTERM."""
    settings, sockets = _bound(**flags)
    click.echo(f"hero_router listening on {settings.url} and unix:{settings.socket_path}")
    router_app.run(settings, sockets)


@main.command("demo")
@_router_options
@_db_option("The demo service's SQLite file; created, and seeded, when missing or empty.")
def demo_command(db: Path, **flags: Any) -> None:
    """Run the hero_books demo service and the router together; print where they are."""
    settings, sockets = _bound(**flags)
    try:
        child = launch.start_demo_service(settings.socket_dir, db, "warning")
    except launch.LaunchError as exc:
        for sock in sockets:
            sock.close()
        raise click.ClickException(str(exc)) from None
    try:
        click.echo(launch.demo_text(settings, db.expanduser()))
        router_app.run(settings, sockets)
    finally:
        launch.stop(child)
