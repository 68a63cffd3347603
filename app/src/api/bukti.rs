//! Evidence files: `POST /api/v1/skp/{id}/bukti` (the file as the raw
//! body) through `XMLHttpRequest`, the one browser API that reports an
//! upload's progress, with the same CSRF token and Idempotency-Key as every
//! change (`Client::mutation`). Downloads are plain links to
//! `/api/v1/bukti/{id}`; a deletion goes through the outbox.

use std::cell::RefCell;
use std::rc::Rc;

use domain::api::{BuktiView, ErrorBody};
use futures::channel::oneshot;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, ProgressEvent, XmlHttpRequest};

use super::{Client, Error, tanpa_body};
use crate::state::berkas::{BerkasTertunda, nama_header};

impl Client {
    /// Uploads `isi` as the evidence `b` describes (its key: a retry is
    /// answered from the first upload); `kemajuan` hears the share sent (0–1).
    pub async fn unggah_bukti(
        self,
        b: &BerkasTertunda,
        isi: &Blob,
        kemajuan: impl Fn(f64) + 'static,
    ) -> Result<BuktiView, Error> {
        // Opened with no connection: the session gives the CSRF token first.
        if !self.has_csrf_token() && self.session().await?.is_none() {
            return Err(Error::SessionEnded);
        }
        let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
        let url = format!(
            "/api/v1/skp/{}/bukti?indikator_id={}&evaluasi={}",
            enc(&b.skp_id),
            enc(&b.indikator_id),
            enc(&b.evaluasi)
        );
        let (status, teks) = kirim_xhr(&url, self.csrf_token(), b, isi, kemajuan).await.map_err(|_| Error::Network)?;
        match status {
            0 => Err(Error::Network),
            401 => Err(Error::SessionEnded),
            200..=299 => serde_json::from_str(&teks).map_err(|_| Error::Decode),
            _ => {
                let body = serde_json::from_str::<ErrorBody>(&teks).unwrap_or_else(|_| tanpa_body(status));
                Err(Error::Api { status, body })
            }
        }
    }
}

/// Sends the request and waits for its end: the status (0: no answer) and the body.
async fn kirim_xhr(
    url: &str,
    csrf: String,
    b: &BerkasTertunda,
    isi: &Blob,
    kemajuan: impl Fn(f64) + 'static,
) -> Result<(u16, String), JsValue> {
    let xhr = XmlHttpRequest::new()?;
    xhr.open_with_async("POST", url, true)?;
    xhr.set_request_header("content-type", "application/octet-stream")?;
    xhr.set_request_header("x-csrf-token", &csrf)?;
    xhr.set_request_header("idempotency-key", &b.kunci)?;
    xhr.set_request_header("x-nama-berkas", &nama_header(&b.nama))?;
    let maju = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            kemajuan(e.loaded() / e.total());
        }
    });
    xhr.upload()?.set_onprogress(Some(maju.as_ref().unchecked_ref()));
    let (tx, rx) = oneshot::channel::<()>();
    let tx = Rc::new(RefCell::new(Some(tx)));
    let selesai = Closure::<dyn FnMut()>::new(move || {
        if let Some(t) = tx.borrow_mut().take() {
            let _ = t.send(());
        }
    });
    // `loadend` comes after a load, an error, an abort and a timeout alike.
    xhr.add_event_listener_with_callback("loadend", selesai.as_ref().unchecked_ref())?;
    xhr.send_with_opt_blob(Some(isi))?;
    let _ = rx.await;
    if let Ok(u) = xhr.upload() {
        u.set_onprogress(None);
    }
    let status = xhr.status().unwrap_or(0);
    let teks = xhr.response_text().ok().flatten().unwrap_or_default();
    drop((maju, selesai));
    Ok((status, teks))
}
