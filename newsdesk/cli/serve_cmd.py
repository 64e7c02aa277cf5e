"""serve: the desk in a browser (textual-serve), on loopback unless told otherwise."""

from __future__ import annotations

from typing import Any

import click

from newsdesk.cli.output import fail, warn


def register(main: click.Group) -> None:
    main.add_command(serve)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--public-url",
    default=None,
    help="The URL browsers use, when behind a reverse proxy (e.g. https://desk.example.org).",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Listen on a non-loopback address. There is no log-in: only behind a proxy that "
    "authenticates.",
)
@click.pass_obj
def serve(obj: Any, host: str, port: int, public_url: str | None, allow_remote: bool) -> None:
    """Serve the desk to a web browser; every session acts as --as (see docs/headless.md)."""
    try:
        from newsdesk.serve import DeskServer, desk_command, is_loopback
    except ImportError as exc:  # pragma: no cover - textual-serve is an optional extra
        fail(f"serve needs textual-serve (pip install 'newsdesk[serve]'): {exc}")
    if not is_loopback(host) and not allow_remote:
        fail(
            f"{host} is not a loopback address and the served desk has no log-in; "
            "put it behind an authenticating proxy and add --allow-remote"
        )
    obj.desk()  # open (and migrate) the database now: a bad --db fails here, not per browser
    server = DeskServer(
        desk_command(obj.db_path, obj.rules_path, obj.actor), host, port, public_url
    )
    if not obj.quiet:
        warn(f"serving the desk as {obj.actor!r} on {server.public_url} (Ctrl-C to stop)")
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not ours
        fail(f"cannot serve on {host}:{port}: {exc.strerror or exc}")
