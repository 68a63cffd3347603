//! `/banding/:id`: an SKP's two versions side by side, field by field,
//! when another device saved it first (the save was refused as stale): the
//! person's (what they typed last on this device, else their refused save)
//! and the server's. They choose per field; their choice is queued as a save
//! on the server's version, instead of the refused one, and the editor
//! opens on it. In the home build: the editor's build has no room for it.

use leptos::prelude::*;

use domain::api::{EditSkp, SkpBaca};
use domain::skp::SkpInput;

use crate::api;
use crate::components::field_errors::label_bidang;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::kata::pegawai as k;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::navigasi::{Tautan, use_navigasi};
use crate::offline::sync::use_syncer;
use crate::offline::{from_json, to_json};
use crate::page::Halaman;
use crate::state::auth::use_auth;
use crate::state::banding::{Beda, bandingkan, gabungkan, tampil};
use crate::state::draf;
use crate::teks::teks;

#[component]
pub fn Banding(id: String) -> impl IntoView {
    view! { <PerluMasuk><Muat id=id.clone() /></PerluMasuk> }
}

#[component]
fn Muat(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let sinkron = use_syncer();
    let auth = use_auth();
    let data = LocalResource::new({
        let id = id.clone();
        move || {
            let id = id.clone();
            async move {
                let path = format!("/api/v1/skp/{id}");
                let ditolak = match sinkron {
                    Some(s) => s.refused_for(&path).await,
                    None => None,
                };
                // The record as it now is: the server's, or (read from this
                // device with no connection) the newer one a refusal carried.
                let mut server = client.read_skp(&id).await?;
                if let Some(c) = ditolak.as_ref().and_then(|d| d.current.as_ref()).and_then(from_json::<SkpBaca>)
                    && c.version > server.version
                {
                    server = c;
                }
                let pemilik = auth.pegawai_id();
                let saya = draf::ambil(&id)
                    .filter(|d| d.pemilik == pemilik)
                    .map(|d| d.isian)
                    .or_else(|| ditolak.as_ref().and_then(|d| from_json::<EditSkp>(&d.body)).map(|e| e.rencana));
                Ok::<_, api::Error>((server, saya, ditolak.map(|d| d.seqs).unwrap_or_default()))
            }
        }
    });
    move || match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        // Only while the person may still change the plan (a submitted SKP
        // is not theirs to save: their typing stays on the device).
        Some(Ok((server, Some(saya), seqs)))
            if saya != server.isian && server.akses == domain::api::Akses::Pegawai && server.status.is_editable() =>
        {
            banding_versi(server, saya, seqs).into_any()
        }
        Some(Ok(_)) => view! {
            <section class="kartu" data-testid="tanpa-banding">
                <p>{teks(i18n, |l| td_string!(l, pegawai.tanpa_banding))}</p>
                <Tautan ke=Halaman::Skp(id.clone())>{teks(i18n, |l| td_string!(l, pegawai.buka_skp))}</Tautan>
            </section>
        }
        .into_any(),
    }
}

/// Where a difference is, as the editor names it: "RHK 2 · Indikator 1 · Satuan".
fn label(l: Locale, b: &Beda) -> String {
    let mut bagian: Vec<String> = b
        .letak()
        .into_iter()
        .map(|(daftar, ke)| {
            let n = ke + 1;
            match daftar {
                "indikator" => k::indikator_ke(l, k::indikator_ke::Isi { n: &n }),
                "rhk" => k::rhk_ke(l, k::rhk_ke::Isi { n: &n }),
                lain => format!("{lain} {n}"),
            }
        })
        .collect();
    let di_indikator = b.letak().last().is_some_and(|(d, _)| *d == "indikator");
    if let Some(bidang) = b.bidang() {
        bagian.push(label_bidang(l, bidang, di_indikator).unwrap_or(bidang).to_owned());
    }
    bagian.join(" · ")
}

/// Both versions side by side, one row per field that differs, each with
/// the person's choice (theirs by default); applying queues the chosen form
/// as a save on the server's version instead of the refused one (`ganti`).
fn banding_versi(server: SkpBaca, saya: SkpInput, ganti: Vec<u64>) -> impl IntoView {
    let nav = use_navigasi();
    let client = api::use_client();
    let sinkron = use_syncer();
    let isian_server = to_json(&server.isian);
    let beda = bandingkan(&to_json(&saya), &isian_server);
    let pilih = RwSignal::new(vec![true; beda.len()]);
    let menyimpan = RwSignal::new(false);
    let galat = RwSignal::new(None::<api::Error>);
    let (id, versi) = (server.id.clone(), server.version);
    let pakai = {
        let (beda, ganti) = (beda.clone(), ganti.clone());
        move |_| {
            let Some(rencana) = from_json::<SkpInput>(&gabungkan(&isian_server, &beda, &pilih.get_untracked())) else {
                return;
            };
            menyimpan.set(true);
            let (id, ganti) = (id.clone(), ganti.clone());
            leptos::task::spawn_local(async move {
                let path = format!("/api/v1/skp/{id}");
                let body = to_json(&EditSkp { version: versi, rencana: rencana.clone(), draf: true });
                let antre = match sinkron {
                    Some(s) => {
                        s.queue_instead(ganti, Some((path.clone(), versi)), vec![("PUT", path, body)]).await.is_ok()
                    }
                    None => false,
                };
                // A browser that keeps nothing: straight to the server.
                if !antre && let Err(e) = client.save_skp(&id, versi, rencana, true).await {
                    menyimpan.set(false);
                    galat.set(Some(e));
                    return;
                }
                // The editor opens on the chosen form, not on the typed one.
                draf::hapus(&id);
                nav.ke(&Halaman::Skp(id));
            });
        }
    };
    let ke_server = {
        let (id, ganti) = (server.id.clone(), ganti.clone());
        move |_| {
            let (id, ganti) = (id.clone(), ganti.clone());
            leptos::task::spawn_local(async move {
                if let Some(s) = sinkron
                    && !ganti.is_empty()
                {
                    let _ = s.queue_instead(ganti, None, Vec::new()).await;
                }
                draf::hapus(&id);
                nav.ke(&Halaman::Skp(id));
            });
        }
    };
    let i18n = use_i18n();
    let baris = beda
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let nama = format!("banding-{i}");
            let (saya, di_server) = (tampil(&b.milik_saya), tampil(&b.di_server));
            let pilihan = move |milik_saya: bool| {
                move |_| {
                    pilih.update(|p| {
                        if let Some(x) = p.get_mut(i) {
                            *x = milik_saya;
                        }
                    })
                }
            };
            view! {
                <fieldset class="beda" data-testid="beda">
                    <legend>{move || label(i18n.get_locale(), &b)}</legend>
                    <label class="versi">
                        <input type="radio" name=nama.clone() data-testid="pilih-saya"
                            prop:checked=move || pilih.with(|p| p.get(i).copied().unwrap_or(true)) on:change=pilihan(true) />
                        <span class="judul-versi">{teks(i18n, |l| td_string!(l, pegawai.milik_anda))}</span>
                        <span class="nilai-versi" data-testid="nilai-saya">{saya}</span>
                    </label>
                    <label class="versi">
                        <input type="radio" name=nama data-testid="pilih-server"
                            prop:checked=move || pilih.with(|p| !p.get(i).copied().unwrap_or(true)) on:change=pilihan(false) />
                        <span class="judul-versi">{teks(i18n, |l| td_string!(l, pegawai.di_server))}</span>
                        <span class="nilai-versi" data-testid="nilai-server">{di_server}</span>
                    </label>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <section class="banding" role="alert" aria-labelledby="judul-banding" data-testid="banding">
            <h1 id="judul-banding">{teks(i18n, |l| td_string!(l, pegawai.banding_judul))}</h1>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, pegawai.banding_penjelasan))}</p>
            {baris}
            <p class="galat" role="alert">{move || galat.get().map(|e| e.untuk_pengguna(i18n.get_locale()))}</p>
            <div class="aksi">
                <button type="button" data-testid="pakai-pilihan" disabled=move || menyimpan.get() on:click=pakai>
                    {teks(i18n, |l| td_string!(l, pegawai.pakai_pilihan))}
                </button>
                <button type="button" class="tombol-kedua" data-testid="pakai-server" disabled=move || menyimpan.get() on:click=ke_server>
                    {teks(i18n, |l| td_string!(l, pegawai.muat_terbaru))}
                </button>
            </div>
        </section>
    }
}
