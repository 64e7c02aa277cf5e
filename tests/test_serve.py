"""serve: the desk in a browser on loopback; other sites and other host names are refused."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main

from .conftest import REPO, SEEDS

pytest.importorskip("textual_serve")

CLI = "from newsdesk.cli import main; main()"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str = "/", headers: dict[str, str] | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """One server for the module: starting it (and a desk per session) takes seconds."""
    tmp_path = tmp_path_factory.mktemp("serve")
    db_path = tmp_path / "desk.db"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run(
        [sys.executable, "-c", CLI, "--db", str(db_path), "ingest", str(SEEDS)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CLI,
            "--db",
            str(db_path),
            "--as",
            "ana",
            "serve",
            "--port",
            str(port),
        ],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            get(port)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"serve exited: {proc.stderr.read() if proc.stderr else ''}")
            time.sleep(0.1)
    yield port
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail("serve did not stop on SIGTERM")


WS_HEADERS = {
    "Connection": "Upgrade",
    "Upgrade": "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
}


def test_page_is_served_on_loopback(served: int) -> None:
    status, page = get(served)
    assert status == 200
    assert f"ws://127.0.0.1:{served}/ws" in page  # the page drives the desk over this socket
    assert "newsdesk" in page


def test_other_sites_and_rebound_host_names_are_refused(served: int) -> None:
    status, body = get(served, "/ws", {**WS_HEADERS, "Origin": "http://evil.example"})
    assert status == 403 and "origin" in body
    status, body = get(served, "/", {"Host": f"evil.example:{served}"})
    assert status == 403 and "host" in body


async def test_a_browser_session_runs_the_desk(served: int) -> None:
    import aiohttp

    origin = f"http://127.0.0.1:{served}"
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(
            f"ws://127.0.0.1:{served}/ws?width=100&height=30", headers={"Origin": origin}
        ) as ws,
    ):
        received = b""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and b"Sekda" not in received:
            msg = await ws.receive(timeout=30)
            if msg.type == aiohttp.WSMsgType.BINARY:
                received += msg.data
            elif msg.type == aiohttp.WSMsgType.TEXT:
                received += msg.data.encode()
            elif msg.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
        assert b"Sekda" in received  # a seed headline, drawn by the desk in the browser


def test_non_loopback_needs_allow_remote(db_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db_path), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "no log-in" in result.stderr


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                CLI,
                "--db",
                str(tmp_path / "d.db"),
                "serve",
                "--port",
                str(port),
            ],
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr
