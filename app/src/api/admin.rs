//! The admin instansi's side of `/api/v1/org/…` and `/api/v1/admin/…`:
//! periods, units, the atasan mapping, the CSV import and activation codes.
//!
//! The server's types for these answers live in `server/` (not in
//! `domain::api`), so their wire shapes are mirrored here as plain structs.

use std::collections::BTreeMap;

use domain::api::ErrorBody;
use domain::periode::SiklusPeriodik;
use domain::teks::Teks;
use gloo_net::http::{Method, Request};
use serde::{Deserialize, Serialize};

use super::Error;

/// A period as the admin sees it (`GET /api/v1/org/periode`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct PeriodeRow {
    pub id: String,
    pub tahun: i64,
    /// `permenpanrb_6_2022`, `permenpanrb_8_2021` or `pp_46_2011`.
    pub rule_set: String,
    /// `bulanan` or `triwulanan`.
    pub siklus: String,
    pub mulai: String,
    pub selesai: String,
    #[serde(default)]
    pub version: i64,
}

/// `POST /api/v1/org/periode` body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BuatPeriode {
    pub tahun: String,
    pub siklus: SiklusPeriodik,
    pub rule_set: Option<String>,
    pub mulai: String,
    pub selesai: String,
}

/// The created period and its non-blocking remarks ("id / en" texts).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PeriodeDibuat {
    #[serde(flatten)]
    pub periode: PeriodeRow,
    #[serde(default)]
    pub peringatan: BTreeMap<String, Vec<String>>,
}

/// A unit kerja and the units below it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct UnitNode {
    pub id: String,
    pub nama: String,
    pub induk_id: Option<String>,
    pub jumlah_pegawai: i64,
    #[serde(default)]
    pub anak: Vec<UnitNode>,
}

/// One pegawai of the instansi (`GET /api/v1/org/pegawai`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct PegawaiItem {
    pub id: String,
    pub nip: String,
    pub nama: String,
    pub jabatan: String,
    pub unit_nama: String,
    /// `tidak_ada`, `belum_aktivasi` or `aktif`.
    pub status_akun: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Halaman<T> {
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
    pub items: Vec<T>,
}

/// One row of the atasan mapping: a segment, or a pegawai without any.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AtasanItem {
    pub pegawai_id: String,
    pub nip: String,
    pub nama: String,
    pub unit_id: String,
    pub unit_nama: String,
    /// No pejabat penilai at present.
    pub tanpa_penilai: bool,
    pub segmen_id: Option<String>,
    pub penilai_id: Option<String>,
    pub penilai_nama: Option<String>,
    pub atasan_penilai_id: Option<String>,
    pub atasan_penilai_nama: Option<String>,
    pub berlaku_mulai: Option<String>,
    pub berlaku_sampai: Option<String>,
    pub version: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AtasanHalaman {
    pub total: i64,
    pub tanpa_penilai: i64,
    pub limit: i64,
    pub offset: i64,
    pub items: Vec<AtasanItem>,
}

/// `PUT /api/v1/org/atasan` body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetAtasan {
    pub periode_id: String,
    pub pegawai_id: String,
    pub penilai_id: Option<String>,
    pub atasan_penilai_id: Option<String>,
    pub berlaku_mulai: String,
    pub version: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AtasanDiset {
    pub pegawai_id: String,
    pub periode_id: String,
    pub berubah: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct KodeAktivasi {
    pub pegawai_id: String,
    pub nip: String,
    pub nama: String,
    pub kode: String,
}

/// The codes, shown once (only their hashes are stored).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AktivasiDibuat {
    pub jumlah: usize,
    /// Unix seconds.
    pub berlaku_sampai: i64,
    pub kode: Vec<KodeAktivasi>,
}

/// One problem of an imported file.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Kesalahan {
    /// The row as numbered in the file (the header is row 1).
    pub baris: u64,
    pub kolom: String,
    pub kode: String,
    pub pesan: Teks,
    pub diperbaiki_oleh: Teks,
}

/// The first problems of a file and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Laporan {
    pub total: usize,
    pub kesalahan: Vec<Kesalahan>,
}

/// The summary of an import (a check when `terapkan` is false).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Ringkasan {
    pub terapkan: bool,
    pub baris: usize,
    pub dibuat: usize,
    pub diubah: usize,
    pub tidak_berubah: usize,
    #[serde(default)]
    pub unit_dibuat: usize,
    #[serde(default)]
    pub atasan_diubah: usize,
    #[serde(default)]
    pub periode_id: Option<String>,
    #[serde(default)]
    pub peringatan: Vec<Teks>,
}

/// The 422 of an import: the usual error body plus the row report.
#[derive(Clone, Debug, PartialEq, Deserialize)]
struct ImporGagal {
    #[serde(flatten)]
    error: ErrorBody,
    laporan: Laporan,
}

/// Why an import did not go through.
#[derive(Clone, Debug, PartialEq)]
pub enum GalatImpor {
    /// The file has problems: nothing was changed. `pesan` is "id / en".
    Laporan {
        pesan: String,
        laporan: Laporan,
    },
    Lain(Error),
}

pub async fn periode() -> Result<Vec<PeriodeRow>, Error> {
    super::get("/api/v1/org/periode").await
}

pub async fn buat_periode(body: &BuatPeriode) -> Result<PeriodeDibuat, Error> {
    super::send(Method::POST, "/api/v1/org/periode", body).await
}

pub async fn unit() -> Result<Vec<UnitNode>, Error> {
    super::get("/api/v1/org/unit").await
}

/// The instansi's pegawai whose name or NIP matches `q`.
pub async fn cari_pegawai(q: &str) -> Result<Halaman<PegawaiItem>, Error> {
    super::finish(Request::get("/api/v1/org/pegawai").query([("q", q), ("limit", "20")]).build()).await
}

/// The whole mapping of a period (pegawai without a penilai first).
pub async fn atasan(periode_id: &str) -> Result<AtasanHalaman, Error> {
    super::finish(Request::get("/api/v1/org/atasan").query([("periode_id", periode_id), ("limit", "1000")]).build())
        .await
}

pub async fn set_atasan(body: &SetAtasan, key: &str) -> Result<AtasanDiset, Error> {
    super::send_with_key(Method::PUT, "/api/v1/org/atasan", body, key).await
}

/// Codes for every pegawai of the instansi without a password yet.
pub async fn aktivasi() -> Result<AktivasiDibuat, Error> {
    super::send(Method::POST, "/api/v1/admin/aktivasi", &serde_json::json!({})).await
}

/// Sends a CSV file: a check only, or (`terapkan`) applied, all or nothing.
pub async fn impor(
    teks: String,
    terapkan: bool,
    periode_id: Option<String>,
    key: &str,
) -> Result<Ringkasan, GalatImpor> {
    let mut query = vec![("terapkan", if terapkan { "true" } else { "false" }.to_owned())];
    if let Some(p) = periode_id.filter(|p| !p.is_empty()) {
        query.push(("periode_id", p));
    }
    let req = Request::post("/api/v1/admin/import")
        .query(query.iter().map(|(k, v)| (*k, v.as_str())))
        .header("content-type", "text/csv; charset=utf-8")
        .header("x-csrf-token", &super::csrf_token())
        .header("idempotency-key", key)
        .body(teks)
        .map_err(|_| GalatImpor::Lain(Error::Network))?;
    let res = req.send().await.map_err(|_| GalatImpor::Lain(Error::Network))?;
    match res.status() {
        200..=299 => res.json::<Ringkasan>().await.map_err(|_| GalatImpor::Lain(Error::Decode)),
        401 => Err(GalatImpor::Lain(Error::SesiBerakhir)),
        status => {
            let teks = res.text().await.unwrap_or_default();
            Err(galat_impor(status, &teks))
        }
    }
}

/// Reads a refusal of the import: the row report of a 422, else the error body.
fn galat_impor(status: u16, teks: &str) -> GalatImpor {
    if status == 422
        && let Ok(g) = serde_json::from_str::<ImporGagal>(teks)
    {
        return GalatImpor::Laporan { pesan: g.error.message, laporan: g.laporan };
    }
    let body = serde_json::from_str::<ErrorBody>(teks).unwrap_or_else(|_| ErrorBody {
        code: "unknown".into(),
        message: format!("HTTP {status}"),
        ..ErrorBody::default()
    });
    GalatImpor::Lain(Error::Api { status, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_422_with_a_report_reads_as_the_report() {
        let body = r#"{"code":"import_invalid","message":"Berkas tidak diimpor / The file was not imported",
            "fields":{"baris[2].nip":["x / y"]},
            "laporan":{"total":1,"kesalahan":[{"baris":2,"kolom":"nip","kode":"nip_tidak_valid",
              "pesan":{"id":"NIP tidak valid","en":"Invalid NIP"},"perbaikan":"pegawai_atau_bkn",
              "diperbaiki_oleh":{"id":"pegawai ybs / BKN (SIASN)","en":"the employee / BKN (SIASN)"}}]}}"#;
        match galat_impor(422, body) {
            GalatImpor::Laporan { laporan, .. } => {
                assert_eq!(laporan.total, 1);
                assert_eq!(laporan.kesalahan[0].baris, 2);
                assert_eq!(laporan.kesalahan[0].kolom, "nip");
            }
            other => panic!("expected a report, got {other:?}"),
        }
    }

    #[test]
    fn other_refusals_keep_the_error_body() {
        let g = galat_impor(403, r#"{"code":"forbidden","message":"Ditolak / Forbidden"}"#);
        assert!(matches!(g, GalatImpor::Lain(Error::Api { status: 403, ref body }) if body.code == "forbidden"));
        let g = galat_impor(500, "not json");
        assert!(matches!(g, GalatImpor::Lain(Error::Api { status: 500, .. })));
    }

    #[test]
    fn a_period_reads_with_its_version_and_remarks() {
        let p: PeriodeDibuat = serde_json::from_str(
            r#"{"id":"p","tahun":2026,"rule_set":"permenpanrb_6_2022","siklus":"triwulanan",
                "mulai":"2026-01-01","selesai":"2026-12-31","version":1,"peringatan":{}}"#,
        )
        .unwrap();
        assert_eq!(p.periode.tahun, 2026);
        assert_eq!(p.periode.version, 1);
    }
}
