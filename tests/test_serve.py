"""serve: the desk in a browser, each session as its editor; strangers, other sites and other
host names are refused; a cap on sessions; a clean stop with tabs open."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

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


PASSWORDS = {"ana": "ana-secret-1", "budi": "budi-secret-2"}
SERVED_DB: dict[str, Path] = {}  # the database behind `served`


def start_serve(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], int, Path]:
    """A database with the seeds and `newsdesk serve ARGS` on a free port, ready to answer."""
    db_path = tmp_path / "desk.db"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if not db_path.exists():
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
            *args,
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
            get(port, "/login")
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"serve exited: {proc.stderr.read() if proc.stderr else ''}")
            time.sleep(0.1)
    return proc, port, db_path


def stop_serve(proc: subprocess.Popen[str], sig: int = signal.SIGTERM) -> str:
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("serve did not stop within 20 s")
    return err


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """One server for the module (starting one takes seconds): two editors, two sessions."""
    from newsdesk.serve import set_password

    tmp_path = tmp_path_factory.mktemp("serve")
    for name, password in PASSWORDS.items():
        set_password(tmp_path / "passwords", name, password)
    proc, port, db_path = start_serve(
        tmp_path, "--passwords", str(tmp_path / "passwords"), "--max-sessions", "2"
    )
    SERVED_DB["path"] = db_path
    yield port
    err = stop_serve(proc)
    assert "Traceback" not in err, err


def log_in(port: int, user: str, password: str) -> tuple[int, dict[str, str]]:
    """POST the log-in form; the status and the headers to send from then on."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(
            "POST",
            "/login",
            body=urlencode({"user": user, "password": password}),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        response = conn.getresponse()
        response.read()
        cookie = (response.getheader("Set-Cookie") or "").split(";", 1)[0]
        return response.status, ({"Cookie": cookie} if cookie else {})
    finally:
        conn.close()


def children_of(pid: int) -> set[int]:
    """Every process under `pid`, from /proc (the desks and anything they started)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        here = todo.pop()
        for child, parent in parents.items():
            if parent == here and child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return []


async def open_desk(port: int, headers: dict[str, str]) -> tuple[Any, Any]:
    """A browser tab: the WebSocket, read until the desk has drawn a seed headline."""
    import aiohttp

    session = aiohttp.ClientSession()
    try:
        ws = await session.ws_connect(
            f"ws://127.0.0.1:{port}/ws?width=100&height=30",
            headers={"Origin": f"http://127.0.0.1:{port}", **headers},
        )
        received = b""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and b"Sekda" not in received:
            msg = await ws.receive(timeout=30)
            if msg.type == aiohttp.WSMsgType.BINARY:
                received += msg.data
            elif msg.type == aiohttp.WSMsgType.TEXT:
                received += msg.data.encode()
            else:
                break
        assert b"Sekda" in received  # a seed headline, drawn by the desk in the browser
    except BaseException:
        await session.close()
        raise
    return session, ws


WS_HEADERS = {
    "Connection": "Upgrade",
    "Upgrade": "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
}


def test_nothing_is_served_without_a_log_in(served: int) -> None:
    status, _ = get(served, "/")
    assert status == 303  # to the log-in form
    for path in ("/static/js/textual.js", "/download/x", "/logout/../"):
        assert get(served, path)[0] == 401, path
    status, body = get(served, "/ws", dict(WS_HEADERS))
    assert status == 401 and "log in" in body
    status, page = get(served, "/login")
    assert status == 200 and 'type="password"' in page


def test_a_wrong_password_or_unknown_editor_is_refused(served: int) -> None:
    for user, password in (("budi", "ana-secret-1"), ("nobody", "budi-secret-2"), ("budi", "")):
        status, headers = log_in(served, user, password)
        assert (status, headers) == (401, {}), user
    status, _ = get(served, "/", {"Cookie": "newsdesk_session=forged"})
    assert status == 303


def test_page_is_served_after_log_in(served: int) -> None:
    status, headers = log_in(served, "ana", PASSWORDS["ana"])
    assert status == 303 and "newsdesk_session=" in headers["Cookie"]
    status, page = get(served, "/", headers)
    assert status == 200
    assert f"ws://127.0.0.1:{served}/ws" in page  # the page drives the desk over this socket
    assert "newsdesk" in page
    assert get(served, "/static/js/textual.js", headers)[0] == 200


def test_other_sites_and_rebound_host_names_are_refused(served: int) -> None:
    _, cookie = log_in(served, "ana", PASSWORDS["ana"])
    status, body = get(served, "/ws", {**WS_HEADERS, **cookie, "Origin": "http://evil.example"})
    assert status == 403 and "origin" in body
    for path in ("/", "/static/js/textual.js", "/login", "/ws", "/download/x"):
        status, body = get(served, path, {**cookie, "Host": f"evil.example:{served}"})
        assert status == 403 and "host" in body, path


async def test_each_browser_session_runs_the_desk_as_its_editor(served: int) -> None:
    _, cookie = log_in(served, "budi", PASSWORDS["budi"])
    session, ws = await open_desk(served, cookie)
    try:
        await ws.send_str(json.dumps(["stdin", "a"]))  # approve the story under the cursor
        db_path = SERVED_DB["path"]
        actors: list[str] = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not actors:
            await asyncio.sleep(0.2)
            with sqlite3.connect(db_path) as db:
                actors = [
                    r[0] for r in db.execute("SELECT actor FROM audit WHERE action = 'approve'")
                ]
        assert actors == ["budi"]  # not "ana", who started the server
    finally:
        await ws.close()
        await session.close()


async def open_desk_when_free(served: int, cookie: dict[str, str]) -> Any:
    """A desk as soon as a slot is free (a closed tab's desk takes a moment to end)."""
    import aiohttp

    deadline = time.monotonic() + 20
    while True:
        try:
            return await open_desk(served, cookie)
        except aiohttp.WSServerHandshakeError:
            assert time.monotonic() < deadline, "a closed session's slot never came back"
            await asyncio.sleep(0.2)


async def test_sessions_are_capped(served: int) -> None:
    import aiohttp

    _, cookie = log_in(served, "ana", PASSWORDS["ana"])
    tabs = []
    try:
        for _ in range(2):  # earlier tests' closed tabs give their slots back in their time
            tabs.append(await open_desk_when_free(served, cookie))
        async with aiohttp.ClientSession() as client:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(
                    f"ws://127.0.0.1:{served}/ws",
                    headers={"Origin": f"http://127.0.0.1:{served}", **cookie},
                )
            assert refused.value.status == 503
        await tabs[0][1].close()
        await tabs[0][0].close()
        tabs = tabs[1:]
        # the closed tab's slot comes back: a cap, not a leak
        tabs.append(await open_desk_when_free(served, cookie))
    finally:
        for session, ws in tabs:
            await ws.close()
            await session.close()


def test_non_loopback_needs_allow_remote(db_path: Path, tmp_path: Path) -> None:
    args = ["--db", str(db_path), "serve", "--trust-header", "X-Remote-User"]
    result = CliRunner().invoke(main, [*args, "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "not a loopback address" in result.stderr and "--allow-remote" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "say how editors are known"),
        (["--no-login", "--trust-header", "X-User"], "exclude each other"),
        (["--no-login", "--host", "0.0.0.0", "--allow-remote"], "loopback only"),
        (["--passwords", "missing.txt"], "missing.txt: cannot read"),
    ],
)
def test_nothing_is_served_without_a_way_to_know_editors(
    db_path: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(main, ["--db", str(db_path), "serve", *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_serve_passwd_keeps_salted_scrypt_hashes(tmp_path: Path) -> None:
    from newsdesk.serve import check_password, load_passwords

    path = tmp_path / "passwords"
    for name in ("ana", "budi", "ana"):  # ana twice: her password is replaced, not doubled
        result = CliRunner().invoke(
            main,
            ["serve-passwd", str(path), name, "--password-stdin"],
            input="the same password\n",
        )
        assert result.exit_code == 0, result.output
    users = load_passwords(path)
    assert sorted(users) == ["ana", "budi"]
    assert users["ana"].startswith("scrypt$") and users["ana"] != users["budi"]  # salted
    assert "the same password" not in path.read_text()
    assert check_password("the same password", users["ana"])
    assert not check_password("the same passwore", users["ana"])
    assert path.stat().st_mode & 0o777 == 0o600
    short = CliRunner().invoke(
        main, ["serve-passwd", str(path), "citra", "--password-stdin"], input="short\n"
    )
    assert short.exit_code == 2 and "at least 8" in short.stderr


async def test_a_proxy_header_names_the_editor_and_stop_ends_every_desk(tmp_path: Path) -> None:
    """SIGTERM with a tab open: the server and every desk process end, no traceback."""
    proc, port, _ = start_serve(tmp_path, "--trust-header", "X-Remote-User")
    try:
        assert get(port, "/")[0] == 401  # no header: the proxy did not vouch for anyone
        assert get(port, "/", {"X-Remote-User": "citra dewi"})[0] == 401  # not a name
        assert get(port, "/", {"X-Remote-User": "citra"})[0] == 200
        session, _ws = await open_desk(port, {"X-Remote-User": "citra"})
        desks = children_of(proc.pid)
        assert desks and all("--as" in cmdline(p) for p in desks)
        assert {cmdline(p)[cmdline(p).index("--as") + 1] for p in desks} == {"citra"}
        err = await asyncio.to_thread(stop_serve, proc, signal.SIGTERM)
        await session.close()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert not [p for p in desks if alive(p)], "desk processes left behind"


async def test_ctrl_c_with_a_tab_open_stops_cleanly_without_log_in_on_loopback(
    tmp_path: Path,
) -> None:
    proc, port, _ = start_serve(tmp_path, "--no-login")
    try:
        session, _ws = await open_desk(port, {})
        desks = children_of(proc.pid)
        assert desks
        err = await asyncio.to_thread(stop_serve, proc, signal.SIGINT)
        await session.close()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert not [p for p in desks if alive(p)], "desk processes left behind"


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
                "--no-login",
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


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
async def test_a_killed_server_leaves_no_desk_behind(tmp_path: Path) -> None:
    """kill -9 (or the OOM killer) gives no chance to clean up: the desks follow anyway."""
    proc, port, _ = start_serve(tmp_path, "--no-login")
    try:
        session, _ws = await open_desk(port, {})
        desks = children_of(proc.pid)
        assert desks
    finally:
        proc.kill()
        proc.communicate()
    try:
        deadline = time.monotonic() + 20
        while [p for p in desks if alive(p)] and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        left = [p for p in desks if alive(p)]
        for p in left:
            os.kill(p, signal.SIGKILL)
        assert not left, "desk processes outlived a killed server"
    finally:
        await session.close()


def test_a_session_gets_a_server_url_through_the_environment_not_argv(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`ps` shows every user a process's argv: a PostgreSQL password must not be there."""
    from newsdesk.serve import DeskServer, NoLogin, desk_argv

    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    url = "postgresql://ana:secret@db.example/desk"
    DeskServer(url, "rules.yaml", "127.0.0.1", 0, login=NoLogin("ana"))
    argv = desk_argv(url, "rules.yaml", "ana")
    assert not any("secret" in part for part in argv) and "--db" not in argv
    assert os.environ["NEWSDESK_DB"] == url
    path_argv = desk_argv("desk.db", "rules.yaml", "ana")
    assert path_argv[path_argv.index("--db") + 1].endswith("desk.db")
