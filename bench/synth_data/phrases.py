"""Pools for type-specific facts, generic filler sentences, quote frames and dates."""

SUBJECTS: tuple[str, ...] = (
    "pengembangan potensi daerah dan peningkatan pelayanan publik",
    "pengembangan pariwisata dan ekonomi kreatif",
    "peningkatan kapasitas sumber daya manusia aparatur",
    "ketahanan pangan dan perdagangan antardaerah",
    "pengelolaan lingkungan hidup dan energi terbarukan",
    "transformasi digital pemerintahan",
    "pengembangan industri hilir dan investasi",
)
FIELDS: tuple[tuple[str, str], ...] = (
    ("pariwisata dan ekonomi kreatif", "Pariwisata"),
    ("perdagangan", "Perdagangan"),
    ("ketahanan pangan", "Ketahanan Pangan"),
    ("pendidikan vokasi", "Pendidikan Vokasi"),
    ("layanan kesehatan", "Layanan Kesehatan"),
    ("investasi", "Investasi"),
)
TOPICS: tuple[tuple[str, str], ...] = (
    ("percepatan penurunan stunting", "Percepatan Penurunan Stunting"),
    ("pengendalian inflasi daerah", "Pengendalian Inflasi"),
    ("penanganan kemiskinan ekstrem", "Penanganan Kemiskinan Ekstrem"),
    ("kesiapsiagaan menghadapi bencana", "Kesiapsiagaan Bencana"),
    ("realisasi anggaran daerah", "Realisasi Anggaran"),
    ("pencegahan kebakaran hutan dan lahan", "Pencegahan Karhutla"),
    ("penerimaan peserta didik baru", "Penerimaan Peserta Didik Baru"),
    ("pengamanan hari raya", "Pengamanan Hari Raya"),
)
VACCINES: tuple[tuple[str, str], ...] = (
    ("polio", "Polio"),
    ("campak-rubela", "Campak-Rubela"),
    ("HPV", "HPV"),
    ("DPT", "DPT"),
    ("rotavirus", "Rotavirus"),
    ("PCV", "PCV"),
)
FESTIVAL_FORMS: tuple[str, ...] = (
    "Festival {w} {year}",
    "Festival Budaya {w}",
    "Pekan Gawai Dayak {year}",
    "Festival Danau {w}",
    "Festival Kuliner {w} {year}",
    "Festival Meriam Karbit {year}",
    "Festival Cap Go Meh {year}",
    "Festival Pesisir {w}",
    "{w} Culture Fest {year}",
)
FESTIVAL_WORDS: tuple[str, ...] = (
    "Khatulistiwa",
    "Kapuas",
    "Sentarum",
    "Sebangau",
    "Tempayan",
    "Tidayu",
    "Bumi Raya",
    "Serumpun",
    "Senganan",
    "Uncak Kapuas",
    "Pesona Pesisir",
    "Sambas Berbudaya",
    "Bekayuh",
)
PROJECT_FORMS: tuple[tuple[str, str], ...] = (
    ("ruas jalan {a}–{b}", "Jalan {a}–{b}"),
    ("Jembatan {a}", "Jembatan {a}"),
    ("peningkatan jalan {a}–{b}", "Jalan {a}–{b}"),
    ("gedung rumah sakit pratama {a}", "RS Pratama {a}"),
    ("pelabuhan rakyat {a}", "Pelabuhan Rakyat {a}"),
    ("jaringan irigasi {a}", "Irigasi {a}"),
)
COMMODITIES: tuple[tuple[str, str], ...] = (
    ("padi", "Padi"),
    ("jagung", "Jagung"),
    ("bawang merah", "Bawang Merah"),
    ("kedelai", "Kedelai"),
    ("cabai", "Cabai"),
    ("padi gogo", "Padi Gogo"),
)
PRICE_COMMODITIES: tuple[str, ...] = (
    "beras",
    "cabai rawit",
    "bawang merah",
    "daging ayam ras",
    "telur ayam",
    "ikan tongkol",
    "minyak goreng",
    "emas perhiasan",
    "tarif angkutan udara",
    "gula pasir",
    "sawi hijau",
)
FORUM_FORMS: tuple[str, ...] = (
    "{w1} {w2} Forum {year}",
    "Dialog {w1} {year}",
    "{w1} Investment Summit {year}",
    "Musyawarah {w1} {w2}",
    "Temu Bisnis {w1} {year}",
    "{w1} Media Expo {year}",
)
FORUM_WORDS: tuple[str, ...] = (
    "Borneo",
    "Khatulistiwa",
    "Kapuas",
    "Nusantara",
    "Regional",
    "Perbatasan",
    "Digital",
    "Ekonomi Hijau",
    "Intra-Regional",
    "Sarawak",
    "Kalimantan",
    "Maritim",
)

ATTENDEES: tuple[str, ...] = (
    "unsur Forkopimda",
    "para kepala perangkat daerah",
    "camat dan kepala desa",
    "perwakilan TNI dan Polri",
    "tokoh masyarakat dan tokoh agama",
    "pelaku usaha",
    "kalangan akademisi",
    "perwakilan organisasi kepemudaan",
    "anggota DPRD",
    "perwakilan kementerian",
    "para bupati dan wali kota",
)

QUOTE_VERBS: tuple[str, ...] = (
    "kata",
    "ujar",
    "ungkap",
    "jelas",
    "tutur",
    "tegas",
    "imbuh",
    "ucap",
    "terang",
)
QUOTE_CLOSERS: tuple[str, ...] = ("pungkas", "tutup", "tandas")

# Generic sentences any story can carry; they pad a story to length without naming its facts.
FILLER: tuple[str, ...] = (
    "Menurut {ref}, {goal} membutuhkan dukungan semua pihak, mulai dari pemerintah, dunia usaha "
    "hingga masyarakat.",
    "{gov_short} sebelumnya telah menyiapkan sejumlah langkah untuk {goal}.",
    "Langkah tersebut sejalan dengan program prioritas daerah di bidang {sector}.",
    "{ref} juga meminta perangkat daerah terkait segera menindaklanjuti hasil kegiatan tersebut.",
    "Koordinasi lintas sektor dinilai penting agar program {program} berjalan tepat sasaran.",
    "Ia menambahkan, evaluasi akan dilakukan secara berkala setiap {period}.",
    "Kegiatan tersebut turut dihadiri {attendees}.",
    "Pemerintah daerah, lanjutnya, terbuka terhadap masukan dari masyarakat.",
    "Program {program} sendiri sudah berjalan sejak beberapa tahun terakhir.",
    "Ke depan, pihaknya akan memperkuat pendataan agar kebijakan yang diambil lebih akurat.",
    "{ref} menilai capaian {region_short} di bidang {sector} masih bisa ditingkatkan.",
    "Dukungan pemerintah pusat juga diharapkan terus mengalir ke daerah.",
    "Sejumlah warga yang ditemui menyambut baik langkah pemerintah tersebut.",
    "Ia berharap kegiatan serupa dapat digelar secara rutin di {region_short}.",
    "Pemerintah daerah juga akan melibatkan perguruan tinggi dalam kajian {sector}.",
    "Hal itu, kata dia, menjadi bagian dari upaya {goal}.",
    "Selain itu, transparansi anggaran menjadi perhatian dalam setiap program {program}.",
    "Masyarakat diminta aktif mengawasi pelaksanaan program di lapangan.",
    "{ref} menyebut tantangan terbesar ada pada keterbatasan anggaran dan sumber daya manusia.",
    "Karena itu, inovasi pelayanan terus didorong di setiap perangkat daerah.",
    "Pihaknya juga menyiapkan layanan pengaduan bagi warga yang menemukan kendala.",
    "Menurutnya, sinergi antara provinsi dan kabupaten menjadi kunci keberhasilan {program}.",
    "Ia memastikan seluruh tahapan dilaksanakan sesuai ketentuan yang berlaku.",
    "Pemerintah daerah menargetkan hasilnya mulai terlihat pada {period_next}.",
    "Di sisi lain, peran media dinilai penting untuk menyebarluaskan informasi kepada publik.",
    "Kegiatan ditutup dengan sesi tanya jawab dan foto bersama.",
    "{ref} mengakui masih ada sejumlah kendala teknis yang perlu dibenahi.",
    "Sejumlah perangkat daerah telah diminta menyusun rencana aksi.",
    "Upaya ini juga mendukung target pembangunan nasional di sektor {sector}.",
    "Dengan langkah tersebut, {gov_short} optimistis {goal} dapat tercapai.",
    "Ia juga mengajak generasi muda ikut terlibat dalam pembangunan daerah.",
    "Pemantauan di lapangan akan dilakukan bersama aparat kecamatan dan desa.",
    "Laporan perkembangan program akan dipublikasikan secara terbuka.",
    "Menurut dia, pelayanan kepada masyarakat tidak boleh terhenti dalam kondisi apa pun.",
    "Sejauh ini, respons masyarakat terhadap program {program} dinilai positif.",
    "Pemerintah daerah juga akan menggandeng sektor swasta melalui program tanggung jawab sosial.",
)
PERIODS: tuple[str, ...] = ("bulan", "triwulan", "semester", "tahun")
PERIODS_NEXT: tuple[str, ...] = (
    "akhir tahun ini",
    "triwulan mendatang",
    "tahun depan",
    "semester kedua",
)

GENERIC_QUOTES: tuple[str, ...] = (
    "Kami ingin masyarakat merasakan manfaatnya secara langsung.",
    "Semua pihak harus bergerak bersama, tidak bisa hanya mengandalkan pemerintah.",
    "Ini komitmen kami untuk terus memperbaiki pelayanan.",
    "Hasilnya nanti akan kami evaluasi bersama.",
    "Kami optimistis target tersebut bisa tercapai.",
    "Tentu masih ada kekurangan, dan itu akan kami benahi.",
)

DAYS: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
FRIDAY_VARIANTS: tuple[str, ...] = ("Jumat", "Jum’at", "Jum'at")
MONTHS: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTH_ABBR: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Mei",
    "Jun",
    "Jul",
    "Agu",
    "Sep",
    "Okt",
    "Nov",
    "Des",
)

# A small grammar for filler: opener + subject + verb + object + adjunct. Hundreds of thousands
# of combinations, so unrelated stories share phrases (as real news does) but not sentences.
FILLER_OPENERS: tuple[str, ...] = (
    "",
    "",
    "",
    "Selain itu, ",
    "Di sisi lain, ",
    "Menurut {ref}, ",
    "Ia menambahkan, ",
    "Lebih lanjut, ",
    "Dalam kesempatan itu, ",
    "Sementara itu, ",
    "Tak hanya itu, ",
    "Ke depan, ",
    "Karena itu, ",
    "Menurut dia, ",
    "{ref} menjelaskan, ",
    "Pada bagian lain, ",
    "Ia menyebut, ",
    "Untuk itu, ",
)
FILLER_SUBJECTS: tuple[str, ...] = (
    "pemerintah daerah",
    "{gov_short}",
    "pihaknya",
    "perangkat daerah terkait",
    "dinas teknis",
    "tim gabungan",
    "para camat",
    "pemerintah desa",
    "para pemangku kepentingan",
    "kalangan dunia usaha",
    "pemerintah kabupaten dan kota",
    "jajaran {gov_short}",
    "kelompok masyarakat",
    "organisasi perangkat daerah",
    "tim teknis",
)
FILLER_VERBS: tuple[str, ...] = (
    "akan memperkuat",
    "terus mendorong",
    "berkomitmen meningkatkan",
    "diminta menyiapkan",
    "tengah menyusun",
    "perlu mempercepat",
    "siap mendukung",
    "mulai mengevaluasi",
    "diharapkan memperluas",
    "sudah merampungkan kajian tentang",
    "menargetkan perbaikan",
    "mengusulkan tambahan anggaran untuk",
    "menyiapkan skema baru bagi",
    "memprioritaskan",
    "melibatkan warga dalam",
    "membuka ruang dialog soal",
)
FILLER_OBJECTS: tuple[str, ...] = (
    "pendataan penerima manfaat",
    "layanan berbasis digital",
    "koordinasi lintas sektor",
    "pengawasan di lapangan",
    "kualitas sumber daya manusia",
    "sarana dan prasarana pendukung",
    "program {program}",
    "{goal}",
    "pembangunan di sektor {sector}",
    "sistem pelaporan terpadu",
    "kemitraan dengan perguruan tinggi",
    "partisipasi masyarakat",
    "pelayanan di tingkat kecamatan",
    "penguatan kelembagaan desa",
    "transparansi penggunaan anggaran",
    "rencana aksi daerah",
    "inovasi pelayanan publik",
    "pembinaan pelaku usaha kecil",
    "kesiapan petugas lapangan",
)
FILLER_ADJUNCTS: tuple[str, ...] = (
    "",
    "",
    "hingga tingkat desa",
    "secara bertahap",
    "pada tahun anggaran {next_year}",
    "di seluruh kabupaten dan kota",
    "bersama pemerintah pusat",
    "sesuai arahan {role_word}",
    "dalam waktu dekat",
    "agar hasilnya lebih terukur",
    "di {region_short}",
    "sebelum akhir tahun",
    "dengan melibatkan tokoh masyarakat",
    "tanpa menunggu instruksi pusat",
    "supaya manfaatnya merata",
    "pada {period_next}",
)

# Second halves of quotes, tying a quote to its own event: the same official at two events
# may repeat a line, but never a whole quote.
QUOTE_TAILS: tuple[str, ...] = (
    "Angka {f0} itu harus kita jaga bersama.",
    "Kita ingin {goal} di {region_short} benar-benar terasa.",
    "Program {program} akan kami kawal sampai tuntas.",
    "Untuk {sector}, kami tidak mau setengah-setengah.",
    "Capaian {f0} ini hasil kerja bersama, bukan kerja satu instansi.",
    "Masyarakat {region_short} berhak mendapat pelayanan terbaik.",
    "Saya minta laporan perkembangannya setiap {period}.",
    "Kalau ada kendala soal {program}, segera sampaikan.",
    "Kami sudah hitung, dan {f0} itu bukan angka yang mustahil.",
    "Tahun depan {sector} harus lebih baik lagi.",
    "Dukungan warga {region_short} sangat kami butuhkan.",
    "Kami tidak ingin {goal} hanya jadi slogan.",
)
INTRO_LINES: tuple[str, ...] = (
    "Hal itu disampaikan {intro}, saat ditemui di {city}.",
    "{intro}, mengatakan pihaknya terus memantau perkembangan di lapangan.",
    "Keterangan tersebut disampaikan {intro}, kepada wartawan.",
)
