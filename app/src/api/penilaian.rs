//! The evaluation: a subordinate's rating (`/skp/{id}/penilaian`), the
//! penilai's unit and its distribution (`/penilai/distribusi`), the
//! evaluation documents and their steps (`/dokumen-evaluasi/…`), the
//! angka kredit and everyone's queue with its deadlines
//! (`/antrian-evaluasi`). A rating also travels through the outbox
//! (`offline::sync`); finalising and the documents' steps are online acts.

use domain::api::{
    AngkaKreditSkp, AntrianEvaluasi, DistribusiUnit, DokumenEvaluasiView, Finalisasi, FinalisasiView, HariLiburView,
    LangkahDokumen, PengaturanPenilaian, PenilaianLamaSaya, PenilaianSkp, PredikatOrganisasiView,
    SetPredikatOrganisasi, SimpanPenilaian, UnitBawahan,
};
use domain::skp::dokumen::AksiDokumen;
use gloo_net::http::Method;

use super::{Client, Error};

/// The record path of a rating (the outbox's and the server's).
pub fn path_penilaian(skp_id: &str) -> String {
    format!("/api/v1/skp/{skp_id}/penilaian")
}

/// The record path of a former rule set's numeric rating.
pub fn path_penilaian_lama(skp_id: &str) -> String {
    format!("/api/v1/skp/{skp_id}/penilaian-lama")
}

impl Client {
    /// What the penilai rates one evaluation (`periodik-3`, `tahunan`) of an SKP with.
    pub async fn penilaian_skp(self, skp_id: &str, evaluasi: &str) -> Result<PenilaianSkp, Error> {
        self.get(&format!("{}?evaluasi={evaluasi}", path_penilaian(skp_id))).await
    }

    /// The caller's own numeric evaluations (former rule sets' periods), the latest first.
    pub async fn penilaian_lama_saya(self) -> Result<Vec<PenilaianLamaSaya>, Error> {
        self.get("/api/v1/penilaian-lama").await
    }

    /// Saves a rating straight, either kind ([`path_penilaian`] or
    /// [`path_penilaian_lama`]; a device without a store, else the outbox
    /// sends it): the answer as JSON (its `version` is read).
    pub async fn simpan_rating(self, path: &str, body: &serde_json::Value) -> Result<serde_json::Value, Error> {
        self.send(Method::PUT, path, body).await
    }

    /// The caller's unit for one evaluation: who is rated how, the pattern's limits.
    pub async fn distribusi(self, periode_id: &str, evaluasi: &str) -> Result<DistribusiUnit, Error> {
        self.get(&format!("/api/v1/penilai/distribusi?periode_id={periode_id}&evaluasi={evaluasi}")).await
    }

    /// Finalises the unit's ratings of one evaluation (makes the documents).
    pub async fn finalisasi(self, input: &Finalisasi) -> Result<FinalisasiView, Error> {
        self.send(Method::POST, "/api/v1/penilai/distribusi/finalisasi", input).await
    }

    /// One evaluation document.
    pub async fn dokumen_evaluasi(self, id: &str) -> Result<DokumenEvaluasiView, Error> {
        self.get(&format!("/api/v1/dokumen-evaluasi/{id}")).await
    }

    /// The evaluation documents of an SKP.
    pub async fn dokumen_evaluasi_skp(self, skp_id: &str) -> Result<Vec<DokumenEvaluasiView>, Error> {
        self.get(&format!("/api/v1/skp/{skp_id}/dokumen-evaluasi")).await
    }

    /// One step of a document, on its version.
    pub async fn langkah_dokumen(
        self,
        id: &str,
        aksi: AksiDokumen,
        langkah: &LangkahDokumen,
    ) -> Result<DokumenEvaluasiView, Error> {
        self.send(Method::POST, &format!("/api/v1/dokumen-evaluasi/{id}/{aksi}"), langkah).await
    }

    /// A functional position's angka kredit per evaluation.
    pub async fn angka_kredit(self, skp_id: &str) -> Result<AngkaKreditSkp, Error> {
        self.get(&format!("/api/v1/skp/{skp_id}/angka-kredit")).await
    }

    /// What the caller must do about the evaluation of a period, by when.
    pub async fn antrian_evaluasi(self, periode_id: &str) -> Result<AntrianEvaluasi, Error> {
        self.get(&format!("/api/v1/antrian-evaluasi?periode_id={periode_id}")).await
    }

    /// The atasan pejabat penilai rates and signs in the penilai's place
    /// (the penilai's deadline passed): the document, Format D.1.2.
    pub async fn take_over(self, skp_id: &str, input: &SimpanPenilaian) -> Result<DokumenEvaluasiView, Error> {
        self.send(Method::POST, &format!("/api/v1/skp/{skp_id}/take-over"), input).await
    }

    /// A unit's organisation predikat per evaluation of a period.
    pub async fn predikat_organisasi(
        self,
        unit_id: &str,
        periode_id: &str,
    ) -> Result<Vec<PredikatOrganisasiView>, Error> {
        self.get(&format!("/api/v1/unit/{unit_id}/predikat-organisasi?periode_id={periode_id}")).await
    }

    /// Sets a unit's organisation predikat (the admin, or the unit's leader one level above).
    pub async fn set_predikat_organisasi(
        self,
        unit_id: &str,
        input: &SetPredikatOrganisasi,
    ) -> Result<PredikatOrganisasiView, Error> {
        self.send(Method::PUT, &format!("/api/v1/unit/{unit_id}/predikat-organisasi"), input).await
    }

    /// A period's evaluation settings (whether the pattern warns or blocks).
    pub async fn pengaturan_penilaian(self, periode_id: &str) -> Result<PengaturanPenilaian, Error> {
        self.get(&format!("/api/v1/pengaturan-penilaian?periode_id={periode_id}")).await
    }

    /// The holidays of a year: the national ones and the instansi's own.
    pub async fn kalender(self, tahun: i32) -> Result<Vec<HariLiburView>, Error> {
        self.get(&format!("/api/v1/kalender?tahun={tahun}")).await
    }

    /// The units one level below whose organisation predikat the caller sets as their leader.
    pub async fn unit_bawahan(self, periode_id: &str) -> Result<Vec<UnitBawahan>, Error> {
        self.get(&format!("/api/v1/penilai/unit-bawahan?periode_id={periode_id}")).await
    }
}
