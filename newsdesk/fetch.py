"""Feeds: fetch RSS/Atom over HTTP with timeouts and conditional GET, ingest what is new.

Downloads run in a few threads (network waits overlap); parsing and storing stay on the
calling thread, which owns the database connection. One broken feed costs one line in the
report; the others go through. An unchanged feed costs one small request: the ETag and
Last-Modified of the last good fetch go back as If-None-Match / If-Modified-Since.
"""

from __future__ import annotations

import contextlib
import http
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

from newsdesk.ingest.pipeline import ingest_items
from newsdesk.ingest.readers import MAX_FILE_BYTES
from newsdesk.store import Store
from newsdesk.store import feeds as sql

USER_AGENT = "newsdesk-fetch/0.1 (+https://github.com/; feed reader)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
CHUNK = 64 * 1024


class FeedsFileError(ValueError):
    """The feeds list is unusable; the message names the file and the entry."""


@dataclass(frozen=True)
class Feed:
    url: str
    outlet: str | None = None
    allow_private: bool = False  # may reach private/loopback addresses (feeds file opt-in)


@dataclass
class Download:
    feed: Feed
    status: str  # ok | not-modified | failed
    body: bytes = b""
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    seconds: float = 0.0


@dataclass
class FeedResult:
    feed: Feed
    status: str  # ok | not-modified | failed
    http_status: int | None = None
    stored: list[int] = field(default_factory=list)
    already_stored: int = 0
    errors: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.feed.url,
            "outlet": self.feed.outlet,
            "status": self.status,
            "http_status": self.http_status,
            "stored": len(self.stored),
            "ids": self.stored,
            "already_stored": self.already_stored,
            "item_errors": self.errors,
            "error": self.error,
            "seconds": round(self.seconds, 3),
        }


# --- the feeds file ------------------------------------------------------------------------


def load_feeds(path: str | Path) -> list[Feed]:
    """`feeds:` (or a bare list) of `{url, outlet}`; http(s) URLs only, each once."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FeedsFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise FeedsFileError(f"{path}{where}: not valid YAML: {exc}") from exc
    entries = data.get("feeds") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise FeedsFileError(f"{path}: expected a list under 'feeds:' with url and outlet each")
    feeds: list[Feed] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        where = f"{path}: feed {n}"
        if isinstance(entry, str):
            entry = {"url": entry}
        if not isinstance(entry, dict):
            raise FeedsFileError(f"{where}: expected 'url: ...' and 'outlet: ...'")
        unknown = set(entry) - {"url", "outlet", "allow_private"}
        if unknown:
            raise FeedsFileError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        url = entry.get("url")
        if not isinstance(url, str) or not url.strip():
            raise FeedsFileError(f"{where}: missing 'url'")
        url = url.strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FeedsFileError(f"{where}: {url!r} is not an http(s) URL")
        if url in seen:
            raise FeedsFileError(f"{where}: {url} is listed twice")
        seen.add(url)
        outlet = entry.get("outlet")
        if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
            raise FeedsFileError(f"{where}: 'outlet' should be a name")
        allow_private = entry.get("allow_private", False)
        if not isinstance(allow_private, bool):
            raise FeedsFileError(f"{where}: 'allow_private' should be true or false")
        feeds.append(Feed(url, outlet.strip() if outlet else None, allow_private))
    return feeds


# --- HTTP ----------------------------------------------------------------------------------

MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)


class Refused(Exception):
    """A request newsdesk will not make; the message is ours, never the remote's text."""


class Deadline:
    """The wall-clock budget of one feed: connect, TLS, headers, body and every redirect.

    A socket timeout bounds each read, so a server sending one header line a second never
    trips it; here a timer shuts the socket down when the budget is spent, which ends any
    read in hand at once, and `expired` tells that apart from a server closing early.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._timer: threading.Timer | None = None

    def left(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            self.expired = True
            raise TimeoutError
        return left

    def guard(self, sock: socket.socket) -> None:
        """Shut `sock` down when the budget runs out (replacing any earlier guard)."""
        self.cancel()

        def shut() -> None:
            self.expired = True
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the raw fd, also under TLS

        self._timer = threading.Timer(self.left(), shut)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


def _getaddrinfo(host: str, port: int) -> list[tuple[Any, ...]]:
    """DNS, in one place so tests can point a name at a local server."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def _resolve(host: str, port: int, deadline: Deadline) -> list[tuple[Any, ...]]:
    """getaddrinfo cannot be interrupted: run it aside and stop waiting at the deadline."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return _getaddrinfo(host, port)  # a literal: no lookup, no wait
    box: dict[str, Any] = {}
    done = threading.Event()

    def look_up() -> None:
        try:
            box["answer"] = _getaddrinfo(host, port)
        except OSError as exc:
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=look_up, daemon=True, name="newsdesk-dns").start()
    if not done.wait(deadline.left()):
        deadline.expired = True
        raise TimeoutError
    if "error" in box:
        raise Refused(f"cannot resolve {host}")
    return box["answer"]


def address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not on the public internet (loopback, private...), or None."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_private:
        return "private"
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved or not ip.is_global:
        return "non-public"
    return None


def named_private(url: str) -> tuple[str, int] | None:
    """The (host, port) a feed URL names explicitly as private: an IP literal or localhost."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if host == "localhost":
        return (host, port)
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    return (host, port) if address_kind(ip) else None


def _check_target(feed: Feed, host: str, port: int, infos: list[tuple[Any, ...]]) -> None:
    """The connect-time policy, on the addresses actually about to be used.

    Private, loopback and link-local addresses are reached only where the feeds file says
    so: `allow_private: true` on the feed, or the feed's own URL naming that host and port
    as an IP literal (or localhost). Anything else, a redirect included, gets public
    addresses only. Checking the resolved address, not the name, defeats DNS rebinding.
    """
    if feed.allow_private or named_private(feed.url) == (host.lower(), port):
        return
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        kind = address_kind(ip)
        if kind:
            where = f"{host}:{port}" if str(ip) == host else f"{host}:{port} ({ip})"
            raise Refused(
                f"{where} is a {kind} address; not fetched "
                "(add allow_private: true to the feed to allow it)"
            )


def _connect(
    feed: Feed, url: str, deadline: Deadline
) -> tuple[http.client.HTTPConnection, socket.socket]:
    """A connection to the checked address itself: no second lookup between check and use."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    infos = _resolve(host, port, deadline)
    _check_target(feed, host, port, infos)
    last: OSError | None = None
    for family, kind, proto, _name, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(deadline.left())
            deadline.guard(sock)
            sock.connect(sockaddr)
            break
        except OSError as exc:
            sock.close()
            last = exc
            if deadline.expired:
                raise TimeoutError from exc
    else:
        raise last or OSError(f"no address for {host}")
    if parts.scheme == "https":
        context = ssl.create_default_context()
        sock = context.wrap_socket(sock, server_hostname=host)
        deadline.guard(sock)
    conn = http.client.HTTPConnection(host, port, timeout=deadline.left())
    if parts.scheme == "https":
        conn.default_port = 443  # the Host header omits :443 as browsers do
    conn.sock = sock
    return conn, sock


def _reason(exc: BaseException) -> str:
    """A plain reason from a local error, never text a server sent."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate not valid: {exc.verify_message}"
    if isinstance(exc, ssl.SSLError):
        return "TLS handshake failed"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, (ConnectionResetError, BrokenPipeError)):
        return "connection closed by the server"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return type(exc).__name__


def download(feed: Feed, etag: str | None, last_modified: str | None, timeout: float) -> Download:
    """One conditional GET, never raising: every failure is a Download with a plain reason.

    `timeout` is a wall-clock deadline for the whole feed (DNS, connect, TLS, headers,
    body, redirects), so neither a server trickling a byte a second nor one sending a
    header line a second can hold the run. Redirects are followed (at most
    MAX_REDIRECTS) to http(s) only, each hop under the feed's address policy.
    """
    started = time.monotonic()
    deadline = Deadline(timeout)
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    result = Download(feed, "failed")
    url = feed.url
    conn: http.client.HTTPConnection | None = None
    try:
        for hop in range(MAX_REDIRECTS + 1):
            parts = urlsplit(url)
            try:
                conn, _sock = _connect(feed, url, deadline)
            except Refused as exc:
                raise Refused(f"redirect refused: {exc}" if hop else str(exc)) from None
            target = parts.path or "/"
            if parts.query:
                target += "?" + parts.query
            conn.request("GET", target, headers=headers)
            response = conn.getresponse()
            result.http_status = response.status
            if response.status in REDIRECTS:
                location = response.getheader("Location")
                conn.close()
                if not location:
                    raise Refused(f"HTTP {response.status} redirect without a Location")
                if hop == MAX_REDIRECTS:
                    raise Refused(f"more than {MAX_REDIRECTS} redirects")
                url = urljoin(url, location.strip())
                scheme = urlsplit(url).scheme
                if scheme not in ("http", "https") or not urlsplit(url).hostname:
                    shown = scheme[:20] if scheme.isalnum() else "non-http"
                    raise Refused(f"redirect to a {shown}: URL refused (http and https only)")
                continue
            if response.status == 304:
                result.status = "not-modified"
                return result
            if response.status >= 400 or response.status < 200:
                phrase = _PHRASES.get(response.status, "")
                result.error = f"HTTP {response.status} {phrase}".rstrip()
                return result
            chunks, size = [], 0
            while True:
                deadline.left()
                chunk = response.read1(CHUNK)  # what has arrived: the deadline is checked often
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    result.error = f"feed larger than {MAX_FILE_BYTES // 1_000_000} MB; not read"
                    return result
                chunks.append(chunk)
            if deadline.expired:  # the guard cut the body short: not a whole feed
                raise TimeoutError
            result.body = b"".join(chunks)
            result.etag = response.getheader("ETag")
            result.last_modified = response.getheader("Last-Modified")
            result.status = "ok"
            return result
    except Refused as exc:
        result.error = str(exc) if not deadline.expired else f"timed out after {timeout:g}s"
    except Exception as exc:  # any network failure is one line for this feed, never a crash
        if deadline.expired or isinstance(exc, TimeoutError):
            result.error = f"timed out after {timeout:g}s"
        elif isinstance(exc, http.client.RemoteDisconnected):
            result.error = "cannot fetch: the server closed the connection without answering"
        elif isinstance(exc, http.client.IncompleteRead):
            result.error = "cannot fetch: the server closed the connection mid-feed"
        elif isinstance(exc, http.client.HTTPException | ValueError):
            # a garbled status line or header; what the server sent is not repeated
            result.error = "bad HTTP response (not a valid status line or headers)"
        elif isinstance(exc, OSError):
            result.error = f"cannot fetch: {_reason(exc)}"
        else:
            result.error = f"cannot fetch: {type(exc).__name__}"
    finally:
        deadline.cancel()
        if conn is not None:
            conn.close()
        result.seconds = time.monotonic() - started
    return result


_PHRASES = {s.value: s.phrase for s in http.HTTPStatus}


# --- ingest --------------------------------------------------------------------------------


def fetch_all(
    store: Store,
    feeds: Sequence[Feed],
    *,
    rules: Any = None,
    dedup: bool = True,
    timeout: float = 20.0,
    jobs: int = 4,
    on_result: Callable[[FeedResult], None] | None = None,
) -> list[FeedResult]:
    from newsdesk.ingest.feeds import read_feed

    states = {f.url: sql.get_state(store, f.url) for f in feeds}
    results: list[FeedResult] = []
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(feeds)))) as pool:
        futures = [
            pool.submit(download, f, states[f.url].etag, states[f.url].last_modified, timeout)
            for f in feeds
        ]
        for future in futures:  # in the file's order, each as soon as it is in
            got = future.result()
            result = FeedResult(got.feed, got.status, got.http_status, seconds=got.seconds)
            if got.status == "failed":
                result.error = got.error
            elif got.status == "ok":
                report = ingest_items(
                    store,
                    read_feed(got.body, got.feed.url, got.feed.outlet),
                    rules=rules,
                    dedup=dedup,
                )
                result.stored = list(report.stored)
                result.already_stored = len(report.existing)
                result.errors = [f"{e.source}: {e.reason}" for e in report.errors]
                empty = [e.reason for e in report.errors] == ["feed has no entries"]
                if empty:
                    result.errors = []  # a quiet feed is not a broken one
                elif result.errors and not (report.stored or report.existing):
                    # nothing usable: a broken feed, and next time it is fetched whole again
                    result.status = "failed"
                    result.error = report.errors[0].reason
                    result.errors = result.errors[1:]
            sql.record_fetch(
                store,
                got.feed.url,
                got.feed.outlet,
                result.status,
                etag=got.etag,
                last_modified=got.last_modified,
                error=result.error,
                stored=len(result.stored),
            )
            results.append(result)
            if on_result:
                on_result(result)
    return results
