//! 360-degree feedback (*umpan balik*) on perilaku kerja, aggregated as
//! **advice** to the Pejabat Penilai Kinerja (PermenPANRB 6/2022 Art. 17–19;
//! RULES.md §1.2 rule 5, §2.1.5, §6 question 4).
//!
//! What the regulation says, and what this module therefore does:
//!
//! - Feedback must come from the pimpinan and *may* come from rekan kerja
//!   setingkat, pegawai di bawahnya and pihak lain (Art. 18). Only the Pejabat
//!   Penilai Kinerja sets the ratings, so everything here is advice.
//! - The regulation gives **no weights** for these groups. Without an
//!   instansi's [`BobotUmpanBalik`] no weighted number is produced; the advice
//!   then uses an ordinal median in which every disclosed rater has one voice.
//!
//! # The scale
//!
//! Raters answer, per BerAKHLAK value, with the regulation's own three levels,
//! [`RatingEkspektasi`], not with an invented 1–5 scale: 6/2022 has no numeric
//! scale per indicator (RULES.md §2.1.5, §6 question 7), the penilai must
//! finally choose one of these three levels, and the Lampiran Bab IV.B.3.b
//! guidance (consistent and a role model / consistent / not yet consistent)
//! can be shown to raters word for word. For means the levels are coded
//! Dibawah = −1, Sesuai = 0, Diatas = +1, so a mean reads as "how far from
//! expectation, and in which direction" (0 = as expected).
//!
//! # Anonymity
//!
//! Per BerAKHLAK value, with an [`AmbangAnonimitas`] `k` (default 3, never
//! below 2), counting distinct raters:
//!
//! 1. The atasan (pimpinan) is always shown, attributed as "atasan", whatever
//!    their number, free text included.
//! 2. Rekan, bawahan and pihak lain are each shown on their own when they have
//!    at least `k` raters.
//! 3. The anonymous groups below `k` are pooled into one "lainnya" block when
//!    together they reach `k`; the pool never borrows from a group that is
//!    shown on its own (that would let the ratee subtract one from the other),
//!    nor from a group of one rater: the ratee knows each group's size, so a
//!    pool's presence would tell whether that one person answered (two peers
//!    and a lone pihak lain: the pool of three exists only if the lone one
//!    answered). What a threshold cannot hide stays: a block shown with as
//!    many raters as its groups were asked says they all answered.
//! 4. Otherwise they are suppressed: their ratings and free text are shown
//!    nowhere and used in no advice, so nothing the ratee or the penilai reads
//!    depends on them.
//!
//! Free text is shown only inside a shown block, sorted, and never paired with
//! its rating. The ratee's view, [`UmpanBalikUntukPegawai`], is a separate type
//! without any rater id; the internal [`RingkasanUmpanBalik`] keeps ids and the
//! suppressed groups for the server and the audit.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::rule_set::permenpanrb_6_2022::RatingEkspektasi;
use crate::rule_set::{Angka, angka_dua_desimal};
use crate::teks::{Penjelasan, Teks};

const SUMBER_REGULASI: &str = "PermenPANRB 6/2022 Pasal 17–19; Lampiran Bab IV.B.3.b";

// ---------------------------------------------------------------------------
// BerAKHLAK
// ---------------------------------------------------------------------------

/// The seven BerAKHLAK core values, the behaviour standard of PermenPANRB
/// 6/2022 Art. 10(3) (RULES.md §2.1.5). This is the canonical definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NilaiBerakhlak {
    BerorientasiPelayanan,
    Akuntabel,
    Kompeten,
    Harmonis,
    Loyal,
    Adaptif,
    Kolaboratif,
}

struct Definisi {
    kode: &'static str,
    label: (&'static str, &'static str),
    makna: (&'static str, &'static str),
    panduan: [(&'static str, &'static str); 3],
}

const DEFINISI: [Definisi; 7] = [
    Definisi {
        kode: "berorientasi_pelayanan",
        label: ("Berorientasi Pelayanan", "Service oriented"),
        makna: (
            "Komitmen memberikan pelayanan prima demi kepuasan masyarakat",
            "Committed to excellent service for the satisfaction of the public",
        ),
        panduan: [
            ("Memahami dan memenuhi kebutuhan masyarakat", "Understands and meets the needs of the public"),
            ("Ramah, cekatan, solutif, dan dapat diandalkan", "Is friendly, quick, solution-minded and dependable"),
            ("Melakukan perbaikan tiada henti", "Keeps improving without end"),
        ],
    },
    Definisi {
        kode: "akuntabel",
        label: ("Akuntabel", "Accountable"),
        makna: ("Bertanggung jawab atas kepercayaan yang diberikan", "Responsible for the trust that is given"),
        panduan: [
            (
                "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
                "Carries out duties honestly, responsibly, carefully, with discipline and high integrity",
            ),
            (
                "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
                "Uses the wealth and property of the state responsibly, effectively and efficiently",
            ),
            ("Tidak menyalahgunakan kewenangan jabatan", "Does not abuse the authority of office"),
        ],
    },
    Definisi {
        kode: "kompeten",
        label: ("Kompeten", "Competent"),
        makna: ("Terus belajar dan mengembangkan kapabilitas", "Keeps learning and developing capability"),
        panduan: [
            (
                "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
                "Improves own competence to meet ever-changing challenges",
            ),
            ("Membantu orang lain belajar", "Helps others learn"),
            ("Melaksanakan tugas dengan kualitas terbaik", "Carries out duties with the best quality"),
        ],
    },
    Definisi {
        kode: "harmonis",
        label: ("Harmonis", "Harmonious"),
        makna: ("Saling peduli dan menghargai perbedaan", "Caring for one another and respecting differences"),
        panduan: [
            ("Menghargai setiap orang apapun latar belakangnya", "Respects everyone, whatever their background"),
            ("Suka menolong orang lain", "Likes to help others"),
            ("Membangun lingkungan kerja yang kondusif", "Builds a conducive working environment"),
        ],
    },
    Definisi {
        kode: "loyal",
        label: ("Loyal", "Loyal"),
        makna: (
            "Berdedikasi dan mengutamakan kepentingan bangsa dan negara",
            "Dedicated, putting the interests of the nation and the state first",
        ),
        panduan: [
            (
                "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, \
                 setia kepada NKRI serta pemerintahan yang sah",
                "Holds firmly to the Pancasila ideology and the 1945 Constitution, and is faithful to the \
                 Unitary State of the Republic of Indonesia and its lawful government",
            ),
            (
                "Menjaga nama baik sesama ASN, Pimpinan, instansi, dan negara",
                "Protects the good name of fellow ASN, leaders, the instansi and the state",
            ),
            ("Menjaga rahasia jabatan dan negara", "Keeps official and state secrets"),
        ],
    },
    Definisi {
        kode: "adaptif",
        label: ("Adaptif", "Adaptive"),
        makna: (
            "Terus berinovasi dan antusias dalam menggerakkan ataupun menghadapi perubahan",
            "Keeps innovating and is enthusiastic in driving or facing change",
        ),
        panduan: [
            ("Cepat menyesuaikan diri menghadapi perubahan", "Adjusts quickly to change"),
            ("Terus berinovasi dan mengembangkan kreativitas", "Keeps innovating and developing creativity"),
            ("Bertindak proaktif", "Acts proactively"),
        ],
    },
    Definisi {
        kode: "kolaboratif",
        label: ("Kolaboratif", "Collaborative"),
        makna: ("Membangun kerja sama yang sinergis", "Builds synergistic cooperation"),
        panduan: [
            (
                "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
                "Gives all kinds of parties the opportunity to contribute",
            ),
            (
                "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
                "Is open to working together to create added value",
            ),
            (
                "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
                "Mobilises the use of all kinds of resources for common goals",
            ),
        ],
    },
];

impl NilaiBerakhlak {
    /// In the order of the regulation (Be-r-A-K-H-L-A-K).
    pub const ALL: [NilaiBerakhlak; 7] = [
        NilaiBerakhlak::BerorientasiPelayanan,
        NilaiBerakhlak::Akuntabel,
        NilaiBerakhlak::Kompeten,
        NilaiBerakhlak::Harmonis,
        NilaiBerakhlak::Loyal,
        NilaiBerakhlak::Adaptif,
        NilaiBerakhlak::Kolaboratif,
    ];

    fn definisi(self) -> &'static Definisi {
        &DEFINISI[self as usize]
    }

    /// The wire name, as serde writes it.
    pub fn kode(self) -> &'static str {
        self.definisi().kode
    }

    pub fn from_kode(kode: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.kode() == kode)
    }

    /// The value's name, e.g. "Berorientasi Pelayanan" / "Service oriented".
    pub fn label(self) -> Teks {
        let (id, en) = self.definisi().label;
        Teks::new(id, en)
    }

    /// The short meaning of the value (SE MenPANRB 20/2021).
    pub fn makna(self) -> Teks {
        let (id, en) = self.definisi().makna;
        Teks::new(id, en)
    }

    /// The three *panduan perilaku* (behaviour indicators) of the value, in
    /// the order of Lampiran Bab II.A.2.b.
    pub fn panduan_perilaku(self) -> [Teks; 3] {
        self.definisi().panduan.map(|(id, en)| Teks::new(id, en))
    }
}

// ---------------------------------------------------------------------------
// Raters and records
// ---------------------------------------------------------------------------

/// Who gave the feedback, relative to the employee (Art. 18).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum KelompokPenilai {
    /// The pimpinan: always attributed, never anonymous.
    Atasan,
    /// Rekan kerja setingkat.
    Rekan,
    /// Pegawai di bawahnya.
    Bawahan,
    /// Other parties related to the employee's work.
    PihakLain,
}

impl KelompokPenilai {
    pub const ALL: [KelompokPenilai; 4] =
        [KelompokPenilai::Atasan, KelompokPenilai::Rekan, KelompokPenilai::Bawahan, KelompokPenilai::PihakLain];

    /// The groups whose raters are anonymous to the ratee.
    pub const ANONIM: [KelompokPenilai; 3] =
        [KelompokPenilai::Rekan, KelompokPenilai::Bawahan, KelompokPenilai::PihakLain];

    pub fn kode(self) -> &'static str {
        match self {
            KelompokPenilai::Atasan => "atasan",
            KelompokPenilai::Rekan => "rekan",
            KelompokPenilai::Bawahan => "bawahan",
            KelompokPenilai::PihakLain => "pihak_lain",
        }
    }

    pub fn label(self) -> Teks {
        match self {
            KelompokPenilai::Atasan => Teks::new("Atasan (pimpinan)", "Supervisor (pimpinan)"),
            KelompokPenilai::Rekan => Teks::new("Rekan kerja setingkat", "Peers"),
            KelompokPenilai::Bawahan => Teks::new("Bawahan", "Subordinates"),
            KelompokPenilai::PihakLain => Teks::new("Pihak lain", "Other related parties"),
        }
    }

    /// Whether the group's raters are shown only in groups of at least the threshold.
    pub fn anonim(self) -> bool {
        self != KelompokPenilai::Atasan
    }

    /// The group of a wire name, if it is one.
    pub fn from_kode(kode: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.kode() == kode)
    }
}

/// One rater's answer on one BerAKHLAK value for the employee being
/// summarised: the *rekaman informasi umpan balik* (Formats B.1.3–B.1.5).
///
/// One record per rater and value; a rater belongs to one group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RekamanUmpanBalik {
    /// Opaque rater id passed in by the caller; never sent to the ratee.
    pub penilai_id: String,
    pub kelompok: KelompokPenilai,
    pub nilai: NilaiBerakhlak,
    pub rating: RatingEkspektasi,
    /// Optional free text; blank text counts as none.
    #[serde(default)]
    pub catatan: Option<String>,
}

/// The numeric coding used for means: Dibawah −1, Sesuai 0, Diatas +1.
pub fn skor_rating(rating: RatingEkspektasi) -> f64 {
    match rating {
        RatingEkspektasi::DibawahEkspektasi => -1.0,
        RatingEkspektasi::SesuaiEkspektasi => 0.0,
        RatingEkspektasi::DiatasEkspektasi => 1.0,
    }
}

fn label_rating(rating: RatingEkspektasi) -> (&'static str, &'static str) {
    match rating {
        RatingEkspektasi::DibawahEkspektasi => ("Di Bawah Ekspektasi", "below expectations"),
        RatingEkspektasi::SesuaiEkspektasi => ("Sesuai Ekspektasi", "meets expectations"),
        RatingEkspektasi::DiatasEkspektasi => ("Di Atas Ekspektasi", "above expectations"),
    }
}

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/// The smallest number of distinct raters an anonymous block may show.
/// Default 3; values below 2 are refused, since one rater would be exposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct AmbangAnonimitas(u32);

impl AmbangAnonimitas {
    pub const BAKU: u32 = 3;
    pub const MINIMUM: u32 = 2;

    pub fn new(ambang: u32) -> Result<Self, UmpanBalikError> {
        if ambang < Self::MINIMUM {
            return Err(UmpanBalikError::AmbangTerlaluKecil { ambang, minimum: Self::MINIMUM });
        }
        Ok(AmbangAnonimitas(ambang))
    }

    pub fn get(self) -> u32 {
        self.0
    }

    fn cukup(self, n: usize) -> bool {
        n as u64 >= u64::from(self.0)
    }
}

impl Default for AmbangAnonimitas {
    fn default() -> Self {
        AmbangAnonimitas(Self::BAKU)
    }
}

impl TryFrom<u32> for AmbangAnonimitas {
    type Error = UmpanBalikError;
    fn try_from(ambang: u32) -> Result<Self, Self::Error> {
        AmbangAnonimitas::new(ambang)
    }
}

impl From<AmbangAnonimitas> for u32 {
    fn from(ambang: AmbangAnonimitas) -> u32 {
        ambang.0
    }
}

/// Relative, instansi-configured advisory weights per rater group. They are
/// **local policy, not regulation** (6/2022 has none; the Bontang-style
/// 50/30/20 in RULES.md §5 is an example). A pooled "lainnya" block weighs the
/// sum of its groups' weights; absent blocks drop out and the rest is
/// renormalised. At least one weight must be positive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BobotMentah")]
pub struct BobotUmpanBalik {
    atasan: u32,
    rekan: u32,
    bawahan: u32,
    pihak_lain: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BobotMentah {
    #[serde(default)]
    atasan: u32,
    #[serde(default)]
    rekan: u32,
    #[serde(default)]
    bawahan: u32,
    #[serde(default)]
    pihak_lain: u32,
}

impl TryFrom<BobotMentah> for BobotUmpanBalik {
    type Error = UmpanBalikError;
    fn try_from(b: BobotMentah) -> Result<Self, Self::Error> {
        BobotUmpanBalik::new(b.atasan, b.rekan, b.bawahan, b.pihak_lain)
    }
}

impl BobotUmpanBalik {
    pub fn new(atasan: u32, rekan: u32, bawahan: u32, pihak_lain: u32) -> Result<Self, UmpanBalikError> {
        if atasan == 0 && rekan == 0 && bawahan == 0 && pihak_lain == 0 {
            return Err(UmpanBalikError::BobotNol);
        }
        Ok(BobotUmpanBalik { atasan, rekan, bawahan, pihak_lain })
    }

    pub fn untuk(self, kelompok: KelompokPenilai) -> u32 {
        match kelompok {
            KelompokPenilai::Atasan => self.atasan,
            KelompokPenilai::Rekan => self.rekan,
            KelompokPenilai::Bawahan => self.bawahan,
            KelompokPenilai::PihakLain => self.pihak_lain,
        }
    }
}

/// How an instansi runs the 360 aggregation. `{}` gives the defaults:
/// threshold 3, no weights, Diatas advised from 4 of 7 values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KonfigurasiUmpanBalik {
    pub ambang_anonimitas: AmbangAnonimitas,
    /// `None` (the default, as in the regulation): no weighted number.
    pub bobot: Option<BobotUmpanBalik>,
    /// How many of the 7 values must lean Diatas (with none leaning Dibawah)
    /// before Diatas is advised; 4 = "sebagian besar". Clamped to 1–7.
    pub minimal_nilai_diatas: u8,
}

impl Default for KonfigurasiUmpanBalik {
    fn default() -> Self {
        KonfigurasiUmpanBalik { ambang_anonimitas: AmbangAnonimitas::default(), bobot: None, minimal_nilai_diatas: 4 }
    }
}

/// Why a set of records cannot be aggregated. Record positions, never rater
/// ids, so an error message cannot leak who rated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UmpanBalikError {
    #[error("record {indeks} has an empty rater id")]
    PenilaiKosong { indeks: usize },
    #[error("record {indeks} repeats a rater's answer on {nilai:?}")]
    RekamanGanda { indeks: usize, nilai: NilaiBerakhlak },
    #[error("record {indeks} puts a rater in a second rater group")]
    KelompokBerbeda { indeks: usize },
    #[error("anonymity threshold {ambang} is below the minimum {minimum}")]
    AmbangTerlaluKecil { ambang: u32, minimum: u32 },
    #[error("every advisory weight is zero")]
    BobotNol,
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

/// Counts per level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sebaran {
    pub dibawah_ekspektasi: usize,
    pub sesuai_ekspektasi: usize,
    pub diatas_ekspektasi: usize,
}

impl Sebaran {
    fn add(&mut self, rating: RatingEkspektasi) {
        match rating {
            RatingEkspektasi::DibawahEkspektasi => self.dibawah_ekspektasi += 1,
            RatingEkspektasi::SesuaiEkspektasi => self.sesuai_ekspektasi += 1,
            RatingEkspektasi::DiatasEkspektasi => self.diatas_ekspektasi += 1,
        }
    }

    fn merge(&mut self, other: Sebaran) {
        self.dibawah_ekspektasi += other.dibawah_ekspektasi;
        self.sesuai_ekspektasi += other.sesuai_ekspektasi;
        self.diatas_ekspektasi += other.diatas_ekspektasi;
    }

    pub fn jumlah(self) -> usize {
        self.dibawah_ekspektasi + self.sesuai_ekspektasi + self.diatas_ekspektasi
    }

    /// The ordinal median; with an even count whose two middle answers differ
    /// the tie goes to Sesuai Ekspektasi (the evidence does not establish a
    /// deviation). `None` when empty.
    pub fn median(self) -> Option<RatingEkspektasi> {
        let n = self.jumlah();
        if n == 0 {
            return None;
        }
        // The k-th smallest answer, 0-based, in the order Dibawah < Sesuai < Diatas.
        let ke = |k: usize| {
            if k < self.dibawah_ekspektasi {
                RatingEkspektasi::DibawahEkspektasi
            } else if k < self.dibawah_ekspektasi + self.sesuai_ekspektasi {
                RatingEkspektasi::SesuaiEkspektasi
            } else {
                RatingEkspektasi::DiatasEkspektasi
            }
        };
        let (bawah, atas) = (ke((n - 1) / 2), ke(n / 2));
        Some(if bawah == atas { bawah } else { RatingEkspektasi::SesuaiEkspektasi })
    }
}

/// n, mean (−1…+1) and distribution of one block of answers.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statistik {
    pub n: usize,
    /// Mean of the −1/0/+1 coding; 0 when n is 0.
    pub rata_rata: f64,
    pub sebaran: Sebaran,
}

impl Statistik {
    fn from_sebaran(sebaran: Sebaran) -> Self {
        let n = sebaran.jumlah();
        // Exact: (diatas − dibawah) / n, so no accumulated rounding.
        let rata_rata = if n == 0 {
            0.0
        } else {
            (sebaran.diatas_ekspektasi as f64 - sebaran.dibawah_ekspektasi as f64) / n as f64
        };
        Statistik { n, rata_rata, sebaran }
    }
}

/// Where a shown block comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SumberBlok {
    Atasan,
    Rekan,
    Bawahan,
    PihakLain,
    /// Anonymous groups below the threshold, pooled.
    Lainnya,
}

impl SumberBlok {
    pub fn label(self) -> Teks {
        match self {
            SumberBlok::Atasan => KelompokPenilai::Atasan.label(),
            SumberBlok::Rekan => KelompokPenilai::Rekan.label(),
            SumberBlok::Bawahan => KelompokPenilai::Bawahan.label(),
            SumberBlok::PihakLain => KelompokPenilai::PihakLain.label(),
            SumberBlok::Lainnya => Teks::new("Lainnya (gabungan)", "Others (pooled)"),
        }
    }
}

impl From<KelompokPenilai> for SumberBlok {
    fn from(k: KelompokPenilai) -> Self {
        match k {
            KelompokPenilai::Atasan => SumberBlok::Atasan,
            KelompokPenilai::Rekan => SumberBlok::Rekan,
            KelompokPenilai::Bawahan => SumberBlok::Bawahan,
            KelompokPenilai::PihakLain => SumberBlok::PihakLain,
        }
    }
}

/// Internal: one rater group's answers on one value, unsuppressed, with ids.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatistikKelompok {
    pub kelompok: KelompokPenilai,
    /// Sorted rater ids. Internal only.
    pub penilai_ids: Vec<String>,
    pub statistik: Statistik,
    pub catatan: Vec<String>,
}

/// A block that passed the anonymity rule (internal form: knows its groups).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlokUmpanBalik {
    pub sumber: SumberBlok,
    /// The groups inside the block (several only for `lainnya`). Internal only.
    pub kelompok: Vec<KelompokPenilai>,
    pub statistik: Statistik,
    /// Free text, sorted, not paired with ratings.
    pub catatan: Vec<String>,
}

/// Internal summary of one value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RingkasanNilai {
    pub nilai: NilaiBerakhlak,
    /// Every group with answers, before the anonymity rule.
    pub kelompok: Vec<StatistikKelompok>,
    /// The blocks that may be shown, atasan first, `lainnya` last.
    pub blok: Vec<BlokUmpanBalik>,
    /// Anonymous groups with answers that are shown nowhere.
    pub disembunyikan: Vec<KelompokPenilai>,
    /// Weighted mean over the shown blocks; only with [`BobotUmpanBalik`].
    pub rata_rata_berbobot: Option<f64>,
    /// The value's lean from the shown blocks (weighted mean rounded to the
    /// nearest level, or the ordinal median without weights).
    pub kecenderungan: Option<RatingEkspektasi>,
}

/// The advised rating perilaku kerja. Advice only: the Pejabat Penilai
/// Kinerja decides, and may decide otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaranPerilaku {
    /// `None` when no value has shown feedback.
    pub rating: Option<RatingEkspektasi>,
    pub penjelasan: Penjelasan,
}

/// The full, internal summary for the server, the audit and the penilai's
/// advice. Contains rater ids: never send it to the ratee; send
/// [`RingkasanUmpanBalik::redact_for_pegawai`] instead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RingkasanUmpanBalik {
    pub ambang_anonimitas: AmbangAnonimitas,
    pub bobot: Option<BobotUmpanBalik>,
    /// The seven values in [`NilaiBerakhlak::ALL`] order.
    pub per_nilai: Vec<RingkasanNilai>,
    pub saran: SaranPerilaku,
}

/// What the ratee may see: shown blocks only, no rater ids, no group
/// composition of `lainnya`, nothing about suppressed groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UmpanBalikUntukPegawai {
    pub ambang_anonimitas: u32,
    pub per_nilai: Vec<UmpanBalikNilaiPegawai>,
    /// A fixed sentence on the anonymity rule (the same for everyone).
    pub catatan_anonimitas: Teks,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UmpanBalikNilaiPegawai {
    pub nilai: NilaiBerakhlak,
    pub blok: Vec<BlokPegawai>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlokPegawai {
    pub sumber: SumberBlok,
    pub statistik: Statistik,
    pub catatan: Vec<String>,
}

// ---------------------------------------------------------------------------
// Aggregation
// ---------------------------------------------------------------------------

/// Aggregates one employee's 360 records for one period.
///
/// Fails on an empty rater id, a rater answering a value twice, or a rater in
/// two groups (which would also undo the atasan/anonymous split).
pub fn aggregate_umpan_balik(
    rekaman: &[RekamanUmpanBalik],
    konfig: &KonfigurasiUmpanBalik,
) -> Result<RingkasanUmpanBalik, UmpanBalikError> {
    let mut kelompok_of: BTreeMap<&str, KelompokPenilai> = BTreeMap::new();
    let mut sudah: BTreeSet<(&str, NilaiBerakhlak)> = BTreeSet::new();
    for (indeks, r) in rekaman.iter().enumerate() {
        if r.penilai_id.trim().is_empty() {
            return Err(UmpanBalikError::PenilaiKosong { indeks });
        }
        let id = r.penilai_id.as_str();
        if *kelompok_of.entry(id).or_insert(r.kelompok) != r.kelompok {
            return Err(UmpanBalikError::KelompokBerbeda { indeks });
        }
        if !sudah.insert((id, r.nilai)) {
            return Err(UmpanBalikError::RekamanGanda { indeks, nilai: r.nilai });
        }
    }

    let ambang = konfig.ambang_anonimitas;
    let per_nilai: Vec<RingkasanNilai> =
        NilaiBerakhlak::ALL.into_iter().map(|nilai| summarise_nilai(nilai, rekaman, ambang, konfig.bobot)).collect();
    let saran = advise_perilaku(&per_nilai, konfig);
    Ok(RingkasanUmpanBalik { ambang_anonimitas: ambang, bobot: konfig.bobot, per_nilai, saran })
}

fn summarise_nilai(
    nilai: NilaiBerakhlak,
    rekaman: &[RekamanUmpanBalik],
    ambang: AmbangAnonimitas,
    bobot: Option<BobotUmpanBalik>,
) -> RingkasanNilai {
    let kelompok: Vec<StatistikKelompok> = KelompokPenilai::ALL
        .into_iter()
        .filter_map(|k| {
            let mut penilai_ids = Vec::new();
            let mut catatan = Vec::new();
            let mut sebaran = Sebaran::default();
            for r in rekaman.iter().filter(|r| r.nilai == nilai && r.kelompok == k) {
                penilai_ids.push(r.penilai_id.clone());
                sebaran.add(r.rating);
                if let Some(teks) = r.catatan.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                    catatan.push(teks.to_owned());
                }
            }
            if penilai_ids.is_empty() {
                return None;
            }
            penilai_ids.sort();
            catatan.sort();
            Some(StatistikKelompok { kelompok: k, penilai_ids, statistik: Statistik::from_sebaran(sebaran), catatan })
        })
        .collect();

    let mut blok = Vec::new();
    let mut kolam: Vec<&StatistikKelompok> = Vec::new();
    let mut sendiri: Vec<KelompokPenilai> = Vec::new();
    for sk in &kelompok {
        if sk.kelompok.anonim() && sk.statistik.n < 2 {
            sendiri.push(sk.kelompok);
        } else if !sk.kelompok.anonim() || ambang.cukup(sk.statistik.n) {
            blok.push(BlokUmpanBalik {
                sumber: sk.kelompok.into(),
                kelompok: vec![sk.kelompok],
                statistik: sk.statistik,
                catatan: sk.catatan.clone(),
            });
        } else {
            kolam.push(sk);
        }
    }
    let n_kolam: usize = kolam.iter().map(|sk| sk.statistik.n).sum();
    let mut disembunyikan = Vec::new();
    if !kolam.is_empty() && ambang.cukup(n_kolam) {
        let mut sebaran = Sebaran::default();
        let mut catatan = Vec::new();
        for sk in &kolam {
            sebaran.merge(sk.statistik.sebaran);
            catatan.extend(sk.catatan.iter().cloned());
        }
        catatan.sort();
        blok.push(BlokUmpanBalik {
            sumber: SumberBlok::Lainnya,
            kelompok: kolam.iter().map(|sk| sk.kelompok).collect(),
            statistik: Statistik::from_sebaran(sebaran),
            catatan,
        });
    } else {
        disembunyikan.extend(kolam.iter().map(|sk| sk.kelompok));
    }
    disembunyikan.extend(sendiri);
    disembunyikan.sort();

    let rata_rata_berbobot = bobot.and_then(|b| weighted_mean(&blok, b));
    let kecenderungan = match bobot {
        Some(_) => rata_rata_berbobot.map(round_to_level),
        None => {
            let mut semua = Sebaran::default();
            for b in &blok {
                semua.merge(b.statistik.sebaran);
            }
            semua.median()
        }
    };
    RingkasanNilai { nilai, kelompok, blok, disembunyikan, rata_rata_berbobot, kecenderungan }
}

/// Σ wᵦ·meanᵦ / Σ wᵦ over the shown blocks with a positive weight.
fn weighted_mean(blok: &[BlokUmpanBalik], bobot: BobotUmpanBalik) -> Option<f64> {
    let mut jumlah_bobot = 0.0;
    let mut jumlah = 0.0;
    for b in blok {
        let w: f64 = b.kelompok.iter().map(|k| f64::from(bobot.untuk(*k))).sum();
        if w > 0.0 && b.statistik.n > 0 {
            jumlah_bobot += w;
            jumlah += w * b.statistik.rata_rata;
        }
    }
    (jumlah_bobot > 0.0).then(|| (jumlah / jumlah_bobot).clamp(-1.0, 1.0))
}

/// Nearest level on the −1/0/+1 coding; exactly ±0.5 goes to Sesuai, as the
/// median's ties do.
fn round_to_level(rata_rata: f64) -> RatingEkspektasi {
    if rata_rata > 0.5 {
        RatingEkspektasi::DiatasEkspektasi
    } else if rata_rata < -0.5 {
        RatingEkspektasi::DibawahEkspektasi
    } else {
        RatingEkspektasi::SesuaiEkspektasi
    }
}

/// The advice rule, after Lampiran Bab IV.B.3.b (consistent and a role model
/// / consistent / not yet consistent): any value leaning Dibawah → Dibawah
/// (not yet consistent); at least `minimal_nilai_diatas` values leaning
/// Diatas → Diatas; otherwise Sesuai. Values without shown feedback count as
/// not leaning Diatas.
fn advise_perilaku(per_nilai: &[RingkasanNilai], konfig: &KonfigurasiUmpanBalik) -> SaranPerilaku {
    let ambang = konfig.ambang_anonimitas.get();
    let minimal_diatas = usize::from(konfig.minimal_nilai_diatas.clamp(1, 7));
    let mut p = Penjelasan::new("umpan_balik.saran_perilaku", SUMBER_REGULASI).langkah(
        "Saran ini hanya nasihat untuk Pejabat Penilai Kinerja; hanya Pejabat Penilai Kinerja yang menetapkan \
         rating perilaku kerja (PermenPANRB 6/2022 Pasal 17–19).",
        "This is advice to the Pejabat Penilai Kinerja only; only the Pejabat Penilai Kinerja sets the rating \
         of perilaku kerja (PermenPANRB 6/2022 Art. 17–19).",
    );
    p = match konfig.bobot {
        None => p.langkah(
            "Regulasi tidak menetapkan bobot; kecenderungan tiap nilai adalah median semua rating yang boleh \
             ditampilkan (satu penilai satu suara), dan seri dibulatkan ke Sesuai Ekspektasi. Tidak ada angka \
             berbobot.",
            "The regulation sets no weights; each value's lean is the median of all ratings that may be shown \
             (one rater, one voice), ties going to meets expectation. No weighted number is produced.",
        ),
        Some(b) => p.langkah(
            format!(
                "Bobot nasihat dari instansi (bukan dari regulasi): atasan {}, rekan {}, bawahan {}, pihak lain {}. \
                 Kecenderungan tiap nilai adalah rata-rata berbobot (Dibawah −1, Sesuai 0, Diatas +1) dibulatkan \
                 ke tingkat terdekat: di atas +0,50 Diatas, di bawah −0,50 Dibawah.",
                b.atasan, b.rekan, b.bawahan, b.pihak_lain
            ),
            format!(
                "Advisory weights set by the instansi (not by the regulation): atasan {}, peers {}, subordinates \
                 {}, other parties {}. Each value's lean is the weighted mean (below −1, meets 0, above +1) \
                 rounded to the nearest level: above +0.50 is above, below −0.50 is below.",
                b.atasan, b.rekan, b.bawahan, b.pihak_lain
            ),
        ),
    };
    p = p.langkah(
        format!(
            "Umpan balik dari rekan, bawahan atau pihak lain yang kurang dari {ambang} penilai dan tidak dapat \
             digabung tidak ditampilkan dan tidak dipakai."
        ),
        format!(
            "Feedback from peers, subordinates or other parties with fewer than {ambang} raters that cannot be \
             pooled is neither shown nor used."
        ),
    );

    let (mut diatas, mut dibawah, mut tanpa_data) = (0usize, 0usize, 0usize);
    for rn in per_nilai {
        let label = rn.nilai.label();
        let n: usize = rn.blok.iter().map(|b| b.statistik.n).sum();
        match rn.kecenderungan {
            None => {
                tanpa_data += 1;
                p = p.langkah(
                    format!("{}: tidak ada umpan balik yang dapat dipakai.", label.id),
                    format!("{}: no usable feedback.", label.en),
                );
            }
            Some(k) => {
                match k {
                    RatingEkspektasi::DiatasEkspektasi => diatas += 1,
                    RatingEkspektasi::DibawahEkspektasi => dibawah += 1,
                    RatingEkspektasi::SesuaiEkspektasi => {}
                }
                let (k_id, k_en) = label_rating(k);
                let (dasar_id, dasar_en) = match rn.rata_rata_berbobot {
                    Some(x) => {
                        let Angka { id: x_id, en: x_en } = angka_dua_desimal(x);
                        (format!("rata-rata berbobot {x_id}"), format!("weighted mean {x_en}"))
                    }
                    None => ("median".to_owned(), "median".to_owned()),
                };
                p = p.langkah(
                    format!("{}: {n} rating, {dasar_id} → {k_id}.", label.id),
                    format!("{}: {n} ratings, {dasar_en} → {k_en}.", label.en),
                );
            }
        }
    }

    let rating = if tanpa_data == per_nilai.len() {
        p = p.langkah(
            "Tidak ada umpan balik yang dapat dipakai, sehingga tidak ada saran.",
            "There is no usable feedback, so there is no advice.",
        );
        None
    } else if dibawah > 0 {
        p = p.langkah(
            format!(
                "{dibawah} nilai cenderung Di Bawah Ekspektasi: nilai-nilai dasar belum diterapkan secara konsisten \
                 → saran Di Bawah Ekspektasi."
            ),
            format!(
                "{dibawah} value(s) lean below expectation: the core values are not yet applied consistently → \
                 advice: below expectation."
            ),
        );
        Some(RatingEkspektasi::DibawahEkspektasi)
    } else if diatas >= minimal_diatas {
        p = p.langkah(
            format!(
                "{diatas} dari 7 nilai cenderung Di Atas Ekspektasi (minimal {minimal_diatas}) dan tidak ada yang \
                 Di Bawah → saran Di Atas Ekspektasi."
            ),
            format!(
                "{diatas} of 7 values lean above expectation (at least {minimal_diatas} needed) and none below → \
                 advice: above expectation."
            ),
        );
        Some(RatingEkspektasi::DiatasEkspektasi)
    } else {
        p = p.langkah(
            format!(
                "Tidak ada nilai yang cenderung Dibawah dan {diatas} dari 7 cenderung Diatas (kurang dari \
                 {minimal_diatas}) → saran Sesuai Ekspektasi."
            ),
            format!(
                "No value leans below and {diatas} of 7 lean above (fewer than {minimal_diatas}) → advice: meets \
                 expectation."
            ),
        );
        Some(RatingEkspektasi::SesuaiEkspektasi)
    };
    SaranPerilaku { rating, penjelasan: p }
}

impl RingkasanUmpanBalik {
    /// The ratee's view: shown blocks only, without rater ids, without the
    /// composition of `lainnya`, without suppressed groups and without the
    /// advice. The same data in any input order gives the same view.
    pub fn redact_for_pegawai(&self) -> UmpanBalikUntukPegawai {
        let ambang = self.ambang_anonimitas.get();
        UmpanBalikUntukPegawai {
            ambang_anonimitas: ambang,
            per_nilai: self
                .per_nilai
                .iter()
                .map(|rn| UmpanBalikNilaiPegawai {
                    nilai: rn.nilai,
                    blok: rn
                        .blok
                        .iter()
                        .map(|b| BlokPegawai { sumber: b.sumber, statistik: b.statistik, catatan: b.catatan.clone() })
                        .collect(),
                })
                .collect(),
            catatan_anonimitas: Teks::new(
                format!(
                    "Umpan balik atasan ditampilkan dengan namanya sebagai atasan. Rekan, bawahan dan pihak lain \
                     ditampilkan hanya dalam kelompok paling sedikit {ambang} penilai; kelompok yang lebih kecil \
                     digabung sebagai \"lainnya\" atau tidak ditampilkan."
                ),
                format!(
                    "Feedback from the supervisor is shown as the supervisor's. Peers, subordinates and other \
                     parties are shown only in groups of at least {ambang} raters; smaller groups are pooled as \
                     \"others\" or not shown."
                ),
            ),
        }
    }
}

// ---------------------------------------------------------------------------
// The penilai's view
// ---------------------------------------------------------------------------

/// What the Pejabat Penilai Kinerja may see: the ratee's view (shown blocks
/// only) with each value's lean and the advice. Like the ratee's view it
/// holds no rater id, no composition of `lainnya` and nothing about
/// suppressed groups (not even that one had answers: with one rater in a
/// group that alone would say the rater answered).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UmpanBalikUntukPenilai {
    pub umpan_balik: UmpanBalikUntukPegawai,
    /// Per value, in [`NilaiBerakhlak::ALL`] order: the lean of the shown blocks.
    pub kecenderungan: Vec<Option<RatingEkspektasi>>,
    /// Per value: the weighted mean, only with instansi weights.
    pub rata_rata_berbobot: Vec<Option<f64>>,
    pub saran: SaranPerilaku,
}

impl RingkasanUmpanBalik {
    /// The penilai's view: see [`UmpanBalikUntukPenilai`].
    pub fn untuk_penilai(&self) -> UmpanBalikUntukPenilai {
        UmpanBalikUntukPenilai {
            umpan_balik: self.redact_for_pegawai(),
            kecenderungan: self.per_nilai.iter().map(|rn| rn.kecenderungan).collect(),
            rata_rata_berbobot: self.per_nilai.iter().map(|rn| rn.rata_rata_berbobot).collect(),
            saran: self.saran.clone(),
        }
    }
}

// ---------------------------------------------------------------------------
// A 360 rater's answer and the list of raters
// ---------------------------------------------------------------------------

/// The longest comment a rater may write on one value (characters).
pub const MAKS_CATATAN: usize = 1000;

/// The most raters one employee may have asked in a period (confirmed or
/// set by the penilai).
pub const MAKS_PENILAI: usize = 30;

/// The most proposals a ratee may have waiting for the penilai at once:
/// counted apart from [`MAKS_PENILAI`], so a ratee's proposals cannot fill
/// the list and block the penilai.
pub const MAKS_USULAN: usize = 15;

/// A rater's answer on one BerAKHLAK value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct JawabanNilai {
    pub nilai: NilaiBerakhlak,
    pub rating: RatingEkspektasi,
    /// Optional; blank is none.
    #[serde(default)]
    pub catatan: String,
}

/// Checks a rater's answer: each of the seven values rated exactly once,
/// comments at most [`MAKS_CATATAN`] characters. Returns the answers in
/// [`NilaiBerakhlak::ALL`] order, comments trimmed.
pub fn periksa_jawaban(jawaban: &[JawabanNilai]) -> Result<Vec<JawabanNilai>, crate::error::FieldErrors> {
    let mut e = crate::error::FieldErrors::new();
    if jawaban.len() > NilaiBerakhlak::ALL.len() {
        e.push("penilaian", "Satu jawaban untuk tiap nilai BerAKHLAK.", "One answer for each BerAKHLAK value.");
        return Err(e);
    }
    let mut hasil: Vec<JawabanNilai> = Vec::with_capacity(jawaban.len());
    for (i, j) in jawaban.iter().enumerate() {
        let nama = crate::error::item("penilaian", i);
        if jawaban[..i].iter().any(|h| h.nilai == j.nilai) {
            e.push(format!("{nama}.nilai"), "Nilai ini sudah dinilai.", "This value is already rated.");
        }
        let catatan = crate::error::teks_opsional(&mut e, &format!("{nama}.catatan"), &j.catatan, MAKS_CATATAN);
        if let Some(catatan) = catatan {
            hasil.push(JawabanNilai { nilai: j.nilai, rating: j.rating, catatan });
        }
    }
    if NilaiBerakhlak::ALL.iter().any(|n| !jawaban.iter().any(|j| j.nilai == *n)) {
        e.push("penilaian", "Beri rating untuk ketujuh nilai BerAKHLAK.", "Rate all seven BerAKHLAK values.");
    }
    hasil.sort_by_key(|j| j.nilai);
    e.into_result(hasil)
}

/// Whether a 360 whose last day to answer is `batas` has closed by `hari_ini`:
/// from the day after, nothing about it changes and its aggregate is shown.
pub fn ditutup(batas: crate::tanggal::Tanggal, hari_ini: crate::tanggal::Tanggal) -> bool {
    hari_ini > batas
}

/// Checks a 360 deadline typed by the admin: an ISO date not before the
/// period's first day (an earlier one would close the 360 before it began).
pub fn periksa_batas(
    batas: &str,
    mulai_periode: crate::tanggal::Tanggal,
) -> Result<crate::tanggal::Tanggal, crate::error::FieldErrors> {
    let mut e = crate::error::FieldErrors::new();
    match crate::tanggal::Tanggal::parse_iso(batas.trim()) {
        None => {
            e.push("batas", "Tanggal tidak valid (TTTT-BB-HH).", "Invalid date (YYYY-MM-DD).");
            Err(e)
        }
        Some(t) if t < mulai_periode => {
            e.push(
                "batas",
                "Batas tidak boleh sebelum awal periode.",
                "The deadline cannot be before the period begins.",
            );
            Err(e)
        }
        Some(t) => Ok(t),
    }
}

/// Why a rater cannot be put on an employee's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PenilaiDitolak {
    /// The employee cannot rate themselves.
    Diri,
    /// Already on the list.
    Ganda,
    /// The atasan group is for the employee's penilai and atasan penilai,
    /// and they only rate as atasan (in an anonymous group the penilai,
    /// who reads the aggregate, could subtract their own answer).
    Kelompok,
    /// The list is full ([`MAKS_PENILAI`]).
    Penuh,
    /// The ratee has [`MAKS_USULAN`] proposals waiting already.
    UsulanPenuh,
}

impl PenilaiDitolak {
    pub fn teks(self) -> Teks {
        match self {
            PenilaiDitolak::Diri => {
                Teks::new("Pegawai tidak dapat menilai dirinya sendiri.", "An employee cannot rate themselves.")
            }
            PenilaiDitolak::Ganda => Teks::new(
                "Pegawai ini sudah ada dalam daftar penilai.",
                "This employee is already on the list of raters.",
            ),
            PenilaiDitolak::Kelompok => Teks::new(
                "Kelompok atasan hanya untuk pejabat penilai dan atasannya, dan keduanya hanya menilai sebagai atasan.",
                "The atasan group is for the pejabat penilai and their atasan only, and they rate only as atasan.",
            ),
            PenilaiDitolak::Penuh => {
                Teks::new(format!("Paling banyak {MAKS_PENILAI} penilai."), format!("At most {MAKS_PENILAI} raters."))
            }
            PenilaiDitolak::UsulanPenuh => Teks::new(
                format!("Paling banyak {MAKS_USULAN} usulan yang menunggu konfirmasi."),
                format!("At most {MAKS_USULAN} proposals waiting for confirmation."),
            ),
        }
    }
}

/// Whether `penilai` may rate `dinilai` in group `kelompok`, given the
/// employee's pejabat penilai and atasan penilai (`pimpinan`) and the raters
/// already listed (for the ratee: only those they proposed themselves, so
/// that a duplicate says nothing about whom the penilai set). How many there
/// may be is [`periksa_kuota`]'s.
pub fn periksa_penilai(
    dinilai: &str,
    penilai: &str,
    kelompok: KelompokPenilai,
    pimpinan: &[&str],
    sudah: &[&str],
) -> Result<(), PenilaiDitolak> {
    if penilai == dinilai {
        return Err(PenilaiDitolak::Diri);
    }
    if sudah.contains(&penilai) {
        return Err(PenilaiDitolak::Ganda);
    }
    if (kelompok == KelompokPenilai::Atasan) != pimpinan.contains(&penilai) {
        return Err(PenilaiDitolak::Kelompok);
    }
    Ok(())
}

/// Whether one more fits: for the ratee's proposal, `terisi` is their
/// proposals still waiting ([`MAKS_USULAN`]); for the penilai's addition or
/// confirmation, the raters asked already ([`MAKS_PENILAI`]).
pub fn periksa_kuota(usulan_pegawai: bool, terisi: usize) -> Result<(), PenilaiDitolak> {
    match usulan_pegawai {
        true if terisi >= MAKS_USULAN => Err(PenilaiDitolak::UsulanPenuh),
        false if terisi >= MAKS_PENILAI => Err(PenilaiDitolak::Penuh),
        _ => Ok(()),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use KelompokPenilai::*;
    use RatingEkspektasi::*;
    use proptest::prelude::*;

    fn rekaman(
        id: &str,
        kelompok: KelompokPenilai,
        nilai: NilaiBerakhlak,
        rating: RatingEkspektasi,
    ) -> RekamanUmpanBalik {
        RekamanUmpanBalik { penilai_id: id.to_owned(), kelompok, nilai, rating, catatan: None }
    }

    /// `jumlah[g]` raters in each group, all answering `nilai` with `rating`.
    fn group_records(jumlah: [usize; 4], nilai: NilaiBerakhlak, rating: RatingEkspektasi) -> Vec<RekamanUmpanBalik> {
        let mut out = Vec::new();
        for (k, n) in KelompokPenilai::ALL.into_iter().zip(jumlah) {
            for i in 0..n {
                out.push(rekaman(&format!("penilai-rahasia-{}-{i}", k.kode()), k, nilai, rating));
            }
        }
        out
    }

    fn aggregate(r: &[RekamanUmpanBalik]) -> RingkasanUmpanBalik {
        aggregate_umpan_balik(r, &KonfigurasiUmpanBalik::default()).expect("valid records")
    }

    #[test]
    fn berakhlak_has_seven_values_with_three_panduan_each_and_stable_codes() {
        let table = [
            (
                NilaiBerakhlak::BerorientasiPelayanan,
                "berorientasi_pelayanan",
                "Memahami dan memenuhi kebutuhan masyarakat",
            ),
            (NilaiBerakhlak::Akuntabel, "akuntabel", "Melaksanakan tugas dengan jujur"),
            (NilaiBerakhlak::Kompeten, "kompeten", "Meningkatkan kompetensi diri"),
            (NilaiBerakhlak::Harmonis, "harmonis", "Menghargai setiap orang"),
            (NilaiBerakhlak::Loyal, "loyal", "Memegang teguh ideologi Pancasila"),
            (NilaiBerakhlak::Adaptif, "adaptif", "Cepat menyesuaikan diri"),
            (NilaiBerakhlak::Kolaboratif, "kolaboratif", "Memberi kesempatan kepada berbagai pihak"),
        ];
        assert_eq!(NilaiBerakhlak::ALL.len(), table.len());
        for ((nilai, kode, awal_panduan), urutan) in table.into_iter().zip(NilaiBerakhlak::ALL) {
            assert_eq!(nilai, urutan);
            assert_eq!(nilai.kode(), kode);
            assert_eq!(NilaiBerakhlak::from_kode(kode), Some(nilai));
            assert_eq!(serde_json::to_value(nilai).expect("serialises"), serde_json::json!(kode));
            let panduan = nilai.panduan_perilaku();
            assert!(panduan[0].id.starts_with(awal_panduan), "{kode}: {}", panduan[0].id);
            for t in panduan.iter().chain([&nilai.label(), &nilai.makna()]) {
                assert!(!t.id.is_empty() && !t.en.is_empty(), "{kode}");
            }
        }
        assert_eq!(NilaiBerakhlak::from_kode("jujur"), None);
    }

    #[test]
    fn small_anonymous_groups_are_pooled_into_lainnya_or_suppressed() {
        use SumberBlok as S;
        // (atasan, rekan, bawahan, pihak_lain) → shown blocks with n, suppressed groups
        type Baris = ([usize; 4], &'static [(S, usize)], &'static [KelompokPenilai]);
        let table: [Baris; 10] = [
            ([1, 3, 3, 3], &[(S::Atasan, 1), (S::Rekan, 3), (S::Bawahan, 3), (S::PihakLain, 3)], &[]),
            ([1, 2, 1, 0], &[(S::Atasan, 1)], &[Rekan, Bawahan]),
            ([1, 2, 2, 0], &[(S::Atasan, 1), (S::Lainnya, 4)], &[]),
            ([1, 2, 0, 0], &[(S::Atasan, 1)], &[Rekan]),
            ([0, 3, 1, 1], &[(S::Rekan, 3)], &[Bawahan, PihakLain]),
            ([0, 1, 1, 1], &[], &[Rekan, Bawahan, PihakLain]),
            ([1, 4, 2, 2], &[(S::Atasan, 1), (S::Rekan, 4), (S::Lainnya, 4)], &[]),
            ([2, 0, 0, 0], &[(S::Atasan, 2)], &[]),
            ([0, 0, 0, 1], &[], &[PihakLain]),
            ([0, 0, 0, 0], &[], &[]),
        ];
        for (jumlah, blok, tersembunyi) in table {
            let r = aggregate(&group_records(jumlah, NilaiBerakhlak::Harmonis, SesuaiEkspektasi));
            let rn = &r.per_nilai[NilaiBerakhlak::Harmonis as usize];
            let got: Vec<(S, usize)> = rn.blok.iter().map(|b| (b.sumber, b.statistik.n)).collect();
            assert_eq!(got, blok, "{jumlah:?}");
            assert_eq!(rn.disembunyikan, tersembunyi, "{jumlah:?}");
        }
    }

    #[test]
    fn a_larger_threshold_suppresses_what_the_default_shows() {
        let records = group_records([1, 3, 1, 0], NilaiBerakhlak::Adaptif, DiatasEkspektasi);
        let konfig =
            KonfigurasiUmpanBalik { ambang_anonimitas: AmbangAnonimitas::new(5).expect("≥ 2"), ..Default::default() };
        let r = aggregate_umpan_balik(&records, &konfig).expect("valid");
        let rn = &r.per_nilai[NilaiBerakhlak::Adaptif as usize];
        assert_eq!(rn.blok.iter().map(|b| b.sumber).collect::<Vec<_>>(), [SumberBlok::Atasan]);
        assert_eq!(rn.disembunyikan, [Rekan, Bawahan]);
    }

    #[test]
    fn statistics_give_n_mean_and_distribution_on_the_minus_one_to_plus_one_coding() {
        let mut records = Vec::new();
        for (i, rating) in
            [DiatasEkspektasi, DiatasEkspektasi, SesuaiEkspektasi, DibawahEkspektasi].into_iter().enumerate()
        {
            records.push(rekaman(&format!("r{i}"), Rekan, NilaiBerakhlak::Kompeten, rating));
        }
        let r = aggregate(&records);
        let blok = &r.per_nilai[NilaiBerakhlak::Kompeten as usize].blok[0];
        assert_eq!(blok.statistik.n, 4);
        assert!((blok.statistik.rata_rata - 0.25).abs() < 1e-12);
        assert_eq!(
            blok.statistik.sebaran,
            Sebaran { dibawah_ekspektasi: 1, sesuai_ekspektasi: 1, diatas_ekspektasi: 2 }
        );
        assert_eq!(skor_rating(DibawahEkspektasi), -1.0);
    }

    #[test]
    fn free_text_is_shown_for_the_atasan_and_for_shown_blocks_only_sorted() {
        let mut records = vec![
            RekamanUmpanBalik {
                catatan: Some("  Sangat membantu tim.  ".into()),
                ..rekaman("boss", Atasan, NilaiBerakhlak::Kolaboratif, DiatasEkspektasi)
            },
            RekamanUmpanBalik {
                catatan: Some("Bawahan satu-satunya menulis ini".into()),
                ..rekaman("b1", Bawahan, NilaiBerakhlak::Kolaboratif, DibawahEkspektasi)
            },
        ];
        for (i, teks) in ["zebra", "apel", "   "].into_iter().enumerate() {
            records.push(RekamanUmpanBalik {
                catatan: Some(teks.into()),
                ..rekaman(&format!("p{i}"), Rekan, NilaiBerakhlak::Kolaboratif, SesuaiEkspektasi)
            });
        }
        let view = aggregate(&records).redact_for_pegawai();
        let blok = &view.per_nilai[NilaiBerakhlak::Kolaboratif as usize].blok;
        assert_eq!(blok.len(), 2);
        assert_eq!(blok[0].sumber, SumberBlok::Atasan);
        assert_eq!(blok[0].catatan, ["Sangat membantu tim."]);
        assert_eq!(blok[1].sumber, SumberBlok::Rekan);
        assert_eq!(blok[1].catatan, ["apel", "zebra"]);
        let json = serde_json::to_string(&view).expect("serialises");
        assert!(!json.contains("satu-satunya"), "suppressed free text leaked: {json}");
    }

    #[test]
    fn the_ratee_view_serialises_without_any_rater_id_or_group_composition() {
        let mut records = group_records([1, 2, 1, 3], NilaiBerakhlak::Loyal, SesuaiEkspektasi);
        records.extend(group_records([1, 3, 0, 0], NilaiBerakhlak::Akuntabel, DiatasEkspektasi));
        let internal = aggregate(&records);
        let internal_json = serde_json::to_string(&internal).expect("serialises");
        assert!(internal_json.contains("penilai-rahasia-rekan-0"), "the internal summary keeps ids");
        let json = serde_json::to_string(&internal.redact_for_pegawai()).expect("serialises");
        for r in &records {
            assert!(!json.contains(&r.penilai_id), "{} leaked: {json}", r.penilai_id);
        }
        for kunci in ["penilai_ids", "kelompok", "disembunyikan", "saran"] {
            let kunci = format!("\"{kunci}\":");
            assert!(!json.contains(&kunci), "{kunci} in the ratee view: {json}");
        }
        assert!(internal_json.contains("\"disembunyikan\":"));
    }

    #[test]
    fn without_weights_no_weighted_number_is_produced() {
        let r = aggregate(&group_records([1, 3, 3, 3], NilaiBerakhlak::Loyal, DiatasEkspektasi));
        assert!(r.bobot.is_none());
        assert!(r.per_nilai.iter().all(|rn| rn.rata_rata_berbobot.is_none()));
        let json = serde_json::to_value(&r).expect("serialises");
        assert_eq!(json["per_nilai"][4]["rata_rata_berbobot"], serde_json::Value::Null);
    }

    #[test]
    fn configured_weights_give_a_renormalised_weighted_mean_over_shown_blocks() {
        // atasan Diatas (+1); rekan 3 × Dibawah (−1); bawahan 1 suppressed (weight would be 20).
        let mut records = group_records([1, 0, 0, 0], NilaiBerakhlak::Harmonis, DiatasEkspektasi);
        records.extend(group_records([0, 3, 0, 0], NilaiBerakhlak::Harmonis, DibawahEkspektasi));
        records.extend(group_records([0, 0, 1, 0], NilaiBerakhlak::Harmonis, DibawahEkspektasi));
        let konfig = KonfigurasiUmpanBalik {
            bobot: Some(BobotUmpanBalik::new(50, 30, 20, 0).expect("positive")),
            ..Default::default()
        };
        let r = aggregate_umpan_balik(&records, &konfig).expect("valid");
        let rn = &r.per_nilai[NilaiBerakhlak::Harmonis as usize];
        // (50·1 + 30·(−1)) / 80 = 0.25
        let mean = rn.rata_rata_berbobot.expect("weights configured");
        assert!((mean - 0.25).abs() < 1e-12, "{mean}");
        assert_eq!(rn.kecenderungan, Some(SesuaiEkspektasi));
        // A pooled block weighs the sum of its groups: lainnya = rekan 2 (−1) + pihak_lain 2 (−1), weight 30 + 0.
        let mut records = group_records([1, 0, 0, 0], NilaiBerakhlak::Adaptif, DiatasEkspektasi);
        records.extend(group_records([0, 2, 0, 2], NilaiBerakhlak::Adaptif, DibawahEkspektasi));
        let r = aggregate_umpan_balik(&records, &konfig).expect("valid");
        let mean = r.per_nilai[NilaiBerakhlak::Adaptif as usize].rata_rata_berbobot.expect("weights");
        assert!((mean - 0.25).abs() < 1e-12, "{mean}");
    }

    #[test]
    fn the_median_breaks_ties_toward_sesuai() {
        let table = [
            ((0, 0, 0), None),
            ((1, 0, 0), Some(DibawahEkspektasi)),
            ((1, 0, 1), Some(SesuaiEkspektasi)),
            ((0, 1, 1), Some(SesuaiEkspektasi)),
            ((1, 1, 0), Some(SesuaiEkspektasi)),
            ((0, 1, 2), Some(DiatasEkspektasi)),
            ((2, 1, 0), Some(DibawahEkspektasi)),
            ((0, 0, 4), Some(DiatasEkspektasi)),
            ((2, 0, 2), Some(SesuaiEkspektasi)),
        ];
        for ((dibawah, sesuai, diatas), expected) in table {
            let s = Sebaran { dibawah_ekspektasi: dibawah, sesuai_ekspektasi: sesuai, diatas_ekspektasi: diatas };
            assert_eq!(s.median(), expected, "{s:?}");
        }
    }

    /// One atasan rating per value, in `NilaiBerakhlak::ALL` order (`None` = no answer).
    fn atasan_only(ratings: [Option<RatingEkspektasi>; 7]) -> Vec<RekamanUmpanBalik> {
        NilaiBerakhlak::ALL
            .into_iter()
            .zip(ratings)
            .filter_map(|(nilai, r)| r.map(|r| rekaman("boss", Atasan, nilai, r)))
            .collect()
    }

    #[test]
    fn the_advice_follows_the_lampiran_wording_and_says_it_is_advice() {
        let (a, s, b) = (Some(DiatasEkspektasi), Some(SesuaiEkspektasi), Some(DibawahEkspektasi));
        let table = [
            ([a, a, a, a, a, a, b], Some(DibawahEkspektasi), "any value below blocks"),
            ([a, a, a, a, s, s, s], Some(DiatasEkspektasi), "four of seven above"),
            ([a, a, a, s, s, s, s], Some(SesuaiEkspektasi), "three above is not most"),
            ([a, a, a, a, None, None, None], Some(DiatasEkspektasi), "missing values are not above"),
            ([a, a, a, None, None, None, None], Some(SesuaiEkspektasi), "three of seven with four missing"),
            ([None; 7], None, "no feedback, no advice"),
        ];
        for (ratings, expected, why) in table {
            let r = aggregate(&atasan_only(ratings));
            assert_eq!(r.saran.rating, expected, "{why}");
            let p = &r.saran.penjelasan;
            assert!(p.sumber.contains("Pasal 17–19"));
            assert!(p.langkah[0].id.contains("hanya nasihat") && p.langkah[0].en.contains("advice"), "{why}");
            assert!(p.langkah.len() >= 3 + 7, "one step per value: {why}");
        }
    }

    #[test]
    fn suppressed_feedback_does_not_move_the_advice() {
        let mut records = atasan_only([Some(SesuaiEkspektasi); 7]);
        let before = aggregate(&records).saran;
        for nilai in NilaiBerakhlak::ALL {
            records.push(rekaman("one-bawahan", Bawahan, nilai, DibawahEkspektasi));
            records.push(rekaman("one-peer", Rekan, nilai, DibawahEkspektasi));
        }
        let after = aggregate(&records);
        assert_eq!(after.saran.rating, before.rating);
        assert!(after.per_nilai.iter().all(|rn| rn.disembunyikan == [Rekan, Bawahan]));
    }

    #[test]
    fn inconsistent_records_are_refused_without_naming_the_rater() {
        let nilai = NilaiBerakhlak::Akuntabel;
        let table = [
            (vec![rekaman(" ", Rekan, nilai, SesuaiEkspektasi)], UmpanBalikError::PenilaiKosong { indeks: 0 }),
            (
                vec![
                    rekaman("rahasia", Rekan, nilai, SesuaiEkspektasi),
                    rekaman("rahasia", Rekan, nilai, DiatasEkspektasi),
                ],
                UmpanBalikError::RekamanGanda { indeks: 1, nilai },
            ),
            (
                vec![
                    rekaman("rahasia", Rekan, nilai, SesuaiEkspektasi),
                    rekaman("rahasia", Atasan, NilaiBerakhlak::Loyal, SesuaiEkspektasi),
                ],
                UmpanBalikError::KelompokBerbeda { indeks: 1 },
            ),
        ];
        for (records, expected) in table {
            let err = aggregate_umpan_balik(&records, &KonfigurasiUmpanBalik::default()).expect_err("invalid");
            assert_eq!(err, expected);
            assert!(!err.to_string().contains("rahasia"), "{err}");
        }
    }

    #[test]
    fn the_config_defaults_from_empty_json_and_refuses_unsafe_values() {
        let konfig: KonfigurasiUmpanBalik = serde_json::from_str("{}").expect("defaults");
        assert_eq!(konfig, KonfigurasiUmpanBalik::default());
        assert_eq!(konfig.ambang_anonimitas.get(), 3);
        assert_eq!(konfig.bobot, None);
        let konfig: KonfigurasiUmpanBalik =
            serde_json::from_str(r#"{"ambang_anonimitas": 4, "bobot": {"atasan": 50, "rekan": 50}}"#).expect("valid");
        assert_eq!(konfig.ambang_anonimitas.get(), 4);
        assert_eq!(konfig.bobot.map(|b| b.untuk(Bawahan)), Some(0));
        let invalid = [
            (r#"{"ambang_anonimitas": 1}"#, "a threshold of 1 exposes a rater"),
            (r#"{"ambang_anonimitas": 0}"#, "zero threshold"),
            (r#"{"bobot": {"atasan": 0}}"#, "all weights zero"),
            (r#"{"bobot": {"atasan": -1}}"#, "negative weight"),
            (r#"{"bobot": {"kepala": 1}}"#, "unknown group"),
            (r#"{"ambang": 3}"#, "unknown field"),
        ];
        for (json, why) in invalid {
            assert!(serde_json::from_str::<KonfigurasiUmpanBalik>(json).is_err(), "{why}");
        }
        assert_eq!(AmbangAnonimitas::new(1), Err(UmpanBalikError::AmbangTerlaluKecil { ambang: 1, minimum: 2 }));
        assert_eq!(BobotUmpanBalik::new(0, 0, 0, 0), Err(UmpanBalikError::BobotNol));
    }

    fn jawaban_lengkap() -> Vec<JawabanNilai> {
        NilaiBerakhlak::ALL
            .into_iter()
            .rev()
            .map(|nilai| JawabanNilai { nilai, rating: SesuaiEkspektasi, catatan: " ok ".into() })
            .collect()
    }

    #[test]
    fn an_answer_rates_all_seven_values_once_with_short_comments() {
        let ok = periksa_jawaban(&jawaban_lengkap()).expect("valid");
        assert_eq!(ok.iter().map(|j| j.nilai).collect::<Vec<_>>(), NilaiBerakhlak::ALL, "in the regulation's order");
        assert!(ok.iter().all(|j| j.catatan == "ok"), "trimmed");
        let mut kurang = jawaban_lengkap();
        kurang.pop();
        let mut ganda = jawaban_lengkap();
        ganda[1].nilai = ganda[0].nilai;
        let mut panjang = jawaban_lengkap();
        panjang[2].catatan = "x".repeat(MAKS_CATATAN + 1);
        let mut banyak = jawaban_lengkap();
        banyak.push(banyak[0].clone());
        let table: [(Vec<JawabanNilai>, &[&str]); 4] = [
            (kurang, &["penilaian"]),
            (ganda, &["penilaian", "penilaian[1].nilai"]),
            (panjang, &["penilaian[2].catatan"]),
            (banyak, &["penilaian"]),
        ];
        for (j, fields) in table {
            let e = periksa_jawaban(&j).expect_err("invalid");
            assert_eq!(e.fields().collect::<Vec<_>>(), fields, "{e}");
        }
    }

    #[test]
    fn a_rater_is_not_the_ratee_not_twice_and_atasan_only_for_the_pimpinan() {
        use PenilaiDitolak as D;
        let pimpinan = ["kabid", "kepala"];
        let table = [
            ("staf1", "staf1", Rekan, &[][..], Err(D::Diri)),
            ("staf1", "staf2", Rekan, &["staf2"][..], Err(D::Ganda)),
            ("staf1", "staf2", Atasan, &[][..], Err(D::Kelompok)),
            ("staf1", "kabid", Rekan, &[][..], Err(D::Kelompok)),
            ("staf1", "kabid", Atasan, &[][..], Ok(())),
            ("staf1", "kepala", Atasan, &["kabid"][..], Ok(())),
            ("staf1", "staf2", PihakLain, &["staf3"][..], Ok(())),
        ];
        for (dinilai, penilai, kelompok, sudah, expected) in table {
            assert_eq!(
                periksa_penilai(dinilai, penilai, kelompok, &pimpinan, sudah),
                expected,
                "{penilai} {kelompok:?}"
            );
        }
        assert_eq!(periksa_kuota(false, MAKS_PENILAI), Err(D::Penuh));
        assert_eq!(periksa_kuota(false, MAKS_PENILAI - 1), Ok(()));
        assert_eq!(periksa_kuota(true, MAKS_USULAN), Err(D::UsulanPenuh));
        assert_eq!(periksa_kuota(true, MAKS_USULAN - 1), Ok(()));
        for d in [D::Diri, D::Ganda, D::Kelompok, D::Penuh, D::UsulanPenuh] {
            assert!(!d.teks().id.is_empty() && !d.teks().en.is_empty());
        }
    }

    #[test]
    fn the_penilai_view_holds_no_ids_and_nothing_about_suppressed_groups() {
        let mut records = group_records([1, 3, 1, 0], NilaiBerakhlak::Loyal, SesuaiEkspektasi);
        records.push(RekamanUmpanBalik {
            catatan: Some("rahasia bawahan".into()),
            ..rekaman("b-x", Bawahan, NilaiBerakhlak::Adaptif, DibawahEkspektasi)
        });
        let r = aggregate(&records);
        let view = r.untuk_penilai();
        assert_eq!(view.saran, r.saran);
        assert_eq!(view.kecenderungan.len(), 7);
        let json = serde_json::to_string(&view).expect("serialises");
        for x in &records {
            assert!(!json.contains(&x.penilai_id), "{} leaked: {json}", x.penilai_id);
        }
        for kunci in ["penilai_ids", "\"kelompok\"", "disembunyikan", "rahasia bawahan"] {
            assert!(!json.contains(kunci), "{kunci} in the penilai view: {json}");
        }
    }

    #[test]
    fn a_deadline_is_a_date_in_the_period_and_closes_the_day_after() {
        use crate::tanggal::Tanggal;
        let mulai = Tanggal::new(2026, 1, 1).unwrap();
        assert_eq!(periksa_batas(" 2026-12-31 ", mulai).unwrap(), Tanggal::new(2026, 12, 31).unwrap());
        for salah in ["2025-12-31", "31-12-2026", "", "2026-02-30"] {
            assert!(periksa_batas(salah, mulai).unwrap_err().contains("batas"), "{salah}");
        }
        let batas = Tanggal::new(2026, 6, 30).unwrap();
        assert!(!ditutup(batas, batas), "the last day is still open");
        assert!(ditutup(batas, batas.tambah_hari(1)));
    }

    // -- properties ------------------------------------------------------

    fn arb_rating() -> impl Strategy<Value = RatingEkspektasi> {
        prop_oneof![Just(DibawahEkspektasi), Just(SesuaiEkspektasi), Just(DiatasEkspektasi)]
    }

    fn arb_kelompok() -> impl Strategy<Value = KelompokPenilai> {
        prop_oneof![Just(Atasan), Just(Rekan), Just(Bawahan), Just(PihakLain)]
    }

    /// Up to 14 raters, each in one group, each answering a subset of values.
    fn arb_records() -> impl Strategy<Value = Vec<RekamanUmpanBalik>> {
        prop::collection::vec(
            (arb_kelompok(), prop::collection::vec(prop::option::of(arb_rating()), 7), prop::option::of("[a-z ]{0,8}")),
            0..14,
        )
        .prop_map(|raters| {
            let mut out = Vec::new();
            for (i, (kelompok, ratings, catatan)) in raters.into_iter().enumerate() {
                for (nilai, rating) in NilaiBerakhlak::ALL.into_iter().zip(ratings) {
                    if let Some(rating) = rating {
                        out.push(RekamanUmpanBalik {
                            penilai_id: format!("PENILAI#{i:02}"),
                            kelompok,
                            nilai,
                            rating,
                            catatan: catatan.clone(),
                        });
                    }
                }
            }
            out
        })
    }

    fn arb_konfig() -> impl Strategy<Value = KonfigurasiUmpanBalik> {
        (2u32..6, prop::option::of((0u32..5, 0u32..5, 0u32..5, 1u32..5)), 1u8..8).prop_map(|(ambang, bobot, diatas)| {
            KonfigurasiUmpanBalik {
                ambang_anonimitas: AmbangAnonimitas::new(ambang).expect("≥ 2"),
                bobot: bobot.map(|(a, r, b, p)| BobotUmpanBalik::new(a, r, b, p).expect("pihak_lain ≥ 1")),
                minimal_nilai_diatas: diatas,
            }
        })
    }

    proptest! {
        #[test]
        fn no_shown_anonymous_block_has_fewer_raters_than_the_threshold(records in arb_records(), konfig in arb_konfig()) {
            let r = aggregate_umpan_balik(&records, &konfig).expect("generated records are consistent");
            let k = konfig.ambang_anonimitas.get() as usize;
            for rn in &r.per_nilai {
                for b in &rn.blok {
                    prop_assert_eq!(b.statistik.sebaran.jumlah(), b.statistik.n);
                    prop_assert!((-1.0..=1.0).contains(&b.statistik.rata_rata));
                    if b.sumber != SumberBlok::Atasan {
                        prop_assert!(b.statistik.n >= k, "{:?} shows {} < {}", b.sumber, b.statistik.n, k);
                    }
                }
                // Every answer is either in exactly one block or suppressed.
                let shown: usize = rn.blok.iter().map(|b| b.statistik.n).sum();
                let hidden: usize = rn.kelompok.iter().filter(|g| rn.disembunyikan.contains(&g.kelompok)).map(|g| g.statistik.n).sum();
                let total = records.iter().filter(|x| x.nilai == rn.nilai).count();
                prop_assert_eq!(shown + hidden, total);
                if let Some(m) = rn.rata_rata_berbobot {
                    prop_assert!(m.is_finite() && (-1.0..=1.0).contains(&m));
                }
                prop_assert_eq!(rn.rata_rata_berbobot.is_some() && konfig.bobot.is_none(), false);
            }
        }

        #[test]
        fn rater_ids_never_appear_in_the_ratee_view(records in arb_records(), konfig in arb_konfig()) {
            let view = aggregate_umpan_balik(&records, &konfig).expect("consistent").redact_for_pegawai();
            let json = serde_json::to_string(&view).expect("serialises");
            prop_assert!(!json.contains("PENILAI#"), "{}", json);
        }

        #[test]
        fn suppressed_answers_change_nothing_the_ratee_or_the_advice_sees(
            records in arb_records(),
            konfig in arb_konfig(),
            pengganti in arb_rating(),
        ) {
            let r = aggregate_umpan_balik(&records, &konfig).expect("consistent");
            let mut changed = records.clone();
            for x in &mut changed {
                let rn = &r.per_nilai[x.nilai as usize];
                if rn.disembunyikan.contains(&x.kelompok) {
                    x.rating = pengganti;
                    x.catatan = Some("RAHASIA".into());
                }
            }
            let r2 = aggregate_umpan_balik(&changed, &konfig).expect("consistent");
            prop_assert_eq!(r.redact_for_pegawai(), r2.redact_for_pegawai());
            prop_assert_eq!(&r.saran, &r2.saran);
        }

        #[test]
        fn the_ratee_view_does_not_depend_on_record_order(records in arb_records(), konfig in arb_konfig()) {
            let mut reversed = records.clone();
            reversed.reverse();
            let a = aggregate_umpan_balik(&records, &konfig).expect("consistent");
            let b = aggregate_umpan_balik(&reversed, &konfig).expect("consistent");
            prop_assert_eq!(a, b);
        }
    }
}
