//! `/evaluasi/ambil-alih/{skp}/{evaluasi}`: the atasan pejabat penilai
//! rates and signs one evaluation in the pejabat penilai's place once the
//! penilai's deadline passed (Format D.1.2; final, no objection). The
//! sheet is the penilai's own (`state::penilaian::LembarNilai` and its
//! parts `BagianHasilKerja`, `BagianPerilaku`, `PenutupLembar`: the
//! domain's suggestion, the reason a departure needs, each BerAKHLAK value
//! rated with the 360's lean beside it, the kuadran's predikat), except
//! that the rating perilaku is the one the seven values give
//! (`LembarNilai::ambil_alih`); the server decides again whether the
//! take-over is due.

use domain::api::{PenilaianSkp, SimpanPenilaian};
use leptos::prelude::*;

use crate::api;
use crate::components::lembar_hasil_kerja::BagianHasilKerja;
use crate::components::lembar_penutup::PenutupLembar;
use crate::components::lembar_perilaku::BagianPerilaku;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{td_string, use_i18n};
use crate::navigasi::{Tautan, use_navigasi};
use crate::page::Halaman;
use crate::pages::dokumen_evaluasi::label_evaluasi;
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
    let lembar = RwSignal::new(LembarNilai::ambil_alih(&p));
    let dicoba = RwSignal::new(false);
    let saran = StoredValue::new(p.saran.clone());
    let predikat = Memo::new(move |_| lembar.with(LembarNilai::predikat));
    let galat =
        Memo::new(move |_| if dicoba.get() { lembar.with(|l| saran.with_value(|s| l.periksa(s))) } else { Vec::new() });
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
    let dokumen = p.dokumen_id.clone();
    view! {
        <section class="kartu ubp-lembar" data-testid="ambil-alih" data-skp=p.skp_id.clone() data-evaluasi=ev_attr>
            <h1>{teks(i18n, |l| td_string!(l, penilaian.aa_judul))}</h1>
            <p><strong data-testid="aa-pegawai">{nama}</strong> " · " {p.pegawai.jabatan.clone()} " · NIP " {p.pegawai.nip.clone()}
                " · " {move || label_evaluasi(i18n.get_locale(), &ev)}</p>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilaian.aa_petunjuk))}</p>
            {dokumen.map(|id| view! { <p><Tautan ke=Halaman::DokumenEvaluasi(id) attr:class="tombol-teks">{teks(i18n, |l| td_string!(l, penilaian.buka_dokumen))}</Tautan></p> })}
            <BagianHasilKerja lembar=lembar saran=p.saran.clone() galat=galat />
            <BagianPerilaku lembar=lembar umpan_balik_360=p.umpan_balik_360.clone() galat=galat />
            <PenutupLembar lembar=lembar predikat=predikat galat=galat />
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
