"""Command line: flags -> library calls -> one line per problem -> exit code; nothing else."""

from __future__ import annotations

from pathlib import Path

import click

from router.demo import service as demo
from router.demo.records import StoreError
from router.demo.store import DEFAULT_DB
from router.unix_socket import UnixSocketError

DEFAULT_SOCKET_DIR = Path("~/hero/var/sockets")

LOG_LEVELS = click.Choice(["debug", "info", "warning", "error"])


@click.group()
def main() -> None:
    """Hero router: serve typed Python clients for OpenRPC services, and a demo service."""


@main.command("demo-service")
@click.argument("service", type=click.Choice([demo.SERVICE]))
@click.option(
    "--socket-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="HERO_SOCKET_DIR",
    default=DEFAULT_SOCKET_DIR,
    show_default="$HERO_SOCKET_DIR or ~/hero/var/sockets",
    help="Listen on <socket-dir>/<service>/rpc.sock.",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite file; created, and seeded, when missing or empty.",
)
@click.option("--log-level", type=LOG_LEVELS, default="warning", show_default=True)
def demo_service(service: str, socket_dir: Path, db: Path, log_level: str) -> None:
    """Run a demo service (hero_books) until SIGINT or SIGTERM."""
    try:
        demo.run(socket_dir, db, log_level=log_level)
    except (StoreError, UnixSocketError) as exc:
        raise click.ClickException(str(exc)) from None
