//! PermenPANRB 6/2022: qualitative ratings and the kuadran kinerja
//! (Lampiran Bab IV.B.3.a.3 and b.3; RULES.md §2.1.3), the organisation's
//! predikat (§2.1.4) and the advisory rating suggestion from per-RHK
//! assessments (§2.1.2).
//!
//! There is no weighted number in this rule set: no "nilai kinerja" is
//! computed here, and none may be invented (RULES.md §2.1.9, §6.7).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::angka_kredit::{AngkaKredit, AngkaKreditError, Jenjang, compute_angka_kredit_jenjang};
use crate::periode::PeriodeEvaluasi;
use crate::rule_set::{Angka, JenisRhk, RuleSet, angka, angka_target};
use crate::skp::preview::{IndikatorPreview, Kendala, PreviewOptions, RhkPreview, RuleSetPreview};
use crate::skp::{Indikator, Polaritas, Rhk};
use crate::teks::{Penjelasan, Teks};

const SUMBER_KUADRAN: &str = "PermenPANRB 6/2022 Lampiran Bab IV.B.3.a.3 dan b.3 (kuadran kinerja)";
const SUMBER_RATING: &str = "PermenPANRB 6/2022 Lampiran Bab IV.B.3 (contoh panduan rating hasil kerja)";

/// The rating of hasil kerja or of perilaku kerja against expectation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RatingEkspektasi {
    DibawahEkspektasi,
    SesuaiEkspektasi,
    DiatasEkspektasi,
}

impl RatingEkspektasi {
    pub const ALL: [RatingEkspektasi; 3] =
        [RatingEkspektasi::DiatasEkspektasi, RatingEkspektasi::SesuaiEkspektasi, RatingEkspektasi::DibawahEkspektasi];

    /// The wire name, as in the vectors and the API.
    pub fn kode(self) -> &'static str {
        match self {
            RatingEkspektasi::DibawahEkspektasi => "dibawah_ekspektasi",
            RatingEkspektasi::SesuaiEkspektasi => "sesuai_ekspektasi",
            RatingEkspektasi::DiatasEkspektasi => "diatas_ekspektasi",
        }
    }

    pub fn from_kode(kode: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.kode() == kode)
    }

    /// The user-facing name.
    pub fn label(self) -> Teks {
        match self {
            RatingEkspektasi::DiatasEkspektasi => Teks::new("Di Atas Ekspektasi", "Above expectations"),
            RatingEkspektasi::SesuaiEkspektasi => Teks::new("Sesuai Ekspektasi", "Meets expectations"),
            RatingEkspektasi::DibawahEkspektasi => Teks::new("Di Bawah Ekspektasi", "Below expectations"),
        }
    }
}

/// The employee's predikat kinerja under PermenPANRB 6/2022, best first.
///
/// Reading also accepts the aliases of guidance documents and SE MenPANRB
/// 3/2023 ("cukup", "cukup/butuh perbaikan", "kurang/misconduct"); writing
/// always uses the canonical 6/2022 names (RULES.md §2.1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Predikat {
    SangatBaik,
    Baik,
    ButuhPerbaikan,
    /// "Kurang/Misconduct" in the regulation.
    Kurang,
    SangatKurang,
}

impl Predikat {
    pub const ALL: [Predikat; 5] =
        [Predikat::SangatBaik, Predikat::Baik, Predikat::ButuhPerbaikan, Predikat::Kurang, Predikat::SangatKurang];

    /// 0 for the best predikat, 4 for the worst.
    pub fn peringkat(self) -> u8 {
        match self {
            Predikat::SangatBaik => 0,
            Predikat::Baik => 1,
            Predikat::ButuhPerbaikan => 2,
            Predikat::Kurang => 3,
            Predikat::SangatKurang => 4,
        }
    }

    pub fn kode(self) -> &'static str {
        match self {
            Predikat::SangatBaik => "sangat_baik",
            Predikat::Baik => "baik",
            Predikat::ButuhPerbaikan => "butuh_perbaikan",
            Predikat::Kurang => "kurang",
            Predikat::SangatKurang => "sangat_kurang",
        }
    }

    /// Reads a canonical name or an alias, ignoring case, spaces, `-` and `/`
    /// ("Butuh Perbaikan", "CUKUP", "Kurang/Misconduct").
    pub fn from_kode(kode: &str) -> Option<Self> {
        match normalisasi(kode).as_str() {
            "sangat_baik" => Some(Predikat::SangatBaik),
            "baik" => Some(Predikat::Baik),
            "butuh_perbaikan" | "cukup" | "cukup_butuh_perbaikan" | "butuh_perbaikan_cukup" | "perlu_perbaikan" => {
                Some(Predikat::ButuhPerbaikan)
            }
            "kurang" | "kurang_misconduct" | "misconduct" => Some(Predikat::Kurang),
            "sangat_kurang" => Some(Predikat::SangatKurang),
            _ => None,
        }
    }

    /// The user-facing name.
    pub fn label(self) -> Teks {
        match self {
            Predikat::SangatBaik => Teks::new("Sangat Baik", "Very Good"),
            Predikat::Baik => Teks::new("Baik", "Good"),
            Predikat::ButuhPerbaikan => Teks::new("Butuh Perbaikan", "Needs Improvement"),
            Predikat::Kurang => Teks::new("Kurang/Misconduct", "Poor/Misconduct"),
            Predikat::SangatKurang => Teks::new("Sangat Kurang", "Very Poor"),
        }
    }
}

impl<'de> Deserialize<'de> for Predikat {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KodeVisitor("a predikat such as \"sangat_baik\" or \"butuh_perbaikan\"", Predikat::from_kode))
    }
}

/// The organisation's (unit's) capaian kinerja, set and signed by the leader
/// one level up (PermenPANRB 6/2022 Art. 24(1), Lampiran Bab IV.B.1; RULES.md
/// §2.1.4). Entered, never computed here. Best first.
///
/// Reading accepts "cukup", "butuh perbaikan/cukup" and the like for
/// `butuh_perbaikan`; writing uses the canonical names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PredikatOrganisasi {
    Istimewa,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

impl PredikatOrganisasi {
    pub const ALL: [PredikatOrganisasi; 5] = [
        PredikatOrganisasi::Istimewa,
        PredikatOrganisasi::Baik,
        PredikatOrganisasi::ButuhPerbaikan,
        PredikatOrganisasi::Kurang,
        PredikatOrganisasi::SangatKurang,
    ];

    /// 0 for the best predikat, 4 for the worst.
    pub fn peringkat(self) -> u8 {
        match self {
            PredikatOrganisasi::Istimewa => 0,
            PredikatOrganisasi::Baik => 1,
            PredikatOrganisasi::ButuhPerbaikan => 2,
            PredikatOrganisasi::Kurang => 3,
            PredikatOrganisasi::SangatKurang => 4,
        }
    }

    pub fn kode(self) -> &'static str {
        match self {
            PredikatOrganisasi::Istimewa => "istimewa",
            PredikatOrganisasi::Baik => "baik",
            PredikatOrganisasi::ButuhPerbaikan => "butuh_perbaikan",
            PredikatOrganisasi::Kurang => "kurang",
            PredikatOrganisasi::SangatKurang => "sangat_kurang",
        }
    }

    /// Reads a canonical name or an alias, ignoring case, spaces, `-` and `/`.
    pub fn from_kode(kode: &str) -> Option<Self> {
        match normalisasi(kode).as_str() {
            "istimewa" => Some(PredikatOrganisasi::Istimewa),
            "baik" => Some(PredikatOrganisasi::Baik),
            "butuh_perbaikan" | "cukup" | "butuh_perbaikan_cukup" | "cukup_butuh_perbaikan" | "perlu_perbaikan" => {
                Some(PredikatOrganisasi::ButuhPerbaikan)
            }
            "kurang" => Some(PredikatOrganisasi::Kurang),
            "sangat_kurang" => Some(PredikatOrganisasi::SangatKurang),
            _ => None,
        }
    }

    /// The user-facing name.
    pub fn label(self) -> Teks {
        match self {
            PredikatOrganisasi::Istimewa => Teks::new("Istimewa", "Exceptional"),
            PredikatOrganisasi::Baik => Teks::new("Baik", "Good"),
            PredikatOrganisasi::ButuhPerbaikan => Teks::new("Butuh Perbaikan", "Needs Improvement"),
            PredikatOrganisasi::Kurang => Teks::new("Kurang", "Poor"),
            PredikatOrganisasi::SangatKurang => Teks::new("Sangat Kurang", "Very Poor"),
        }
    }
}

impl<'de> Deserialize<'de> for PredikatOrganisasi {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KodeVisitor(
            "an organisation predikat such as \"istimewa\" or \"butuh_perbaikan\"",
            PredikatOrganisasi::from_kode,
        ))
    }
}

/// Lower case (ASCII: the codes are), `_` for every run of spaces, `-` and `/`.
fn normalisasi(kode: &str) -> String {
    let mut keluaran = String::with_capacity(kode.len());
    for c in kode.trim().chars() {
        if c.is_whitespace() || c == '-' || c == '/' || c == '_' {
            if !keluaran.is_empty() && !keluaran.ends_with('_') {
                keluaran.push('_');
            }
        } else {
            keluaran.push(c.to_ascii_lowercase());
        }
    }
    keluaran.trim_end_matches('_').to_string()
}

struct KodeVisitor<T>(&'static str, fn(&str) -> Option<T>);

impl<T> serde::de::Visitor<'_> for KodeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        (self.1)(v).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
    }
}

/// The kuadran kinerja: rows are hasil kerja, columns perilaku kerja. There is
/// no weighting ("tanpa ada persyaratan pembobotan tertentu").
pub fn kuadran_predikat(hasil_kerja: RatingEkspektasi, perilaku: RatingEkspektasi) -> Predikat {
    use RatingEkspektasi::{DiatasEkspektasi as Diatas, DibawahEkspektasi as Dibawah, SesuaiEkspektasi as Sesuai};
    match (hasil_kerja, perilaku) {
        (Diatas, Diatas) => Predikat::SangatBaik,
        (Diatas | Sesuai, Sesuai) | (Sesuai, Diatas) => Predikat::Baik,
        (Diatas | Sesuai, Dibawah) => Predikat::Kurang,
        (Dibawah, Dibawah) => Predikat::SangatKurang,
        (Dibawah, Sesuai | Diatas) => Predikat::ButuhPerbaikan,
    }
}

/// The employee's predikat with the reasoning behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HasilKuadran {
    pub rating_hasil_kerja: RatingEkspektasi,
    pub rating_perilaku_kerja: RatingEkspektasi,
    pub predikat: Predikat,
    pub penjelasan: Penjelasan,
}

/// [`kuadran_predikat`] with an explanation, for previews and documents.
pub fn compute_predikat(hasil_kerja: RatingEkspektasi, perilaku: RatingEkspektasi) -> HasilKuadran {
    let predikat = kuadran_predikat(hasil_kerja, perilaku);
    let (h, p, k) = (hasil_kerja.label(), perilaku.label(), predikat.label());
    let mut penjelasan = Penjelasan::new("permenpanrb_6_2022.kuadran", SUMBER_KUADRAN)
        .langkah(
            format!("Rating hasil kerja: {}; rating perilaku kerja: {}.", h.id, p.id),
            format!("Work-results rating: {}; work-behaviour rating: {}.", h.en, p.en),
        )
        .langkah(
            format!("Kuadran kinerja (baris hasil kerja {}, kolom perilaku kerja {}): predikat {}.", h.id, p.id, k.id),
            format!("Performance quadrant (results row {}, behaviour column {}): predicate {}.", h.en, p.en, k.en),
        );
    if perilaku == RatingEkspektasi::DibawahEkspektasi {
        penjelasan = penjelasan.langkah(
            "Perilaku kerja di bawah ekspektasi membatasi predikat paling tinggi Kurang/Misconduct, apa pun hasil kerjanya.",
            "Behaviour below expectations caps the predicate at Poor/Misconduct, whatever the results.",
        );
    }
    penjelasan = penjelasan.langkah(
        "Tidak ada pembobotan: predikat dibaca langsung dari kuadran.",
        "There is no weighting: the predicate is read straight from the quadrant.",
    );
    HasilKuadran { rating_hasil_kerja: hasil_kerja, rating_perilaku_kerja: perilaku, predikat, penjelasan }
}

/// How many RHK of one jenis were assessed above, at and below expectation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JumlahRating {
    pub diatas: u32,
    pub sesuai: u32,
    pub dibawah: u32,
}

impl JumlahRating {
    pub fn total(&self) -> u32 {
        self.diatas + self.sesuai + self.dibawah
    }

    pub fn tambah(&mut self, rating: RatingEkspektasi) {
        match rating {
            RatingEkspektasi::DiatasEkspektasi => self.diatas += 1,
            RatingEkspektasi::SesuaiEkspektasi => self.sesuai += 1,
            RatingEkspektasi::DibawahEkspektasi => self.dibawah += 1,
        }
    }
}

/// The per-RHK assessments counted per jenis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RekapRhk {
    pub utama: JumlahRating,
    pub tambahan: JumlahRating,
}

impl RekapRhk {
    pub fn semua(&self) -> JumlahRating {
        JumlahRating {
            diatas: self.utama.diatas + self.tambahan.diatas,
            sesuai: self.utama.sesuai + self.tambahan.sesuai,
            dibawah: self.utama.dibawah + self.tambahan.dibawah,
        }
    }
}

/// An **advisory** rating hasil kerja from the per-RHK assessments. The
/// Pejabat Penilai decides ([`decide_rating_hasil_kerja`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaranRatingHasilKerja {
    /// `None` when no RHK has been assessed yet.
    pub saran: Option<RatingEkspektasi>,
    pub rekap: RekapRhk,
    /// Most results are above expectation, but an RHK utama is below, so
    /// "di atas ekspektasi" cannot be suggested.
    pub diatas_terhalang: bool,
    /// Why this suggestion, one sentence each.
    pub alasan: Vec<Teks>,
    pub penjelasan: Penjelasan,
}

/// Suggests a rating hasil kerja from each RHK's jenis and assessment.
///
/// Lampiran Bab IV.B.3 gives "contoh panduan", not a formula (RULES.md
/// §2.1.2). Our reading, counted over all assessed RHK (utama and tambahan),
/// "sebagian besar" meaning **more than half**:
///
/// 1. **Di bawah** when more than half of all RHK are below expectation, or at
///    least half of the RHK utama are (that is more than the "sebagian kecil"
///    of utama that *sesuai* tolerates).
/// 2. **Di atas** when more than half of all RHK are above expectation and
///    **no RHK utama is below** (a single utama below blocks it).
/// 3. **Sesuai** otherwise.
///
/// The rater also weighs the pola distribusi and the comparison between
/// employees, which this function cannot see; that is why it only suggests.
pub fn suggest_rating_hasil_kerja<I>(penilaian: I) -> SaranRatingHasilKerja
where
    I: IntoIterator<Item = (JenisRhk, RatingEkspektasi)>,
{
    let mut rekap = RekapRhk::default();
    for (jenis, rating) in penilaian {
        match jenis {
            JenisRhk::Utama => rekap.utama.tambah(rating),
            JenisRhk::Tambahan => rekap.tambahan.tambah(rating),
        }
    }
    let semua = rekap.semua();
    let (n, u) = (semua.total(), rekap.utama.total());
    let mut alasan = Vec::new();
    let mut penjelasan = Penjelasan::new("permenpanrb_6_2022.saran_rating_hasil_kerja", SUMBER_RATING).langkah(
        format!(
            "RHK utama: {} di atas, {} sesuai, {} di bawah ekspektasi; RHK tambahan: {} di atas, {} sesuai, {} di bawah.",
            rekap.utama.diatas,
            rekap.utama.sesuai,
            rekap.utama.dibawah,
            rekap.tambahan.diatas,
            rekap.tambahan.sesuai,
            rekap.tambahan.dibawah
        ),
        format!(
            "Main RHK: {} above, {} meeting, {} below expectations; additional RHK: {} above, {} meeting, {} below.",
            rekap.utama.diatas,
            rekap.utama.sesuai,
            rekap.utama.dibawah,
            rekap.tambahan.diatas,
            rekap.tambahan.sesuai,
            rekap.tambahan.dibawah
        ),
    );

    if n == 0 {
        alasan.push(Teks::new(
            "Belum ada RHK yang dinilai, jadi belum ada saran rating.",
            "No RHK has been assessed yet, so there is no suggestion.",
        ));
        penjelasan.langkah.extend(alasan.iter().cloned());
        return SaranRatingHasilKerja { saran: None, rekap, diatas_terhalang: false, alasan, penjelasan };
    }

    let mayoritas_dibawah = semua.dibawah * 2 > n;
    let utama_dibawah_banyak = u > 0 && rekap.utama.dibawah * 2 >= u;
    let mayoritas_diatas = semua.diatas * 2 > n;
    let ada_utama_dibawah = rekap.utama.dibawah > 0;
    let mut diatas_terhalang = false;

    let saran = if mayoritas_dibawah || utama_dibawah_banyak {
        if mayoritas_dibawah {
            alasan.push(Teks::new(
                format!("Sebagian besar hasil kerja ({} dari {n} RHK) di bawah ekspektasi.", semua.dibawah),
                format!("Most results ({} of {n} RHK) are below expectations.", semua.dibawah),
            ));
        }
        if utama_dibawah_banyak {
            alasan.push(Teks::new(
                format!("{} dari {u} RHK utama di bawah ekspektasi: lebih dari sebagian kecil.", rekap.utama.dibawah),
                format!("{} of {u} main RHK are below expectations: more than a small part.", rekap.utama.dibawah),
            ));
        }
        RatingEkspektasi::DibawahEkspektasi
    } else if mayoritas_diatas && !ada_utama_dibawah {
        alasan.push(Teks::new(
            format!(
                "Sebagian besar hasil kerja ({} dari {n} RHK) di atas ekspektasi dan tidak ada RHK utama di bawah ekspektasi.",
                semua.diatas
            ),
            format!(
                "Most results ({} of {n} RHK) are above expectations and no main RHK is below expectations.",
                semua.diatas
            ),
        ));
        RatingEkspektasi::DiatasEkspektasi
    } else {
        if mayoritas_diatas {
            diatas_terhalang = true;
            alasan.push(Teks::new(
                format!(
                    "Sebagian besar hasil kerja di atas ekspektasi, tetapi {} RHK utama di bawah ekspektasi: \
                     \"di atas ekspektasi\" tidak dapat disarankan.",
                    rekap.utama.dibawah
                ),
                format!(
                    "Most results are above expectations, but {} main RHK are below expectations: \
                     \"above expectations\" cannot be suggested.",
                    rekap.utama.dibawah
                ),
            ));
        }
        alasan.push(Teks::new(
            "Sebagian besar hasil kerja sesuai ekspektasi, paling banyak sebagian kecil RHK utama di bawah ekspektasi.",
            "Most results meet expectations; at most a small part of the main RHK is below expectations.",
        ));
        RatingEkspektasi::SesuaiEkspektasi
    };

    penjelasan.langkah.extend(alasan.iter().cloned());
    let l = saran.label();
    penjelasan = penjelasan
        .langkah(format!("Saran rating hasil kerja: {}.", l.id), format!("Suggested work-results rating: {}.", l.en))
        .langkah(
            "Saran ini hanya panduan: Pejabat Penilai Kinerja menetapkan rating dengan memperhatikan pola distribusi \
             dan perbandingan kontribusi antarpegawai.",
            "This is guidance only: the rater sets the rating, weighing the distribution pattern and comparing \
             employees' contributions.",
        );
    SaranRatingHasilKerja { saran: Some(saran), rekap, diatas_terhalang, alasan, penjelasan }
}

/// The rating the Pejabat Penilai set, next to the suggestion it may override.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingHasilKerjaDitetapkan {
    pub rating: RatingEkspektasi,
    pub saran: Option<RatingEkspektasi>,
    pub mengikuti_saran: bool,
    /// The rater's reason, required when the rating differs from the suggestion.
    pub alasan_penilai: Option<String>,
}

/// Why a rater's decision cannot be recorded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    #[error("a rating that differs from the suggestion ({saran:?}) needs the rater's reason")]
    AlasanWajib { saran: RatingEkspektasi, rating: RatingEkspektasi },
}

impl RatingError {
    /// A machine code for the API.
    pub fn kode(&self) -> &'static str {
        match self {
            RatingError::AlasanWajib { .. } => "alasan_wajib",
        }
    }

    /// The bilingual message for the user.
    pub fn pesan(&self) -> Teks {
        match self {
            RatingError::AlasanWajib { saran, rating } => Teks::new(
                format!("Rating {} berbeda dari saran {}: tuliskan alasannya.", rating.label().id, saran.label().id),
                format!(
                    "The rating {} differs from the suggestion {}: give a reason.",
                    rating.label().en,
                    saran.label().en
                ),
            ),
        }
    }
}

/// Records the rater's rating hasil kerja. Following the suggestion needs no
/// reason; overriding it does (RULES.md §2.1.2: "let the rater override the
/// suggestion, and record a reason"). A blank reason counts as none.
pub fn decide_rating_hasil_kerja(
    saran: &SaranRatingHasilKerja,
    rating: RatingEkspektasi,
    alasan: Option<&str>,
) -> Result<RatingHasilKerjaDitetapkan, RatingError> {
    let alasan = alasan.map(str::trim).filter(|a| !a.is_empty()).map(str::to_string);
    let mengikuti_saran = saran.saran == Some(rating);
    if let Some(s) = saran.saran
        && !mengikuti_saran
        && alasan.is_none()
    {
        return Err(RatingError::AlasanWajib { saran: s, rating });
    }
    Ok(RatingHasilKerjaDitetapkan { rating, saran: saran.saran, mengikuti_saran, alasan_penilai: alasan })
}

// ---------------------------------------------------------------------------
// Preview (crate::skp::preview): the ratings of the realisations as typed,
// the suggested rating hasil kerja, the kuadran predikat and its angka kredit
// ---------------------------------------------------------------------------

/// Realisation against target for one indicator: every rule set's preview
/// shows it.
pub fn rating_indikator(indikator: &Indikator, realisasi: f64) -> RatingEkspektasi {
    let t = indikator.target();
    let (diatas, sesuai) = match indikator.polaritas() {
        Polaritas::Normal => (realisasi > t.max(), realisasi >= t.min()),
        Polaritas::Khusus => (realisasi < t.min(), realisasi <= t.max()),
    };
    if diatas {
        RatingEkspektasi::DiatasEkspektasi
    } else if sesuai {
        RatingEkspektasi::SesuaiEkspektasi
    } else {
        RatingEkspektasi::DibawahEkspektasi
    }
}

/// How far a realisation came against its target, shown beside the
/// indicator's rating ([`CapaianSingkat::teks`]: `10 dari 12 = 83,3%`). The
/// percentage is the capaian as PermenPANRB 8/2021 computes it
/// ([`crate::rule_set::permenpanrb_8_2021::capaian_iki_persen`]): 6/2022
/// rates against expectation and has no percentage of its own, and this is
/// the one a pegawai knows. Numbers only (the preview is recomputed per
/// keystroke); the words are written when shown.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapaianSingkat {
    pub realisasi: f64,
    pub target_min: f64,
    pub target_max: f64,
    pub khusus: bool,
    pub persen: f64,
}

/// `None` for a zero target (no percentage of nothing).
pub fn capaian_singkat(indikator: &Indikator, realisasi: f64) -> Option<CapaianSingkat> {
    let t = indikator.target();
    let polaritas = indikator.polaritas();
    let persen =
        crate::rule_set::permenpanrb_8_2021::capaian_iki_persen(t.min(), t.max(), realisasi, polaritas).ok()?;
    Some(CapaianSingkat {
        realisasi,
        target_min: t.min(),
        target_max: t.max(),
        khusus: polaritas == Polaritas::Khusus,
        persen,
    })
}

impl CapaianSingkat {
    /// `10 dari 12 = 83,3%`, `4 dari batas 5 = 120%` when smaller is
    /// better; the percentage rounded to one decimal.
    pub fn teks(&self) -> Teks {
        let (r, target) = (angka(self.realisasi), angka_target(self.target_min, self.target_max));
        let p = angka(crate::rule_set::bulatkan(self.persen, 1));
        if self.khusus {
            Teks::new(
                format!("{} dari batas {} = {}%", r.id, target.id, p.id),
                format!("{} against a limit of {} = {}%", r.en, target.en, p.en),
            )
        } else {
            Teks::new(
                format!("{} dari {} = {}%", r.id, target.id, p.id),
                format!("{} of {} = {}%", r.en, target.en, p.en),
            )
        }
    }
}

/// Why an indicator gets its rating against expectation ([`rating_indikator`]).
pub fn explain_rating_indikator(indikator: &Indikator, realisasi: f64) -> Penjelasan {
    let t = indikator.target();
    let Angka { id: target_id, en: target_en } = angka_target(t.min(), t.max());
    let satuan = indikator.satuan();
    let (arah_id, arah_en) = match indikator.polaritas() {
        Polaritas::Normal => ("makin besar makin baik", "higher is better"),
        Polaritas::Khusus => ("makin kecil makin baik", "lower is better"),
    };
    let (hasil_id, hasil_en) = match rating_indikator(indikator, realisasi) {
        RatingEkspektasi::DiatasEkspektasi => {
            ("melampaui target: Di Atas Ekspektasi", "beyond the target: above expectations")
        }
        RatingEkspektasi::SesuaiEkspektasi => {
            ("memenuhi target: Sesuai Ekspektasi", "meets the target: meets expectations")
        }
        RatingEkspektasi::DibawahEkspektasi => {
            ("belum mencapai target: Di Bawah Ekspektasi", "short of the target: below expectations")
        }
    };
    let nilai = angka(realisasi);
    Penjelasan::new("permenpanrb_6_2022.rating_indikator", SUMBER_RATING)
        .langkah(
            format!("Target {target_id} {satuan}; arah: {arah_id}."),
            format!("Target {target_en} {satuan}; direction: {arah_en}."),
        )
        .langkah(
            format!("Realisasi {} {satuan} {hasil_id}.", nilai.id),
            format!("Realisation {} {satuan}: {hasil_en}.", nilai.en),
        )
}

/// What PermenPANRB 6/2022 adds to an indicator's rating in a preview: why
/// it has that rating (the rule set scores no indicator).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HasilIndikator {
    /// With [`PreviewOptions::penjelasan`]: why the indicator has its `rating`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_dijelaskan: Option<Penjelasan>,
}

/// PermenPANRB 6/2022 scores no RHK: an RHK's rating is the weakest of its
/// indicators' ([`RhkPreview::rating`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HasilRhk {}

/// The PermenPANRB 6/2022 preview of an SKP: the advisory rating hasil kerja
/// and, for the chosen perilaku rating, the kuadran predikat and its angka
/// kredit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub evaluasi: PeriodeEvaluasi,
    pub rhk: Vec<RhkPreview>,
    pub saran: Box<SaranRatingHasilKerja>,
    /// `None` until a perilaku rating is chosen and a suggestion exists.
    pub predikat: Option<HasilKuadran>,
    /// `None` without a [`PreviewOptions::jenjang`] or a predikat.
    #[serde(default)]
    pub angka_kredit: Option<AngkaKredit>,
    #[serde(default)]
    pub kendala: Vec<Kendala>,
}

impl RuleSetPreview for Preview {
    const RULE_SET: RuleSet = RuleSet::Permenpanrb6_2022;
    type Indikator = HasilIndikator;
    type Rhk = HasilRhk;

    fn compute_indikator(iki: &Indikator, realisasi: f64, penjelasan: bool) -> Result<HasilIndikator, Kendala> {
        Ok(HasilIndikator { rating_dijelaskan: penjelasan.then(|| explain_rating_indikator(iki, realisasi)) })
    }

    fn compute_rhk(_: &Rhk, _: &[IndikatorPreview], _: bool) -> HasilRhk {
        HasilRhk {}
    }

    /// The same with and without `penjelasan`: the few SKP-level numbers
    /// always come explained.
    fn compute_skp(
        rhk: Vec<RhkPreview>,
        evaluasi: PeriodeEvaluasi,
        rating_perilaku: Option<RatingEkspektasi>,
        opsi: &PreviewOptions,
        _: bool,
    ) -> Self {
        let mut kendala = Vec::new();
        let saran = suggest_rating_hasil_kerja(rhk.iter().filter_map(|r| r.rating.map(|rating| (r.jenis, rating))));
        let predikat = saran.saran.zip(rating_perilaku).map(|(h, p)| compute_predikat(h, p));
        let angka_kredit = match (opsi.jenjang, &predikat) {
            (Some(jenjang), Some(hasil)) => {
                angka_kredit_preview(hasil, jenjang, opsi.bulan, evaluasi).map_err(|k| kendala.push(k)).ok()
            }
            _ => None,
        };
        Preview { evaluasi, rhk, saran: Box::new(saran), predikat, angka_kredit, kendala }
    }

    fn explain_indikator(hasil: HasilIndikator) -> Vec<Penjelasan> {
        hasil.rating_dijelaskan.into_iter().collect()
    }

    fn explain_rhk(_: HasilRhk) -> Option<Penjelasan> {
        None
    }

    fn explain_skp(self) -> Option<Vec<Penjelasan>> {
        let Preview { saran, predikat, angka_kredit, .. } = self;
        Some(
            [Some(saran.penjelasan), predikat.map(|h| h.penjelasan), angka_kredit.map(|a| a.penjelasan)]
                .into_iter()
                .flatten()
                .collect(),
        )
    }

    fn evaluasi(&self) -> PeriodeEvaluasi {
        self.evaluasi
    }

    fn kendala(&self) -> &[Kendala] {
        &self.kendala
    }

    fn rhk(&self) -> &[RhkPreview] {
        &self.rhk
    }

    fn into_rhk(self) -> Vec<RhkPreview> {
        self.rhk
    }
}

/// The angka kredit of the previewed predikat: `bulan` months, 12 by default
/// for the annual evaluation.
fn angka_kredit_preview(
    hasil: &HasilKuadran,
    jenjang: Jenjang,
    bulan: Option<u8>,
    evaluasi: PeriodeEvaluasi,
) -> Result<AngkaKredit, Kendala> {
    let bulan = match (bulan, evaluasi) {
        (Some(b), _) => b,
        (None, PeriodeEvaluasi::Tahunan) => 12,
        (None, PeriodeEvaluasi::Periodik { .. }) => {
            return Err(Kendala {
                kode: "bulan_wajib_diisi".to_owned(),
                pesan: Teks::new(
                    "Isi jumlah bulan evaluasi periodik (1 untuk bulanan, 3 untuk triwulanan) untuk menghitung \
                     angka kredit.",
                    "Give the months of the periodic evaluation (1 for monthly, 3 for quarterly) to compute the \
                     credit points.",
                ),
            });
        }
    };
    compute_angka_kredit_jenjang(hasil.predikat, bulan, jenjang).map_err(Kendala::from)
}

impl From<AngkaKreditError> for Kendala {
    fn from(e: AngkaKreditError) -> Self {
        Kendala { kode: e.kode().to_owned(), pesan: e.pesan() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RatingEkspektasi::*;

    #[test]
    fn the_kuadran_matches_the_regulation_table() {
        let table = [
            (DiatasEkspektasi, DibawahEkspektasi, Predikat::Kurang),
            (DiatasEkspektasi, SesuaiEkspektasi, Predikat::Baik),
            (DiatasEkspektasi, DiatasEkspektasi, Predikat::SangatBaik),
            (SesuaiEkspektasi, DibawahEkspektasi, Predikat::Kurang),
            (SesuaiEkspektasi, SesuaiEkspektasi, Predikat::Baik),
            (SesuaiEkspektasi, DiatasEkspektasi, Predikat::Baik),
            (DibawahEkspektasi, DibawahEkspektasi, Predikat::SangatKurang),
            (DibawahEkspektasi, SesuaiEkspektasi, Predikat::ButuhPerbaikan),
            (DibawahEkspektasi, DiatasEkspektasi, Predikat::ButuhPerbaikan),
        ];
        for (hasil, perilaku, expected) in table {
            assert_eq!(kuadran_predikat(hasil, perilaku), expected, "{hasil:?} × {perilaku:?}");
            let hasil_kuadran = compute_predikat(hasil, perilaku);
            assert_eq!(hasil_kuadran.predikat, expected);
            assert_eq!(hasil_kuadran.penjelasan.aturan, "permenpanrb_6_2022.kuadran");
            assert!(hasil_kuadran.penjelasan.langkah.len() >= 3);
        }
    }

    #[test]
    fn sangat_baik_requires_both_ratings_above_expectation() {
        for h in RatingEkspektasi::ALL {
            for p in RatingEkspektasi::ALL {
                let sangat_baik = kuadran_predikat(h, p) == Predikat::SangatBaik;
                assert_eq!(sangat_baik, h == DiatasEkspektasi && p == DiatasEkspektasi);
            }
        }
    }

    #[test]
    fn the_explanation_says_when_behaviour_caps_the_predikat() {
        let hasil = compute_predikat(DiatasEkspektasi, DibawahEkspektasi);
        assert!(hasil.penjelasan.langkah.iter().any(|t| t.en.contains("caps the predicate")));
        assert!(hasil.penjelasan.langkah[1].id.contains("Kurang/Misconduct"));
    }

    #[test]
    fn predikat_names_and_aliases_are_read_and_canonical_names_are_written() {
        let table = [
            ("sangat_baik", Predikat::SangatBaik),
            ("Sangat Baik", Predikat::SangatBaik),
            ("baik", Predikat::Baik),
            ("butuh_perbaikan", Predikat::ButuhPerbaikan),
            ("cukup", Predikat::ButuhPerbaikan),
            ("Cukup/Butuh Perbaikan", Predikat::ButuhPerbaikan),
            ("Butuh Perbaikan / Cukup", Predikat::ButuhPerbaikan),
            ("kurang", Predikat::Kurang),
            ("Kurang/Misconduct", Predikat::Kurang),
            ("sangat_kurang", Predikat::SangatKurang),
        ];
        for (teks, expected) in table {
            assert_eq!(Predikat::from_kode(teks), Some(expected), "{teks}");
            let json = serde_json::to_string(teks).unwrap();
            assert_eq!(serde_json::from_str::<Predikat>(&json).unwrap(), expected, "{teks}");
        }
        for p in Predikat::ALL {
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{}\"", p.kode()));
        }
        assert_eq!(Predikat::from_kode("istimewa"), None);
        assert!(serde_json::from_str::<Predikat>("\"luar biasa\"").is_err());
    }

    #[test]
    fn organisation_predikat_names_and_aliases_are_read_and_canonical_names_are_written() {
        let table = [
            ("istimewa", PredikatOrganisasi::Istimewa),
            ("ISTIMEWA", PredikatOrganisasi::Istimewa),
            ("baik", PredikatOrganisasi::Baik),
            ("butuh_perbaikan", PredikatOrganisasi::ButuhPerbaikan),
            ("cukup", PredikatOrganisasi::ButuhPerbaikan),
            ("Butuh Perbaikan/Cukup", PredikatOrganisasi::ButuhPerbaikan),
            ("kurang", PredikatOrganisasi::Kurang),
            ("sangat kurang", PredikatOrganisasi::SangatKurang),
        ];
        for (teks, expected) in table {
            assert_eq!(PredikatOrganisasi::from_kode(teks), Some(expected), "{teks}");
            let json = serde_json::to_string(teks).unwrap();
            assert_eq!(serde_json::from_str::<PredikatOrganisasi>(&json).unwrap(), expected, "{teks}");
        }
        for p in PredikatOrganisasi::ALL {
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{}\"", p.kode()));
            assert_eq!(usize::from(p.peringkat()), PredikatOrganisasi::ALL.iter().position(|q| *q == p).unwrap());
        }
        assert_eq!(PredikatOrganisasi::from_kode("sangat_baik"), None);
    }

    fn saran(utama: &[RatingEkspektasi], tambahan: &[RatingEkspektasi]) -> SaranRatingHasilKerja {
        suggest_rating_hasil_kerja(
            utama.iter().map(|r| (JenisRhk::Utama, *r)).chain(tambahan.iter().map(|r| (JenisRhk::Tambahan, *r))),
        )
    }

    #[test]
    fn the_rating_suggestion_follows_the_guidance_table() {
        // (utama, tambahan, suggestion, diatas blocked, why)
        type Baris =
            (&'static [RatingEkspektasi], &'static [RatingEkspektasi], Option<RatingEkspektasi>, bool, &'static str);
        let table: [Baris; 9] = [
            (&[], &[], None, false, "nothing assessed"),
            (&[DiatasEkspektasi, DiatasEkspektasi, SesuaiEkspektasi], &[], Some(DiatasEkspektasi), false, "most above"),
            (&[DiatasEkspektasi; 4], &[DiatasEkspektasi], Some(DiatasEkspektasi), false, "all above"),
            (
                &[DiatasEkspektasi, DiatasEkspektasi, DiatasEkspektasi, DibawahEkspektasi],
                &[],
                Some(SesuaiEkspektasi),
                true,
                "one utama below blocks diatas",
            ),
            (&[SesuaiEkspektasi, SesuaiEkspektasi, DiatasEkspektasi], &[], Some(SesuaiEkspektasi), false, "most meet"),
            (
                &[SesuaiEkspektasi, SesuaiEkspektasi, SesuaiEkspektasi, DibawahEkspektasi],
                &[DiatasEkspektasi],
                Some(SesuaiEkspektasi),
                false,
                "a small part of utama below",
            ),
            (&[DibawahEkspektasi, SesuaiEkspektasi], &[], Some(DibawahEkspektasi), false, "half of utama below"),
            (
                &[DibawahEkspektasi, DibawahEkspektasi, SesuaiEkspektasi],
                &[],
                Some(DibawahEkspektasi),
                false,
                "most below",
            ),
            (
                &[SesuaiEkspektasi],
                &[DibawahEkspektasi, DibawahEkspektasi],
                Some(DibawahEkspektasi),
                false,
                "most results below, even tambahan",
            ),
        ];
        for (utama, tambahan, expected, terhalang, why) in table {
            let s = saran(utama, tambahan);
            assert_eq!(s.saran, expected, "{why}");
            assert_eq!(s.diatas_terhalang, terhalang, "{why}");
            assert!(!s.alasan.is_empty(), "{why}");
            assert_eq!(s.rekap.semua().total() as usize, utama.len() + tambahan.len(), "{why}");
        }
    }

    #[test]
    fn any_rhk_utama_below_expectation_blocks_diatas() {
        let s = saran(&[DibawahEkspektasi], &[DiatasEkspektasi; 5]);
        assert_ne!(s.saran, Some(DiatasEkspektasi));
        assert!(s.diatas_terhalang || s.saran == Some(DibawahEkspektasi));
    }

    #[test]
    fn the_rater_may_follow_the_suggestion_without_a_reason() {
        let s = saran(&[SesuaiEkspektasi], &[]);
        let d = decide_rating_hasil_kerja(&s, SesuaiEkspektasi, None).unwrap();
        assert!(d.mengikuti_saran);
        assert_eq!(d.alasan_penilai, None);
    }

    #[test]
    fn the_rater_may_override_the_suggestion_only_with_a_reason() {
        let s = saran(&[SesuaiEkspektasi], &[]);
        let e = decide_rating_hasil_kerja(&s, DiatasEkspektasi, Some("  ")).unwrap_err();
        assert_eq!(e.kode(), "alasan_wajib");
        assert!(!e.pesan().id.is_empty() && !e.pesan().en.is_empty());
        let d = decide_rating_hasil_kerja(&s, DiatasEkspektasi, Some("Memimpin tim lintas unit")).unwrap();
        assert!(!d.mengikuti_saran);
        assert_eq!(d.rating, DiatasEkspektasi);
        assert_eq!(d.saran, Some(SesuaiEkspektasi));
        assert_eq!(d.alasan_penilai.as_deref(), Some("Memimpin tim lintas unit"));
    }

    #[test]
    fn without_a_suggestion_the_rater_needs_no_reason() {
        let s = saran(&[], &[]);
        assert!(decide_rating_hasil_kerja(&s, SesuaiEkspektasi, None).is_ok());
    }
}
