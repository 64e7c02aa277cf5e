"""The desk in a browser, through textual-serve, each session under its own editor's name.

textual-serve has no log-in and one command for every session, so the audit log could not
tell editors apart. Here every request passes one gate (an aiohttp middleware) that checks:

- `Host` (DNS rebinding) and `Origin` (another site driving `ws://127.0.0.1`), on every
  path, `/static/` and `/login` included: 403;
- who the editor is, one of three ways chosen at start:
  - `PasswordLogin`: a log-in form against a file of salted scrypt hashes, then an
    HttpOnly, SameSite=Strict session cookie;
  - `HeaderLogin`: a reverse proxy that did the log-in names the editor in a header
    (`--trust-header X-Remote-User`), honoured only when so configured;
  - `NoLogin`: everyone is `--as` (`--no-login`, loopback only: one person's own machine).

Each WebSocket then runs its own desk process with `--as EDITOR`, at most `max_sessions`
at once. Desk processes run in their own process group, so stopping the server (Ctrl-C,
SIGTERM) ends every one of them, tabs open or not, with no traceback.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import hashlib
import hmac
import html
import ipaddress
import logging
import os
import re
import secrets
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from newsdesk.store.engine import is_url

log = logging.getLogger("newsdesk.serve")

NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}")
COOKIE = "newsdesk_session"
SESSION_SECONDS = 12 * 3600
# scrypt: 16 MiB of memory and ~50 ms per guess, RFC 7914's interactive figures
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def desk_argv(db_path: str, rules_path: str, actor: str) -> list[str]:
    """The command each browser session runs: the TUI on the same database, as `actor`.

    A server URL is not in argv, where any user on the machine could read its password in
    `ps`: the session inherits it as NEWSDESK_DB (`DeskServer` sets it once).
    """
    db = [] if is_url(db_path) else ["--db", str(Path(db_path).resolve())]
    return [
        sys.executable,
        "-c",
        "from newsdesk.cli import main; main()",
        *db,
        "--rules",
        str(Path(rules_path).resolve()),
        "--as",
        actor,
    ]


# --- passwords -----------------------------------------------------------------------------


class PasswordFileError(ValueError):
    """The passwords file is unusable; the message names the file and line."""


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """`scrypt$N$r$p$SALT$HASH` (base64): salted, so equal passwords hash apart."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=128 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def load_passwords(path: str | Path) -> dict[str, str]:
    """`NAME:scrypt$...` per line; `#` comments and blank lines skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PasswordFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    users: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, stored = line.partition(":")
        if not sep or not NAME_RE.fullmatch(name) or not stored.startswith("scrypt$"):
            raise PasswordFileError(
                f"{path}:{n}: expected NAME:scrypt$... (add users with `newsdesk serve-passwd`)"
            )
        if name in users:
            raise PasswordFileError(f"{path}:{n}: {name} is listed twice")
        users[name] = stored
    return users


def set_password(path: str | Path, name: str, password: str) -> None:
    """Add or replace one editor, writing the file whole (mode 0600) or not at all."""
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    entry = f"{name}:{hash_password(password)}"
    kept = [line for line in lines if line.partition(":")[0].strip() != name]
    tmp = path.with_name(f".{path.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # a leftover (or a planted link) is replaced, never written through
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join([*kept, entry]) + "\n")
    tmp.replace(path)


# --- who is asking -------------------------------------------------------------------------


@dataclass
class NoLogin:
    """Everyone is `actor`: the old single-editor behaviour, loopback only, opt-in."""

    actor: str

    def editor(self, request: Any) -> str | None:
        return self.actor


@dataclass
class HeaderLogin:
    """A reverse proxy that authenticated the user names them in `header`."""

    header: str

    def editor(self, request: Any) -> str | None:
        name = (request.headers.get(self.header) or "").strip()
        return name if NAME_RE.fullmatch(name) else None


@dataclass
class PasswordLogin:
    """A log-in form against `users` (NAME -> scrypt hash), then a session cookie."""

    users: dict[str, str]
    sessions: dict[str, tuple[str, float]] = field(default_factory=dict)

    def editor(self, request: Any) -> str | None:
        token = request.cookies.get(COOKIE, "")
        name, ends = self.sessions.get(token, ("", 0.0))
        if time.time() > ends:
            self.sessions.pop(token, None)
            return None
        return name

    def log_in(self, name: str, password: str) -> str | None:
        """A new session token, or None; as slow for an unknown name as for a known one."""
        ok = check_password(password, self.users.get(name) or _dummy_hash())
        if not ok or name not in self.users:
            return None
        now = time.time()
        for token, (_, ends) in list(self.sessions.items()):
            if ends < now:
                del self.sessions[token]
        token = secrets.token_urlsafe(32)
        self.sessions[token] = (name, time.time() + SESSION_SECONDS)
        return token


Login = NoLogin | HeaderLogin | PasswordLogin


@functools.cache
def _dummy_hash() -> str:
    """What an unknown name is checked against, so its answer takes as long."""
    return hash_password(secrets.token_hex(8))


LOGIN_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>newsdesk: log in</title>
<style>body{{font-family:sans-serif;max-width:22em;margin:4em auto}}
input{{display:block;width:100%;margin:.3em 0 1em}}</style></head>
<body><h1>newsdesk</h1>{message}
<form method="post" action="/login">
<label>Editor <input name="user" autocomplete="username" autofocus required></label>
<label>Password <input name="password" type="password" autocomplete="current-password"
 required></label>
<button type="submit">Log in</button></form></body></html>
"""


# --- desk processes ------------------------------------------------------------------------


class DeskProcess(AppService):
    """One browser session's desk, started without a shell in a process group of its own.

    textual-serve starts `sh -c COMMAND`, which doubles the processes and, on a hard stop,
    leaves the desk behind its shell. Here the desk is the child itself, and `stop` ends
    the whole group: first asked to quit, then SIGTERM, then SIGKILL.
    """

    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def shut(self, grace: float = 3.0) -> None:
        """Ask the desk to quit; past `grace` seconds end its process group. Never raises."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.stop(), grace)
        process = self._process
        if process is None:
            return
        for sig, wait in ((None, 2.0), (signal.SIGTERM, 2.0), (signal.SIGKILL, 5.0)):
            if sig is not None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, sig)
            try:
                await asyncio.wait_for(process.wait(), wait)
                break
            except asyncio.TimeoutError:
                continue
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # anything the desk itself started
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the server dies, even by SIGKILL (Linux).

    A clean stop ends the desks itself; this covers the OOM killer and `kill -9`, which
    would otherwise leave desk processes behind with nobody reading them.
    """
    import ctypes

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)


@dataclass(eq=False)  # kept in a set, by identity
class Session:
    editor: str
    websocket: Any
    desk: DeskProcess | None = None


# --- the server ----------------------------------------------------------------------------


class DeskServer(Server):
    """textual-serve's pages and terminal protocol, behind one gate, one desk per editor."""

    def __init__(
        self,
        db_path: str,
        rules_path: str,
        host: str,
        port: int,
        *,
        login: Login,
        public_url: str | None = None,
        max_sessions: int = 8,
        on_ready: Callable[[DeskServer], None] | None = None,
    ) -> None:
        super().__init__("newsdesk", host=host, port=port, title="newsdesk", public_url=public_url)
        self.db_path = db_path
        if is_url(db_path):
            os.environ["NEWSDESK_DB"] = db_path  # what each session's desk opens (not argv)
        self.rules_path = rules_path
        self.login = login
        self.max_sessions = max_sessions
        self.on_ready = on_ready
        self.sessions: set[Session] = set()
        self.stopping = False
        public = urlsplit(self.public_url)
        self.secure = public.scheme == "https"
        self.allowed_hosts = {public.netloc.lower(), f"{host}:{port}".lower()}
        if is_loopback(host):
            self.allowed_hosts |= {f"{h}:{port}" for h in ("127.0.0.1", "localhost", "[::1]")}
        self.allowed_origins = {f"{public.scheme}://{h}" for h in self.allowed_hosts}
        if public.scheme == "http":
            self.allowed_origins |= {f"https://{h}" for h in self.allowed_hosts}

    def allowed(self, headers: Any) -> str | None:
        """Why a request is refused, or None when it may go ahead."""
        host = (headers.get("Host") or "").lower()
        if host not in self.allowed_hosts:
            return f"host {host!r} not served here"
        origin = headers.get("Origin")
        if origin is not None and origin.lower() not in self.allowed_origins:
            return f"origin {origin!r} not allowed"
        return None

    # --- the gate ----------------------------------------------------------------------------

    async def _make_app(self) -> Any:
        """textual-serve's routes (no static index listing), /login, /logout, and the gate."""
        import aiohttp_jinja2
        import jinja2
        from aiohttp import web

        app = web.Application(middlewares=[self._gate], client_max_size=64 * 1024)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.get("/login", self.handle_login_page, name="login"),
                web.post("/login", self.handle_login, name="login_post"),
                web.get("/logout", self.handle_logout, name="logout"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        return app

    @property
    def _gate(self) -> Any:
        from aiohttp import web

        @web.middleware
        async def gate(request: Any, handler: Callable[[Any], Awaitable[Any]]) -> Any:
            reason = self.allowed(request.headers)
            if reason:
                raise web.HTTPForbidden(text=f"newsdesk: {reason}\n")
            if request.path == "/login" and isinstance(self.login, PasswordLogin):
                return await handler(request)
            editor = self.login.editor(request)
            if editor is None:
                if isinstance(self.login, PasswordLogin) and request.path == "/":
                    raise web.HTTPSeeOther("/login")
                why = (
                    f"no valid {self.login.header} header (the proxy should set it)"
                    if isinstance(self.login, HeaderLogin)
                    else "log in first at /login"
                )
                raise web.HTTPUnauthorized(text=f"newsdesk: {why}\n")
            request["editor"] = editor
            return await handler(request)

        return gate

    async def handle_login_page(self, request: Any, message: str = "") -> Any:
        from aiohttp import web

        if not isinstance(self.login, PasswordLogin):
            raise web.HTTPNotFound(text="newsdesk: no log-in form here\n")
        status = 401 if message else 200
        body = LOGIN_PAGE.format(message=f"<p>{html.escape(message)}</p>" if message else "")
        return web.Response(text=body, content_type="text/html", status=status)

    async def handle_login(self, request: Any) -> Any:
        from aiohttp import web

        if not isinstance(self.login, PasswordLogin):
            raise web.HTTPNotFound(text="newsdesk: no log-in form here\n")
        form = await request.post()
        name, password = str(form.get("user", "")).strip(), str(form.get("password", ""))
        loop = asyncio.get_running_loop()  # scrypt is slow on purpose: off the event loop
        token = await loop.run_in_executor(None, self.login.log_in, name, password)
        if token is None:
            await asyncio.sleep(1.0)
            return await self.handle_login_page(request, "Wrong editor name or password.")
        response = web.HTTPSeeOther("/")
        response.set_cookie(
            COOKIE,
            token,
            max_age=SESSION_SECONDS,
            httponly=True,
            samesite="Strict",
            secure=self.secure,
            path="/",
        )
        log.info("log-in: %s", name)
        return response

    async def handle_logout(self, request: Any) -> Any:
        from aiohttp import web

        if isinstance(self.login, PasswordLogin):
            self.login.sessions.pop(request.cookies.get(COOKIE, ""), None)
        response = web.HTTPSeeOther("/login")
        response.del_cookie(COOKIE, path="/")
        return response

    # --- sessions ----------------------------------------------------------------------------

    async def handle_websocket(self, request: Any) -> Any:
        """One desk process per WebSocket, as the request's editor; at most max_sessions."""
        from aiohttp import web

        if self.stopping:
            raise web.HTTPServiceUnavailable(text="newsdesk: stopping\n")
        if len(self.sessions) >= self.max_sessions:
            raise web.HTTPServiceUnavailable(
                text=f"newsdesk: {len(self.sessions)} sessions open, the most this server "
                "allows (--max-sessions); close a tab and try again\n"
            )
        websocket = web.WebSocketResponse(heartbeat=15, timeout=2.0)
        session = Session(request["editor"], websocket)
        self.sessions.add(session)  # the slot is taken before the first await
        try:
            await websocket.prepare(request)
            session.desk = DeskProcess(
                desk_argv(self.db_path, self.rules_path, session.editor),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await session.desk.start(width, height)
            log.info("session for %s: desk pid %s", session.editor, session.desk.pid)
            await self._process_messages(websocket, session.desk)
        except (asyncio.CancelledError, ConnectionError):
            pass
        except Exception as exc:  # a malformed message from the browser ends that session
            log.warning("session for %s ended: %s", session.editor, type(exc).__name__)
        finally:
            if session.desk is not None:
                await session.desk.shut()
            with contextlib.suppress(Exception):
                await websocket.close()
            self.sessions.discard(session)
        return websocket

    async def close_sessions(self) -> None:
        """Every open tab: its desk ended (quit, then its process group), its socket closed."""
        self.stopping = True
        sessions = list(self.sessions)

        async def close(session: Session) -> None:
            if session.desk is not None:
                await session.desk.shut()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(session.websocket.close(code=1001), 3)

        await asyncio.gather(*(close(s) for s in sessions), return_exceptions=True)

    # --- running -----------------------------------------------------------------------------

    def initialize_logging(self) -> None:
        """Plain lines on stderr, no rich tracebacks: an operator reads these."""
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl-C or SIGTERM, then end every desk process and return.

        OSError (the port is taken) is raised before anything is served.
        """
        self.debug = debug
        self.initialize_logging()
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        from aiohttp import web

        app = await self._make_app()
        runner = web.AppRunner(app, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, shutdown_timeout=3.0)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            raise
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        if self.on_ready:
            self.on_ready(self)
        try:
            await stop.wait()
        finally:
            await self.close_sessions()
            await runner.cleanup()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
