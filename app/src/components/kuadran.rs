use leptos::prelude::*;

use domain::RatingEkspektasi;

use crate::state::kuadran::{label_predikat, label_rating, predikat_dari_kode};

/// The "simulasi" panel: pick the two ratings, see the predikat at once,
/// computed in the browser by the same `domain` code the server runs.
#[component]
pub fn KuadranSimulasi() -> impl IntoView {
    let hasil = RwSignal::new(RatingEkspektasi::SesuaiEkspektasi.kode().to_owned());
    let perilaku = RwSignal::new(RatingEkspektasi::SesuaiEkspektasi.kode().to_owned());
    let predikat = Memo::new(move |_| predikat_dari_kode(&hasil.get(), &perilaku.get()));

    view! {
        <section class="kartu" aria-labelledby="judul-simulasi">
            <h2 id="judul-simulasi">"Simulasi kuadran kinerja"</h2>
            <p class="petunjuk">"PermenPANRB 6/2022: predikat dari rating hasil kerja dan rating perilaku kerja."</p>
            <div class="baris">
                <label for="rating-hasil">"Rating hasil kerja"</label>
                <select id="rating-hasil" data-testid="rating-hasil" bind:value=hasil>
                    <Opsi />
                </select>
            </div>
            <div class="baris">
                <label for="rating-perilaku">"Rating perilaku kerja"</label>
                <select id="rating-perilaku" data-testid="rating-perilaku" bind:value=perilaku>
                    <Opsi />
                </select>
            </div>
            <p class="hasil" aria-live="polite">
                "Predikat: "
                <strong data-testid="predikat" class=move || format!("predikat {}", predikat.get().kode())>
                    {move || label_predikat(predikat.get())}
                </strong>
            </p>
        </section>
    }
}

#[component]
fn Opsi() -> impl IntoView {
    RatingEkspektasi::ALL
        .into_iter()
        .map(|r| {
            let selected = r == RatingEkspektasi::SesuaiEkspektasi;
            view! { <option value=r.kode() selected=selected>{label_rating(r)}</option> }
        })
        .collect_view()
}
