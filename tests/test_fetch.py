"""fetch: feeds over HTTP from a local server on 127.0.0.1 (never a public address)."""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.desk import Desk
from newsdesk.fetch import Feed, FeedsFileError, download, fetch_all, load_feeds
from newsdesk.store.articles import InboxQuery


def rss(*items: tuple[str, str, str]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description>"
        "<pubDate>Mon, 06 Oct 2025 08:00:00 +0700</pubDate></item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Kabar Kalbar</title><link>http://x/</link>{entries}</channel></rss>"
    ).encode()


ITEMS = [
    (
        "Banjir di Sintang surut",
        "http://kabar.test/banjir-sintang",
        "Banjir yang merendam Sintang sejak pekan lalu mulai surut, kata BPBD.",
    ),
    (
        "Festival Cap Go Meh Singkawang",
        "http://kabar.test/cap-go-meh",
        "Ribuan wisatawan memadati Singkawang untuk festival Cap Go Meh tahun ini.",
    ),
]
ETAG = '"v1"'
LAST_MODIFIED = formatdate(1_760_000_000, usegmt=True)


class FeedServer(BaseHTTPRequestHandler):
    """/good honours If-None-Match; /slow stalls; /missing is a 404; /broken is bad XML."""

    requests: ClassVar[list[tuple[str, dict[str, str]]]] = []
    feed_body = rss(*ITEMS)

    def do_GET(self) -> None:
        FeedServer.requests.append((self.path, dict(self.headers)))
        if self.path == "/good":
            if self.headers.get("If-None-Match") == ETAG:
                self.send_response(304)
                self.end_headers()
                return
            self._send(200, FeedServer.feed_body, {"ETag": ETAG, "Last-Modified": LAST_MODIFIED})
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, rss(*ITEMS))
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
        elif self.path == "/broken":
            self._send(200, b"<?xml version='1.0'?><rss><channel><title>x</title><<<>></channel>")
        else:
            self._send(404, b"not here")

    def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # the client may have given up (the timeout test)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    FeedServer.requests = []
    FeedServer.feed_body = rss(*ITEMS)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def stories(desk: Desk) -> list[dict[str, Any]]:
    return desk.page(InboxQuery(status=None), limit=100)


def test_good_feed_then_304_costs_one_small_request(desk: Desk, server: str) -> None:
    feed = Feed(f"{server}/good", "Kabar Kalbar")
    (first,) = fetch_all(desk.store, [feed])
    assert (first.status, first.http_status, len(first.stored)) == ("ok", 200, 2)
    rows = stories(desk)
    assert {r["outlet"] for r in rows} == {"Kabar Kalbar"}
    assert {r["url"] for r in rows} == {link for _, link, _ in ITEMS}

    (second,) = fetch_all(desk.store, [feed])
    assert (second.status, second.http_status, second.stored) == ("not-modified", 304, [])
    sent = FeedServer.requests[-1][1]
    assert sent["If-None-Match"] == ETAG
    assert sent["If-Modified-Since"] == LAST_MODIFIED
    assert len(stories(desk)) == 2


def test_changed_feed_stores_only_new_items(desk: Desk, server: str) -> None:
    feed = Feed(f"{server}/good", "Kabar Kalbar")
    fetch_all(desk.store, [feed])
    newer = ("Jalan Trans Kalimantan diperbaiki", "http://kabar.test/jalan", "Perbaikan jalan.")
    FeedServer.feed_body = rss(newer, *ITEMS)
    from newsdesk.store import feeds as feed_state

    with desk.store.write() as db:  # the server changed its ETag: forget ours
        db.execute("UPDATE feeds SET etag = NULL WHERE url = ?", [feed.url])
    (result,) = fetch_all(desk.store, [feed])
    assert (len(result.stored), result.already_stored) == (1, 2)
    assert feed_state.get_state(desk.store, feed.url).items_stored == 3


def test_one_broken_feed_does_not_stop_the_others(desk: Desk, server: str) -> None:
    feeds = [
        Feed(f"{server}/missing", "Hilang"),
        Feed(f"{server}/broken", "Rusak"),
        Feed(f"{server}/slow", "Lambat"),
        Feed(f"{server}/good", "Kabar Kalbar"),
    ]
    started = time.monotonic()
    results = fetch_all(desk.store, feeds, timeout=0.5)
    assert time.monotonic() - started < 2.5  # the slow feed did not hold the run
    by_outlet = {r.feed.outlet: r for r in results}
    assert by_outlet["Hilang"].status == "failed" and by_outlet["Hilang"].error.startswith(
        "HTTP 404"
    )
    assert by_outlet["Rusak"].status == "failed" and "malformed feed" in by_outlet["Rusak"].error
    assert by_outlet["Lambat"].status == "failed" and "timed out" in by_outlet["Lambat"].error
    assert by_outlet["Kabar Kalbar"].status == "ok" and len(by_outlet["Kabar Kalbar"].stored) == 2
    assert len(stories(desk)) == 2


def test_timeout_bounds_the_whole_download(server: str) -> None:
    started = time.monotonic()
    got = download(Feed(f"{server}/trickle"), None, None, timeout=0.5)
    assert got.status == "failed" and "timed out" in (got.error or "")
    assert time.monotonic() - started < 1.5


def test_unreachable_host_is_reported(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    got = download(Feed(f"http://127.0.0.1:{port + 1 if port < 65535 else 1}/x"), None, None, 1)
    assert got.status == "failed" and got.error and "cannot fetch" in got.error


def test_cli_exit_1_on_any_failure_json_report(db_path: Path, tmp_path: Path, server: str) -> None:
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        f"feeds:\n  - url: {server}/good\n    outlet: Kabar Kalbar\n"
        f"  - url: {server}/missing\n    outlet: Hilang\n"
    )
    args = ["--db", str(db_path), "--rules", "none.yaml", "fetch", str(feeds), "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["stored"] == 2 and report["failed"] == 1
    assert [f["status"] for f in report["feeds"]] == ["ok", "failed"]
    assert "Hilang: failed: HTTP 404" in result.stderr

    feeds.write_text(f"feeds:\n  - url: {server}/good\n    outlet: Kabar Kalbar\n")
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0
    assert json.loads(again.stdout)["feeds"][0]["status"] == "not-modified"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("feeds: []\n", "expected a list"),
        ("feeds:\n  - outlet: X\n", "missing 'url'"),
        ("feeds:\n  - url: file:///etc/passwd\n", "not an http(s) URL"),
        ("feeds:\n  - url: http://a.test/\n  - url: http://a.test/\n", "listed twice"),
        ("feeds:\n  - url: http://a.test/\n    outlt: X\n", "unknown key"),
        ("feeds: [\n", "not valid YAML"),
    ],
)
def test_bad_feeds_file_is_a_usage_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(text)
    with pytest.raises(FeedsFileError, match=re.escape(message)):
        load_feeds(path)
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "d.db"), "--rules", "none.yaml", "fetch", str(path)]
    )
    assert result.exit_code == 2
    assert message in result.stderr


def test_example_feeds_file_loads() -> None:
    from .conftest import REPO

    feeds = load_feeds(REPO / "feeds.example.yaml")
    assert feeds and all(f.url.startswith("https://") and f.outlet for f in feeds)
