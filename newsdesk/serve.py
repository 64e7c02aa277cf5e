"""The desk in a browser, through textual-serve, for editors who cannot use a terminal.

Security stance: textual-serve has no log-in. Whoever reaches the port drives the desk
as the editor named by `--as`, so:

- it binds to 127.0.0.1 unless told otherwise, and a non-loopback address needs an
  explicit `--allow-remote` (meant for use behind an authenticating reverse proxy);
- the WebSocket that carries keystrokes only accepts a browser page served by us: a
  foreign `Origin` (any web site open in the same browser trying to reach
  ws://127.0.0.1) and a foreign `Host` (DNS rebinding) are refused with 403.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from textual_serve.server import Server


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def desk_command(db_path: str, rules_path: str, actor: str) -> str:
    """The shell command each browser session runs: the TUI on the same database."""
    return shlex.join(
        [
            sys.executable,
            "-c",
            "from newsdesk.cli import main; main()",
            "--db",
            str(Path(db_path).resolve()),
            "--rules",
            str(Path(rules_path).resolve()),
            "--as",
            actor,
        ]
    )


class DeskServer(Server):
    """textual-serve's server, refusing WebSockets opened by other sites or other host names."""

    def __init__(self, command: str, host: str, port: int, public_url: str | None = None):
        super().__init__(command, host=host, port=port, title="newsdesk", public_url=public_url)
        public = urlsplit(self.public_url)
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

    async def handle_index(self, request: Any) -> Any:
        from aiohttp import web

        reason = self.allowed(request.headers)
        if reason:
            raise web.HTTPForbidden(text=f"newsdesk: {reason}\n")
        return await super().handle_index(request)

    async def handle_websocket(self, request: Any) -> Any:
        from aiohttp import web

        reason = self.allowed(request.headers)
        if reason:
            raise web.HTTPForbidden(text=f"newsdesk: {reason}\n")
        return await super().handle_websocket(request)
