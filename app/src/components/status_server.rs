use leptos::prelude::*;

use crate::api::{Error, health::Health};

/// One line in the footer: the server's version, or why it cannot be reached.
#[component]
pub fn StatusServer(health: LocalResource<Result<Health, Error>>) -> impl IntoView {
    let text = move || match health.get() {
        None => "Menghubungi server…".to_owned(),
        Some(Ok(h)) => format!("Server e-Kinerja versi {} ({})", h.version, h.database),
        Some(Err(e)) => format!("{e}. Isian di layar ini tetap bekerja tanpa server."),
    };
    view! { <p class="status-server" data-testid="status-server">{text}</p> }
}
