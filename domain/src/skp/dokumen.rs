//! The evaluation document (*Dokumen Evaluasi Kinerja Pegawai*, Formats
//! D.1.1–D.1.3) and its deadlines in working days (Lampiran Bab V; RULES.md §3.4):
//!
//! ```text
//! dibuat ─sign_by_penilai─► ditandatangani_penilai ─deliver─► diterima_pegawai ─sign_by_pegawai─► ditandatangani_pegawai ─report─► dilaporkan
//!   │  (≤ 14 hk after the period)                                 │   (≤ 14 hk after receipt)         │
//!   └─take_over (atasan, after that deadline)─► diambil_alih ─deliver─┘                                 │
//!                                     file_keberatan (≤ 14 hk after receipt) ◄───────────────────────────┘
//!                                     keberatan ─decide_keberatan (menguatkan | mengubah)─► diputus ─report─► dilaporkan
//!                                     (the penilai may reply_keberatan meanwhile: the atasan hears both sides)
//! ```
//!
//! A take-over result is final: no objection (RULES.md §3.1).

use serde::{Deserialize, Serialize};

use crate::error::id_type;
use crate::kalender::Kalender;
use crate::periode::PeriodeEvaluasi;
use crate::skp::penilaian::Penilaian;
use crate::skp::{Peran, SkpId};
use crate::tanggal::Tanggal;
use crate::teks::Teks;

id_type!(
    /// The id of an evaluation document, passed in.
    DokumenEvaluasiId
);

/// Working-day deadlines of Lampiran Bab V.
pub mod batas {
    /// The pejabat penilai evaluates and signs within this many working days after the period.
    pub const PENILAI_MENANDATANGANI: u32 = 14;
    /// The signed document reaches the pegawai within this many working days of signing.
    pub const PENYAMPAIAN: u32 = 14;
    /// The pegawai signs and returns it within this many working days of receipt.
    pub const PEGAWAI_MENANDATANGANI: u32 = 14;
    /// On the take-over path: delivery within 7 working days of the atasan's signature.
    pub const PENYAMPAIAN_ATASAN: u32 = 7;
    /// On the take-over path: the pegawai signs within 7 working days of receipt.
    pub const PEGAWAI_MENANDATANGANI_ATASAN: u32 = 7;
    /// An objection is filed within this many working days of receipt.
    pub const KEBERATAN: u32 = 14;
    /// The atasan decides an objection within this many working days.
    pub const KEPUTUSAN_KEBERATAN: u32 = 7;
    /// The document reaches the PyB within this many working days after the period.
    pub const PELAPORAN: u32 = 30;
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusDokumen {
    #[default]
    Dibuat,
    DitandatanganiPenilai,
    DiambilAlih,
    DiterimaPegawai,
    DitandatanganiPegawai,
    Keberatan,
    Diputus,
    Dilaporkan,
}

impl std::fmt::Display for StatusDokumen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StatusDokumen::Dibuat => "dibuat",
            StatusDokumen::DitandatanganiPenilai => "ditandatangani_penilai",
            StatusDokumen::DiambilAlih => "diambil_alih",
            StatusDokumen::DiterimaPegawai => "diterima_pegawai",
            StatusDokumen::DitandatanganiPegawai => "ditandatangani_pegawai",
            StatusDokumen::Keberatan => "keberatan",
            StatusDokumen::Diputus => "diputus",
            StatusDokumen::Dilaporkan => "dilaporkan",
        })
    }
}

/// The actions on a document, named as in the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AksiDokumen {
    SignByPenilai,
    TakeOver,
    Deliver,
    SignByPegawai,
    FileKeberatan,
    ReplyKeberatan,
    DecideKeberatan,
    Report,
}

impl std::fmt::Display for AksiDokumen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AksiDokumen::SignByPenilai => "sign_by_penilai",
            AksiDokumen::TakeOver => "take_over",
            AksiDokumen::Deliver => "deliver",
            AksiDokumen::SignByPegawai => "sign_by_pegawai",
            AksiDokumen::FileKeberatan => "file_keberatan",
            AksiDokumen::ReplyKeberatan => "reply_keberatan",
            AksiDokumen::DecideKeberatan => "decide_keberatan",
            AksiDokumen::Report => "report",
        })
    }
}

/// The atasan's decision on an objection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "keputusan", rename_all = "snake_case")]
pub enum KeputusanKeberatan {
    /// The evaluation stands.
    Menguatkan,
    /// The evaluation is replaced by the atasan's.
    Mengubah { penilaian: Box<Penilaian> },
}

/// An objection and, once decided, its decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keberatan {
    pub diajukan_pada: Tanggal,
    pub alasan: String,
    /// The pejabat penilai's reply, which the atasan reads beside the objection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tanggapan_penilai: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ditanggapi_pada: Option<Tanggal>,
    pub diputus_pada: Option<Tanggal>,
    pub menguatkan: Option<bool>,
    pub pertimbangan: Option<String>,
}

/// Why a document action was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DokumenError {
    #[error("cannot {aksi} a document that is {status}")]
    InvalidTransition { aksi: AksiDokumen, status: StatusDokumen },
    #[error("a {peran} may not {aksi} this document")]
    NotAllowed { peran: Peran, aksi: AksiDokumen },
    #[error("the pejabat penilai's deadline {batas} has passed; the atasan takes over")]
    DeadlinePassed { batas: Tanggal },
    #[error("the pejabat penilai still has until {batas}")]
    NotYetOverdue { batas: Tanggal },
    #[error("the objection deadline {batas} has passed")]
    ObjectionTooLate { batas: Tanggal },
    #[error("a take-over evaluation is final and cannot be objected to")]
    ObjectionNotAllowed,
    #[error("the pegawai still has until {batas} to sign")]
    AwaitingPegawai { batas: Tanggal },
    #[error("the pegawai may still object until {batas}")]
    ObjectionWindowOpen { batas: Tanggal },
    #[error("a reason is required")]
    ReasonRequired,
    #[error("the date {tanggal} is before the previous step ({sebelumnya})")]
    DateBeforePreviousStep { tanggal: Tanggal, sebelumnya: Tanggal },
    #[error("the new evaluation is for {diberikan}, the document for {dokumen}")]
    WrongEvaluasi { dokumen: PeriodeEvaluasi, diberikan: PeriodeEvaluasi },
}

impl DokumenError {
    pub fn kode(&self) -> &'static str {
        match self {
            DokumenError::InvalidTransition { .. } => "invalid_transition",
            DokumenError::NotAllowed { .. } => "not_allowed",
            DokumenError::DeadlinePassed { .. } => "deadline_passed",
            DokumenError::NotYetOverdue { .. } => "not_yet_overdue",
            DokumenError::ObjectionTooLate { .. } => "objection_too_late",
            DokumenError::ObjectionNotAllowed => "objection_not_allowed",
            DokumenError::AwaitingPegawai { .. } => "awaiting_pegawai",
            DokumenError::ObjectionWindowOpen { .. } => "objection_window_open",
            DokumenError::ReasonRequired => "reason_required",
            DokumenError::DateBeforePreviousStep { .. } => "date_before_previous_step",
            DokumenError::WrongEvaluasi { .. } => "wrong_evaluasi",
        }
    }

    pub fn pesan(&self) -> Teks {
        match self {
            DokumenError::InvalidTransition { aksi, status } => Teks::new(
                format!("Tindakan {aksi} tidak dapat dilakukan pada dokumen berstatus {status}."),
                format!("Cannot {aksi} a document that is {status}."),
            ),
            DokumenError::NotAllowed { peran, aksi } => Teks::new(
                format!("Peran {peran} tidak berwenang melakukan {aksi}."),
                format!("The role {peran} may not {aksi}."),
            ),
            DokumenError::DeadlinePassed { batas } => Teks::new(
                format!("Batas waktu pejabat penilai ({batas}) telah lewat; penilaian diambil alih atasan."),
                format!("The rater's deadline ({batas}) has passed; the atasan takes over."),
            ),
            DokumenError::NotYetOverdue { batas } => Teks::new(
                format!("Pejabat penilai masih memiliki waktu sampai {batas}."),
                format!("The rater still has until {batas}."),
            ),
            DokumenError::ObjectionTooLate { batas } => Teks::new(
                format!("Batas waktu keberatan ({batas}) telah lewat."),
                format!("The objection deadline ({batas}) has passed."),
            ),
            DokumenError::ObjectionNotAllowed => Teks::new(
                "Penilaian oleh atasan pejabat penilai bersifat final; keberatan tidak dapat diajukan.",
                "An evaluation by the rater's superior is final; no objection can be filed.",
            ),
            DokumenError::AwaitingPegawai { batas } => Teks::new(
                format!("Pegawai masih memiliki waktu sampai {batas} untuk menandatangani."),
                format!("The employee still has until {batas} to sign."),
            ),
            DokumenError::ObjectionWindowOpen { batas } => Teks::new(
                format!("Pegawai masih dapat mengajukan keberatan sampai {batas}; dokumen dilaporkan sesudahnya."),
                format!("The employee may still object until {batas}; the document is reported after that."),
            ),
            DokumenError::ReasonRequired => Teks::new("Alasan wajib diisi.", "A reason is required."),
            DokumenError::DateBeforePreviousStep { tanggal, sebelumnya } => Teks::new(
                format!("Tanggal {tanggal} sebelum langkah sebelumnya ({sebelumnya})."),
                format!("The date {tanggal} is before the previous step ({sebelumnya})."),
            ),
            DokumenError::WrongEvaluasi { .. } => Teks::new(
                "Penilaian baru bukan untuk periode dokumen ini.",
                "The new evaluation is not for this document's period.",
            ),
        }
    }
}

/// The kinds of deadline a document has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisTenggat {
    PenandatangananPenilai,
    Penyampaian,
    PenandatangananPegawai,
    Keberatan,
    KeputusanKeberatan,
    Pelaporan,
}

/// One deadline and, if done, when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenggat {
    pub jenis: JenisTenggat,
    pub batas: Tanggal,
    pub selesai_pada: Option<Tanggal>,
}

impl Tenggat {
    /// Done after the deadline, or not done and `hari_ini` is past it.
    pub fn terlambat(&self, hari_ini: Tanggal) -> bool {
        self.selesai_pada.unwrap_or(hari_ini) > self.batas
    }
}

/// An evaluation document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DokumenEvaluasi {
    id: DokumenEvaluasiId,
    skp: SkpId,
    evaluasi: PeriodeEvaluasi,
    /// The last day of the evaluated period (deadlines count from here).
    akhir_periode: Tanggal,
    penilaian: Penilaian,
    /// The evaluation before an objection changed it.
    penilaian_awal: Option<Penilaian>,
    status: StatusDokumen,
    diambil_alih: bool,
    dibuat_pada: Tanggal,
    ditandatangani_pada: Option<Tanggal>,
    diterima_pada: Option<Tanggal>,
    ditandatangani_pegawai_pada: Option<Tanggal>,
    keberatan: Option<Keberatan>,
    dilaporkan_pada: Option<Tanggal>,
}

impl DokumenEvaluasi {
    pub fn new(
        id: DokumenEvaluasiId,
        skp: SkpId,
        akhir_periode: Tanggal,
        penilaian: Penilaian,
        dibuat_pada: Tanggal,
    ) -> Self {
        DokumenEvaluasi {
            id,
            skp,
            evaluasi: penilaian.evaluasi(),
            akhir_periode,
            penilaian,
            penilaian_awal: None,
            status: StatusDokumen::Dibuat,
            diambil_alih: false,
            dibuat_pada,
            ditandatangani_pada: None,
            diterima_pada: None,
            ditandatangani_pegawai_pada: None,
            keberatan: None,
            dilaporkan_pada: None,
        }
    }

    pub fn id(&self) -> &DokumenEvaluasiId {
        &self.id
    }
    pub fn skp(&self) -> &SkpId {
        &self.skp
    }
    pub fn evaluasi(&self) -> PeriodeEvaluasi {
        self.evaluasi
    }
    pub fn akhir_periode(&self) -> Tanggal {
        self.akhir_periode
    }
    pub fn penilaian(&self) -> &Penilaian {
        &self.penilaian
    }
    pub fn penilaian_awal(&self) -> Option<&Penilaian> {
        self.penilaian_awal.as_ref()
    }
    pub fn status(&self) -> StatusDokumen {
        self.status
    }
    /// Signed by the atasan pejabat penilai after a take-over (Format D.1.2).
    pub fn diambil_alih(&self) -> bool {
        self.diambil_alih
    }
    pub fn keberatan(&self) -> Option<&Keberatan> {
        self.keberatan.as_ref()
    }
    pub fn dibuat_pada(&self) -> Tanggal {
        self.dibuat_pada
    }
    pub fn ditandatangani_pada(&self) -> Option<Tanggal> {
        self.ditandatangani_pada
    }
    pub fn diterima_pada(&self) -> Option<Tanggal> {
        self.diterima_pada
    }
    pub fn ditandatangani_pegawai_pada(&self) -> Option<Tanggal> {
        self.ditandatangani_pegawai_pada
    }
    pub fn dilaporkan_pada(&self) -> Option<Tanggal> {
        self.dilaporkan_pada
    }

    /// The last day the pejabat penilai may sign; after it the atasan takes over.
    pub fn batas_penilai(&self, kalender: &Kalender) -> Tanggal {
        kalender.tambah_hari_kerja(self.akhir_periode, batas::PENILAI_MENANDATANGANI)
    }

    /// The last day to file an objection, once received.
    pub fn batas_keberatan(&self, kalender: &Kalender) -> Option<Tanggal> {
        self.diterima_pada.map(|t| kalender.tambah_hari_kerja(t, batas::KEBERATAN))
    }

    /// The last day for the pegawai to sign, once received.
    pub fn batas_tanda_tangan_pegawai(&self, kalender: &Kalender) -> Option<Tanggal> {
        let n = if self.diambil_alih { batas::PEGAWAI_MENANDATANGANI_ATASAN } else { batas::PEGAWAI_MENANDATANGANI };
        self.diterima_pada.map(|t| kalender.tambah_hari_kerja(t, n))
    }

    /// Every deadline that applies so far, with when it was met.
    pub fn tenggat(&self, kalender: &Kalender) -> Vec<Tenggat> {
        let keberatan = self.keberatan.as_ref();
        [
            // The atasan who took over had no deadline of the penilai's.
            (JenisTenggat::PenandatangananPenilai, !self.diambil_alih, self.ditandatangani_pada),
            (JenisTenggat::Penyampaian, true, self.diterima_pada),
            (JenisTenggat::PenandatangananPegawai, true, self.ditandatangani_pegawai_pada),
            // Shown once used: the window itself is the pegawai's choice.
            (JenisTenggat::Keberatan, keberatan.is_some(), keberatan.map(|k| k.diajukan_pada)),
            (JenisTenggat::KeputusanKeberatan, true, keberatan.and_then(|k| k.diputus_pada)),
            (JenisTenggat::Pelaporan, true, self.dilaporkan_pada),
        ]
        .into_iter()
        .filter(|(_, berlaku, _)| *berlaku)
        .filter_map(|(jenis, _, selesai_pada)| {
            Some(Tenggat { jenis, batas: self.batas(jenis, kalender)?, selesai_pada })
        })
        .collect()
    }

    fn status_harus(&self, aksi: AksiDokumen, boleh: &[StatusDokumen]) -> Result<(), DokumenError> {
        if boleh.contains(&self.status) {
            Ok(())
        } else {
            Err(DokumenError::InvalidTransition { aksi, status: self.status })
        }
    }

    fn peran(oleh: Peran, aksi: AksiDokumen, boleh: Peran) -> Result<(), DokumenError> {
        if oleh == boleh { Ok(()) } else { Err(DokumenError::NotAllowed { peran: oleh, aksi }) }
    }

    /// The date of the latest step so far.
    fn langkah_terakhir(&self) -> Tanggal {
        [
            Some(self.dibuat_pada),
            self.ditandatangani_pada,
            self.diterima_pada,
            self.ditandatangani_pegawai_pada,
            self.keberatan.as_ref().map(|k| k.diajukan_pada),
            self.keberatan.as_ref().and_then(|k| k.ditanggapi_pada),
            self.keberatan.as_ref().and_then(|k| k.diputus_pada),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(self.dibuat_pada)
    }

    /// The signer of the current path.
    fn penanda_tangan(&self) -> Peran {
        if self.diambil_alih { Peran::AtasanPejabatPenilai } else { Peran::PejabatPenilai }
    }

    /// The last day the signer may deliver, once signed: 14 working days
    /// after the penilai's signature, 7 after the atasan's (take-over).
    pub fn batas_penyampaian(&self, kalender: &Kalender) -> Option<Tanggal> {
        let n = if self.diambil_alih { batas::PENYAMPAIAN_ATASAN } else { batas::PENYAMPAIAN };
        self.ditandatangani_pada.map(|t| kalender.tambah_hari_kerja(t, n))
    }

    /// The last day for the atasan to decide a filed objection.
    pub fn batas_keputusan_keberatan(&self, kalender: &Kalender) -> Option<Tanggal> {
        self.keberatan.as_ref().map(|k| kalender.tambah_hari_kerja(k.diajukan_pada, batas::KEPUTUSAN_KEBERATAN))
    }

    /// The deadline of one kind, once it applies (`None` before: an
    /// objection's deadlines only once received or filed).
    pub fn batas(&self, jenis: JenisTenggat, kalender: &Kalender) -> Option<Tanggal> {
        match jenis {
            JenisTenggat::PenandatangananPenilai => Some(self.batas_penilai(kalender)),
            JenisTenggat::Penyampaian => self.batas_penyampaian(kalender),
            JenisTenggat::PenandatangananPegawai => self.batas_tanda_tangan_pegawai(kalender),
            JenisTenggat::Keberatan => self.batas_keberatan(kalender),
            JenisTenggat::KeputusanKeberatan => self.batas_keputusan_keberatan(kalender),
            JenisTenggat::Pelaporan => Some(kalender.tambah_hari_kerja(self.akhir_periode, batas::PELAPORAN)),
        }
    }

    /// The deadline a step is due by, as the queues show it beside the
    /// step (a take-over follows the penilai's missed deadline: to sign,
    /// or, signed, to deliver).
    pub fn tenggat_langkah(&self, aksi: AksiDokumen) -> JenisTenggat {
        match aksi {
            AksiDokumen::SignByPenilai => JenisTenggat::PenandatangananPenilai,
            AksiDokumen::TakeOver if self.status == StatusDokumen::Dibuat => JenisTenggat::PenandatangananPenilai,
            AksiDokumen::TakeOver | AksiDokumen::Deliver => JenisTenggat::Penyampaian,
            AksiDokumen::SignByPegawai => JenisTenggat::PenandatangananPegawai,
            AksiDokumen::FileKeberatan => JenisTenggat::Keberatan,
            AksiDokumen::ReplyKeberatan | AksiDokumen::DecideKeberatan => JenisTenggat::KeputusanKeberatan,
            AksiDokumen::Report => JenisTenggat::Pelaporan,
        }
    }

    /// Whether `oleh` may take `aksi` on `tanggal` as the document stands:
    /// the status, the role, the order of dates and the deadlines, in one
    /// place. Every transition asks it first, and so does every queue (a
    /// step is listed only when it can be taken now), so the two never
    /// disagree. What it does not check is the step's own input (a reason,
    /// the new evaluation).
    pub fn bisa(
        &self,
        aksi: AksiDokumen,
        oleh: Peran,
        tanggal: Tanggal,
        kalender: &Kalender,
    ) -> Result<(), DokumenError> {
        use StatusDokumen as S;
        let (status, peran): (&[StatusDokumen], Peran) = match aksi {
            AksiDokumen::SignByPenilai => (&[S::Dibuat], Peran::PejabatPenilai),
            // Also once signed but not delivered in time: the penilai is late either way.
            AksiDokumen::TakeOver => (&[S::Dibuat, S::DitandatanganiPenilai], Peran::AtasanPejabatPenilai),
            AksiDokumen::Deliver => (&[S::DitandatanganiPenilai, S::DiambilAlih], self.penanda_tangan()),
            AksiDokumen::SignByPegawai => (&[S::DiterimaPegawai], Peran::Pegawai),
            AksiDokumen::FileKeberatan => (&[S::DiterimaPegawai, S::DitandatanganiPegawai], Peran::Pegawai),
            AksiDokumen::ReplyKeberatan => (&[S::Keberatan], Peran::PejabatPenilai),
            AksiDokumen::DecideKeberatan => (&[S::Keberatan], Peran::AtasanPejabatPenilai),
            // The signer of the current path reports; after an objection, the atasan.
            AksiDokumen::Report => (
                &[S::DiterimaPegawai, S::DitandatanganiPegawai, S::Diputus],
                if self.status == S::Diputus { Peran::AtasanPejabatPenilai } else { self.penanda_tangan() },
            ),
        };
        self.status_harus(aksi, status)?;
        DokumenEvaluasi::peran(oleh, aksi, peran)?;
        if aksi == AksiDokumen::FileKeberatan && self.diambil_alih {
            return Err(DokumenError::ObjectionNotAllowed);
        }
        let sebelumnya = self.langkah_terakhir();
        if tanggal < sebelumnya {
            return Err(DokumenError::DateBeforePreviousStep { tanggal, sebelumnya });
        }
        let batas = |jenis| self.batas(jenis, kalender);
        match aksi {
            AksiDokumen::SignByPenilai => {
                let batas = self.batas_penilai(kalender);
                if tanggal > batas {
                    return Err(DokumenError::DeadlinePassed { batas });
                }
            }
            AksiDokumen::TakeOver => {
                if let Some(batas) = batas(self.tenggat_langkah(aksi))
                    && tanggal <= batas
                {
                    return Err(DokumenError::NotYetOverdue { batas });
                }
            }
            // The penilai delivers within 14 working days of signing; after
            // that the atasan takes over. The atasan's own late delivery is
            // marked overdue, never refused: nobody else could deliver.
            AksiDokumen::Deliver if !self.diambil_alih => {
                if let Some(batas) = batas(JenisTenggat::Penyampaian)
                    && tanggal > batas
                {
                    return Err(DokumenError::DeadlinePassed { batas });
                }
            }
            AksiDokumen::FileKeberatan => {
                if let Some(batas) = batas(JenisTenggat::Keberatan)
                    && tanggal > batas
                {
                    return Err(DokumenError::ObjectionTooLate { batas });
                }
            }
            AksiDokumen::Report if self.status == S::DiterimaPegawai => {
                if let Some(batas) = batas(JenisTenggat::PenandatangananPegawai)
                    && tanggal <= batas
                {
                    return Err(DokumenError::AwaitingPegawai { batas });
                }
            }
            // Signing does not give up the right to object: a report at once would take it away.
            AksiDokumen::Report if self.status == S::DitandatanganiPegawai && !self.diambil_alih => {
                if let Some(batas) = batas(JenisTenggat::Keberatan)
                    && tanggal <= batas
                {
                    return Err(DokumenError::ObjectionWindowOpen { batas });
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The pejabat penilai signs, within 14 working days after the period.
    pub fn sign_by_penilai(&mut self, oleh: Peran, tanggal: Tanggal, kalender: &Kalender) -> Result<(), DokumenError> {
        self.bisa(AksiDokumen::SignByPenilai, oleh, tanggal, kalender)?;
        self.ditandatangani_pada = Some(tanggal);
        self.status = StatusDokumen::DitandatanganiPenilai;
        Ok(())
    }

    /// The atasan pejabat penilai evaluates and signs in the penilai's place
    /// once the penilai's deadline has passed (to sign, or, signed, to
    /// deliver). The result is final.
    pub fn take_over(
        &mut self,
        oleh: Peran,
        tanggal: Tanggal,
        kalender: &Kalender,
        penilaian: Penilaian,
    ) -> Result<(), DokumenError> {
        self.bisa(AksiDokumen::TakeOver, oleh, tanggal, kalender)?;
        self.evaluasi_sama(&penilaian)?;
        self.penilaian = penilaian;
        self.diambil_alih = true;
        self.ditandatangani_pada = Some(tanggal);
        self.status = StatusDokumen::DiambilAlih;
        Ok(())
    }

    fn evaluasi_sama(&self, penilaian: &Penilaian) -> Result<(), DokumenError> {
        if penilaian.evaluasi() == self.evaluasi {
            Ok(())
        } else {
            Err(DokumenError::WrongEvaluasi { dokumen: self.evaluasi, diberikan: penilaian.evaluasi() })
        }
    }

    /// The signer delivers the document; `tanggal` is the day the pegawai
    /// receives it. The penilai within 14 working days of signing.
    pub fn deliver(&mut self, oleh: Peran, tanggal: Tanggal, kalender: &Kalender) -> Result<(), DokumenError> {
        self.bisa(AksiDokumen::Deliver, oleh, tanggal, kalender)?;
        self.diterima_pada = Some(tanggal);
        self.status = StatusDokumen::DiterimaPegawai;
        Ok(())
    }

    /// The pegawai signs and returns the document. Signing acknowledges
    /// receipt; an objection may still follow within its deadline.
    pub fn sign_by_pegawai(&mut self, oleh: Peran, tanggal: Tanggal, kalender: &Kalender) -> Result<(), DokumenError> {
        self.bisa(AksiDokumen::SignByPegawai, oleh, tanggal, kalender)?;
        self.ditandatangani_pegawai_pada = Some(tanggal);
        self.status = StatusDokumen::DitandatanganiPegawai;
        Ok(())
    }

    /// The pegawai objects to the atasan pejabat penilai, with reasons, within
    /// 14 working days of receipt.
    pub fn file_keberatan(
        &mut self,
        oleh: Peran,
        tanggal: Tanggal,
        kalender: &Kalender,
        alasan: &str,
    ) -> Result<(), DokumenError> {
        self.bisa(AksiDokumen::FileKeberatan, oleh, tanggal, kalender)?;
        let alasan = alasan.trim();
        if alasan.is_empty() {
            return Err(DokumenError::ReasonRequired);
        }
        self.keberatan = Some(Keberatan {
            diajukan_pada: tanggal,
            alasan: alasan.to_owned(),
            tanggapan_penilai: None,
            ditanggapi_pada: None,
            diputus_pada: None,
            menguatkan: None,
            pertimbangan: None,
        });
        self.status = StatusDokumen::Keberatan;
        Ok(())
    }

    /// The pejabat penilai replies to a pending objection (the atasan "asks
    /// both sides for explanations", RULES.md §3.4); a later reply replaces
    /// the earlier one. The status stays `keberatan`.
    pub fn reply_keberatan(
        &mut self,
        oleh: Peran,
        tanggal: Tanggal,
        kalender: &Kalender,
        tanggapan: &str,
    ) -> Result<(), DokumenError> {
        self.bisa(AksiDokumen::ReplyKeberatan, oleh, tanggal, kalender)?;
        let tanggapan = tanggapan.trim();
        if tanggapan.is_empty() {
            return Err(DokumenError::ReasonRequired);
        }
        if let Some(k) = &mut self.keberatan {
            k.tanggapan_penilai = Some(tanggapan.to_owned());
            k.ditanggapi_pada = Some(tanggal);
        }
        Ok(())
    }

    /// The atasan pejabat penilai decides the objection: upholds it or
    /// replaces the evaluation (Format D.1.3). The caller also applies a
    /// change to the SKP with [`crate::skp::Skp::replace_evaluation`].
    pub fn decide_keberatan(
        &mut self,
        oleh: Peran,
        tanggal: Tanggal,
        kalender: &Kalender,
        keputusan: KeputusanKeberatan,
        pertimbangan: &str,
    ) -> Result<(), DokumenError> {
        self.bisa(AksiDokumen::DecideKeberatan, oleh, tanggal, kalender)?;
        let pertimbangan = pertimbangan.trim();
        if pertimbangan.is_empty() {
            return Err(DokumenError::ReasonRequired);
        }
        let menguatkan = match keputusan {
            KeputusanKeberatan::Menguatkan => true,
            KeputusanKeberatan::Mengubah { penilaian } => {
                self.evaluasi_sama(&penilaian)?;
                self.penilaian_awal = Some(std::mem::replace(&mut self.penilaian, *penilaian));
                false
            }
        };
        if let Some(k) = &mut self.keberatan {
            k.diputus_pada = Some(tanggal);
            k.menguatkan = Some(menguatkan);
            k.pertimbangan = Some(pertimbangan.to_owned());
        }
        self.status = StatusDokumen::Diputus;
        Ok(())
    }

    /// Reports the document to the PyB: after the pegawai signed and their
    /// 14 working days to object passed, after an objection was decided, or
    /// once the pegawai's signing deadline passed unsigned ([`Self::bisa`]).
    pub fn report(&mut self, oleh: Peran, tanggal: Tanggal, kalender: &Kalender) -> Result<(), DokumenError> {
        self.bisa(AksiDokumen::Report, oleh, tanggal, kalender)?;
        self.dilaporkan_pada = Some(tanggal);
        self.status = StatusDokumen::Dilaporkan;
        Ok(())
    }
}
