"""The drop folder: files that land in a directory are ingested once, then moved out of the way.

State lives in the file system, where an operator can see it: a file still in DIR is not
done yet; `DIR/.done/` holds what went in, `DIR/.failed/` what could not, each failed file
beside a `<name>.reason` saying why. After a crash between storing a file and moving it,
the restart ingests it again and the store's url/content check answers "already stored",
so no story is stored twice.

A file is taken only once it has stopped changing for `settle` seconds, so a slow copy is
never read half-written. Files ready together go in together, up to `batch` at a time:
rules and dedup then run once per batch, several times faster than once per file when a
thousand files land at once. Stopping (Ctrl-C, SIGTERM) finishes the batch in hand first;
`batch=1` makes that exactly the file in hand.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.ingest.readers import KNOWN_SUFFIXES
from newsdesk.store import StoreError, articles
from newsdesk.store.db import database_errors

# Errors that say nothing about the file: retried later, never a reason to fail one.
_DATABASE_TROUBLE = (StoreError, *database_errors())

DONE = ".done"
FAILED = ".failed"


@dataclass
class FileResult:
    path: str
    outcome: str  # "done" | "failed" | "partial" (stored, but some records were bad)
    stored: list[int] = field(default_factory=list)
    already_stored: int = 0
    errors: list[str] = field(default_factory=list)
    moved_to: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "outcome": self.outcome,
            "stored": len(self.stored),
            "ids": self.stored,
            "already_stored": self.already_stored,
            "errors": self.errors,
            "moved_to": self.moved_to,
        }


@dataclass
class Summary:
    files: int = 0
    stored: int = 0
    failed: int = 0  # files with any problem: failed whole, or some records bad

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.stored += len(result.stored)
        self.failed += bool(result.errors)


class DropFolder:
    """Watches `dirs`, feeding what lands there through `Desk.ingest` (rules and dedup too)."""

    def __init__(
        self,
        desk: Any,
        dirs: Sequence[str | Path],
        *,
        settle: float = 0.5,
        on_result: Callable[[FileResult], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        stop: threading.Event | None = None,
        dedup: bool = True,
        batch: int = 20,
    ) -> None:
        self.desk = desk
        self.dirs = [Path(d).resolve() for d in dirs]
        self.settle = settle
        self.on_result = on_result
        self.on_error = on_error
        self.stop = stop or threading.Event()
        self.dedup = dedup
        self.batch = max(1, batch)
        self.summary = Summary()
        self._pending: set[Path] = set()
        self._backoff = 1.0

    # --- which files -------------------------------------------------------------------------

    def _root(self, path: Path) -> Path | None:
        for root in self.dirs:
            try:
                path.relative_to(root)
            except ValueError:
                continue
            return root
        return None

    def wanted(self, path: Path) -> bool:
        """An article file of ours: not hidden, not in .done/.failed, a suffix we can read.

        Folders are never taken, whatever their name (their files are, one by one), and
        nothing is reached through a symlinked folder. A symlink or special file *is*
        wanted: `refusal` turns it away with a reason in .failed/, so the operator sees it.
        """
        root = self._root(path)
        if root is None or path == root:
            return False
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            return False
        if path.suffix.lower() not in KNOWN_SUFFIXES:
            return False
        if os.path.realpath(path.parent) != str(path.parent):
            return False  # reached through a symlinked folder: outside the drop folder
        try:
            return not stat.S_ISDIR(os.lstat(path).st_mode)
        except OSError:
            return False

    @staticmethod
    def refusal(path: Path) -> str | None:
        """Why a path is not read (a symlink, a FIFO, a device...), or None for a regular file.

        Checked with lstat, never following a link: a symlink could point anywhere
        (`/etc/hostname`), and opening a FIFO would block the watcher for good.
        """
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return None  # gone: ingest says so in its own words
        if stat.S_ISREG(mode):
            return None
        if stat.S_ISLNK(mode):
            what = "a symbolic link"
        elif stat.S_ISDIR(mode):
            what = "a folder"
        elif stat.S_ISFIFO(mode):
            what = "a named pipe (FIFO)"
        elif stat.S_ISSOCK(mode):
            what = "a socket"
        else:
            what = "a device or other special file"
        return f"{path}: {what}, not read (only regular files in the drop folder are ingested)"

    def scan(self) -> list[Path]:
        """Files waiting in the folders now: the backlog, and anything an event missed."""
        found = []
        for root in self.dirs:
            for here, subdirs, files in os.walk(root):
                subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))  # not .done/
                for name in sorted(files):
                    path = Path(here) / name
                    if self.wanted(path):
                        found.append(path)
                for name in sorted(subdirs):  # a symlink to a folder is listed among folders
                    path = Path(here) / name
                    if path.is_symlink() and self.wanted(path):
                        found.append(path)
        return found

    # --- one file ----------------------------------------------------------------------------

    def _age(self, path: Path) -> float | None:
        try:
            return time.time() - os.lstat(path).st_mtime  # the link itself, not its target
        except OSError:
            return None

    def process(self, path: Path) -> FileResult:
        """Ingest one file and move it to .done/ or .failed/ (with a .reason)."""
        return self.process_batch([path])[0]

    def process_batch(self, paths: Sequence[Path]) -> list[FileResult]:
        """Ingest several files in one go (rules and dedup run once), then move each.

        The report is split back per file by each story's `source`, which is the file's
        path, plus `:N` or `#N` for the Nth record of a multi-record file. Anything but a
        regular file is refused here, the last moment before reading, into .failed/.
        """
        order = list(paths)
        refused: dict[Path, FileResult] = {}
        for p in order:
            why = self.refusal(p)
            if why is None:
                continue
            if os.path.isdir(p) and not os.path.islink(p):
                refused[p] = FileResult(str(p), "failed", errors=[why])  # left where it is
            else:
                refused[p] = self._give_up(p, why)
        paths = [p for p in paths if p not in refused] if refused else paths
        if not paths:
            return list(refused.values())
        report = self.desk.ingest(list(paths), dedup=self.dedup)
        results = {p: FileResult(str(p), "done") for p in paths}
        names = sorted(((str(p), p) for p in paths), key=lambda sp: -len(sp[0]))

        def owner(source: str) -> Path | None:
            for name, p in names:
                if source == name or source.startswith((name + ":", name + "#")):
                    return p
            return None

        for error in report.errors:
            p = owner(error.source)
            if p is not None:
                results[p].errors.append(f"{error.source}: {error.reason}")
        for source, _existing, _why in report.existing:
            p = owner(source)
            if p is not None:
                results[p].already_stored += 1
        for aid in report.stored:
            row = articles.get_article(self.desk.store, aid)
            p = owner(row["source"] or "") if row else None
            if p is not None:
                results[p].stored.append(aid)
        for p, result in results.items():
            handled = bool(result.stored or result.already_stored)
            if result.errors:
                result.outcome = "partial" if handled else "failed"
            try:
                moved = self._move(p, FAILED if result.outcome == "failed" else DONE, result.errors)
                result.moved_to = str(moved)
            except OSError as exc:  # gone meanwhile, or the folder is read-only
                result.errors.append(f"{p}: not moved: {exc.strerror or exc}")
        results.update(refused)
        return [results[p] for p in order]

    def _give_up(self, path: Path, reason: str) -> FileResult:
        result = FileResult(str(path), "failed", errors=[reason])
        try:
            result.moved_to = str(self._move(path, FAILED, [reason]))
        except OSError as exc:
            result.errors.append(f"{path}: cannot move to {FAILED}/: {exc}")
        return result

    def _move(self, path: Path, where: str, errors: list[str]) -> Path:
        root = self._root(path) or path.parent
        target = root / where / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        n = 1
        while os.path.lexists(target):  # the same name dropped again: keep both
            target = target.with_name(f"{path.stem}.{n}{path.suffix}")
            n += 1
        path.replace(target)
        if errors:
            reason = target.with_name(target.name + ".reason")
            if os.path.islink(reason):  # never write through a link someone planted
                reason.unlink()
            fd = os.open(reason, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write("\n".join(errors) + "\n")
        return target

    # --- the loop ----------------------------------------------------------------------------

    def drain(self, paths: Iterable[Path] = ()) -> None:
        """Process every pending file that has settled; the rest wait for the next round."""
        self._pending.update(p for p in paths if self.wanted(p))
        ready = []
        for path in sorted(self._pending):
            age = self._age(path)
            if age is None:  # gone (moved away by someone else, or a temp file renamed)
                self._pending.discard(path)
            elif age >= self.settle:
                ready.append(path)
        for start in range(0, len(ready), self.batch):
            if self.stop.is_set():
                return
            group = ready[start : start + self.batch]
            self._pending.difference_update(group)
            try:
                results = self._ingest(group)
            except _DATABASE_TROUBLE as exc:
                # the database (locked, full, schema), not the files: they wait in place
                self._pending.update(p for p in group if p.exists())
                if self.on_error:
                    self.on_error(f"{len(group)} file(s) not ingested yet: {exc}")
                self.stop.wait(self._backoff)
                self._backoff = min(self._backoff * 2, 30.0)
                return
            self._backoff = 1.0
            for result in results:
                self.summary.add(result)
                if self.on_result:
                    self.on_result(result)

    def _ingest(self, group: list[Path]) -> list[FileResult]:
        """The batch; on a bug, file by file, so only the file that has it fails."""
        try:
            return self.process_batch(group)
        except _DATABASE_TROUBLE:
            raise
        except Exception as exc:
            if len(group) == 1:
                return [self._give_up(group[0], f"{group[0]}: internal error: {exc!r}")]
        return [r for p in group for r in self._ingest([p])]

    def run(self, once: bool = False, poll: float = 0.2, rescan: float = 30.0) -> Summary:
        """The backlog, then new files until `stop` is set (or return at once, with `once`).

        Events can be lost (a full inotify queue when thousands of files land at once), so
        the folders are also rescanned every `rescan` seconds: a file is never left behind.
        """
        if once:
            self.drain(self.scan())
            while self._pending and not self.stop.is_set():
                time.sleep(min(self.settle, 0.1))
                self.drain()
            return self.summary
        import watchfiles

        last_scan = 0.0  # the first scan comes once the watcher runs: no gap to drop into
        for changes in watchfiles.watch(
            *self.dirs,
            watch_filter=lambda change, p: (
                change != watchfiles.Change.deleted and self.wanted(Path(p))
            ),
            debounce=100,
            step=20,
            stop_event=self.stop,
            rust_timeout=max(50, int(poll * 1000)),
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            found: Iterable[Path] = [Path(p) for _, p in changes]
            if time.monotonic() - last_scan >= rescan:
                found = [*found, *self.scan()]
                last_scan = time.monotonic()
            self.drain(found)
            if self.stop.is_set():
                break
        return self.summary
