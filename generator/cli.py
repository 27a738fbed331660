"""Command line: flags -> library calls -> one line per problem -> exit code. Nothing else.

Exit codes: 0 done; 1 a spec could not be generated (or a warning under --strict), or --check found
a stale file; 2 usage error (click's).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.errors import SpecError
from generator.pipeline import Generated, generate
from generator.write import stale_files, write


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _run_one(
    spec: str, out_dir: Path, service: str | None, flags: dict[str, bool], types: str
) -> str:
    """Handle one spec; return "ok", "stale" or "failed" (problems already printed)."""
    try:
        result: Generated = generate(spec, service=service, types=types, strict=flags["strict"])  # type: ignore[arg-type]
    except SpecError as exc:
        label = exc.source if exc.source not in ("<types>", "<dict>") else spec
        click.echo(_one_line(f"{label}: {exc.pointer or '/'}: {exc.message}"), err=True)
        return "failed"
    if not flags["quiet"]:
        for warning in result.warnings:
            click.echo(_one_line(f"warning: {warning}"), err=True)
    if flags["stdout"]:
        click.echo(result.client, nl=False)
        return "ok"
    if flags["check"]:
        stale = stale_files(result, out_dir)
        for path in stale:
            click.echo(f"{path}: out of date with {spec}", err=True)
        return "stale" if stale else "ok"
    for path in write(result, out_dir):
        if not flags["quiet"]:
            click.echo(f"wrote {path}", err=True)
    return "ok"


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("specs", nargs=-1, required=True)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder the client and interface go to.",
)
@click.option(
    "--service", help="Service name (snake_case); default: the socket folder or info.title."
)
@click.option(
    "--types",
    type=click.Choice(["typeddict", "pydantic"]),
    default="typeddict",
    show_default=True,
    help="Result types as TypedDicts (stdlib) or pydantic models.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file on disk differs.")
@click.option(
    "--stdout", "to_stdout", is_flag=True, help="Print the client instead of writing files."
)
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def main(
    specs: tuple[str, ...],
    out_dir: Path,
    service: str | None,
    types: str,
    check: bool,
    to_stdout: bool,
    strict: bool,
    quiet: bool,
) -> None:
    """Generate <service>_client.py and <service>_interface.py from OpenRPC documents.

    SPEC is a file (JSON or YAML), - for stdin, unix:/path/rpc.sock or an http(s):// URL of a
    live service (fetched with rpc.discover).
    """
    if service and len(specs) > 1:
        raise click.UsageError("--service names one service: give one SPEC with it")
    flags = {"check": check, "stdout": to_stdout, "strict": strict, "quiet": quiet}
    outcomes = [_run_one(spec, out_dir, service, flags, types) for spec in specs]
    failed, stale = outcomes.count("failed"), outcomes.count("stale")
    if len(specs) > 1 and not quiet:
        click.echo(
            f"{len(specs)} specs: {outcomes.count('ok')} ok, {stale} out of date, {failed} failed",
            err=True,
        )
    sys.exit(1 if failed or stale else 0)
