//! The wire types of the realisations of a set SKP and their evidence
//! (`/api/v1/skp/{id}/realisasi`, `/api/v1/realisasi/belum`,
//! `/api/v1/skp/{id}/bukti`, `/api/v1/bukti/{id}`).

use serde::{Deserialize, Serialize};

use crate::api::Akses;
use crate::periode::{PeriodeEvaluasi, SiklusPeriodik};
use crate::skp::preview::SkpPreview;
use crate::skp::{JenisBerkas, Realisasi, RealisasiInput, StatusSkp};
use crate::teks::Teks;

/// `PUT /api/v1/skp/{id}/realisasi`: the realisation of one indicator for
/// one evaluation (`realisasi.evaluasi`), saved on the SKP's `version`. A
/// second save for the same indicator and evaluation replaces the first;
/// every saved version stays in the SKP's history (`GET /skp/{id}/versi`).
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SimpanRealisasi {
    pub version: i64,
    /// The form as typed (`domain::skp::RealisasiInput`): `indikator_id`,
    /// `evaluasi` (`{"jenis":"periodik","ke":3}` or `{"jenis":"tahunan"}`),
    /// `nilai` (`12,5`), `uraian` (the short note) and `bukti_dukung`
    /// (links, `http://` or `https://` only, or document references).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub realisasi: RealisasiInput,
}

/// The answer to a saved realisation: the SKP's new version, the
/// realisation as the rules read it, and the preview of its evaluation as
/// the server recomputed and stored it.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RealisasiTersimpan {
    pub skp_id: String,
    pub version: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub realisasi: Realisasi,
    /// `domain::skp::preview::SkpPreview` of `realisasi.evaluasi`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub preview: SkpPreview,
}

/// `GET /api/v1/skp/{id}/realisasi`: the documentation of a set SKP, one
/// entry per sub-period of its period and one for the annual evaluation.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RealisasiSkp {
    pub skp_id: String,
    pub version: i64,
    pub status: StatusSkp,
    pub akses: Akses,
    pub siklus: SiklusPeriodik,
    /// Whether the pegawai may record now (the SKP was set and is not closed).
    pub terbuka: bool,
    pub evaluasi: Vec<DokumentasiEvaluasi>,
}

/// One evaluation (a sub-period, or the year) of an SKP's documentation.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DokumentasiEvaluasi {
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub evaluasi: PeriodeEvaluasi,
    /// "Triwulan I 2026" / "Quarter I 2026"; "Tahunan 2026" / "Annual 2026".
    pub label: Teks,
    /// ISO dates.
    pub mulai: String,
    pub selesai: String,
    /// It has started by the server's clock.
    pub dimulai: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub realisasi: Vec<Realisasi>,
    /// The indicators without a realisation yet.
    pub belum: Vec<IndikatorBelum>,
    /// The preview the server stored at the last save; `null` before one.
    /// The browser computes its own with the same rules and never reads this
    /// one, so its wasm build does not carry the deserializer of every rule
    /// set's preview (about 60 KB before optimisation).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub preview: Option<SkpPreview>,
    pub bukti: Vec<BuktiView>,
}

/// An indicator still to be documented.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndikatorBelum {
    pub rhk_id: String,
    pub indikator_id: String,
    pub uraian: String,
}

/// `GET /api/v1/realisasi/belum`: for the dashboard, what the caller has
/// not documented yet in their SKP of the current period (or of
/// `periode_id`), per sub-period that has started.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BelumDidokumentasi {
    /// `null` when the instansi has no period.
    pub periode_id: Option<String>,
    /// `null` when the caller has no SKP in it.
    pub skp_id: Option<String>,
    pub status: Option<StatusSkp>,
    /// Empty until the SKP is set (nothing to document before).
    pub sub_periode: Vec<SubPeriodeBelum>,
}

/// One started sub-period and its indicators without a realisation
/// (empty: all documented).
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubPeriodeBelum {
    pub ke: u8,
    pub label: Teks,
    pub mulai: String,
    pub selesai: String,
    pub indikator: Vec<IndikatorBelum>,
}

/// One evidence file of a realisation. Its content is downloaded from
/// `GET /api/v1/bukti/{id}`.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BuktiView {
    pub id: String,
    pub skp_id: String,
    pub indikator_id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub evaluasi: PeriodeEvaluasi,
    /// The name the file was chosen under, for display only (never used to
    /// store or serve it).
    pub nama: String,
    /// Read from the file's bytes.
    pub jenis: JenisBerkas,
    pub ukuran: i64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
    /// Unix seconds.
    pub dibuat: i64,
}
