use leptos::prelude::*;

use crate::components::field_errors::FieldErrorList;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::state::editor::baris_lampiran;
use crate::state::form::Editor;
use crate::teks::teks;

/// The Lampiran SKP: three lists, one item per line, each with its
/// messages (too many rows, a row too long) under it as it is typed. A
/// list owns what is typed in it (read once, like the RHK fields): blank
/// lines stay on the screen and out of the form.
#[component]
pub fn Lampiran(ed: Editor) -> impl IntoView {
    let i18n = use_i18n();
    type Bagian = fn(&mut domain::skp::LampiranSkp) -> &mut Vec<String>;
    let daftar = move |get: Bagian, id: &'static str, field: &'static str, label: fn(Locale) -> &'static str| {
        let awal = ed.form.with_untracked(|f| get(&mut f.lampiran.clone()).join("\n"));
        let ubah = move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            ed.form.update(|f| *get(&mut f.lampiran) = baris_lampiran(&v));
        };
        let galat = ed.galat.untuk(&format!("lampiran.{field}"));
        let pesan = Signal::derive(move || {
            let l = i18n.get_locale().kode();
            galat.with(|g| g.iter().flatten().map(|t| t.dalam(l).to_owned()).collect())
        });
        let galat_id = format!("{id}-galat");
        view! {
            <div class="baris">
                <label for=id>{teks(i18n, label)}</label>
                <textarea id=id data-testid=id rows="3" prop:value=awal on:input=ubah aria-describedby=galat_id.clone()></textarea>
                <FieldErrorList id=galat_id pesan=pesan />
            </div>
        }
    };
    view! {
        <fieldset class="kartu lampiran" disabled=move || !ed.editable.get()>
            <legend>{teks(i18n, |l| td_string!(l, pegawai.lampiran))}</legend>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, pegawai.satu_per_baris))}</p>
            {daftar(|l| &mut l.dukungan_sumber_daya, "lampiran-sumber-daya", "dukungan_sumber_daya", |l| td_string!(l, pegawai.dukungan_sumber_daya))}
            {daftar(|l| &mut l.skema_pertanggungjawaban, "lampiran-skema", "skema_pertanggungjawaban", |l| td_string!(l, pegawai.skema_pertanggungjawaban))}
            {daftar(|l| &mut l.konsekuensi, "lampiran-konsekuensi", "konsekuensi", |l| td_string!(l, pegawai.konsekuensi))}
        </fieldset>
    }
}
