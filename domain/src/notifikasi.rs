//! Being told: what happened that a person must know, and who is told of
//! what. The server keeps one row per person told (the in-app bell) and
//! sends the same by e-mail where configured; the texts are here, once, in
//! both languages.
//!
//! Who is told of what is one table, [`ATURAN`]: a later stage (feedback
//! requests, evaluations, objections) adds its events and rows there, not a
//! new code path.

use serde::{Deserialize, Serialize};

use crate::skp::AksiSkp;
use crate::skp::dokumen::AksiDokumen;
use crate::teks::Teks;

/// Something that happened which someone must know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Peristiwa {
    /// The pegawai submitted the plan: the penilai reviews it.
    SkpDiajukan,
    /// The penilai returned the plan with notes.
    SkpDikembalikan,
    /// The penilai approved (set) the plan.
    SkpDisetujui,
    /// A set plan was opened for revision.
    SkpDirevisi,
    /// The penilai reminds a subordinate who has not submitted a plan yet.
    Pengingat,
    /// The deadline to set the SKP is near or past, and the plan is not set.
    TenggatSkp,
    /// The pegawai asks their penilai for feedback on a set plan.
    UmpanBalikDiminta,
    /// A pimpinan gave the pegawai feedback (a new sheet, RULES.md §3.3).
    UmpanBalikDiberikan,
    /// The pegawai proposed a 360 rater: the penilai confirms or removes.
    #[serde(rename = "usulan_penilai_360")]
    UsulanPenilai360,
    /// Someone is asked to give 360 feedback (confirmed or set by the penilai).
    #[serde(rename = "permintaan_360")]
    Permintaan360,
    /// The signed evaluation document reached the pegawai: sign it, or object.
    DokumenEvaluasiDiterima,
    /// The pegawai signed the evaluation document.
    DokumenEvaluasiDitandatangani,
    /// The atasan pejabat penilai evaluated in the penilai's place (final).
    EvaluasiDiambilAlih,
    /// The pegawai objected to the evaluation: the atasan decides, the
    /// penilai may be asked for an explanation.
    KeberatanDiajukan,
    /// The penilai replied to the objection: the atasan reads both sides.
    KeberatanDitanggapi,
    /// The atasan decided the objection.
    KeberatanDiputus,
    /// The penilai recorded (or corrected) the numeric evaluation of a
    /// former rule set's period (PermenPANRB 8/2021, PP 46/2011): the
    /// pegawai reads it under "Penilaian saya" (`/evaluasi`).
    PenilaianLamaDiberikan,
}

/// Who, seen from the SKP the event is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Penerima {
    Pegawai,
    PejabatPenilai,
    /// The colleague asked to give 360 feedback on the pegawai.
    Penilai360,
    /// The atasan pejabat penilai of the SKP (decides objections).
    AtasanPejabatPenilai,
}

/// The events about their sender, who is the reader's subordinate: the
/// notification leads to that person (a 360 proposal: to the ratee's
/// raters, `/unit/360/{pegawai}`). Never an event sent by a rater.
pub const TENTANG_PENGIRIM: &[Peristiwa] = &[Peristiwa::UsulanPenilai360];

/// Who is told of what.
pub const ATURAN: &[(Peristiwa, Penerima)] = &[
    (Peristiwa::SkpDiajukan, Penerima::PejabatPenilai),
    (Peristiwa::SkpDikembalikan, Penerima::Pegawai),
    (Peristiwa::SkpDisetujui, Penerima::Pegawai),
    (Peristiwa::SkpDirevisi, Penerima::Pegawai),
    (Peristiwa::Pengingat, Penerima::Pegawai),
    (Peristiwa::TenggatSkp, Penerima::Pegawai),
    (Peristiwa::UmpanBalikDiminta, Penerima::PejabatPenilai),
    (Peristiwa::UmpanBalikDiberikan, Penerima::Pegawai),
    (Peristiwa::UsulanPenilai360, Penerima::PejabatPenilai),
    (Peristiwa::Permintaan360, Penerima::Penilai360),
    (Peristiwa::DokumenEvaluasiDiterima, Penerima::Pegawai),
    (Peristiwa::DokumenEvaluasiDitandatangani, Penerima::PejabatPenilai),
    (Peristiwa::EvaluasiDiambilAlih, Penerima::Pegawai),
    (Peristiwa::EvaluasiDiambilAlih, Penerima::PejabatPenilai),
    (Peristiwa::KeberatanDiajukan, Penerima::AtasanPejabatPenilai),
    (Peristiwa::KeberatanDiajukan, Penerima::PejabatPenilai),
    (Peristiwa::KeberatanDitanggapi, Penerima::AtasanPejabatPenilai),
    (Peristiwa::KeberatanDiputus, Penerima::Pegawai),
    (Peristiwa::KeberatanDiputus, Penerima::PejabatPenilai),
    (Peristiwa::PenilaianLamaDiberikan, Penerima::Pegawai),
];

impl Peristiwa {
    pub const ALL: [Peristiwa; 17] = [
        Peristiwa::SkpDiajukan,
        Peristiwa::SkpDikembalikan,
        Peristiwa::SkpDisetujui,
        Peristiwa::SkpDirevisi,
        Peristiwa::Pengingat,
        Peristiwa::TenggatSkp,
        Peristiwa::UmpanBalikDiminta,
        Peristiwa::UmpanBalikDiberikan,
        Peristiwa::UsulanPenilai360,
        Peristiwa::Permintaan360,
        Peristiwa::DokumenEvaluasiDiterima,
        Peristiwa::DokumenEvaluasiDitandatangani,
        Peristiwa::EvaluasiDiambilAlih,
        Peristiwa::KeberatanDiajukan,
        Peristiwa::KeberatanDitanggapi,
        Peristiwa::KeberatanDiputus,
        Peristiwa::PenilaianLamaDiberikan,
    ];

    pub fn kode(self) -> &'static str {
        match self {
            Peristiwa::SkpDiajukan => "skp_diajukan",
            Peristiwa::SkpDikembalikan => "skp_dikembalikan",
            Peristiwa::SkpDisetujui => "skp_disetujui",
            Peristiwa::SkpDirevisi => "skp_direvisi",
            Peristiwa::Pengingat => "pengingat",
            Peristiwa::TenggatSkp => "tenggat_skp",
            Peristiwa::UmpanBalikDiminta => "umpan_balik_diminta",
            Peristiwa::UmpanBalikDiberikan => "umpan_balik_diberikan",
            Peristiwa::UsulanPenilai360 => "usulan_penilai_360",
            Peristiwa::Permintaan360 => "permintaan_360",
            Peristiwa::DokumenEvaluasiDiterima => "dokumen_evaluasi_diterima",
            Peristiwa::DokumenEvaluasiDitandatangani => "dokumen_evaluasi_ditandatangani",
            Peristiwa::EvaluasiDiambilAlih => "evaluasi_diambil_alih",
            Peristiwa::KeberatanDiajukan => "keberatan_diajukan",
            Peristiwa::KeberatanDitanggapi => "keberatan_ditanggapi",
            Peristiwa::KeberatanDiputus => "keberatan_diputus",
            Peristiwa::PenilaianLamaDiberikan => "penilaian_lama_diberikan",
        }
    }

    pub fn dari_kode(kode: &str) -> Option<Peristiwa> {
        Self::ALL.into_iter().find(|p| p.kode() == kode)
    }

    /// The event a workflow step of an SKP is, if anyone is told of it.
    pub fn dari_aksi(aksi: AksiSkp) -> Option<Peristiwa> {
        match aksi {
            AksiSkp::Submit => Some(Peristiwa::SkpDiajukan),
            AksiSkp::Return => Some(Peristiwa::SkpDikembalikan),
            AksiSkp::Approve => Some(Peristiwa::SkpDisetujui),
            AksiSkp::Revise => Some(Peristiwa::SkpDirevisi),
            _ => None,
        }
    }

    /// The event a step of an evaluation document is, if anyone is told of it
    /// (a signature by the penilai is told when the document is delivered).
    pub fn dari_aksi_dokumen(aksi: AksiDokumen) -> Option<Peristiwa> {
        match aksi {
            AksiDokumen::Deliver => Some(Peristiwa::DokumenEvaluasiDiterima),
            AksiDokumen::SignByPegawai => Some(Peristiwa::DokumenEvaluasiDitandatangani),
            AksiDokumen::TakeOver => Some(Peristiwa::EvaluasiDiambilAlih),
            AksiDokumen::FileKeberatan => Some(Peristiwa::KeberatanDiajukan),
            AksiDokumen::ReplyKeberatan => Some(Peristiwa::KeberatanDitanggapi),
            AksiDokumen::DecideKeberatan => Some(Peristiwa::KeberatanDiputus),
            AksiDokumen::SignByPenilai | AksiDokumen::Report => None,
        }
    }

    /// Who is told of it ([`ATURAN`]).
    pub fn penerima(self) -> impl Iterator<Item = Penerima> {
        ATURAN.iter().filter(move |(p, _)| *p == self).map(|(_, r)| *r)
    }

    /// Whether it is about the one who sent it ([`TENTANG_PENGIRIM`]).
    pub fn tentang_pengirim(self) -> bool {
        TENTANG_PENGIRIM.contains(&self)
    }

    /// A short title: the subject of the e-mail sent for it.
    pub fn judul(self) -> Teks {
        match self {
            Peristiwa::SkpDiajukan => Teks::new("SKP diajukan untuk ditinjau", "SKP submitted for review"),
            Peristiwa::SkpDikembalikan => Teks::new("SKP dikembalikan", "SKP returned"),
            Peristiwa::SkpDisetujui => Teks::new("SKP disetujui", "SKP approved"),
            Peristiwa::SkpDirevisi => Teks::new("SKP dibuka untuk revisi", "SKP opened for revision"),
            Peristiwa::Pengingat => Teks::new("Pengingat menyusun SKP", "Reminder to draft your SKP"),
            Peristiwa::TenggatSkp => Teks::new("Batas penetapan SKP", "SKP deadline"),
            Peristiwa::UmpanBalikDiminta => Teks::new("Permintaan umpan balik", "Feedback requested"),
            Peristiwa::UmpanBalikDiberikan => Teks::new("Umpan balik baru", "New feedback"),
            Peristiwa::UsulanPenilai360 => Teks::new("Usulan penilai umpan balik 360", "360 rater proposed"),
            Peristiwa::Permintaan360 => Teks::new("Permintaan umpan balik 360", "Request for 360 feedback"),
            Peristiwa::DokumenEvaluasiDiterima => {
                Teks::new("Dokumen evaluasi kinerja", "Performance evaluation document")
            }
            Peristiwa::DokumenEvaluasiDitandatangani => {
                Teks::new("Dokumen evaluasi ditandatangani pegawai", "Evaluation document signed by the employee")
            }
            Peristiwa::EvaluasiDiambilAlih => {
                Teks::new("Evaluasi diambil alih atasan", "Evaluation taken over by the rater's superior")
            }
            Peristiwa::KeberatanDiajukan => Teks::new("Keberatan atas evaluasi kinerja", "Objection to an evaluation"),
            Peristiwa::KeberatanDitanggapi => {
                Teks::new("Tanggapan pejabat penilai atas keberatan", "The rater's reply to an objection")
            }
            Peristiwa::KeberatanDiputus => Teks::new("Keputusan atas keberatan", "Decision on an objection"),
            Peristiwa::PenilaianLamaDiberikan => Teks::new("Nilai evaluasi kinerja", "Performance evaluation score"),
        }
    }

    /// What the person reads: `dari` is who did it (a name), `tahun` the
    /// SKP's year.
    pub fn teks(self, dari: &str, tahun: i64) -> Teks {
        match self {
            Peristiwa::SkpDiajukan => Teks::new(
                format!("{dari} mengajukan SKP {tahun} untuk Anda tinjau."),
                format!("{dari} submitted their {tahun} SKP for your review."),
            ),
            Peristiwa::SkpDikembalikan => Teks::new(
                format!("SKP {tahun} Anda dikembalikan oleh {dari} dengan catatan."),
                format!("{dari} returned your {tahun} SKP with notes."),
            ),
            Peristiwa::SkpDisetujui => Teks::new(
                format!("SKP {tahun} Anda disetujui oleh {dari}."),
                format!("{dari} approved your {tahun} SKP."),
            ),
            Peristiwa::SkpDirevisi => Teks::new(
                format!("SKP {tahun} Anda dibuka untuk revisi oleh {dari}."),
                format!("{dari} opened your {tahun} SKP for revision."),
            ),
            Peristiwa::Pengingat => Teks::new(
                format!("{dari} mengingatkan Anda untuk menyusun dan mengajukan SKP {tahun}."),
                format!("{dari} reminds you to draft and submit your {tahun} SKP."),
            ),
            Peristiwa::TenggatSkp => Teks::new(
                format!("Batas penetapan SKP {tahun} sudah dekat; SKP Anda belum ditetapkan."),
                format!("The deadline to set your {tahun} SKP is near; it is not set yet."),
            ),
            Peristiwa::UmpanBalikDiminta => Teks::new(
                format!("{dari} meminta umpan balik Anda atas kinerjanya (SKP {tahun})."),
                format!("{dari} asks for your feedback on their performance ({tahun} SKP)."),
            ),
            Peristiwa::UmpanBalikDiberikan => Teks::new(
                format!("{dari} memberi Anda umpan balik atas SKP {tahun}."),
                format!("{dari} gave you feedback on your {tahun} SKP."),
            ),
            Peristiwa::UsulanPenilai360 => Teks::new(
                format!(
                    "{dari} mengusulkan penilai umpan balik 360 periode {tahun}; konfirmasi atau hapus usulan itu."
                ),
                format!("{dari} proposed a 360 rater for {tahun}; confirm or remove the proposal."),
            ),
            Peristiwa::Permintaan360 => Teks::new(
                format!(
                    "{dari} meminta Anda memberi umpan balik 360 (BerAKHLAK) periode {tahun}; lihat permintaan Anda."
                ),
                format!("{dari} asks you to give 360 feedback (BerAKHLAK) for {tahun}; see your requests."),
            ),
            Peristiwa::DokumenEvaluasiDiterima => Teks::new(
                format!(
                    "{dari} menyampaikan dokumen evaluasi kinerja {tahun} Anda; tanda tangani, atau ajukan keberatan \
                     dalam 14 hari kerja."
                ),
                format!("{dari} sent you your {tahun} evaluation document; sign it, or object within 14 working days."),
            ),
            Peristiwa::DokumenEvaluasiDitandatangani => Teks::new(
                format!("{dari} menandatangani dokumen evaluasi kinerja {tahun}."),
                format!("{dari} signed their {tahun} evaluation document."),
            ),
            Peristiwa::EvaluasiDiambilAlih => Teks::new(
                format!("{dari} mengambil alih evaluasi kinerja {tahun}; hasilnya final."),
                format!("{dari} took over the {tahun} evaluation; the result is final."),
            ),
            Peristiwa::KeberatanDiajukan => Teks::new(
                format!("{dari} mengajukan keberatan atas evaluasi kinerja {tahun}."),
                format!("{dari} objected to their {tahun} evaluation."),
            ),
            Peristiwa::KeberatanDitanggapi => Teks::new(
                format!("{dari} menanggapi keberatan atas evaluasi kinerja {tahun}; keberatan siap diputus."),
                format!("{dari} replied to the objection to the {tahun} evaluation; it is ready to decide."),
            ),
            Peristiwa::KeberatanDiputus => Teks::new(
                format!("{dari} memutus keberatan atas evaluasi kinerja {tahun}."),
                format!("{dari} decided the objection to the {tahun} evaluation."),
            ),
            Peristiwa::PenilaianLamaDiberikan => Teks::new(
                format!(
                    "{dari} mencatat nilai evaluasi kinerja {tahun} Anda; lihat nilai dan penjelasannya di Penilaian \
                     saya."
                ),
                format!(
                    "{dari} recorded the score of your {tahun} evaluation; see it and how it was reached under My evaluation."
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_is_told_to_someone_and_its_code_reads_back() {
        for p in Peristiwa::ALL {
            assert!(p.penerima().count() > 0, "{p:?} tells nobody");
            assert_eq!(Peristiwa::dari_kode(p.kode()), Some(p));
            assert_eq!(serde_json::to_value(p).unwrap(), serde_json::json!(p.kode()), "the wire name is the code");
            let t = p.teks("Siti", 2026);
            assert!(t.dalam("id").contains("2026") && t.dalam("en").contains("2026"), "{p:?}");
            let j = p.judul();
            assert!(!j.id.is_empty() && !j.en.is_empty() && j.id != j.en, "{p:?}");
        }
        assert_eq!(Peristiwa::dari_kode("lain"), None);
    }

    #[test]
    fn each_workflow_step_tells_the_other_side() {
        let siapa = |a| Peristiwa::dari_aksi(a).map(|p| p.penerima().collect::<Vec<_>>());
        assert_eq!(siapa(AksiSkp::Submit), Some(vec![Penerima::PejabatPenilai]));
        assert_eq!(siapa(AksiSkp::Return), Some(vec![Penerima::Pegawai]));
        assert_eq!(siapa(AksiSkp::Approve), Some(vec![Penerima::Pegawai]));
        assert_eq!(siapa(AksiSkp::Update), None, "a save tells nobody");
    }

    #[test]
    fn a_numeric_rating_is_told_to_the_rated_pegawai_alone() {
        let p = Peristiwa::PenilaianLamaDiberikan;
        assert_eq!(p.penerima().collect::<Vec<_>>(), [Penerima::Pegawai]);
        assert!(!p.tentang_pengirim(), "carries the SKP, sent by the rater");
        assert!(p.teks("Siti", 2020).dalam("id").starts_with("Siti mencatat nilai evaluasi kinerja 2020 Anda"));
    }

    #[test]
    fn only_an_event_sent_by_the_readers_subordinate_leads_to_its_sender() {
        // Its sender must be the one the reader stands over: told to the
        // pejabat penilai, never to a 360 rater (nor sent by one).
        for p in TENTANG_PENGIRIM {
            assert_eq!(p.penerima().collect::<Vec<_>>(), [Penerima::PejabatPenilai], "{p:?}");
        }
        assert!(Peristiwa::UsulanPenilai360.tentang_pengirim());
        assert!(!Peristiwa::Permintaan360.tentang_pengirim(), "sent by the penilai to a rater");
        assert!(!Peristiwa::SkpDiajukan.tentang_pengirim(), "carries its SKP");
    }
}
