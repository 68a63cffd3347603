//! The SKP (Sasaran Kinerja Pegawai) and its life cycle (PermenPANRB 6/2022
//! Art. 14, Bab II–IV; RULES.md §3.2–3.4):
//!
//! ```text
//! draf ─submit─► diajukan ─approve─► ditetapkan ─record_evaluation(periodik)─► dinilai
//!  ▲               │  ▲                  │  ▲                                  │
//!  │         return   submit            │  └─ approve (no evaluation yet)     │
//!  │               ▼  │                 revise                              revise
//!  └────────── dikembalikan              ▼                                     ▼
//!                                      revisi ─submit─► diajukan ─approve─► ditetapkan | dinilai
//! ditetapkan | dinilai ─record_evaluation(tahunan)─► dinilai_tahunan ─finalize─► final
//! ```
//!
//! Every transition is one method taking the actor's [`Peran`] and `today`;
//! an illegal one returns a typed [`SkpError`] and changes nothing.

pub mod beda;
pub mod dokumen;
pub mod indikator;
pub mod penilaian;
pub mod penilaian_lama;
pub mod perilaku;
pub mod preview;
pub mod realisasi;
pub mod rhk;
pub mod umpan_balik;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, id_type, item, teks_wajib};
use crate::pegawai::{JenisJabatan, PegawaiId};
use crate::periode::{Periode, PeriodeEvaluasi, PeriodeId};
use crate::rule_set::{JenisRhk, RuleSet};
use crate::tanggal::Tanggal;
use crate::teks::Teks;

pub use self::indikator::{AspekIndikator, Indikator, IndikatorId, IndikatorInput, Polaritas, Target};
use self::indikator::{MAKS_URAIAN, periksa_kata_mutlak};
pub use self::penilaian::{Penilaian, PenilaianInput};
pub use self::penilaian_lama::{PenilaianLama, PenilaianLamaInput};
pub use self::realisasi::{BuktiDukung, JenisBerkas, Realisasi, RealisasiInput};
pub use self::rhk::{Perspektif, Rhk, RhkId, RhkInput};
pub use self::umpan_balik::{NilaiBerakhlak, UmpanBalik, UmpanBalikInput};

id_type!(
    /// The id of an SKP, passed in.
    SkpId
);

/// Who acts on an SKP or an evaluation document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Peran {
    Pegawai,
    PejabatPenilai,
    AtasanPejabatPenilai,
}

impl fmt::Display for Peran {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Peran::Pegawai => "pegawai",
            Peran::PejabatPenilai => "pejabat_penilai",
            Peran::AtasanPejabatPenilai => "atasan_pejabat_penilai",
        })
    }
}

/// The qualitative or quantitative approach of the SKP (Lampiran Bab II tahap 7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PendekatanSkp {
    Kualitatif,
    #[default]
    Kuantitatif,
}

/// Where an SKP is in its life cycle; on the wire as its [`kode`](StatusSkp::kode).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusSkp {
    #[default]
    Draf,
    Diajukan,
    Dikembalikan,
    Ditetapkan,
    Revisi,
    Dinilai,
    DinilaiTahunan,
    Final,
}

impl StatusSkp {
    pub const SEMUA: [StatusSkp; 8] = [
        StatusSkp::Draf,
        StatusSkp::Diajukan,
        StatusSkp::Dikembalikan,
        StatusSkp::Ditetapkan,
        StatusSkp::Revisi,
        StatusSkp::Dinilai,
        StatusSkp::DinilaiTahunan,
        StatusSkp::Final,
    ];

    /// The status named by [`kode`](StatusSkp::kode) (its JSON form, and the database column).
    pub fn parse(s: &str) -> Option<Self> {
        StatusSkp::SEMUA.into_iter().find(|st| st.kode() == s)
    }

    /// Whether the plan has been set (and the year is not closed): continuous
    /// feedback is given on it (RULES.md §3.3). A plan in revision was set.
    pub fn menerima_umpan_balik(self) -> bool {
        matches!(self, StatusSkp::Ditetapkan | StatusSkp::Revisi | StatusSkp::Dinilai | StatusSkp::DinilaiTahunan)
    }

    /// Whether an SKP in this status takes changes to its plan (draf, dikembalikan, revisi).
    pub fn is_editable(self) -> bool {
        matches!(self, StatusSkp::Draf | StatusSkp::Dikembalikan | StatusSkp::Revisi)
    }

    pub fn kode(self) -> &'static str {
        match self {
            StatusSkp::Draf => "draf",
            StatusSkp::Diajukan => "diajukan",
            StatusSkp::Dikembalikan => "dikembalikan",
            StatusSkp::Ditetapkan => "ditetapkan",
            StatusSkp::Revisi => "revisi",
            StatusSkp::Dinilai => "dinilai",
            StatusSkp::DinilaiTahunan => "dinilai_tahunan",
            StatusSkp::Final => "final",
        }
    }
}

impl fmt::Display for StatusSkp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kode())
    }
}

/// The transitions and actions of an SKP: one name each, end to end — the
/// route's last segment (`POST /skp/{id}/return`), the history's `aksi` in
/// the document and in the database, and the app's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AksiSkp {
    Create,
    Update,
    Submit,
    Approve,
    /// Returned with notes ([`Skp::return_with_notes`]; `return` is a Rust keyword).
    /// Documents saved before the names were unified say `return_with_notes`.
    #[serde(alias = "return_with_notes")]
    Return,
    /// A revision opened during the year ([`Skp::revise`]).
    #[serde(alias = "start_revision")]
    Revise,
    RecordRealisasi,
    AddUmpanBalik,
    RecordEvaluation,
    ReplaceEvaluation,
    Finalize,
}

impl AksiSkp {
    /// The action's one name (its JSON form).
    pub fn kode(self) -> &'static str {
        match self {
            AksiSkp::Create => "create",
            AksiSkp::Update => "update",
            AksiSkp::Submit => "submit",
            AksiSkp::Approve => "approve",
            AksiSkp::Return => "return",
            AksiSkp::Revise => "revise",
            AksiSkp::RecordRealisasi => "record_realisasi",
            AksiSkp::AddUmpanBalik => "add_umpan_balik",
            AksiSkp::RecordEvaluation => "record_evaluation",
            AksiSkp::ReplaceEvaluation => "replace_evaluation",
            AksiSkp::Finalize => "finalize",
        }
    }

    /// The action named by [`kode`](AksiSkp::kode), or by the names stored before they were unified.
    pub fn parse(s: &str) -> Option<Self> {
        const SEMUA: [AksiSkp; 11] = [
            AksiSkp::Create,
            AksiSkp::Update,
            AksiSkp::Submit,
            AksiSkp::Approve,
            AksiSkp::Return,
            AksiSkp::Revise,
            AksiSkp::RecordRealisasi,
            AksiSkp::AddUmpanBalik,
            AksiSkp::RecordEvaluation,
            AksiSkp::ReplaceEvaluation,
            AksiSkp::Finalize,
        ];
        match s {
            "return_with_notes" => Some(AksiSkp::Return),
            "start_revision" => Some(AksiSkp::Revise),
            _ => SEMUA.into_iter().find(|a| a.kode() == s),
        }
    }
}

impl fmt::Display for AksiSkp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kode())
    }
}

/// Why an SKP action was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SkpError {
    #[error("the SKP cannot be edited while it is {status}")]
    NotEditable { status: StatusSkp },
    #[error("cannot {aksi} an SKP that is {status}")]
    InvalidTransition { aksi: AksiSkp, status: StatusSkp },
    #[error("a {peran} may not {aksi} this SKP")]
    NotAllowed { peran: Peran, aksi: AksiSkp },
    #[error("notes are required")]
    NotesRequired,
    #[error("the SKP is incomplete: {0}")]
    Incomplete(FieldErrors),
    #[error("a note or comment is longer than {maks} characters")]
    NotesTooLong { maks: usize },
    #[error("unknown RHK {id}")]
    UnknownRhk { id: RhkId },
    #[error("unknown indicator {id}")]
    UnknownIndikator { id: IndikatorId },
    #[error("the period {periode} is not this SKP's")]
    WrongPeriode { periode: PeriodeId },
    #[error("the period has no evaluation {evaluasi}")]
    UnknownEvaluasi { evaluasi: PeriodeEvaluasi },
    #[error("evaluation {evaluasi} is already recorded")]
    AlreadyEvaluated { evaluasi: PeriodeEvaluasi },
    #[error("evaluation {evaluasi} has not been recorded")]
    NotEvaluated { evaluasi: PeriodeEvaluasi },
    #[error("the atasan may take over only after {batas}")]
    BeforeDeadline { batas: Tanggal },
    #[error("evaluation {evaluasi} can be rated only after it ends on {akhir}")]
    EvaluationNotOver { evaluasi: PeriodeEvaluasi, akhir: Tanggal },
    #[error("the period is rated under {rule_set:?}")]
    WrongRuleSet { rule_set: RuleSet },
}

impl SkpError {
    /// The machine code of the error body.
    pub fn kode(&self) -> &'static str {
        match self {
            SkpError::NotEditable { .. } => "not_editable",
            SkpError::InvalidTransition { .. } => "invalid_transition",
            SkpError::NotAllowed { .. } => "not_allowed",
            SkpError::NotesRequired => "notes_required",
            SkpError::Incomplete(_) => "incomplete",
            SkpError::NotesTooLong { .. } => "notes_too_long",
            SkpError::UnknownRhk { .. } => "unknown_rhk",
            SkpError::UnknownIndikator { .. } => "unknown_indikator",
            SkpError::WrongPeriode { .. } => "wrong_periode",
            SkpError::UnknownEvaluasi { .. } => "unknown_evaluasi",
            SkpError::AlreadyEvaluated { .. } => "already_evaluated",
            SkpError::NotEvaluated { .. } => "not_evaluated",
            SkpError::BeforeDeadline { .. } => "before_deadline",
            SkpError::EvaluationNotOver { .. } => "evaluasi_belum_berakhir",
            SkpError::WrongRuleSet { .. } => "rule_set_berbeda",
        }
    }

    /// The bilingual message for the user.
    pub fn pesan(&self) -> Teks {
        match self {
            SkpError::NotEditable { status } => Teks::new(
                format!("SKP berstatus {status} tidak dapat diubah."),
                format!("An SKP that is {status} cannot be changed."),
            ),
            SkpError::InvalidTransition { aksi, status } => Teks::new(
                format!("Tindakan {aksi} tidak dapat dilakukan pada SKP berstatus {status}."),
                format!("Cannot {aksi} an SKP that is {status}."),
            ),
            SkpError::NotAllowed { peran, aksi } => Teks::new(
                format!("Peran {peran} tidak berwenang melakukan {aksi}."),
                format!("The role {peran} may not {aksi}."),
            ),
            SkpError::NotesRequired => Teks::new("Catatan wajib diisi.", "Notes are required."),
            SkpError::NotesTooLong { maks } => Teks::new(
                format!("Catatan atau komentar paling banyak {maks} karakter."),
                format!("A note or comment has at most {maks} characters."),
            ),
            SkpError::Incomplete(_) => Teks::new(
                "SKP belum lengkap; periksa isian yang ditandai.",
                "The SKP is incomplete; check the marked fields.",
            ),
            SkpError::UnknownRhk { id } => {
                Teks::new(format!("RHK {id} tidak ada di SKP ini."), format!("RHK {id} is not in this SKP."))
            }
            SkpError::UnknownIndikator { id } => Teks::new(
                format!("Indikator {id} tidak ada di SKP ini."),
                format!("Indicator {id} is not in this SKP."),
            ),
            SkpError::WrongPeriode { .. } => {
                Teks::new("Periode tidak sesuai dengan SKP.", "The period does not match the SKP.")
            }
            SkpError::UnknownEvaluasi { evaluasi } => Teks::new(
                format!("Periode tidak memiliki evaluasi {evaluasi}."),
                format!("The period has no evaluation {evaluasi}."),
            ),
            SkpError::AlreadyEvaluated { evaluasi } => Teks::new(
                format!("Evaluasi {evaluasi} sudah dicatat."),
                format!("Evaluation {evaluasi} is already recorded."),
            ),
            SkpError::NotEvaluated { evaluasi } => Teks::new(
                format!("Evaluasi {evaluasi} belum dicatat."),
                format!("Evaluation {evaluasi} has not been recorded."),
            ),
            SkpError::BeforeDeadline { batas } => Teks::new(
                format!(
                    "Atasan pejabat penilai baru dapat mengambil alih setelah batas penetapan SKP ({}); sampai \
                     saat itu pejabat penilai yang menetapkan.",
                    crate::periode::tanggal_panjang(*batas).id
                ),
                format!(
                    "The rater's superior may take over only after the SKP deadline ({}); until then the rater \
                     decides.",
                    crate::periode::tanggal_panjang(*batas).en
                ),
            ),
            SkpError::EvaluationNotOver { evaluasi, akhir } => Teks::new(
                format!(
                    "Evaluasi {evaluasi} baru dapat dinilai setelah periodenya berakhir ({}).",
                    crate::periode::tanggal_panjang(*akhir).id
                ),
                format!(
                    "Evaluation {evaluasi} can be rated only after its period ends ({}).",
                    crate::periode::tanggal_panjang(*akhir).en
                ),
            ),
            SkpError::WrongRuleSet { rule_set } => {
                let l = rule_set.label();
                Teks::new(
                    format!("Periode ini dinilai dengan {}; formulir ini untuk aturan lain.", l.id),
                    format!("This period is rated under {}; this form is for other rules.", l.en),
                )
            }
        }
    }

    /// The field errors to show on the form (only for `Incomplete`).
    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            SkpError::Incomplete(f) => Some(f),
            _ => None,
        }
    }
}

/// The attachments of the SKP (Lampiran SKP, Format A.1.8; Lampiran Bab II tahap 8).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LampiranSkp {
    pub dukungan_sumber_daya: Vec<String>,
    pub skema_pertanggungjawaban: Vec<String>,
    pub konsekuensi: Vec<String>,
}

/// The Lampiran form: one text per row.
pub type LampiranInput = LampiranSkp;

/// A pimpinan's special expectation on one BerAKHLAK value (Art. 10(4)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EkspektasiKhususInput {
    pub nilai: NilaiBerakhlak,
    pub uraian: String,
}

/// A valid plan: the content of an SKP that the pegawai and the penilai agree on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RencanaSkp {
    jenis_jabatan: JenisJabatan,
    pendekatan: PendekatanSkp,
    rhk: Vec<Rhk>,
    lampiran: LampiranSkp,
    ekspektasi_khusus: BTreeMap<NilaiBerakhlak, String>,
}

impl RencanaSkp {
    pub fn jenis_jabatan(&self) -> JenisJabatan {
        self.jenis_jabatan
    }
    pub fn pendekatan(&self) -> PendekatanSkp {
        self.pendekatan
    }
    pub fn rhk(&self) -> &[Rhk] {
        &self.rhk
    }
    pub fn lampiran(&self) -> &LampiranSkp {
        &self.lampiran
    }
    pub fn ekspektasi_khusus(&self) -> &BTreeMap<NilaiBerakhlak, String> {
        &self.ekspektasi_khusus
    }

    pub fn rhk_by_id(&self, id: &RhkId) -> Option<&Rhk> {
        self.rhk.iter().find(|r| r.id() == id)
    }

    /// The indicator and the RHK it belongs to.
    pub fn indikator_by_id(&self, id: &IndikatorId) -> Option<(&Rhk, &Indikator)> {
        self.rhk.iter().find_map(|r| r.indikator().iter().find(|i| i.id() == id).map(|i| (r, i)))
    }

    /// Checks each link to an atasan's RHK against the RHK the atasan's SKP
    /// has (`None`: the atasan has no SKP yet, so there is nothing to link
    /// to; an RHK then stays unlinked, to be linked later). Errors under
    /// `rhk[i].rhk_atasan_id`.
    pub fn periksa_tautan(&self, rhk_atasan: Option<&[RhkId]>) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::new();
        for (i, r) in self.rhk.iter().enumerate() {
            let Some(id) = r.rhk_atasan() else { continue };
            if !rhk_atasan.is_some_and(|ada| ada.contains(id)) {
                e.push(
                    format!("{}.rhk_atasan_id", item("rhk", i)),
                    "RHK atasan ini tidak ada di SKP atasan Anda; pilih dari daftarnya atau tautkan nanti.",
                    "Your atasan's SKP has no such RHK; pick one from its list or link it later.",
                );
            }
        }
        e.into_result(())
    }

    /// The RHK still waiting for their link to the atasan's RHK.
    pub fn rhk_belum_ditautkan(&self) -> Vec<&Rhk> {
        self.rhk.iter().filter(|r| r.rhk_atasan().is_none()).collect()
    }

    /// What a plan needs before it can be submitted (it may be saved without):
    /// at least one RHK utama, at least one indicator per RHK, and for a JPT an
    /// RHK with the anggaran perspective.
    pub fn kelengkapan(&self) -> FieldErrors {
        let mut e = FieldErrors::new();
        if !self.rhk.iter().any(|r| r.jenis() == JenisRhk::Utama) {
            e.push("rhk", "Tambahkan paling sedikit satu RHK utama.", "Add at least one main RHK (utama).");
        }
        for (i, r) in self.rhk.iter().enumerate() {
            if r.indikator().is_empty() {
                e.push(
                    format!("{}.indikator", item("rhk", i)),
                    "Tambahkan paling sedikit satu indikator.",
                    "Add at least one indicator.",
                );
            }
        }
        if self.jenis_jabatan == JenisJabatan::Jpt
            && !self.rhk.iter().any(|r| r.perspektif() == Some(Perspektif::Anggaran))
        {
            e.push(
                "rhk",
                "SKP JPT wajib memuat RHK dengan perspektif anggaran.",
                "A JPT SKP must have an RHK with the budget (anggaran) perspective.",
            );
        }
        e
    }
}

/// At most this many RHK per SKP (a bound on form size, not a rule).
pub const MAKS_RHK: usize = 100;
/// The longest note (a return's, a revision's reason) or comment on one RHK, in characters.
pub const MAKS_CATATAN: usize = 4000;
/// At most this many rows per lampiran list.
pub const MAKS_BARIS_LAMPIRAN: usize = 50;

/// The SKP form: the plan, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SkpInput {
    pub pendekatan: PendekatanSkp,
    pub rhk: Vec<RhkInput>,
    pub lampiran: LampiranInput,
    pub ekspektasi_khusus: Vec<EkspektasiKhususInput>,
}

impl SkpInput {
    /// Whether a form kept as typed, before it passes the rules (a draft
    /// saved as it is typed), stays within the sizes the rules allow: how
    /// many RHK, indicators and lampiran rows, and how long each text. A
    /// draft is allowed to be incomplete or wrong, never unbounded.
    pub fn dalam_batas(&self) -> bool {
        // Ids and numbers typed are short; a generous bound for each.
        const MAKS_PENDEK: usize = 100;
        let pendek = |t: &str| t.chars().count() <= MAKS_PENDEK;
        let uraian = |t: &str| t.chars().count() <= crate::skp::indikator::MAKS_URAIAN;
        let lampiran =
            [&self.lampiran.dukungan_sumber_daya, &self.lampiran.skema_pertanggungjawaban, &self.lampiran.konsekuensi];
        self.rhk.len() <= MAKS_RHK
            && self.rhk.iter().all(|r| {
                pendek(&r.id)
                    && uraian(&r.uraian)
                    && pendek(&r.rhk_atasan_id)
                    && r.indikator.len() <= rhk::MAKS_INDIKATOR
                    && r.indikator.iter().all(|i| {
                        pendek(&i.id)
                            && uraian(&i.uraian)
                            && pendek(&i.target)
                            && pendek(&i.target_maks)
                            && uraian(&i.satuan)
                    })
            })
            && lampiran.iter().all(|l| l.len() <= MAKS_BARIS_LAMPIRAN && l.iter().all(|b| uraian(b)))
            && self.ekspektasi_khusus.len() <= crate::umpan_balik::NilaiBerakhlak::ALL.len()
            && self.ekspektasi_khusus.iter().all(|x| uraian(&x.uraian))
    }

    /// Collects every field error. The jenis jabatan is the pegawai's, passed
    /// by the caller: a JPT's RHK each need a perspective, others have none.
    pub fn validate(&self, jenis_jabatan: JenisJabatan) -> Result<RencanaSkp, FieldErrors> {
        let mut e = FieldErrors::new();
        if self.rhk.len() > MAKS_RHK {
            e.push("rhk", format!("Paling banyak {MAKS_RHK} RHK."), format!("At most {MAKS_RHK} RHK."));
        }
        let mut rhk = Vec::with_capacity(self.rhk.len());
        let mut rhk_ids = BTreeSet::new();
        let mut iki_ids = BTreeSet::new();
        for (i, input) in self.rhk.iter().enumerate() {
            let path = item("rhk", i);
            match (jenis_jabatan, input.perspektif) {
                (JenisJabatan::Jpt, None) => {
                    e.push(format!("{path}.perspektif"), "Pilih perspektif RHK.", "Choose the RHK's perspective.");
                }
                (JenisJabatan::Jpt, Some(_)) | (_, None) => {}
                (_, Some(_)) => {
                    e.push(
                        format!("{path}.perspektif"),
                        "Perspektif hanya untuk SKP JPT.",
                        "Perspectives are only for JPT SKPs.",
                    );
                }
            }
            let Some(r) = e.collect(&path, input.validate()) else { continue };
            if !rhk_ids.insert(r.id().clone()) {
                e.push(format!("{path}.id"), "Id RHK ganda.", "Duplicate RHK id.");
            }
            for (j, iki) in r.indikator().iter().enumerate() {
                if !iki_ids.insert(iki.id().clone()) {
                    e.push(
                        format!("{path}.{}.id", item("indikator", j)),
                        "Id indikator ganda.",
                        "Duplicate indicator id.",
                    );
                }
            }
            rhk.push(r);
        }
        let lampiran = LampiranSkp {
            dukungan_sumber_daya: baris(&mut e, "lampiran.dukungan_sumber_daya", &self.lampiran.dukungan_sumber_daya),
            skema_pertanggungjawaban: baris(
                &mut e,
                "lampiran.skema_pertanggungjawaban",
                &self.lampiran.skema_pertanggungjawaban,
            ),
            konsekuensi: baris(&mut e, "lampiran.konsekuensi", &self.lampiran.konsekuensi),
        };
        let mut ekspektasi_khusus = BTreeMap::new();
        for (i, x) in self.ekspektasi_khusus.iter().enumerate() {
            let path = item("ekspektasi_khusus", i);
            if let Some(uraian) = teks_wajib(&mut e, &format!("{path}.uraian"), &x.uraian, MAKS_URAIAN)
                && ekspektasi_khusus.insert(x.nilai, uraian).is_some()
            {
                e.push(
                    format!("{path}.nilai"),
                    "Nilai BerAKHLAK ini sudah memiliki ekspektasi khusus.",
                    "This BerAKHLAK value already has a special expectation.",
                );
            }
        }
        e.into_result(RencanaSkp { jenis_jabatan, pendekatan: self.pendekatan, rhk, lampiran, ekspektasi_khusus })
    }

    /// Non-blocking remarks: absolute wording, and (outside JPT) RHK not yet
    /// linked to an atasan's RHK.
    pub fn peringatan(&self, jenis_jabatan: JenisJabatan) -> FieldErrors {
        let mut w = FieldErrors::new();
        for (i, r) in self.rhk.iter().enumerate() {
            let path = item("rhk", i);
            w.merge(&path, r.peringatan());
            if jenis_jabatan != JenisJabatan::Jpt && r.rhk_atasan_id.trim().is_empty() {
                w.push(
                    format!("{path}.rhk_atasan_id"),
                    "RHK belum ditautkan ke RHK pimpinan yang diintervensi.",
                    "The RHK is not yet linked to the leader's RHK it intervenes.",
                );
            }
        }
        for (i, x) in self.ekspektasi_khusus.iter().enumerate() {
            periksa_kata_mutlak(&mut w, &format!("{}.uraian", item("ekspektasi_khusus", i)), &x.uraian);
        }
        w
    }
}

fn baris(e: &mut FieldErrors, field: &str, daftar: &[String]) -> Vec<String> {
    if daftar.len() > MAKS_BARIS_LAMPIRAN {
        e.push(
            field,
            format!("Paling banyak {MAKS_BARIS_LAMPIRAN} baris."),
            format!("At most {MAKS_BARIS_LAMPIRAN} rows."),
        );
    }
    daftar.iter().enumerate().filter_map(|(i, s)| teks_wajib(e, &item(field, i), s, MAKS_URAIAN)).collect()
}

/// Who and when an SKP is for; set by the server from the pegawai record and
/// the atasan mapping of the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkpBaru {
    pub id: SkpId,
    pub pegawai: PegawaiId,
    pub pejabat_penilai: PegawaiId,
    pub atasan_pejabat_penilai: Option<PegawaiId>,
    pub periode: PeriodeId,
}

/// One step of the SKP's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiwayatSkp {
    pub aksi: AksiSkp,
    pub oleh: Peran,
    pub dari: StatusSkp,
    pub ke: StatusSkp,
    pub tanggal: Tanggal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catatan: Option<String>,
    /// A return's comments on single RHK, by RHK id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub komentar_rhk: BTreeMap<String, String>,
}

/// The part of an SKP document the planning screens read: its plan and its
/// history, parsed from the whole document's JSON (the realisations,
/// feedback and evaluations of later stages are skipped unparsed, so the
/// browser's first load carries no code for them).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SkpRencana {
    rencana: RencanaSkp,
    riwayat: Vec<RiwayatSkp>,
}

impl SkpRencana {
    pub fn rencana(&self) -> &RencanaSkp {
        &self.rencana
    }
    pub fn riwayat(&self) -> &[RiwayatSkp] {
        &self.riwayat
    }
}

/// An SKP with its plan, realisations, feedback and evaluations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skp {
    id: SkpId,
    pegawai: PegawaiId,
    pejabat_penilai: PegawaiId,
    atasan_pejabat_penilai: Option<PegawaiId>,
    periode: PeriodeId,
    rencana: RencanaSkp,
    status: StatusSkp,
    ditetapkan_pada: Option<Tanggal>,
    revisi_ke: u32,
    realisasi: Vec<Realisasi>,
    umpan_balik: Vec<UmpanBalik>,
    penilaian: Vec<Penilaian>,
    /// The evaluations of a former rule set's period (numbers, not predikat).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    penilaian_lama: Vec<PenilaianLama>,
    riwayat: Vec<RiwayatSkp>,
}

impl Skp {
    /// A new draft.
    pub fn new(baru: SkpBaru, rencana: RencanaSkp) -> Self {
        Skp {
            id: baru.id,
            pegawai: baru.pegawai,
            pejabat_penilai: baru.pejabat_penilai,
            atasan_pejabat_penilai: baru.atasan_pejabat_penilai,
            periode: baru.periode,
            rencana,
            status: StatusSkp::Draf,
            ditetapkan_pada: None,
            revisi_ke: 0,
            realisasi: Vec::new(),
            umpan_balik: Vec::new(),
            penilaian: Vec::new(),
            penilaian_lama: Vec::new(),
            riwayat: Vec::new(),
        }
    }

    pub fn id(&self) -> &SkpId {
        &self.id
    }
    pub fn pegawai(&self) -> &PegawaiId {
        &self.pegawai
    }
    pub fn pejabat_penilai(&self) -> &PegawaiId {
        &self.pejabat_penilai
    }
    pub fn atasan_pejabat_penilai(&self) -> Option<&PegawaiId> {
        self.atasan_pejabat_penilai.as_ref()
    }
    pub fn periode(&self) -> &PeriodeId {
        &self.periode
    }
    pub fn rencana(&self) -> &RencanaSkp {
        &self.rencana
    }
    pub fn status(&self) -> StatusSkp {
        self.status
    }
    /// The date the SKP was first set (ditetapkan).
    pub fn ditetapkan_pada(&self) -> Option<Tanggal> {
        self.ditetapkan_pada
    }
    /// How many approved revisions the SKP has had.
    pub fn revisi_ke(&self) -> u32 {
        self.revisi_ke
    }
    pub fn realisasi(&self) -> &[Realisasi] {
        &self.realisasi
    }
    pub fn umpan_balik(&self) -> &[UmpanBalik] {
        &self.umpan_balik
    }
    pub fn penilaian(&self) -> &[Penilaian] {
        &self.penilaian
    }
    pub fn penilaian_untuk(&self, evaluasi: PeriodeEvaluasi) -> Option<&Penilaian> {
        self.penilaian.iter().find(|p| p.evaluasi() == evaluasi)
    }
    /// The evaluations under a former rule set (PermenPANRB 8/2021, PP 46/2011).
    pub fn penilaian_lama(&self) -> &[PenilaianLama] {
        &self.penilaian_lama
    }
    pub fn penilaian_lama_untuk(&self, evaluasi: PeriodeEvaluasi) -> Option<&PenilaianLama> {
        self.penilaian_lama.iter().find(|p| p.evaluasi() == evaluasi)
    }
    /// Whether `evaluasi` has been rated, under whichever rule set.
    pub fn sudah_dinilai(&self, evaluasi: PeriodeEvaluasi) -> bool {
        self.penilaian_untuk(evaluasi).is_some() || self.penilaian_lama_untuk(evaluasi).is_some()
    }
    pub fn riwayat(&self) -> &[RiwayatSkp] {
        &self.riwayat
    }

    /// Whether the plan can be changed now ([`StatusSkp::is_editable`]).
    pub fn is_editable(&self) -> bool {
        self.status.is_editable()
    }

    /// Whether the SKP has been set at least once (it may be under revision).
    pub fn pernah_ditetapkan(&self) -> bool {
        self.ditetapkan_pada.is_some()
    }

    /// Whether the SKP was first set after the deadline of its period (Art. 14(1)).
    pub fn terlambat_ditetapkan(&self, periode: &Periode) -> bool {
        self.ditetapkan_pada.is_some_and(|t| t > periode.batas_penetapan_skp())
    }

    fn peran(oleh: Peran, aksi: AksiSkp, boleh: &[Peran]) -> Result<(), SkpError> {
        if boleh.contains(&oleh) { Ok(()) } else { Err(SkpError::NotAllowed { peran: oleh, aksi }) }
    }

    fn status_harus(&self, aksi: AksiSkp, boleh: &[StatusSkp]) -> Result<(), SkpError> {
        if boleh.contains(&self.status) {
            Ok(())
        } else {
            Err(SkpError::InvalidTransition { aksi, status: self.status })
        }
    }

    fn catat(&mut self, aksi: AksiSkp, oleh: Peran, ke: StatusSkp, tanggal: Tanggal, catatan: Option<String>) {
        self.riwayat.push(RiwayatSkp {
            aksi,
            oleh,
            dari: self.status,
            ke,
            tanggal,
            catatan,
            komentar_rhk: BTreeMap::new(),
        });
        self.status = ke;
    }

    /// The status after approval or revision: `dinilai` once a periodic evaluation exists.
    fn status_berjalan(&self) -> StatusSkp {
        if self.penilaian.is_empty() && self.penilaian_lama.is_empty() {
            StatusSkp::Ditetapkan
        } else {
            StatusSkp::Dinilai
        }
    }

    /// Replaces the plan. The pegawai edits a draf or a returned SKP; during a
    /// revision the pejabat penilai may edit too (new assignments, Art. 14(2)).
    pub fn update(&mut self, oleh: Peran, rencana: RencanaSkp) -> Result<(), SkpError> {
        if !self.is_editable() {
            return Err(SkpError::NotEditable { status: self.status });
        }
        let boleh: &[Peran] =
            if self.status == StatusSkp::Revisi { &[Peran::Pegawai, Peran::PejabatPenilai] } else { &[Peran::Pegawai] };
        Skp::peran(oleh, AksiSkp::Update, boleh)?;
        // Realisations of indicators that no longer exist go with them.
        self.realisasi.retain(|r| rencana.indikator_by_id(r.indikator()).is_some());
        self.rencana = rencana;
        Ok(())
    }

    /// The pegawai submits the plan to the pejabat penilai (draf, dikembalikan, revisi → diajukan).
    pub fn submit(&mut self, oleh: Peran, tanggal: Tanggal) -> Result<(), SkpError> {
        let aksi = AksiSkp::Submit;
        self.status_harus(aksi, &[StatusSkp::Draf, StatusSkp::Dikembalikan, StatusSkp::Revisi])?;
        Skp::peran(oleh, aksi, &[Peran::Pegawai])?;
        let kurang = self.rencana.kelengkapan();
        if !kurang.is_empty() {
            return Err(SkpError::Incomplete(kurang));
        }
        self.catat(aksi, oleh, StatusSkp::Diajukan, tanggal, None);
        Ok(())
    }

    /// Who may approve or return a submitted plan on `tanggal`: the pejabat
    /// penilai at any time; the atasan pejabat penilai only once the
    /// period's deadline for setting the SKP has passed without it
    /// (RULES.md §3.1: "if the Pejabat Penilai has not fixed the SKP by the
    /// end of January, the Pegawai holds the dialog with the atasan").
    fn boleh_menetapkan(
        &self,
        oleh: Peran,
        aksi: AksiSkp,
        tanggal: Tanggal,
        periode: &Periode,
    ) -> Result<(), SkpError> {
        Skp::peran(oleh, aksi, &[Peran::PejabatPenilai, Peran::AtasanPejabatPenilai])?;
        if periode.id() != &self.periode {
            return Err(SkpError::WrongPeriode { periode: periode.id().clone() });
        }
        let batas = periode.batas_penetapan_skp();
        if oleh == Peran::AtasanPejabatPenilai && tanggal <= batas {
            return Err(SkpError::BeforeDeadline { batas });
        }
        Ok(())
    }

    /// The pejabat penilai sets the SKP (diajukan → ditetapkan, or back to
    /// dinilai after a revision). The atasan may do it when the pejabat
    /// penilai has not set it by the deadline (RULES.md §3.1).
    pub fn approve(&mut self, oleh: Peran, tanggal: Tanggal, periode: &Periode) -> Result<(), SkpError> {
        let aksi = AksiSkp::Approve;
        self.status_harus(aksi, &[StatusSkp::Diajukan])?;
        self.boleh_menetapkan(oleh, aksi, tanggal, periode)?;
        if self.ditetapkan_pada.is_some() {
            self.revisi_ke += 1;
        } else {
            self.ditetapkan_pada = Some(tanggal);
        }
        self.catat(aksi, oleh, self.status_berjalan(), tanggal, None);
        Ok(())
    }

    /// The pejabat penilai returns the plan with notes (diajukan → dikembalikan).
    pub fn return_with_notes(
        &mut self,
        oleh: Peran,
        tanggal: Tanggal,
        periode: &Periode,
        catatan: &str,
    ) -> Result<(), SkpError> {
        self.return_with_comments(oleh, tanggal, periode, catatan, &BTreeMap::new())
    }

    /// Returns the plan with an overall note and comments on single RHK (by
    /// RHK id), at least one of them; comments left empty are dropped. Each
    /// is at most [`MAKS_CATATAN`] characters.
    pub fn return_with_comments(
        &mut self,
        oleh: Peran,
        tanggal: Tanggal,
        periode: &Periode,
        catatan: &str,
        komentar_rhk: &BTreeMap<String, String>,
    ) -> Result<(), SkpError> {
        let aksi = AksiSkp::Return;
        self.status_harus(aksi, &[StatusSkp::Diajukan])?;
        self.boleh_menetapkan(oleh, aksi, tanggal, periode)?;
        let catatan = catatan.trim();
        let mut komentar = BTreeMap::new();
        for (id, teks) in komentar_rhk {
            let id = RhkId::new(id.as_str());
            if self.rencana.rhk_by_id(&id).is_none() {
                return Err(SkpError::UnknownRhk { id });
            }
            let teks = teks.trim();
            if !teks.is_empty() {
                komentar.insert(id.as_str().to_owned(), teks.to_owned());
            }
        }
        if catatan.is_empty() && komentar.is_empty() {
            return Err(SkpError::NotesRequired);
        }
        if std::iter::once(catatan)
            .chain(komentar.values().map(String::as_str))
            .any(|t| t.chars().count() > MAKS_CATATAN)
        {
            return Err(SkpError::NotesTooLong { maks: MAKS_CATATAN });
        }
        self.catat(aksi, oleh, StatusSkp::Dikembalikan, tanggal, (!catatan.is_empty()).then(|| catatan.to_owned()));
        if let Some(r) = self.riwayat.last_mut() {
            r.komentar_rhk = komentar;
        }
        Ok(())
    }

    /// Opens a revision during the year (ditetapkan | dinilai → revisi), with
    /// the reason: feedback or a new assignment (Art. 14(2)).
    pub fn revise(&mut self, oleh: Peran, tanggal: Tanggal, alasan: &str) -> Result<(), SkpError> {
        let aksi = AksiSkp::Revise;
        self.status_harus(aksi, &[StatusSkp::Ditetapkan, StatusSkp::Dinilai])?;
        Skp::peran(oleh, aksi, &[Peran::Pegawai, Peran::PejabatPenilai])?;
        let alasan = alasan.trim();
        if alasan.is_empty() {
            return Err(SkpError::NotesRequired);
        }
        self.catat(aksi, oleh, StatusSkp::Revisi, tanggal, Some(alasan.to_owned()));
        Ok(())
    }

    /// Whether the year is running for this SKP: it was set and its annual
    /// evaluation is not recorded yet (realisations may be documented).
    pub fn berjalan(&self) -> bool {
        self.pernah_ditetapkan() && !matches!(self.status, StatusSkp::DinilaiTahunan | StatusSkp::Final)
    }

    /// The pegawai records (or replaces) the realisation of an indicator for
    /// an evaluation, once the SKP has been set and until the annual evaluation.
    pub fn record_realisasi(&mut self, oleh: Peran, realisasi: Realisasi) -> Result<(), SkpError> {
        let aksi = AksiSkp::RecordRealisasi;
        if !self.berjalan() {
            return Err(SkpError::InvalidTransition { aksi, status: self.status });
        }
        Skp::peran(oleh, aksi, &[Peran::Pegawai])?;
        if self.rencana.indikator_by_id(realisasi.indikator()).is_none() {
            return Err(SkpError::UnknownIndikator { id: realisasi.indikator().clone() });
        }
        if self.sudah_dinilai(realisasi.evaluasi()) {
            return Err(SkpError::AlreadyEvaluated { evaluasi: realisasi.evaluasi() });
        }
        self.realisasi.retain(|r| !(r.indikator() == realisasi.indikator() && r.evaluasi() == realisasi.evaluasi()));
        self.realisasi.push(realisasi);
        Ok(())
    }

    /// Whether the pegawai (`oleh`) may document `indikator` for `evaluasi` of
    /// `periode` now: record its realisation or attach evidence to it. The
    /// SKP has been set and is not closed by its annual evaluation, the
    /// period is the SKP's and has that evaluation, the plan has the
    /// indicator, and that evaluation has not been recorded yet.
    pub fn periksa_dokumentasi(
        &self,
        oleh: Peran,
        periode: &Periode,
        indikator: &IndikatorId,
        evaluasi: PeriodeEvaluasi,
    ) -> Result<(), SkpError> {
        let aksi = AksiSkp::RecordRealisasi;
        if !self.berjalan() {
            return Err(SkpError::InvalidTransition { aksi, status: self.status });
        }
        Skp::peran(oleh, aksi, &[Peran::Pegawai])?;
        if periode.id() != &self.periode {
            return Err(SkpError::WrongPeriode { periode: periode.id().clone() });
        }
        if !periode.memuat(evaluasi) {
            return Err(SkpError::UnknownEvaluasi { evaluasi });
        }
        if self.rencana.indikator_by_id(indikator).is_none() {
            return Err(SkpError::UnknownIndikator { id: indikator.clone() });
        }
        if self.sudah_dinilai(evaluasi) {
            return Err(SkpError::AlreadyEvaluated { evaluasi });
        }
        Ok(())
    }

    /// [`Skp::record_realisasi`] checked against the period as well
    /// ([`Skp::periksa_dokumentasi`]): what a saved realisation goes through.
    pub fn catat_realisasi(&mut self, oleh: Peran, periode: &Periode, realisasi: Realisasi) -> Result<(), SkpError> {
        self.periksa_dokumentasi(oleh, periode, realisasi.indikator(), realisasi.evaluasi())?;
        self.record_realisasi(oleh, realisasi)
    }

    /// The indicators of the plan, with their RHK, that have no realisation
    /// for `evaluasi` yet: what is still to be documented.
    pub fn belum_didokumentasi(&self, evaluasi: PeriodeEvaluasi) -> Vec<(&Rhk, &Indikator)> {
        self.rencana
            .rhk()
            .iter()
            .flat_map(|r| r.indikator().iter().map(move |i| (r, i)))
            .filter(|(_, i)| !self.realisasi.iter().any(|x| x.evaluasi() == evaluasi && x.indikator() == i.id()))
            .collect()
    }

    /// Adds a feedback record, once the SKP has been set and until it is final.
    pub fn add_umpan_balik(&mut self, umpan_balik: UmpanBalik) -> Result<(), SkpError> {
        let aksi = AksiSkp::AddUmpanBalik;
        if !self.pernah_ditetapkan() || self.status == StatusSkp::Final {
            return Err(SkpError::InvalidTransition { aksi, status: self.status });
        }
        if let umpan_balik::ObjekUmpanBalik::Rhk { rhk } = umpan_balik.objek()
            && self.rencana.rhk_by_id(rhk).is_none()
        {
            return Err(SkpError::UnknownRhk { id: rhk.clone() });
        }
        self.umpan_balik.push(umpan_balik);
        Ok(())
    }

    /// Records a periodic evaluation (ditetapkan | dinilai → dinilai) or the
    /// annual one (→ dinilai_tahunan). The atasan records it when taking over
    /// a late evaluation (see [`dokumen::DokumenEvaluasi::take_over`]).
    pub fn record_evaluation(
        &mut self,
        oleh: Peran,
        tanggal: Tanggal,
        periode: &Periode,
        penilaian: Penilaian,
    ) -> Result<(), SkpError> {
        let aksi = AksiSkp::RecordEvaluation;
        self.status_harus(aksi, &[StatusSkp::Ditetapkan, StatusSkp::Dinilai])?;
        Skp::peran(oleh, aksi, &[Peran::PejabatPenilai, Peran::AtasanPejabatPenilai])?;
        self.periksa_penilaian(periode, tanggal, &penilaian)?;
        let evaluasi = penilaian.evaluasi();
        if self.penilaian_untuk(evaluasi).is_some() {
            return Err(SkpError::AlreadyEvaluated { evaluasi });
        }
        let ke = match evaluasi {
            PeriodeEvaluasi::Periodik { .. } => StatusSkp::Dinilai,
            PeriodeEvaluasi::Tahunan => StatusSkp::DinilaiTahunan,
        };
        self.penilaian.push(penilaian);
        self.catat(aksi, oleh, ke, tanggal, None);
        Ok(())
    }

    /// The pejabat penilai changes an evaluation already recorded, before its
    /// document exists: the calibration of a unit's ratings against the pola
    /// distribusi (RULES.md §2.1.6). The status stays; the history records it
    /// as another `record_evaluation`, so the original rating stays in the
    /// SKP's versions. The caller checks that no document was made of it
    /// yet (after that a change goes only through an objection).
    pub fn recalibrate_evaluation(
        &mut self,
        oleh: Peran,
        tanggal: Tanggal,
        periode: &Periode,
        penilaian: Penilaian,
    ) -> Result<(), SkpError> {
        let aksi = AksiSkp::RecordEvaluation;
        self.status_harus(aksi, &[StatusSkp::Dinilai, StatusSkp::DinilaiTahunan])?;
        Skp::peran(oleh, aksi, &[Peran::PejabatPenilai])?;
        self.periksa_penilaian(periode, tanggal, &penilaian)?;
        let evaluasi = penilaian.evaluasi();
        let Some(lama) = self.penilaian.iter_mut().find(|p| p.evaluasi() == evaluasi) else {
            return Err(SkpError::NotEvaluated { evaluasi });
        };
        *lama = penilaian;
        self.catat(aksi, oleh, self.status, tanggal, None);
        Ok(())
    }

    /// The period and evaluation are the SKP's, the evaluated stretch has
    /// ended by `tanggal` (work is rated once it is done: Lampiran Bab IV),
    /// and every rated RHK is in the plan.
    fn periksa_penilaian(&self, periode: &Periode, tanggal: Tanggal, penilaian: &Penilaian) -> Result<(), SkpError> {
        self.periksa_evaluasi(periode, tanggal, penilaian.evaluasi())?;
        if let Some(id) = penilaian.rating_rhk().keys().find(|id| self.rencana.rhk_by_id(id).is_none()) {
            return Err(SkpError::UnknownRhk { id: id.clone() });
        }
        Ok(())
    }

    /// The period and evaluation are the SKP's and the evaluated stretch
    /// has ended by `tanggal`.
    fn periksa_evaluasi(&self, periode: &Periode, tanggal: Tanggal, evaluasi: PeriodeEvaluasi) -> Result<(), SkpError> {
        if periode.id() != &self.periode {
            return Err(SkpError::WrongPeriode { periode: periode.id().clone() });
        }
        let Some(akhir) = periode.akhir_evaluasi(evaluasi).filter(|_| periode.memuat(evaluasi)) else {
            return Err(SkpError::UnknownEvaluasi { evaluasi });
        };
        if !periode.sudah_berakhir(evaluasi, tanggal) {
            return Err(SkpError::EvaluationNotOver { evaluasi, akhir });
        }
        Ok(())
    }

    /// The pejabat penilai records, or corrects, an evaluation of a former
    /// rule set's period (PermenPANRB 8/2021, PP 46/2011: numbers and a
    /// sebutan, no kuadran, no distribution pattern, no evaluation
    /// document): ditetapkan | dinilai → dinilai (periodic) or
    /// dinilai_tahunan (annual); a recorded one may be corrected until the
    /// SKP is final. The period must be of the rating's rule set.
    pub fn record_evaluation_lama(
        &mut self,
        oleh: Peran,
        tanggal: Tanggal,
        periode: &Periode,
        penilaian: PenilaianLama,
    ) -> Result<(), SkpError> {
        let aksi = AksiSkp::RecordEvaluation;
        Skp::peran(oleh, aksi, &[Peran::PejabatPenilai])?;
        if penilaian.rule_set() != periode.rule_set() {
            return Err(SkpError::WrongRuleSet { rule_set: periode.rule_set() });
        }
        let evaluasi = penilaian.evaluasi();
        self.periksa_evaluasi(periode, tanggal, evaluasi)?;
        if let Some(lama) = self.penilaian_lama.iter_mut().find(|p| p.evaluasi() == evaluasi) {
            if !matches!(self.status, StatusSkp::Dinilai | StatusSkp::DinilaiTahunan) {
                return Err(SkpError::InvalidTransition { aksi, status: self.status });
            }
            *lama = penilaian;
            self.catat(aksi, oleh, self.status, tanggal, None);
            return Ok(());
        }
        self.status_harus(aksi, &[StatusSkp::Ditetapkan, StatusSkp::Dinilai])?;
        let ke = match evaluasi {
            PeriodeEvaluasi::Periodik { .. } => StatusSkp::Dinilai,
            PeriodeEvaluasi::Tahunan => StatusSkp::DinilaiTahunan,
        };
        self.penilaian_lama.push(penilaian);
        self.catat(aksi, oleh, ke, tanggal, None);
        Ok(())
    }

    /// Replaces a recorded evaluation after an objection decided as
    /// *mengubah* (the atasan pejabat penilai decides; status unchanged).
    pub fn replace_evaluation(
        &mut self,
        oleh: Peran,
        tanggal: Tanggal,
        periode: &Periode,
        penilaian: Penilaian,
    ) -> Result<(), SkpError> {
        let aksi = AksiSkp::ReplaceEvaluation;
        self.status_harus(aksi, &[StatusSkp::Dinilai, StatusSkp::DinilaiTahunan, StatusSkp::Revisi])?;
        Skp::peran(oleh, aksi, &[Peran::AtasanPejabatPenilai])?;
        self.periksa_penilaian(periode, tanggal, &penilaian)?;
        let evaluasi = penilaian.evaluasi();
        let Some(lama) = self.penilaian.iter_mut().find(|p| p.evaluasi() == evaluasi) else {
            return Err(SkpError::NotEvaluated { evaluasi });
        };
        *lama = penilaian;
        self.catat(aksi, oleh, self.status, tanggal, None);
        Ok(())
    }

    /// Closes the SKP once the annual evaluation document is settled
    /// (dinilai_tahunan → final).
    pub fn finalize(&mut self, oleh: Peran, tanggal: Tanggal) -> Result<(), SkpError> {
        let aksi = AksiSkp::Finalize;
        self.status_harus(aksi, &[StatusSkp::DinilaiTahunan])?;
        Skp::peran(oleh, aksi, &[Peran::PejabatPenilai, Peran::AtasanPejabatPenilai])?;
        self.catat(aksi, oleh, StatusSkp::Final, tanggal, None);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
