//! The wire types of feedback: continuous feedback on a set SKP
//! (`/api/v1/umpan-balik/…`, RULES.md §3.3) and the 360
//! (`/api/v1/penilai-360`, `/tugas-360`, `/hasil-360`, `/pengaturan-360`).
//! Plain data; the rules are `domain::skp::umpan_balik` and
//! `domain::umpan_balik`.
//!
//! Nothing a ratee or a penilai reads about a 360 says who answered, or
//! when: the rater lists carry no answered status and no time, and the
//! aggregate ([`Hasil360`]) is shown only after the period's 360 has closed
//! (its deadline passed), when nothing can change any more.

use serde::{Deserialize, Serialize};

use super::{Akses, PegawaiRingkas, RhkAtasanItem};
use crate::skp::umpan_balik::{BentukUmpanBalik, ItemUmpanBalik};
use crate::teks::Teks;
use crate::umpan_balik::{JawabanNilai, KelompokPenilai, UmpanBalikUntukPegawai, UmpanBalikUntukPenilai};

// ---------------------------------------------------------------------------
// Continuous feedback
// ---------------------------------------------------------------------------

/// `PUT /api/v1/umpan-balik/{id}`: one subordinate's sheet of feedback for
/// one sub-period, by their pejabat penilai or atasan penilai. The id is
/// the client's (a UUID made on the device, so the offline outbox can carry
/// a new sheet); `version` 0 makes it, a later one changes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SimpanUmpanBalik {
    pub skp_id: String,
    /// The sub-period: the month (1–12) or quarter (1–4) of the period's cycle.
    pub ke: u8,
    #[serde(default)]
    pub bentuk: BentukUmpanBalik,
    /// 0 for a new sheet; else the version the change is based on.
    pub version: i64,
    pub item: Vec<ItemUmpanBalik>,
}

/// A sheet of feedback as its readers see it (the pegawai, the givers, the admin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UmpanBalikView {
    pub id: String,
    pub skp_id: String,
    pub periode_id: String,
    pub ke: u8,
    pub bentuk: BentukUmpanBalik,
    pub version: i64,
    pub pemberi: PegawaiRingkas,
    /// How the giver stands to the SKP: `pejabat_penilai` or `atasan_pejabat_penilai`.
    pub peran: Akses,
    pub item: Vec<ItemUmpanBalik>,
    /// Unix seconds.
    pub dibuat: i64,
    pub diubah: i64,
}

/// `POST /api/v1/permintaan-umpan-balik`: the pegawai asks the penilai for feedback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MintaUmpanBalik {
    pub skp_id: String,
}

/// `GET /api/v1/penilai/umpan-balik`: the penilai's subordinates with a set
/// SKP and whether the caller gave them this sub-period's scheduled feedback;
/// those still without it first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AntrianUmpanBalik {
    pub periode_id: String,
    pub ke: u8,
    /// "Triwulan IV 2026" / "Quarter IV 2026".
    pub label: Teks,
    /// ISO dates.
    pub mulai: String,
    pub selesai: String,
    pub item: Vec<AntrianUmpanBalikItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AntrianUmpanBalikItem {
    pub pegawai: PegawaiRingkas,
    pub skp_id: String,
    /// The SKP's RHK, for the sheet's form.
    pub rhk: Vec<RhkAtasanItem>,
    /// The caller's scheduled sheet for the sub-period, to change; `null`: not given yet.
    pub berkala: Option<VersiUmpanBalik>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersiUmpanBalik {
    pub id: String,
    pub version: i64,
}

// ---------------------------------------------------------------------------
// The 360
// ---------------------------------------------------------------------------

/// `GET /api/v1/pengaturan-360`: a period's 360 deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pengaturan360 {
    pub periode_id: String,
    /// The last day raters may answer (ISO date); the period's last day unless set.
    pub batas: String,
    /// The deadline has passed: no answers or rater changes any more, and the aggregate is shown.
    pub ditutup: bool,
    /// The server's date today (ISO, in WIB, where the deadline is kept):
    /// what "before today" means for the deadline, whatever the device's
    /// clock says. (Empty in an answer kept on a device by an older
    /// version of the server.)
    #[serde(default)]
    pub hari_ini: String,
    /// 0 while the deadline is the default.
    pub version: i64,
}

/// `PUT /api/v1/org/periode/{id}/pengaturan-360`: the admin sets the deadline
/// (only while it has not passed; a 360 once closed stays closed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPengaturan360 {
    /// ISO date, not before the period's first day.
    pub batas: String,
    pub version: i64,
}

/// Where a rater stands on the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusPenilai360 {
    /// Proposed by the ratee; not asked yet.
    Diusulkan,
    /// Confirmed or set by the penilai: asked to answer.
    Dikonfirmasi,
}

impl StatusPenilai360 {
    pub fn kode(self) -> &'static str {
        match self {
            StatusPenilai360::Diusulkan => "diusulkan",
            StatusPenilai360::Dikonfirmasi => "dikonfirmasi",
        }
    }

    pub fn from_kode(kode: &str) -> Option<Self> {
        [StatusPenilai360::Diusulkan, StatusPenilai360::Dikonfirmasi].into_iter().find(|s| s.kode() == kode)
    }
}

/// `POST /api/v1/calon-penilai-360`: a search for colleagues to propose (or
/// set) as 360 raters. A POST with the text in its body, not a GET with it
/// in the address: what is typed is a person's name or NIP, and addresses
/// end up in logs, proxies and the browser's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CariCalon360 {
    /// Part of a name (at least 3 characters), or a whole NIP (18 digits).
    pub q: String,
}

/// `POST /api/v1/penilai-360`: the ratee proposes a rater, or the penilai sets one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TambahPenilai360 {
    pub periode_id: String,
    /// The ratee.
    pub pegawai_id: String,
    /// The rater.
    pub penilai_id: String,
    pub kelompok: KelompokPenilai,
}

/// One rater on a ratee's list. Never whether or when they answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Penilai360Item {
    pub id: String,
    pub penilai: PegawaiRingkas,
    pub kelompok: KelompokPenilai,
    pub status: StatusPenilai360,
    /// `pegawai` (proposed by the ratee) or `pejabat_penilai` (set by the penilai).
    pub diusulkan_oleh: Akses,
}

/// How many raters a group has been asked (confirmed), whoever set them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JumlahKelompok {
    pub kelompok: KelompokPenilai,
    pub dikonfirmasi: usize,
}

/// `GET /api/v1/penilai-360`: a ratee's raters in a period. The penilai sees
/// the whole list; the ratee only the raters they proposed (the identities
/// of the others are never sent to them) and how many each group has.
/// Sorted by group, then name: never by when a rater was added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaftarPenilai360 {
    pub periode_id: String,
    pub pegawai: PegawaiRingkas,
    /// `pegawai` (the ratee) or `pejabat_penilai`.
    pub akses: Akses,
    pub pengaturan: Pengaturan360,
    pub penilai: Vec<Penilai360Item>,
    /// Per group in [`KelompokPenilai::ALL`] order.
    pub jumlah: Vec<JumlahKelompok>,
}

/// A rater's own answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Jawaban360 {
    pub version: i64,
    /// In the regulation's order of the values.
    pub penilaian: Vec<JawabanNilai>,
}

/// `GET /api/v1/tugas-360`: one request to the caller as a rater.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tugas360 {
    pub id: String,
    pub periode_id: String,
    /// The colleague to give feedback on.
    pub pegawai: PegawaiRingkas,
    pub kelompok: KelompokPenilai,
    pub pengaturan: Pengaturan360,
    /// The caller's own answer; `null` before the first.
    pub jawaban: Option<Jawaban360>,
}

/// `PUT /api/v1/tugas-360/{id}`: the rater's answer, all seven values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SimpanJawaban360 {
    /// 0 for the first answer; else the version it is based on.
    pub version: i64,
    pub penilaian: Vec<JawabanNilai>,
}

/// `GET /api/v1/hasil-360`: the aggregate (`domain::umpan_balik`), for the
/// ratee (`untuk_pegawai`) or their penilai (`untuk_penilai`, with the
/// advice), once the 360 has closed; both `null` before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hasil360 {
    pub periode_id: String,
    pub pegawai_id: String,
    pub akses: Akses,
    pub pengaturan: Pengaturan360,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub untuk_pegawai: Option<UmpanBalikUntukPegawai>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub untuk_penilai: Option<UmpanBalikUntukPenilai>,
}
