# ruff: noqa: E501  (template text: long sentences read better unbroken)
"""Story types: what happens, who does it, the figures it carries and the sentences that tell it.

Slots common to every type: {intro} (the actor introduced, e.g. "Sekda Kalbar, dr. Agus Santoso"),
{actor}, {ref} (how later sentences name the actor), {role_short}, {role_word}, {prov}, {ps},
{region}, {region_short}, {gov}, {gov_short}, {city}, {venue}, {date}, {year}, {goal}, {program},
{sector}, {attendees}. Figures are {f_<name>}; type-specific facts are listed in `facts`.
Each type needs several alternatives per part so an independent rewrite can say it differently.
The first title of a type with `trap_title` is the template headline reused across provinces.
"""

from typing import Any

EVENTS: dict[str, dict[str, Any]] = {
    "kesepakatan": {
        "roles": ("sekda", "sekda", "gubernur", "wagub"),
        "scope": "province",
        "facts": ("partner", "subject", "field"),
        "figures": {
            "wisnus": "count_big",
            "wisnus_pct": "pct",
            "wisman": "count",
            "wisman_pct": "pct",
            "points": "small",
        },
        "trap_title": True,
        "titles": (
            "{role_short} Tandatangani Kesepakatan Bersama dengan Pemprov {partner_short}",
            "Pemprov {ps} dan Pemprov {partner_short} Teken Kerja Sama {field_title}",
            "{ps} Gandeng {partner_short}, Perkuat Sinergi Pembangunan Daerah",
            "{role_short} Teken MoU dengan {partner_short}, {field_title} Jadi Fokus",
            "Jalin Kerja Sama dengan {partner_short}, {ps} Bidik Peningkatan {field_title}",
        ),
        "ledes": (
            "{intro}, menandatangani kesepakatan bersama antara {gov} dan Pemerintah Provinsi "
            "{partner} di {venue}, {date}.",
            "{gov} resmi menjalin kerja sama dengan Pemerintah Provinsi {partner}. Kesepakatan "
            "bersama itu ditandatangani {intro}, di {venue} pada {date}.",
            "Kerja sama antardaerah kembali diperkuat. {intro}, meneken nota kesepakatan dengan "
            "Pemerintah Provinsi {partner} dalam sebuah forum kerja sama daerah di {venue}, {date}.",
        ),
        "details": (
            "Kesepakatan tersebut mengatur kerja sama di bidang {subject}.",
            "Ruang lingkup kerja sama meliputi {subject}, termasuk pertukaran data dan peningkatan "
            "kapasitas aparatur.",
            "Penandatanganan dilakukan dalam forum kerja sama daerah yang mempertemukan sejumlah "
            "pemerintah provinsi dan kabupaten.",
            "Forum itu juga dihadiri {attendees}.",
            "Menurut {ref}, sektor {field} menjadi salah satu prioritas dalam kerja sama ini.",
            "Kerja sama tersebut akan ditindaklanjuti dengan perjanjian teknis oleh perangkat daerah "
            "masing-masing.",
        ),
        "figure_lines": (
            (
                "Kesepakatan itu memuat {f_points} poin kerja sama.",
                "Sepanjang {prev_year}, kunjungan wisatawan nusantara ke {prov} tercatat {f_wisnus} "
                "orang atau naik {f_wisnus_pct} dibanding tahun sebelumnya, sedangkan wisatawan "
                "mancanegara mencapai {f_wisman} orang, tumbuh {f_wisman_pct}.",
            ),
            (
                "Data yang dipaparkan menunjukkan jumlah wisatawan nusantara pada {prev_year} mencapai "
                "{f_wisnus} orang, meningkat {f_wisnus_pct}.",
                "Adapun wisatawan mancanegara berjumlah {f_wisman} orang atau tumbuh {f_wisman_pct}. "
                "Dokumen kesepakatan sendiri berisi {f_points} poin.",
            ),
        ),
        "quotes": (
            "Kerja sama ini membuka jalan bagi {ps} untuk mengembangkan potensi daerah secara lebih "
            "terarah.",
            "Kami ingin kolaborasi dengan {partner_short} menghasilkan program yang dampaknya "
            "langsung dirasakan masyarakat.",
            "Sektor {field} punya peluang besar untuk tumbuh jika promosinya kita lakukan bersama.",
            "Kesepakatan ini bukan sekadar seremoni, tetapi harus segera diikuti langkah konkret "
            "oleh perangkat daerah.",
            "Kenaikan jumlah wisatawan menunjukkan {ps} semakin diminati, dan itu harus kita jaga.",
            "Kami juga berharap kerja sama ini membuka peluang investasi baru di {region_short}.",
        ),
        "goals": (
            "penguatan kerja sama antardaerah",
            "pengembangan potensi daerah",
            "peningkatan pelayanan publik",
            "promosi pariwisata daerah",
        ),
        "programs": ("kerja sama daerah", "promosi wisata terpadu", "pertukaran aparatur"),
        "sectors": ("pariwisata", "ekonomi kreatif", "pelayanan publik", "investasi"),
    },
    "audiensi": {
        "roles": ("sekda", "gubernur", "wagub", "bupati", "sekda_kab"),
        "scope": "any",
        "facts": ("org", "forum"),
        "figures": {"participants": "count", "countries": "small", "budget": "rp_juta"},
        "titles": (
            "{role_short} Terima Audiensi {org_short}, Bahas {forum}",
            "{org_short} Sambangi {role_short}, Siapkan {forum}",
            "{ref} Dukung Penyelenggaraan {forum} di {region_short}",
            "Audiensi dengan {org_short}, {role_short} Minta {forum} Libatkan Pelaku Usaha",
        ),
        "ledes": (
            "{intro}, menerima audiensi {org_role} {org}, {org_head}, beserta jajaran di ruang "
            "kerjanya, {date}.",
            "{org_role} {org}, {org_head}, melakukan audiensi dengan {intro}, pada {date}. "
            "Pertemuan itu membahas persiapan {forum}.",
            "Jajaran {org} yang dipimpin {org_head} bertemu {intro}, di {city} pada {date} untuk "
            "membahas rencana {forum}.",
        ),
        "details": (
            "Pertemuan tersebut membahas rencana penyelenggaraan {forum} yang dijadwalkan "
            "berlangsung pada {forum_date} di {forum_venue}.",
            "{forum} akan digelar pada {forum_date} dengan {forum_venue} sebagai tempat "
            "pelaksanaan.",
            "{org_head_ref} menjelaskan kedatangan pihaknya untuk mengundang {gov_short} terlibat "
            "dalam kegiatan tersebut.",
            "Kegiatan itu dirancang sebagai ruang dialog antara pemerintah, pelaku usaha dan "
            "komunitas.",
            "{ref} menyarankan panitia menghadirkan narasumber dari kementerian serta kepala daerah "
            "kabupaten dan kota.",
            "Panitia menargetkan kegiatan tersebut menjadi agenda tahunan.",
        ),
        "figure_lines": (
            (
                "Panitia memperkirakan {f_participants} peserta dari {f_countries} daerah dan negara "
                "akan hadir.",
                "Anggaran penyelenggaraan disebut mencapai {f_budget}.",
            ),
            (
                "Sebanyak {f_participants} peserta ditargetkan mengikuti kegiatan tersebut, berasal dari "
                "{f_countries} daerah dan negara.",
                "Untuk pelaksanaannya, panitia menyiapkan dana sekitar {f_budget}.",
            ),
        ),
        "quotes": (
            "Kami menyambut baik rencana ini karena sejalan dengan upaya {gov_short} menarik "
            "investasi.",
            "Forum seperti ini penting untuk mempertemukan pemerintah, dunia usaha dan media.",
            "Kami berharap hasil dialog nanti bisa menjadi masukan bagi perencanaan pembangunan di "
            "{region_short}.",
            "Kami datang untuk memastikan pemerintah daerah ikut menjadi bagian dari kegiatan ini.",
            "Narasumber yang dihadirkan harus relevan agar diskusinya menghasilkan rekomendasi "
            "nyata.",
        ),
        "goals": (
            "penguatan iklim investasi",
            "kolaborasi pemerintah dan dunia usaha",
            "promosi potensi daerah",
        ),
        "programs": ("promosi investasi", "kemitraan dengan media", "forum dialog regional"),
        "sectors": ("investasi", "industri", "ekonomi digital", "perdagangan lintas batas"),
    },
    "rakor": {
        "roles": ("gubernur", "sekda", "wagub", "kepala_bappeda", "bupati", "sekda_kab"),
        "scope": "any",
        "facts": ("topic",),
        "figures": {"rate": "pct", "target": "pct", "budget": "rp_miliar", "units": "small"},
        "trap_title": True,
        "titles": (
            "{role_short} Pimpin Rakor {topic_title}",
            "Rakor {topic_title}, {ref} Minta OPD Bergerak Cepat",
            "{gov_short} Gelar Rapat Koordinasi {topic_title}",
            "{role_short}: {topic_title} Harus Jadi Kerja Bersama",
        ),
        "ledes": (
            "{intro}, memimpin rapat koordinasi {topic} di {venue}, {date}.",
            "{gov} menggelar rapat koordinasi {topic} yang dipimpin {intro}, {date}.",
            "Rapat koordinasi {topic} digelar di {venue} pada {date}. Rapat dipimpin langsung "
            "{intro}.",
        ),
        "details": (
            "Rapat diikuti {attendees}.",
            "Dalam rapat itu setiap perangkat daerah diminta memaparkan capaian dan kendala di "
            "lapangan.",
            "{ref} menegaskan {topic} menjadi salah satu prioritas daerah tahun ini.",
            "Rapat juga membahas pembagian tugas antarinstansi agar penanganan tidak tumpang tindih.",
            "Hasil rapat akan dilaporkan kepada pemerintah pusat sebagai bahan evaluasi.",
            "Pemerintah daerah juga akan memperkuat pendataan hingga tingkat desa.",
        ),
        "figure_lines": (
            (
                "Capaian indikator saat ini berada di angka {f_rate}, sementara target akhir tahun "
                "ditetapkan {f_target}.",
                "Untuk mendukung program tersebut, pemerintah daerah mengalokasikan anggaran {f_budget} "
                "yang tersebar di {f_units} perangkat daerah.",
            ),
            (
                "Anggaran sebesar {f_budget} disiapkan dan dikelola oleh {f_units} perangkat daerah.",
                "Dengan dukungan itu, capaian yang kini {f_rate} diharapkan naik hingga {f_target}.",
            ),
        ),
        "quotes": (
            "Saya minta seluruh perangkat daerah tidak bekerja sendiri-sendiri.",
            "Data harus diperbarui setiap bulan supaya kita tahu mana yang perlu dikejar.",
            "Target ini realistis asalkan semua pihak bergerak dengan ritme yang sama.",
            "Jangan sampai anggaran sudah tersedia tetapi pelaksanaannya terlambat.",
            "Kami akan mengevaluasi capaian ini secara terbuka setiap triwulan.",
            "Persoalan di lapangan harus segera dilaporkan, jangan menunggu rapat berikutnya.",
        ),
        "goals": (
            "percepatan penurunan stunting",
            "pengendalian inflasi daerah",
            "penanganan kemiskinan ekstrem",
            "peningkatan kualitas layanan dasar",
        ),
        "programs": (
            "pendampingan keluarga berisiko",
            "operasi pasar murah",
            "gerakan tanam pangan",
            "bantuan sosial tepat sasaran",
        ),
        "sectors": ("kesehatan", "ketahanan pangan", "perlindungan sosial", "perencanaan daerah"),
    },
    "banjir": {
        "roles": ("kalak_bpbd", "bupati", "wabup", "sekda_kab"),
        "scope": "regency",
        "facts": ("river", "villages", "district"),
        "figures": {
            "houses": "count",
            "families": "count",
            "people": "count",
            "depth": "cm",
            "evacuees": "count",
        },
        "titles": (
            "Banjir Rendam {f_houses} Rumah di {kab_short}",
            "{river} Meluap, Ribuan Warga {kab_short} Terdampak Banjir",
            "Banjir Landa {district}, {role_short} Tinjau Lokasi",
            "{f_people} Jiwa Terdampak Banjir di {kab_short}, Warga Diminta Waspada",
        ),
        "ledes": (
            "Banjir akibat meluapnya {river} merendam permukiman warga di Kecamatan {district}, "
            "{region}, sejak {date}.",
            "{intro}, meninjau lokasi banjir di Kecamatan {district}, {region}, {date}. Banjir "
            "terjadi setelah {river} meluap akibat hujan deras.",
            "Hujan dengan intensitas tinggi membuat {river} meluap dan merendam sejumlah desa di "
            "Kecamatan {district}, {region}, pada {date}.",
        ),
        "details": (
            "Desa yang terdampak antara lain {villages}.",
            "Banjir merendam {villages}.",
            "Petugas gabungan dari BPBD, TNI, Polri dan relawan telah diterjunkan untuk membantu "
            "evakuasi warga.",
            "Dapur umum didirikan di sejumlah titik untuk memenuhi kebutuhan makan warga.",
            "Akses jalan penghubung antardesa sempat terputus karena tergenang air.",
            "Pemerintah daerah juga menyalurkan bantuan logistik berupa beras, mi instan dan air "
            "bersih.",
        ),
        "figure_lines": (
            (
                "Data sementara mencatat {f_houses} rumah terendam dengan ketinggian air mencapai "
                "{f_depth}.",
                "Sebanyak {f_families} kepala keluarga atau {f_people} jiwa terdampak, dan {f_evacuees} "
                "warga di antaranya mengungsi.",
            ),
            (
                "Banjir berdampak pada {f_people} jiwa dari {f_families} kepala keluarga.",
                "Ketinggian air di permukiman mencapai {f_depth} dan merendam {f_houses} rumah, "
                "sehingga {f_evacuees} warga terpaksa mengungsi.",
            ),
        ),
        "quotes": (
            "Kami minta warga di bantaran sungai tetap waspada karena debit air masih tinggi.",
            "Prioritas kami saat ini adalah keselamatan warga, terutama anak-anak dan lansia.",
            "Bantuan logistik sudah kami salurkan dan akan terus ditambah sesuai kebutuhan.",
            "Kalau hujan masih turun beberapa hari ke depan, air bisa naik lagi.",
            "Posko pengungsian kami siagakan selama dua puluh empat jam.",
        ),
        "goals": (
            "penanganan darurat bencana",
            "pemulihan pascabanjir",
            "kesiapsiagaan menghadapi bencana hidrometeorologi",
        ),
        "programs": ("normalisasi sungai", "posko siaga bencana", "bantuan logistik"),
        "sectors": ("kebencanaan", "infrastruktur", "sosial"),
    },
    "vaksinasi": {
        "roles": ("kadinkes", "bupati", "wagub", "wabup"),
        "scope": "any",
        "facts": ("vaccine",),
        "figures": {"target": "count", "done": "count", "coverage": "pct", "posts": "count"},
        "titles": (
            "Imunisasi {vaccine_title} di {region_short} Capai {f_coverage}",
            "{role_short} Canangkan Imunisasi {vaccine_title} untuk {f_target} Anak",
            "Kejar Target, {gov_short} Perluas Layanan Imunisasi {vaccine_title}",
            "Cakupan Imunisasi {vaccine_title} {region_short} Terus Naik",
        ),
        "ledes": (
            "{intro}, mencanangkan pekan imunisasi {vaccine} di {venue}, {date}.",
            "{gov} terus memperluas cakupan imunisasi {vaccine}. Hal itu disampaikan {intro}, "
            "{date}.",
            "Pelaksanaan imunisasi {vaccine} di {region} terus dikebut. {intro}, memantau langsung "
            "pelayanan di sejumlah posyandu pada {date}.",
        ),
        "details": (
            "Imunisasi diberikan secara gratis di posyandu, puskesmas dan sekolah.",
            "Petugas kesehatan juga mendatangi rumah warga yang belum membawa anaknya ke posyandu.",
            "{ref} meminta orang tua tidak ragu karena vaksin yang digunakan aman dan halal.",
            "Pemerintah daerah melibatkan kader posyandu, tokoh agama dan guru untuk mengajak orang "
            "tua.",
            "Daerah dengan cakupan rendah mendapat pendampingan khusus dari dinas kesehatan.",
        ),
        "figure_lines": (
            (
                "Dari sasaran {f_target} anak, sebanyak {f_done} anak sudah menerima imunisasi.",
                "Dengan demikian cakupan imunisasi mencapai {f_coverage}, dilayani di {f_posts} pos "
                "pelayanan.",
            ),
            (
                "Cakupan imunisasi saat ini {f_coverage} atau {f_done} dari {f_target} anak sasaran.",
                "Layanan dibuka di {f_posts} pos, mulai dari posyandu hingga sekolah.",
            ),
        ),
        "quotes": (
            "Imunisasi ini melindungi anak-anak kita dari penyakit yang sebenarnya bisa dicegah.",
            "Kami menargetkan tidak ada satu pun anak yang terlewat.",
            "Orang tua jangan termakan kabar bohong soal vaksin.",
            "Petugas kami siap datang ke rumah warga yang kesulitan menjangkau posyandu.",
            "Capaian ini hasil kerja keras kader dan tenaga kesehatan di lapangan.",
        ),
        "goals": (
            "peningkatan derajat kesehatan anak",
            "pencegahan penyakit menular",
            "penguatan layanan kesehatan primer",
        ),
        "programs": ("posyandu aktif", "imunisasi kejar", "jemput bola layanan kesehatan"),
        "sectors": ("kesehatan", "pendidikan", "pelayanan dasar"),
    },
    "festival": {
        "roles": ("kadisparbud", "gubernur", "bupati", "wagub", "wabup"),
        "scope": "any",
        "facts": ("festival",),
        "figures": {
            "visitors": "count",
            "transactions": "rp_miliar",
            "umkm": "hundreds",
            "days": "small",
        },
        "titles": (
            "{festival} Resmi Dibuka, Targetkan {f_visitors} Pengunjung",
            "{role_short} Buka {festival}",
            "{festival} Catat Transaksi {f_transactions}",
            "Ribuan Warga Padati {festival} di {region_short}",
        ),
        "ledes": (
            "{intro}, membuka secara resmi {festival} di {venue}, {date}.",
            "{festival} resmi dimulai. Pembukaan dilakukan {intro}, di {venue} pada {date}.",
            "Ribuan warga memadati {venue} saat {intro}, membuka {festival}, {date}.",
        ),
        "details": (
            "Festival tersebut menampilkan pertunjukan seni budaya, lomba tradisional dan bazar "
            "produk lokal.",
            "Sejumlah sanggar seni dari berbagai kabupaten turut tampil pada malam pembukaan.",
            "Panitia juga menyiapkan area kuliner yang menampilkan makanan khas daerah.",
            "{ref} berharap festival ini masuk dalam kalender event pariwisata nasional.",
            "Kegiatan ini turut dihadiri {attendees}.",
            "Festival menjadi sarana promosi wisata sekaligus pelestarian budaya lokal.",
        ),
        "figure_lines": (
            (
                "Festival yang berlangsung selama {f_days} hari itu melibatkan {f_umkm} pelaku UMKM.",
                "Panitia menargetkan {f_visitors} pengunjung dengan perputaran uang mencapai "
                "{f_transactions}.",
            ),
            (
                "Sebanyak {f_umkm} UMKM ikut meramaikan festival yang digelar {f_days} hari tersebut.",
                "Perputaran uang diperkirakan {f_transactions} dari sekitar {f_visitors} pengunjung.",
            ),
        ),
        "quotes": (
            "Festival ini bukan hanya hiburan, tetapi juga panggung bagi pelaku UMKM kita.",
            "Kami ingin budaya daerah dikenal lebih luas, termasuk oleh wisatawan mancanegara.",
            "Setiap tahun kualitas penyelenggaraan harus meningkat.",
            "Anak-anak muda harus bangga dengan budayanya sendiri.",
            "Kami berharap perputaran ekonomi dari festival ini benar-benar dinikmati masyarakat.",
        ),
        "goals": (
            "promosi pariwisata daerah",
            "pelestarian budaya lokal",
            "penguatan ekonomi kreatif",
        ),
        "programs": ("kalender event pariwisata", "pembinaan sanggar seni", "kurasi produk UMKM"),
        "sectors": ("pariwisata", "ekonomi kreatif", "kebudayaan"),
    },
    "apbd": {
        "roles": ("gubernur", "wagub", "sekda", "bupati"),
        "scope": "any",
        "facts": ("budget_year",),
        "figures": {
            "income": "rp_triliun",
            "spending": "rp_triliun",
            "deficit": "rp_miliar",
            "factions": "small",
        },
        "titles": (
            "{role_short} Sampaikan Jawaban atas Pandangan Fraksi soal Raperda APBD {budget_year}",
            "APBD {region_short} {budget_year} Dirancang {f_spending}",
            "Paripurna DPRD, {gov_short} Paparkan Rancangan APBD {budget_year}",
            "Fraksi DPRD Soroti Defisit {f_deficit} dalam Raperda APBD {region_short}",
        ),
        "ledes": (
            "{intro}, menyampaikan jawaban pemerintah daerah atas pemandangan umum fraksi-fraksi "
            "DPRD terhadap Raperda APBD Tahun Anggaran {budget_year} dalam rapat paripurna, {date}.",
            "Rapat paripurna DPRD {region_short} pada {date} mengagendakan jawaban pemerintah atas "
            "pandangan fraksi terhadap Raperda APBD {budget_year}. Jawaban disampaikan {intro}.",
            "{gov} menyampaikan tanggapan atas pandangan umum fraksi mengenai Raperda APBD "
            "{budget_year} melalui {intro}, dalam paripurna DPRD, {date}.",
        ),
        "details": (
            "Rapat paripurna dipimpin pimpinan DPRD dan dihadiri anggota dewan serta kepala "
            "perangkat daerah.",
            "Sejumlah fraksi menyoroti optimalisasi pendapatan asli daerah dan efisiensi belanja "
            "pegawai.",
            "{ref} menyatakan masukan fraksi akan menjadi bahan penyempurnaan rancangan anggaran.",
            "Pembahasan selanjutnya akan dilakukan bersama badan anggaran DPRD.",
            "Pemerintah daerah juga diminta memprioritaskan belanja infrastruktur dan layanan "
            "dasar.",
        ),
        "figure_lines": (
            (
                "Dalam rancangan itu pendapatan daerah ditargetkan {f_income}, sedangkan belanja "
                "dirancang {f_spending}.",
                "Selisih keduanya menghasilkan defisit {f_deficit} yang ditutup dari pembiayaan. "
                "Pandangan umum disampaikan oleh {f_factions} fraksi.",
            ),
            (
                "Belanja daerah dalam Raperda tersebut mencapai {f_spending} dengan pendapatan "
                "{f_income}.",
                "Defisit {f_deficit} akan ditutup melalui sisa lebih pembiayaan anggaran. Sebanyak "
                "{f_factions} fraksi menyampaikan pandangannya.",
            ),
        ),
        "quotes": (
            "Seluruh masukan fraksi kami catat dan akan menjadi perhatian dalam pembahasan "
            "berikutnya.",
            "Kami berkomitmen menjaga agar belanja daerah tetap sehat dan tepat sasaran.",
            "Optimalisasi pendapatan asli daerah terus kami lakukan tanpa membebani masyarakat.",
            "Anggaran ini disusun dengan memperhatikan kemampuan keuangan daerah.",
            "Program prioritas tetap kami lindungi meskipun ruang fiskal terbatas.",
        ),
        "goals": (
            "pengelolaan keuangan daerah yang sehat",
            "peningkatan pendapatan asli daerah",
            "pembangunan infrastruktur dasar",
        ),
        "programs": ("intensifikasi pajak daerah", "belanja prioritas", "efisiensi anggaran"),
        "sectors": ("keuangan daerah", "infrastruktur", "pelayanan publik"),
    },
    "infrastruktur": {
        "roles": ("gubernur", "bupati", "kadis_pupr", "wagub"),
        "scope": "any",
        "facts": ("project",),
        "figures": {"length": "km", "cost": "rp_miliar", "progress": "pct", "months": "small"},
        "titles": (
            "{role_short} Resmikan {project_title}",
            "{project_title} Rampung, Warga {region_short} Sambut Gembira",
            "Pembangunan {project_title} Telan Anggaran {f_cost}",
            "{role_short} Tinjau Progres {project_title}",
        ),
        "ledes": (
            "{intro}, meresmikan {project} di {region}, {date}.",
            "{project} di {region} akhirnya dapat dimanfaatkan warga. Peresmian dilakukan {intro}, "
            "{date}.",
            "{intro}, meninjau langsung pengerjaan {project}, {date}.",
        ),
        "details": (
            "Infrastruktur tersebut menghubungkan sejumlah desa yang sebelumnya sulit dijangkau.",
            "Warga selama ini harus menempuh perjalanan berjam-jam untuk menjual hasil kebun.",
            "{ref} meminta masyarakat ikut menjaga fasilitas yang sudah dibangun.",
            "Pengerjaan dilakukan oleh kontraktor yang dipilih melalui tender terbuka.",
            "Pemerintah daerah akan melanjutkan pembangunan ke ruas berikutnya tahun depan.",
        ),
        "figure_lines": (
            (
                "Proyek sepanjang {f_length} itu dibangun dengan anggaran {f_cost}.",
                "Hingga kini progres fisik mencapai {f_progress} dan ditargetkan tuntas dalam "
                "{f_months} bulan.",
            ),
            (
                "Anggaran {f_cost} dialokasikan untuk membangun {f_length} ruas tersebut.",
                "Progres pekerjaan tercatat {f_progress}, dengan sisa waktu pengerjaan {f_months} "
                "bulan.",
            ),
        ),
        "quotes": (
            "Jalan ini akan memangkas waktu tempuh dan menurunkan ongkos angkut hasil pertanian.",
            "Kami minta kontraktor menjaga kualitas, jangan asal cepat selesai.",
            "Infrastruktur yang baik adalah kunci pemerataan pembangunan.",
            "Masyarakat sudah lama menunggu, jadi kami pastikan pekerjaan ini tuntas.",
            "Pemeliharaan juga harus dianggarkan agar jalan tidak cepat rusak.",
        ),
        "goals": (
            "pemerataan pembangunan infrastruktur",
            "pembukaan akses wilayah terpencil",
            "kelancaran distribusi barang",
        ),
        "programs": (
            "peningkatan jalan provinsi",
            "pembangunan jembatan desa",
            "konektivitas antarwilayah",
        ),
        "sectors": ("infrastruktur", "perhubungan", "ekonomi pedesaan"),
    },
    "pelantikan": {
        "roles": ("gubernur", "bupati", "sekda", "wagub"),
        "scope": "any",
        "facts": (),
        "figures": {"officials": "hundreds", "asn": "count", "admins": "small", "vacant": "small"},
        "trap_title": True,
        "titles": (
            "{role_short} Lantik {f_officials} Pejabat di Lingkungan {gov_short}",
            "Rotasi Jabatan, {f_officials} Pejabat {gov_short} Dilantik",
            "{role_short} Minta Pejabat yang Baru Dilantik Langsung Bekerja",
        ),
        "ledes": (
            "{intro}, melantik {f_officials} pejabat administrator dan pengawas di lingkungan {gov}, "
            "di {venue}, {date}.",
            "Sebanyak {f_officials} pejabat di lingkungan {gov} dilantik {intro}, pada {date}.",
            "{gov} melakukan rotasi jabatan. {intro}, melantik {f_officials} pejabat di {venue}, "
            "{date}.",
        ),
        "details": (
            "Pelantikan ditandai dengan pembacaan sumpah jabatan dan penandatanganan berita acara.",
            "Rotasi jabatan disebut sebagai hal biasa dalam organisasi untuk penyegaran.",
            "{ref} mengingatkan pejabat untuk menjaga integritas dan menghindari praktik korupsi.",
            "Para pejabat yang dilantik diminta segera beradaptasi dengan tugas barunya.",
            "Pelantikan disaksikan unsur pimpinan daerah dan keluarga pejabat.",
        ),
        "figure_lines": (
            (
                "Dari jumlah tersebut, {f_admins} orang merupakan pejabat administrator.",
                "Masih ada {f_vacant} jabatan yang kosong dan akan diisi melalui seleksi dari "
                "{f_asn} aparatur sipil negara yang ada.",
            ),
            (
                "Pejabat administrator yang dilantik berjumlah {f_admins} orang.",
                "{ref} menyebut {f_vacant} posisi yang masih lowong segera diisi, dengan "
                "{f_asn} aparatur sipil negara sebagai sumber calon.",
            ),
        ),
        "quotes": (
            "Jabatan adalah amanah, jadi bekerjalah dengan sungguh-sungguh.",
            "Saya tidak ingin mendengar ada pejabat yang mempersulit pelayanan masyarakat.",
            "Rotasi ini berdasarkan evaluasi kinerja, bukan suka atau tidak suka.",
            "Segera pelajari tugas baru dan tunjukkan hasilnya dalam tiga bulan pertama.",
        ),
        "goals": ("reformasi birokrasi", "peningkatan kinerja aparatur", "pelayanan publik prima"),
        "programs": ("sistem merit", "evaluasi kinerja pegawai", "zona integritas"),
        "sectors": ("birokrasi", "pelayanan publik"),
    },
    "karhutla": {
        "roles": ("kalak_bpbd", "kapolda", "gubernur", "bupati", "kapolres"),
        "scope": "any",
        "facts": ("district",),
        "figures": {
            "hotspots": "count_small",
            "hectares": "ha",
            "personnel": "hundreds",
            "suspects": "small",
        },
        "titles": (
            "Titik Panas di {region_short} Capai {f_hotspots}, {role_short} Siagakan Personel",
            "{f_hectares} Lahan Terbakar di {region_short}",
            "{role_short} Ingatkan Sanksi Tegas bagi Pembakar Lahan",
            "Karhutla Meluas, {gov_short} Tetapkan Status Siaga Darurat",
        ),
        "ledes": (
            "{intro}, menyatakan jumlah titik panas di {region} terus bertambah dalam sepekan "
            "terakhir, {date}.",
            "Kebakaran hutan dan lahan kembali terjadi di Kecamatan {district}, {region}. Hal itu "
            "disampaikan {intro}, {date}.",
            "{intro}, memimpin apel siaga penanggulangan kebakaran hutan dan lahan di {venue}, "
            "{date}.",
        ),
        "details": (
            "Sebagian besar titik api berada di lahan gambut yang sulit dipadamkan.",
            "Tim gabungan melakukan pemadaman dari darat dengan bantuan water bombing.",
            "Kualitas udara di sejumlah kota mulai menurun akibat kabut asap.",
            "{ref} mengimbau warga tidak membuka lahan dengan cara membakar.",
            "Patroli terpadu digelar di desa-desa rawan kebakaran.",
            "Sekolah diminta menyiapkan masker bagi siswa jika kabut asap menebal.",
        ),
        "figure_lines": (
            (
                "Satelit memantau {f_hotspots} titik panas, sementara luas lahan terbakar mencapai "
                "{f_hectares}.",
                "Sebanyak {f_personnel} personel dikerahkan dan {f_suspects} orang diamankan karena "
                "diduga membakar lahan.",
            ),
            (
                "Luas lahan yang terbakar tercatat {f_hectares} dengan {f_hotspots} titik panas "
                "terpantau.",
                "Aparat telah mengamankan {f_suspects} terduga pelaku, dan {f_personnel} personel "
                "disiagakan.",
            ),
        ),
        "quotes": (
            "Kami tidak akan ragu menindak siapa pun yang sengaja membakar lahan.",
            "Pencegahan jauh lebih murah daripada pemadaman.",
            "Personel kami siaga penuh, tetapi kami butuh dukungan masyarakat.",
            "Jangan sampai kabut asap kembali mengganggu aktivitas warga dan penerbangan.",
        ),
        "goals": (
            "pencegahan kebakaran hutan dan lahan",
            "penegakan hukum lingkungan",
            "perlindungan lahan gambut",
        ),
        "programs": ("masyarakat peduli api", "patroli terpadu", "restorasi gambut"),
        "sectors": ("lingkungan hidup", "kebencanaan", "kehutanan"),
    },
    "panen": {
        "roles": ("gubernur", "bupati", "kadistan", "wabup"),
        "scope": "regency",
        "facts": ("commodity", "villages"),
        "figures": {
            "area": "ha",
            "yield": "ton_ha",
            "production": "count",
            "farmers": "count_small",
        },
        "titles": (
            "{role_short} Panen Raya {commodity_title} di {kab_short}",
            "Produksi {commodity_title} {kab_short} Capai {f_yield} per Hektare",
            "Panen Raya di {kab_short}, Petani Minta Harga Gabah Dijaga",
            "{role_short}: {kab_short} Siap Jadi Lumbung {commodity_title}",
        ),
        "ledes": (
            "{intro}, melakukan panen raya {commodity} bersama kelompok tani di {villages}, "
            "{region}, {date}.",
            "Petani di {region} menggelar panen raya {commodity} yang dihadiri {intro}, {date}.",
            "Panen raya {commodity} berlangsung di {villages}, {region}, pada {date}. Kegiatan itu "
            "dihadiri {intro}.",
        ),
        "details": (
            "Panen raya dilakukan secara simbolis menggunakan mesin pemanen.",
            "Kelompok tani setempat mendapat bantuan benih unggul dan pupuk dari pemerintah.",
            "{ref} meminta penyuluh pertanian terus mendampingi petani.",
            "Petani berharap harga jual hasil panen tetap stabil.",
            "Pemerintah daerah akan memperluas jaringan irigasi di kawasan tersebut.",
        ),
        "figure_lines": (
            (
                "Luas areal panen mencapai {f_area} dengan produktivitas {f_yield} per hektare.",
                "Total produksi diperkirakan {f_production} ton yang digarap {f_farmers} petani.",
            ),
            (
                "Produktivitas rata-rata {f_yield} per hektare dari lahan seluas {f_area}.",
                "Sebanyak {f_farmers} petani terlibat, dengan produksi diperkirakan {f_production} "
                "ton.",
            ),
        ),
        "quotes": (
            "Hasil panen ini membuktikan petani kita mampu meningkatkan produktivitas.",
            "Kami akan memastikan ketersediaan pupuk agar petani tidak kesulitan.",
            "Ketahanan pangan daerah dimulai dari sawah-sawah seperti ini.",
            "Harga gabah harus dijaga supaya petani tetap untung.",
        ),
        "goals": (
            "swasembada pangan",
            "peningkatan kesejahteraan petani",
            "ketahanan pangan daerah",
        ),
        "programs": ("optimalisasi lahan", "bantuan alat mesin pertanian", "cetak sawah baru"),
        "sectors": ("pertanian", "ketahanan pangan", "ekonomi pedesaan"),
    },
    "inflasi": {
        "roles": ("kepala_bps", "kepala_bi"),
        "scope": "province",
        "facts": ("month", "commodities"),
        "figures": {"yoy": "pct", "mtm": "pct_small", "ntp": "index", "contribution": "pct_small"},
        "titles": (
            "Inflasi {ps} {month} {year} Tercatat {f_yoy}",
            "BPS: Harga {commodity_lead} Picu Inflasi di {ps}",
            "Inflasi Tahunan {ps} {f_yoy}, {commodity_lead} Penyumbang Utama",
            "NTP {ps} {month} Naik Jadi {f_ntp}",
        ),
        "ledes": (
            "{intro}, mengumumkan inflasi tahunan {prov} pada {month} {year} sebesar {f_yoy}, {date}.",
            "Inflasi di {prov} pada {month} {year} mencapai {f_yoy} secara tahunan. Angka itu "
            "dirilis {intro}, {date}.",
            "{intro}, menyampaikan perkembangan harga konsumen {month} {year} dalam rilis resmi "
            "di {city}, {date}.",
        ),
        "details": (
            "Kelompok pengeluaran makanan, minuman dan tembakau masih menjadi penyumbang terbesar.",
            "Komoditas yang dominan mendorong kenaikan harga antara lain {commodities}.",
            "Kenaikan harga {commodities} menjadi pendorong utama inflasi bulan ini.",
            "Tim pengendali inflasi daerah diminta memperkuat pemantauan harga di pasar.",
            "Di sisi lain, harga beberapa komoditas hortikultura mulai turun.",
        ),
        "figure_lines": (
            (
                "Secara bulanan terjadi inflasi {f_mtm} dengan andil komoditas utama sebesar "
                "{f_contribution}.",
                "Nilai tukar petani pada periode yang sama tercatat {f_ntp}.",
            ),
            (
                "Andil komoditas pangan terhadap inflasi mencapai {f_contribution}, sedangkan inflasi "
                "bulanan {f_mtm}.",
                "Adapun nilai tukar petani berada di level {f_ntp}.",
            ),
        ),
        "quotes": (
            "Tekanan harga terutama datang dari komoditas pangan yang pasokannya terganggu cuaca.",
            "Inflasi masih dalam rentang sasaran, tetapi perlu terus diwaspadai.",
            "Koordinasi tim pengendali inflasi daerah harus diperkuat menjelang akhir tahun.",
            "Kami melihat daya beli masyarakat masih terjaga.",
        ),
        "goals": ("pengendalian inflasi daerah", "stabilitas harga pangan", "penguatan daya beli"),
        "programs": ("gerakan pangan murah", "pemantauan harga harian", "kerja sama antardaerah"),
        "sectors": ("perdagangan", "pangan", "ekonomi daerah"),
    },
    "narkoba": {
        "roles": ("kapolres", "kapolda"),
        "scope": "regency",
        "facts": ("district", "suspects_names"),
        "figures": {"grams": "gram", "suspects": "small", "value": "rp_juta", "years": "small"},
        "titles": (
            "Polisi Gagalkan Peredaran {f_grams} Sabu di {kab_short}",
            "{role_short} Ungkap Jaringan Narkoba Lintas Batas, {f_suspects} Tersangka Diamankan",
            "Sabu {f_grams} Disita, {suspects_names} Ditangkap",
            "Peredaran Narkoba di {district} Dibongkar Polisi",
        ),
        "ledes": (
            "{intro}, mengungkap peredaran narkotika jenis sabu di Kecamatan {district}, {region}, "
            "dalam konferensi pers, {date}.",
            "Jajaran Satresnarkoba mengamankan {f_suspects} tersangka pengedar sabu di Kecamatan "
            "{district}, {region}. Pengungkapan itu disampaikan {intro}, {date}.",
            "Polisi membongkar peredaran sabu di {region}. {intro}, memaparkan hasil pengungkapan "
            "itu pada {date}.",
        ),
        "details": (
            "Para tersangka masing-masing berinisial {suspects_names}.",
            "Tersangka {suspects_names} ditangkap saat hendak melakukan transaksi.",
            "Barang bukti diduga dipasok dari jaringan lintas negara melalui jalur perbatasan.",
            "Polisi masih memburu pemasok yang identitasnya sudah dikantongi.",
            "{ref} mengapresiasi informasi dari masyarakat yang membantu pengungkapan.",
        ),
        "figure_lines": (
            (
                "Dari tangan tersangka, polisi menyita sabu seberat {f_grams} senilai {f_value}.",
                "Jumlah tersangka yang diamankan {f_suspects} orang dan terancam hukuman minimal "
                "{f_years} tahun penjara.",
            ),
            (
                "Barang bukti sabu {f_grams} ditaksir bernilai {f_value}.",
                "Sebanyak {f_suspects} tersangka dijerat undang-undang narkotika dengan ancaman paling "
                "singkat {f_years} tahun.",
            ),
        ),
        "quotes": (
            "Kami tidak memberi ruang bagi pengedar narkoba di wilayah ini.",
            "Pengungkapan ini menyelamatkan ribuan generasi muda dari bahaya narkoba.",
            "Jaringan ini akan kami kejar sampai ke akarnya.",
            "Masyarakat jangan ragu melapor jika melihat aktivitas mencurigakan.",
        ),
        "goals": (
            "pemberantasan peredaran narkoba",
            "perlindungan generasi muda",
            "keamanan wilayah perbatasan",
        ),
        "programs": ("kampung bebas narkoba", "patroli perbatasan", "penyuluhan di sekolah"),
        "sectors": ("keamanan", "penegakan hukum", "sosial"),
    },
}
