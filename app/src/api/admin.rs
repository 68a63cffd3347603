//! The admin instansi's side of `/api/v1/org/…` and `/api/v1/admin/…`:
//! periods, units, the atasan mapping, the CSV import and activation codes.
//! The wire types are the server's own, from `domain::api`.

use domain::api::{
    AktivasiDibuat, AtasanDiset, AtasanHalaman, BuatPeriode, ErrorBody, Halaman, HariLiburView, ImportRejected,
    Laporan, MintaAktivasi, PegawaiItem, PengaturanPenilaian, PeriodeDibuat, Ringkasan, SetAtasan,
    SetPengaturanPenilaian, TambahHariLibur, UnitNode,
};
use gloo_net::http::{Method, Request};

use super::{Client, Error};

/// Why an import did not go through.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// The file has problems: nothing was changed.
    Laporan {
        pesan: domain::Teks,
        laporan: Laporan,
    },
    Other(Error),
}

impl Client {
    pub async fn create_periode(self, body: &BuatPeriode) -> Result<PeriodeDibuat, Error> {
        self.send(Method::POST, "/api/v1/org/periode", body).await
    }

    pub async fn list_unit(self) -> Result<Vec<UnitNode>, Error> {
        self.get("/api/v1/org/unit").await
    }

    /// The instansi's pegawai whose name or NIP matches `q`.
    pub async fn search_pegawai(self, q: &str) -> Result<Halaman<PegawaiItem>, Error> {
        super::finish(Request::get("/api/v1/org/pegawai").query([("q", q), ("limit", "20")]).build()).await
    }

    /// The whole mapping of a period (pegawai without a penilai first).
    pub async fn list_atasan(self, periode_id: &str) -> Result<AtasanHalaman, Error> {
        super::finish(Request::get("/api/v1/org/atasan").query([("periode_id", periode_id), ("limit", "1000")]).build())
            .await
    }

    pub async fn set_atasan(self, body: &SetAtasan, key: &str) -> Result<AtasanDiset, Error> {
        self.send_with_key(Method::PUT, "/api/v1/org/atasan", body, key).await
    }

    /// Whether the distribution pattern warns or blocks in a period.
    pub async fn set_pengaturan_penilaian(
        self,
        periode_id: &str,
        body: &SetPengaturanPenilaian,
    ) -> Result<PengaturanPenilaian, Error> {
        self.send(Method::PUT, &format!("/api/v1/org/periode/{periode_id}/pengaturan-penilaian"), body).await
    }

    /// Adds the instansi's own holidays: the whole calendar after the change.
    pub async fn tambah_hari_libur(self, body: &TambahHariLibur) -> Result<Vec<HariLiburView>, Error> {
        self.send(Method::POST, "/api/v1/org/hari-libur", body).await
    }

    /// Codes for every pegawai of the instansi without a password yet.
    pub async fn create_aktivasi(self) -> Result<AktivasiDibuat, Error> {
        self.send(Method::POST, "/api/v1/admin/aktivasi", &MintaAktivasi::default()).await
    }

    /// Sends a CSV file: a check only, or (`terapkan`) applied, all or
    /// nothing, or (`sebagian`) the rows that pass.
    pub async fn import_csv(
        self,
        teks: String,
        terapkan: bool,
        sebagian: bool,
        periode_id: Option<String>,
        key: &str,
    ) -> Result<Ringkasan, ImportError> {
        let mut query = vec![("terapkan", if terapkan { "true" } else { "false" }.to_owned())];
        if sebagian {
            query.push(("sebagian", "true".to_owned()));
        }
        if let Some(p) = periode_id.filter(|p| !p.is_empty()) {
            query.push(("periode_id", p));
        }
        let req = self
            .mutation(Method::POST, "/api/v1/admin/import", key)
            .query(query.iter().map(|(k, v)| (*k, v.as_str())))
            .header("content-type", "text/csv; charset=utf-8")
            .body(teks)
            .map_err(|_| ImportError::Other(Error::Network))?;
        let res = req.send().await.map_err(|_| ImportError::Other(Error::Network))?;
        match res.status() {
            200..=299 => res.json::<Ringkasan>().await.map_err(|_| ImportError::Other(Error::Decode)),
            401 => Err(ImportError::Other(Error::SessionEnded)),
            status => {
                let teks = res.text().await.unwrap_or_default();
                Err(import_error(status, &teks))
            }
        }
    }
}

/// Reads a refusal of the import: the row report of a 422, else the error body.
fn import_error(status: u16, teks: &str) -> ImportError {
    if status == 422
        && let Ok(ImportRejected { error, laporan: Some(laporan) }) = serde_json::from_str::<ImportRejected>(teks)
    {
        return ImportError::Laporan { pesan: error.message, laporan };
    }
    let body = serde_json::from_str::<ErrorBody>(teks).unwrap_or_else(|_| ErrorBody {
        code: "unknown".into(),
        message: domain::Teks::new(format!("HTTP {status}"), format!("HTTP {status}")),
        ..ErrorBody::default()
    });
    ImportError::Other(Error::Api { status, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_422_with_a_report_reads_as_the_report() {
        let laporan = Laporan { total: 7, kesalahan: Vec::new() };
        let error =
            ErrorBody { code: "import_invalid".into(), message: domain::Teks::new("a", "b"), ..ErrorBody::default() };
        let body = serde_json::to_string(&ImportRejected { error, laporan: Some(laporan.clone()) }).unwrap();
        match import_error(422, &body) {
            ImportError::Laporan { pesan, laporan: dibaca } => {
                assert_eq!((pesan, dibaca), (domain::Teks::new("a", "b"), laporan))
            }
            other => panic!("expected a report, got {other:?}"),
        }
        assert!(matches!(import_error(409, &body), ImportError::Other(Error::Api { status: 409, .. })), "only a 422");
    }

    #[test]
    fn other_refusals_keep_the_error_body() {
        let g = import_error(403, r#"{"code":"forbidden","message":{"id":"Ditolak","en":"Forbidden"}}"#);
        assert!(matches!(g, ImportError::Other(Error::Api { status: 403, ref body }) if body.code == "forbidden"));
        let g = import_error(500, "not json");
        assert!(matches!(g, ImportError::Other(Error::Api { status: 500, .. })));
    }
}
