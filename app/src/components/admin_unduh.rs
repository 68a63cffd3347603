use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// A link that downloads `isi` as a CSV file, made in the browser (a Blob
/// behind an object URL, released when the content changes or the link goes).
#[component]
pub fn AdminUnduh(
    #[prop(into)] isi: Signal<String>,
    nama_berkas: &'static str,
    testid: &'static str,
    children: Children,
) -> impl IntoView {
    let url = RwSignal::new(String::new());
    Effect::new(move |_| {
        let baru = buat_url(&isi.get()).unwrap_or_default();
        let lama = url.get_untracked();
        url.set(baru);
        lepas(&lama);
    });
    on_cleanup(move || {
        if let Some(u) = url.try_get_untracked() {
            lepas(&u);
        }
    });
    view! {
        <a class="tombol tombol-kedua" href=move || url.get() download=nama_berkas data-testid=testid>
            {children()}
        </a>
    }
}

fn buat_url(teks: &str) -> Option<String> {
    let bagian = js_sys::Array::of1(&JsValue::from_str(teks));
    let opsi = web_sys::BlobPropertyBag::new();
    opsi.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&bagian, &opsi).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn lepas(url: &str) {
    if !url.is_empty() {
        let _ = web_sys::Url::revoke_object_url(url);
    }
}
