//! `/skp/:id`: the pegawai's SKP editor. The page loads the SKP, its period
//! and its atasan's RHK; the editor (`editor.rs`) wires the form to the
//! plain types of `state::editor` and `state::skp`.

mod aksi;
mod editor;
mod kepala;

use leptos::prelude::*;

use crate::api;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;

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
    let data = LocalResource::new(move || {
        let id = id.clone();
        async move {
            // At once: one wait instead of three on a slow connection.
            let (skp, periode, atasan) =
                futures::join!(client.read_skp(&id), client.list_periode(), client.read_rhk_atasan(&id));
            Ok::<_, api::Error>((skp?, periode?, atasan.ok()))
        }
    });
    move || match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok((skp, periode, atasan))) => {
            let p = periode.into_iter().find(|p| p.id == skp.periode_id);
            view! { <EditorSkp awal=skp periode=p atasan=atasan reload=Callback::new(move |_| data.refetch()) /> }
                .into_any()
        }
    }
}
