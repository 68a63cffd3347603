//! `/unit/360/{pegawai_id}`: one subordinate's 360 for the running
//! period, as their pejabat penilai sees it: every rater with its status
//! and who proposed it, confirming a proposal, adding and removing a rater
//! until the deadline; after it, the aggregate as advice for the perilaku
//! rating. No answer is ever tied to a rater (the server sends none).

use domain::api::{
    DaftarPenilai360, Hasil360, PegawaiRingkas, Penilai360Item, PeriodeView, StatusPenilai360, TambahPenilai360,
};
use domain::umpan_balik::{KelompokPenilai, UmpanBalikUntukPenilai};
use domain::{NilaiBerakhlak, Teks};
use leptos::prelude::*;
use serde_json::Value;

use crate::api;
use crate::components::cari_rekan::CariRekan;
use crate::components::kuadran::label_rating;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::offline::sync::use_syncer;
use crate::pages::beranda::{hari_ini, periode_aktif};
use crate::state::auth::use_auth;
use crate::state::outbox::Outcome;
use crate::teks::{tanggal_iso, teks};

fn dalam(t: &Teks, l: Locale) -> String {
    t.dalam(if l == Locale::en { "en" } else { "id" }).to_owned()
}

/// What the page loads: the period, the list, the penilai's other
/// subordinates (whom they may add) and, once closed, the aggregate.
#[derive(Clone)]
struct Data360 {
    periode: PeriodeView,
    daftar: DaftarPenilai360,
    calon: Vec<PegawaiRingkas>,
    hasil: Option<Hasil360>,
}

async fn muat(client: api::Client, pegawai_id: String) -> Result<Option<Data360>, api::Error> {
    let semua = client.list_periode().await?;
    let Some(periode) = periode_aktif(&semua, i64::from(hari_ini().tahun())) else { return Ok(None) };
    let (daftar, antrian) =
        futures::join!(client.daftar_penilai_360(&periode.id, &pegawai_id), client.list_antrian(&periode.id));
    let daftar = daftar?;
    // The colleagues the penilai can name: their own subordinates (no
    // endpoint lists the instansi's pegawai to a penilai; `/org/pegawai` is the admin's).
    let calon = antrian.map(|a| a.into_iter().map(|i| i.pegawai).collect()).unwrap_or_default();
    let hasil = if daftar.pengaturan.ditutup { Some(client.hasil_360(&periode.id, &pegawai_id).await?) } else { None };
    Ok(Some(Data360 { periode, daftar, calon, hasil }))
}

#[component]
pub fn HalamanPenilai360(pegawai_id: String) -> impl IntoView {
    view! { <PerluMasuk><Penilai360 pegawai_id=pegawai_id.clone() /></PerluMasuk> }
}

/// One change to the list, through the outbox like any change.
#[derive(Clone)]
enum Ubah {
    Tambah(TambahPenilai360),
    Konfirmasi(String),
    Hapus(String),
}

impl Ubah {
    fn mutasi(&self) -> (&'static str, String, Value) {
        match self {
            Ubah::Tambah(t) => ("POST", "/api/v1/penilai-360".into(), crate::offline::to_json(t)),
            Ubah::Konfirmasi(id) => {
                ("POST", format!("/api/v1/penilai-360/{id}/konfirmasi"), Value::Object(Default::default()))
            }
            Ubah::Hapus(id) => ("DELETE", format!("/api/v1/penilai-360/{id}"), Value::Object(Default::default())),
        }
    }

    async fn langsung(self, client: api::Client) -> Result<(), api::Error> {
        match self {
            Ubah::Tambah(t) => client.tambah_penilai_360(&t).await.map(|_| ()),
            Ubah::Konfirmasi(id) => client.konfirmasi_penilai_360(&id).await.map(|_| ()),
            Ubah::Hapus(id) => client.hapus_penilai_360(&id).await,
        }
    }
}

#[component]
fn Penilai360(pegawai_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let sinkron = use_syncer();
    let id = StoredValue::new(pegawai_id);
    let data = LocalResource::new(move || muat(client, id.get_value()));
    let galat = RwSignal::new(None::<api::Error>);
    // This page's changes waiting in the outbox (their `seq`).
    let menunggu = RwSignal::new(Vec::<u64>::new());
    let kirim = move |u: Ubah| {
        galat.set(None);
        leptos::task::spawn_local(async move {
            if let Some(s) = sinkron
                && let Ok(seq) = s.queue(None, vec![u.mutasi()]).await
            {
                menunggu.update(|m| m.push(seq));
                return;
            }
            match u.langsung(client).await {
                Ok(()) => data.refetch(),
                Err(api::Error::SessionEnded) => auth.expire(),
                Err(e) => galat.set(Some(e)),
            }
        });
    };
    if let Some(s) = sinkron {
        Effect::new(move |_| {
            let hasil: Vec<_> = s
                .results
                .with(|h| h.iter().filter(|h| menunggu.with_untracked(|m| m.contains(&h.seq))).cloned().collect());
            let mut muat_lagi = false;
            for h in hasil {
                match h.outcome() {
                    Outcome::Saved => muat_lagi = true,
                    Outcome::Refused => {
                        muat_lagi = true;
                        galat.set(h.error());
                    }
                    Outcome::Passing => continue,
                }
                menunggu.update(|m| m.retain(|s| *s != h.seq));
            }
            if muat_lagi {
                data.refetch();
            }
        });
    }
    move || {
        match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(api::Error::Api { status: 404, .. })) | Some(Ok(None)) => view! {
            <section class="kartu"><p data-testid="p360-tidak-ditemukan">{teks(i18n, |l| td_string!(l, penilai.p360_tidak_ditemukan))}</p></section>
        }
        .into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok(Some(d))) => {
            let Data360 { periode, daftar, calon, hasil } = d;
            let ditutup = daftar.pengaturan.ditutup;
            let batas = daftar.pengaturan.batas.clone();
            let batas2 = batas.clone();
            let nama = daftar.pegawai.nama.clone();
            let sudah: Vec<String> = daftar.penilai.iter().map(|p| p.penilai.id.clone()).collect();
            let saya = auth.pegawai_id();
            let ratee = daftar.pegawai.id.clone();
            let calon: Vec<PegawaiRingkas> =
                calon.into_iter().filter(|c| c.id != ratee && !sudah.contains(&c.id)).collect();
            view! {
                <section class="kartu" data-testid="penilai-360">
                    <h1>{t!(i18n, penilai.p360_judul, nama = move || nama.clone())}</h1>
                    <p class="petunjuk">{daftar.pegawai.jabatan.clone()}</p>
                    {if ditutup {
                        view! { <p class="lencana" data-testid="p360-ditutup">{t!(i18n, penilai.p360_ditutup, tanggal = move || tanggal_iso(&batas, i18n.get_locale()))}</p> }.into_any()
                    } else {
                        view! { <p data-testid="p360-batas">{t!(i18n, penilai.p360_batas, tanggal = move || tanggal_iso(&batas2, i18n.get_locale()))}</p> }.into_any()
                    }}
                </section>
                <section class="kartu" aria-labelledby="judul-p360-daftar">
                    <h2 id="judul-p360-daftar">{teks(i18n, |l| td_string!(l, penilai.p360_daftar))}</h2>
                    <Show when={ let kosong = daftar.penilai.is_empty(); move || kosong }>
                        <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilai.p360_kosong))}</p>
                    </Show>
                    <ul class="p360-daftar" data-testid="p360-daftar">
                        {daftar.penilai.into_iter().map(|p| view! { <BarisPenilai p=p ditutup=ditutup kirim=Callback::new(kirim) /> }).collect_view()}
                    </ul>
                    <Show when=move || menunggu.with(|m| !m.is_empty())>
                        <p class="petunjuk" role="status" data-testid="p360-menunggu">{teks(i18n, |l| td_string!(l, luring.keputusan_perangkat))}</p>
                    </Show>
                    <p class="galat" role="alert" data-testid="p360-galat">{move || galat.with(|e| e.as_ref().map(|e| e.untuk_pengguna(i18n.get_locale())))}</p>
                    {(!ditutup).then(|| view! {
                        <FormTambah periode_id=periode.id.clone() pegawai_id=ratee.clone() saya=saya.clone() calon=calon.clone()
                            kecuali=sudah.iter().cloned().chain([ratee.clone()]).collect() kirim=Callback::new(kirim) />
                    })}
                </section>
                <Saran hasil=hasil />
            }
            .into_any()
        }
    }
    }
}

fn label_kelompok(k: KelompokPenilai, l: Locale) -> String {
    dalam(&k.label(), l)
}

#[component]
fn BarisPenilai(p: Penilai360Item, ditutup: bool, kirim: Callback<Ubah>) -> impl IntoView {
    let i18n = use_i18n();
    let diusulkan = p.status == StatusPenilai360::Diusulkan;
    let oleh_pegawai = p.diusulkan_oleh == domain::api::Akses::Pegawai;
    let kelompok = p.kelompok;
    let (id1, id2) = (p.id.clone(), p.id.clone());
    view! {
        <li data-testid="p360-penilai" data-status=p.status.kode() data-nama=p.penilai.nama.clone()>
            <span class="nama">{p.penilai.nama.clone()}</span>
            <span class="jabatan">{move || label_kelompok(kelompok, i18n.get_locale())}</span>
            <span class="lencana" data-testid="p360-status">{move || if diusulkan { td_string!(i18n.get_locale(), penilai.p360_diusulkan) } else { td_string!(i18n.get_locale(), penilai.p360_dikonfirmasi) }}</span>
            <span class="petunjuk">{move || if oleh_pegawai { td_string!(i18n.get_locale(), penilai.p360_oleh_pegawai) } else { td_string!(i18n.get_locale(), penilai.p360_oleh_penilai) }}</span>
            {(!ditutup).then(|| view! {
                <span class="aksi">
                    {diusulkan.then(|| view! {
                        <button type="button" data-testid="p360-konfirmasi" on:click=move |_| kirim.run(Ubah::Konfirmasi(id1.clone()))>{teks(i18n, |l| td_string!(l, penilai.p360_konfirmasi))}</button>
                    })}
                    <button type="button" class="tombol-kedua" data-testid="p360-hapus" on:click=move |_| kirim.run(Ubah::Hapus(id2.clone()))>{teks(i18n, |l| td_string!(l, penilai.p360_hapus))}</button>
                </span>
            })}
        </li>
    }
}

/// Adds a rater: the penilai themselves (as atasan), one of their other
/// subordinates, or anyone of the instansi found with the colleague search
/// (a rekan or pihak lain from another unit), in a group.
#[component]
fn FormTambah(
    periode_id: String,
    pegawai_id: String,
    saya: String,
    calon: Vec<PegawaiRingkas>,
    /// Who is on the list already (not offered again), with the ratee.
    kecuali: Vec<String>,
    kirim: Callback<Ubah>,
) -> impl IntoView {
    let i18n = use_i18n();
    let nama_saya = use_auth().0.with_untracked(|a| a.session().map(|s| s.nama.clone())).unwrap_or_default();
    let pilih = RwSignal::new(String::new());
    let kelompok = RwSignal::new(KelompokPenilai::Rekan);
    let saya2 = saya.clone();
    // Someone found with the search: chosen as if picked from the list (an
    // option of their own, so the list shows whom the button adds).
    let cari = RwSignal::new(String::new());
    let ditemukan = RwSignal::new(None::<PegawaiRingkas>);
    let di_daftar: Vec<String> = calon.iter().map(|c| c.id.clone()).chain([saya.clone()]).collect();
    let di_daftar = StoredValue::new(di_daftar);
    let lain = move || ditemukan.get().filter(|p| di_daftar.with_value(|d| !d.contains(&p.id)));
    Effect::new(move |_| match ditemukan.get() {
        Some(p) => {
            if kelompok.get_untracked() == KelompokPenilai::Atasan {
                kelompok.set(KelompokPenilai::Rekan);
            }
            pilih.set(p.id);
        }
        // Searching again: someone found before is no longer chosen.
        None if pilih.with_untracked(|p| !di_daftar.with_value(|d| d.contains(p))) => pilih.set(String::new()),
        None => {}
    });
    let tambah = move |_| {
        let penilai_id = pilih.get_untracked();
        if penilai_id.is_empty() {
            return;
        }
        kirim.run(Ubah::Tambah(TambahPenilai360 {
            periode_id: periode_id.clone(),
            pegawai_id: pegawai_id.clone(),
            penilai_id,
            kelompok: kelompok.get_untracked(),
        }));
        pilih.set(String::new());
        ditemukan.set(None);
        cari.set(String::new());
    };
    view! {
        <fieldset class="p360-tambah" data-testid="p360-tambah">
            <legend>{teks(i18n, |l| td_string!(l, penilai.p360_tambah))}</legend>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilai.p360_calon_petunjuk))}</p>
            <div class="p360-baris">
                <label>
                    {teks(i18n, |l| td_string!(l, penilai.p360_pegawai))}
                    <select data-testid="p360-pilih-pegawai" prop:value=move || pilih.get()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            // The penilai rates as atasan only.
                            if v == saya2 { kelompok.set(KelompokPenilai::Atasan) } else if kelompok.get_untracked() == KelompokPenilai::Atasan { kelompok.set(KelompokPenilai::Rekan) }
                            pilih.set(v);
                        }>
                        <option value="">{teks(i18n, |l| td_string!(l, penilai.p360_pilih))}</option>
                        <option value=saya.clone()>{move || format!("{nama_saya} · {}", label_kelompok(KelompokPenilai::Atasan, i18n.get_locale()))}</option>
                        {calon.into_iter().map(|c| view! { <option value=c.id.clone()>{c.nama.clone()}</option> }).collect_view()}
                        {move || lain().map(|p| view! { <option value=p.id.clone() data-testid="p360-ditemukan">{p.nama.clone()}</option> })}
                    </select>
                </label>
                <label>
                    {teks(i18n, |l| td_string!(l, penilai.p360_kelompok))}
                    <select data-testid="p360-pilih-kelompok" prop:value=move || kelompok.get().kode().to_owned()
                        on:change=move |ev| { if let Some(k) = KelompokPenilai::from_kode(&event_target_value(&ev)) { kelompok.set(k); } }>
                        {KelompokPenilai::ALL.into_iter().map(|k| view! { <option value=k.kode()>{move || label_kelompok(k, i18n.get_locale())}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" data-testid="p360-tambahkan" disabled=move || pilih.with(String::is_empty) on:click=tambah>
                    {teks(i18n, |l| td_string!(l, penilai.p360_tambahkan))}
                </button>
            </div>
            <div class="p360-cari">
                <label for="p360-cari-rekan">{teks(i18n, |l| td_string!(l, penilai.p360_cari))}</label>
                <CariRekan id="p360-cari-rekan" cari dipilih=ditemukan kecuali=kecuali />
            </div>
        </fieldset>
    }
}

/// After the deadline: the aggregate as advice for the perilaku rating,
/// per value the shown blocks' distribution and lean, and the domain's
/// advised rating with its reasons. Nothing names a rater.
#[component]
fn Saran(hasil: Option<Hasil360>) -> impl IntoView {
    let i18n = use_i18n();
    let isi: Option<UmpanBalikUntukPenilai> = hasil.and_then(|h| h.untuk_penilai);
    view! {
        <section class="kartu p360-saran" data-testid="p360-saran" aria-labelledby="judul-p360-saran">
            <h2 id="judul-p360-saran">{teks(i18n, |l| td_string!(l, penilai.p360_saran_judul))}</h2>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilai.p360_saran_petunjuk))}</p>
            {match isi {
                None => view! { <p data-testid="p360-belum-tutup">{teks(i18n, |l| td_string!(l, penilai.p360_belum_tutup))}</p> }.into_any(),
                Some(u) => {
                    let saran = u.saran.rating;
                    let langkah = u.saran.penjelasan.langkah.clone();
                    view! {
                        <p class="p360-rating" data-testid="p360-rating" data-rating=saran.map(|r| r.kode())>
                            {move || match saran {
                                Some(r) => t!(i18n, penilai.p360_saran, rating = move || label_rating(i18n.get_locale(), r)).into_any(),
                                None => teks(i18n, |l| td_string!(l, penilai.p360_tanpa_saran)).into_any(),
                            }}
                        </p>
                        <ul class="petunjuk">{langkah.into_iter().map(|s| view! { <li>{move || dalam(&s, i18n.get_locale())}</li> }).collect_view()}</ul>
                        <div class="p360-nilai">
                            {u.umpan_balik.per_nilai.into_iter().zip(u.kecenderungan).map(|(n, lean)| view! { <NilaiSaran nilai=n.nilai blok=n.blok lean=lean /> }).collect_view()}
                        </div>
                        <p class="petunjuk">{move || dalam(&u.umpan_balik.catatan_anonimitas, i18n.get_locale())}</p>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn NilaiSaran(
    nilai: NilaiBerakhlak,
    blok: Vec<domain::umpan_balik::BlokPegawai>,
    lean: Option<domain::RatingEkspektasi>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kosong = blok.is_empty();
    view! {
        <div class="p360-satu" data-testid="p360-nilai" data-nilai=nilai.kode()>
            <h3>{move || dalam(&nilai.label(), i18n.get_locale())}</h3>
            {lean.map(|r| view! { <p class="lencana">{t!(i18n, penilai.p360_kecenderungan, rating = move || label_rating(i18n.get_locale(), r))}</p> })}
            {kosong.then(|| view! { <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilai.p360_tanpa_blok))}</p> })}
            {blok.into_iter().map(|b| {
                let s = b.statistik.sebaran;
                let n = b.statistik.n;
                view! {
                    <div class="p360-blok">
                        <strong>{move || dalam(&b.sumber.label(), i18n.get_locale())}</strong> " · " {t!(i18n, penilai.p360_n, n = move || n)}
                        <p>{t!(i18n, penilai.p360_sebaran, bawah = move || s.dibawah_ekspektasi, sesuai = move || s.sesuai_ekspektasi, atas = move || s.diatas_ekspektasi)}</p>
                        {(!b.catatan.is_empty()).then(|| view! { <ul>{b.catatan.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul> })}
                    </div>
                }
            }).collect_view()}
        </div>
    }
}
