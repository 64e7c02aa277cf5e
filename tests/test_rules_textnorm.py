"""Folding keeps offsets; the scanner's spans always point at the term they report."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.rules.scanner import TermScanner
from newsdesk.rules.textnorm import fold, term_key

TERMS = ["kalimantan barat", "kalimantan", "barat", "sekda", "kerja sama", "pj.", "café"]
SCANNER = TermScanner(term_key(t) for t in TERMS)
words = st.sampled_from(
    ["Kalimantan", "BARAT", "Barat,", "sekda", "Kerja", "sama", "Pj.", "CAFÉ", "İstanbul", "ß"]
)
texts = st.lists(st.one_of(words, st.text(max_size=6)), max_size=30).map(
    lambda parts: " ".join(parts)
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_never_changes_the_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_every_span_covers_its_term_on_word_boundaries(text: str) -> None:
    folded = fold(text)
    for key, spans in SCANNER.scan(folded).items():
        for s, e in spans:
            assert term_key(folded[s:e]) == key
            if key[0].isalnum() and s > 0:
                assert not (folded[s - 1].isalnum() and folded[s - 1].isascii())
            if key[-1].isalnum() and e < len(folded):
                assert not (folded[e].isalnum() and folded[e].isascii())


def test_fold_straightens_quotes_dashes_and_accents() -> None:
    assert fold("Jum’at “Café” – Ünï") == 'jum\'at "cafe" - uni'
    assert fold("• Bagikan © 2025") == "  bagikan   2025"
