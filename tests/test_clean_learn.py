"""Per-outlet boilerplate learned from the store's own articles."""

from __future__ import annotations

from newsdesk.ingest.boilerplate_learn import learn_boilerplate
from newsdesk.ingest.clean import clean_article

PLUG = "Halo, pembaca nawala Cek Fakta Tempo!"
QUOTE = '"Menjatuhkan pidana terhadap terdakwa dengan pidana penjara selama 16 tahun," kata hakim.'


def _story(n: int, *extra: str) -> str:
    return "\n".join((f"Berita nomor {n} tentang kejadian ke-{n} di kota {n}.", *extra, "Penutup."))


def test_a_line_recurring_across_many_stories_of_one_outlet_is_learned() -> None:
    pairs = [("Tempo.co", _story(n, PLUG)) for n in range(10)]
    pairs += [("Tempo.co", _story(n)) for n in range(10, 40)]
    learned = learn_boilerplate(pairs)
    assert learned == {"Tempo.co": frozenset({PLUG, "Penutup."})}


def test_learning_is_per_outlet_and_needs_enough_stories() -> None:
    pairs = [("Tempo.co", _story(n, PLUG)) for n in range(4)]
    pairs += [("Kompas.com", _story(n, PLUG)) for n in range(4)]
    assert learn_boilerplate(pairs, min_articles=5) == {}
    assert PLUG in learn_boilerplate(pairs, min_articles=4)["Tempo.co"]


def test_a_quote_repeated_in_follow_ups_of_one_story_is_kept() -> None:
    # the same trial reported five times opens the same way: one story, not a formula
    same_story = "Majelis hakim Pengadilan Tipikor Jakarta membacakan vonis Zarof Ricar."
    pairs = [("Kompas.com", f"{same_story}\nBaca: {QUOTE}\n{n}") for n in range(6)]
    assert learn_boilerplate(pairs) == {}


def test_long_recurring_sentences_are_not_learned() -> None:
    long_line = " ".join(["kata"] * 20) + "."
    pairs = [("Detik.com", _story(n, long_line)) for n in range(10)]
    assert long_line not in learn_boilerplate(pairs).get("Detik.com", frozenset())


def test_articles_without_an_outlet_teach_nothing() -> None:
    assert learn_boilerplate([(None, _story(n, PLUG)) for n in range(10)]) == {}


def test_learned_lines_feed_the_cleaner() -> None:
    pairs = [("Tempo.co", _story(n, PLUG)) for n in range(10)]
    learned = learn_boilerplate(pairs)["Tempo.co"]
    cleaned = clean_article("Judul", _story(99, PLUG), learned=learned)
    assert PLUG not in cleaned.body
    assert cleaned.body.startswith("Berita nomor 99")


def test_learned_lines_round_trip_through_the_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.store import boilerplate
    from newsdesk.store.db import Store

    store = Store.open(tmp_path / "desk.db")
    try:
        with store.write() as db:
            db["articles"].insert_all(
                {
                    "title": f"Judul {n}",
                    "body": clean_article(None, _story(n, PLUG)).body,
                    "raw": b"",
                    "ingested_at": "2025-06-18T00:00:00+00:00",
                    "content_hash": f"h{n}",
                    "outlet": "Tempo.co" if n < 8 else None,
                }
                for n in range(10)
            )
        learned = learn_boilerplate(boilerplate.outlet_bodies(store))
        assert PLUG in learned["Tempo.co"]
        assert boilerplate.replace_learned(store, learned) == len(learned["Tempo.co"])
        assert boilerplate.learned_lines(store) == learned
        assert boilerplate.learned_lines(store, "Kompas.com") == {}
        assert boilerplate.replace_learned(store, {}) == 0
        assert boilerplate.learned_lines(store) == {}
    finally:
        store.close()
