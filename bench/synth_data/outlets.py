"""News outlets: how each writes its dateline, builds URLs and decorates its pages.

`dateline` slots: {CITY} upper-case city, {City} as written. `boiler` names the decorations the
outlet's pages carry once scraped (see boilerplate.py).
"""

from typing import TypedDict


class Outlet(TypedDict):
    name: str
    domain: str
    dateline: str
    regional: bool
    boiler: tuple[str, ...]
    path: str


OUTLETS: tuple[Outlet, ...] = (
    # West Kalimantan
    {
        "name": "Tribun Pontianak",
        "domain": "pontianak.tribunnews.com",
        "dateline": "{CITY}, TRIBUNPONTIANAK.CO.ID -",
        "regional": True,
        "boiler": ("baca_juga", "editor", "ikuti"),
        "path": "{y}/{m}/{d}/{slug}",
    },
    {
        "name": "Pontianak Post",
        "domain": "pontianakpost.jawapos.com",
        "dateline": "{CITY}, PONTIANAKPOST.CO.ID –",
        "regional": True,
        "boiler": ("baca_juga", "editor", "advertisement"),
        "path": "kalbar/{n}/{slug}",
    },
    {
        "name": "Harian Berkat",
        "domain": "harianberkat.co.id",
        "dateline": "HARIAN BERKAT –",
        "regional": True,
        "boiler": ("bagikan", "baca_juga_spaced"),
        "path": "{y}/{m}/{slug}",
    },
    {
        "name": "KalbarOke.Com",
        "domain": "kalbaroke.com",
        "dateline": "KalbarOke.Com –",
        "regional": True,
        "boiler": ("bagikan", "baca_juga"),
        "path": "{slug}",
    },
    {
        "name": "Suara Kalbar",
        "domain": "suarakalbar.co.id",
        "dateline": "{CITY}, SUARAKALBAR.CO.ID –",
        "regional": True,
        "boiler": ("baca_juga", "penulis", "editor"),
        "path": "read/{n}/{slug}",
    },
    {
        "name": "Insidepontianak",
        "domain": "insidepontianak.com",
        "dateline": "INSIDEPONTIANAK.COM, {CITY} –",
        "regional": True,
        "boiler": ("baca_juga", "advertisement", "google_news"),
        "path": "{y}/{m}/{d}/{slug}",
    },
    {
        "name": "Kalbar Terkini",
        "domain": "kalbarterkini.com",
        "dateline": "KALBARTERKINI.COM, {CITY} –",
        "regional": True,
        "boiler": ("bagikan", "baca_juga", "editor"),
        "path": "berita/{slug}",
    },
    {
        "name": "Antara Kalbar",
        "domain": "kalbar.antaranews.com",
        "dateline": "{City} (ANTARA) -",
        "regional": True,
        "boiler": ("pewarta", "editor"),
        "path": "berita/{n}/{slug}",
    },
    {
        "name": "RRI Pontianak",
        "domain": "rri.co.id",
        "dateline": "KBRN, {City}:",
        "regional": True,
        "boiler": ("baca_juga", "editor"),
        "path": "pontianak/daerah/{n}/{slug}",
    },
    {
        "name": "Ruai TV",
        "domain": "ruai.tv",
        "dateline": "RUAI TV, {CITY} –",
        "regional": True,
        "boiler": ("bagikan", "advertisement"),
        "path": "{y}/{m}/{d}/{slug}",
    },
    {
        "name": "Borneo Tribun",
        "domain": "borneotribun.com",
        "dateline": "{CITY}, BORNEOTRIBUN –",
        "regional": True,
        "boiler": ("bagikan", "baca_juga", "penulis"),
        "path": "{slug}",
    },
    {
        "name": "Pontianak Informasi",
        "domain": "pontianakinformasi.co.id",
        "dateline": "PONTIANAKINFORMASI.CO.ID –",
        "regional": True,
        "boiler": ("baca_juga", "google_news"),
        "path": "{slug}",
    },
    # National
    {
        "name": "Kompas.com",
        "domain": "regional.kompas.com",
        "dateline": "{CITY}, KOMPAS.com -",
        "regional": False,
        "boiler": ("baca_juga", "advertisement", "google_news", "editor"),
        "path": "read/{y}/{m}/{d}/{n}/{slug}",
    },
    {
        "name": "detikcom",
        "domain": "news.detik.com",
        "dateline": "{City} -",
        "regional": False,
        "boiler": ("scroll", "advertisement", "baca_juga_bare"),
        "path": "berita/d-{n}/{slug}",
    },
    {
        "name": "Tempo",
        "domain": "nasional.tempo.co",
        "dateline": "TEMPO.CO, {City} -",
        "regional": False,
        "boiler": ("baca_juga", "pilihan_editor"),
        "path": "read/{n}/{slug}",
    },
    {
        "name": "Liputan6.com",
        "domain": "www.liputan6.com",
        "dateline": "Liputan6.com, {City} -",
        "regional": False,
        "boiler": ("advertisement_title", "baca_juga_bare"),
        "path": "news/read/{n}/{slug}",
    },
    {
        "name": "Republika",
        "domain": "news.republika.co.id",
        "dateline": "REPUBLIKA.CO.ID, {CITY} --",
        "regional": False,
        "boiler": ("baca_juga", "advertisement"),
        "path": "berita/{n}/{slug}",
    },
    {
        "name": "Okezone",
        "domain": "news.okezone.com",
        "dateline": "{CITY} - ",
        "regional": False,
        "boiler": ("baca_juga", "advertisement", "ikuti"),
        "path": "read/{y}/{m}/{d}/{n}/{slug}",
    },
    {
        "name": "Kontan",
        "domain": "regional.kontan.co.id",
        "dateline": "KONTAN.CO.ID - {CITY}.",
        "regional": False,
        "boiler": ("baca_juga", "reporter", "editor"),
        "path": "news/{slug}",
    },
    {
        "name": "Bisnis.com",
        "domain": "kalimantan.bisnis.com",
        "dateline": "Bisnis.com, {CITY} —",
        "regional": False,
        "boiler": ("baca_juga", "editor", "google_news"),
        "path": "read/{y}{m}{d}/{n}/{slug}",
    },
    {
        "name": "CNN Indonesia",
        "domain": "www.cnnindonesia.com",
        "dateline": "Jakarta, CNN Indonesia --",
        "regional": False,
        "boiler": ("advertisement", "scroll", "baca_juga_bare"),
        "path": "nasional/{y}{m}{d}{n}/{slug}",
    },
    {
        "name": "Suara.com",
        "domain": "www.suara.com",
        "dateline": "Suara.com - ",
        "regional": False,
        "boiler": ("baca_juga", "advertisement", "editor"),
        "path": "news/{y}/{m}/{d}/{n}/{slug}",
    },
    {
        "name": "Media Indonesia",
        "domain": "mediaindonesia.com",
        "dateline": "MEDIAINDONESIA.COM, {CITY} –",
        "regional": False,
        "boiler": ("baca_juga", "editor"),
        "path": "nusantara/{n}/{slug}",
    },
    {
        "name": "iNews.id",
        "domain": "kalbar.inews.id",
        "dateline": "{CITY}, iNewsKalbar.id -",
        "regional": True,
        "boiler": ("baca_juga", "editor", "ikuti"),
        "path": "berita/{slug}",
    },
)
