//! `/evaluasi/ambil-alih/{skp}/{evaluasi}`: the atasan pejabat penilai
//! rates and signs one evaluation in the pejabat penilai's place once the
//! penilai's deadline passed (Format D.1.2; final, no objection). The
//! sheet is the penilai's own (`state::penilaian::LembarNilai`: the
//! domain's suggestion, the reason a departure needs, the kuadran's
//! predikat); the server decides again whether the take-over is due.

use domain::api::{PenilaianSkp, SimpanPenilaian};
use leptos::prelude::*;

use crate::api;
use crate::components::kuadran::{label_predikat, label_rating};
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::navigasi::{Tautan, use_navigasi};
use crate::page::Halaman;
use crate::pages::dokumen_evaluasi::label_evaluasi;
use crate::pages::penilaian_unit::pilih_rating;
use crate::state::auth::use_auth;
use crate::state::penilaian::LembarNilai;
use crate::teks::teks;

#[component]
pub fn HalamanAmbilAlih(skp_id: String, evaluasi: String) -> impl IntoView {
    view! { <PerluMasuk><AmbilAlih skp_id=skp_id.clone() evaluasi=evaluasi.clone() /></PerluMasuk> }
}

#[component]
fn AmbilAlih(skp_id: String, evaluasi: String) -> impl IntoView {
    let client = api::use_client();
    let (skp, ev) = (StoredValue::new(skp_id), StoredValue::new(evaluasi));
    let data = LocalResource::new(move || async move { client.penilaian_skp(&skp.get_value(), &ev.get_value()).await });
    move || match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok(p)) => view! { <FormAmbilAlih p=p /> }.into_any(),
    }
}

#[component]
fn FormAmbilAlih(p: PenilaianSkp) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let nav = use_navigasi();
    let client = api::use_client();
    let lembar = RwSignal::new(LembarNilai::dari(&p));
    let dicoba = RwSignal::new(false);
    let saran = StoredValue::new(p.saran.clone());
    let predikat = Memo::new(move |_| lembar.with(LembarNilai::predikat));
    let menyimpang = Memo::new(move |_| lembar.with(|l| saran.with_value(|s| l.menyimpang(s))));
    let galat =
        Memo::new(move |_| if dicoba.get() { lembar.with(|l| saran.with_value(|s| l.periksa(s))) } else { Vec::new() });
    let en = move || i18n.get_locale() == Locale::en;
    let galat_kolom = move |kolom: &'static str| {
        move || {
            galat.with(|g| {
                g.iter()
                    .filter(|(k, _)| *k == kolom)
                    .map(|(_, t)| api::satu_bahasa(t, en()))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        }
    };
    let galat_server = RwSignal::new(None::<api::Error>);
    let p_s = StoredValue::new(p.clone());
    let kirim = Action::new_local(move |body: &SimpanPenilaian| {
        let (skp, body) = (p_s.with_value(|p| p.skp_id.clone()), body.clone());
        async move { client.take_over(&skp, &body).await }
    });
    Effect::new(move |_| match kirim.value().get() {
        Some(Ok(d)) => nav.ke(&Halaman::DokumenEvaluasi(d.id)),
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => {
            galat_server.set(Some(e));
            crate::fokus::tampakkan("galat-ambil-alih");
        }
        None => {}
    });
    let ambil_alih = move |_| {
        dicoba.set(true);
        galat_server.set(None);
        let l = lembar.get_untracked();
        if saran.with_value(|s| l.periksa(s)).is_empty() {
            kirim.dispatch(p_s.with_value(|p| l.simpan(p, p.version)));
        } else {
            crate::fokus::tampakkan("galat-ambil-alih");
        }
    };
    let nama = p.pegawai.nama.clone();
    let ev = p.evaluasi.kode();
    let ev_attr = ev.clone();
    let saran_rating = p.saran.saran;
    let alasan_saran = p.saran.alasan.clone();
    let saran_360 = p.umpan_balik_360.as_ref().and_then(|u| u.saran.rating);
    let dokumen = p.dokumen_id.clone();
    view! {
        <section class="kartu ubp-lembar" data-testid="ambil-alih" data-skp=p.skp_id.clone() data-evaluasi=ev_attr>
            <h1>{teks(i18n, |l| td_string!(l, penilaian.aa_judul))}</h1>
            <p><strong data-testid="aa-pegawai">{nama}</strong> " · " {p.pegawai.jabatan.clone()} " · NIP " {p.pegawai.nip.clone()}
                " · " {move || label_evaluasi(i18n.get_locale(), &ev)}</p>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilaian.aa_petunjuk))}</p>
            {dokumen.map(|id| view! { <p><Tautan ke=Halaman::DokumenEvaluasi(id) attr:class="tombol-teks">{teks(i18n, |l| td_string!(l, penilaian.buka_dokumen))}</Tautan></p> })}
            <fieldset class="ubp-bagian">
                <legend>{teks(i18n, |l| td_string!(l, umum.rating_hasil_kerja))}</legend>
                <p data-testid="saran-hasil-kerja" data-rating=saran_rating.map(|r| r.kode()).unwrap_or_default()>
                    {teks(i18n, |l| td_string!(l, penilaian.saran))} ": "
                    <strong>{move || saran_rating.map_or_else(|| td_string!(i18n.get_locale(), penilaian.saran_belum), |r| label_rating(i18n.get_locale(), r))}</strong>
                </p>
                <ul class="petunjuk alasan-saran">
                    {alasan_saran.into_iter().map(|a| view! { <li>{move || api::satu_bahasa(&a, en())}</li> }).collect_view()}
                </ul>
                <div class="baris">
                    <label for="aa-hasil-kerja">{teks(i18n, |l| td_string!(l, penilaian.rating_anda))}</label>
                    {pilih_rating("aa-hasil-kerja".into(), "nilai-hasil-kerja".into(),
                        Signal::derive(move || lembar.with(|l| l.hasil_kerja)), move |r| lembar.update(|l| l.hasil_kerja = r))}
                    <span class="galat">{galat_kolom("rating_hasil_kerja")}</span>
                </div>
                <div class="baris" hidden=move || !menyimpang.get()>
                    <label for="aa-alasan">{teks(i18n, |l| td_string!(l, penilaian.alasan_menyimpang))}</label>
                    <textarea id="aa-alasan" rows="2" data-testid="nilai-alasan" prop:value=move || lembar.with(|l| l.alasan.clone())
                        on:input=move |e| { let v = event_target_value(&e); lembar.update(|l| l.alasan = v); }></textarea>
                    <span class="galat">{galat_kolom("alasan")}</span>
                </div>
            </fieldset>
            <fieldset class="ubp-bagian">
                <legend>{teks(i18n, |l| td_string!(l, umum.rating_perilaku_kerja))}</legend>
                <div class="baris">
                    <label for="aa-perilaku">{teks(i18n, |l| td_string!(l, penilaian.perilaku_keseluruhan))}</label>
                    {pilih_rating("aa-perilaku".into(), "nilai-perilaku".into(),
                        Signal::derive(move || lembar.with(|l| l.perilaku)), move |r| lembar.update(|l| l.perilaku = r))}
                    {saran_360.map(|r| view! { <span class="petunjuk" data-testid="saran-360">"360: " {move || label_rating(i18n.get_locale(), r)}</span> })}
                    <span class="galat">{galat_kolom("rating_perilaku")}</span>
                </div>
            </fieldset>
            <p class="hasil" aria-live="polite">{teks(i18n, |l| td_string!(l, umum.predikat))} ": "
                <strong data-testid="nilai-predikat" data-predikat=move || predikat.get().map(|p| p.kode()).unwrap_or_default()>
                    {move || predikat.get().map_or("—", |p| label_predikat(i18n.get_locale(), p))}</strong></p>
            <div class="baris">
                <label for="aa-catatan">{teks(i18n, |l| td_string!(l, penilaian.catatan))}</label>
                <textarea id="aa-catatan" rows="2" data-testid="nilai-catatan" prop:value=move || lembar.with(|l| l.catatan.clone())
                    on:input=move |e| { let v = event_target_value(&e); lembar.update(|l| l.catatan = v); }></textarea>
                <span class="galat">{galat_kolom("catatan")}</span>
            </div>
            <div class="baris">
                <label for="aa-rekomendasi">{teks(i18n, |l| td_string!(l, penilaian.rekomendasi))}</label>
                <textarea id="aa-rekomendasi" rows="2" data-testid="nilai-rekomendasi" prop:value=move || lembar.with(|l| l.rekomendasi.clone())
                    on:input=move |e| { let v = event_target_value(&e); lembar.update(|l| l.rekomendasi = v); }></textarea>
                <span class="galat">{galat_kolom("rekomendasi")}</span>
            </div>
            <div class="galat" role="alert" id="galat-ambil-alih" data-testid="galat-ambil-alih">
                {move || (!galat.with(Vec::is_empty)).then(|| teks(i18n, |l| td_string!(l, penilaian.periksa_lagi)))}
                {move || galat_server.get().map(|e| view! { <p>{e.untuk_pengguna(i18n.get_locale())}</p> })}
            </div>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilaian.aa_final))}</p>
            <div class="aksi">
                <button type="button" data-testid="aa-kirim" disabled=move || kirim.pending().get() on:click=ambil_alih>
                    {teks(i18n, |l| td_string!(l, penilaian.aa_kirim))}
                </button>
            </div>
        </section>
    }
}
