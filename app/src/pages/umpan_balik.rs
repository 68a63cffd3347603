//! `/hasil/umpan-balik`: the pegawai's feedback on their SKP of the active
//! period: the sheets received per sub-period (who gave them and in which
//! role, scheduled or incidental, per RHK and per BerAKHLAK value); asking
//! the penilai for feedback (through the outbox); the 360 raters they
//! proposed, proposing and withdrawing; and the 360 aggregate once it has
//! closed. Nothing here ever names a 360 rater to the ratee beyond their
//! own proposals: the aggregate is `domain::umpan_balik`'s ratee view.

use leptos::prelude::*;

use domain::api::umpan_balik::{
    DaftarPenilai360, Hasil360, MintaUmpanBalik, StatusPenilai360, TambahPenilai360, UmpanBalikView,
};
use domain::api::{Akses, PegawaiRingkas, PeriodeView, SkpRingkas};
use domain::skp::umpan_balik::{BentukUmpanBalik, ObjekUmpanBalik};
use domain::umpan_balik::{BlokPegawai, KelompokPenilai, UmpanBalikUntukPegawai};

use crate::api;
use crate::components::cari_rekan::CariRekan;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::offline::sync::use_syncer;
use crate::offline::to_json;
use crate::pages::beranda::{hari_ini, periode_aktif};
use crate::state::auth::use_auth;
use crate::state::outbox::Outcome;
use crate::state::umpan_balik::per_sub_periode;
use crate::teks::{tanggal_detik, tanggal_iso, teks};

#[component]
pub fn HalamanUmpanBalik() -> impl IntoView {
    view! { <PerluMasuk><Muat /></PerluMasuk> }
}

#[component]
fn Muat() -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let data = LocalResource::new(move || async move { futures::try_join!(client.list_periode(), client.list_skp()) });
    move || {
        match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok((periode, skp))) => match periode_aktif(&periode, i64::from(hari_ini().tahun())) {
            None => view! { <section class="kartu"><p>{teks(i18n, |l| td_string!(l, pegawai.belum_ada_periode))}</p></section> }
                .into_any(),
            Some(p) => {
                let mine = skp.into_iter().find(|s| s.periode_id == p.id);
                view! { <Isi periode=p skp=mine /> }.into_any()
            }
        },
    }
    }
}

#[component]
fn Isi(periode: PeriodeView, skp: Option<SkpRingkas>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let pegawai_id = auth.pegawai_id();
    let tahun = periode.tahun;
    let ditetapkan = skp.as_ref().is_some_and(|s| s.status.menerima_umpan_balik());
    view! {
        <section class="kartu" data-testid="umpan-balik">
            <h1>{teks(i18n, |l| td_string!(l, umpan_balik.judul))} " " {tahun}</h1>
            {match skp.clone() {
                None => view! { <p data-testid="tanpa-skp">{teks(i18n, |l| td_string!(l, umpan_balik.tanpa_skp))}</p> }.into_any(),
                Some(s) => view! { <Diterima skp_id=s.id periode=periode.clone() /> }.into_any(),
            }}
        </section>
        <section class="kartu" data-testid="minta">
            <h2>{teks(i18n, |l| td_string!(l, umpan_balik.minta_judul))}</h2>
            {match skp.filter(|_| ditetapkan) {
                Some(s) => view! { <Minta skp_id=s.id /> }.into_any(),
                None => view! {
                    <p class="petunjuk" data-testid="minta-belum">{teks(i18n, |l| td_string!(l, umpan_balik.minta_belum_ditetapkan))}</p>
                }
                .into_any(),
            }}
        </section>
        <Penilai360 periode_id=periode.id.clone() pegawai_id=pegawai_id.clone() />
        <Hasil periode_id=periode.id pegawai_id />
    }
}

// ---------------------------------------------------------------------------
// The feedback received
// ---------------------------------------------------------------------------

#[component]
fn Diterima(skp_id: String, periode: PeriodeView) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let data = LocalResource::new(move || {
        let skp_id = skp_id.clone();
        async move {
            let (lembar, skp) = futures::join!(client.list_umpan_balik(&skp_id), client.read_skp(&skp_id));
            // The RHK's words, when the SKP could be read.
            let rhk: Vec<(String, String)> =
                skp.map(|s| s.isian.rhk.into_iter().map(|r| (r.id, r.uraian)).collect()).unwrap_or_default();
            Ok::<_, api::Error>((per_sub_periode(lembar?), rhk))
        }
    });
    let p = periode.periode();
    move || match data.get() {
        None => view! { <GagalMuat galat=None di_kartu=true /> }.into_any(),
        Some(Err(e)) => {
            view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) di_kartu=true /> }.into_any()
        }
        Some(Ok((kelompok, rhk))) if kelompok.is_empty() => {
            let _ = rhk;
            view! { <p data-testid="diterima-kosong">{teks(i18n, |l| td_string!(l, umpan_balik.diterima_kosong))}</p> }
                .into_any()
        }
        Some(Ok((kelompok, rhk))) => {
            let p = p.clone();
            kelompok
                .into_iter()
                .map(|(ke, lembar)| {
                    let label = p.as_ref().and_then(|p| p.sub_periode_ke(ke)).map(|s| s.label());
                    let rhk = rhk.clone();
                    view! {
                        <div class="sub-periode" data-testid="sub-periode" data-ke=ke>
                            <h2>{move || label.as_ref().map(|t| t.dalam(i18n.get_locale().kode()).to_owned()).unwrap_or_else(|| ke.to_string())}</h2>
                            {lembar.into_iter().map(|l| view! { <Lembar lembar=l rhk=rhk.clone() /> }).collect_view()}
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }
    }
}

fn label_peran(peran: Akses, l: Locale) -> &'static str {
    match peran {
        Akses::AtasanPejabatPenilai => td_string!(l, umpan_balik.peran_atasan_penilai),
        _ => td_string!(l, umpan_balik.peran_penilai),
    }
}

#[component]
fn Lembar(lembar: UmpanBalikView, rhk: Vec<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let UmpanBalikView { pemberi, peran, bentuk, item, diubah, .. } = lembar;
    view! {
        <article class="lembar-ub" data-testid="lembar" data-bentuk=match bentuk { BentukUmpanBalik::Berkala => "berkala", BentukUmpanBalik::Insidentil => "insidentil" }>
            <p class="pemberi">
                <strong data-testid="pemberi">{pemberi.nama}</strong>
                " · " <span data-testid="peran">{move || label_peran(peran, i18n.get_locale())}</span>
            </p>
            <p class="petunjuk">
                <span class="lencana">{move || match bentuk {
                    BentukUmpanBalik::Berkala => td_string!(i18n.get_locale(), umpan_balik.berkala),
                    BentukUmpanBalik::Insidentil => td_string!(i18n.get_locale(), umpan_balik.insidentil),
                }}</span>
                " " {move || tanggal_detik(diubah, i18n.get_locale())}
            </p>
            <ul class="item-ub">
                {item.into_iter().map(|it| {
                    let tentang = match &it.objek {
                        ObjekUmpanBalik::Rhk { rhk: id } => {
                            let uraian = rhk.iter().find(|(r, _)| r == id.as_str()).map(|(_, u)| u.clone());
                            view! {
                                <span class="jenis">"RHK"</span> " "
                                {move || uraian.clone().unwrap_or_else(|| td_string!(i18n.get_locale(), umpan_balik.rhk_tidak_dikenal).to_owned())}
                            }.into_any()
                        }
                        ObjekUmpanBalik::Perilaku { nilai } => {
                            let nilai = *nilai;
                            view! {
                                <span class="jenis">"BerAKHLAK"</span> " "
                                {move || nilai.label().dalam(i18n.get_locale().kode()).to_owned()}
                            }.into_any()
                        }
                    };
                    let rating = it.rating;
                    view! {
                        <li data-testid="item-ub">
                            <p class="tentang">{tentang}</p>
                            {rating.map(|r| view! {
                                <p class="ringkas" data-rating=r.kode()><strong>{move || r.label().dalam(i18n.get_locale().kode()).to_owned()}</strong></p>
                            })}
                            <p data-testid="isi-ub">{it.isi}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </article>
    }
}

// ---------------------------------------------------------------------------
// Asking the penilai
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Permintaan {
    Belum,
    Menunggu(u64),
    Terkirim,
}

#[component]
fn Minta(skp_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let sinkron = use_syncer();
    let keadaan = RwSignal::new(Permintaan::Belum);
    let galat = RwSignal::new(None::<api::Error>);
    let minta = move |_| {
        let skp_id = skp_id.clone();
        galat.set(None);
        leptos::task::spawn_local(async move {
            let body = MintaUmpanBalik { skp_id: skp_id.clone() };
            if let Some(s) = sinkron
                && let Ok(seq) =
                    s.queue(None, vec![("POST", "/api/v1/permintaan-umpan-balik".to_owned(), to_json(&body))]).await
            {
                keadaan.set(Permintaan::Menunggu(seq));
                return;
            }
            match client.minta_umpan_balik(skp_id).await {
                Ok(()) => keadaan.set(Permintaan::Terkirim),
                Err(e) => galat.set(Some(e)),
            }
        });
    };
    if let Some(s) = sinkron {
        Effect::new(move |_| {
            let Permintaan::Menunggu(seq) = keadaan.get() else { return };
            let Some(h) = s.results.with(|h| h.iter().find(|h| h.seq == seq).cloned()) else { return };
            match h.outcome() {
                Outcome::Saved => keadaan.set(Permintaan::Terkirim),
                Outcome::Refused => {
                    keadaan.set(Permintaan::Belum);
                    galat.set(h.error());
                    // Said here, with nothing to apply again: not kept among the refused changes.
                    s.drop_refused(seq);
                }
                Outcome::Passing => {}
            }
        });
    }
    let online = move || sinkron.is_none_or(|s| s.online.get());
    view! {
        <p class="petunjuk">{teks(i18n, |l| td_string!(l, umpan_balik.minta_penjelasan))}</p>
        <button type="button" class="tombol" data-testid="minta-umpan-balik"
            disabled=move || matches!(keadaan.get(), Permintaan::Menunggu(_)) on:click=minta>
            {teks(i18n, |l| td_string!(l, umpan_balik.minta_tombol))}
        </button>
        <p role="status" aria-live="polite" data-testid="minta-status">
            {move || match keadaan.get() {
                Permintaan::Terkirim => td_string!(i18n.get_locale(), umpan_balik.minta_terkirim),
                Permintaan::Menunggu(_) if !online() => td_string!(i18n.get_locale(), umpan_balik.minta_menunggu),
                _ => "",
            }}
        </p>
        {move || galat.get().map(|e| view! {
            <p class="galat" role="alert" data-testid="minta-galat">{move || e.untuk_pengguna(i18n.get_locale())}</p>
        })}
    }
}

// ---------------------------------------------------------------------------
// The 360 raters the pegawai proposed
// ---------------------------------------------------------------------------

/// A 404 of the 360 lists: the ratee has no penilai in the period yet.
fn belum_ada_penilai(e: &api::Error) -> bool {
    matches!(e, api::Error::Api { status: 404, .. })
}

#[component]
fn Penilai360(periode_id: String, pegawai_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let (p, g) = (periode_id.clone(), pegawai_id.clone());
    let data = LocalResource::new(move || {
        let (p, g) = (p.clone(), g.clone());
        async move { client.daftar_penilai_360(&p, &g).await }
    });
    let muat_ulang = Callback::new(move |_| data.refetch());
    view! {
        <section class="kartu" data-testid="penilai-360">
            <h2>{teks(i18n, |l| td_string!(l, umpan_balik.p360_judul))}</h2>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, umpan_balik.p360_penjelasan))}</p>
            {move || match data.get() {
                None => view! { <GagalMuat galat=None di_kartu=true /> }.into_any(),
                Some(Err(e)) if belum_ada_penilai(&e) => view! {
                    <p>{teks(i18n, |l| td_string!(l, umpan_balik.p360_tanpa_penilai))}</p>
                }.into_any(),
                Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=muat_ulang di_kartu=true /> }.into_any(),
                Some(Ok(d)) => view! { <DaftarUsulan d muat_ulang periode_id=periode_id.clone() pegawai_id=pegawai_id.clone() /> }.into_any(),
            }}
        </section>
    }
}

fn label_kelompok(k: KelompokPenilai, l: Locale) -> String {
    k.label().dalam(l.kode()).to_owned()
}

/// Queues a change of the 360 list through the outbox (or, with no device
/// store, sends it): its outbox number while it waits there, `None` once
/// the server has it.
async fn ubah_daftar(
    client: api::Client,
    sinkron: Option<crate::offline::sync::Syncer>,
    method: &'static str,
    path: String,
    body: serde_json::Value,
) -> Result<Option<u64>, api::Error> {
    if let Some(s) = sinkron
        && let Ok(seq) = s.queue(None, vec![(method, path.clone(), body.clone())]).await
    {
        return Ok(Some(seq));
    }
    match method {
        "DELETE" => client.hapus_penilai_360(path.rsplit('/').next().unwrap_or_default()).await.map(|_| None),
        _ => {
            let input: TambahPenilai360 = crate::offline::from_json(&body).ok_or(api::Error::Decode)?;
            client.tambah_penilai_360(&input).await.map(|_| None)
        }
    }
}

#[component]
fn DaftarUsulan(
    d: DaftarPenilai360,
    muat_ulang: Callback<()>,
    periode_id: String,
    pegawai_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let sinkron = use_syncer();
    let ditutup = d.pengaturan.ditutup;
    let galat = RwSignal::new(None::<api::Error>);
    // The outbox numbers of this list's changes: their answers reload it.
    let menunggu = RwSignal::new(Vec::<u64>::new());
    if let Some(s) = sinkron {
        Effect::new(move |_| {
            let seqs = menunggu.get();
            if seqs.is_empty() {
                return;
            }
            let selesai: Vec<_> = s.results.with(|h| h.iter().filter(|h| seqs.contains(&h.seq)).cloned().collect());
            if selesai.is_empty() {
                return;
            }
            menunggu.set(seqs.into_iter().filter(|s| !selesai.iter().any(|h| h.seq == *s)).collect());
            if let Some(h) = selesai.iter().find(|h| h.outcome() == Outcome::Refused) {
                galat.set(h.error());
            }
            // Said here, and the list is read again: not kept among the refused changes.
            for h in selesai.iter().filter(|h| h.outcome() == Outcome::Refused) {
                s.drop_refused(h.seq);
            }
            muat_ulang.run(());
        });
    }
    let jalankan = move |method: &'static str, path: String, body: serde_json::Value| {
        galat.set(None);
        leptos::task::spawn_local(async move {
            match ubah_daftar(client, sinkron, method, path, body).await {
                Ok(Some(seq)) => menunggu.update(|m| m.push(seq)),
                Ok(None) => muat_ulang.run(()),
                Err(e) => galat.set(Some(e)),
            }
        });
    };
    let tarik = move |id: String| jalankan("DELETE", format!("/api/v1/penilai-360/{id}"), serde_json::Value::Null);
    let usulkan = move |penilai_id: String, kelompok: KelompokPenilai| {
        let body =
            TambahPenilai360 { periode_id: periode_id.clone(), pegawai_id: pegawai_id.clone(), penilai_id, kelompok };
        jalankan("POST", "/api/v1/penilai-360".to_owned(), to_json(&body));
    };
    view! {
        <ul class="jumlah-360" data-testid="jumlah-360">
            {d.jumlah.iter().map(|j| {
                let (k, n) = (j.kelompok, j.dikonfirmasi);
                view! { <li data-kelompok=k.kode()>{t!(i18n, umpan_balik.jumlah_kelompok, kelompok = move || label_kelompok(k, i18n.get_locale()), n = move || n)}</li> }
            }).collect_view()}
        </ul>
        {d.penilai.is_empty().then(|| view! { <p class="petunjuk">{teks(i18n, |l| td_string!(l, umpan_balik.usulan_kosong))}</p> })}
        <ul class="usulan-360">
            {d.penilai.into_iter().map(|p| {
                let bisa_tarik = !ditutup && p.status == StatusPenilai360::Diusulkan;
                let id = p.id.clone();
                view! {
                    <li data-testid="usulan">
                        <span class="nama">{p.penilai.nama}</span>
                        <span class="petunjuk">{move || label_kelompok(p.kelompok, i18n.get_locale())}</span>
                        <span class="lencana" class:selesai=p.status == StatusPenilai360::Dikonfirmasi>{move || match p.status {
                            StatusPenilai360::Diusulkan => td_string!(i18n.get_locale(), umpan_balik.status_diusulkan),
                            StatusPenilai360::Dikonfirmasi => td_string!(i18n.get_locale(), umpan_balik.status_dikonfirmasi),
                        }}</span>
                        {bisa_tarik.then(|| view! {
                            <button type="button" class="tombol-teks" data-testid="tarik" on:click=move |_| tarik(id.clone())>
                                {teks(i18n, |l| td_string!(l, umpan_balik.tarik))}
                            </button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {move || galat.get().map(|e| view! {
            <p class="galat" role="alert" data-testid="usulan-galat">{move || e.untuk_pengguna(i18n.get_locale())}</p>
        })}
        {if ditutup {
            view! { <p class="petunjuk">{teks(i18n, |l| td_string!(l, umpan_balik.p360_ditutup))}</p> }.into_any()
        } else {
            view! { <FormUsulan usulkan=Callback::new(move |(id, k)| usulkan(id, k)) /> }.into_any()
        }}
    }
}

/// Proposing a colleague: found by name or NIP among the instansi's pegawai.
#[component]
fn FormUsulan(usulkan: Callback<(String, KelompokPenilai)>) -> impl IntoView {
    let i18n = use_i18n();
    let cari = RwSignal::new(String::new());
    let dipilih = RwSignal::new(None::<PegawaiRingkas>);
    let kelompok = RwSignal::new(KelompokPenilai::Rekan);
    let kirim = move |_| {
        let Some(p) = dipilih.get_untracked() else { return };
        usulkan.run((p.id, kelompok.get_untracked()));
        dipilih.set(None);
        cari.set(String::new());
    };
    view! {
        <div class="form-usulan" data-testid="form-usulan">
            <label for="cari-rekan">{teks(i18n, |l| td_string!(l, umpan_balik.cari_rekan))}</label>
            <CariRekan id="cari-rekan" cari dipilih />
            <label for="kelompok-usulan">{teks(i18n, |l| td_string!(l, umpan_balik.kelompok))}</label>
            <select id="kelompok-usulan" data-testid="kelompok-usulan"
                on:change=move |ev| if let Some(k) = KelompokPenilai::from_kode(&event_target_value(&ev)) { kelompok.set(k) }>
                {KelompokPenilai::ANONIM.into_iter().map(|k| view! {
                    <option value=k.kode() selected=k == KelompokPenilai::Rekan>{move || label_kelompok(k, i18n.get_locale())}</option>
                }).collect_view()}
            </select>
            <button type="button" class="tombol" data-testid="usulkan" disabled=move || dipilih.with(Option::is_none) on:click=kirim>
                {teks(i18n, |l| td_string!(l, umpan_balik.usulkan))}
            </button>
        </div>
    }
}

// ---------------------------------------------------------------------------
// The 360 aggregate
// ---------------------------------------------------------------------------

#[component]
fn Hasil(periode_id: String, pegawai_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let data = LocalResource::new(move || {
        let (p, g) = (periode_id.clone(), pegawai_id.clone());
        async move { client.hasil_360(&p, &g).await }
    });
    view! {
        <section class="kartu" data-testid="hasil-360">
            <h2>{teks(i18n, |l| td_string!(l, umpan_balik.hasil_judul))}</h2>
            {move || match data.get() {
                None => view! { <GagalMuat galat=None di_kartu=true /> }.into_any(),
                Some(Err(e)) if belum_ada_penilai(&e) => view! {
                    <p>{teks(i18n, |l| td_string!(l, umpan_balik.p360_tanpa_penilai))}</p>
                }.into_any(),
                Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) di_kartu=true /> }.into_any(),
                Some(Ok(Hasil360 { pengaturan, untuk_pegawai: Some(u), .. })) if pengaturan.ditutup => view! { <Agregat u /> }.into_any(),
                Some(Ok(h)) => {
                    let batas = h.pengaturan.batas.clone();
                    view! {
                        <p data-testid="hasil-belum">{t!(i18n, umpan_balik.hasil_tersedia, batas = move || tanggal_iso(&batas, i18n.get_locale()))}</p>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn Agregat(u: UmpanBalikUntukPegawai) -> impl IntoView {
    let i18n = use_i18n();
    let ambang = u.ambang_anonimitas;
    let catatan = u.catatan_anonimitas.clone();
    view! {
        <p class="petunjuk" data-testid="catatan-anonimitas">{move || catatan.dalam(i18n.get_locale().kode()).to_owned()}</p>
        {u.per_nilai.into_iter().map(|nv| {
            let nilai = nv.nilai;
            let kosong = nv.blok.is_empty();
            view! {
                <div class="nilai-hasil" data-testid="nilai-hasil" data-nilai=nilai.kode()>
                    <h3>{move || nilai.label().dalam(i18n.get_locale().kode()).to_owned()}</h3>
                    {if kosong {
                        view! { <p class="petunjuk" data-testid="tidak-ditampilkan">{t!(i18n, umpan_balik.hasil_tidak_ditampilkan, n = move || ambang)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="sebaran">
                                <thead><tr>
                                    <th scope="col">{teks(i18n, |l| td_string!(l, umpan_balik.sumber))}</th>
                                    <th scope="col">{teks(i18n, |l| td_string!(l, umum.diatas_pendek))}</th>
                                    <th scope="col">{teks(i18n, |l| td_string!(l, umum.sesuai_pendek))}</th>
                                    <th scope="col">{teks(i18n, |l| td_string!(l, umum.dibawah_pendek))}</th>
                                </tr></thead>
                                <tbody>
                                    {nv.blok.iter().map(|b| baris(b, i18n)).collect_view()}
                                </tbody>
                            </table>
                            {nv.blok.into_iter().filter(|b| !b.catatan.is_empty()).map(|b| {
                                let sumber = b.sumber;
                                view! {
                                    <p class="petunjuk">{move || sumber.label().dalam(i18n.get_locale().kode()).to_owned()}</p>
                                    <ul class="catatan-360" data-testid="catatan-360" data-sumber=serde_json::to_value(sumber).ok().and_then(|v| v.as_str().map(str::to_owned))>
                                        {b.catatan.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                                    </ul>
                                }
                            }).collect_view()}
                        }.into_any()
                    }}
                </div>
            }
        }).collect_view()}
    }
}

fn baris(b: &BlokPegawai, i18n: crate::i18n::I18n) -> impl IntoView + use<> {
    let sumber = b.sumber;
    let s = b.statistik.sebaran;
    let n = b.statistik.n;
    let kode = serde_json::to_value(sumber).ok().and_then(|v| v.as_str().map(str::to_owned));
    view! {
        <tr data-testid="blok" data-sumber=kode data-n=n>
            <th scope="row">{move || sumber.label().dalam(i18n.get_locale().kode()).to_owned()} " "
                <span class="petunjuk">{t!(i18n, umpan_balik.penilai_n, n = move || n)}</span></th>
            <td data-tingkat="diatas">{s.diatas_ekspektasi}</td>
            <td data-tingkat="sesuai">{s.sesuai_ekspektasi}</td>
            <td data-tingkat="dibawah">{s.dibawah_ekspektasi}</td>
        </tr>
    }
}
