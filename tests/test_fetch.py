"""fetch: feeds over HTTP from a local server on 127.0.0.1 (never a public address)."""

from __future__ import annotations

import contextlib
import ipaddress
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from newsdesk import fetch as fetch_module
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
        elif self.path == "/badstatus":  # not HTTP at all: http.client's BadStatusLine
            self.wfile.write(b"HTTX/9 abc\r\n\r\n")
            self.close_connection = True
        elif self.path == "/slow-headers":  # one header line every 0.25 s, for 10 s
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for n in range(40):
                    self.wfile.write(f"X-Slow-{n}: 1\r\n".encode())
                    time.sleep(0.25)
                body = rss(*ITEMS)
                self.wfile.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            self.close_connection = True
        elif self.path == "/moved":
            self._send(301, b"", {"Location": "/good"})
        elif self.path.startswith("/redirect?to="):
            self._send(302, b"", {"Location": self.path.split("=", 1)[1]})
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


class InternalServer(FeedServer):
    """Another service on the same machine (an admin page, a metadata endpoint)."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        InternalServer.hits.append(self.path)
        self._send(200, rss(("Internal admin", "http://internal.test/admin", "secret")))


@contextlib.contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def server() -> Iterator[str]:
    FeedServer.requests = []
    FeedServer.feed_body = rss(*ITEMS)
    with serving(FeedServer) as url:
        yield url


@pytest.fixture
def internal() -> Iterator[str]:
    InternalServer.hits = []
    with serving(InternalServer) as url:
        yield url


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
        ("feeds:\n  - url: http://a.test/\n    allow_private: 'yes'\n", "should be true or false"),
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


# --- hostile servers (issue #14, items 2-4) -------------------------------------------------


def test_a_garbled_status_line_fails_that_feed_alone(
    db_path: Path, tmp_path: Path, server: str
) -> None:
    """`HTTX/9 abc` used to raise BadStatusLine out of the run: no report, nothing stored."""
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        f"feeds:\n  - url: {server}/badstatus\n    outlet: Rusak\n"
        f"  - url: {server}/good\n    outlet: Kabar Kalbar\n"
    )
    args = ["--db", str(db_path), "--rules", "none.yaml", "fetch", str(feeds), "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [f["status"] for f in report["feeds"]] == ["failed", "ok"]
    assert report["stored"] == 2 and report["failed"] == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("Rusak")]
    assert len(lines) == 1 and "bad HTTP response" in lines[0]
    assert "HTTX" not in result.stderr + result.stdout  # the server's words are not echoed
    assert "Traceback" not in result.stderr


def test_a_redirect_to_another_local_service_is_refused(server: str, internal: str) -> None:
    """The feed's own loopback address is named in the feeds file; the other port is not."""
    got = download(Feed(f"{server}/redirect?to={internal}/internal-admin"), None, None, 5)
    port = internal.rsplit(":", 1)[1]
    assert got.status == "failed"
    assert got.error == (
        f"redirect refused: 127.0.0.1:{port} is a loopback address; not fetched "
        "(add allow_private: true to the feed to allow it)"
    )
    assert InternalServer.hits == []  # never contacted


def test_allow_private_lets_the_feeds_file_name_internal_targets(
    server: str, internal: str
) -> None:
    feed = Feed(f"{server}/redirect?to={internal}/feed", allow_private=True)
    got = download(feed, None, None, 5)
    assert got.status == "ok" and b"Internal admin" in got.body
    assert InternalServer.hits == ["/feed"]


def test_a_redirect_within_the_named_origin_is_followed(desk: Desk, server: str) -> None:
    (result,) = fetch_all(desk.store, [Feed(f"{server}/moved", "Kabar Kalbar")])
    assert (result.status, len(result.stored)) == ("ok", 2)
    assert [path for path, _ in FeedServer.requests] == ["/moved", "/good"]


def test_a_redirect_to_ftp_is_refused_without_contacting_it(server: str) -> None:
    with socket.socket() as ftp:
        ftp.bind(("127.0.0.1", 0))
        ftp.listen()
        ftp.setblocking(False)
        port = ftp.getsockname()[1]
        got = download(Feed(f"{server}/redirect?to=ftp://127.0.0.1:{port}/"), None, None, 5)
        assert got.status == "failed"
        assert got.error == "redirect to a ftp: URL refused (http and https only)"
        with pytest.raises(BlockingIOError):
            ftp.accept()  # nobody knocked: no banner could have been read


def test_a_name_resolving_to_loopback_is_refused_at_connect_time(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public-looking name pointed at 127.0.0.1 (DNS rebinding) is checked by address."""
    port = int(server.rsplit(":", 1)[1])
    real = socket.getaddrinfo
    monkeypatch.setattr(
        fetch_module, "_getaddrinfo", lambda host, p: real("127.0.0.1", p, type=socket.SOCK_STREAM)
    )
    got = download(Feed(f"http://news.example.com:{port}/good"), None, None, 5)
    assert got.status == "failed"
    assert got.error and f"news.example.com:{port} (127.0.0.1) is a loopback address" in got.error
    assert FeedServer.requests == []
    allowed = download(
        Feed(f"http://news.example.com:{port}/good", allow_private=True), None, None, 5
    )
    assert allowed.status == "ok"


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("fe80::1", "link-local"),
        ("100.64.0.1", "non-public"),  # carrier-grade NAT
        ("0.0.0.0", "private"),
        ("224.0.0.1", "non-public"),
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_policy(address: str, kind: str | None) -> None:
    from newsdesk.fetch import address_kind

    assert address_kind(ipaddress.ip_address(address)) == kind


def test_timeout_is_a_deadline_even_for_slow_headers(server: str) -> None:
    """One header line every 0.25 s: each read is quick, the whole is not (10 s)."""
    started = time.monotonic()
    got = download(Feed(f"{server}/slow-headers"), None, None, timeout=1)
    elapsed = time.monotonic() - started
    assert got.status == "failed" and got.error == "timed out after 1s"
    assert elapsed < 3  # 3x the deadline: generous on a loaded machine, far below 10 s


def test_cli_timeout_holds_for_slow_headers_and_the_others_go_on(
    db_path: Path, tmp_path: Path, server: str
) -> None:
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        f"feeds:\n  - url: {server}/slow-headers\n    outlet: Lambat\n"
        f"  - url: {server}/good\n    outlet: Kabar Kalbar\n"
    )
    args = ["--db", str(db_path), "--rules", "none.yaml", "fetch", str(feeds), "--timeout", "1"]
    started = time.monotonic()
    result = CliRunner().invoke(main, [*args, "--json"])
    assert time.monotonic() - started < 3 + 2  # 3x the deadline, plus ingest of the good feed
    assert result.exit_code == 1
    assert [f["status"] for f in json.loads(result.stdout)["feeds"]] == ["failed", "ok"]
    assert "Lambat: failed: timed out after 1s" in result.stderr
