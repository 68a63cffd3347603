//! The evaluation documents' build (`evaluasi.html`, served under
//! `/evaluasi/`): the pegawai's own evaluations (predikat, documents, angka
//! kredit) and one document with the steps its reader may take, for its
//! pegawai, penilai, atasan penilai and admin. A wasm of its own: the
//! documents' types and steps would push the feedback build over its
//! first-load budget.

use app::page::{Bundle, Halaman};
use app::pages;
use leptos::prelude::*;

fn pages(h: &Halaman) -> Option<AnyView> {
    Some(match h {
        Halaman::PenilaianSaya => view! { <pages::dokumen_evaluasi::HalamanPenilaianSaya /> }.into_any(),
        Halaman::DokumenEvaluasi(id) => {
            view! { <pages::dokumen_evaluasi::HalamanDokumenEvaluasi id=id.clone() /> }.into_any()
        }
        Halaman::AmbilAlih { skp_id, evaluasi } => {
            view! { <pages::ambil_alih::HalamanAmbilAlih skp_id=skp_id.clone() evaluasi=evaluasi.clone() /> }.into_any()
        }
        _ => return None,
    })
}

fn main() {
    app::mount(Bundle::Evaluasi, pages, None);
}
