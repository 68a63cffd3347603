//! The wire types of the evaluation (issue 24): a subordinate's rating per
//! evaluation (`/api/v1/skp/{id}/penilaian`), the organisation's predikat
//! and the distribution pattern of a penilai's unit, the evaluation
//! documents and their steps, the holiday calendar, the angka kredit and the
//! queues of what each person must do by when.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::angka_kredit::{AngkaKredit, Jenjang, TotalAngkaKredit};
use crate::api::{Akses, PegawaiRingkas};
use crate::distribusi::{HasilDistribusi, JenisBatas, JumlahPredikat, ModeDistribusi};
use crate::kalender::JenisLibur;
use crate::periode::PeriodeEvaluasi;
use crate::rule_set::RuleSet;
use crate::rule_set::permenpanrb_6_2022::{Predikat, PredikatOrganisasi, RatingEkspektasi, SaranRatingHasilKerja};
use crate::skp::dokumen::{DokumenEvaluasi, JenisTenggat, StatusDokumen};
use crate::skp::penilaian_lama::DasarLama;
use crate::skp::{Penilaian, PenilaianInput, PenilaianLama, PenilaianLamaInput, StatusSkp};
use crate::teks::Teks;
use crate::umpan_balik::UmpanBalikUntukPenilai;

/// `GET /api/v1/skp/{id}/penilaian?evaluasi=…`: what the penilai rates with.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PenilaianSkp {
    pub skp_id: String,
    /// The SKP's version: a rating is saved on it.
    pub version: i64,
    pub status: StatusSkp,
    pub akses: Akses,
    pub pegawai: PegawaiRingkas,
    pub rule_set: RuleSet,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub evaluasi: PeriodeEvaluasi,
    /// Per RHK id, the rating the server computes from the stored realisations.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub rating_rhk: BTreeMap<String, RatingEkspektasi>,
    /// The domain's advisory rating hasil kerja with its reasons
    /// (`domain::rule_set::permenpanrb_6_2022::SaranRatingHasilKerja`).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub saran: SaranRatingHasilKerja,
    /// The 360 aggregate as advice on perilaku, once the 360 has closed, for
    /// the penilai and the atasan penilai only; never a rater's identity.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub umpan_balik_360: Option<UmpanBalikUntukPenilai>,
    /// The organisation's predikat of the penilai's unit for this evaluation, if set.
    pub predikat_organisasi: Option<PredikatOrganisasi>,
    pub penilaian: Option<PenilaianTercatat>,
    /// The evaluation document, once the unit's ratings were finalised.
    pub dokumen_id: Option<String>,
    /// A former rule set's period (PermenPANRB 8/2021, PP 46/2011): the
    /// SKP's own number from the stored realisations, which the numeric
    /// form (`PUT /api/v1/skp/{id}/penilaian-lama`) combines with the
    /// rater's (`domain::skp::PenilaianLamaInput::validate`). `None` under
    /// PermenPANRB 6/2022.
    #[serde(default)]
    pub dasar_lama: Option<DasarLama>,
    /// The numeric evaluation recorded so far (a former rule set's period).
    #[serde(default)]
    pub penilaian_lama: Option<PenilaianLamaTercatat>,
}

/// A recorded evaluation of a former rule set: the record and its numbers
/// as the screens show them.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PenilaianLamaTercatat {
    /// `domain::skp::PenilaianLama`: the aspects given and what the rule set computed, explained.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub penilaian: PenilaianLama,
    /// Nilai kinerja (8/2021) or nilai prestasi kerja (PP 46/2011).
    pub nilai: f64,
    /// The predikat (8/2021) or sebutan (PP 46/2011): `sangat_baik` … `buruk`.
    pub sebutan: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub label: Teks,
    pub dinilai_oleh: String,
    /// Unix seconds.
    pub diubah: i64,
}

impl PenilaianLamaTercatat {
    pub fn baru(penilaian: PenilaianLama, dinilai_oleh: String, diubah: i64) -> Self {
        PenilaianLamaTercatat {
            nilai: penilaian.nilai(),
            sebutan: penilaian.kode_sebutan().to_owned(),
            label: penilaian.sebutan(),
            penilaian,
            dinilai_oleh,
            diubah,
        }
    }
}

/// `GET /api/v1/penilaian-lama`: one of the caller's own numeric
/// evaluations (a former rule set's period), as the pegawai reads it.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PenilaianLamaSaya {
    pub skp_id: String,
    pub periode_id: String,
    pub tahun: i64,
    pub rule_set: RuleSet,
    /// `periodik-3`, `tahunan`.
    pub evaluasi: String,
    /// The name of who rated (the pejabat penilai).
    pub penilai: Option<String>,
    pub penilaian: PenilaianLamaTercatat,
}

/// `PUT /api/v1/skp/{id}/penilaian-lama`: a former rule set's numeric
/// rating on the SKP's `version`.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SimpanPenilaianLama {
    pub version: i64,
    /// `domain::skp::PenilaianLamaInput`: `evaluasi`, `perilaku` (aspect →
    /// score), `perilaku_dari_rekan` and `inovasi` (8/2021),
    /// `jumlah_tugas_tambahan` and `nilai_kreativitas` (PP 46/2011),
    /// `catatan`, `rekomendasi`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub penilaian: PenilaianLamaInput,
}

/// The answer to a saved numeric rating.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PenilaianLamaDisimpan {
    pub skp_id: String,
    pub version: i64,
    pub status: StatusSkp,
    pub penilaian: PenilaianLamaTercatat,
}

/// A recorded rating: as it stands and as it was first given (before a
/// calibration or an objection changed it).
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PenilaianTercatat {
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub penilaian: Penilaian,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub penilaian_awal: Penilaian,
    pub predikat: Predikat,
    pub predikat_awal: Predikat,
    /// The rating perilaku per BerAKHLAK value (`berorientasi_pelayanan`, …).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub perilaku_per_nilai: BTreeMap<String, RatingEkspektasi>,
    /// Who rated last (the penilai, or the atasan after a take-over or an objection).
    pub dinilai_oleh: String,
    /// Unix seconds.
    pub diubah: i64,
}

/// `PUT /api/v1/skp/{id}/penilaian`, and the atasan's
/// `POST /api/v1/skp/{id}/take-over`: a rating on the SKP's `version`.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SimpanPenilaian {
    pub version: i64,
    /// `domain::skp::PenilaianInput`: `evaluasi`, `rating_rhk` (per RHK id;
    /// the server's own rating from the realisations wins), `rating_hasil_kerja`,
    /// `alasan` (required to depart from the suggestion), `rating_perilaku`,
    /// `catatan`, `rekomendasi`. `predikat_organisasi` is the server's.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub penilaian: PenilaianInput,
    /// The rating perilaku per BerAKHLAK value, by its code.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub perilaku_per_nilai: BTreeMap<String, RatingEkspektasi>,
}

/// The answer to a saved rating.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PenilaianDisimpan {
    pub skp_id: String,
    pub version: i64,
    pub status: StatusSkp,
    pub penilaian: PenilaianTercatat,
}

/// The organisation's predikat of a unit for one evaluation of a period.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PredikatOrganisasiView {
    pub unit_id: String,
    pub periode_id: String,
    /// `periodik-3`, `tahunan`.
    pub evaluasi: String,
    pub predikat: PredikatOrganisasi,
    pub version: i64,
    pub oleh: String,
    /// Unix seconds.
    pub diubah: i64,
}

/// `GET /api/v1/penilai/unit-bawahan`: a unit one level below the caller
/// whose organisation predikat the caller sets (the caller is in its parent
/// unit and (atasan) pejabat penilai of someone in it), with the predikat
/// recorded per evaluation of the period.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitBawahan {
    pub unit_id: String,
    pub nama: String,
    pub predikat: Vec<PredikatOrganisasiView>,
}

/// `PUT /api/v1/unit/{id}/predikat-organisasi`: `version` 0 for the first.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPredikatOrganisasi {
    pub periode_id: String,
    /// `periodik-3`, `tahunan`.
    pub evaluasi: String,
    pub predikat: PredikatOrganisasi,
    pub version: i64,
}

/// A period's evaluation settings: whether the distribution pattern warns
/// or blocks (the instansi's choice; `peringatan` until set).
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PengaturanPenilaian {
    pub periode_id: String,
    pub mode_distribusi: ModeDistribusi,
    /// 0 while never set.
    pub version: i64,
}

/// `PUT /api/v1/org/periode/{id}/pengaturan-penilaian`.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPengaturanPenilaian {
    pub mode_distribusi: ModeDistribusi,
    pub version: i64,
}

/// One limit of the pattern as the unit stands: the group, the allowed
/// number of people, how many there are.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatasView {
    pub kelompok: Vec<Predikat>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub jenis: JenisBatas,
    pub persen: u8,
    pub batas_orang: u64,
    pub jumlah: u64,
    pub dilanggar: bool,
}

/// One subordinate on the penilai's unit screen.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PegawaiDistribusi {
    pub pegawai: PegawaiRingkas,
    pub skp_id: Option<String>,
    pub status: Option<StatusSkp>,
    pub predikat: Option<Predikat>,
    pub predikat_awal: Option<Predikat>,
    /// A former rule set's period: the recorded nilai and its sebutan.
    #[serde(default)]
    pub nilai_lama: Option<NilaiLamaRingkas>,
}

/// A former rule set's result in a list.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NilaiLamaRingkas {
    pub nilai: f64,
    /// `sangat_baik` … `buruk`.
    pub sebutan: String,
}

/// `GET /api/v1/penilai/distribusi`: the caller's unit (their subordinates
/// of the period) for one evaluation.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistribusiUnit {
    pub periode_id: String,
    pub evaluasi: String,
    /// The unit the penilai leads (their own unit).
    pub unit_id: String,
    pub predikat_organisasi: Option<PredikatOrganisasi>,
    pub mode: ModeDistribusi,
    pub pegawai: Vec<PegawaiDistribusi>,
    pub jumlah: JumlahPredikat,
    /// Every limit of the pattern (empty until the organisation's predikat is set).
    pub batas: Vec<BatasView>,
    /// `domain::distribusi::check_distribusi` (every violation named); `null`
    /// until the organisation's predikat is set.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub hasil: Option<HasilDistribusi>,
    pub finalisasi: Option<FinalisasiView>,
}

/// `POST /api/v1/penilai/distribusi/finalisasi`.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Finalisasi {
    pub periode_id: String,
    pub evaluasi: String,
    /// Required when the unit is outside the pattern (warning mode).
    #[serde(default)]
    pub alasan: String,
}

/// A unit's ratings finalised for one evaluation.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FinalisasiView {
    pub periode_id: String,
    pub evaluasi: String,
    pub unit_id: String,
    pub predikat_organisasi: PredikatOrganisasi,
    pub mode: ModeDistribusi,
    pub jumlah: JumlahPredikat,
    pub sesuai_pola: bool,
    pub alasan: Option<String>,
    pub oleh: String,
    /// Unix seconds.
    pub dibuat: i64,
    /// The evaluation documents made for the rated subordinates.
    pub dokumen_ids: Vec<String>,
}

/// One deadline of a document, as of today.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenggatView {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub jenis: JenisTenggat,
    /// ISO date.
    pub batas: String,
    pub selesai_pada: Option<String>,
    pub terlambat: bool,
    /// Working days left (negative: late).
    pub sisa_hari_kerja: i64,
}

/// One step of a document's history: who, in which role, when.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiwayatDokumenView {
    pub version: i64,
    /// `create`, or a `domain::skp::dokumen::AksiDokumen`.
    pub aksi: String,
    pub oleh: String,
    pub peran: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub status: StatusDokumen,
    /// Unix seconds.
    pub waktu: i64,
}

/// An evaluation document as its reader sees it.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DokumenEvaluasiView {
    pub id: String,
    pub version: i64,
    pub skp_id: String,
    pub periode_id: String,
    pub evaluasi: String,
    pub akses: Akses,
    pub pegawai: PegawaiRingkas,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub status: StatusDokumen,
    /// `D.1.1` normal, `D.1.2` signed by the atasan, `D.1.3` after an objection.
    pub format: String,
    /// `domain::skp::dokumen::DokumenEvaluasi`: the evaluation, the dates, the objection.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub dokumen: DokumenEvaluasi,
    pub tenggat: Vec<TenggatView>,
    pub riwayat: Vec<RiwayatDokumenView>,
    /// The SHA-256 of the signed PDF, once documents are rendered.
    pub sha256_pdf: Option<String>,
    /// The rating perilaku per BerAKHLAK value stored with the evaluation
    /// (`berorientasi_pelayanan`, …; empty when none was given).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub perilaku_per_nilai: BTreeMap<String, RatingEkspektasi>,
}

/// A step of a document (`POST /api/v1/dokumen-evaluasi/{id}/{aksi}`) on its `version`.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LangkahDokumen {
    pub version: i64,
    /// The objection's reasons (`file_keberatan`), the penilai's reply
    /// (`reply_keberatan`), or the decision's considerations (`decide_keberatan`).
    #[serde(default)]
    pub alasan: String,
    /// `decide_keberatan`: `menguatkan` or `mengubah`.
    #[serde(default)]
    pub keputusan: Option<String>,
    /// `decide_keberatan` with `mengubah`: the new evaluation.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub penilaian: Option<PenilaianInput>,
}

/// A holiday: national (built in) or the instansi's own.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HariLiburView {
    /// ISO date.
    pub tanggal: String,
    pub nama: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub jenis: JenisLibur,
    pub perkiraan: bool,
    /// Added by the instansi (not built in).
    pub instansi: bool,
}

/// One holiday the admin adds.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HariLiburInput {
    /// ISO date.
    pub tanggal: String,
    pub nama: String,
    /// `libur_nasional`, `cuti_bersama` or `libur_instansi` (the default).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub jenis: Option<JenisLibur>,
}

/// `POST /api/v1/org/hari-libur`: holidays added to (or replacing the
/// same dates in) the instansi's calendar, e.g. a new year's SKB.
#[derive(Debug, Serialize, Deserialize, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TambahHariLibur {
    pub hari_libur: Vec<HariLiburInput>,
}

/// The angka kredit of one evaluation.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AngkaKreditEvaluasi {
    pub evaluasi: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub angka_kredit: AngkaKredit,
}

/// `GET /api/v1/skp/{id}/angka-kredit`: a functional position's angka kredit
/// per evaluation, from its predikat, with the total of the periodic ones.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AngkaKreditSkp {
    pub skp_id: String,
    /// `null`: not a functional position the rules know.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub jenjang: Option<Jenjang>,
    pub periodik: Vec<AngkaKreditEvaluasi>,
    /// The sum of the periodic ones, rounded once.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub total_periodik: Option<TotalAngkaKredit>,
    pub tahunan: Option<AngkaKreditEvaluasi>,
}

/// What someone must do about an evaluation, by when.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TugasEvaluasi {
    /// `nilai`, `tandatangani`, `sampaikan`, `laporkan`, `tanggapi_keberatan`,
    /// `ambil_alih`, `putuskan_keberatan`, `tandatangani_pegawai`, `keberatan`.
    pub tugas: String,
    pub label: Teks,
    pub pegawai: PegawaiRingkas,
    pub skp_id: String,
    pub dokumen_id: Option<String>,
    pub evaluasi: String,
    /// ISO date.
    pub batas: String,
    pub terlambat: bool,
    pub sisa_hari_kerja: i64,
}

/// `GET /api/v1/antrian-evaluasi`: the caller's queues and deadlines.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AntrianEvaluasi {
    pub periode_id: String,
    /// As pejabat penilai: who is still to be rated, documents to sign, deliver, report.
    pub sebagai_penilai: Vec<TugasEvaluasi>,
    /// As atasan pejabat penilai: evaluations to take over, objections to decide.
    pub sebagai_atasan: Vec<TugasEvaluasi>,
    /// As pegawai: one's own documents to sign, or object to.
    pub sebagai_pegawai: Vec<TugasEvaluasi>,
    /// As the instansi admin: objections on documents without an atasan
    /// pejabat penilai, which the admin decides (empty for anyone else).
    #[serde(default)]
    pub sebagai_admin: Vec<TugasEvaluasi>,
}
