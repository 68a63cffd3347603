//! The wire types of the admin instansi's `/api/v1/org/…` and
//! `/api/v1/admin/aktivasi`: units, pegawai, periods, the atasan mapping and
//! activation codes. Plain data, no rules.

use serde::{Deserialize, Serialize};

use super::{PeranAkun, PeriodeView};
use crate::periode::SiklusPeriodik;

/// A unit kerja and the units below it (`GET /api/v1/org/unit`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitNode {
    pub id: String,
    pub nama: String,
    pub induk_id: Option<String>,
    /// Pegawai placed directly in this unit.
    pub jumlah_pegawai: i64,
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub anak: Vec<UnitNode>,
}

/// Whether a pegawai can sign in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusAkun {
    /// No account yet.
    TidakAda,
    /// An account without a password yet (waiting for an activation code).
    BelumAktivasi,
    Aktif,
}

/// One pegawai of the instansi (`GET /api/v1/org/pegawai`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PegawaiItem {
    pub id: String,
    pub nip: String,
    pub nama: String,
    /// `pns` or `pppk`.
    pub jenis_pegawai: String,
    /// `jpt`, `administrasi`, `fungsional` or `pelaksana`.
    pub jenis_jabatan: String,
    pub jabatan: String,
    pub unit_id: String,
    pub unit_nama: String,
    pub status_akun: StatusAkun,
    /// The account's role; `None` without an account.
    pub peran: Option<PeranAkun>,
}

/// One page of a list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Halaman<T> {
    /// Matches in all, over every page.
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
    pub items: Vec<T>,
}

/// A year as a number or as the text a form holds.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Tahun {
    Angka(i64),
    Teks(String),
}

impl Tahun {
    /// The year as the period form's text.
    pub fn teks(self) -> String {
        match self {
            Tahun::Angka(n) => n.to_string(),
            Tahun::Teks(s) => s,
        }
    }
}

/// `POST /api/v1/org/periode`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BuatPeriode {
    pub tahun: Tahun,
    #[serde(default)]
    pub siklus: SiklusPeriodik,
    /// `permenpanrb_6_2022`, `permenpanrb_8_2021` or `pp_46_2011`; empty or
    /// missing: the rule set in force on the first day.
    #[serde(default)]
    pub rule_set: Option<String>,
    /// ISO date; empty: 1 January.
    #[serde(default)]
    pub mulai: String,
    /// ISO date; empty: 31 December.
    #[serde(default)]
    pub selesai: String,
}

/// The created period and its non-blocking remarks.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodeDibuat {
    #[serde(flatten)]
    pub periode: PeriodeView,
    /// Non-blocking remarks by field, e.g. an older rule set than usual for the year.
    pub peringatan: crate::error::FieldErrors,
}

/// One dated segment of who rates a pegawai in a period.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Segmen {
    pub id: String,
    pub pegawai_id: String,
    pub penilai_id: Option<String>,
    pub atasan_penilai_id: Option<String>,
    /// ISO date.
    pub berlaku_mulai: String,
    /// ISO date; `None` for the open segment.
    pub berlaku_sampai: Option<String>,
    pub version: i64,
}

/// One change of a pegawai's atasan mapping, as recorded (`GET /api/v1/org/atasan/riwayat`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiwayatAtasan {
    /// The admin who made the change; `None` for the operator's command line.
    pub diubah_oleh: Option<String>,
    pub diubah_oleh_nama: Option<String>,
    /// `api` (the console), `impor` (a CSV import) or `cli`.
    pub sumber: String,
    /// Unix seconds.
    pub waktu: i64,
    pub penilai_sebelum: Option<String>,
    pub atasan_penilai_sebelum: Option<String>,
    pub penilai_sesudah: Option<String>,
    pub atasan_penilai_sesudah: Option<String>,
    /// ISO date from which the new mapping holds.
    pub berlaku_mulai: String,
}

/// One row of the atasan mapping: a segment, or a pegawai without any.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AtasanItem {
    pub pegawai_id: String,
    pub nip: String,
    pub nama: String,
    pub unit_id: String,
    pub unit_nama: String,
    /// True when the pegawai has no pejabat penilai at present (no open
    /// segment naming one) and is not the head of the instansi.
    pub tanpa_penilai: bool,
    /// The head of the instansi (pimpinan), who has no pejabat penilai by
    /// design: the one pegawai with a `jpt` position in a top unit (a unit
    /// without a parent) and no pejabat penilai. Two or more such pegawai
    /// are not told apart: none of them is taken for the head, so none of
    /// their missing penilai goes unflagged.
    #[serde(default)]
    pub pimpinan: bool,
    pub segmen_id: Option<String>,
    pub penilai_id: Option<String>,
    pub penilai_nama: Option<String>,
    pub atasan_penilai_id: Option<String>,
    pub atasan_penilai_nama: Option<String>,
    pub berlaku_mulai: Option<String>,
    pub berlaku_sampai: Option<String>,
    pub version: Option<i64>,
}

/// `GET /api/v1/org/atasan`: one page of a period's mapping.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AtasanHalaman {
    /// Pegawai in the instansi.
    pub total: i64,
    /// Of them, without a pejabat penilai at present (the head of the
    /// instansi, [`AtasanItem::pimpinan`], not counted).
    pub tanpa_penilai: i64,
    pub limit: i64,
    pub offset: i64,
    /// One row per segment (earliest first), pegawai without a penilai first.
    pub items: Vec<AtasanItem>,
}

/// `PUT /api/v1/org/atasan`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetAtasan {
    pub periode_id: String,
    pub pegawai_id: String,
    /// The pejabat penilai kinerja; `null` removes them.
    pub penilai_id: Option<String>,
    pub atasan_penilai_id: Option<String>,
    /// ISO date from which this holds; a date after the start of the current
    /// segment is a transfer (the current segment ends the day before).
    pub berlaku_mulai: String,
    /// The version of the current segment this change is based on.
    #[serde(default)]
    pub version: Option<i64>,
}

/// The pegawai's segments in the period after the change.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AtasanDiset {
    pub pegawai_id: String,
    pub periode_id: String,
    /// False when the mapping already said so.
    pub berubah: bool,
    pub segmen: Vec<Segmen>,
}

/// `POST /api/v1/admin/aktivasi`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MintaAktivasi {
    /// The pegawai to issue codes for; missing: every pegawai of the
    /// instansi who has not set a password yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pegawai_ids: Option<Vec<String>>,
}

/// One pegawai's activation code, in clear.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KodeAktivasi {
    pub pegawai_id: String,
    pub nip: String,
    pub nama: String,
    pub kode: String,
}

/// The codes, shown once: only their hashes are stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AktivasiDibuat {
    pub jumlah: usize,
    /// Unix seconds after which the codes no longer work.
    pub berlaku_sampai: i64,
    pub kode: Vec<KodeAktivasi>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_set::RuleSet;

    #[test]
    fn a_year_reads_as_a_number_or_as_text() {
        let b: BuatPeriode = serde_json::from_str(r#"{"tahun":2027}"#).unwrap();
        assert_eq!(b.tahun, Tahun::Angka(2027));
        assert_eq!(b.siklus, SiklusPeriodik::Triwulanan);
        let b: BuatPeriode = serde_json::from_str(r#"{"tahun":"2027","siklus":"bulanan"}"#).unwrap();
        assert_eq!(b.tahun.teks(), "2027");
        assert_eq!(b.siklus, SiklusPeriodik::Bulanan);
        assert!(serde_json::from_str::<BuatPeriode>(r#"{"tahun":2027,"catatan":"x"}"#).is_err());
    }

    #[test]
    fn a_created_period_is_the_period_and_its_remarks_side_by_side() {
        let p = PeriodeDibuat {
            periode: PeriodeView {
                id: "p".into(),
                tahun: 2026,
                rule_set: RuleSet::Permenpanrb6_2022,
                siklus: SiklusPeriodik::Triwulanan,
                mulai: "2026-01-01".into(),
                selesai: "2026-12-31".into(),
                version: 1,
            },
            peringatan: crate::error::FieldErrors::new(),
        };
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"id":"p","tahun":2026,"rule_set":"permenpanrb_6_2022","siklus":"triwulanan",
                "mulai":"2026-01-01","selesai":"2026-12-31","version":1,"peringatan":{}})
        );
        assert_eq!(serde_json::from_value::<PeriodeDibuat>(json).unwrap(), p);
    }

    #[test]
    fn asking_for_every_code_sends_an_empty_object() {
        assert_eq!(serde_json::to_string(&MintaAktivasi::default()).unwrap(), "{}");
        let m: MintaAktivasi = serde_json::from_str(r#"{"pegawai_ids":["a"]}"#).unwrap();
        assert_eq!(m.pegawai_ids, Some(vec!["a".to_owned()]));
    }

    #[test]
    fn account_states_are_snake_case_words() {
        assert_eq!(serde_json::to_string(&StatusAkun::BelumAktivasi).unwrap(), r#""belum_aktivasi""#);
        assert_eq!(serde_json::to_string(&StatusAkun::TidakAda).unwrap(), r#""tidak_ada""#);
    }
}
