//! `/api/v1/notifikasi` and the penilai's reminder.

use domain::api::{BacaNotifikasi, DaftarNotifikasi, Ingatkan, JumlahNotifikasi};
use gloo_net::http::Method;

use super::{Client, Error};

impl Client {
    pub async fn list_notifikasi(self) -> Result<DaftarNotifikasi, Error> {
        self.get("/api/v1/notifikasi").await
    }

    /// The unread count (the bell).
    pub async fn jumlah_notifikasi(self) -> Result<JumlahNotifikasi, Error> {
        self.get("/api/v1/notifikasi/jumlah").await
    }

    /// Marks one notification read, or all of them (`None`).
    pub async fn baca_notifikasi(self, id: Option<String>) -> Result<(), Error> {
        self.send(Method::POST, "/api/v1/notifikasi/baca", &BacaNotifikasi { id }).await
    }

    /// Reminds a subordinate to draft and submit their plan.
    pub async fn ingatkan(self, pegawai_id: String, periode_id: String) -> Result<(), Error> {
        self.send(Method::POST, "/api/v1/penilai/ingatkan", &Ingatkan { pegawai_id, periode_id }).await
    }
}
