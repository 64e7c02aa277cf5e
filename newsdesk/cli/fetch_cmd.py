"""fetch: pull the RSS/Atom feeds listed in a YAML file, for cron."""

from __future__ import annotations

import sys
from typing import Any

import click

from newsdesk.cli.core_cmd import _rules_or_fail
from newsdesk.cli.output import emit_json, fail, say, warn


def register(main: click.Group) -> None:
    main.add_command(fetch)


@click.command()
@click.argument("feeds_file", default="feeds.yaml", type=click.Path(dir_okay=False))
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=20.0,
    show_default=True,
    help="Seconds allowed per feed, whole download included.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 32),
    default=4,
    show_default=True,
    help="Feeds downloaded at once.",
)
@click.option("--no-dedup", is_flag=True, help="Do not look for duplicates of the new stories.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report on stdout.")
@click.pass_obj
def fetch(
    obj: Any, feeds_file: str, timeout: float, jobs: int, no_dedup: bool, as_json: bool
) -> None:
    """Fetch every feed in FEEDS_FILE (default feeds.yaml) and ingest new items.

    Unchanged feeds cost one conditional request. Exit 1 if any feed failed (the others
    are ingested anyway), 2 if the feeds file or rules are unusable.
    """
    from newsdesk.fetch import FeedResult, FeedsFileError, fetch_all, load_feeds

    try:
        feeds = load_feeds(feeds_file)
    except FeedsFileError as exc:
        fail(str(exc))
    desk = obj.desk()
    rules = _rules_or_fail(desk)

    def report(result: FeedResult) -> None:
        name = result.feed.outlet or result.feed.url
        for error in result.errors:
            warn(f"{name}: {error}")
        if result.status == "failed":
            warn(f"{name}: failed: {result.error} ({result.feed.url})")
        elif not obj.quiet and not as_json:
            if result.status == "not-modified":
                say(f"{name}: unchanged", err=True)
            else:
                say(
                    f"{name}: {len(result.stored)} new, {result.already_stored} already stored",
                    err=True,
                )

    results = fetch_all(
        desk.store,
        feeds,
        rules=rules,
        dedup=not no_dedup,
        timeout=timeout,
        jobs=jobs,
        on_result=report,
    )
    failed = [r for r in results if r.status == "failed"]
    if as_json:
        emit_json(
            {
                "feeds": [r.to_json() for r in results],
                "stored": sum(len(r.stored) for r in results),
                "failed": len(failed),
            }
        )
    elif not obj.quiet:
        stored = sum(len(r.stored) for r in results)
        say(f"{len(results)} feeds, {stored} new stories, {len(failed)} failed", err=True)
    sys.exit(1 if failed else 0)
