//! e-Kinerja's single-page app. Pages fetch, components render, and the
//! rules come from `domain`, the same code the server runs.

pub mod api;
pub mod components;
pub mod state;

use leptos::prelude::*;

use components::kuadran::KuadranSimulasi;
use components::status_server::StatusServer;

#[component]
pub fn App() -> impl IntoView {
    let health = LocalResource::new(api::health::fetch);
    view! {
        <header class="bar">
            <h1>"e-Kinerja"</h1>
            <p class="sub">"Manajemen kinerja ASN"</p>
        </header>
        <main id="isi">
            <KuadranSimulasi />
        </main>
        <footer class="kaki">
            <StatusServer health=health />
        </footer>
    }
}
