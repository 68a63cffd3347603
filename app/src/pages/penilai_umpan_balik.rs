//! `/unit/umpan-balik`: the scheduled feedback (umpan balik berkala,
//! RULES.md §3.3) of one sub-period to the whole unit, on a tablet: the
//! subordinates with a set SKP, those still without it first; a sheet per
//! subordinate (a text per RHK and per BerAKHLAK value); "Simpan &
//! berikutnya" queues it in the outbox (offline too) and opens the next one
//! still without feedback, without going back to the list.

use std::collections::BTreeMap;

use domain::api::{AntrianUmpanBalik, AntrianUmpanBalikItem, PeriodeView, UmpanBalikView};
use domain::skp::umpan_balik::{BentukUmpanBalik, NilaiBerakhlak};
use leptos::prelude::*;

use crate::api;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::offline::sync::{SyncResult, use_syncer};
use crate::pages::beranda::{hari_ini, periode_aktif};
use crate::state::auth::use_auth;
use crate::state::outbox::Outcome;
use crate::state::umpan_balik_penilai::{self as ubp, DrafLembar, Keadaan, Lembar};
use crate::teks::teks;

/// The record path of a sheet (the outbox's and the server's).
fn path_lembar(id: &str) -> String {
    format!("/api/v1/umpan-balik/{id}")
}

fn bahasa(l: Locale) -> &'static str {
    if l == Locale::en { "en" } else { "id" }
}

/// The running period's sub-periods that have begun (the ones feedback can
/// be given for), as (ke, label).
pub fn sub_periode_dimulai(p: &PeriodeView) -> Vec<(u8, domain::Teks)> {
    p.periode()
        .map(|per| per.sub_periode_dimulai(hari_ini()).into_iter().map(|s| (s.ke, s.label())).collect())
        .unwrap_or_default()
}

#[component]
pub fn HalamanAntrianUmpanBalik() -> impl IntoView {
    view! { <PerluMasuk><AntrianUmpanBalik /></PerluMasuk> }
}

#[component]
fn AntrianUmpanBalik() -> impl IntoView {
    let client = api::use_client();
    // `None`: the sub-period the server says is running.
    let ke = RwSignal::new(None::<u8>);
    let data = LocalResource::new(move || {
        let ke = ke.get();
        async move {
            let periode = client.list_periode().await?;
            let Some(p) = periode_aktif(&periode, i64::from(hari_ini().tahun())) else {
                return Ok::<_, api::Error>(None);
            };
            let antrian = client.antrian_umpan_balik(&p.id, ke).await?;
            Ok(Some((p, antrian)))
        }
    });
    move || match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok(None)) => {
            let i18n = use_i18n();
            view! { <section class="kartu"><p>{teks(i18n, |l| td_string!(l, penilai.kosong))}</p></section> }.into_any()
        }
        Some(Ok(Some((p, antrian)))) => view! { <Alur periode=p antrian=antrian ke=ke /> }.into_any(),
    }
}

#[component]
fn Alur(periode: PeriodeView, antrian: AntrianUmpanBalik, ke: RwSignal<Option<u8>>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let sinkron = use_syncer();
    let pemilik = auth.pegawai_id();
    let no_ke = antrian.ke;
    let item = StoredValue::new(antrian.item.clone());
    // Where each subordinate stands, the server's sheet (id, version) of
    // each, and which record path is whose SKP.
    let mut awal_keadaan = BTreeMap::new();
    let mut awal_versi = BTreeMap::new();
    let mut milik = BTreeMap::new();
    let laci = ubp::lokal();
    for i in &antrian.item {
        let berkala = ubp::ambil(&laci, &pemilik, &i.skp_id, no_ke, BentukUmpanBalik::Berkala);
        let k = match (&i.berkala, &berkala) {
            (_, Some(d)) if d.tersimpan => Keadaan::DiPerangkat,
            (Some(_), _) => Keadaan::Diberikan,
            _ => Keadaan::Belum,
        };
        // Both sheets kept (the scheduled one, an incidental one): whose their answers are.
        let insidentil = ubp::ambil(&laci, &pemilik, &i.skp_id, no_ke, BentukUmpanBalik::Insidentil);
        for d in berkala.iter().chain(&insidentil) {
            milik.insert(path_lembar(&d.lembar.id), i.skp_id.clone());
        }
        if let Some(v) = &i.berkala {
            awal_versi.insert(i.skp_id.clone(), (v.id.clone(), v.version));
            milik.insert(path_lembar(&v.id), i.skp_id.clone());
        }
        awal_keadaan.insert(i.skp_id.clone(), k);
    }
    let keadaan = RwSignal::new(awal_keadaan);
    let versi = RwSignal::new(awal_versi);
    let milik = StoredValue::new(milik);
    let galat_simpan = RwSignal::new(BTreeMap::<String, api::Error>::new());
    let terbuka = RwSignal::new(None::<String>);
    // The last sheet saved: whose (name, SKP), its state said live.
    let pesan = RwSignal::new(None::<(String, String)>);
    let selesai = RwSignal::new(false);
    let asal = StoredValue::new(format!("penilai-umpan-balik-{}", api::idempotency_key()));
    let keadaan_of = move |skp: &str| keadaan.with_untracked(|k| k.get(skp).copied().unwrap_or(Keadaan::Belum));
    let buka = move |skp: Option<String>| {
        selesai.set(skp.is_none());
        terbuka.set(skp.clone());
        if skp.is_some() {
            crate::fokus::tampakkan("lembar-umpan-balik");
        }
    };
    let berikutnya = move |sekarang: Option<&str>| item.with_value(|a| ubp::berikutnya(a, keadaan_of, sekarang));

    // The server's answer to a sheet (from the outbox or straight).
    let diterima = move |v: UmpanBalikView| {
        ubp::hapus(&ubp::lokal(), &auth.pegawai_id(), &v.skp_id, v.ke, &v.id, true);
        galat_simpan.update(|g| {
            g.remove(&v.skp_id);
        });
        if v.ke == no_ke && v.bentuk == BentukUmpanBalik::Berkala {
            versi.update(|m| {
                m.insert(v.skp_id.clone(), (v.id.clone(), v.version));
            });
            keadaan.update(|k| {
                k.insert(v.skp_id.clone(), Keadaan::Diberikan);
            });
        }
    };
    // A refused sheet (by its id) is typing to fix again.
    let ditolak = move |skp: String, id: &str, e: api::Error| {
        if matches!(e, api::Error::SessionEnded) {
            auth.expire();
            return;
        }
        let laci = ubp::lokal();
        if let Some(mut d) = ubp::cari(&laci, &auth.pegawai_id(), &skp, no_ke, id) {
            d.tersimpan = false;
            ubp::simpan(&laci, &skp, no_ke, &d);
        }
        keadaan.update(|k| {
            k.insert(skp.clone(), Keadaan::Ditolak);
        });
        galat_simpan.update(|g| {
            g.insert(skp, e);
        });
    };
    if let Some(s) = sinkron {
        Effect::new(move |_| {
            let hasil: Vec<SyncResult> = s.results.with(|h| {
                h.iter()
                    .filter(|h| h.record.as_deref().is_some_and(|r| r.starts_with("/api/v1/umpan-balik/")))
                    .cloned()
                    .collect()
            });
            for h in hasil {
                let Some(skp) = h.record.as_deref().and_then(|r| milik.with_value(|m| m.get(r).cloned())) else {
                    continue;
                };
                match h.outcome() {
                    Outcome::Saved => {
                        if let Some(v) = crate::offline::from_json::<UmpanBalikView>(&h.body) {
                            diterima(v);
                        }
                    }
                    Outcome::Refused => {
                        let id = h
                            .record
                            .as_deref()
                            .and_then(|r| r.strip_prefix("/api/v1/umpan-balik/"))
                            .unwrap_or_default();
                        ditolak(skp, id, h.error().unwrap_or(api::Error::Decode));
                    }
                    Outcome::Passing => {}
                }
            }
        });
    }

    // Saves a sheet: into the outbox (kept on the device, sent now or when
    // the connection is back), or straight to the server without a store.
    let simpan = move |it: AntrianUmpanBalikItem, lembar: Lembar| {
        let rhk: Vec<String> = it.rhk.iter().map(|r| r.id.clone()).collect();
        let body = lembar.simpan(&it.skp_id, no_ke, &rhk);
        let path = path_lembar(&lembar.id);
        milik.update_value(|m| {
            m.insert(path.clone(), it.skp_id.clone());
        });
        let draf = DrafLembar { pemilik: auth.pegawai_id(), lembar: lembar.clone(), tersimpan: true };
        ubp::simpan(&ubp::lokal(), &it.skp_id, no_ke, &draf);
        if lembar.bentuk == BentukUmpanBalik::Berkala {
            keadaan.update(|k| {
                k.insert(it.skp_id.clone(), Keadaan::DiPerangkat);
            });
        }
        galat_simpan.update(|g| {
            g.remove(&it.skp_id);
        });
        pesan.set(Some((it.pegawai.nama.clone(), it.skp_id.clone())));
        let skp = it.skp_id.clone();
        leptos::task::spawn_local(async move {
            if let Some(s) = sinkron {
                let ubah = vec![("PUT", path.clone(), crate::offline::to_json(&body))];
                if s.queue_dari(asal.get_value(), Some((path, lembar.version)), false, ubah).await.is_ok() {
                    return;
                }
            }
            match client.simpan_umpan_balik(&lembar.id, &body).await {
                Ok(v) => diterima(v),
                Err(e) => ditolak(skp, &lembar.id, e),
            }
        });
    };

    let subs = sub_periode_dimulai(&periode);
    let label = antrian.label.clone();
    let total = antrian.item.len();
    let diberikan = move || keadaan.with(|k| k.values().filter(|k| !k.perlu()).count());
    view! {
        <section class="kartu" data-testid="antrian-umpan-balik">
            <h1>{teks(i18n, |l| td_string!(l, penilai.ub_judul))} " · " <span data-testid="label-sub-periode">{move || label.dalam(bahasa(i18n.get_locale())).to_owned()}</span></h1>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilai.ub_petunjuk))}</p>
            <div class="ubp-kepala">
                <label for="pilih-sub-periode">{teks(i18n, |l| td_string!(l, penilai.ub_sub_periode))}</label>
                <select id="pilih-sub-periode" data-testid="pilih-sub-periode"
                    on:change=move |ev| { ke.set(event_target_value(&ev).parse().ok()); }>
                    {subs.into_iter().map(|(k, lbl)| view! {
                        <option value=k.to_string() selected=k == no_ke>{move || lbl.dalam(bahasa(i18n.get_locale())).to_owned()}</option>
                    }).collect_view()}
                </select>
                <span class="petunjuk" data-testid="progres-umpan-balik">{t!(i18n, penilai.ub_progres, n = diberikan, total = move || total)}</span>
                <button type="button" data-testid="mulai-umpan-balik" disabled=move || { keadaan.track(); berikutnya(None).is_none() }
                    on:click=move |_| buka(berikutnya(None))>
                    {teks(i18n, |l| td_string!(l, penilai.ub_mulai))}
                </button>
            </div>
            <Show when=move || total == 0>
                <p data-testid="umpan-balik-kosong">{teks(i18n, |l| td_string!(l, penilai.ub_kosong))}</p>
            </Show>
            {move || pesan.get().map(|(nama, skp)| {
                let k = keadaan.with(|k| k.get(&skp).copied().unwrap_or(Keadaan::Belum));
                let siapa = move || nama.clone();
                view! {
                    <p class="berhasil" role="status" data-testid="status-simpan-ub" data-keadaan=k.kode()>
                        {match k {
                            Keadaan::DiPerangkat => t!(i18n, penilai.ub_tersimpan_perangkat, nama = siapa).into_any(),
                            Keadaan::Ditolak => t!(i18n, penilai.ub_tersimpan_ditolak, nama = siapa).into_any(),
                            _ => t!(i18n, penilai.ub_tersimpan, nama = siapa).into_any(),
                        }}
                    </p>
                }
            })}
            <Show when=move || { selesai.get() && total > 0 }>
                <p class="berhasil" data-testid="semua-selesai">{teks(i18n, |l| td_string!(l, penilai.ub_selesai))}</p>
            </Show>
        </section>
        <div class="ubp-tata" class:ada-lembar=move || terbuka.with(Option::is_some)>
            <ul class="ubp-daftar kartu" data-testid="daftar-umpan-balik">
                {antrian.item.iter().map(|i| {
                    let skp = i.skp_id.clone();
                    let (s1, s2, s3) = (skp.clone(), skp.clone(), skp.clone());
                    let k = Memo::new(move |_| keadaan.with(|k| k.get(&s1).copied().unwrap_or(Keadaan::Belum)));
                    view! {
                        <li data-testid="ub-item" data-keadaan=move || k.get().kode() class:aktif=move || terbuka.with(|t| t.as_deref() == Some(s2.as_str()))>
                            <span class="nama">{i.pegawai.nama.clone()}</span>
                            <span class="jabatan">{i.pegawai.jabatan.clone()}</span>
                            <span class=move || format!("lencana ub-{}", k.get().kode())>{move || label_keadaan(i18n.get_locale(), k.get())}</span>
                            <button type="button" class="tombol-kedua" data-testid="buka-lembar" on:click=move |_| buka(Some(s3.clone()))>
                                {move || if k.get() == Keadaan::Belum { td_string!(i18n.get_locale(), penilai.ub_beri) } else { td_string!(i18n.get_locale(), penilai.ub_ubah) }}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || terbuka.get().and_then(|skp| item.with_value(|a| a.iter().find(|i| i.skp_id == skp).cloned())).map(|it| {
                let skp = it.skp_id.clone();
                let lama = versi.with_untracked(|v| v.get(&skp).cloned());
                let galat = Signal::derive({ let skp = skp.clone(); move || galat_simpan.with(|g| g.get(&skp).cloned()) });
                let (skp1, skp2, skp3) = (skp.clone(), skp.clone(), skp.clone());
                view! {
                    <FormLembar item=it ke=no_ke lama=lama galat_server=galat
                        simpan=Callback::new(move |(it, l): (AntrianUmpanBalikItem, Lembar)| {
                            let skp = it.skp_id.clone();
                            simpan(it, l);
                            buka(berikutnya(Some(&skp)));
                        })
                        sebelumnya=Callback::new(move |_| { if let Some(s) = item.with_value(|a| ubp::sebelumnya(a, &skp1)) { buka(Some(s)); } })
                        lewati=Callback::new(move |_| buka(berikutnya(Some(&skp2))))
                        tutup=Callback::new(move |_| { terbuka.set(None); crate::fokus::tampakkan("daftar-umpan-balik"); })
                        ada_sebelumnya=item.with_value(|a| ubp::sebelumnya(a, &skp3).is_some()) />
                }
            })}
        </div>
    }
}

fn label_keadaan(l: Locale, k: Keadaan) -> &'static str {
    match k {
        Keadaan::Belum => td_string!(l, penilai.ub_belum),
        Keadaan::DiPerangkat => td_string!(l, penilai.ub_perangkat),
        Keadaan::Diberikan => td_string!(l, penilai.ub_diberikan),
        Keadaan::Ditolak => td_string!(l, penilai.ub_ditolak),
    }
}

/// One subordinate's sheet: typed on this device (kept while typed), the
/// sheet given before loaded to change, checked by the domain's rules
/// before it is queued.
#[component]
fn FormLembar(
    item: AntrianUmpanBalikItem,
    ke: u8,
    /// The scheduled sheet the server has (id, version).
    lama: Option<(String, i64)>,
    galat_server: Signal<Option<api::Error>>,
    simpan: Callback<(AntrianUmpanBalikItem, Lembar)>,
    sebelumnya: Callback<()>,
    lewati: Callback<()>,
    tutup: Callback<()>,
    ada_sebelumnya: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let pemilik = auth.pegawai_id();
    let skp = item.skp_id.clone();
    // The scheduled sheet's and an incidental one's are kept apart: the
    // sheet opens on the one kept (the scheduled first).
    let draf = ubp::pembuka(&ubp::lokal(), &pemilik, &skp, ke);
    let dipulihkan = RwSignal::new(draf.as_ref().is_some_and(DrafLembar::belum_disimpan));
    let awal = match (&draf, &lama) {
        (Some(d), _) => d.lembar.clone(),
        (None, Some((id, version))) => Lembar { id: id.clone(), version: *version, ..Lembar::default() },
        (None, None) => Lembar::baru(api::idempotency_key()),
    };
    let lembar = RwSignal::new(awal);
    // After a first try, the domain's messages follow what is typed.
    let dicoba = RwSignal::new(false);
    // A sheet given before, not changed on this device: its items, to
    // change (as loaded: not kept on the device until changed).
    let memuat = RwSignal::new(false);
    let dimuat = RwSignal::new(None::<Lembar>);
    let skp_s = StoredValue::new(skp.clone());
    let muat_lama = move |id: String, version: i64| {
        memuat.set(true);
        lembar.set(Lembar { id: id.clone(), version, ..Lembar::default() });
        leptos::task::spawn_local(async move {
            if let Ok(semua) = client.list_umpan_balik(&skp_s.get_value()).await
                && let Some(v) = semua.into_iter().find(|v| v.id == id)
            {
                let l = Lembar::dari_item(v.id, version.max(v.version), v.bentuk, &v.item);
                dimuat.try_set(Some(l.clone()));
                lembar.try_set(l);
            }
            memuat.try_set(false);
        });
    };
    if let (None, Some((id, version))) = (&draf, lama.clone()) {
        muat_lama(id, version);
    }
    let sudah_ada = lama.is_some();
    // Kept on this device as typed (not while the given sheet loads), each
    // sheet under its kind's key.
    let (skp_k, pemilik_k) = (skp.clone(), pemilik.clone());
    Effect::new(move |sebelumnya: Option<()>| {
        let l = lembar.get();
        if sebelumnya.is_none() || memuat.get_untracked() {
            return;
        }
        // Nothing of this device's to keep: an incidental sheet just begun
        // (or emptied) beside the scheduled one, or a given sheet as the
        // server has it. Its earlier typing goes with it.
        let baru_kosong = sudah_ada && l.version == 0 && l.kosong();
        let laci = ubp::lokal();
        if baru_kosong || dimuat.with_untracked(|d| d.as_ref() == Some(&l)) {
            ubp::hapus(&laci, &pemilik_k, &skp_k, ke, &l.id, false);
        } else {
            ubp::simpan(&laci, &skp_k, ke, &DrafLembar { pemilik: pemilik_k.clone(), lembar: l, tersimpan: false });
        }
    });
    // Switching between the scheduled sheet and an incidental one: the
    // sheet of that kind kept on this device, if any.
    let kembalikan = move |bentuk: BentukUmpanBalik| {
        dicoba.set(false);
        let d = ubp::ambil(&ubp::lokal(), &auth.pegawai_id(), &skp_s.get_value(), ke, bentuk);
        dipulihkan.set(d.as_ref().is_some_and(DrafLembar::belum_disimpan));
        match d {
            Some(d) => {
                lembar.set(d.lembar);
                true
            }
            None => false,
        }
    };
    let rhk_ids: Vec<String> = item.rhk.iter().map(|r| r.id.clone()).collect();
    let rhk_ids = StoredValue::new(rhk_ids);
    let galat = Memo::new(move |_| {
        if !dicoba.get() {
            return None;
        }
        lembar.with(|l| rhk_ids.with_value(|r| l.periksa(r).err()))
    });
    let it = StoredValue::new(item.clone());
    let kirim = move |_| {
        dicoba.set(true);
        let l = lembar.get_untracked();
        if rhk_ids.with_value(|r| l.periksa(r)).is_err() {
            crate::fokus::tampakkan("galat-lembar");
        } else {
            simpan.run((it.get_value(), l));
        }
    };
    let en = move || i18n.get_locale() == Locale::en;
    let nama = item.pegawai.nama.clone();
    view! {
        <section class="kartu ubp-lembar" id=format!("lembar-{skp}") data-testid="lembar-umpan-balik" data-skp=skp.clone()>
            <h2>{t!(i18n, penilai.ub_lembar_judul, nama = move || nama.clone())}</h2>
            <p class="petunjuk">{item.pegawai.jabatan.clone()}</p>
            <Show when=move || dipulihkan.get()><p class="petunjuk" role="status" data-testid="lembar-dipulihkan">{teks(i18n, |l| td_string!(l, penilai.ub_draf))}</p></Show>
            <Show when=move || memuat.get()><p class="petunjuk">{teks(i18n, |l| td_string!(l, umum.memuat))}</p></Show>
            <label class="ubp-bentuk">
                <input type="checkbox" data-testid="ub-insidentil" disabled=sudah_ada
                    prop:checked=move || lembar.with(|l| l.bentuk == BentukUmpanBalik::Insidentil)
                    on:change=move |ev| {
                        let insidentil = event_target_checked(&ev);
                        lembar.update(|l| l.bentuk = if insidentil { BentukUmpanBalik::Insidentil } else { BentukUmpanBalik::Berkala });
                    } />
                " " {teks(i18n, |l| td_string!(l, penilai.ub_insidentil))}
            </label>
            // This sub-period's scheduled sheet is given: besides changing
            // it, an incidental one can be added (a new sheet), and left again.
            {lama.clone().map(|(id_lama, v_lama)| {
                let id_l = id_lama.clone();
                let berkala = Memo::new(move |_| lembar.with(|l| l.id == id_l));
                move || if berkala.get() {
                    view! {
                        <button type="button" class="tombol-kedua" data-testid="ub-tambah-insidentil"
                            on:click=move |_| if !kembalikan(BentukUmpanBalik::Insidentil) { lembar.set(Lembar::insidentil(api::idempotency_key())); }>
                            {teks(i18n, |l| td_string!(l, penilai.ub_tambah_insidentil))}
                        </button>
                    }.into_any()
                } else {
                    let id_b = id_lama.clone();
                    view! {
                        <button type="button" class="tombol-kedua" data-testid="ub-ke-berkala"
                            on:click=move |_| if !kembalikan(BentukUmpanBalik::Berkala) { muat_lama(id_b.clone(), v_lama); }>
                            {teks(i18n, |l| td_string!(l, penilai.ub_ke_berkala))}
                        </button>
                    }.into_any()
                }
            })}
            <fieldset class="ubp-bagian">
                <legend>{teks(i18n, |l| td_string!(l, penilai.ub_judul_rhk))}</legend>
                {item.rhk.iter().enumerate().map(|(n, r)| {
                    let n = n + 1;
                    let kolom = format!("ub-rhk-{}", r.id);
                    let (id1, id2) = (r.id.clone(), r.id.clone());
                    view! {
                        <div class="baris">
                            <label for=kolom.clone()>{t!(i18n, pegawai.rhk_ke, n = move || n)} " · " {r.uraian.clone()}</label>
                            <textarea id=kolom.clone() rows="2" data-testid="ub-rhk" data-rhk=r.id.clone()
                                prop:value=move || lembar.with(|l| l.rhk.get(&id1).cloned().unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); lembar.update(|l| { l.rhk.insert(id2.clone(), v); }); }>
                            </textarea>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="ubp-bagian">
                <legend>{teks(i18n, |l| td_string!(l, penilai.ub_judul_nilai))}</legend>
                {NilaiBerakhlak::ALL.into_iter().map(|nilai| {
                    let kolom = format!("ub-nilai-{}", nilai.kode());
                    let (label, makna) = (nilai.label(), nilai.makna());
                    view! {
                        <div class="baris">
                            <label for=kolom.clone()>{move || label.dalam(bahasa(i18n.get_locale())).to_owned()}
                                <span class="petunjuk">" · " {move || makna.dalam(bahasa(i18n.get_locale())).to_owned()}</span></label>
                            <textarea id=kolom.clone() rows="2" data-testid="ub-nilai" data-nilai=nilai.kode()
                                prop:value=move || lembar.with(|l| l.perilaku.get(&nilai).cloned().unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); lembar.update(|l| { l.perilaku.insert(nilai, v); }); }>
                            </textarea>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="galat" role="alert" id="galat-lembar" data-testid="galat-lembar">
                {move || galat.with(|g| g.as_ref().map(|e| {
                    let mut pesan: Vec<String> = e.iter().flat_map(|(_, m)| m.iter().map(|t| api::satu_bahasa(t, en()))).collect();
                    pesan.dedup();
                    view! { <ul>{pesan.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> }
                }))}
                {move || galat_server.get().map(|e| view! { <p>{e.untuk_pengguna(i18n.get_locale())}</p> })}
            </div>
            <div class="aksi ubp-aksi">
                <button type="button" data-testid="simpan-berikutnya" on:click=kirim>{teks(i18n, |l| td_string!(l, penilai.ub_simpan_berikutnya))}</button>
                <button type="button" class="tombol-kedua" data-testid="sebelumnya" disabled=!ada_sebelumnya on:click=move |_| sebelumnya.run(())>{teks(i18n, |l| td_string!(l, penilai.ub_sebelumnya))}</button>
                <button type="button" class="tombol-kedua" data-testid="lewati" on:click=move |_| lewati.run(())>{teks(i18n, |l| td_string!(l, penilai.ub_lewati))}</button>
                <button type="button" class="tombol-teks" data-testid="tutup-lembar" on:click=move |_| tutup.run(())>{teks(i18n, |l| td_string!(l, penilai.ub_tutup))}</button>
            </div>
        </section>
    }
}
