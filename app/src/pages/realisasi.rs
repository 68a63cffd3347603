//! `/realisasi/:id`: the pegawai records what they achieved on each
//! indicator of their set SKP, per sub-period, with its evidence: the
//! realised value (Indonesian notation, as the SKP editor takes it), a
//! short note, links, and files (a photo from the phone's camera, or a
//! document). The preview beside each indicator is computed here by the
//! same `domain` code as the SKP editor's; the server recomputes it on save.
//!
//! Every realisation is saved through the outbox (`PUT
//! /api/v1/skp/{id}/realisasi` on the SKP's record, 1.2 s after the last
//! key, as the editor saves); what is typed is kept on this device until the
//! server has it (`state::realisasi::DrafRealisasi`). A file is kept on the
//! device first and uploaded with its progress shown (`offline::berkas`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use domain::api::realisasi::{RealisasiSkp, SimpanRealisasi};
use domain::api::{BuktiView, PeriodeView};
use domain::periode::PeriodeEvaluasi;
use domain::skp::preview::{explain_indikator, preview_rhk};
use domain::skp::realisasi::MAKS_BERKAS_BAWAAN;
use domain::skp::{IndikatorId, JenisBerkas, Realisasi, RealisasiInput, RencanaSkp};
use domain::{RuleSet, Teks};

use crate::api;
use crate::api::realisasi::Tersimpan;
use crate::api::skp::SkpTerbaca;
use crate::components::field_errors::FieldErrorList;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::components::preview::IndikatorPreviewBox;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::navigasi::Tautan;
use crate::offline::berkas::PengirimBerkas;
use crate::offline::sync::use_syncer;
use crate::offline::{id_tab, to_json};
use crate::page::Halaman;
use crate::state::auth::use_auth;
use crate::state::berkas::{BerkasTertunda, periksa, ukuran_teks, untuk_sel};
use crate::state::editor::{HasilIndikator, hasil_dari_rhk, target_teks};
use crate::state::outbox::Outcome;
use crate::state::realisasi::{
    AWALAN, DrafRealisasi, evaluasi_awal, isian_dari, isian_kosong, kosong, kunci_sel, sama, tautan_dari_teks,
};
use crate::state::skp::KeadaanSimpan;
use crate::teks::{rentang_tanggal, teks};

/// The pause in the typing after which a realisation is saved (as the SKP editor).
const JEDA_SIMPAN_MS: u64 = 1200;

#[component]
pub fn HalamanRealisasi(id: String) -> impl IntoView {
    view! { <PerluMasuk><Muat id=id.clone() /></PerluMasuk> }
}

#[component]
fn Muat(id: String) -> impl IntoView {
    let client = api::use_client();
    let data = LocalResource::new(move || {
        let id = id.clone();
        async move {
            let (dok, skp, periode) =
                futures::join!(client.read_realisasi(&id), client.read_rencana(&id), client.list_periode());
            Ok::<_, api::Error>((dok?, skp?, periode.unwrap_or_default()))
        }
    });
    move || match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok((dok, skp, periode))) => {
            let p = periode.into_iter().find(|p| p.id == skp.periode_id);
            view! { <Realisasi dok=dok skp=skp periode=p /> }.into_any()
        }
    }
}

/// The typed cells of one SKP kept on this device.
fn draf_baca(skp_id: &str) -> Option<DrafRealisasi> {
    let s = web_sys::window()?.local_storage().ok()??;
    DrafRealisasi::baca(&s.get_item(&format!("{AWALAN}{skp_id}")).ok()??)
}

fn draf_tulis(skp_id: &str, d: &DrafRealisasi) {
    let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else { return };
    let k = format!("{AWALAN}{skp_id}");
    let _ = match d.tulis().filter(|_| !d.sel.is_empty()) {
        Some(t) => s.set_item(&k, &t),
        None => s.remove_item(&k),
    };
}

/// The server's realisation of a cell.
fn realisasi_server(dok: &RealisasiSkp, kunci: &str) -> Option<Realisasi> {
    dok.evaluasi
        .iter()
        .flat_map(|e| e.realisasi.iter())
        .find(|r| kunci_sel(r.indikator().as_str(), r.evaluasi()) == kunci)
        .cloned()
}

/// The SKP's documentation with a saved realisation in it.
fn dengan_realisasi(dok: &mut RealisasiSkp, t: &Tersimpan) {
    dok.version = dok.version.max(t.version);
    let r = &t.realisasi;
    if let Some(e) = dok.evaluasi.iter_mut().find(|e| e.evaluasi == r.evaluasi()) {
        e.realisasi.retain(|x| x.indikator() != r.indikator());
        e.realisasi.push(r.clone());
        e.belum.retain(|b| b.indikator_id != r.indikator().as_str());
    }
}

/// What a cell needs from the page (copied into every cell).
#[derive(Clone, Copy)]
struct Konteks {
    skp_id: StoredValue<String>,
    pemilik: StoredValue<String>,
    dok: RwSignal<RealisasiSkp>,
    /// The cells typed here (key → form), over the server's.
    isian: RwSignal<BTreeMap<String, RealisasiInput>>,
    /// The cells whose save waits in the outbox (their last `seq`).
    antre: RwSignal<BTreeMap<String, u64>>,
    /// A cell's last save refused, with the server's answer.
    ditolak: RwSignal<BTreeMap<String, api::Error>>,
    disimpan_pada: RwSignal<BTreeMap<String, f64>>,
    /// Evidence deleted here (hidden until the server answers).
    dihapus: RwSignal<BTreeSet<String>>,
    online: Signal<bool>,
    pengirim: PengirimBerkas,
    preview: Memo<HashMap<String, HasilIndikator>>,
    rencana: StoredValue<RencanaSkp>,
    rule_set: RuleSet,
    simpan_nanti: Callback<String>,
    hapus_bukti: Callback<String>,
}

impl Konteks {
    fn isian_sel(self, kunci: &str, indikator: &str, e: PeriodeEvaluasi) -> RealisasiInput {
        self.isian.with(|m| m.get(kunci).cloned()).unwrap_or_else(|| {
            self.dok
                .with(|d| realisasi_server(d, kunci))
                .map(|r| isian_dari(&r))
                .unwrap_or_else(|| isian_kosong(indikator, e))
        })
    }

    fn ubah(self, kunci: &str, isian: RealisasiInput) {
        let server = self.dok.with_untracked(|d| realisasi_server(d, kunci));
        let skp_id = self.skp_id.get_value();
        let mut d = draf_baca(&skp_id)
            .filter(|d| d.pemilik == self.pemilik.get_value())
            .unwrap_or_else(|| DrafRealisasi { pemilik: self.pemilik.get_value(), ..Default::default() });
        d.ubah(kunci, &isian, server.as_ref());
        draf_tulis(&skp_id, &d);
        self.isian.update(|m| {
            m.insert(kunci.to_owned(), isian);
        });
        self.ditolak.update(|m| {
            m.remove(kunci);
        });
        self.simpan_nanti.run(kunci.to_owned());
    }
}

#[component]
fn Realisasi(dok: RealisasiSkp, skp: SkpTerbaca, periode: Option<PeriodeView>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let sinkron = use_syncer();
    let pemilik = auth.pegawai_id();
    let skp_id = skp.id.clone();
    let rule_set = periode.as_ref().map(|p| p.rule_set).unwrap_or(RuleSet::Permenpanrb6_2022);
    let tahun = periode.as_ref().map(|p| p.tahun).unwrap_or_default();
    let rencana = skp.skp.rencana().clone();
    let pilih = RwSignal::new(evaluasi_awal(&dok.evaluasi).unwrap_or(PeriodeEvaluasi::Tahunan));
    // What this person typed here and the server does not have yet.
    let pulih = draf_baca(&skp_id).map(|d| d.pulihkan(&pemilik, |k| realisasi_server(&dok, k))).unwrap_or_default();
    let dipulihkan: Vec<String> = pulih.keys().cloned().collect();
    let versi = RwSignal::new(dok.version.max(skp.version));
    let dok = RwSignal::new(dok);
    let isian = RwSignal::new(pulih);
    let antre = RwSignal::new(BTreeMap::<String, u64>::new());
    let ditolak = RwSignal::new(BTreeMap::<String, api::Error>::new());
    let disimpan_pada = RwSignal::new(BTreeMap::<String, f64>::new());
    let dihapus = RwSignal::new(BTreeSet::<String>::new());
    let milik = StoredValue::new(BTreeMap::<u64, String>::new());
    let online = Signal::derive(move || sinkron.is_none_or(|s| s.online.get()));
    let pengirim = PengirimBerkas::baru(client, auth, sinkron);
    leptos::task::spawn_local(pengirim.muat());
    let rencana_v = StoredValue::new(rencana);
    // The preview of the chosen evaluation with every realisation as typed
    // (or as the server has it), recomputed on each key.
    let preview = Memo::new(move |_| {
        let e = pilih.get();
        let realisasi: Vec<Realisasi> = rencana_v.with_value(|r| {
            r.rhk()
                .iter()
                .flat_map(|rhk| rhk.indikator())
                .filter_map(|iki| {
                    let k = kunci_sel(iki.id().as_str(), e);
                    let ketik = isian.with(|m| m.get(&k).map(|i| i.validate().ok()));
                    ketik.unwrap_or_else(|| dok.with(|d| realisasi_server(d, &k)))
                })
                .collect()
        });
        // Each indicator's result only: the SKP-level numbers are the evaluation's.
        hasil_dari_rhk(&rencana_v.with_value(|r| preview_rhk(r, &realisasi, e, rule_set, false)))
    });
    let record = format!("/api/v1/skp/{skp_id}");
    let put_path = format!("{record}/realisasi");
    let asal = id_tab();
    // Queues a cell's form through the outbox (or, with no device store,
    // straight to the server).
    let kirim = {
        let (record, put_path, skp_id) = (record.clone(), put_path.clone(), skp_id.clone());
        move |kunci: String, h: Konteks| {
            let Some(form) = isian.with_untracked(|m| m.get(&kunci).cloned()) else { return };
            if form.validate().is_err() || dok.with_untracked(|d| sama(&form, realisasi_server(d, &kunci).as_ref())) {
                return;
            }
            let v = versi.get_untracked();
            let body = SimpanRealisasi { version: v, realisasi: form };
            let (record, put_path, skp_id, asal) = (record.clone(), put_path.clone(), skp_id.clone(), asal.clone());
            leptos::task::spawn_local(async move {
                if let Some(s) = sinkron {
                    let ubah = vec![("PUT", put_path, to_json(&body))];
                    if let Ok(seq) = s.queue_dari(format!("{asal}:{kunci}"), Some((record, v)), false, ubah).await {
                        milik.update_value(|m| {
                            m.insert(seq, kunci.clone());
                        });
                        antre.update(|m| {
                            m.insert(kunci, seq);
                        });
                        return;
                    }
                }
                match client.simpan_realisasi(&skp_id, &body).await {
                    Ok(t) => h.diterima(&t),
                    Err(e) => ditolak.update(|m| {
                        m.insert(kunci, e);
                    }),
                }
            });
        }
    };
    let putaran = StoredValue::new(BTreeMap::<String, u64>::new());
    let h_sel = StoredValue::new(None::<Konteks>);
    let simpan_nanti = Callback::new(move |kunci: String| {
        let n = putaran.with_value(|p| p.get(&kunci).copied().unwrap_or(0)).wrapping_add(1);
        putaran.update_value(|p| {
            p.insert(kunci.clone(), n);
        });
        let kirim = kirim.clone();
        set_timeout(
            move || {
                if putaran.try_with_value(|p| p.get(&kunci).copied()) != Some(Some(n)) {
                    return;
                }
                if let Some(h) = h_sel.try_get_value().flatten() {
                    kirim(kunci, h);
                }
            },
            std::time::Duration::from_millis(JEDA_SIMPAN_MS),
        );
    });
    let hapus_bukti = Callback::new(move |id: String| {
        dihapus.update(|d| {
            d.insert(id.clone());
        });
        if let Some(s) = sinkron {
            leptos::task::spawn_local(async move {
                let path = format!("/api/v1/bukti/{id}");
                let _ = s.queue(None, vec![("DELETE", path, serde_json::json!({}))]).await;
            });
        }
    });
    let h = Konteks {
        skp_id: StoredValue::new(skp_id.clone()),
        pemilik: StoredValue::new(pemilik.clone()),
        dok,
        isian,
        antre,
        ditolak,
        disimpan_pada,
        dihapus,
        online,
        pengirim,
        preview,
        rencana: rencana_v,
        rule_set,
        simpan_nanti,
        hapus_bukti,
    };
    h_sel.set_value(Some(h));
    // A form restored from this device goes to the outbox at once.
    for k in dipulihkan {
        simpan_nanti.run(k);
    }
    // The outbox's answers for this SKP: a saved realisation replaces the
    // server's on screen; a refusal shows on its cell.
    if let Some(s) = sinkron {
        let record = record.clone();
        Effect::new(move |awal: Option<()>| {
            let hasil = s.results.get();
            if awal.is_none() {
                return;
            }
            for r in hasil
                .iter()
                .filter(|r| r.record.as_deref() == Some(record.as_str()) || r.path.starts_with("/api/v1/bukti/"))
            {
                match r.outcome() {
                    Outcome::Saved => {
                        if let Some(t) = crate::offline::from_json::<Tersimpan>(&r.body) {
                            h.diterima(&t);
                            let k = kunci_sel(t.realisasi.indikator().as_str(), t.realisasi.evaluasi());
                            if antre.with_untracked(|a| a.get(&k).is_some_and(|s| *s <= r.seq)) {
                                antre.update(|a| {
                                    a.remove(&k);
                                });
                            }
                        } else if let Some(v) = r.body.get("version").and_then(serde_json::Value::as_i64) {
                            versi.update(|x| *x = (*x).max(v));
                        } else if let Some(b) = crate::offline::from_json::<BuktiView>(&r.body) {
                            dok.update(|d| d.evaluasi.iter_mut().for_each(|e| e.bukti.retain(|x| x.id != b.id)));
                        }
                    }
                    Outcome::Refused => {
                        if let Some(k) = milik.with_value(|m| m.get(&r.seq).cloned()) {
                            antre.update(|a| {
                                a.remove(&k);
                            });
                            let e = r.error().unwrap_or(api::Error::Decode);
                            ditolak.update(|m| {
                                m.insert(k, e);
                            });
                        }
                    }
                    Outcome::Passing => {}
                }
            }
        });
    }
    // A file the server took: into its cell's list.
    Effect::new(move |_| {
        if let Some(b) = pengirim.terkirim.get() {
            dok.update(|d| {
                if let Some(e) = d.evaluasi.iter_mut().find(|e| e.evaluasi == b.evaluasi)
                    && !e.bukti.iter().any(|x| x.id == b.id)
                {
                    e.bukti.push(b);
                }
            });
        }
    });
    let nama = skp.pegawai.nama.clone();
    let evaluasi_ini = move || dok.with(|d| d.evaluasi.iter().find(|e| e.evaluasi == pilih.get()).cloned());
    view! {
        <section class="kartu realisasi-kepala" data-testid="halaman-realisasi">
            <h1>{move || format!("{} {tahun}", td_string!(i18n.get_locale(), hasil.judul_realisasi))}</h1>
            <p class="petunjuk">{nama}</p>
            <nav class="tab-evaluasi" aria-label=move || td_string!(i18n.get_locale(), hasil.pilih_periode)>
                {move || dok.with(|d| d.evaluasi.iter().map(|e| {
                    let ev = e.evaluasi;
                    let label = e.label.clone();
                    let belum = e.belum.len();
                    let dimulai = e.dimulai;
                    view! {
                        <button type="button" class="tab" data-testid=format!("evaluasi-{}", ev.kode())
                            aria-pressed=move || (pilih.get() == ev).to_string()
                            on:click=move |_| pilih.set(ev)>
                            {move || label.dalam(i18n.get_locale().kode()).to_owned()}
                            {(dimulai && belum > 0).then(|| view! {
                                <span class="lencana">{belum}<span class="sr">{move || format!(" {}", td_string!(i18n.get_locale(), hasil.belum_dicatat))}</span></span>
                            })}
                        </button>
                    }
                }).collect_view())}
            </nav>
            {move || evaluasi_ini().map(|e| {
                let (mulai, selesai) = (e.mulai.clone(), e.selesai.clone());
                view! { <p class="petunjuk" data-testid="rentang-evaluasi">{move || rentang_tanggal(&mulai, &selesai, i18n.get_locale())}</p> }
            })}
            {move || {
                let e = evaluasi_ini()?;
                let terbuka = dok.with(|d| d.terbuka);
                let l = i18n.get_locale();
                let pesan = if !terbuka {
                    td_string!(l, hasil.tidak_terbuka)
                } else if !e.dimulai {
                    td_string!(l, hasil.belum_dimulai)
                } else {
                    return None;
                };
                Some(view! { <p class="catatan" data-testid="hanya-baca">{pesan}</p> })
            }}
        </section>
        {move || {
            let e = pilih.get();
            let bisa = dok.with_untracked(|d| d.terbuka && d.evaluasi.iter().any(|x| x.evaluasi == e && x.dimulai));
            h.rencana.with_value(|r| r.rhk().iter().map(|rhk| {
                let iki: Vec<_> = rhk.indikator().to_vec();
                view! {
                    <section class="kartu rhk-realisasi">
                        <h2>{rhk.uraian().to_owned()}</h2>
                        {iki.into_iter().map(|iki| view! { <SelIndikator h=h iki=iki evaluasi=e bisa=bisa /> }).collect_view()}
                    </section>
                }
            }).collect_view())
        }}
        <p class="kartu">
            <Tautan ke=Halaman::Dokumen(skp_id.clone()) attr:class="tombol-teks">{teks(i18n, |l| td_string!(l, hasil.lihat_dokumen))}</Tautan>
        </p>
    }
}

impl Konteks {
    /// The server's answer to a save: its version and realisation on screen.
    fn diterima(self, t: &Tersimpan) {
        let k = kunci_sel(t.realisasi.indikator().as_str(), t.realisasi.evaluasi());
        self.dok.update(|d| dengan_realisasi(d, t));
        self.disimpan_pada.update(|m| {
            m.insert(k.clone(), js_sys::Date::now());
        });
        self.ditolak.update(|m| {
            m.remove(&k);
        });
        // The device copy goes once the server has what is on screen.
        let skp_id = self.skp_id.get_value();
        if let Some(mut d) = draf_baca(&skp_id)
            && let Some(isian) = d.sel.get(&k).cloned()
        {
            d.ubah(&k, &isian, Some(&t.realisasi));
            draf_tulis(&skp_id, &d);
        }
    }
}

/// One indicator in the chosen evaluation: its target, the form, the
/// preview, where it is saved, and its evidence files.
#[component]
fn SelIndikator(h: Konteks, iki: domain::skp::Indikator, evaluasi: PeriodeEvaluasi, bisa: bool) -> impl IntoView {
    let i18n = use_i18n();
    let id = iki.id().as_str().to_owned();
    let kunci = kunci_sel(&id, evaluasi);
    let f = {
        let p = format!("{id}-{}", evaluasi.kode());
        move |s: &str| format!("{p}-{s}")
    };
    let awal = h.isian_sel(&kunci, &id, evaluasi);
    let form = RwSignal::new(awal.clone());
    let tautan_awal = awal.bukti_dukung.join("\n");
    let satuan = iki.satuan().to_owned();
    let target = iki.target();
    let target_str = move || {
        let en = i18n.get_locale() == Locale::en;
        format!("{} {} {satuan}", td_string!(i18n.get_locale(), hasil.target), target_teks(target, en))
    };
    let ketik = {
        let kunci = kunci.clone();
        move |ubah: &dyn Fn(&mut RealisasiInput)| {
            form.update(|x| ubah(x));
            h.ubah(&kunci, form.get_untracked());
        }
    };
    // The local check, once something is typed: the domain's own.
    let galat = Memo::new(move |_| {
        form.with(|x| if kosong(x) { Default::default() } else { x.validate().err().unwrap_or_default() })
    });
    let pesan = move |bidang: &'static str| {
        Signal::derive(move || {
            let en = i18n.get_locale() == Locale::en;
            let mut p: Vec<String> = galat.with(|g| {
                g.iter()
                    .filter(|(k, _)| k.starts_with(bidang))
                    .flat_map(|(_, v)| v.iter().map(|t| api::satu_bahasa(t, en)).collect::<Vec<_>>())
                    .collect()
            });
            if bidang == "nilai" {
                let k = kunci_sel(&form.with(|x| x.indikator_id.clone()), evaluasi);
                if let Some(e) = h.ditolak.with(|m| m.get(&k).cloned()) {
                    p.push(e.untuk_pengguna(i18n.get_locale()));
                }
            }
            p
        })
    };
    let keadaan = {
        let kunci = kunci.clone();
        Signal::derive(move || {
            let server = h.dok.with(|d| realisasi_server(d, &kunci));
            // Nothing to say of an empty cell, nor of one the field's messages speak for.
            if (server.is_none() && form.with(kosong)) || galat.with(|g| !g.is_empty()) {
                return None;
            }
            let sama = form.with(|x| sama(x, server.as_ref()));
            let di_antre = h.antre.with(|a| a.contains_key(&kunci));
            Some(KeadaanSimpan::dari(
                sama,
                (di_antre, true),
                h.online.get(),
                h.ditolak.with(|m| m.contains_key(&kunci)),
                h.disimpan_pada.with(|m| m.get(&kunci).copied()),
            ))
        })
    };
    let hasil = {
        let id = id.clone();
        Signal::derive(move || h.preview.with(|p| p.get(&id).cloned()))
    };
    let jelaskan = {
        let id = id.clone();
        Callback::new(move |_| {
            let realisasi: Vec<Realisasi> = form.with(|x| x.validate().ok()).into_iter().collect();
            h.rencana
                .with_value(|r| explain_indikator(r, &realisasi, &IndikatorId::new(id.clone()), evaluasi, h.rule_set))
                .unwrap_or_default()
        })
    };
    let k1 = ketik.clone();
    let k2 = ketik.clone();
    let k3 = ketik;
    view! {
        <div class="sel-realisasi" data-testid=format!("sel-{id}")>
            <h3>{iki.uraian().to_owned()}</h3>
            <p class="target" data-testid="target">{target_str}</p>
            <div class="baris">
                <label for=f("nilai")>{teks(i18n, |l| td_string!(l, hasil.nilai_realisasi))}</label>
                <input id=f("nilai") data-testid="nilai" inputmode="decimal" disabled=!bisa
                    prop:value=awal.nilai.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); k1(&move |x: &mut RealisasiInput| x.nilai = v.clone()) } />
                <FieldErrorList id=f("nilai-galat") pesan=pesan("nilai") />
            </div>
            <div class="baris">
                <label for=f("uraian")>{teks(i18n, |l| td_string!(l, hasil.uraian_singkat))}</label>
                <textarea id=f("uraian") data-testid="uraian" rows="2" disabled=!bisa
                    prop:value=awal.uraian.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); k2(&move |x: &mut RealisasiInput| x.uraian = v.clone()) }></textarea>
                <FieldErrorList id=f("uraian-galat") pesan=pesan("uraian") />
            </div>
            <div class="baris">
                <label for=f("tautan")>{teks(i18n, |l| td_string!(l, hasil.tautan_bukti))}</label>
                <textarea id=f("tautan") data-testid="tautan" rows="2" disabled=!bisa inputmode="url"
                    aria-describedby=f("tautan-petunjuk")
                    prop:value=tautan_awal
                    on:input=move |ev| { let v = tautan_dari_teks(&event_target_value(&ev)); k3(&move |x: &mut RealisasiInput| x.bukti_dukung = v.clone()) }></textarea>
                <p class="petunjuk" id=f("tautan-petunjuk")>{teks(i18n, |l| td_string!(l, hasil.tautan_petunjuk))}</p>
                <FieldErrorList id=f("tautan-galat") pesan=pesan("bukti_dukung") />
            </div>
            <IndikatorPreviewBox hasil=hasil siap=Signal::derive(|| true) jelaskan=jelaskan />
            <StatusSel keadaan=keadaan tampil=bisa />
            <BuktiSel h=h indikator_id=id.clone() evaluasi=evaluasi bisa=bisa />
        </div>
    }
}

/// Where a cell's realisation is saved (the SKP editor's words).
#[component]
fn StatusSel(keadaan: Signal<Option<KeadaanSimpan>>, tampil: bool) -> impl IntoView {
    let i18n = use_i18n();
    let isi = move || {
        let l = i18n.get_locale();
        keadaan.get().map(|k| match k {
            KeadaanSimpan::Server(pada) => {
                let kata = td_string!(l, pegawai.simpan_server);
                match pada {
                    Some(_) => format!("✓ {kata} · {}", td_string!(l, hasil.baru_saja)),
                    None => format!("✓ {kata}"),
                }
            }
            KeadaanSimpan::Menyimpan => format!("… {}", td_string!(l, pegawai.menyimpan)),
            KeadaanSimpan::Perangkat => format!("⏸ {}", td_string!(l, pegawai.simpan_perangkat)),
            KeadaanSimpan::Ditolak => format!("⚠ {}", td_string!(l, pegawai.simpan_ditolak)),
        })
    };
    view! {
        <p class="status-simpan" data-testid="status-realisasi" role="status" aria-live="polite" hidden=!tampil
            data-keadaan=move || keadaan.get().map(KeadaanSimpan::kode)>{isi}</p>
    }
}

/// The first bytes of a file, for judging its kind.
async fn awal_berkas(f: &web_sys::File) -> Vec<u8> {
    let n = JenisBerkas::BACA_AWAL as f64;
    let Ok(potong) = f.slice_with_f64_and_f64(0.0, n) else { return Vec::new() };
    match wasm_bindgen_futures::JsFuture::from(potong.array_buffer()).await {
        Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
        Err(_) => Vec::new(),
    }
}

/// A cell's evidence files: those the server has (download, delete while
/// open), those waiting on this device (with the upload's progress, or a
/// refusal to drop), and the two ways to add one.
#[component]
fn BuktiSel(h: Konteks, indikator_id: String, evaluasi: PeriodeEvaluasi, bisa: bool) -> impl IntoView {
    let i18n = use_i18n();
    let galat = RwSignal::new(None::<Teks>);
    let kode = evaluasi.kode();
    let server = {
        let id = indikator_id.clone();
        move || {
            h.dok.with(|d| {
                d.evaluasi
                    .iter()
                    .filter(|e| e.evaluasi == evaluasi)
                    .flat_map(|e| e.bukti.iter())
                    .filter(|b| b.indikator_id == id && !h.dihapus.with(|x| x.contains(&b.id)))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }
    };
    let perangkat = {
        let (id, kode) = (indikator_id.clone(), kode.clone());
        move || {
            let pemilik = h.pemilik.get_value();
            let skp = h.skp_id.get_value();
            h.pengirim
                .daftar
                .with(|d| untuk_sel(d, &pemilik, &skp, &id, &kode).into_iter().cloned().collect::<Vec<_>>())
        }
    };
    let pilih = {
        let (id, kode) = (indikator_id.clone(), kode.clone());
        move |ev: leptos::ev::Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (id, kode) = (id.clone(), kode.clone());
            leptos::task::spawn_local(async move {
                let ukuran = file.size() as u64;
                let awal = awal_berkas(&file).await;
                if let Err(t) = periksa(ukuran, &awal, MAKS_BERKAS_BAWAAN) {
                    galat.set(Some(t));
                    return;
                }
                galat.set(None);
                let meta = BerkasTertunda {
                    id: api::idempotency_key(),
                    pemilik: h.pemilik.get_value(),
                    skp_id: h.skp_id.get_value(),
                    indikator_id: id,
                    evaluasi: kode,
                    nama: file.name(),
                    ukuran,
                    dibuat: js_sys::Date::now(),
                    kunci: api::idempotency_key(),
                    ditolak: None,
                };
                if let Err(e) = h.pengirim.tambah(meta, file.into()).await {
                    let pesan = e.untuk_pengguna(Locale::id);
                    let en = e.untuk_pengguna(Locale::en);
                    galat.set(Some(Teks::new(pesan, en)));
                }
            });
        }
    };
    let pilih2 = pilih.clone();
    let input_id = format!("{indikator_id}-{kode}-berkas");
    let foto_id = format!("{indikator_id}-{kode}-foto");
    view! {
        <div class="bukti" data-testid="bukti">
            <h4>{teks(i18n, |l| td_string!(l, hasil.berkas_bukti))}</h4>
            <ul class="daftar-berkas">
                {move || server().into_iter().map(|b| {
                    let href = format!("/api/v1/bukti/{}", b.id);
                    let id = b.id.clone();
                    let nama = b.nama.clone();
                    view! {
                        <li data-testid="berkas-server" data-sha256=b.sha256.clone()>
                            <a href=href download=nama.clone() data-testid="unduh-berkas">{nama.clone()}</a>
                            <span class="petunjuk">{format!(" · {} · ", b.jenis.ekstensi().to_ascii_uppercase())}{move || ukuran_teks(b.ukuran.max(0) as u64, i18n.get_locale() == Locale::en)}</span>
                            {bisa.then(|| view! {
                                <button type="button" class="tombol-teks" data-testid="hapus-berkas"
                                    aria-label=move || format!("{} {nama}", td_string!(i18n.get_locale(), hasil.hapus_berkas))
                                    on:click=move |_| {
                                        if crate::fokus::yakin(td_string!(i18n.get_locale(), hasil.yakin_hapus_berkas)) {
                                            h.hapus_bukti.run(id.clone());
                                        }
                                    }>
                                    {teks(i18n, |l| td_string!(l, hasil.hapus_berkas))}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
                {move || perangkat().into_iter().map(|b| {
                    let id = b.id.clone();
                    let id2 = b.id.clone();
                    let kemajuan = Memo::new(move |_| h.pengirim.kemajuan.with(|k| k.as_ref().filter(|(x, _)| *x == id).map(|(_, p)| *p)));
                    let ditolak = b.ditolak.clone();
                    view! {
                        <li data-testid="berkas-perangkat" data-keadaan=move || if ditolak.is_some() { "ditolak" } else if kemajuan.get().is_some() { "mengunggah" } else { "menunggu" }>
                            <span>{b.nama.clone()}</span>
                            <span class="petunjuk">{move || format!(" · {}", ukuran_teks(b.ukuran, i18n.get_locale() == Locale::en))}</span>
                            {move || match (b.ditolak.clone(), kemajuan.get()) {
                                (Some(t), _) => view! {
                                    <p class="galat" role="alert" data-testid="berkas-ditolak">{t.dalam(i18n.get_locale().kode()).to_owned()}</p>
                                    <button type="button" class="tombol-teks" data-testid="buang-berkas"
                                        on:click={ let id = id2.clone(); move |_| h.pengirim.buang(id.clone()) }>
                                        {teks(i18n, |l| td_string!(l, hasil.buang))}
                                    </button>
                                }.into_any(),
                                (None, Some(p)) => {
                                    let persen = (p * 100.0).round() as u32;
                                    view! {
                                        <progress max="100" value=persen data-testid="kemajuan"
                                            aria-label=move || td_string!(i18n.get_locale(), hasil.mengunggah)></progress>
                                        <span>{format!(" {persen}%")}</span>
                                    }.into_any()
                                }
                                (None, None) => view! {
                                    <span class="petunjuk">" · "</span><span class="menunggu" data-testid="menunggu-koneksi">{teks(i18n, |l| td_string!(l, hasil.menunggu_koneksi))}</span>
                                }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || galat.get().map(|t| view! {
                <p class="galat" role="alert" data-testid="galat-berkas">{t.dalam(i18n.get_locale().kode()).to_owned()}</p>
            })}
            {bisa.then(|| view! {
                <div class="aksi">
                    <input id=foto_id.clone() class="tersembunyi" type="file" accept="image/*" capture="environment"
                        data-testid="ambil-foto" on:change=pilih />
                    <label class="tombol-kedua unggah" for=foto_id.clone()>
                        {teks(i18n, |l| td_string!(l, hasil.ambil_foto))}
                    </label>
                    <input id=input_id.clone() class="tersembunyi" type="file" accept=JenisBerkas::accept()
                        data-testid="pilih-berkas" on:change=pilih2 />
                    <label class="tombol-kedua unggah" for=input_id.clone()>
                        {teks(i18n, |l| td_string!(l, hasil.pilih_berkas))}
                    </label>
                </div>
            })}
        </div>
    }
}
