"""watch: a drop folder for scrapers and wire feeds that write files."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from typing import Any

import click

from newsdesk.cli.core_cmd import _rules_or_fail
from newsdesk.cli.output import emit_json, say, warn


def register(main: click.Group) -> None:
    main.add_command(watch)


@click.command()
@click.argument(
    "dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--settle",
    type=click.FloatRange(min=0),
    default=0.5,
    show_default=True,
    help="Seconds a file must stay unchanged before it is read (slow copies).",
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Files ready together are ingested together, up to this many (faster); "
    "a stop finishes the batch in hand.",
)
@click.option("--once", is_flag=True, help="Ingest what is there now and exit (for cron).")
@click.option("--no-dedup", is_flag=True, help="Do not look for duplicates of the new stories.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file on stdout.")
@click.pass_obj
def watch(
    obj: Any,
    dirs: tuple[Path, ...],
    settle: float,
    batch: int,
    once: bool,
    no_dedup: bool,
    as_json: bool,
) -> None:
    """Ingest files as they land in DIRS; done ones go to DIR/.done/, bad ones to DIR/.failed/.

    Ctrl-C or SIGTERM finishes the batch in hand and exits 0; a second one stops at once.
    With --once, exit 1 if any file failed.
    """
    from newsdesk.watch import DropFolder, FileResult

    desk = obj.desk()
    _rules_or_fail(desk)  # a broken rules file stops us before any file moves
    stop = threading.Event()

    def on_signal(signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        if not obj.quiet:
            warn(f"{signal.Signals(signum).name}: finishing the files in hand, then stopping")

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}

    def report(result: FileResult) -> None:
        for error in result.errors:
            warn(error)
        if as_json:
            emit_json(result.to_json())
            sys.stdout.flush()
        elif not obj.quiet:
            parts = [f"{len(result.stored)} new"]
            if result.already_stored:
                parts.append(f"{result.already_stored} already stored")
            if result.errors:
                parts.append(f"{len(result.errors)} failed")
            say(
                f"{result.path}: {result.outcome}, {', '.join(parts)} -> {result.moved_to}",
                err=True,
            )

    folder = DropFolder(
        desk,
        list(dirs),
        settle=settle,
        on_result=report,
        on_error=warn,
        stop=stop,
        dedup=not no_dedup,
        batch=batch,
    )
    if not obj.quiet:
        what = "ingesting" if once else "watching"
        warn(f"{what} {', '.join(map(str, dirs))} (Ctrl-C to stop)")
    try:
        summary = folder.run(once=once)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if not obj.quiet:
        warn(f"{summary.files} files, {summary.stored} stories stored, {summary.failed} failed")
    sys.exit(1 if once and summary.failed else 0)
