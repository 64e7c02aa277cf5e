"""Page residue scraped along with the story: the lines a cleaner must remove.

Each kind maps to templates; {headline} is another story's headline, {name} a staff name,
{outlet} the outlet. Position: "mid" goes between paragraphs, "end" after the last one.
"""

MID: dict[str, tuple[str, ...]] = {
    "baca_juga": ("Baca Juga: {headline}", "Baca juga: {headline}", "Baca juga:{headline}"),
    "baca_juga_spaced": ("Baca Juga : {headline}",),
    "baca_juga_bare": ("Baca Juga", "Baca juga"),
    "advertisement": ("ADVERTISEMENT",),
    "advertisement_title": ("Advertisement",),
    "scroll": ("ADVERTISEMENT\n\nSCROLL TO CONTINUE WITH CONTENT",),
    "pilihan_editor": ("Pilihan Editor: {headline}",),
}

END: dict[str, tuple[str, ...]] = {
    "bagikan": ("  • Bagikan", "• Bagikan"),
    "editor": ("Editor: {name}", "Editor : {name}"),
    "penulis": ("Penulis: {name}",),
    "reporter": ("Reporter: {name}\nEditor: {name2}",),
    "pewarta": ("Pewarta: {name}\nEditor: {name2}\nCOPYRIGHT © ANTARA {year}",),
    "ikuti": (
        "Ikuti kami di Google News",
        "Ikuti berita terkini {outlet} di WhatsApp Channel",
    ),
    "google_news": ("Baca berita {outlet} lainnya di Google News.",),
    "tayang": ('Artikel ini telah tayang di {source} dengan judul "{source_title}"',),
    "signoff": ("(*)", "(ant)", "({initials})"),
}

# Added by republishers on top of the outlet's own decorations.
REPUBLISH_EXTRAS: tuple[str, ...] = ("tayang", "ikuti", "google_news", "signoff")
