"""How commands talk: JSON on stdout for scripts, one plain line per problem on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import click

from newsdesk.safe_text import json_safe, printable


def emit_json(data: Any) -> None:
    """JSON on stdout; characters a terminal would act on are written as \\u escapes.

    json.dumps escapes C0 controls only: C1 (U+009B is CSI), DEL, bidi overrides and
    zero-width characters would reach the terminal raw. Escaped, the JSON is the same data.
    """
    click.echo(json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str)))


def say(message: str, *, err: bool = False) -> None:
    """A line for people: article text inside it is made safe for the terminal."""
    click.echo(printable(message), err=err)


def warn(message: str) -> None:
    say(message, err=True)


def fail(message: str, code: int = 2) -> NoReturn:
    say(f"error: {message}", err=True)
    sys.exit(code)


def progress_enabled(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()
