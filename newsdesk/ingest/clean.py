"""Article cleaning: boilerplate out, dateline off the lede, whitespace normalised.

Boilerplate is recognised by its *shape* (what kind of line it is), not by a list of one
site's strings: a related-link line starts with "Baca juga" / "Read more"; a byline is a
short "Editor: name" or a parenthesised sign-off "(dry/din)"; a follow line asks the reader
to follow, join or subscribe somewhere. Whole-line shapes are anchored at both ends, so a
sentence that merely mentions advertising or WhatsApp is news and stays. Fragments glued to
real text (a related link after the last full stop, a sign-off at the end of a paragraph,
a share button before the dateline) are cut at the glue point only.

Everything here is pure and fast: the ingest pipeline calls it for every article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.ingest.dateline import Dateline, is_known_place, parse_dateline
from newsdesk.ingest.lexicon import TRAILING_STOPWORDS

__all__ = ["Cleaned", "Removal", "clean_article", "derive_headline", "split_headline"]


@dataclass
class Removal:
    """One piece of text the cleaner took out, and which kind of boilerplate it was."""

    line: str
    kind: str  # related-link | share | ad | republication | byline | follow | dateline | learned
    note: str = ""  # e.g. why only part of a related link went


@dataclass
class Cleaned:
    """A cleaned article, every removal in reading order, and the lede's dateline if any."""

    title: str
    body: str
    removed: list[Removal] = field(default_factory=list)
    title_derived: bool = False
    dateline: Dateline | None = None


# --- normalisation ----------------------------------------------------------------------------

# Invisible characters that only break word matching; other control, bidi and escape
# characters are kept as data (the display layer shows them as visible escapes).
_CONTROL = re.compile("[\u200b\u2060\ufeff\x00]")
_HSPACE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r"  +")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def _normalise(text: str) -> str:
    """One space between words, "\n" between lines, no zero-width characters."""
    text = _lines_only(text)
    return _SPACE_RUN.sub(" ", _HSPACE.sub(" ", text))


def _lines_only(text: str) -> str:
    """Line ends as "\n", no zero-width characters; spaces are left to `_words`.

    Single-character membership tests are far cheaper than a regex pass over the whole text,
    and these characters are rare, so the substitutions almost never run.
    """
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = _NEWLINES.sub("\n", text)
    if "\u200b" in text or "\ufeff" in text or "\u2060" in text or "\x00" in text:
        text = _CONTROL.sub("", text)
    return text


def _words(line: str) -> str:
    """The line with every run of whitespace (NBSP, tabs, wide spaces) as one space, stripped."""
    return " ".join(line.split())


# --- whole-line shapes ------------------------------------------------------------------------
# Each alternative is one kind; the line must match entirely (fullmatch, case-insensitive).

_HEADLINE_TAIL = r"(?:\s*[:\-–—.]*\s*.{0,250})"  # a related headline after the marker

_LINE_KINDS: dict[str, str] = {
    "related-link": "|".join(
        (
            r"(?:baca|lihat|simak|tonton|cek|saksikan)\s*(?:juga|pula)" + _HEADLINE_TAIL,
            r"(?:lihat|simak|tonton|saksikan)\s+video\s*(?:[:'\"“‘].{0,250})?",
            r"(?:baca|lihat|simak|tonton|cek|saksikan)\s*(?:berita|artikel|informasi|ulasan)?\s*"
            r"selengkapnya\s*(?:(?:di|pada|ke|melalui)\s*(?:sini|halaman|link|tautan|laman|situs)\b.{0,80}"
            r"|:.{0,200})?",
            r"(?:baca|lihat|tonton|simak)\s+(?:berita|artikel|video|foto)\s*"
            r"(?:terkait|lainnya|juga|pilihan)\s*(?::.{0,250})?",
            r"(?:berita|artikel|video)\s+(?:terkait|lainnya)\s*(?::.{0,200})?",
            r"(?:berita|artikel|video)\s+(?:pilihan|populer|terpopuler)\s*:?",
            r"pilihan\s+editor\s*:.{0,250}",
            r"(?:read|see)\s+(?:also|more)\b\s*:?.{0,250}",
            r"(?:also\s+read|related(?:\s+(?:articles?|stories|news|coverage))?|more\s+on\s+this"
            r"(?:\s+story)?|recommended(?:\s+reading)?)\s*:.{0,250}",
            r"(?:selengkapnya|berikut(?:nya)?)\s*,?\s*(?:mari\s+)?simak\s*(?:top|video)\b.{0,80}",
            r"berikut\s*top\s*\d+\s*[\w ]{0,30}:?",
            r"(?:ke|lanjut\s+ke)\s+halaman\s+(?:\d+|berikut(?:nya)?|selanjutnya)\b.{0,80}",
            r"(?:halaman|page)\s+(?:selanjutnya|berikutnya|next)\b.{0,40}",
        )
    ),
    "ad": "|".join(
        (
            r"(?:advertisement|advertisment|advertising|iklan|sponsored(?:\s+content)?|ads?|konten\s+berbayar|promoted)",
            r"(?:(?:advertisement|iklan)\s*[·•|\-–]?\s*)?scroll\s+(?:to|untuk)\s+"
            r"(?:continue|resume|melanjutkan)(?:\s+(?:with|reading))?(?:\s+(?:content|membaca|baca))?",
            r"\[\s*gambas\s*:[^\]]*\]",
            r"(?:a\s+post\s+shared\s+by|sebuah\s+kiriman\s+dibagikan\s+oleh|view\s+this\s+post\s+on\s+\w+|lihat\s+postingan\s+ini\s+di\s+\w+)\b.{0,120}",
            r"saksikan\s+live\s+\w+\s*:?",
            r"(?:loading|memuat)\s*\.{0,3}",
            r"(?:tampilkan|show)\s+(?:lainnya|more|less)",
            r"[-=_*~•·.]{3,}",
            r"disclaimer\s*:.{0,400}",
        )
    ),
    "republication": "|".join(
        (
            r"(?:artikel|berita|tulisan|konten)\s+ini\s+(?:[a-z]+\s+){0,3}(?:tayang|naik|terbit|rilis|dimuat|"
            r"diterbitkan|ditayangkan|dipublikasikan)\b.{0,400}",
            r"(?:artikel|berita|tulisan)\s+ini\s+(?:merupakan|adalah)\s+(?:kerja\s*sama|hasil\s+kerja\s*sama|saduran|terjemahan|konten)\b.{0,200}",
            r"(?:this|the)\s+(?:article|story|piece)\s+(?:was|is|first)\s+(?:originally\s+|first\s+)?(?:published|appeared|posted)\b.{0,300}",
            r"(?:originally\s+published|first\s+published)\s+(?:in|on|at|by)\b.{0,200}",
            r"(?:diadaptasi|disadur|diterjemahkan)\s+(?:oleh|dari)\s+.{1,80}",
            r"(?:sumber|source)\s*:\s*[^.!?]{1,60}",
            r"(?:copyright|hak\s+cipta|©)\b.{0,160}",
            r"all\s+rights\s+reserved\.?",
            r"our\s+standards\s*:.{0,120}",
            r"this\s+material\s+may\s+not\s+be\s+published\b.{0,120}",
        )
    ),
    "byline": "|".join(
        (
            r"(?:editor|penulis|reporter|pewarta|redaktur|penyunting|kontributor|fotografer|videografer|"
            r"writer|written\s+by|reporting\s+by|editing\s+by|editor\s+in\s+chief|laporan\s+wartawan[^:]{0,60}|"
            r"penulis\s+dan\s+editor|teks|foto|grafis|narasi|produser)\s*:\s*[^.!?]{1,80}\.?",
            r"\(\s*(?:reporter|editor|penulis|pewarta|laporan)\s*:[^)]{1,120}\)",
            r"\(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\s+[^.!?]{1,160}\.?\)?",
            r"[^.!?]{1,80}\bcontributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story)(?:ing)?\.?",
            r"\(\s*(?:\*+|[a-z]{2,6}(?:\s*/\s*[a-z]{2,6}){0,3}|[A-Z]{2,6}(?:\s*/\s*[A-Z]{2,6}){0,3})\s*\)",
            r"\(\s*[A-Z][a-z]+(?:\s+[A-Z][a-z']*\.?){0,3}\s*\)",
            r"(?:oleh|by)\s*:?\s+[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3}",
            r"\*{1,3}",
        )
    ),
    "follow": "|".join(
        (
            r"ikuti\s+(?:kami|berita|whatsapp|wa|channel|saluran|instagram|akun|update|juga|terus|kanal|\w+\s+di)\b.{0,200}",
            r"(?:follow|subscribe|join|like)\s+(?:us|our|to|the|me)\b.{0,200}",
            r"(?:simak|dapatkan|gabung|bergabung|yuk|ayo|klik|pantau|nikmati)\b.{0,200}"
            r"\b(?:whatsapp|telegram|google\s+news|channel|saluran|aplikasi|ponsel|ponselmu|notifikasi|update\s+berita|breaking\s+news)\b.{0,120}",
            r"baca\s+berita\b.{0,80}\blainnya\s+di\b.{0,80}",
            r"(?:download|unduh)\s+(?:aplikasi|app|the\s+app)\b.{0,120}",
            r"(?:cek|baca|temukan|simak|lihat)\b.{0,120}\bgoogle\s+news\b.{0,80}",
            r"sign\s+up\b.{0,100}\bnewsletter\b.{0,80}",
        )
    ),
    "share": r"[•·*\-]?\s*(?:bagikan|share|share\s+this(?:\s+(?:article|story))?|"
    r"bagikan\s+(?:artikel|berita)(?:\s+ini)?|salin\s+(?:tautan|link)|copy\s+link|tweet|"
    r"share\s+on\s+\w+|bagikan\s+ke\s+\w+)\s*:?",
}
_LINE = re.compile(
    "|".join(f"(?P<{k.replace('-', '_')}>{p})" for k, p in _LINE_KINDS.items()),
    re.IGNORECASE | re.DOTALL,
)
_MAX_LINE = 420  # longer lines are prose (a republication note with a long title still fits)

# --- glued fragments --------------------------------------------------------------------------

# Leading residue stuck to the real first words ("• BagikanKalbarOke.Com –", "Loading...Ikuti").
_LEAD = re.compile(
    r"(?:[•·]\s*)?(?P<share>Bagikan|Share)(?=[A-Z])"
    r"|(?P<ad>ADVERTISEMENT|Advertisement|SCROLL TO CONTINUE WITH CONTENT|Loading\.{1,3})(?=\S)"
)
_LEAD_PREFIXES = (
    "•",
    "·",
    "Bagikan",
    "Share",
    "ADVERTISEMENT",
    "Advertisement",
    "SCROLL",
    "Loading",
)
# Where a glued fragment may start: right after real text ends a word or a sentence.
_GLUE_BEFORE = frozenset('.,!?"”’)]') | frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
# A related link glued after real text: "...kata dia.Baca juga:Headline" up to the glue point
# (a word of 4+ letters or a closing mark directly followed by a capital: "DievakuasiIni",
# not "JakPro") or the line end.
_GLUED_RELATED = re.compile(
    r"(?:Baca|BACA|Lihat|Simak)\s*(?:Juga|juga|JUGA|pula)\s*:?\s*"
    r"(?:(?P<headline>.+?)(?=(?:(?<=[a-z0-9]{4})|(?<=[!?.”)]))[A-Z][a-z]"
    r"|\s*(?:Baca|BACA|Lihat|Simak)\s*(?:[Jj]uga|JUGA|pula)|\s*[Bb]aca\s+(?:berita\s+)?selengkapnya"
    r"|$)|$)"
    r"|[Bb]aca\s+(?:berita\s+)?selengkapnya\s*(?:di\s*sini|disini)(?![a-z])[.,]?"
)
# Residue glued to the end of real text: (kind, a substring it must contain, pattern).
_TRAILS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("follow", "Ikuti", re.compile(r"Ikuti\s+(?:Whats[Aa]pp|WA|Kami|kami|Saluran|Channel)\b.*$")),
    ("ad", "ADVERTISEMENT", re.compile(r"ADVERTISEMENT\s*$")),
    ("ad", "Advertisement", re.compile(r"Advertisement\s*$")),
    ("ad", "SCROLL", re.compile(r"SCROLL TO CONTINUE WITH CONTENT\s*$")),
    (
        "ad",
        "Instagram",
        re.compile(r"(?:View this post on Instagram|Lihat postingan ini di Instagram).*$"),
    ),
    ("ad", "A post shared by", re.compile(r"A post shared by.*$")),
    ("ad", "Sebuah kiriman", re.compile(r"Sebuah kiriman dibagikan oleh.*$")),
    (
        "republication",
        "Artikel ini",
        re.compile(
            r"(?:\([A-Z][\w .]{2,40}\)\s*)?"
            r"Artikel ini (?:telah|sudah)\s+(?:tayang|naik|terbit)\b.*$"
        ),
    ),
)
_SIGNOFF_TAIL = re.compile(r"\(\s*(?:\*|[a-z]{2,6}(?:\s*/\s*[a-z]{2,6}){1,3})\s*\)[a-z0-9 ,\-]*$")
_CREDIT_TAIL = re.compile(r"(?<=[a-z])(?:sumber|source)\s*:.*$", re.IGNORECASE)


# A related link's payload is a headline; when a scrape ran the next paragraph into it ("Baca
# juga: Kemenhub Serap 70 Persen Anggaran Budi menambahkan, ...") the prose must stay. Prose
# starts at the first lower-case word that is not a headline's small word; the cut goes before
# an opening quote or a word that commonly opens a sentence. When neither marks the boundary
# the whole payload is kept: a leftover headline is better than a lost sentence.
_SMALL_WORDS = frozenset(
    "di ke dari dan yang untuk dengan pada atau oleh soal hingga tapi bagi demi ala vs per "
    "dalam of to in on at for and or the a an with by from as vs.".split()
)
_SENTENCE_OPENERS = frozenset(
    "berdasarkan sementara menurut selain namun adapun sebelumnya kemudian bahkan meski "
    "sedangkan padahal sehingga karena jika apabila ia dia mereka kami saya hal ini itu pihaknya "
    "saat ketika usai setelah sebelum lebih tak tidak kata ujar diketahui seperti sebagai "
    "however meanwhile but he she they it this the".split()
)
_TOKEN = re.compile(r"\S+")
_MARKER = re.compile(
    r"(?:baca|lihat|simak|tonton|cek|saksikan)\s*(?:juga|pula)\s*[:\-–—.]*\s*", re.IGNORECASE
)


def _headline_end(payload: str) -> int:
    """Where the related headline at the start of `payload` ends (len(payload): all of it)."""
    tokens = list(_TOKEN.finditer(payload))
    for i, token in enumerate(tokens):
        word = token.group().strip("\"“”‘’'(),.:;!?")
        if not word or not word[0].islower() or word.lower() in _SMALL_WORDS:
            continue
        if i == 0:
            return 0
        quote = max(payload.rfind('"', 0, token.start()), payload.rfind("“", 0, token.start()))
        if quote > 0 and payload[quote + 1 : quote + 2].isupper():
            return quote  # '...Italia 2025"Anda ingin ...': the quote opens the prose
        opener = tokens[i - 1]
        if opener.group().strip("\"“”‘’'(").lower() in _SENTENCE_OPENERS:
            return opener.start()
        return len(payload)  # no clear boundary: keep it all (see above)
    return len(payload)


KEPT_HEADLINE = "headline kept: prose ran into it with no clear boundary"


def _split_related(line: str) -> tuple[str, str]:
    """(related link to remove, prose to keep) for a line that opens with a related link."""
    marker = _MARKER.match(line)
    if marker is None:
        return line, ""
    payload = line[marker.end() :]
    end = _headline_end(payload)
    if end >= len(payload):
        if _has_prose(payload):
            return marker.group().strip(), payload.strip()
        return line, ""
    return (line[: marker.end() + end].strip(), payload[end:].strip())


def _note_for(link: str, prose: str) -> str:
    return KEPT_HEADLINE if prose and _MARKER.fullmatch(link + " ") else ""


_PROSE = re.compile(r"(?:\b[a-z][a-z-]*\b[ ,]+){4,}[a-z]")


def _has_prose(text: str) -> bool:
    """Five lower-case words in a row: sentence prose, not a Title Case headline."""
    return bool(_PROSE.search(text))


def _glued_at(line: str, start: int) -> bool:
    """True when a fragment starting at `start` is glued to real text before it."""
    before = line[:start].rstrip()
    return bool(before) and before[-1] in _GLUE_BEFORE


_RELATED_HINTS = frozenset({"Baca", "BACA", "Lihat", "Simak", "selengkapnya"})
# One pass over the body finds which glued shapes can occur at all. Every hint but one starts
# with a capital, which keeps the scan cheap; "selengkapnya" is a plain substring test.
_HINTS = re.compile(
    "|".join(
        sorted(
            {*_RELATED_HINTS, *(hint for _, hint, _ in _TRAILS)} - {"selengkapnya"},
            key=len,
            reverse=True,
        )
    )
)
_RELATED_QUICK = re.compile(r"(?:Baca|BACA|baca|Lihat|Simak)\s*(?:[Jj]uga|JUGA|pula|selengkapnya)")


def _split_glued(
    line: str,
    removed: list[Removal],
    related: bool = True,
    trails: tuple[tuple[str, str, re.Pattern[str]], ...] = _TRAILS,
) -> str:
    """`line` without the boilerplate glued to its start or end (cut at the glue point).

    `related` and `trails` narrow the work to what the whole body can contain at all.
    """
    m = _LEAD.match(line)
    while m:
        removed.append(Removal(m.group(0), "share" if m.group("share") else "ad"))
        line = line[m.end() :].lstrip()
        m = _LEAD.match(line)
    if related and _RELATED_QUICK.search(line):
        pieces: list[str] = []
        last = 0
        for g in _GLUED_RELATED.finditer(line):
            if g.start() > 0 and _glued_at(line, g.start()):
                pieces.append(line[last : g.start()])
                link, prose = _split_related(g.group(0).strip())
                removed.append(Removal(link, "related-link", _note_for(link, prose)))
                if prose:
                    pieces.append(prose)
                last = g.end()
        if last:
            pieces.append(line[last:])
            line = " ".join(p.strip() for p in pieces if p.strip())
    changed = True
    while changed:
        changed = False
        for kind, hint, pattern in trails:
            if hint not in line:
                continue
            m2 = pattern.search(line)
            if m2 and m2.start() > 0 and _glued_at(line, m2.start()):
                fragment = m2.group(0).strip()
                credit = _CREDIT_TAIL.search(fragment) if kind == "follow" else None
                if credit:  # "Ikuti Whatsapp Channel Republikasumber : Antara"
                    removed.append(Removal(fragment[: credit.start()], kind))
                    removed.append(Removal(credit.group(0), "republication"))
                else:
                    removed.append(Removal(fragment, kind))
                line = line[: m2.start()].rstrip()
                changed = True
        tail = max(0, len(line) - 90)
        if line.find(")", tail) != -1:
            m3 = _SIGNOFF_TAIL.search(line, tail)
            if m3 and m3.start() > 0 and _glued_at(line, m3.start()):
                removed.append(Removal(m3.group(0).strip(), "byline"))
                line = line[: m3.start()].rstrip()
                changed = True
    return line.strip()


# Every whole-line shape starts with one of these (lower-cased) or a symbol; a line that does
# not is news, decided by one C-level startswith instead of a pass through every shape.
_STARTERS: tuple[str, ...] = (
    *"baca lihat simak tonton cek saksikan berita artikel video foto pilihan read see also".split(),
    *"related more recommended selengkapnya berikut ke lanjut halaman page ad iklan".split(),
    *"sponsored konten promoted scroll sebuah view loading memuat tampilkan show".split(),
    *"disclaimer tulisan this the originally first diadaptasi disadur diterjemahkan".split(),
    *"sumber source copyright hak all editor penulis reporter pewarta redaktur".split(),
    *"penyunting kontributor fotografer videografer writer written reporting editing".split(),
    *"laporan teks grafis narasi produser additional writing oleh by ikuti follow".split(),
    *"subscribe join like dapatkan gabung bergabung yuk ayo klik pantau nikmati temukan".split(),
    *"download unduh sign bagikan share salin copy tweet our".split(),
    "a post",
)
_SYMBOL_STARTS = frozenset("[(*-=_~•·.©")


def _line_kind(line: str) -> str | None:
    if len(line) > _MAX_LINE:
        return None
    head = line[:16].lower()
    if not (head.startswith(_STARTERS) or head[:1] in _SYMBOL_STARTS or "contributed" in line):
        return None
    m = _LINE.fullmatch(line)
    if m is None:
        return None
    return (m.lastgroup or "").replace("_", "-")


# --- headline -------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[a-z])(?<!\b[A-Z][a-z])[.!?](?=\s+[A-Z\"“]|\s*$)")
_PARENTHETICAL = re.compile(r"\s*\([^()]{0,60}\)(?=([,.;:!?])?)")
_TIME_PHRASE = re.compile(
    r",?\s*(?:pada\s+)?(?:hari\s+)?(?:senin|selasa|rabu|kamis|jum[’'`]?at|sabtu|minggu|ahad)\b[^,.;]*$",
    re.IGNORECASE,
)
HEADLINE_MIN_WORDS = 8
HEADLINE_MAX_CHARS = 110


def derive_headline(lede: str) -> str:
    """A short readable headline from a lede paragraph, for articles that arrive without one.

    Rule: the first sentence, without parentheses ("(Sekda)", "(14/10/2025)") and without a
    trailing when-phrase (", pada Selasa"); then whole comma-separated clauses are kept until
    the headline has at least 8 words; a headline still longer than 110 characters is cut at
    a word boundary, trailing connectives dropped, and ends with "…".
    """
    text = _normalise(lede).strip()
    m = _SENTENCE_END.search(text)
    sentence = text[: m.start()] if m else text
    # "(Sekda) Provinsi" -> "Provinsi", "(14/6/2025)Harga" -> " Harga", "Ali (x)," -> "Ali,"
    sentence = " ".join(_PARENTHETICAL.sub(lambda m: "" if m.group(1) else " ", sentence).split())
    sentence = _TIME_PHRASE.sub("", sentence).strip(" ,;:-–—")
    clauses = sentence.split(",")
    words = 0
    kept: list[str] = []
    for clause in clauses:
        kept.append(clause)
        words += len(clause.split())
        if words >= HEADLINE_MIN_WORDS:
            break
    headline = ",".join(kept).strip(" ,;:-–—")
    truncated = False
    if len(headline) > HEADLINE_MAX_CHARS:
        headline = headline[: HEADLINE_MAX_CHARS + 1].rsplit(" ", 1)[0]
        truncated = True
    tokens = headline.split()
    while truncated and len(tokens) > 1 and tokens[-1].lower().strip(",;:") in TRAILING_STOPWORDS:
        tokens.pop()
    headline = " ".join(tokens).rstrip(" ,;:-–—")
    if truncated:
        headline += "…"
    return headline[:1].upper() + headline[1:]


_HEADLINE_END_BAD = (".", ",", ";", ":")


def split_headline(text: str) -> tuple[str | None, str]:
    """A plain-text article split into (headline line or None, body).

    The first non-empty line is a headline when it reads like one: at most 30 words and
    250 characters, not ending like a sentence (a comma, colon, or a full stop unless the
    line is short and set off by a blank line), not opening with a dateline that names an
    outlet or a known place, not boilerplate, and with more text after it.
    """
    stripped = _lines_only(text).lstrip()
    first, sep, rest = stripped.partition("\n")
    candidate = _words(first)
    words = len(candidate.split())
    # a short line set off by a blank line is a headline even with a full stop
    set_off = rest.startswith("\n") or rest.startswith(" \n")
    if (
        not sep
        or not rest.strip()
        or not candidate
        or len(candidate) > 250
        or words > 30
        or (
            candidate.endswith(_HEADLINE_END_BAD)
            and not candidate.endswith("..")
            and not (
                candidate.endswith(".") and set_off and words <= 15 and candidate.count(". ") == 0
            )
        )
        or _opens_with_dateline(candidate)
        or _line_kind(candidate) is not None
    ):
        return None, stripped
    return candidate, rest.strip("\n")


def _opens_with_dateline(line: str) -> bool:
    """A dateline a headline cannot be mistaken for: it names an outlet or a known place."""
    found = parse_dateline(line)
    return found is not None and (found.outlet is not None or is_known_place(found.place))


# --- the cleaner ------------------------------------------------------------------------------


def clean_article(
    title: str | None, body: str, *, learned: frozenset[str] = frozenset()
) -> Cleaned:
    """Title and body with boilerplate removed; the dateline prefix is taken off the lede.

    `learned` holds lines already known to be one outlet's recurring boilerplate (see
    boilerplate_learn); they are compared after whitespace normalisation.
    """
    removed: list[Removal] = []
    paragraphs: list[str] = []
    dateline: Dateline | None = None
    seen_text = False
    text = _lines_only(body)
    # a hint right after a line break opens its own line (a whole-line shape), not glue
    hints = {m.group() for m in _HINTS.finditer(text) if m.start() and text[m.start() - 1] != "\n"}
    if "selengkapnya" in text:
        hints.add("selengkapnya")
    related = not hints.isdisjoint(_RELATED_HINTS)
    trails = tuple(t for t in _TRAILS if t[1] in hints)
    for raw_line in text.split("\n"):
        if not raw_line:
            continue
        line = _words(raw_line)
        if not line:
            continue
        kind = _line_kind(line)
        if kind is None and learned and line in learned:
            kind = "learned"
        if kind == "related-link" and len(line) > 60:
            link, prose = _split_related(line)
            if prose:
                removed.append(Removal(link, kind, _note_for(link, prose)))
                line, kind = prose, None
        if kind is not None:
            removed.append(Removal(line, kind))
            continue
        if (
            not related
            and not trails
            and not line.startswith(_LEAD_PREFIXES)
            and line.find(")", len(line) - 90) == -1
        ):
            glued = line  # nothing can be glued to this line
        else:
            glued = _split_glued(line, removed, related, trails)
        if glued != line:
            line = glued
            if not line:
                continue
            late = _line_kind(line)  # what was left once the glue came off may be boilerplate too
            if late is not None:
                removed.append(Removal(line, late))
                continue
        if not seen_text:
            seen_text = True
            dateline = parse_dateline(line)
            if dateline is not None:
                removed.append(Removal(dateline.text, "dateline"))
                line = line[dateline.end :].lstrip(" -–—.,:")
                if not line:
                    continue
        paragraphs.append(line)
    clean_title = " ".join(_normalise(title or "").split())
    derived = False
    if not clean_title and paragraphs:
        clean_title = derive_headline(paragraphs[0])
        derived = True
    return Cleaned(
        title=clean_title,
        body="\n\n".join(paragraphs),
        removed=removed,
        title_derived=derived,
        dateline=dateline,
    )
