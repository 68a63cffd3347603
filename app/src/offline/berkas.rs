//! Evidence files waiting on the device (`state::berkas` holds the rules):
//! kept in the IndexedDB store under `berkas:{id}` as `{meta, isi}` (the
//! description as text, the content as a `Blob`), and sent by
//! [`PengirimBerkas`] when the connection is there — at the page's start,
//! when it is shown again (`pageshow`), when the connection comes back
//! (`online`) and whenever the outbox has sent all its JSON changes (so a
//! realisation typed before its file reaches the server first). Removed from
//! the device after the server's 201; a refusal is kept with the server's
//! message until its owner drops it. Only the signed-in person's files are
//! sent.

use domain::api::BuktiView;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::Blob;

use crate::api::{self, Client};
use crate::offline::idb::{self, IdbError};
use crate::offline::sync::Syncer;
use crate::state::auth::{Auth, AuthContext};
use crate::state::berkas::{BerkasTertunda, Nasib, antrean_kirim, nasib};

const AWALAN: &str = "berkas:";

fn kunci(id: &str) -> String {
    format!("{AWALAN}{id}")
}

fn ambil(v: &JsValue, nama: &str) -> Option<JsValue> {
    js_sys::Reflect::get(v, &nama.into()).ok().filter(|x| !x.is_undefined())
}

fn meta_dari(v: &JsValue) -> Option<BerkasTertunda> {
    serde_json::from_str(&ambil(v, "meta")?.as_string()?).ok()
}

/// Keeps a file and its description on the device (one strict write).
pub async fn simpan(meta: &BerkasTertunda, isi: &Blob) -> Result<(), IdbError> {
    let obj = js_sys::Object::new();
    let teks = serde_json::to_string(meta).map_err(|_| IdbError)?;
    js_sys::Reflect::set(&obj, &"meta".into(), &teks.into())?;
    js_sys::Reflect::set(&obj, &"isi".into(), isi)?;
    idb::write_value(&kunci(&meta.id), &obj).await
}

/// Every file waiting on the device (everyone's: the rules choose).
pub async fn daftar() -> Vec<BerkasTertunda> {
    idb::values_with_prefix(AWALAN).await.unwrap_or_default().iter().filter_map(meta_dari).collect()
}

async fn isi(id: &str) -> Option<Blob> {
    let v = idb::read_value(&kunci(id)).await.ok()??;
    ambil(&v, "isi").map(wasm_bindgen::JsCast::unchecked_into)
}

async fn hapus(id: &str) {
    let _ = idb::write(vec![(kunci(id), None)]).await;
}

/// The device's evidence files at work on a page (context-free: the page
/// that shows them makes one; copied freely).
#[derive(Clone, Copy)]
pub struct PengirimBerkas {
    client: Client,
    auth: AuthContext,
    sinkron: Option<Syncer>,
    /// Every file waiting on the device, as last read.
    pub daftar: RwSignal<Vec<BerkasTertunda>>,
    /// The file being sent now and the share of it sent (0–1).
    pub kemajuan: RwSignal<Option<(String, f64)>>,
    /// The last file the server took (the page adds it to its list).
    pub terkirim: RwSignal<Option<BuktiView>>,
    sedang: StoredValue<bool>,
    lagi: StoredValue<bool>,
}

impl PengirimBerkas {
    /// Starts watching the connection, the page and the outbox, and sends what waits.
    pub fn baru(client: Client, auth: AuthContext, sinkron: Option<Syncer>) -> Self {
        let p = PengirimBerkas {
            client,
            auth,
            sinkron,
            daftar: RwSignal::new(Vec::new()),
            kemajuan: RwSignal::new(None),
            terkirim: RwSignal::new(None),
            sedang: StoredValue::new(false),
            lagi: StoredValue::new(false),
        };
        let online = window_event_listener(leptos::ev::online, move |_| p.kirim());
        let tampil = window_event_listener(leptos::ev::pageshow, move |_| p.kirim());
        on_cleanup(move || {
            online.remove();
            tampil.remove();
        });
        // After the outbox: once nothing of this person's waits there (and
        // the connection answers), the files go.
        if let Some(s) = sinkron {
            Effect::new(move |_| {
                if s.waiting.get() == 0 && s.online.get() {
                    p.kirim();
                }
            });
        } else {
            p.kirim();
        }
        p
    }

    /// Reads the device's list again.
    pub async fn muat(self) {
        let d = daftar().await;
        self.daftar.try_set(d);
    }

    /// Keeps a chosen file on the device, then sends it when it can. With
    /// no device store (storage refused), it is sent at once.
    pub async fn tambah(self, meta: BerkasTertunda, berkas: Blob) -> Result<(), api::Error> {
        if simpan(&meta, &berkas).await.is_ok() {
            self.muat().await;
            self.kirim();
            return Ok(());
        }
        let v = self.unggah(&meta, &berkas).await?;
        self.terkirim.try_set(Some(v));
        Ok(())
    }

    /// One upload, its progress shown while it runs.
    async fn unggah(self, meta: &BerkasTertunda, berkas: &Blob) -> Result<BuktiView, api::Error> {
        let id = meta.id.clone();
        self.kemajuan.try_set(Some((id.clone(), 0.0)));
        let r = self
            .client
            .unggah_bukti(meta, berkas, move |x| {
                let _ = self.kemajuan.try_set(Some((id.clone(), x)));
            })
            .await;
        self.kemajuan.try_set(None);
        r
    }

    /// Drops a file from the device, as its owner chose.
    pub fn buang(self, id: String) {
        leptos::task::spawn_local(async move {
            hapus(&id).await;
            self.muat().await;
        });
    }

    /// Sends what waits, in the background.
    pub fn kirim(self) {
        leptos::task::spawn_local(self.kirim_semua());
    }

    async fn kirim_semua(self) {
        if self.sedang.try_get_value() != Some(false) {
            self.lagi.try_set_value(true);
            return;
        }
        self.sedang.set_value(true);
        loop {
            self.lagi.set_value(false);
            self.satu_putaran().await;
            if self.lagi.try_get_value() != Some(true) {
                break;
            }
        }
        self.sedang.try_set_value(false);
    }

    /// Sends the signed-in person's waiting files, oldest first, until one
    /// fails for now.
    async fn satu_putaran(self) {
        self.muat().await;
        let pemilik = self.auth.pegawai_id();
        let masuk = self.auth.0.try_with_untracked(|a| matches!(a, Auth::Masuk(_))) == Some(true);
        let daring = web_sys::window().is_some_and(|w| w.navigator().on_line());
        let outbox_kosong = self.sinkron.is_none_or(|s| s.waiting.try_get_untracked() == Some(0));
        if !masuk || !daring || !outbox_kosong {
            return;
        }
        let antre: Vec<BerkasTertunda> =
            self.daftar.with_untracked(|d| antrean_kirim(d, &pemilik).into_iter().cloned().collect());
        for meta in antre {
            // Signed out (or someone else) meanwhile: nothing more of theirs goes.
            if self.auth.pegawai_id() != pemilik {
                return;
            }
            let Some(berkas) = isi(&meta.id).await else {
                hapus(&meta.id).await;
                continue;
            };
            let r = self.unggah(&meta, &berkas).await;
            let (status, kode) = match &r {
                Ok(_) => (201, String::new()),
                Err(api::Error::Api { status, body }) => (*status, body.code.clone()),
                Err(api::Error::SessionEnded) => (401, String::new()),
                Err(_) => (0, String::new()),
            };
            match (nasib(status, &kode), r) {
                (Nasib::Terkirim, Ok(v)) => {
                    hapus(&meta.id).await;
                    self.terkirim.try_set(Some(v));
                }
                (Nasib::Ditolak, Err(e)) => {
                    let pesan = match e {
                        api::Error::Api { body, .. } => body.message,
                        _ => domain::skp::JenisBerkas::ditolak(),
                    };
                    let ditolak = BerkasTertunda { ditolak: Some(pesan), ..meta };
                    let _ = simpan(&ditolak, &berkas).await;
                }
                (_, Err(api::Error::SessionEnded)) => {
                    self.auth.expire();
                    break;
                }
                (_, Err(api::Error::Api { status: 403, .. })) => {
                    self.client.forget_csrf_token();
                    break;
                }
                // No connection, busy, the server failing: the next `online`,
                // page show or emptied outbox tries again.
                _ => break,
            }
            self.muat().await;
        }
        self.muat().await;
    }
}
