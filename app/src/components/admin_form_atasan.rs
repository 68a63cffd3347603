use leptos::prelude::*;

use crate::api;
use crate::components::admin_error::AdminError;
use crate::components::admin_pilih_pegawai::AdminPilihPegawai;
use crate::components::field_errors::FieldErrorList;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::state::admin::{FormAtasan, field_messages};
use crate::teks::teks;
use domain::api::{AtasanItem, PegawaiItem, PeriodeView, SetAtasan};

/// Sets the pejabat penilai and atasan pejabat penilai of one pegawai from a
/// date: the same date as the current mapping corrects it, a later one is a
/// transfer. Conflicts (409) and invalid input (422) show as the server says.
#[component]
pub fn AdminFormAtasan(
    item: AtasanItem,
    periode: PeriodeView,
    berlaku_awal: String,
    cari_penilai: RwSignal<String>,
    #[prop(into)] hasil_penilai: Signal<Option<(String, Vec<PegawaiItem>)>>,
    cari_atasan: RwSignal<String>,
    #[prop(into)] hasil_atasan: Signal<Option<(String, Vec<PegawaiItem>)>>,
    simpan: Callback<SetAtasan>,
    batal: Callback<()>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] galat: Signal<Option<api::Error>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let en = Signal::derive(move || i18n.get_locale() == Locale::en);
    let pilihan =
        |id: &Option<String>, nama: &Option<String>| id.clone().map(|i| (i, nama.clone().unwrap_or_default()));
    let penilai = RwSignal::new(pilihan(&item.penilai_id, &item.penilai_nama));
    let atasan = RwSignal::new(pilihan(&item.atasan_penilai_id, &item.atasan_penilai_nama));
    let berlaku = RwSignal::new(berlaku_awal);
    let dicoba = RwSignal::new(false);
    let pegawai_id = item.pegawai_id.clone();
    let form = Memo::new(move |_| FormAtasan {
        pegawai_id: pegawai_id.clone(),
        penilai_id: penilai.get().map(|p| p.0),
        atasan_penilai_id: atasan.get().map(|p| p.0),
        berlaku_mulai: berlaku.get(),
    });
    let p2 = periode.clone();
    let lokal = Memo::new(move |_| if dicoba.get() { form.with(|f| f.validate(&p2)) } else { Default::default() });
    let pesan = move |field: &'static str| {
        Signal::derive(move || {
            let server = galat.with(|g| g.as_ref().and_then(|g| g.fields().cloned()));
            lokal.with(|l| field_messages(l, server.as_ref(), field, en.get()))
        })
    };
    let (periode_id, version) = (periode.id.clone(), item.version);
    let kirim = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        dicoba.set(true);
        let f = form.get_untracked();
        if f.validate(&periode).is_empty() {
            simpan.run(SetAtasan {
                periode_id: periode_id.clone(),
                pegawai_id: f.pegawai_id,
                penilai_id: f.penilai_id,
                atasan_penilai_id: f.atasan_penilai_id,
                berlaku_mulai: f.berlaku_mulai.trim().to_owned(),
                version,
            });
        }
    };
    let (nama, nip) = (item.nama.clone(), item.nip.clone());
    // The table may be long: bring the form into view when it opens.
    let judul = NodeRef::<leptos::html::H3>::new();
    Effect::new(move |_| {
        if let Some(h) = judul.get() {
            h.scroll_into_view();
        }
    });
    view! {
        <form class="kartu form-atasan" data-testid="form-atasan" on:submit=kirim novalidate>
            <h3 node_ref=judul>{t!(i18n, admin.atur_atasan_untuk, nama = move || nama.clone())} " (" {nip} ")"</h3>
            <AdminPilihPegawai id="pilih-penilai" q=cari_penilai hasil=hasil_penilai terpilih=penilai galat=pesan("penilai_id")>
                {teks(i18n, |l| td_string!(l, admin.pejabat_penilai))}
            </AdminPilihPegawai>
            <AdminPilihPegawai id="pilih-atasan-penilai" q=cari_atasan hasil=hasil_atasan terpilih=atasan galat=pesan("atasan_penilai_id")>
                {teks(i18n, |l| td_string!(l, admin.atasan_pejabat_penilai))}
            </AdminPilihPegawai>
            <div class="baris">
                <label for="berlaku-mulai">{teks(i18n, |l| td_string!(l, admin.berlaku_mulai))}</label>
                <input id="berlaku-mulai" type="date" data-testid="berlaku-mulai" bind:value=berlaku />
                <FieldErrorList id="berlaku-mulai-galat" pesan=pesan("berlaku_mulai") />
            </div>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.petunjuk_berlaku))}</p>
            // A refusal about the pegawai themself (an admin's own row) has no field of its own.
            <FieldErrorList id="pegawai-galat" pesan=pesan("pegawai_id") />
            <AdminError galat=galat testid="galat-atasan" />
            <div class="aksi">
                <button type="submit" data-testid="simpan-atasan" disabled=move || pending.get()>{teks(i18n, |l| td_string!(l, admin.simpan_atasan))}</button>
                <button type="button" class="tombol-teks" on:click=move |_| batal.run(())>{teks(i18n, |l| td_string!(l, umum.batal))}</button>
            </div>
        </form>
    }
}
