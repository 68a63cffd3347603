//! The device's store: one IndexedDB database with one object store of
//! text under text keys, and the three things the app does with it (read a
//! key, change a key in one transaction, remove keys by prefix). A thin
//! layer over `web-sys` rather than a crate: the first load has little room.
//! An evidence file waiting to be uploaded is kept in the same store as an
//! object value (`{meta, isi}`: its description as text and its `Blob`),
//! under keys of their own ([`write_value`], [`read_value`],
//! [`values_with_prefix`]): no new store, so no version change of the database.
//!
//! Every write commits with `durability: "strict"` (Chromium's default is
//! relaxed: a write could be reported done and still be lost to a power
//! cut), and its future resolves only when the transaction has completed,
//! so whatever says "tersimpan di perangkat" after it is true.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{IdbDatabase, IdbKeyRange, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction};

const NAMA: &str = "ekinerja";
const STORE: &str = "kv";

/// The store could not be used (no IndexedDB, a private window, full, or
/// the transaction failed): nothing was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdbError;

impl From<JsValue> for IdbError {
    fn from(_: JsValue) -> Self {
        IdbError
    }
}

/// `IDBDatabase.transaction(store, mode, options)`: web-sys has the options
/// (`durability`) only behind its unstable-API flag, so it is called by name.
fn transaction_on(db: &IdbDatabase, mode: &str, opsi: &js_sys::Object) -> Result<IdbTransaction, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(db, &"transaction".into())?.dyn_into()?;
    Ok(f.call3(db, &STORE.into(), &mode.into(), opsi)?.unchecked_into())
}

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Waits until `pasang` has wired a sender to the events it chose; `true`
/// for success. The handlers live as long as the wait.
async fn wait(pasang: impl FnOnce(&js_sys::Function, &js_sys::Function)) -> bool {
    let (tx, rx) = oneshot::channel::<bool>();
    let tx = Rc::new(RefCell::new(Some(tx)));
    let kirim = |hasil: bool| {
        let tx = tx.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(t) = tx.borrow_mut().take() {
                let _ = t.send(hasil);
            }
        })
    };
    let (ok, gagal) = (kirim(true), kirim(false));
    pasang(ok.as_ref().unchecked_ref(), gagal.as_ref().unchecked_ref());
    rx.await.unwrap_or(false)
}

/// The open database (opened once per page; the store is created on first use).
async fn db() -> Result<IdbDatabase, IdbError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()).ok_or(IdbError)?;
    let req: IdbOpenDbRequest = factory.open_with_u32(NAMA, 1)?;
    let r = req.clone();
    let buat = Closure::<dyn FnMut()>::new(move || {
        if let Ok(db) = r.result().map(JsCast::unchecked_into::<IdbDatabase>) {
            let _ = db.create_object_store(STORE);
        }
    });
    req.set_onupgradeneeded(Some(buat.as_ref().unchecked_ref()));
    let ok = wait(|ok, gagal| {
        req.set_onsuccess(Some(ok));
        req.set_onerror(Some(gagal));
        req.set_onblocked(Some(gagal));
    })
    .await;
    req.set_onupgradeneeded(None);
    req.set_onsuccess(None);
    req.set_onerror(None);
    req.set_onblocked(None);
    if !ok {
        return Err(IdbError);
    }
    let db: IdbDatabase = req.result()?.unchecked_into();
    // Opened meanwhile by another caller: that one is kept, this one closed.
    if let Some(ada) = DB.with(|d| d.borrow().clone()) {
        db.close();
        return Ok(ada);
    }
    // Another tab opening a newer version closes this one; the next use reopens.
    let tutup = Closure::<dyn FnMut()>::new(|| DB.with(|d| d.borrow_mut().take().map(|db| db.close())).unwrap_or(()));
    db.set_onversionchange(Some(tutup.as_ref().unchecked_ref()));
    tutup.forget();
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// A transaction on the store; a writing one commits strictly.
async fn transaction(tulis: bool) -> Result<(IdbTransaction, IdbObjectStore), IdbError> {
    let opsi = js_sys::Object::new();
    let mode = if tulis {
        js_sys::Reflect::set(&opsi, &"durability".into(), &"strict".into())?;
        "readwrite"
    } else {
        "readonly"
    };
    let tx = match transaction_on(&db().await?, mode, &opsi) {
        Ok(tx) => tx,
        // Closed under us (another tab's upgrade): once more on a fresh one.
        Err(_) => {
            DB.with(|d| d.borrow_mut().take());
            transaction_on(&db().await?, mode, &opsi)?
        }
    };
    let store = tx.object_store(STORE)?;
    Ok((tx, store))
}

/// Until the transaction has completed (committed) or failed.
async fn completed(tx: &IdbTransaction) -> Result<(), IdbError> {
    let ok = wait(|ok, gagal| {
        tx.set_oncomplete(Some(ok));
        tx.set_onerror(Some(gagal));
        tx.set_onabort(Some(gagal));
    })
    .await;
    tx.set_oncomplete(None);
    tx.set_onerror(None);
    tx.set_onabort(None);
    ok.then_some(()).ok_or(IdbError)
}

/// The text kept under `kunci`, if any.
pub async fn read(kunci: &str) -> Result<Option<String>, IdbError> {
    let (tx, store) = transaction(false).await?;
    let req: IdbRequest = store.get(&JsValue::from_str(kunci))?;
    completed(&tx).await?;
    Ok(req.result()?.as_string())
}

/// Changes what is kept under `kunci` in one transaction: `ubah` gets the
/// text kept now and returns the text to keep (`None`: remove it) and a
/// result, given once the transaction has committed. Two tabs changing the
/// same key take turns (IndexedDB orders writing transactions on a store),
/// so neither loses the other's change.
pub async fn update<R: 'static>(
    kunci: &str,
    ubah: impl FnOnce(Option<String>) -> (Option<String>, R) + 'static,
) -> Result<R, IdbError> {
    let hasil = Rc::new(RefCell::new(None::<R>));
    let h = hasil.clone();
    update_text(
        kunci,
        Box::new(move |lama| {
            let (baru, r) = ubah(lama);
            *h.borrow_mut() = Some(r);
            baru
        }),
    )
    .await?;
    hasil.take().ok_or(IdbError)
}

/// [`ubah`] without its result: one copy of the transaction's code.
async fn update_text(kunci: &str, ubah: Box<dyn FnOnce(Option<String>) -> Option<String>>) -> Result<(), IdbError> {
    let (tx, store) = transaction(true).await?;
    let key = JsValue::from_str(kunci);
    let get: IdbRequest = store.get(&key)?;
    let g = get.clone();
    // Inside the request's success event, while the transaction is active.
    let setelah_baca = Closure::<dyn FnMut()>::once(move || {
        let lama = g.result().ok().and_then(|v| v.as_string());
        let ditulis = match ubah(lama) {
            Some(t) => store.put_with_key(&JsValue::from_str(&t), &key).map(drop),
            None => store.delete(&key).map(drop),
        };
        if ditulis.is_err() {
            let _ = g.transaction().map(|tx| tx.abort());
        }
    });
    get.set_onsuccess(Some(setelah_baca.as_ref().unchecked_ref()));
    let selesai = completed(&tx).await;
    get.set_onsuccess(None);
    selesai
}

/// Writes several keys in one transaction (`None`: remove the key).
pub async fn write(isi: Vec<(String, Option<String>)>) -> Result<(), IdbError> {
    let (tx, store) = transaction(true).await?;
    for (k, v) in isi {
        let k = JsValue::from_str(&k);
        match v {
            Some(t) => store.put_with_key(&JsValue::from_str(&t), &k).map(drop)?,
            None => store.delete(&k).map(drop)?,
        }
    }
    completed(&tx).await
}

/// The keys that start with `awalan`.
fn rentang_awalan(awalan: &str) -> Result<IdbKeyRange, JsValue> {
    IdbKeyRange::bound(&awalan.into(), &format!("{awalan}\u{ffff}").into())
}

/// The keys that start with `awalan`, in order.
pub async fn keys_with_prefix(awalan: &str) -> Result<Vec<String>, IdbError> {
    let (tx, store) = transaction(false).await?;
    let rentang = rentang_awalan(awalan)?;
    let req = store.get_all_keys_with_key(&rentang)?;
    completed(&tx).await?;
    let daftar: js_sys::Array = req.result()?.unchecked_into();
    Ok(daftar.iter().filter_map(|k| k.as_string()).collect())
}

/// Keeps a structured value (an object holding a `Blob`, say) under `kunci`.
pub async fn write_value(kunci: &str, nilai: &JsValue) -> Result<(), IdbError> {
    let (tx, store) = transaction(true).await?;
    store.put_with_key(nilai, &JsValue::from_str(kunci))?;
    completed(&tx).await
}

/// The value kept under `kunci`, as stored (text or an object).
pub async fn read_value(kunci: &str) -> Result<Option<JsValue>, IdbError> {
    let (tx, store) = transaction(false).await?;
    let req: IdbRequest = store.get(&JsValue::from_str(kunci))?;
    completed(&tx).await?;
    Ok(Some(req.result()?).filter(|v| !v.is_undefined()))
}

/// The values under the keys that start with `awalan`, in key order.
pub async fn values_with_prefix(awalan: &str) -> Result<Vec<JsValue>, IdbError> {
    let (tx, store) = transaction(false).await?;
    let rentang = rentang_awalan(awalan)?;
    let req = store.get_all_with_key(&rentang)?;
    completed(&tx).await?;
    let daftar: js_sys::Array = req.result()?.unchecked_into();
    Ok(daftar.iter().collect())
}

/// Asks the browser to keep the store through storage pressure (granted or
/// not, the app works the same; Chromium grants it to an installed or
/// often-used site).
pub fn request_persistence() {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else { return };
    if let Ok(janji) = storage.persist() {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(janji).await;
        });
    }
}
