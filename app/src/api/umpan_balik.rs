//! Feedback: continuous feedback on a set SKP (`/api/v1/umpan-balik/…`,
//! `/skp/{id}/umpan-balik`, `/permintaan-umpan-balik`,
//! `/penilai/umpan-balik`) and the 360 (`/penilai-360`, `/tugas-360`,
//! `/hasil-360`, `/pengaturan-360`). The changes a person makes while
//! working (a sheet, an answer) also travel through the outbox
//! (`offline::sync`); these are the direct calls and the reads.

use domain::api::umpan_balik::{
    AntrianUmpanBalik, DaftarPenilai360, Hasil360, MintaUmpanBalik, Pengaturan360, Penilai360Item, SetPengaturan360,
    SimpanJawaban360, SimpanUmpanBalik, TambahPenilai360, Tugas360, UmpanBalikView,
};
use gloo_net::http::Method;

use super::{Client, Error};

/// `periode_id=…&pegawai_id=…`: ids are the server's own (UUID-like), so
/// they are sent as they are.
fn dinilai(periode_id: &str, pegawai_id: &str) -> String {
    format!("periode_id={periode_id}&pegawai_id={pegawai_id}")
}

impl Client {
    /// The feedback sheets on an SKP (its pegawai, their penilai and atasan penilai, the admin).
    pub async fn list_umpan_balik(self, skp_id: &str) -> Result<Vec<UmpanBalikView>, Error> {
        self.get(&format!("/api/v1/skp/{skp_id}/umpan-balik")).await
    }

    /// Saves one sheet (`id`: the client's UUID; `version` 0 makes it).
    pub async fn simpan_umpan_balik(self, id: &str, sheet: &SimpanUmpanBalik) -> Result<UmpanBalikView, Error> {
        self.send(Method::PUT, &format!("/api/v1/umpan-balik/{id}"), sheet).await
    }

    /// The pegawai asks their penilai for feedback on their SKP.
    pub async fn minta_umpan_balik(self, skp_id: String) -> Result<(), Error> {
        self.send(Method::POST, "/api/v1/permintaan-umpan-balik", &MintaUmpanBalik { skp_id }).await
    }

    /// The penilai's subordinates for a sub-period (`ke`; `None`: today's),
    /// those still without this sub-period's feedback first.
    pub async fn antrian_umpan_balik(self, periode_id: &str, ke: Option<u8>) -> Result<AntrianUmpanBalik, Error> {
        let ke = ke.map(|k| format!("&ke={k}")).unwrap_or_default();
        self.get(&format!("/api/v1/penilai/umpan-balik?periode_id={periode_id}{ke}")).await
    }

    /// A period's 360 deadline.
    pub async fn pengaturan_360(self, periode_id: &str) -> Result<Pengaturan360, Error> {
        self.get(&format!("/api/v1/pengaturan-360?periode_id={periode_id}")).await
    }

    /// The admin sets a period's 360 deadline.
    pub async fn set_pengaturan_360(self, periode_id: &str, input: &SetPengaturan360) -> Result<Pengaturan360, Error> {
        self.send(Method::PUT, &format!("/api/v1/org/periode/{periode_id}/pengaturan-360"), input).await
    }

    /// A ratee's raters: the whole list for their penilai, the ratee's own
    /// proposals and the counts for the ratee.
    pub async fn daftar_penilai_360(self, periode_id: &str, pegawai_id: &str) -> Result<DaftarPenilai360, Error> {
        self.get(&format!("/api/v1/penilai-360?{}", dinilai(periode_id, pegawai_id))).await
    }

    /// Proposes (the ratee) or sets (the penilai) a rater.
    pub async fn tambah_penilai_360(self, input: &TambahPenilai360) -> Result<Penilai360Item, Error> {
        self.send(Method::POST, "/api/v1/penilai-360", input).await
    }

    /// The penilai confirms a proposed rater (who is then asked).
    pub async fn konfirmasi_penilai_360(self, id: &str) -> Result<Penilai360Item, Error> {
        self.send(Method::POST, &format!("/api/v1/penilai-360/{id}/konfirmasi"), &()).await
    }

    /// Removes a rater from the list.
    pub async fn hapus_penilai_360(self, id: &str) -> Result<(), Error> {
        self.send(Method::DELETE, &format!("/api/v1/penilai-360/{id}"), &()).await
    }

    /// The 360 requests to the caller as a rater (of one period, or all).
    pub async fn tugas_360(self, periode_id: Option<&str>) -> Result<Vec<Tugas360>, Error> {
        let q = periode_id.map(|p| format!("?periode_id={p}")).unwrap_or_default();
        self.get(&format!("/api/v1/tugas-360{q}")).await
    }

    /// The rater's answer to one request.
    pub async fn jawab_360(self, id: &str, input: &SimpanJawaban360) -> Result<Tugas360, Error> {
        self.send(Method::PUT, &format!("/api/v1/tugas-360/{id}"), input).await
    }

    /// The aggregate, for the ratee or their penilai (`null` parts until the 360 closes).
    pub async fn hasil_360(self, periode_id: &str, pegawai_id: &str) -> Result<Hasil360, Error> {
        self.get(&format!("/api/v1/hasil-360?{}", dinilai(periode_id, pegawai_id))).await
    }
}

impl Client {
    /// Colleagues of the caller's instansi whose name or whole NIP matches
    /// `q` (at least 3 characters), to propose or set as 360 raters. A POST
    /// that changes nothing: what is typed goes in the body, never in the
    /// address (no Idempotency-Key; the session's CSRF token, asked for
    /// first when the app was opened with no connection).
    pub async fn cari_rekan(self, q: &str) -> Result<Vec<domain::api::PegawaiRingkas>, Error> {
        if !self.has_csrf_token() && self.session().await?.is_none() {
            return Err(Error::SessionEnded);
        }
        let body = domain::api::CariCalon360 { q: q.to_owned() };
        let req = gloo_net::http::RequestBuilder::new("/api/v1/calon-penilai-360")
            .method(Method::POST)
            .header("x-csrf-token", &self.csrf_token());
        super::finish(req.json(&body)).await
    }
}
