//! `/api/v1/skp/…` and the penilai's queue.

use domain::api::{AntrianItem, CreateSkp, EditSkp, RhkAtasan, SkpBaca, SkpRingkas, Transition};
use domain::skp::{AksiSkp, SkpInput};
use gloo_net::http::Method;

use super::{Client, Error};

/// The four workflow steps the API exposes, each its own route (the
/// server's `Langkah`): a subset of the domain's [`AksiSkp`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Langkah {
    Submit,
    Approve,
    Return,
    Revise,
}

impl Langkah {
    /// The step in the domain's words (as the SKP's history records it).
    pub fn aksi(self) -> AksiSkp {
        match self {
            Langkah::Submit => AksiSkp::Submit,
            Langkah::Approve => AksiSkp::Approve,
            Langkah::Return => AksiSkp::ReturnWithNotes,
            Langkah::Revise => AksiSkp::StartRevision,
        }
    }

    /// The route's last segment: the one place the wire spells a step.
    fn wire(self) -> &'static str {
        match self {
            Langkah::Submit => "submit",
            Langkah::Approve => "approve",
            Langkah::Return => "return",
            Langkah::Revise => "revise",
        }
    }
}

impl Client {
    /// The signed-in pegawai's own SKPs.
    pub async fn list_skp(self) -> Result<Vec<SkpRingkas>, Error> {
        self.get("/api/v1/skp").await
    }

    pub async fn read_skp(self, id: &str) -> Result<SkpBaca, Error> {
        self.get(&format!("/api/v1/skp/{id}")).await
    }

    pub async fn create_skp(self, periode_id: String, rencana: SkpInput) -> Result<SkpBaca, Error> {
        self.send(Method::POST, "/api/v1/skp", &CreateSkp { periode_id, rencana }).await
    }

    pub async fn save_skp(self, id: &str, version: i64, rencana: SkpInput) -> Result<SkpBaca, Error> {
        self.send(Method::PUT, &format!("/api/v1/skp/{id}"), &EditSkp { version, rencana }).await
    }

    /// Takes a workflow step on the SKP at `version` (`catatan`: a return's notes).
    pub async fn transition_skp(
        self,
        id: &str,
        langkah: Langkah,
        version: i64,
        catatan: String,
    ) -> Result<SkpBaca, Error> {
        let path = format!("/api/v1/skp/{id}/{}", langkah.wire());
        self.send(Method::POST, &path, &Transition { version, catatan }).await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_langkah_is_its_own_route_and_its_own_aksi() {
        let semua = [Langkah::Submit, Langkah::Approve, Langkah::Return, Langkah::Revise];
        let wire: Vec<_> = semua.iter().map(|l| l.wire()).collect();
        assert_eq!(wire, ["submit", "approve", "return", "revise"]);
        let aksi: Vec<_> = semua.iter().map(|l| l.aksi()).collect();
        assert_eq!(aksi, [AksiSkp::Submit, AksiSkp::Approve, AksiSkp::ReturnWithNotes, AksiSkp::StartRevision]);
    }
}
