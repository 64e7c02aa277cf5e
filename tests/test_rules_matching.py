"""What a rule matches: whole words, folded case and accents, fuzzy names, offsets for explain."""

from __future__ import annotations

import textwrap
from datetime import date

from newsdesk.model import Article
from newsdesk.rules import RuleSet, load_rules_text


def rules(body: str, head: str = "") -> RuleSet:
    return load_rules_text(
        "version: 1\n" + textwrap.dedent(head) + "rules:\n" + textwrap.dedent(body)
    )


def one_rule(when: str, head: str = "") -> RuleSet:
    return rules(f"  - id: r\n    when: {when}\n    then: {{tag: [t]}}\n", head)


def fires(rs: RuleSet, body: str = "", title: str = "", **fields: str) -> bool:
    return "r" in rs.evaluate({"title": title, "body": body, **fields}).fired


def test_terms_match_whole_words_only() -> None:
    rs = one_rule("{text: [wisata]}")
    assert fires(rs, "Objek wisata baru dibuka.")
    assert not fires(rs, "Wisatawan datang.")
    assert not fires(rs, "Pariwisata tumbuh.")


def test_case_and_accents_do_not_matter() -> None:
    rs = one_rule("{text: [cafe, Jum'at]}")
    assert fires(rs, "Ngopi di CAFÉ Pontianak.")
    assert fires(rs, "Pada Jum’at pagi.")


def test_phrases_match_across_spaces_line_breaks_and_hyphens() -> None:
    rs = one_rule("{text: [kerja sama daerah]}")
    assert fires(rs, "Biro Kerja\n  Sama-Daerah mengundang.")
    assert not fires(rs, "kerja keras sama daerah")


def test_min_hits_counts_occurrences_across_title_and_body() -> None:
    rs = one_rule("{text: {any: [wisata, turis], min_hits: 3}}")
    assert not fires(rs, "wisata dan turis")
    assert fires(rs, "wisata dan turis", title="Turis datang")


def test_a_phrase_inside_a_longer_phrase_of_the_same_list_counts_once() -> None:
    rs = one_rule("{text: {any: [destinasi wisata, wisata], min_hits: 2}}")
    assert not fires(rs, "Destinasi wisata baru.")
    assert fires(rs, "Destinasi wisata baru, wisata lama.")


def test_overlapping_terms_of_different_rules_both_match() -> None:
    rs = rules(
        """\
        - id: panjang
          when: {text: [kalimantan barat]}
          then: {tag: [a]}
        - id: pendek
          when: {text: [kalimantan]}
          then: {tag: [b]}
        - id: ekor
          when: {text: [barat]}
          then: {tag: [c]}
        """
    )
    assert rs.evaluate({"title": "", "body": "di Kalimantan Barat"}).fired == [
        "panjang",
        "pendek",
        "ekor",
    ]


def test_all_needs_every_term() -> None:
    rs = one_rule("{text: {all: [banjir, sintang]}}")
    assert fires(rs, "Banjir di Sintang")
    assert not fires(rs, "Banjir di Sambas")


def test_field_conditions_look_only_at_their_field() -> None:
    rs = one_rule("{title: [advertorial]}")
    assert fires(rs, title="ADVERTORIAL: promo")
    assert not fires(rs, "advertorial di body")


def test_not_any_all_nest_without_precedence() -> None:
    rs = one_rule("{all: [{text: [banjir]}, {not: {any: [{text: [jakarta]}, {url: [jkt]}]}}]}")
    assert fires(rs, "Banjir di Sambas", url="https://x.id/kalbar/1")
    assert not fires(rs, "Banjir di Jakarta")
    assert not fires(rs, "Banjir", url="https://x.id/jkt/1")


def test_regex_runs_case_insensitively_on_the_field() -> None:
    rs = one_rule("{url: {regex: '/(advertorial|pariwara)/'}}")
    assert fires(rs, url="https://x.id/Advertorial/123")
    assert not fires(rs, url="https://x.id/berita/123")


def test_outlet_and_lang_conditions() -> None:
    rs = one_rule("{all: [{outlet: [kompas.com]}, {lang: [id]}]}")
    assert fires(rs, outlet="www.kompas.com", lang="id-ID")
    assert not fires(rs, outlet="www.kompas.com", lang="en")
    assert not fires(rs, outlet="tribunnews.com", lang="id")


def test_published_before_after_and_within_days() -> None:
    rs = one_rule("{published: {after: 2025-10-01, before: 2025-11-01}}")
    assert fires(rs, published="2025-10-03T08:00:00+07:00")
    assert not fires(rs, published="2025-11-03")
    assert not fires(rs)  # no date: no match
    recent = one_rule("{published: {within_days: 7}}")
    view_today = date(2025, 10, 10)
    assert "r" in recent.evaluate({"published": "2025-10-05"}, today=view_today).fired
    assert "r" not in recent.evaluate({"published": "2025-09-01"}, today=view_today).fired


ENTITY = """\
lists:
  kalimantan_lain: [Kalimantan Utara, Kaltara, Kalimantan Tengah]
entities:
  sekda-kalbar:
    exact: [Sekda Kalbar]
    fuzzy: [Sekretaris Daerah Provinsi Kalimantan Barat]
    exclude: $kalimantan_lain
"""


def test_fuzzy_alias_matches_typos_and_reports_score_and_offsets() -> None:
    rs = one_rule("{entity: sekda-kalbar}", ENTITY)
    text = "Kemarin Sekertaris Daerah Propinsi Kalimantan Barat hadir."
    ev = rs.evaluate({"title": "", "body": text})
    [m] = ev.matches["r"]
    assert text[m.start : m.end] == "Sekertaris Daerah Propinsi Kalimantan Barat"
    assert (m.field, m.term) == ("body", "Sekretaris Daerah Provinsi Kalimantan Barat")
    assert 93 <= m.score < 100


def test_exclude_term_in_the_window_blocks_a_fuzzy_match() -> None:
    rs = one_rule("{entity: sekda-kalbar}", ENTITY)
    assert not fires(rs, "Sekretaris Daerah Provinsi Kalimantan Utara hadir")
    # The same text matches once the exclusion is gone: the exclusion is what blocks it.
    loose = one_rule(
        "{entity: sekda-kalbar}", ENTITY.replace("    exclude: $kalimantan_lain\n", "")
    )
    assert fires(loose, "Sekretaris Daerah Provinsi Kalimantan Utara hadir")


def test_exclusion_is_local_to_the_window() -> None:
    rs = one_rule("{entity: sekda-kalbar}", ENTITY)
    assert fires(rs, "Sekda Kalbar bertemu Sekda Kalimantan Utara.")


def test_entities_find_works_on_any_text_for_dedup() -> None:
    rs = one_rule("{entity: sekda-kalbar}", ENTITY)
    matcher = rs.entities["sekda-kalbar"]
    found = matcher.find("Hari ini Sekda KALBAR dan Sekertaris Daerah Provinsi Kalimantan Barat")
    assert [(m.term, m.start) for m in found] == [
        ("Sekda Kalbar", 9),
        ("Sekretaris Daerah Provinsi Kalimantan Barat", 26),
    ]
    assert matcher.find("Sekretaris Daerah Provinsi Kalimantan Utara") == []


def test_fuzzy_field_condition_with_its_own_threshold() -> None:
    rs = one_rule("{text: {fuzzy: [Badan Perencanaan Pembangunan Nasional], threshold: 90}}")
    assert fires(rs, "wakil Badan Perencanan Pembangunan Nasioanl hadir")
    assert not fires(rs, "Badan Pusat Statistik")


def test_offsets_point_into_the_original_text_even_with_accents() -> None:
    rs = one_rule("{text: [kopi]}")
    text = "Café “Kopi” enak"
    [m] = rs.evaluate({"title": "", "body": text}).matches["r"]
    assert text[m.start : m.end] == "Kopi"


def test_works_on_model_articles() -> None:
    rs = one_rule("{text: [banjir]}")
    assert "r" in rs.evaluate(Article(id=1, title="Banjir", body="")).fired


# --- actions and precedence --------------------------------------------------------------


PRECEDENCE = """\
- id: a
  when: {text: [banjir]}
  then: {tag: [x], desk: daerah, priority: normal, flag: cek}
- id: b
  when: {text: [banjir]}
  then: {tag: [x, y], desk: ekonomi, priority: urgent, flag: lain}
- id: c
  when: {text: [banjir]}
  then: {priority: low}
"""


def test_first_desk_wins_highest_priority_wins_tags_accumulate() -> None:
    ev = rules(PRECEDENCE).evaluate({"title": "", "body": "banjir"})
    assert ev.desk == ("daerah", "a")
    assert ev.priority == ("urgent", "b")
    assert ev.flag == ("cek", "a")
    assert ev.tags == [("x", "a"), ("x", "b"), ("y", "b")]
    assert ev.fired == ["a", "b", "c"]


def test_stop_ends_the_run_and_explain_says_so() -> None:
    rs = rules(
        """\
        - id: iklan
          when: {title: [advertorial]}
          then: {reject: iklan, stop: true}
        - id: topik
          when: {text: [banjir]}
          then: {tag: [banjir]}
        """
    )
    ev = rs.evaluate({"title": "Advertorial", "body": "banjir"})
    assert ev.reject == ("iklan", "iklan")
    assert ev.fired == ["iklan"] and ev.tags == []
    [_, topik] = ev.explain()
    assert topik.outcome == "skipped" and topik.matched
    assert "stopped" in topik.note


def test_shadow_rule_reports_but_does_nothing() -> None:
    rs = rules(
        """\
        - id: coba
          mode: shadow
          when: {text: [hoaks]}
          then: {tag: [cek-fakta], flag: cek, stop: true}
        - id: topik
          when: {text: [hoaks]}
          then: {tag: [t]}
        """
    )
    ev = rs.evaluate({"title": "", "body": "hoaks"})
    assert ev.tags == [("t", "topik")] and ev.flag is None
    assert [r for r, _ in ev.shadow] == ["coba"]
    assert ev.fired == ["topik"]
    assert "coba" in ev.matches


def test_disabled_rule_never_fires_but_is_explained() -> None:
    rs = rules("- id: r\n  enabled: false\n  when: {text: [a]}\n  then: {tag: [t]}\n")
    ev = rs.evaluate({"title": "", "body": "a"})
    assert ev.fired == []
    [e] = ev.explain()
    assert e.outcome == "disabled" and e.matched


def test_explain_covers_rules_that_did_not_fire_with_reasons() -> None:
    rs = one_rule("{text: {any: [wisata, turis], min_hits: 3}}")
    [e] = rs.evaluate({"title": "", "body": "wisata"}).explain()
    assert e.outcome == "no match"
    assert "1 hit (3 needed)" in e.trace.found
    assert e.to_json()["trace"]["ok"] is False


def test_find_entities_scans_once_and_agrees_with_each_matcher() -> None:
    rs = one_rule("{entity: sekda-kalbar}", ENTITY)
    text = "Sekda KALBAR dan Sekertaris Daerah Propinsi Kalimantan Barat; Sekda Kaltara"
    assert rs.find_entities(text) == {"sekda-kalbar": rs.entities["sekda-kalbar"].find(text)}
    assert rs.find_entities("Sekretaris Daerah Provinsi Kalimantan Utara") == {}
