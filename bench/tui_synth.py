"""A synthetic inbox for the desk benchmark and for trying the TUI at scale.

Rows go in through `store.articles.insert_articles` (the store's own insert path), in
batches, so a 1M-story database takes a minute or two and is cached between runs.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from pathlib import Path

from newsdesk.store import Store, families
from newsdesk.store.articles import insert_articles, max_id

OUTLETS = ("Harian Berkat", "Kompas", "Tempo", "Antara", "Detik", "Tribun Pontianak", "Suara")
WORDS = (
    "gubernur bupati pemprov sinergi pembangunan banjir jalan sekolah pasar harga beras "
    "pemilu kpu polisi kebakaran hutan sungai kapuas pontianak jakarta kalbar anggaran "
    "rapat kerja sama daerah investasi pelabuhan bandara nelayan petani sawit karet listrik"
).split()


def synth_rows(start: int, count: int, seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed + start)
    day0 = date(2025, 10, 31)
    rows = []
    for i in range(start, start + count):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize()
        body = " ".join(rng.choice(WORDS) for _ in range(60)) + f" ({i})"
        published = (day0 - timedelta(days=i // 2000)).isoformat()
        rows.append(
            {
                "title": f"{title} {i}",
                "body": body,
                "raw": body.encode(),
                "source": f"synth#{i}",
                "format": "text",
                "outlet": rng.choice(OUTLETS),
                "url": None,
                "published": published,
                "lang": "id",
                "content_hash": hashlib.sha256(f"{i}:{title}".encode()).hexdigest(),
            }
        )
    return rows


def build(path: Path, n: int, batch: int = 20_000) -> Path:
    """A database of `n` synthetic stories at `path` (reused when it already has them).

    A third of the stories are in story families of three (neighbours: same day), so the
    inbox collapses them as it does real duplicates.
    """
    store = Store.open(path)
    try:
        have = max_id(store)
        for start in range(have, n, batch):
            insert_articles(store, synth_rows(start, min(batch, n - start)))
        with store.write() as db:
            if not families.all_members(db):
                rows = [
                    (i, i - (i - 1) % 3, 80.0, ["synthetic family"], "dedup")
                    for i in range(1, n + 1)
                    if (i - 1) % 9 < 3
                ]
                families.put_members_bulk(db, rows)
    finally:
        store.close()
    return path
