"""serve: the desk in a browser (textual-serve), each session as its own editor."""

from __future__ import annotations

import sys
from typing import Any

import click

from newsdesk.cli.output import fail, say, warn


def register(main: click.Group) -> None:
    main.add_command(serve)
    main.add_command(serve_passwd)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--public-url",
    default=None,
    help="The URL browsers use, when behind a reverse proxy (e.g. https://desk.example.org).",
)
@click.option(
    "--passwords",
    "passwords_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Editors log in against this file of hashed passwords (see `newsdesk serve-passwd`).",
)
@click.option(
    "--trust-header",
    default=None,
    metavar="HEADER",
    help="A reverse proxy did the log-in and names the editor in HEADER (e.g. X-Remote-User).",
)
@click.option(
    "--no-login",
    is_flag=True,
    help="No log-in: every session acts as --as. Loopback only, for one person's own machine.",
)
@click.option(
    "--max-sessions",
    type=click.IntRange(1, 256),
    default=8,
    show_default=True,
    help="Browser tabs (each a desk process) open at once; more are refused.",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Listen on a non-loopback address: only behind a reverse proxy that terminates TLS.",
)
@click.pass_obj
def serve(
    obj: Any,
    host: str,
    port: int,
    public_url: str | None,
    passwords_file: str | None,
    trust_header: str | None,
    no_login: bool,
    max_sessions: int,
    allow_remote: bool,
) -> None:
    """Serve the desk to web browsers, each session under its editor's name.

    Pick how editors are known: --passwords FILE (a log-in form), --trust-header HEADER
    (an authenticating reverse proxy), or --no-login (loopback only; everyone is --as).
    See docs/headless.md.
    """
    try:
        from newsdesk.serve import (
            DeskServer,
            HeaderLogin,
            NoLogin,
            PasswordFileError,
            PasswordLogin,
            is_loopback,
            load_passwords,
        )
    except ImportError as exc:  # pragma: no cover - textual-serve is an optional extra
        fail(f"serve needs textual-serve (pip install 'newsdesk[serve]'): {exc}")
    chosen = [
        o
        for o, v in (
            ("--passwords", passwords_file),
            ("--trust-header", trust_header),
            ("--no-login", no_login),
        )
        if v
    ]
    if not chosen:
        fail(
            "say how editors are known: --passwords FILE (log-in form), --trust-header HEADER "
            "(behind an authenticating proxy) or --no-login (loopback only, everyone is --as)"
        )
    if len(chosen) > 1:
        fail(f"{' and '.join(chosen)} exclude each other: pick one")
    if not is_loopback(host) and not allow_remote:
        fail(
            f"{host} is not a loopback address: serve behind a reverse proxy that terminates "
            "TLS and add --allow-remote"
        )
    if no_login and (allow_remote or not is_loopback(host)):
        fail("--no-login serves everyone as one editor: loopback only, never --allow-remote")
    login: Any
    if passwords_file:
        try:
            users = load_passwords(passwords_file)
        except PasswordFileError as exc:
            fail(str(exc))
        if not users:
            fail(f"{passwords_file}: no editors yet (add one with `newsdesk serve-passwd`)")
        login = PasswordLogin(users)
        how = f"log-in against {passwords_file} ({len(users)} editors)"
    elif trust_header:
        login = HeaderLogin(trust_header)
        how = f"editors named by the proxy's {trust_header} header"
    else:
        login = NoLogin(obj.actor)
        how = f"no log-in: every session acts as {obj.actor!r}"
    obj.desk()  # open (and migrate) the database now: a bad --db fails here, not per browser

    def ready(server: DeskServer) -> None:
        if not obj.quiet:
            warn(f"serving the desk on {server.public_url}, {how} (Ctrl-C to stop)")

    server = DeskServer(
        obj.db_path,
        obj.rules_path,
        host,
        port,
        login=login,
        public_url=public_url,
        max_sessions=max_sessions,
        on_ready=ready,
    )
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not ours
        fail(f"cannot serve on {host}:{port}: {exc.strerror or exc}")
    if not obj.quiet:
        warn("stopped")


@click.command("serve-passwd")
@click.argument("passwords_file", type=click.Path(dir_okay=False))
@click.argument("editor")
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin (for scripts).")
def serve_passwd(passwords_file: str, editor: str, password_stdin: bool) -> None:
    """Add EDITOR to PASSWORDS_FILE for `serve --passwords`, or change their password.

    The file holds one `NAME:scrypt$...` line per editor (salted scrypt hashes, mode 0600).
    """
    from newsdesk.serve import NAME_RE, set_password

    if not NAME_RE.fullmatch(editor):
        fail(f"{editor!r}: editor names are letters, digits and . _ @ + - (at most 64)")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        fail("a password needs at least 8 characters")
    try:
        set_password(passwords_file, editor, password)
    except OSError as exc:
        fail(f"{passwords_file}: cannot write: {exc.strerror or exc}")
    say(f"{editor} can log in (passwords in {passwords_file})", err=True)
