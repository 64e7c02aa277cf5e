"""Worker processes for the concurrency and crash tests: an editor, a merger, a rules run.

Run as `python -m tests.stress_workers KIND ...` from the repo root. Each worker uses the same
service the CLI and the TUI use (`Desk`), in its own process with its own connection, and
writes what it did as JSON so the test can compare it with the audit log.
"""

from __future__ import annotations

import json
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from newsdesk.desk import ActionError, Desk
from newsdesk.merge import MergeError, merge, unmerge

ACTIONS = ("approve", "reject", "tag", "untag", "priority", "merge", "unmerge", "undo")
WEIGHTS = (20, 14, 20, 8, 10, 12, 6, 10)


def _act(desk: Desk, rng: random.Random, pool: list[int], merged: list[int]) -> tuple[str, Any]:
    """One random editor action; returns (action, ActionResult | Entry | None)."""
    action = rng.choices(ACTIONS, WEIGHTS)[0]
    # half the time one of a few hot stories, so the editors really collide
    aid = rng.choice(pool[:8] if rng.random() < 0.5 else pool)
    kw: dict[str, Any] = {}
    if rng.random() < 0.5:
        # what the editor saw on screen: act on it a moment later, as a person would
        seen = desk.article(aid)
        if seen is not None:
            kw["expected_versions"] = {aid: seen.version}
        time.sleep(rng.random() * 0.003)
    if action == "approve":
        return action, desk.approve([aid], **kw)
    if action == "reject":
        return action, desk.reject([aid], "stress", **kw)
    if action == "tag":
        return action, desk.tag([aid], [rng.choice(["banjir", "pilkada", "ekonomi"])], **kw)
    if action == "untag":
        return action, desk.untag([aid], [rng.choice(["banjir", "pilkada", "ekonomi"])], **kw)
    if action == "priority":
        return action, desk.set_priority([aid], rng.choice(["urgent", "high", "normal", None]))
    if action == "merge":
        other = rng.choice(pool[:8] if rng.random() < 0.5 else pool)
        actor = desk.actor
        result = desk.mutate("merge", [aid, other], lambda s: merge(s, aid, [other], actor), **kw)
        merged.append(other)
        return action, result
    if action == "unmerge":
        target = merged.pop() if merged and rng.random() < 0.8 else aid
        return action, desk.mutate("unmerge", [target], lambda s: unmerge(s, target))
    return action, desk.undo()


def editor(db: str, actor: str, n: int, seed: int, pool_hi: int, out: str) -> None:
    rng = random.Random(seed)
    desk = Desk.open(db, None, actor=actor)
    pool = list(range(1, pool_hi + 1))
    merged: list[int] = []
    done: list[int] = []  # audit ids of actions that changed something (undos included)
    refused: list[str] = []  # clear messages a user would see (conflicts, invalid merges)
    failures: list[str] = []  # anything else: a bug, or a lock that reached the user
    for _ in range(n):
        try:
            action, result = _act(desk, rng, pool, merged)
        except (ActionError, MergeError) as exc:
            (failures if _locked(exc) else refused).append(str(exc))
            continue
        except Exception as exc:
            failures.append(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
            continue
        if action == "undo":
            if result is not None:
                last = desk.history(None, limit=200)
                mine = [e.id for e in last if e.actor == actor and e.undoes == result.id]
                done.extend(mine[:1])
        elif result.audit_id is not None:
            done.append(result.audit_id)
    desk.close()
    Path(out).write_text(
        json.dumps({"actor": actor, "done": done, "refused": refused, "failures": failures})
    )


def _locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def merger(db: str, keep: int, others: str) -> None:
    """One merge through the desk; the crash test kills it at a random moment."""
    desk = Desk.open(db, None, actor="crash")
    ids = [int(x) for x in others.split(",")]
    desk.mutate("merge", [keep, *ids], lambda s: merge(s, keep, ids, "crash"))
    desk.close()


def main(argv: list[str]) -> None:
    kind, *args = argv
    if kind == "editor":
        db, actor, n, seed, pool_hi, out = args
        editor(db, actor, int(n), int(seed), int(pool_hi), out)
    elif kind == "merger":
        merger(args[0], int(args[1]), args[2])
    else:
        raise SystemExit(f"unknown worker {kind}")


if __name__ == "__main__":
    main(sys.argv[1:])
