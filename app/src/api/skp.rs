//! `/api/v1/skp/…` and the penilai's queue.

use domain::api::{
    AntrianItem, CreateSkp, EditSkp, PegawaiRingkas, RhkAtasan, SejakDikembalikan, SkpBaca, SkpRingkas, Transition,
};
use domain::skp::{AksiSkp, SkpInput, SkpRencana};
use gloo_net::http::Method;
use serde::Deserialize;

use super::{Client, Error};

/// An SKP as a page that reads only its plan takes it ([`SkpBaca`] without
/// the form as typed and its completeness, left unparsed, so that the
/// realisasi build carries no code for them).
#[derive(Debug, Clone, Deserialize)]
pub struct SkpTerbaca {
    pub id: String,
    pub version: i64,
    pub periode_id: String,
    pub pegawai: PegawaiRingkas,
    pub skp: SkpRencana,
}

impl Client {
    /// The signed-in pegawai's own SKPs.
    pub async fn list_skp(self) -> Result<Vec<SkpRingkas>, Error> {
        self.get("/api/v1/skp").await
    }

    pub async fn read_skp(self, id: &str) -> Result<SkpBaca, Error> {
        self.get(&format!("/api/v1/skp/{id}")).await
    }

    /// The same answer as [`Client::read_skp`], read as [`SkpTerbaca`].
    pub async fn read_rencana(self, id: &str) -> Result<SkpTerbaca, Error> {
        self.get(&format!("/api/v1/skp/{id}")).await
    }

    pub async fn create_skp(self, periode_id: String, rencana: SkpInput) -> Result<SkpBaca, Error> {
        self.send(Method::POST, "/api/v1/skp", &CreateSkp { periode_id, rencana }).await
    }

    /// Saves the plan; `draf`: saved as it is typed (kept even when it does
    /// not pass the rules yet).
    pub async fn save_skp(self, id: &str, version: i64, rencana: SkpInput, draf: bool) -> Result<SkpBaca, Error> {
        self.send(Method::PUT, &format!("/api/v1/skp/{id}"), &EditSkp { version, rencana, draf }).await
    }

    /// Takes a workflow step (submit, approve, return, revise) on the SKP at
    /// `version` (`catatan`: a return's notes, a revision's reason); the
    /// route's last segment is the action's one name.
    pub async fn transition_skp(self, id: &str, aksi: AksiSkp, langkah: &Transition) -> Result<SkpBaca, Error> {
        let path = format!("/api/v1/skp/{id}/{}", aksi.kode());
        self.send(Method::POST, &path, langkah).await
    }

    /// The plan's last return and what changed since (`None`: never returned).
    pub async fn sejak_dikembalikan(self, id: &str) -> Result<Option<SejakDikembalikan>, Error> {
        self.get(&format!("/api/v1/skp/{id}/sejak-dikembalikan")).await
    }

    /// The RHK of the SKP's atasan it can intervene.
    pub async fn read_rhk_atasan(self, id: &str) -> Result<RhkAtasan, Error> {
        self.get(&format!("/api/v1/skp/{id}/rhk-atasan")).await
    }

    /// The penilai's subordinates of a period and their SKP.
    pub async fn list_antrian(self, periode_id: &str) -> Result<Vec<AntrianItem>, Error> {
        self.get(&format!("/api/v1/penilai/skp?periode_id={periode_id}")).await
    }
}
