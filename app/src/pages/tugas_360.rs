//! `/hasil/360`: the 360 requests to the person as a rater, one after
//! another without a list to go back to: the colleague, their group and
//! the deadline; the seven BerAKHLAK values, each on the regulation's three
//! levels with an optional comment, saved through the outbox (an answer
//! typed offline reaches the server later) and kept on this device while it
//! differs from the server's; read only once the 360 has closed.

use leptos::prelude::*;

use domain::RatingEkspektasi;
use domain::api::umpan_balik::{SimpanJawaban360, Tugas360};
use domain::umpan_balik::{KelompokPenilai, MAKS_CATATAN, NilaiBerakhlak};

use crate::api;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::offline::sync::{SyncResult, use_syncer};
use crate::offline::{from_json, to_json};
use crate::state::auth::use_auth;
use crate::state::draf::penyimpanan;
use crate::state::outbox::Outcome;
use crate::state::umpan_balik::{Draf360, Isian360, berikutnya};
use crate::teks::{tanggal_iso, teks};

const AWAL_JALUR: &str = "/api/v1/tugas-360/";

fn jalur(id: &str) -> String {
    format!("{AWAL_JALUR}{id}")
}

#[component]
pub fn HalamanTugas360() -> impl IntoView {
    view! { <PerluMasuk><Muat /></PerluMasuk> }
}

#[component]
fn Muat() -> impl IntoView {
    let client = api::use_client();
    let sinkron = use_syncer();
    let data = LocalResource::new(move || async move {
        let tugas = client.tugas_360(None).await?;
        // An answer still waiting in the outbox (typed offline before a reload).
        let mut antre = Vec::with_capacity(tugas.len());
        for t in &tugas {
            let menunggu = match sinkron {
                Some(s) => s.waiting_for(&jalur(&t.id)).await.and_then(|(simpan, _)| simpan),
                None => None,
            };
            antre.push(menunggu.and_then(|b| from_json::<SimpanJawaban360>(&b)));
        }
        Ok::<_, api::Error>((tugas, antre))
    });
    move || match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok((tugas, antre))) => view! { <Daftar tugas antre /> }.into_any(),
    }
}

/// Where one answer stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keadaan {
    /// The server has what is on screen.
    Server,
    /// Typed and not saved.
    Berubah,
    /// In the outbox.
    Menunggu,
    /// The server refused the last save.
    Ditolak,
}

#[derive(Clone)]
struct Lembar {
    tugas: Tugas360,
    /// The answer's version on the server (0: none yet).
    version: i64,
    server: Isian360,
    isian: Isian360,
    /// What the last save sent, and its outbox `seq`.
    dikirim: Isian360,
    seq: u64,
    keadaan: Keadaan,
    galat: Option<api::Error>,
    dipulihkan: bool,
}

impl Lembar {
    fn buka(tugas: Tugas360, antre: Option<SimpanJawaban360>, pemilik: &str) -> Lembar {
        let version = tugas.jawaban.as_ref().map_or(0, |j| j.version);
        let server = tugas.jawaban.as_ref().map(|j| Isian360::dari(&j.penilaian)).unwrap_or_default();
        let mut l = Lembar {
            version,
            isian: server.clone(),
            dikirim: server.clone(),
            server,
            seq: 0,
            keadaan: Keadaan::Server,
            galat: None,
            dipulihkan: false,
            tugas,
        };
        if let Some(a) = antre {
            l.isian = Isian360::dari(&a.penilaian);
            l.dikirim = l.isian.clone();
            l.keadaan = Keadaan::Menunggu;
        }
        let kept = penyimpanan()
            .and_then(|s| s.get_item(&Draf360::kunci(&l.tugas.id)).ok().flatten())
            .and_then(|t| serde_json::from_str::<Draf360>(&t).ok())
            .and_then(|d| d.pulihkan(pemilik, &l.server));
        if let Some(d) = kept.filter(|d| !d.isian.sama(&l.isian) && !l.tugas.pengaturan.ditutup) {
            l.isian = d.isian;
            l.keadaan = Keadaan::Berubah;
            l.dipulihkan = true;
        }
        l
    }

    fn dijawab(&self) -> bool {
        self.version > 0 || self.keadaan == Keadaan::Menunggu
    }

    /// Keeps what is typed on this device while the server does not have it.
    fn simpan_draf(&self, pemilik: &str) {
        let Some(s) = penyimpanan() else { return };
        let kunci = Draf360::kunci(&self.tugas.id);
        if self.isian.sama(&self.server) {
            let _ = s.remove_item(&kunci);
        } else {
            let d = Draf360 { pemilik: pemilik.to_owned(), version: self.version, isian: self.isian.clone() };
            if let Ok(t) = serde_json::to_string(&d) {
                let _ = s.set_item(&kunci, &t);
            }
        }
    }
}

fn label_kelompok(k: KelompokPenilai, l: Locale) -> String {
    k.label().dalam(l.kode()).to_owned()
}

#[component]
fn Daftar(tugas: Vec<Tugas360>, antre: Vec<Option<SimpanJawaban360>>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let sinkron = use_syncer();
    let pemilik = auth.pegawai_id();
    let semua: Vec<Lembar> = tugas.into_iter().zip(antre).map(|(t, a)| Lembar::buka(t, a, &pemilik)).collect();
    let n = semua.len();
    // The first request not answered yet.
    let awal = semua.iter().position(|l| !l.dijawab()).unwrap_or(0);
    let lembar = RwSignal::new(semua);
    let aktif = RwSignal::new(awal);
    // The person tried to save an incomplete answer: what is missing is said.
    let dicoba = RwSignal::new(false);
    let asal = crate::offline::id_tab();

    // The outbox's answers to the saves of these requests.
    if let Some(s) = sinkron {
        Effect::new(move |sebelumnya: Option<()>| {
            let hasil: Vec<SyncResult> = s.results.with(|h| {
                h.iter().filter(|h| h.record.as_deref().is_some_and(|r| r.starts_with(AWAL_JALUR))).cloned().collect()
            });
            let pertama = sebelumnya.is_none();
            for h in hasil {
                let Some(id) = h.record.as_deref().and_then(|r| r.strip_prefix(AWAL_JALUR)).map(str::to_owned) else {
                    continue;
                };
                let pemilik = auth.pegawai_id();
                lembar.update(|v| {
                    let Some(l) = v.iter_mut().find(|l| l.tugas.id == id) else { return };
                    match h.outcome() {
                        Outcome::Saved => {
                            let versi = h.body.pointer("/jawaban/version").and_then(serde_json::Value::as_i64);
                            let Some(versi) = versi.filter(|v| *v > l.version) else { return };
                            l.version = versi;
                            if h.seq >= l.seq {
                                l.server = l.dikirim.clone();
                                l.galat = None;
                                l.keadaan = if l.isian.sama(&l.server) { Keadaan::Server } else { Keadaan::Berubah };
                                l.simpan_draf(&pemilik);
                            }
                        }
                        Outcome::Refused if !pertama && h.seq >= l.seq => {
                            if let Some(v) = h.body.pointer("/current/jawaban/version").and_then(|v| v.as_i64()) {
                                l.version = v;
                            }
                            l.keadaan = Keadaan::Ditolak;
                            l.galat = h.error();
                        }
                        _ => {}
                    }
                });
            }
        });
    }

    let ubah = move |f: Box<dyn FnOnce(&mut Isian360)>| {
        let i = aktif.get_untracked();
        let pemilik = auth.pegawai_id();
        lembar.update(|v| {
            if let Some(l) = v.get_mut(i) {
                f(&mut l.isian);
                if l.keadaan != Keadaan::Menunggu {
                    l.keadaan = if l.isian.sama(&l.server) { Keadaan::Server } else { Keadaan::Berubah };
                }
                l.simpan_draf(&pemilik);
            }
        });
    };

    let simpan = move |lanjut: bool| {
        let i = aktif.get_untracked();
        let Some(l) = lembar.with_untracked(|v| v.get(i).cloned()) else { return };
        if l.tugas.pengaturan.ditutup {
            return;
        }
        let Some(penilaian) = l.isian.penilaian() else {
            dicoba.set(true);
            crate::fokus::fokus_nanti("belum-lengkap".to_owned());
            return;
        };
        dicoba.set(false);
        let path = jalur(&l.tugas.id);
        let body = SimpanJawaban360 { version: l.version, penilaian };
        let (id, asal, dikirim) = (l.tugas.id.clone(), asal.clone(), l.isian.clone());
        lembar.update(|v| {
            v[i].keadaan = Keadaan::Menunggu;
            v[i].galat = None;
            v[i].dikirim = dikirim.clone();
        });
        leptos::task::spawn_local(async move {
            if let Some(s) = sinkron
                && let Ok(seq) = s
                    .queue_dari(asal, Some((path.clone(), l.version)), false, vec![("PUT", path, to_json(&body))])
                    .await
            {
                lembar.update(|v| v[i].seq = seq);
                return;
            }
            // A browser that keeps nothing: straight to the server.
            let r = client.jawab_360(&id, &body).await;
            lembar.update(|v| {
                let l = &mut v[i];
                match r {
                    Ok(t) => {
                        l.version = t.jawaban.map_or(l.version, |j| j.version);
                        l.server = dikirim;
                        l.keadaan = if l.isian.sama(&l.server) { Keadaan::Server } else { Keadaan::Berubah };
                    }
                    Err(e) => {
                        l.keadaan = Keadaan::Ditolak;
                        l.galat = Some(e);
                    }
                }
            });
        });
        if lanjut {
            let dijawab: Vec<bool> = lembar.with_untracked(|v| v.iter().map(Lembar::dijawab).collect());
            if let Some(j) = berikutnya(&dijawab, i) {
                aktif.set(j);
                crate::fokus::fokus_nanti("form-360".to_owned());
            }
        }
    };

    let (ubah, simpan) = (Callback::new(ubah), Callback::new(simpan));
    let pilih = move |i: usize| {
        dicoba.set(false);
        aktif.set(i);
    };

    view! {
        <section class="kartu" data-testid="tugas-360">
            <h1>{teks(i18n, |l| td_string!(l, umpan_balik.judul_360))}</h1>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, umpan_balik.pengantar_360))}</p>
            {(n == 0).then(|| view! { <p data-testid="tugas-kosong">{teks(i18n, |l| td_string!(l, umpan_balik.tugas_kosong))}</p> })}
            <ol class="daftar-360">
                {(0..n).map(|i| {
                    let l = move || lembar.with(|v| v[i].clone());
                    view! {
                        <li>
                            <button type="button" class="pilih-360" data-testid="tugas-item"
                                aria-current=move || (aktif.get() == i).then_some("true") on:click=move |_| pilih(i)>
                                <span class="nama">{move || l().tugas.pegawai.nama}</span>
                                <span class="petunjuk">{move || label_kelompok(l().tugas.kelompok, i18n.get_locale())}</span>
                                <span class="lencana" class:selesai=move || l().dijawab() data-testid="tugas-status">
                                    {move || if l().dijawab() {
                                        td_string!(i18n.get_locale(), umpan_balik.dijawab)
                                    } else {
                                        td_string!(i18n.get_locale(), umpan_balik.status_belum)
                                    }}
                                </span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
        {move || (n > 0).then(|| {
            let i = aktif.get();
            view! { <Form i n lembar dicoba ubah simpan /> }
        })}
    }
}

/// A change of the answer on screen.
type Ubah = Callback<Box<dyn FnOnce(&mut Isian360)>>;

#[component]
fn Form(
    i: usize,
    n: usize,
    lembar: RwSignal<Vec<Lembar>>,
    dicoba: RwSignal<bool>,
    ubah: Ubah,
    simpan: Callback<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sinkron = use_syncer();
    let awal = lembar.with_untracked(|v| v[i].clone());
    let tugas = awal.tugas.clone();
    let ditutup = tugas.pengaturan.ditutup;
    let batas = tugas.pengaturan.batas.clone();
    let isian = Memo::new(move |_| lembar.with(|v| v.get(i).map(|l| l.isian.clone()).unwrap_or_default()));
    let keadaan = Memo::new(move |_| lembar.with(|v| v.get(i).map(|l| (l.keadaan, l.version))));
    let galat = move || lembar.with(|v| v.get(i).and_then(|l| l.galat.clone()));
    let online = move || sinkron.is_none_or(|s| s.online.get());
    let status = move || {
        let l = i18n.get_locale();
        let (k, version) = keadaan.get()?;
        Some(match k {
            Keadaan::Server if version == 0 => ("belum", td_string!(l, umpan_balik.status_belum).to_owned()),
            Keadaan::Server => ("server", td_string!(l, umpan_balik.status_server).to_owned()),
            Keadaan::Berubah => ("berubah", td_string!(l, umpan_balik.status_berubah).to_owned()),
            Keadaan::Menunggu if online() => ("menyimpan", td_string!(l, umpan_balik.status_menyimpan).to_owned()),
            Keadaan::Menunggu => ("perangkat", td_string!(l, umpan_balik.status_perangkat).to_owned()),
            Keadaan::Ditolak => (
                "ditolak",
                format!(
                    "{} {}",
                    td_string!(l, umpan_balik.status_ditolak),
                    galat().map(|e| e.untuk_pengguna(l)).unwrap_or_default()
                ),
            ),
        })
    };
    let kurang = move || {
        let l = i18n.get_locale().kode();
        let isian = isian.get();
        let belum: Vec<String> = isian.belum_dinilai().iter().map(|n| n.label().dalam(l).to_owned()).collect();
        let panjang: Vec<String> = isian.catatan_kepanjangan().iter().map(|n| n.label().dalam(l).to_owned()).collect();
        (belum, panjang)
    };
    let nama_tugas = tugas.id.clone();
    view! {
        <section class="kartu form-360" id="form-360" tabindex="-1" data-testid="form-360" data-tugas=nama_tugas>
            <p class="petunjuk">{t!(i18n, umpan_balik.ke_dari, i = move || i + 1, n = move || n)}</p>
            <h2 data-testid="rekan">{tugas.pegawai.nama.clone()}</h2>
            <p class="petunjuk">{tugas.pegawai.jabatan.clone()}</p>
            <dl class="ringkas">
                <dt>{teks(i18n, |l| td_string!(l, umpan_balik.kelompok))}</dt>
                <dd data-testid="kelompok">{move || label_kelompok(tugas.kelompok, i18n.get_locale())}</dd>
                <dt>{teks(i18n, |l| td_string!(l, umpan_balik.batas))}</dt>
                <dd data-testid="batas">{move || tanggal_iso(&batas, i18n.get_locale())}</dd>
            </dl>
            <p class="petunjuk">
                {if tugas.kelompok == KelompokPenilai::Atasan {
                    teks(i18n, |l| td_string!(l, umpan_balik.anonim_atasan)).into_any()
                } else {
                    teks(i18n, |l| td_string!(l, umpan_balik.anonim_rekan)).into_any()
                }}
            </p>
            {ditutup.then(|| view! {
                <p class="catatan" role="status" data-testid="ditutup">{teks(i18n, |l| td_string!(l, umpan_balik.ditutup))}</p>
            })}
            {awal.dipulihkan.then(|| view! {
                <p class="catatan" role="status" data-testid="dipulihkan">{teks(i18n, |l| td_string!(l, umpan_balik.dipulihkan))}</p>
            })}
            {NilaiBerakhlak::ALL.into_iter().map(|nilai| {
                let k = nilai as usize;
                let nama = format!("r360-{}", nilai.kode());
                let id_catatan = format!("c360-{}", nilai.kode());
                let belum = move || dicoba.get() && isian.with(|s| s.rating[k].is_none());
                view! {
                    <fieldset class="nilai-360" data-nilai=nilai.kode() class:salah=belum aria-invalid=move || belum().then_some("true")>
                        <legend>{move || nilai.label().dalam(i18n.get_locale().kode()).to_owned()}</legend>
                        <p class="petunjuk">{move || nilai.makna().dalam(i18n.get_locale().kode()).to_owned()}</p>
                        <div class="skala-360">
                            {RatingEkspektasi::ALL.into_iter().map(|r| {
                                let nama = nama.clone();
                                view! {
                                    <label class="opsi-360">
                                        <input type="radio" name=nama value=r.kode() disabled=ditutup
                                            prop:checked=move || isian.with(|s| s.rating[k] == Some(r))
                                            on:change=move |_| ubah.run(Box::new(move |s: &mut Isian360| s.rating[k] = Some(r))) />
                                        <span>{move || r.label().dalam(i18n.get_locale().kode()).to_owned()}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                        <label for=id_catatan.clone() class="petunjuk">{teks(i18n, |l| td_string!(l, umpan_balik.catatan_opsional))}</label>
                        <textarea id=id_catatan rows="2" maxlength=MAKS_CATATAN.to_string() disabled=ditutup
                            prop:value=move || isian.with(|s| s.catatan[k].clone())
                            on:input=move |ev| {
                                let teks = event_target_value(&ev);
                                ubah.run(Box::new(move |s: &mut Isian360| s.catatan[k] = teks));
                            }></textarea>
                    </fieldset>
                }
            }).collect_view()}
            {move || {
                let (belum, panjang) = kurang();
                (dicoba.get() && !(belum.is_empty() && panjang.is_empty())).then(|| view! {
                    <div class="galat" role="alert" id="belum-lengkap" data-testid="belum-lengkap" tabindex="-1">
                        {(!belum.is_empty()).then(|| {
                            let daftar = belum.join(", ");
                            view! { <p>{t!(i18n, umpan_balik.belum_lengkap, daftar = move || daftar.clone())}</p> }
                        })}
                        {(!panjang.is_empty()).then(|| {
                            let daftar = panjang.join(", ");
                            view! { <p>{t!(i18n, umpan_balik.catatan_panjang, n = move || MAKS_CATATAN, daftar = move || daftar.clone())}</p> }
                        })}
                    </div>
                })
            }}
            <p class="status-simpan" data-testid="status-simpan" role="status" aria-live="polite"
                data-keadaan=move || status().map(|(k, _)| k)>
                {move || status().map(|(_, kata)| kata)}
            </p>
            {(!ditutup).then(|| view! {
                <div class="tombol-baris">
                    <button type="button" class="tombol" data-testid="simpan-360" on:click=move |_| simpan.run(false)>
                        {teks(i18n, |l| td_string!(l, umpan_balik.simpan))}
                    </button>
                    {(n > 1).then(|| view! {
                        <button type="button" class="tombol-kedua" data-testid="simpan-berikutnya" on:click=move |_| simpan.run(true)>
                            {teks(i18n, |l| td_string!(l, umpan_balik.simpan_berikutnya))}
                        </button>
                    })}
                </div>
            })}
        </section>
    }
}
