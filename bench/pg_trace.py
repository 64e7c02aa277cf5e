"""Where an ingest's wall time goes on PostgreSQL, per statement (bench only, a diagnostic).

Runs `newsdesk ARGS...` in this process with `PgConnection.execute` / `executemany` timed:
wall time from the call to its return (client + round trip + server), grouped by the SQL's
first 90 characters and its caller in store/, then the top 25 by total time.

    python bench/pg_trace.py --db postgresql://USER@HOST/DB --rules rules.yaml ingest FILES
"""

from __future__ import annotations

import atexit
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsdesk.store import postgres_engine  # noqa: E402

STATS: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0, 0.0, 0])


def _caller() -> str:
    frame = sys._getframe(2)
    while frame and "store/" not in frame.f_code.co_filename.replace("\\", "/"):
        frame = frame.f_back
    if frame is None:
        return "?"
    f = frame.f_back or frame
    here = f"{Path(frame.f_code.co_filename).name}:{frame.f_code.co_name}"
    return f"{here} <- {Path(f.f_code.co_filename).name}:{f.f_code.co_name}"


def _wrap(name: str) -> None:
    orig = getattr(postgres_engine.PgConnection, name)

    def timed(self, sql, params=(), /):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return orig(self, sql, params)
        finally:
            took = time.perf_counter() - start
            key = (name, " ".join(sql.split())[:90], _caller())
            s = STATS[key]
            s[0] += 1
            s[1] += took
            if name == "executemany":
                s[2] += 1

    setattr(postgres_engine.PgConnection, name, timed)


def _wrap_pipeline() -> None:
    """A pipeline's statements only queue in `execute`; the round trip is paid when the
    block ends (sync). Time the whole block as one call of kind `pipeline`, so pipelined
    work is not hidden (its statements still count, with ~0 s each)."""
    from contextlib import contextmanager

    orig = postgres_engine.PostgresEngine.pipeline

    @contextmanager
    def timed(self, conn):  # type: ignore[no-untyped-def]
        caller = _caller()
        start = time.perf_counter()
        try:
            with orig(self, conn) as p:
                yield p
        finally:
            s = STATS[("pipeline", "(block: the statements above, sent together)", caller)]
            s[0] += 1
            s[1] += time.perf_counter() - start

    postgres_engine.PostgresEngine.pipeline = timed  # type: ignore[method-assign]


def report() -> None:
    total = sum(s[1] for k, s in STATS.items() if k[0] != "pipeline")
    calls = sum(s[0] for k, s in STATS.items() if k[0] != "pipeline")
    blocks = [s for k, s in STATS.items() if k[0] == "pipeline"]
    print(f"\n{calls} calls, {total:.2f} s in execute/executemany", file=sys.stderr)
    if blocks:
        print(
            f"{sum(b[0] for b in blocks)} pipeline blocks, {sum(b[1] for b in blocks):.2f} s"
            " (their statements' own time is in the calls above)",
            file=sys.stderr,
        )
    print("| calls | total s | ms/call | kind | caller | SQL |", file=sys.stderr)
    print("|---:|---:|---:|---|---|---|", file=sys.stderr)
    for (kind, sql, caller), (n, t, _) in sorted(STATS.items(), key=lambda kv: -kv[1][1])[:25]:
        print(
            f"| {n} | {t:.2f} | {t / n * 1000:.2f} | {kind} | {caller} | `{sql}` |", file=sys.stderr
        )


_wrap("execute")
_wrap("executemany")
_wrap_pipeline()
atexit.register(report)

if __name__ == "__main__":
    from newsdesk.cli import main

    sys.argv = ["newsdesk", *sys.argv[1:]]
    main()
