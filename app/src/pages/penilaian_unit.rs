//! `/nilai`: the penilai rates the whole unit for one evaluation
//! (a sub-period's, or the year's) on a tablet, subordinate after
//! subordinate without going back to a list: the domain's suggested rating
//! hasil kerja from the stored realisations with its reasons, the rating
//! perilaku per BerAKHLAK value with the 360's lean beside it as advice, the
//! kuadran's predikat as it is typed, and the unit's distribution against
//! the pattern of the organisation's predikat recomputed with every change
//! (`domain::distribusi::check_distribusi`, every violation named). "Simpan
//! & berikutnya" queues the rating in the outbox (offline too); finalising
//! the unit (online) makes the evaluation documents.

use std::collections::BTreeMap;

use domain::PredikatOrganisasi;
use domain::api::{DistribusiUnit, Finalisasi, NilaiLamaRingkas, PenilaianSkp, PeriodeView};
use domain::distribusi::batas_pola;
use domain::rule_set::RuleSet;
use domain::rule_set::permenpanrb_6_2022::Predikat;
use domain::skp::PenilaianLama;
use leptos::prelude::*;

use crate::api;
use crate::api::penilaian::{path_penilaian, path_penilaian_lama};
use crate::components::kuadran::{label_predikat, label_sebutan};
use crate::components::lembar_hasil_kerja::BagianHasilKerja;
use crate::components::lembar_penutup::PenutupLembar;
use crate::components::lembar_perilaku::BagianPerilaku;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::navigasi::Tautan;
use crate::offline::sync::use_syncer;
use crate::page::Halaman;
use crate::pages::beranda::hari_ini;
use crate::pages::penilaian_lama::LembarAngka;
use crate::state::outbox::Outcome;
use crate::state::penilaian::{LembarNilai, jumlah_dengan, periksa_distribusi};
use crate::state::penilaian_lama::{LembarLama, PilihanEvaluasi, pilihan_evaluasi};
use crate::teks::teks;

fn bahasa(l: Locale) -> &'static str {
    l.kode()
}

#[component]
pub fn HalamanPenilaianUnit() -> impl IntoView {
    view! { <PerluMasuk><PenilaianUnit /></PerluMasuk> }
}

#[component]
fn PenilaianUnit() -> impl IntoView {
    let client = api::use_client();
    let i18n = use_i18n();
    // `None`: the active period's latest evaluation that has ended; else
    // `PilihanEvaluasi::kunci` (any period's: a former year's too).
    let pilihan = RwSignal::new(None::<String>);
    let data = LocalResource::new(move || {
        let pilihan = pilihan.get();
        async move {
            let periode = client.list_periode().await?;
            if periode.is_empty() {
                return Ok::<_, api::Error>(None);
            }
            let semua = pilihan_evaluasi(&periode, hari_ini());
            let Some(x) = pilihan.and_then(|k| semua.iter().find(|x| x.kunci() == k)).or(semua.first()).cloned() else {
                return Ok(Some((semua, None)));
            };
            let unit = client.distribusi(&x.periode.id, &x.evaluasi.kode()).await?;
            Ok(Some((semua, Some((x, unit)))))
        }
    });
    move || {
        match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok(None)) => {
            view! { <section class="kartu"><p>{teks(i18n, |l| td_string!(l, penilai.kosong))}</p></section> }.into_any()
        }
        Some(Ok(Some((_, None)))) => view! {
            <section class="kartu" data-testid="penilaian-unit">
                <h1>{teks(i18n, |l| td_string!(l, penilaian.judul_unit))}</h1>
                <p data-testid="belum-ada-evaluasi">{teks(i18n, |l| td_string!(l, penilaian.belum_berakhir))}</p>
            </section>
        }
        .into_any(),
        Some(Ok(Some((semua, Some((terpilih, unit)))))) => view! {
            <Alur semua=semua terpilih=terpilih.clone() unit=unit pilihan=pilihan muat_ulang=Callback::new(move |_| data.refetch()) />
            // A leader's units one level below (`predikat_unit`; nothing for anyone else).
            <crate::pages::predikat_unit::PredikatUnitBawahan periode=terpilih.periode />
        }
        .into_any(),
    }
    }
}

/// Where a subordinate's rating stands on this screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keadaan {
    Belum,
    /// Queued on this device, not yet answered.
    DiPerangkat,
    Tersimpan,
    Ditolak,
}

impl Keadaan {
    fn kode(self) -> &'static str {
        match self {
            Keadaan::Belum => "belum",
            Keadaan::DiPerangkat => "perangkat",
            Keadaan::Tersimpan => "tersimpan",
            Keadaan::Ditolak => "ditolak",
        }
    }
}

#[component]
fn Alur(
    semua: Vec<PilihanEvaluasi>,
    terpilih: PilihanEvaluasi,
    unit: DistribusiUnit,
    pilihan: RwSignal<Option<String>>,
    muat_ulang: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let sinkron = use_syncer();
    let evaluasi = unit.evaluasi.clone();
    let periode: PeriodeView = terpilih.periode.clone();
    // A former rule set's period is rated with numbers: no kuadran, no
    // distribution pattern, no finalisation (`penilaian_lama`).
    let lama = periode.rule_set != RuleSet::Permenpanrb6_2022;
    let final_ = unit.finalisasi.is_some();
    // Who is rated (stored, or typed on this screen) and where each stands.
    let orang: Vec<_> = unit.pegawai.iter().filter(|p| p.skp_id.is_some()).cloned().collect();
    let urutan = StoredValue::new(orang.iter().filter_map(|p| p.skp_id.clone()).collect::<Vec<_>>());
    let keadaan = RwSignal::new(
        orang
            .iter()
            .filter_map(|p| {
                let k =
                    if p.predikat.is_some() || p.nilai_lama.is_some() { Keadaan::Tersimpan } else { Keadaan::Belum };
                p.skp_id.clone().map(|s| (s, k))
            })
            .collect::<BTreeMap<_, _>>(),
    );
    // The predikat typed on this screen, one signal per subordinate (`None`:
    // nothing typed, the stored one counts): a rating changed touches its
    // own row and the counts, not the other rows.
    let diketik = StoredValue::new(
        orang
            .iter()
            .filter_map(|p| p.skp_id.clone())
            .map(|s| (s, RwSignal::new(None::<Predikat>)))
            .collect::<BTreeMap<_, _>>(),
    );
    let diketik_of =
        move |skp: &str| diketik.with_value(|d| d.get(skp).copied()).unwrap_or_else(|| RwSignal::new(None));
    // A former rule set's nilai saved on this screen.
    let nilai_lama = RwSignal::new(BTreeMap::<String, NilaiLamaRingkas>::new());
    let versi = RwSignal::new(BTreeMap::<String, i64>::new());
    let galat_simpan = RwSignal::new(BTreeMap::<String, api::Error>::new());
    let terbuka = RwSignal::new(None::<String>);
    let unit = StoredValue::new(unit);
    // The unit as it would stand with what is typed here: recomputed with
    // every change of a rating (the budget: 40 subordinates in ≤ 16 ms).
    // The verdict is in numbers, so it stays the same (and nothing below it
    // runs) while the counts move inside the pattern.
    let jumlah = Memo::new(move |_| {
        diketik.with_value(|d| unit.with_value(|u| jumlah_dengan(u, |s| d.get(s).and_then(|p| p.get()))))
    });
    let hasil = Memo::new(move |_| jumlah.with(|j| unit.with_value(|u| periksa_distribusi(u, j))));
    let asal = StoredValue::new(format!("penilaian-{}", api::idempotency_key()));

    let keadaan_of = move |skp: &str| keadaan.with_untracked(|k| k.get(skp).copied().unwrap_or(Keadaan::Belum));
    let berikutnya = move |sekarang: Option<&str>| {
        urutan.with_value(|u| {
            let mulai = sekarang.and_then(|s| u.iter().position(|x| x == s)).map_or(0, |i| i + 1);
            u.iter()
                .cycle()
                .skip(mulai)
                .take(u.len())
                .find(|s| matches!(keadaan_of(s), Keadaan::Belum | Keadaan::Ditolak) && Some(s.as_str()) != sekarang)
                .cloned()
        })
    };
    let sebelumnya = move |sekarang: &str| {
        urutan.with_value(|u| u.iter().position(|x| x == sekarang).filter(|i| *i > 0).map(|i| u[i - 1].clone()))
    };
    let buka = move |skp: Option<String>| {
        terbuka.set(skp.clone());
        if skp.is_some() {
            crate::fokus::tampakkan("lembar-penilaian");
        }
    };

    // Every subordinate's sheet is loaded now too, in the background: the
    // unit can then be rated with no connection as well.
    if web_sys::window().is_some_and(|w| w.navigator().on_line()) {
        let ev = evaluasi.clone();
        leptos::task::spawn_local(async move {
            for skp in urutan.get_value() {
                let _ = client.penilaian_skp(&skp, &ev).await;
            }
        });
    }

    // The server's answer to a rating, from the outbox.
    if let Some(s) = sinkron {
        Effect::new(move |_| {
            let hasil: Vec<_> = s.results.with(|h| {
                h.iter()
                    .filter(|h| {
                        h.path.starts_with("/api/v1/skp/")
                            && (h.path.ends_with("/penilaian") || h.path.ends_with("/penilaian-lama"))
                    })
                    .cloned()
                    .collect()
            });
            for h in hasil {
                let Some(skp) = h
                    .path
                    .strip_prefix("/api/v1/skp/")
                    .and_then(|p| p.strip_suffix("/penilaian").or_else(|| p.strip_suffix("/penilaian-lama")))
                else {
                    continue;
                };
                let skp = skp.to_owned();
                if !keadaan.with_untracked(|k| k.contains_key(&skp)) {
                    continue;
                }
                match h.outcome() {
                    Outcome::Saved => {
                        if let Some(v) = h.body.get("version").and_then(serde_json::Value::as_i64) {
                            versi.update(|m| {
                                m.insert(skp.clone(), v);
                            });
                        }
                        galat_simpan.update(|g| {
                            g.remove(&skp);
                        });
                        keadaan.update(|k| {
                            k.insert(skp, Keadaan::Tersimpan);
                        });
                    }
                    Outcome::Refused => {
                        if matches!(h.error(), Some(api::Error::SessionEnded)) {
                            continue;
                        }
                        keadaan.update(|k| {
                            k.insert(skp.clone(), Keadaan::Ditolak);
                        });
                        galat_simpan.update(|g| {
                            g.insert(skp, h.error().unwrap_or(api::Error::Decode));
                        });
                    }
                    Outcome::Passing => {}
                }
            }
        });
    }

    // Queues one rating (kept on the device, sent now or when the
    // connection is back), or sends it straight without a device store:
    // `isi` makes its path and body on the version it is saved on.
    let simpan = move |skp: String, p_version: i64, isi: Box<dyn FnOnce(i64) -> (String, serde_json::Value)>| {
        let version = versi.with_untracked(|v| v.get(&skp).copied()).unwrap_or(p_version).max(p_version);
        let (path, body) = isi(version);
        keadaan.update(|k| {
            k.insert(skp.clone(), Keadaan::DiPerangkat);
        });
        galat_simpan.update(|g| {
            g.remove(&skp);
        });
        leptos::task::spawn_local(async move {
            if let Some(s) = sinkron {
                let ubah = vec![("PUT", path.clone(), body.clone())];
                let record = (format!("/api/v1/skp/{skp}"), version);
                if s.queue_dari(asal.get_value(), Some(record), false, ubah).await.is_ok() {
                    return;
                }
            }
            let hasil = client.simpan_rating(&path, &body).await;
            match hasil {
                Ok(d) => {
                    if let Some(v) = d.get("version").and_then(serde_json::Value::as_i64) {
                        versi.update(|m| {
                            m.insert(skp.clone(), v);
                        });
                    }
                    keadaan.update(|k| {
                        k.insert(skp, Keadaan::Tersimpan);
                    });
                }
                Err(e) => {
                    keadaan.update(|k| {
                        k.insert(skp.clone(), Keadaan::Ditolak);
                    });
                    galat_simpan.update(|g| {
                        g.insert(skp, e);
                    });
                }
            }
        });
    };

    let total = orang.len();
    let dinilai = move || keadaan.with(|k| k.values().filter(|k| **k != Keadaan::Belum).count());
    let po = unit.with_value(|u| u.predikat_organisasi);
    let pilih_ev = terpilih.kunci();
    let ev_lembar = evaluasi.clone();
    view! {
        <section class="kartu" data-testid="penilaian-unit" data-evaluasi=evaluasi.clone()>
            <h1>{teks(i18n, |l| td_string!(l, penilaian.judul_unit))} " · " {periode.tahun}</h1>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilaian.petunjuk_unit))}</p>
            <div class="ubp-kepala">
                <label for="pilih-evaluasi">{teks(i18n, |l| td_string!(l, penilaian.evaluasi))}</label>
                <select id="pilih-evaluasi" data-testid="pilih-evaluasi"
                    on:change=move |ev| pilihan.set(Some(event_target_value(&ev)))>
                    {semua.into_iter().map(|x| {
                        let (kunci, lbl) = (x.kunci(), x.label);
                        view! { <option value=kunci.clone() selected=kunci == pilih_ev>{move || lbl.dalam(bahasa(i18n.get_locale())).to_owned()}</option> }
                    }).collect_view()}
                </select>
                <span class="petunjuk" data-testid="progres-penilaian">{t!(i18n, penilaian.progres, n = dinilai, total = move || total)}</span>
                <Show when=move || !final_>
                    <button type="button" data-testid="mulai-menilai" disabled=move || { keadaan.track(); berikutnya(None).is_none() }
                        on:click=move |_| buka(berikutnya(None))>
                        {teks(i18n, |l| td_string!(l, penilaian.mulai))}
                    </button>
                </Show>
            </div>
            {if lama {
                let aturan = periode.rule_set.label();
                view! { <p class="petunjuk" data-testid="aturan-lama">{teks(i18n, |l| td_string!(l, penilaian.aturan_lama))} " " {move || aturan.dalam(bahasa(i18n.get_locale())).to_owned()}</p> }.into_any()
            } else {
                view! { <PanelDistribusi jumlah=jumlah hasil=hasil po=po /> }.into_any()
            }}
        </section>
        <div class="ubp-tata" class:ada-lembar=move || terbuka.with(Option::is_some)>
            <ul class="ubp-daftar kartu" data-testid="daftar-penilaian">
                {orang.into_iter().map(|o| {
                    let skp = o.skp_id.clone().unwrap_or_default();
                    let (s1, s2, s3) = (skp.clone(), skp.clone(), skp.clone());
                    let k = Memo::new(move |_| keadaan.with(|k| k.get(&s1).copied().unwrap_or(Keadaan::Belum)));
                    let stored = o.predikat;
                    let diketik = diketik_of(&skp);
                    let predikat = Memo::new(move |_| diketik.get().or(stored));
                    let (s5, stored_lama) = (skp.clone(), o.nilai_lama.clone());
                    let angka = Memo::new(move |_| nilai_lama.with(|n| n.get(&s5).cloned()).or_else(|| stored_lama.clone()));
                    view! {
                        <li data-testid="nilai-item" data-skp=skp.clone() data-keadaan=move || k.get().kode()
                            data-predikat=move || predikat.get().map(|p| p.kode()).unwrap_or_default()
                            class:aktif=move || terbuka.with(|t| t.as_deref() == Some(s2.as_str()))>
                            <span class="nama">{o.pegawai.nama.clone()}</span>
                            <span class="jabatan">{o.pegawai.jabatan.clone()}</span>
                            {if lama {
                                view! {
                                    <span data-testid="nilai-angka" data-sebutan=move || angka.get().map(|n| n.sebutan).unwrap_or_default()
                                        class=move || format!("lencana predikat {}", angka.get().map_or_else(|| "belum".to_owned(), |n| n.sebutan))>
                                        {move || angka.get().map_or_else(|| td_string!(i18n.get_locale(), penilaian.belum_dinilai).to_owned(), |n| {
                                            let x = domain::rule_set::angka(n.nilai);
                                            let nilai = if i18n.get_locale() == Locale::en { x.en } else { x.id };
                                            format!("{nilai} · {}", label_sebutan(i18n.get_locale(), &n.sebutan))
                                        })}
                                    </span>
                                }.into_any()
                            } else {
                                view! {
                                    <span class=move || format!("lencana predikat {}", predikat.get().map(|p| p.kode()).unwrap_or("belum"))>
                                        {move || predikat.get().map_or_else(|| td_string!(i18n.get_locale(), penilaian.belum_dinilai), |p| label_predikat(i18n.get_locale(), p))}
                                    </span>
                                }.into_any()
                            }}
                            {(!final_).then(|| view! {
                                <button type="button" class="tombol-kedua" data-testid="buka-penilaian" on:click=move |_| buka(Some(s3.clone()))>
                                    {move || if k.get() == Keadaan::Belum { td_string!(i18n.get_locale(), penilaian.nilai) } else { td_string!(i18n.get_locale(), penilaian.ubah) }}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || terbuka.get().map(|skp| {
                let galat = Signal::derive({ let skp = skp.clone(); move || galat_simpan.with(|g| g.get(&skp).cloned()) });
                let (s1, s2) = (skp.clone(), skp.clone());
                let mundur = Callback::new(move |_| { if let Some(s) = sebelumnya(&s1) { buka(Some(s)); } });
                let lewati = Callback::new(move |_| buka(berikutnya(Some(&s2))));
                let tutup = Callback::new(move |_| { terbuka.set(None); crate::fokus::tampakkan("daftar-penilaian"); });
                view! {
                    <LembarPenilaian skp_id=skp.clone() evaluasi=ev_lembar.clone() galat_server=galat diketik=diketik_of(&skp)
                        simpan=Callback::new(move |(p, l): (PenilaianSkp, LembarNilai)| {
                            let skp = p.skp_id.clone();
                            let path = path_penilaian(&skp);
                            simpan(skp.clone(), p.version, Box::new(move |v| (path, crate::offline::to_json(&l.simpan(&p, v)))));
                            buka(berikutnya(Some(&skp)));
                        })
                        simpan_lama=Callback::new(move |(p, l, n): (PenilaianSkp, LembarLama, PenilaianLama)| {
                            let skp = p.skp_id.clone();
                            nilai_lama.update(|m| {
                                m.insert(skp.clone(), NilaiLamaRingkas { nilai: n.nilai(), sebutan: n.kode_sebutan().to_owned() });
                            });
                            let path = path_penilaian_lama(&skp);
                            simpan(skp.clone(), p.version, Box::new(move |v| (path, crate::offline::to_json(&l.simpan(&p, v)))));
                            buka(berikutnya(Some(&skp)));
                        })
                        sebelumnya=mundur lewati=lewati tutup=tutup />
                }
            })}
        </div>
        {(!lama).then(|| view! { <BagianFinalisasi unit=unit.get_value() hasil=hasil keadaan=keadaan muat_ulang=muat_ulang /> })}
    }
}

/// The counts per predikat against the pattern, every violation named:
/// what is typed on this screen counts at once. The panel's tree is built
/// once: a row per limit of the pattern, shown while it is broken, so a
/// rating changed updates a count's text, a row's text and `hidden`, and
/// never rebuilds the list (the budget: 40 subordinates in ≤ 16 ms).
#[component]
fn PanelDistribusi(
    jumlah: Memo<domain::distribusi::JumlahPredikat>,
    hasil: Memo<Option<domain::distribusi::VonisDistribusi>>,
    po: Option<PredikatOrganisasi>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sesuai = move || hasil.with(|h| h.as_ref().map(|h| h.sesuai_pola));
    let batas = po.map_or(&[][..], batas_pola);
    let baris = batas.iter().map(move |&b| {
        // This limit's numbers while it is broken, then its words: both
        // change only when its own count does.
        let dilanggar = Memo::new(move |_| {
            hasil.with(|h| h.as_ref().and_then(|h| h.dilanggar.iter().find(|x| x.batas == b).copied()))
        });
        let pelanggaran = Memo::new(move |_| dilanggar.get().zip(po).map(|(h, po)| h.pelanggaran(po)));
        view! {
            <li hidden=move || dilanggar.with(Option::is_none) data-kode=move || pelanggaran.with(|p| p.as_ref().map(|p| p.kode.clone()))>
                {move || pelanggaran.with(|p| p.as_ref().map(|p| api::satu_bahasa(&p.pesan, i18n.get_locale() == Locale::en)))}
            </li>
        }
    }).collect_view();
    view! {
        <div class="distribusi" data-testid="distribusi" aria-live="polite"
            data-sesuai=move || sesuai().map(|s| s.to_string()).unwrap_or_default()>
            <p>
                {teks(i18n, |l| td_string!(l, penilaian.predikat_organisasi))} ": "
                <strong data-testid="predikat-organisasi">{move || match po {
                    Some(po) => po.label().dalam(bahasa(i18n.get_locale())).to_owned(),
                    None => td_string!(i18n.get_locale(), penilaian.po_belum).to_owned(),
                }}</strong>
            </p>
            <table class="tabel-distribusi">
                <thead><tr>
                    <th scope="col">{teks(i18n, |l| td_string!(l, umum.predikat))}</th>
                    <th scope="col">{teks(i18n, |l| td_string!(l, penilaian.jumlah))}</th>
                </tr></thead>
                <tbody>
                    {Predikat::ALL.into_iter().map(|p| view! {
                        <tr>
                            <th scope="row">{move || label_predikat(i18n.get_locale(), p)}</th>
                            <td data-testid=format!("jumlah-{}", p.kode())>{move || jumlah.with(|j| j.get(p))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {po.is_none().then(|| view! { <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilaian.po_belum_petunjuk))}</p> })}
            <p class="berhasil" data-testid="sesuai-pola" hidden=move || sesuai() != Some(true)>
                {teks(i18n, |l| td_string!(l, penilaian.sesuai_pola))}
            </p>
            <ul class="galat" data-testid="pelanggaran" hidden=move || sesuai() != Some(false)>{baris}</ul>
        </div>
    }
}

/// Finalising the unit's ratings: every subordinate rated; outside the
/// pattern a recorded reason (warning mode) or nothing (blocking mode).
/// Online only: it makes the documents.
#[component]
fn BagianFinalisasi(
    unit: DistribusiUnit,
    hasil: Memo<Option<domain::distribusi::VonisDistribusi>>,
    keadaan: RwSignal<BTreeMap<String, Keadaan>>,
    muat_ulang: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    if let Some(f) = unit.finalisasi.clone() {
        let n = f.dokumen_ids.len();
        return view! {
            <section class="kartu" data-testid="sudah-final">
                <h2>{teks(i18n, |l| td_string!(l, penilaian.sudah_final))}</h2>
                <p>{t!(i18n, penilaian.dokumen_dibuat, n = move || n)}</p>
                <ul class="dokumen-daftar">
                    {f.dokumen_ids.into_iter().map(|id| {
                        view! { <li><Tautan ke=Halaman::DokumenEvaluasi(id) attr:data-testid="buka-dokumen">{teks(i18n, |l| td_string!(l, penilaian.buka_dokumen))}</Tautan></li> }
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any();
    }
    let alasan = RwSignal::new(String::new());
    let galat = RwSignal::new(None::<api::Error>);
    let sedang = RwSignal::new(false);
    let semua_dinilai = move || keadaan.with(|k| !k.is_empty() && k.values().all(|k| *k == Keadaan::Tersimpan));
    let sesuai = move || hasil.with(|h| h.as_ref().is_some_and(|h| h.sesuai_pola));
    let boleh = move || hasil.with(|h| h.as_ref().is_some_and(|h| h.boleh_ditetapkan));
    let (periode_id, evaluasi) = (unit.periode_id.clone(), unit.evaluasi.clone());
    let kirim = move |_| {
        let input = Finalisasi {
            periode_id: periode_id.clone(),
            evaluasi: evaluasi.clone(),
            alasan: alasan.get_untracked().trim().to_owned(),
        };
        sedang.set(true);
        leptos::task::spawn_local(async move {
            match client.finalisasi(&input).await {
                Ok(_) => muat_ulang.run(()),
                Err(e) => {
                    galat.try_set(Some(e));
                }
            }
            sedang.try_set(false);
        });
    };
    view! {
        <section class="kartu" data-testid="finalisasi">
            <h2>{teks(i18n, |l| td_string!(l, penilaian.finalisasi_judul))}</h2>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilaian.finalisasi_petunjuk))}</p>
            <Show when=move || !sesuai() && boleh()>
                <label for="alasan-finalisasi">{teks(i18n, |l| td_string!(l, penilaian.alasan_luar_pola))}</label>
                <textarea id="alasan-finalisasi" rows="3" data-testid="alasan-finalisasi"
                    prop:value=move || alasan.get() on:input=move |ev| alasan.set(event_target_value(&ev))></textarea>
            </Show>
            <Show when=move || !boleh() && hasil.with(Option::is_some)>
                <p class="galat" data-testid="diblokir">{teks(i18n, |l| td_string!(l, penilaian.diblokir))}</p>
            </Show>
            <div class="galat" role="alert" data-testid="galat-finalisasi">
                {move || galat.get().map(|e| view! { <p>{e.untuk_pengguna(i18n.get_locale())}</p> })}
            </div>
            <button type="button" data-testid="finalisasi-unit" on:click=kirim
                disabled=move || sedang.get() || !semua_dinilai() || !boleh() || (!sesuai() && alasan.with(|a| a.trim().is_empty()))>
                {teks(i18n, |l| td_string!(l, penilaian.finalisasi))}
            </button>
        </section>
    }
    .into_any()
}

/// One subordinate's sheet: loaded from the server (and kept for offline
/// reading), typed, checked by the domain's rules, its predikat shown and
/// counted in the unit's distribution as it is typed — or, in a former rule
/// set's period, its numbers ([`LembarAngka`]).
#[component]
fn LembarPenilaian(
    skp_id: String,
    evaluasi: String,
    galat_server: Signal<Option<api::Error>>,
    diketik: RwSignal<Option<Predikat>>,
    simpan: Callback<(PenilaianSkp, LembarNilai)>,
    simpan_lama: Callback<(PenilaianSkp, LembarLama, PenilaianLama)>,
    sebelumnya: Callback<()>,
    lewati: Callback<()>,
    tutup: Callback<()>,
) -> impl IntoView {
    let client = api::use_client();
    let (skp, ev) = (skp_id.clone(), evaluasi.clone());
    let data = LocalResource::new(move || {
        let (skp, ev) = (skp.clone(), ev.clone());
        async move { client.penilaian_skp(&skp, &ev).await }
    });
    move || {
        match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok(p)) if p.dasar_lama.is_some() => view! {
            <LembarAngka p=p galat_server=galat_server simpan=simpan_lama sebelumnya=sebelumnya lewati=lewati tutup=tutup />
        }
        .into_any(),
        Some(Ok(p)) => view! {
            <Lembar p=p galat_server=galat_server diketik=diketik simpan=simpan sebelumnya=sebelumnya lewati=lewati tutup=tutup />
        }
        .into_any(),
    }
    }
}

/// A sheet's buttons: save and open the next, the previous, skip, close.
#[component]
pub fn TombolLembar(
    kirim: Callback<()>,
    sebelumnya: Callback<()>,
    lewati: Callback<()>,
    tutup: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="aksi ubp-aksi">
            <button type="button" data-testid="simpan-berikutnya" on:click=move |_| kirim.run(())>{teks(i18n, |l| td_string!(l, penilai.ub_simpan_berikutnya))}</button>
            <button type="button" class="tombol-kedua" data-testid="sebelumnya" on:click=move |_| sebelumnya.run(())>{teks(i18n, |l| td_string!(l, penilai.ub_sebelumnya))}</button>
            <button type="button" class="tombol-kedua" data-testid="lewati" on:click=move |_| lewati.run(())>{teks(i18n, |l| td_string!(l, penilai.ub_lewati))}</button>
            <button type="button" class="tombol-teks" data-testid="tutup-lembar" on:click=move |_| tutup.run(())>{teks(i18n, |l| td_string!(l, penilai.ub_tutup))}</button>
        </div>
    }
}

#[component]
fn Lembar(
    p: PenilaianSkp,
    galat_server: Signal<Option<api::Error>>,
    diketik: RwSignal<Option<Predikat>>,
    simpan: Callback<(PenilaianSkp, LembarNilai)>,
    sebelumnya: Callback<()>,
    lewati: Callback<()>,
    tutup: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lembar = RwSignal::new(LembarNilai::dari(&p));
    let dicoba = RwSignal::new(false);
    let saran = StoredValue::new(p.saran.clone());
    let skp = p.skp_id.clone();
    let predikat = Memo::new(move |_| lembar.with(LembarNilai::predikat));
    // The typed predikat counts in the unit's distribution at once (only
    // when it changes, not with every note typed).
    Effect::new(move |_| diketik.set(predikat.get()));
    let galat = Memo::new(move |_| {
        if !dicoba.get() {
            return Vec::new();
        }
        lembar.with(|l| saran.with_value(|s| l.periksa(s)))
    });
    let p_s = StoredValue::new(p.clone());
    let kirim = move |_| {
        dicoba.set(true);
        let l = lembar.get_untracked();
        if saran.with_value(|s| l.periksa(s)).is_empty() {
            simpan.run((p_s.get_value(), l));
        } else {
            crate::fokus::tampakkan("galat-penilaian");
        }
    };
    let nama = p.pegawai.nama.clone();
    view! {
        <section class="kartu ubp-lembar" id="lembar-penilaian" data-testid="lembar-penilaian" data-skp=skp.clone()>
            <h2>{t!(i18n, penilaian.lembar_judul, nama = move || nama.clone())}</h2>
            <p class="petunjuk">{p.pegawai.jabatan.clone()} " · " {p.pegawai.nip.clone()}</p>
            <BagianHasilKerja lembar=lembar saran=p.saran.clone() galat=galat />
            <BagianPerilaku lembar=lembar umpan_balik_360=p.umpan_balik_360.clone() galat=galat />
            <PenutupLembar lembar=lembar predikat=predikat galat=galat />
            <div class="galat" role="alert" id="galat-penilaian" data-testid="galat-penilaian">
                {move || (!galat.with(Vec::is_empty)).then(|| teks(i18n, |l| td_string!(l, penilaian.periksa_lagi)))}
                {move || galat_server.get().map(|e| view! { <p>{e.untuk_pengguna(i18n.get_locale())}</p> })}
            </div>
            <TombolLembar kirim=Callback::new(kirim) sebelumnya=sebelumnya lewati=lewati tutup=tutup />
        </section>
    }
}
