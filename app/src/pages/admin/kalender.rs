use leptos::prelude::*;

use domain::kalender::JenisLibur;

use crate::api;
use crate::components::admin_error::AdminError;
use crate::components::field_errors::FieldErrorList;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::pages::beranda::hari_ini;
use crate::state::auth::use_auth;
use crate::state::pengaturan::{
    FormHariLibur, KOLOM_DAFTAR, KOLOM_NAMA, KOLOM_TANGGAL, jumlah_milik, pesan_kolom, tahun_kalender,
};
use crate::teks::{tanggal_iso, teks};

use super::tempel_libur::TempelLibur;

pub(super) fn label_jenis(l: Locale, j: JenisLibur) -> &'static str {
    match j {
        JenisLibur::LiburNasional => td_string!(l, admin.libur_nasional),
        JenisLibur::CutiBersama => td_string!(l, admin.cuti_bersama),
        JenisLibur::LiburInstansi => td_string!(l, admin.libur_instansi),
    }
}

/// The holidays deadlines count with, per year (the national ones built
/// in, the instansi's own marked), and a holiday of the instansi's own
/// added for today or later, e.g. a new year's, without a release: one at
/// a time, or a year's list pasted at once ([`TempelLibur`]).
#[component]
pub(super) fn BagianKalender() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let en = move || i18n.get_locale() == Locale::en;
    let tahun_list = tahun_kalender(hari_ini());
    let tahun = RwSignal::new(tahun_list[0]);
    let kalender = LocalResource::new(move || {
        let t = tahun.get();
        async move { client.kalender(t).await }
    });
    let form = RwSignal::new(FormHariLibur::default());
    let galat = RwSignal::new(None::<api::Error>);
    let ditambah = RwSignal::new(false);
    let tambah = Action::new_local(move |f: &FormHariLibur| {
        let body = f.body();
        async move { client.tambah_hari_libur(&body).await }
    });
    Effect::new(move |_| match tambah.value().get() {
        Some(Ok(_)) => {
            galat.set(None);
            ditambah.set(true);
            // The year of the holiday just added, so it is seen.
            if let Some(t) = domain::Tanggal::parse_iso(form.with_untracked(|f| f.tanggal.trim().to_owned()).as_str()) {
                tahun.set(t.tahun());
            }
            form.set(FormHariLibur::default());
            kalender.refetch();
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => {
            ditambah.set(false);
            galat.set(Some(e));
        }
        None => {}
    });
    let kolom = move |k: &'static str| Signal::derive(move || galat.with(|g| pesan_kolom(g.as_ref(), k, en())));
    // The year's calendar as it stands, for the pasted list's notes.
    let daftar_tahun = Signal::derive(move || kalender.get().and_then(Result::ok).unwrap_or_default());
    view! {
        <section class="kartu" style:min-width="0" id="bagian-kalender" aria-labelledby="judul-kalender" data-testid="bagian-kalender">
            <h2 id="judul-kalender">{teks(i18n, |l| td_string!(l, admin.kalender_judul))}</h2>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.kalender_petunjuk))}</p>
            <div class="baris">
                <label for="kalender-tahun">{teks(i18n, |l| td_string!(l, admin.tahun))}</label>
                <select id="kalender-tahun" data-testid="kalender-tahun" prop:value=move || tahun.get().to_string()
                    on:change=move |e| { if let Ok(t) = event_target_value(&e).parse() { tahun.set(t); } }>
                    {tahun_list.into_iter().map(|t| view! { <option value=t.to_string()>{t}</option> }).collect_view()}
                </select>
            </div>
            {move || match kalender.get() {
                None => teks(i18n, |l| td_string!(l, umum.memuat)).into_any(),
                Some(Err(e)) => view! { <p class="galat" role="alert">{e.untuk_pengguna(i18n.get_locale())}</p> }.into_any(),
                Some(Ok(daftar)) => {
                    let (n, milik) = (daftar.len(), jumlah_milik(&daftar));
                    view! {
                        <p data-testid="kalender-ringkas">{t!(i18n, admin.kalender_jumlah, n = move || n, milik = move || milik)}</p>
                        <ul class="kalender" data-testid="kalender-daftar">
                            {daftar.into_iter().map(|h| {
                                let (tgl, jenis) = (h.tanggal.clone(), h.jenis);
                                view! {
                                    <li data-testid="hari-libur" data-tanggal=h.tanggal.clone() data-instansi=h.instansi.to_string()>
                                        <strong>{move || tanggal_iso(&tgl, i18n.get_locale())}</strong> " · " {h.nama.clone()} " · "
                                        <span class="lencana">{move || label_jenis(i18n.get_locale(), jenis)}</span>
                                        {h.perkiraan.then(|| view! { " " <em>{teks(i18n, |l| td_string!(l, admin.perkiraan))}</em> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <h3>{teks(i18n, |l| td_string!(l, admin.libur_tambah_judul))}</h3>
            <div class="baris">
                <label for="libur-tanggal">{teks(i18n, |l| td_string!(l, admin.libur_tanggal))}</label>
                <input type="date" id="libur-tanggal" data-testid="libur-tanggal"
                    prop:value=move || form.with(|f| f.tanggal.clone())
                    on:input=move |e| { let v = event_target_value(&e); form.update(|f| f.tanggal = v); } />
                <FieldErrorList pesan=kolom(KOLOM_TANGGAL) id="libur-tanggal-galat" testid="libur-tanggal-galat" />
            </div>
            <div class="baris">
                <label for="libur-nama">{teks(i18n, |l| td_string!(l, admin.libur_nama))}</label>
                <input type="text" id="libur-nama" data-testid="libur-nama" maxlength="200"
                    prop:value=move || form.with(|f| f.nama.clone())
                    on:input=move |e| { let v = event_target_value(&e); form.update(|f| f.nama = v); } />
                <FieldErrorList pesan=kolom(KOLOM_NAMA) id="libur-nama-galat" testid="libur-nama-galat" />
            </div>
            <FieldErrorList pesan=kolom(KOLOM_DAFTAR) id="libur-daftar-galat" testid="libur-daftar-galat" />
            <AdminError galat=galat testid="libur-galat" />
            <button type="button" data-testid="libur-tambah" disabled=move || tambah.pending().get()
                on:click=move |_| { ditambah.set(false); tambah.dispatch(form.get_untracked()); }>
                {teks(i18n, |l| td_string!(l, admin.libur_tambah))}
            </button>
            <Show when=move || ditambah.get()><p class="berhasil" role="status" data-testid="libur-ditambah">{teks(i18n, |l| td_string!(l, admin.libur_ditambah))}</p></Show>
            <TempelLibur tahun=tahun kalender=daftar_tahun
                disimpan=Callback::new(move |t| { tahun.set(t); kalender.refetch(); }) />
        </section>
    }
}
