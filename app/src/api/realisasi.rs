//! `/api/v1/skp/{id}/realisasi` and `/api/v1/realisasi/belum`: the
//! realisations of a set SKP per evaluation, and what the dashboard says is
//! still to document. A realisation typed by the pegawai is saved through
//! the outbox (`offline::sync`); [`Client::simpan_realisasi`] is the direct
//! call for a browser that keeps nothing.

use domain::api::realisasi::{BelumDidokumentasi, RealisasiSkp, SimpanRealisasi};
use domain::skp::Realisasi;
use gloo_net::http::Method;
use serde::Deserialize;

use super::{Client, Error};

/// The server's answer to a saved realisation
/// (`domain::api::realisasi::RealisasiTersimpan`) as the app reads it: the
/// preview in it is left unread, since the page computes its own with the
/// same rules, and the wasm does not carry its deserializer.
#[derive(Debug, Clone, Deserialize)]
pub struct Tersimpan {
    pub version: i64,
    pub realisasi: Realisasi,
}

impl Client {
    pub async fn read_realisasi(self, skp_id: &str) -> Result<RealisasiSkp, Error> {
        self.get(&format!("/api/v1/skp/{skp_id}/realisasi")).await
    }

    pub async fn simpan_realisasi(self, skp_id: &str, isi: &SimpanRealisasi) -> Result<Tersimpan, Error> {
        self.send(Method::PUT, &format!("/api/v1/skp/{skp_id}/realisasi"), isi).await
    }

    /// The caller's indicators still without a realisation, per started sub-period.
    pub async fn realisasi_belum(self) -> Result<BelumDidokumentasi, Error> {
        self.get("/api/v1/realisasi/belum").await
    }
}
