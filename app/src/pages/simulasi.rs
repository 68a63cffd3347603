use leptos::prelude::*;

use crate::components::kuadran::KuadranSimulasi;

/// `/simulasi`: try the kuadran without signing in.
#[component]
pub fn Simulasi() -> impl IntoView {
    view! { <KuadranSimulasi /> }
}
