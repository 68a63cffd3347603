//! `/skp/:id`: the pegawai's SKP editor. The page loads the SKP, its period
//! and its atasan's RHK; the editor (`editor.rs`) wires the form to the
//! plain types of `state::editor` and `state::skp`.

mod aksi;
mod editor;
mod kepala;

use leptos::prelude::*;

use domain::api::{Akses, EditSkp};

use crate::api;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::navigasi::use_navigasi;
use crate::page::Halaman;

use editor::EditorSkp;

/// `/skp/:id`: the pegawai's SKP editor with instant previews.
#[component]
pub fn HalamanSkp(id: String) -> impl IntoView {
    view! {
        <PerluMasuk>
            <Muat id=id.clone() />
        </PerluMasuk>
    }
}

#[component]
fn Muat(id: String) -> impl IntoView {
    let client = api::use_client();
    let nav = use_navigasi();
    let sinkron = crate::offline::sync::use_syncer();
    let data = LocalResource::new(move || {
        let id = id.clone();
        async move {
            // At once: one wait instead of three on a slow connection.
            let (skp, periode, atasan) =
                futures::join!(client.read_skp(&id), client.list_periode(), client.read_rhk_atasan(&id));
            // What of this SKP still waits in the outbox: the form opens on
            // the last save (unless this device kept a newer form), and a
            // waiting submission is said.
            let path = format!("/api/v1/skp/{id}");
            let antre = match sinkron {
                Some(s) => s.waiting_for(&path).await.map(|(simpan, langkah)| {
                    (simpan.and_then(|b| crate::offline::from_json::<EditSkp>(&b)), langkah.is_some())
                }),
                None => None,
            };
            Ok::<_, api::Error>((skp?, periode?, atasan.ok(), antre))
        }
    });
    move || match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        // A plan that takes no more changes from this reader reads as the
        // document, in the home build (the editor's build stays light).
        Some(Ok((skp, ..))) if !(skp.akses == Akses::Pegawai && skp.status.is_editable()) => {
            nav.ganti(&Halaman::Dokumen(skp.id));
            ().into_any()
        }
        Some(Ok((skp, periode, atasan, antre))) => {
            let p = periode.into_iter().find(|p| p.id == skp.periode_id);
            view! { <EditorSkp awal=skp periode=p atasan=atasan antre=antre reload=Callback::new(move |_| data.refetch()) /> }
                .into_any()
        }
    }
}
