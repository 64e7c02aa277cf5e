"""Offices an actor can hold: (long form, headline form, short word), with {prov}/{ps}/{kab}."""

PROVINCE_ROLES: dict[str, tuple[str, str, str]] = {
    "gubernur": ("Gubernur {prov}", "Gubernur {ps}", "Gubernur"),
    "wagub": ("Wakil Gubernur {prov}", "Wagub {ps}", "Wagub"),
    "sekda": ("Sekretaris Daerah Provinsi {prov}", "Sekda {ps}", "Sekda"),
    "ketua_dprd": ("Ketua DPRD Provinsi {prov}", "Ketua DPRD {ps}", "Ketua DPRD"),
    "kadisparbud": (
        "Kepala Dinas Pariwisata dan Kebudayaan Provinsi {prov}",
        "Kadisparbud {ps}",
        "Kadisparbud",
    ),
    "kadinkes": ("Kepala Dinas Kesehatan Provinsi {prov}", "Kadinkes {ps}", "Kadinkes"),
    "kadisdik": (
        "Kepala Dinas Pendidikan dan Kebudayaan Provinsi {prov}",
        "Kadisdikbud {ps}",
        "Kadisdikbud",
    ),
    "kadis_pupr": (
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang Provinsi {prov}",
        "Kadis PUPR {ps}",
        "Kadis PUPR",
    ),
    "kadistan": (
        "Kepala Dinas Tanaman Pangan dan Hortikultura Provinsi {prov}",
        "Kadistan {ps}",
        "Kadistan",
    ),
    "kalak_bpbd": (
        "Kepala Pelaksana Badan Penanggulangan Bencana Daerah (BPBD) Provinsi {prov}",
        "Kalak BPBD {ps}",
        "Kalak BPBD",
    ),
    "kepala_bappeda": (
        "Kepala Badan Perencanaan Pembangunan Daerah (Bappeda) Provinsi {prov}",
        "Kepala Bappeda {ps}",
        "Kepala Bappeda",
    ),
    "kapolda": ("Kepala Kepolisian Daerah (Kapolda) {prov}", "Kapolda {ps}", "Kapolda"),
    "kepala_bps": (
        "Kepala Badan Pusat Statistik (BPS) Provinsi {prov}",
        "Kepala BPS {ps}",
        "Kepala BPS",
    ),
    "kepala_bi": (
        "Kepala Perwakilan Bank Indonesia (BI) Provinsi {prov}",
        "Kepala BI {ps}",
        "Kepala Perwakilan BI",
    ),
}

REGENCY_ROLES: dict[str, tuple[str, str, str]] = {
    "bupati": ("Bupati {kab}", "Bupati {kab}", "Bupati"),
    "wabup": ("Wakil Bupati {kab}", "Wabup {kab}", "Wabup"),
    "sekda_kab": ("Sekretaris Daerah Kabupaten {kab}", "Sekda {kab}", "Sekda"),
    "kapolres": ("Kepala Kepolisian Resor (Kapolres) {kab}", "Kapolres {kab}", "Kapolres"),
}

CITY_ROLES: dict[str, tuple[str, str, str]] = {
    "bupati": ("Wali Kota {kab}", "Wali Kota {kab}", "Wali Kota"),
    "wabup": ("Wakil Wali Kota {kab}", "Wawako {kab}", "Wawako"),
    "sekda_kab": ("Sekretaris Daerah Kota {kab}", "Sekda {kab}", "Sekda"),
    "kapolres": (
        "Kepala Kepolisian Resor Kota (Kapolresta) {kab}",
        "Kapolresta {kab}",
        "Kapolresta",
    ),
}

RANKS: dict[str, tuple[str, ...]] = {
    "kapolda": ("Irjen Pol", "Brigjen Pol"),
    "kapolres": ("AKBP", "Kombes Pol"),
}

NATIONAL: tuple[tuple[str, str, str], ...] = (
    ("Menteri Dalam Negeri", "Mendagri", "Mendagri"),
    ("Menteri Perencanaan Pembangunan Nasional/Kepala Bappenas", "Kepala Bappenas", "Menteri PPN"),
    ("Menteri Pariwisata", "Menpar", "Menpar"),
    ("Menteri Kesehatan", "Menkes", "Menkes"),
    ("Menteri Pertanian", "Mentan", "Mentan"),
    ("Kepala Badan Nasional Penanggulangan Bencana (BNPB)", "Kepala BNPB", "Kepala BNPB"),
    ("Rektor Institut Pemerintahan Dalam Negeri (IPDN)", "Rektor IPDN", "Rektor"),
    ("Direktur Jenderal Bina Pembangunan Daerah Kemendagri", "Dirjen Bina Bangda", "Dirjen"),
)

ORGANISATIONS: tuple[tuple[str, str], ...] = (
    ("Asosiasi Media Siber Indonesia (AMSI)", "Ketua"),
    ("Himpunan Pengusaha Muda Indonesia (HIPMI)", "Ketua Umum"),
    ("Kamar Dagang dan Industri (Kadin)", "Ketua"),
    ("Persatuan Wartawan Indonesia (PWI)", "Ketua"),
    ("Komite Nasional Pemuda Indonesia (KNPI)", "Ketua"),
    ("Palang Merah Indonesia (PMI)", "Ketua"),
    ("Asosiasi Pengusaha Indonesia (Apindo)", "Ketua"),
    ("Ikatan Dokter Indonesia (IDI)", "Ketua"),
    ("Persatuan Guru Republik Indonesia (PGRI)", "Ketua"),
    ("Universitas Tanjungpura", "Rektor"),
    ("Politeknik Negeri Pontianak", "Direktur"),
    ("Universitas Muhammadiyah Pontianak", "Rektor"),
    ("Dewan Adat Dayak (DAD)", "Ketua"),
    ("Majelis Adat Budaya Melayu (MABM)", "Ketua"),
    ("Gabungan Pengusaha Kelapa Sawit Indonesia (GAPKI)", "Ketua"),
    ("Ikatan Notaris Indonesia (INI)", "Ketua"),
    ("Perhimpunan Hotel dan Restoran Indonesia (PHRI)", "Ketua"),
    ("Forum Anak Daerah", "Ketua"),
)

COMPANY_WORDS: tuple[str, ...] = (
    "Borneo",
    "Khatulistiwa",
    "Nusantara",
    "Kapuas",
    "Cahaya",
    "Mitra",
    "Sinar",
    "Bumi",
    "Lestari",
    "Prima",
    "Media",
    "Energi",
    "Agro",
    "Karya",
    "Sentosa",
    "Digital",
    "Raya",
)
