"""Words the dateline and date readers need: month and day names, media words, places.

Plain data kept in a module (not a file beside it) so it ships with every kind of install.
Extend the tuples; no code reads these names except through the sets built at the bottom.
"""

from __future__ import annotations

# Month names and abbreviations, Indonesian and English, lower-cased -> month number.
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "pebruari", "february", "feb", "peb"),
        ("maret", "march", "mar"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("agustus", "august", "agu", "agt", "ags", "aug"),
        ("september", "sept", "sep"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nopember", "nov", "nop"),
        ("desember", "december", "des", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

# Day names -> ISO weekday (Monday = 1). "Jum'at" is matched with any apostrophe, see dateline.py.
WEEKDAYS: dict[str, int] = {
    "senin": 1,
    "selasa": 2,
    "rabu": 3,
    "kamis": 4,
    "jumat": 5,
    "sabtu": 6,
    "minggu": 7,
    "ahad": 7,
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
    "sunday": 7,
}

# Top-level domains an outlet name in a dateline can end with ("KOMPAS.com", "TEMPO.CO").
TLDS: frozenset[str] = frozenset(
    "com co id net org info news tv biz asia io me my web or go ac sch online media "
    "today site live uk au sg".split()
)

# A word that marks a name as a news outlet rather than a place ("HARIAN BERKAT", "RADAR BOGOR").
MEDIA_WORDS: frozenset[str] = frozenset(
    """
    harian koran surat kabar berita warta kabar pos post news times tribun tribune radar suara
    media online tv televisi radio channel daily weekly journal jurnal gazette herald express
    today press pers inside insider monitor review report reporter network wire
    antara reuters afp ap bloomberg bernama xinhua kyodo yonhap bbc cnn cnbc voa dw aljazeera
    kompas tempo detik detikcom republika liputan6 okezone kontan bisnis viva merdeka sindonews
    tirto katadata jawapos beritasatu metrotv inews idntimes kumparan suara antaranews
    """.split()
)

# Places that open a dateline without naming the outlet ("JAKARTA -", "NEW YORK -").
# Only consulted to tell a place from an outlet when a dateline has two unmarked parts.
PLACES: frozenset[str] = frozenset(
    p.strip().lower()
    for p in """
    jakarta,jakarta pusat,jakarta selatan,jakarta utara,jakarta barat,jakarta timur,bogor,depok,
    tangerang,tangerang selatan,bekasi,bandung,cirebon,sukabumi,tasikmalaya,garut,cimahi,karawang,
    serang,cilegon,lebak,semarang,solo,surakarta,yogyakarta,jogja,magelang,tegal,pekalongan,
    purwokerto,kudus,surabaya,malang,sidoarjo,kediri,madiun,jember,banyuwangi,madura,bangkalan,
    denpasar,bali,badung,gianyar,mataram,lombok,kupang,ende,medan,deli serdang,binjai,
    pematangsiantar,
    padang,bukittinggi,pekanbaru,dumai,batam,tanjungpinang,jambi,palembang,bengkulu,bandar lampung,
    lampung,pangkalpinang,banda aceh,aceh,lhokseumawe,pontianak,singkawang,ketapang,sambas,
    sintang,kapuas hulu,landak,sanggau,mempawah,kubu raya,palangkaraya,palangka raya,banjarmasin,
    banjarbaru,martapura,samarinda,balikpapan,bontang,tarakan,tanjung selor,nunukan,
    makassar,gowa,pare-pare,parepare,manado,bitung,gorontalo,palu,kendari,mamuju,ambon,ternate,
    sofifi,jayapura,merauke,timika,sorong,manokwari,nabire,wamena,
    jawa barat,jawa tengah,jawa timur,banten,kalimantan barat,kalimantan timur,kalimantan selatan,
    kalimantan tengah,kalimantan utara,sumatera utara,sumatera barat,sumatera selatan,riau,
    sulawesi selatan,sulawesi utara,sulawesi tengah,papua,maluku,ntt,ntb,diy,dki jakarta,kalbar,
    kaltim,kalsel,kalteng,kaltara,sumut,sumbar,sumsel,sulsel,sulut,jabar,jateng,jatim,
    washington,new york,los angeles,california,london,paris,berlin,brussels,geneva,moscow,beijing,
    shanghai,hong kong,tokyo,seoul,pyongyang,singapore,singapura,kuala lumpur,bangkok,manila,hanoi,
    new delhi,mumbai,dubai,riyadh,jeddah,mekah,makkah,madinah,cairo,kairo,tehran,teheran,gaza,
    jerusalem,yerusalem,tel aviv,ankara,istanbul,kyiv,kiev,sydney,canberra,melbourne,madrid,rome,
    roma,milan,florence,aragon,miami,toronto,ottawa,vatican,vatikan,doha,beirut,damascus,baghdad,
    islamabad,kabul,taipei,canberra,wellington,johannesburg,nairobi,lagos,brasilia,mexico city
    """.split(",")
    if p.strip()
)

# Words that end a derived headline badly ("... audiensi dari" -> "... audiensi").
TRAILING_STOPWORDS: frozenset[str] = frozenset(
    """
    dan atau serta di ke dari pada untuk dengan yang oleh dalam bagi kepada tentang terhadap
    sebagai karena bahwa juga akan telah sudah para sang si ini itu
    the a an and or of to in on at for with by from as that this is was
    """.split()
)

# Outlets known by a brand word in running text ("kata dia kepada detikcom", "Ikuti Whatsapp
# Channel Republika", "[Gambas:Video 20detik]"): brand root (lower case) -> display name.
# A brand word matches when it starts with the root ("detikJabar", "detikcom" -> Detik.com).
BRANDS: dict[str, str] = {
    "detik": "Detik.com",
    "20detik": "Detik.com",
    "kompas": "Kompas.com",
    "tempo": "Tempo.co",
    "republika": "Republika.co.id",
    "kontan": "Kontan.co.id",
    "okezone": "Okezone.com",
    "liputan6": "Liputan6.com",
    "bisnis": "Bisnis.com",
    "antara": "Antara",
    "tribunnews": "Tribunnews.com",
    "jawapos": "Jawapos.com",
    "sindonews": "Sindonews.com",
    "kumparan": "Kumparan.com",
    "idntimes": "IDN Times",
    "beritasatu": "Beritasatu.com",
    "cnnindonesia": "CNN Indonesia",
    "cnbcindonesia": "CNBC Indonesia",
}
