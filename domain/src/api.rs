//! The wire types of `/api/v1`: what the server sends and the app reads,
//! defined once. Plain data, no rules. The admin instansi's types live in
//! [`org`] and [`impor`], re-exported here.

pub mod impor;
pub mod org;
pub mod penilaian;
pub mod realisasi;
pub mod sync;
pub mod umpan_balik;

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::periode::SiklusPeriodik;
use crate::rule_set::JenisRhk;
use crate::skp::{AksiSkp, Skp, SkpInput, SkpRencana, StatusSkp};
use crate::teks::Teks;

pub use impor::{ImportRejected, Kesalahan, Laporan, Perbaikan, Ringkasan, tulis_csv};
pub use org::{
    AktivasiDibuat, AtasanDiset, AtasanHalaman, AtasanItem, BuatPeriode, Halaman, KodeAktivasi, MintaAktivasi,
    PegawaiItem, PeriodeDibuat, RiwayatAtasan, Segmen, SetAtasan, StatusAkun, Tahun, UnitNode,
};
pub use penilaian::{
    AngkaKreditEvaluasi, AngkaKreditSkp, AntrianEvaluasi, BatasView, DistribusiUnit, DokumenEvaluasiView, Finalisasi,
    FinalisasiView, HariLiburInput, HariLiburView, LangkahDokumen, NilaiLamaRingkas, PegawaiDistribusi,
    PengaturanPenilaian, PenilaianDisimpan, PenilaianLamaDisimpan, PenilaianLamaSaya, PenilaianLamaTercatat,
    PenilaianSkp, PenilaianTercatat, PredikatOrganisasiView, RiwayatDokumenView, SetPengaturanPenilaian,
    SetPredikatOrganisasi, SimpanPenilaian, SimpanPenilaianLama, TambahHariLibur, TenggatView, TugasEvaluasi,
    UnitBawahan,
};
pub use realisasi::{
    BelumDidokumentasi, BuktiView, DokumentasiEvaluasi, IndikatorBelum, RealisasiSkp, RealisasiTersimpan,
    SimpanRealisasi, SubPeriodeBelum,
};
pub use umpan_balik::{
    AntrianUmpanBalik, AntrianUmpanBalikItem, CariCalon360, DaftarPenilai360, Hasil360, Jawaban360, JumlahKelompok,
    MintaUmpanBalik, Pengaturan360, Penilai360Item, SetPengaturan360, SimpanJawaban360, SimpanUmpanBalik,
    StatusPenilai360, TambahPenilai360, Tugas360, UmpanBalikView, VersiUmpanBalik,
};

/// `{ "code": "…", "message": { "id": "…", "en": "…" }, "fields": { "field": [{ "id": "…", "en": "…" }] } }`:
/// the only error shape. Every message is a [`Teks`], never one string the client splits.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// A stable machine code (`validation`, `stale_version`, `not_editable`, …).
    pub code: String,
    pub message: Teks,
    #[serde(default, skip_serializing_if = "FieldErrors::is_empty")]
    pub fields: FieldErrors,
    /// The current record, on a 409 for a stale version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<serde_json::Value>,
}

/// `GET /api/v1/health`.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
    pub domain_version: String,
    /// `sqlite` or `postgres`.
    pub database: String,
}

/// What an account may do beyond its own records. Supervisors are not a
/// role: who rates whom comes from the atasan mapping of each period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeranAkun {
    Pegawai,
    AdminInstansi,
    SuperAdmin,
}

impl PeranAkun {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pegawai" => Some(PeranAkun::Pegawai),
            "admin_instansi" => Some(PeranAkun::AdminInstansi),
            "super_admin" => Some(PeranAkun::SuperAdmin),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PeranAkun::Pegawai => "pegawai",
            PeranAkun::AdminInstansi => "admin_instansi",
            PeranAkun::SuperAdmin => "super_admin",
        }
    }
}

/// `POST /api/v1/auth/login` body.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginInput {
    pub nip: String,
    pub password: String,
}

/// `POST /api/v1/auth/password` body: the current password and the new one.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordInput {
    pub lama: String,
    pub baru: String,
}

/// `POST /api/v1/auth/aktivasi` body: an imported pegawai's first password,
/// set with the one-time code the admin handed out.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActivationInput {
    pub nip: String,
    pub kode: String,
    pub password: String,
}

/// Who is signed in, and the CSRF token to echo in `X-CSRF-Token` on every change.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionView {
    pub pegawai_id: String,
    pub instansi_id: String,
    pub nip: String,
    pub nama: String,
    pub jabatan: String,
    pub peran: PeranAkun,
    /// The pegawai is someone's pejabat penilai (a current line of the
    /// atasan mapping, in any of the instansi's periods): only then does
    /// the app offer the page for reviewing subordinates.
    #[serde(default)]
    pub penilai: bool,
    pub csrf_token: String,
    /// Unix seconds at which the session ends at the latest.
    pub berakhir: i64,
}

/// The columns of the pegawai import file, in the order of the template the
/// console offers (the file may hold them in any order, and others besides).
pub const KOLOM_IMPOR: [&str; 7] = ["nip", "nama", "jenis_pegawai", "jabatan", "jenis_jabatan", "unit", "nip_atasan"];

/// `GET /api/v1/auth/session`: the current session, or `None` for a guest.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentSession {
    pub session: Option<SessionView>,
}

/// How the caller stands to an SKP.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Akses {
    Pegawai,
    PejabatPenilai,
    AtasanPejabatPenilai,
    /// The instansi's admin: may read, never change.
    Admin,
}

#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PegawaiRingkas {
    pub id: String,
    pub nip: String,
    pub nama: String,
    pub jabatan: String,
}

/// An SKP as its reader sees it.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkpView {
    pub id: String,
    pub version: i64,
    pub periode_id: String,
    pub status: StatusSkp,
    pub akses: Akses,
    pub pegawai: PegawaiRingkas,
    /// The SKP document itself (plan, status, history); see `domain::skp::Skp`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub skp: Skp,
    /// The form as last saved, for the editor.
    pub isian: SkpInput,
    /// What is still missing before it can be submitted.
    pub kelengkapan: FieldErrors,
}

/// [`SkpView`] as the planning screens read it: the same JSON, its `skp`
/// parsed only for the plan and the history ([`SkpRencana`]).
#[derive(Debug, Deserialize, Clone, PartialEq)]
pub struct SkpBaca {
    pub id: String,
    pub version: i64,
    pub periode_id: String,
    pub status: StatusSkp,
    pub akses: Akses,
    pub pegawai: PegawaiRingkas,
    pub skp: SkpRencana,
    pub isian: SkpInput,
    pub kelengkapan: FieldErrors,
}

/// One entry of an SKP's history (`GET /api/v1/skp/{id}/versi`): the SKP as
/// saved by one change, and the change's one name.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkpVersion {
    pub version: i64,
    pub aksi: AksiSkp,
    /// The pegawai id of who made the change.
    pub oleh: String,
    pub status: StatusSkp,
    /// Unix seconds.
    pub dibuat: i64,
    /// The SKP document as saved.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub skp: serde_json::Value,
}

/// `POST /api/v1/skp`.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateSkp {
    pub periode_id: String,
    #[serde(default)]
    pub rencana: SkpInput,
}

/// `PUT /api/v1/skp/{id}`.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EditSkp {
    pub version: i64,
    pub rencana: SkpInput,
    /// A save made as the person types: a plan that does not pass the rules
    /// yet is kept as typed (`isian`) instead of refused, and the plan the
    /// rules read (`skp`) stays the last one that passed. Submitting checks
    /// what was typed.
    #[serde(default)]
    pub draf: bool,
}

/// `POST /api/v1/skp/{id}/{submit|approve|return|revise}`.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Transition {
    pub version: i64,
    /// Notes when returning, the reason when revising.
    #[serde(default)]
    pub catatan: String,
    /// Comments on single RHK when returning, by RHK id (with them the
    /// overall note may stay empty).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub komentar_rhk: std::collections::BTreeMap<String, String>,
}

impl Transition {
    /// A step with nothing to say (submit, approve).
    pub fn polos(version: i64) -> Self {
        Transition { version, catatan: String::new(), komentar_rhk: Default::default() }
    }
}

/// `GET /api/v1/skp/{id}/sejak-dikembalikan`: for a plan submitted again
/// after a return, that return (its note and comments per RHK) and what
/// changed in the plan since; `null` otherwise (never returned, not
/// submitted now, or submitted after a later approval or revision).
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SejakDikembalikan {
    /// The day of the return (ISO date).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub tanggal: crate::tanggal::Tanggal,
    pub catatan: Option<String>,
    /// In the order of the plan as it was returned.
    pub komentar_rhk: Vec<KomentarRhk>,
    pub perubahan: crate::skp::beda::BedaRencana,
}

/// The penilai's comment on one RHK of a returned plan.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KomentarRhk {
    pub rhk_id: String,
    /// The RHK's number in the plan as it was returned (1-based).
    pub nomor: usize,
    pub uraian: String,
    pub komentar: String,
}

impl SejakDikembalikan {
    /// The plan is submitted and its submission came from a return (not
    /// from a draft, nor from a revision after an approval): what changed
    /// since that return is what the penilai reads first.
    pub fn berlaku(status: StatusSkp, riwayat: &[crate::skp::RiwayatSkp]) -> bool {
        status == StatusSkp::Diajukan
            && riwayat
                .iter()
                .rev()
                .find(|r| r.aksi == AksiSkp::Submit)
                .is_some_and(|r| r.dari == StatusSkp::Dikembalikan)
    }

    /// The last return recorded in `dikembalikan` (the SKP as the return
    /// stored it) and what changed from its plan to `sekarang`'s, when
    /// `sekarang` is that return submitted again ([`Self::berlaku`]).
    pub fn dari(dikembalikan: &Skp, sekarang: &Skp) -> Option<Self> {
        if !Self::berlaku(sekarang.status(), sekarang.riwayat()) {
            return None;
        }
        let sekarang = sekarang.rencana();
        let r = dikembalikan.riwayat().iter().rev().find(|r| r.aksi == AksiSkp::Return)?;
        let lama = dikembalikan.rencana();
        let komentar_rhk = lama
            .rhk()
            .iter()
            .enumerate()
            .filter_map(|(n, rhk)| {
                let komentar = r.komentar_rhk.get(rhk.id().as_str())?;
                Some(KomentarRhk {
                    rhk_id: rhk.id().as_str().to_owned(),
                    nomor: n + 1,
                    uraian: rhk.uraian().to_owned(),
                    komentar: komentar.clone(),
                })
            })
            .collect();
        Some(SejakDikembalikan {
            tanggal: r.tanggal,
            catatan: r.catatan.clone(),
            komentar_rhk,
            perubahan: crate::skp::beda::beda_rencana(lama, sekarang),
        })
    }
}

#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkpRingkas {
    pub id: String,
    pub periode_id: String,
    pub status: StatusSkp,
    pub version: i64,
}

/// The RHK of the pejabat penilai's own SKP in the same period, to link to.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RhkAtasan {
    /// False while the atasan has no SKP yet: draft now, link later.
    pub tersedia: bool,
    pub rhk: Vec<RhkAtasanItem>,
}

#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RhkAtasanItem {
    pub id: String,
    pub uraian: String,
    pub jenis: JenisRhk,
}

/// One line of the pejabat penilai's queue: a subordinate of this period and their SKP.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AntrianItem {
    pub pegawai: PegawaiRingkas,
    pub skp_id: Option<String>,
    /// The SKP status; `null` while the subordinate has no SKP yet.
    pub status: Option<StatusSkp>,
    pub version: Option<i64>,
}

/// A period of the caller's instansi (`GET /api/v1/org/periode`).
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodeView {
    pub id: String,
    pub tahun: i64,
    pub rule_set: crate::rule_set::RuleSet,
    pub siklus: SiklusPeriodik,
    /// ISO date.
    pub mulai: String,
    /// ISO date.
    pub selesai: String,
    pub version: i64,
}

impl PeriodeView {
    /// The period as the rules see it (its deadlines), checked as a new one
    /// would be; `None` for a stored row the rules would not accept.
    pub fn periode(&self) -> Option<crate::periode::Periode> {
        crate::periode::PeriodeInput {
            id: self.id.clone(),
            tahun: self.tahun.to_string(),
            siklus: self.siklus,
            rule_set: Some(self.rule_set),
            mulai: self.mulai.clone(),
            selesai: self.selesai.clone(),
        }
        .validate()
        .ok()
    }
}

/// One notification as the person told reads it (`GET /api/v1/notifikasi`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotifikasiView {
    pub id: String,
    pub peristiwa: crate::notifikasi::Peristiwa,
    /// What happened, in both languages.
    pub teks: Teks,
    /// The SKP it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skp_id: Option<String>,
    /// The reader's subordinate it is about, when the event names one and
    /// no SKP (`Peristiwa::tentang_pengirim`: a 360 proposal names the
    /// ratee who proposed). Never a rater.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pegawai_id: Option<String>,
    /// When (unix milliseconds).
    pub dibuat: i64,
    pub dibaca: bool,
}

/// The person's notifications, newest first, and how many are unread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaftarNotifikasi {
    pub belum_dibaca: i64,
    pub item: Vec<NotifikasiView>,
}

/// `GET /api/v1/notifikasi/jumlah`: what the bell shows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JumlahNotifikasi {
    pub belum_dibaca: i64,
}

/// `POST /api/v1/notifikasi/baca`: one notification read, or all (`id` empty).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BacaNotifikasi {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `GET`/`PUT /api/v1/auth/email`: the caller's own address for e-mail
/// notifications, and whether this server sends e-mail at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailView {
    /// `null`: none set, no e-mail is sent.
    pub email: Option<String>,
    /// Whether this server is configured to send e-mail.
    pub dikirim: bool,
}

/// `PUT /api/v1/auth/email` body: the address as typed (checked by
/// [`crate::email::Email::parse`]); empty clears it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EmailInput {
    pub email: String,
}

/// `POST /api/v1/penilai/ingatkan`: the penilai reminds a subordinate of the
/// period who has not submitted a plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Ingatkan {
    pub pegawai_id: String,
    pub periode_id: String,
}
