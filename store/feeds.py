"""Feed state: the validators for conditional GET and the outcome of the last fetch."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.store.db import Store, utcnow


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_status: str | None = None
    last_ok_at: str | None = None
    items_stored: int = 0


def get_state(store: Store, url: str) -> FeedState:
    row = store.conn.execute(
        "SELECT url, etag, last_modified, last_status, last_ok_at, items_stored "
        "FROM feeds WHERE url = ?",
        [url],
    ).fetchone()
    return FeedState(*row) if row else FeedState(url)


def record_fetch(
    store: Store,
    url: str,
    outlet: str | None,
    status: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    error: str | None = None,
    stored: int = 0,
) -> None:
    """Remember one attempt. Validators change only on a good fetch (200 or 304)."""
    now = utcnow()
    ok = status in ("ok", "not-modified")
    with store.write():
        store.conn.execute(
            "INSERT INTO feeds (url, outlet, items_stored) VALUES (?, ?, 0) "
            "ON CONFLICT(url) DO UPDATE SET outlet = excluded.outlet",
            [url, outlet],
        )
        store.conn.execute(
            "UPDATE feeds SET last_status = ?, last_error = ?, last_fetched_at = ?, "
            "items_stored = items_stored + ? WHERE url = ?",
            [status, error, now, stored, url],
        )
        if ok:
            store.conn.execute(
                "UPDATE feeds SET last_ok_at = ? WHERE url = ?",
                [now, url],
            )
        if status == "ok":
            store.conn.execute(
                "UPDATE feeds SET etag = ?, last_modified = ? WHERE url = ?",
                [etag, last_modified, url],
            )


def all_states(store: Store) -> list[dict[str, object]]:
    cur = store.conn.execute(
        "SELECT url, outlet, last_status, last_error, last_fetched_at, last_ok_at, items_stored "
        "FROM feeds ORDER BY url"
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]
