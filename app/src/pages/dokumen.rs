//! `/dokumen/:id`: an SKP that takes no more changes from its reader (a
//! submitted or set plan, another person's), read as the SKP document and
//! printable; and `/skp-saya`, "SKP saya" in the menu. Both in the home
//! build, so that the editor's build carries neither.

use leptos::prelude::*;

use crate::api;
use crate::components::dokumen_skp::DokumenSkp;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::components::status::StatusBadge;
use crate::i18n::{t, td_string, use_i18n};
use crate::navigasi::{Tautan, use_navigasi};
use crate::page::Halaman;
use crate::pages::beranda::{hari_ini, periode_aktif};
use crate::teks::teks;

#[component]
pub fn Dokumen(id: String) -> impl IntoView {
    view! { <PerluMasuk><MuatDokumen id=id.clone() /></PerluMasuk> }
}

#[component]
fn MuatDokumen(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let data = LocalResource::new(move || {
        let id = id.clone();
        async move {
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
            let tahun = p.as_ref().map(|p| p.tahun).unwrap_or_default();
            let status = skp.status;
            // The plan's own editor, while it still takes this reader's changes.
            let ubah = (skp.akses == domain::api::Akses::Pegawai && status.is_editable()).then(|| skp.id.clone());
            // A set plan's results, recorded by its pegawai (the results build).
            let dicatat = matches!(status, domain::skp::StatusSkp::Ditetapkan | domain::skp::StatusSkp::Dinilai);
            let catat = (skp.akses == domain::api::Akses::Pegawai && dicatat).then(|| skp.id.clone());
            let atasan = atasan.filter(|a| a.tersedia).map(|a| a.rhk).unwrap_or_default();
            view! {
                <section class="kartu jangan-cetak" data-testid="kepala-dokumen">
                    <header class="kepala-skp">
                        <h1>{move || t!(i18n, pegawai.judul_editor, tahun = move || tahun)}</h1>
                        <StatusBadge status=Signal::derive(move || Some(status)) />
                    </header>
                    {(status == domain::skp::StatusSkp::Diajukan && skp.akses == domain::api::Akses::Pegawai).then(|| view! {
                        <p class="berhasil" role="status" data-testid="sudah-diajukan">{teks(i18n, |l| td_string!(l, pegawai.sudah_diajukan))}</p>
                    })}
                    {ubah.map(|id| view! {
                        <Tautan ke=Halaman::Skp(id) attr:class="tombol">{teks(i18n, |l| td_string!(l, pegawai.ubah_rencana))}</Tautan>
                    })}
                    {catat.map(|id| view! {
                        <Tautan ke=Halaman::Realisasi(id) attr:class="tombol" attr:data-testid="catat-realisasi">{teks(i18n, |l| td_string!(l, hasil.catat_realisasi))}</Tautan>
                    })}
                </section>
                <DokumenSkp skp=skp periode=p atasan=atasan />
            }
            .into_any()
        }
    }
}

/// `/skp-saya`, "SKP saya" in the menu: the pegawai's SKP of the running period,
/// opened in place (the address becomes `/skp/{id}`); without one yet, the
/// way to the dashboard, where it is started.
#[component]
pub fn SkpSaya() -> impl IntoView {
    view! { <PerluMasuk><CariSkpSaya /></PerluMasuk> }
}

#[component]
fn CariSkpSaya() -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let nav = use_navigasi();
    let data = LocalResource::new(move || async move {
        let (periode, skp) = futures::join!(client.list_periode(), client.list_skp());
        let aktif = periode_aktif(&periode?, i64::from(hari_ini().tahun()));
        let skp = skp?;
        Ok::<_, api::Error>(aktif.and_then(|p| skp.into_iter().find(|s| s.periode_id == p.id)))
    });
    move || match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        // The editor while the plan takes changes, else the document.
        Some(Ok(Some(s))) => {
            nav.ganti(&if s.status.is_editable() { Halaman::Skp(s.id) } else { Halaman::Dokumen(s.id) });
            ().into_any()
        }
        Some(Ok(None)) => view! {
            <section class="kartu" data-testid="belum-ada-skp">
                <p>{teks(i18n, |l| td_string!(l, pegawai.belum_ada_skp))}</p>
                <Tautan ke=Halaman::Beranda attr:class="tombol">{teks(i18n, |l| td_string!(l, umum.beranda))}</Tautan>
            </section>
        }
        .into_any(),
    }
}
