use leptos::prelude::*;

use domain::RuleSet;
use domain::api::{CreateSkp, PeriodeView, SkpBaca, SkpRingkas};
use domain::skp::StatusSkp;
use domain::tanggal::Tanggal;

use crate::api;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::components::status::StatusBadge;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::navigasi::{Tautan, use_navigasi};
use crate::offline::sync::{SyncResult, use_syncer};
use crate::page::Halaman;
use crate::state::auth::{Auth, use_auth};
use crate::state::outbox::Outcome;
use crate::state::tenggat::sisa_hari_kerja;
use crate::teks::{tanggal, teks};

/// Today in WIB by the browser's clock, the day the server counts deadlines by
/// (the domain never reads a clock).
pub fn hari_ini() -> Tanggal {
    Tanggal::dari_detik_wib((js_sys::Date::now() / 1000.0).floor() as i64)
}

/// The period a pegawai works in now: the one of this year, else the latest.
pub fn periode_aktif(periode: &[PeriodeView], tahun: i64) -> Option<PeriodeView> {
    periode.iter().find(|p| p.tahun == tahun).or_else(|| periode.iter().max_by_key(|p| p.tahun)).cloned()
}

/// `/`: the active period and its rule set, the SKP status, what is due and when.
#[component]
pub fn Beranda() -> impl IntoView {
    view! {
        <PerluMasuk>
            <Dasbor />
        </PerluMasuk>
    }
}

#[component]
fn Dasbor() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let data = LocalResource::new(move || async move { futures::try_join!(client.list_periode(), client.list_skp()) });
    // The pegawai's SKPs are loaded now too, in the background: their
    // editor then opens with no connection as well.
    Effect::new(move |_| {
        let ids: Vec<String> = data
            .with(|d| {
                d.as_ref().and_then(|r| r.as_ref().ok()).map(|(_, skp)| skp.iter().map(|s| s.id.clone()).collect())
            })
            .unwrap_or_default();
        if ids.is_empty() || !web_sys::window().is_some_and(|w| w.navigator().on_line()) {
            return;
        }
        leptos::task::spawn_local(async move {
            for id in ids {
                let _ = futures::join!(client.read_skp(&id), client.read_rhk_atasan(&id));
            }
        });
    });
    let nama = move || auth.0.with(|a| a.session().map(|s| s.nama.clone()).unwrap_or_default());
    view! {
        <section class="kartu">
            <h1>{move || { let n = nama(); t!(i18n, pegawai.salam, nama = move || n.clone()) }}</h1>
            {move || match data.get() {
                None => teks(i18n, |l| td_string!(l, umum.memuat)).into_any(),
                Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) di_kartu=true /> }.into_any(),
                Some(Ok((periode, skp))) => {
                    let today = hari_ini();
                    match periode_aktif(&periode, i64::from(today.tahun())) {
                        None => view! { <p>{teks(i18n, |l| td_string!(l, pegawai.belum_ada_periode))}</p> }.into_any(),
                        Some(p) => {
                            let mine = skp.into_iter().find(|s| s.periode_id == p.id);
                            let periode_id = p.id.clone();
                            view! {
                                <PeriodeKartu periode=p skp=mine hari_ini=today />
                                <RealisasiBelum />
                                <TugasEvaluasi periode_id=periode_id.clone() />
                                // The feedback pages (a build of their own): the feedback
                                // received and the 360, and the 360 requests to answer.
                                <p class="jalan-umpan-balik" data-testid="jalan-umpan-balik">
                                    <Tautan ke=Halaman::UmpanBalik attr:class="tombol-kedua">{teks(i18n, |l| td_string!(l, umpan_balik.menu_umpan_balik))}</Tautan>
                                    <Tautan ke=Halaman::Tugas360 attr:class="tombol-kedua">{teks(i18n, |l| td_string!(l, umpan_balik.menu_360))}</Tautan>
                                    <Tautan ke=Halaman::PenilaianSaya attr:class="tombol-kedua" attr:data-testid="menu-penilaian-saya">{teks(i18n, |l| td_string!(l, penilaian.menu_saya))}</Tautan>
                                    {auth.0.with_untracked(Auth::is_penilai).then(|| view! {
                                        <Tautan ke=Halaman::PenilaianUnit attr:class="tombol-kedua" attr:data-testid="menu-penilaian-unit">{teks(i18n, |l| td_string!(l, penilaian.menu_unit))}</Tautan>
                                    })}
                                </p>
                                // Only a pejabat penilai has a queue to ask about.
                                {auth.0.with_untracked(Auth::is_penilai).then(|| view! { <MenungguTinjauan periode_id=periode_id /> })}
                            }.into_any()
                        }
                    }
                }
            }}
        </section>
    }
}

/// The realisations still to record in the set SKP: per started
/// sub-period, how many indicators have none yet, with the way to record
/// them (the results build). Nothing while it loads, fails, or before the
/// SKP is set.
#[component]
fn RealisasiBelum() -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let belum = LocalResource::new(move || async move { client.realisasi_belum().await });
    move || {
        let b = belum.get().and_then(Result::ok)?;
        let skp_id = b.skp_id.filter(|_| !b.sub_periode.is_empty())?;
        Some(view! {
            <div class="realisasi-belum" data-testid="realisasi-belum">
                <h2>{teks(i18n, |l| td_string!(l, hasil.dasbor_judul))}</h2>
                <ul>
                    {b.sub_periode.into_iter().map(|s| {
                        let n = s.indikator.len();
                        let label = s.label;
                        view! {
                            <li data-testid=format!("belum-{}", s.ke) data-jumlah=n>
                                {move || label.dalam(i18n.get_locale().kode()).to_owned()} ": "
                                {if n == 0 { teks(i18n, |l| td_string!(l, hasil.dasbor_lengkap)).into_any() } else { t!(i18n, hasil.dasbor_belum, n = move || n).into_any() }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <Tautan ke=Halaman::Realisasi(skp_id) attr:class="tombol" attr:data-testid="catat-realisasi">
                    {teks(i18n, |l| td_string!(l, hasil.catat_realisasi))}
                </Tautan>
            </div>
        })
    }
}

/// Where a task of the evaluation queue leads: its document; without one,
/// the unit's rating sheet (to rate) or the take-over form (the atasan of a
/// late penilai who never rated).
pub fn tujuan_tugas(tg: &domain::api::TugasEvaluasi) -> Halaman {
    match &tg.dokumen_id {
        Some(id) => Halaman::DokumenEvaluasi(id.clone()),
        None if tg.tugas == "nilai" => Halaman::PenilaianUnit,
        None if tg.tugas == "ambil_alih" => {
            Halaman::AmbilAlih { skp_id: tg.skp_id.clone(), evaluasi: tg.evaluasi.clone() }
        }
        None => Halaman::PenilaianSaya,
    }
}

/// What the person must do about the evaluation, by when (as pegawai, as
/// penilai, as atasan penilai), late ones marked, each with its way there:
/// the deadlines are the server's, counted in working days by the domain's
/// calendar with the instansi's holidays. Nothing while it loads or fails.
#[component]
fn TugasEvaluasi(periode_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let antrian = LocalResource::new(move || {
        let periode_id = periode_id.clone();
        async move { client.antrian_evaluasi(&periode_id).await }
    });
    move || {
        let a = antrian.get().and_then(Result::ok)?;
        let semua: Vec<_> = a
            .sebagai_pegawai
            .into_iter()
            .chain(a.sebagai_penilai)
            .chain(a.sebagai_atasan)
            .chain(a.sebagai_admin)
            .collect();
        if semua.is_empty() {
            return None;
        }
        Some(view! {
            <div class="tugas-evaluasi" data-testid="tugas-evaluasi">
                <h2>{teks(i18n, |l| td_string!(l, penilaian.tugas_judul))}</h2>
                <ul>
                    {semua.into_iter().map(|tg| {
                        let ke = tujuan_tugas(&tg);
                        let (label, batas, sisa, telat) = (tg.label, tg.batas, tg.sisa_hari_kerja, tg.terlambat);
                        let nama = tg.pegawai.nama;
                        view! {
                            <li data-testid="tugas" data-tugas=tg.tugas data-evaluasi=tg.evaluasi data-terlambat=telat.to_string() class:terlambat=telat>
                                <Tautan ke=ke>{move || label.dalam(i18n.get_locale().kode()).to_owned()}</Tautan>
                                " · " {nama} " · " {move || crate::teks::tanggal_iso(&batas, i18n.get_locale())} " · "
                                {if telat {
                                    view! { <strong>{teks(i18n, |l| td_string!(l, penilaian.terlambat))}</strong> }.into_any()
                                } else {
                                    t!(i18n, penilaian.sisa_hari, n = move || sisa).into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        })
    }
}

/// For a pejabat penilai: how many subordinates' SKPs wait for them, with
/// the way to the queue. Asked after the dashboard itself, and a hint only:
/// nothing shows while it loads, fails, or when none waits.
#[component]
fn MenungguTinjauan(periode_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let menunggu = LocalResource::new(move || {
        let periode_id = periode_id.clone();
        async move {
            client
                .list_antrian(&periode_id)
                .await
                .map(|a| a.iter().filter(|i| i.status == Some(StatusSkp::Diajukan)).count())
        }
    });
    move || {
        let n = menunggu.get().and_then(Result::ok).filter(|n| *n > 0)?;
        Some(view! {
            <p class="catatan" data-testid="menunggu-tinjauan">
                {t!(i18n, penilai.menunggu_tinjauan, n = move || n)} " "
                <Tautan ke=Halaman::Antrian attr:class="tombol-teks">{teks(i18n, |l| td_string!(l, penilai.tinjau_sekarang))}</Tautan>
            </p>
        })
    }
}

/// How a creation went: queued on the device (its `seq`), or, with no
/// device store, the server's answer.
#[derive(Clone)]
enum Dibuat {
    DiPerangkat(u64),
    Langsung(Box<Result<SkpBaca, api::Error>>),
}

#[component]
fn PeriodeKartu(periode: PeriodeView, skp: Option<SkpRingkas>, hari_ini: Tanggal) -> impl IntoView {
    let i18n = use_i18n();
    let nav = use_navigasi();
    let status = skp.as_ref().map(|s| s.status);
    // The domain's deadline (PermenPANRB 6/2022 Art. 14), never a date written here.
    let batas = periode.periode().map(|p| p.batas_penetapan_skp());
    let sisa = batas.map(|b| sisa_hari_kerja(hari_ini, b));
    let periode_id = periode.id.clone();
    let client = api::use_client();
    let sinkron = use_syncer();
    // Created through the outbox: with no connection it waits on the device
    // and is created once (its key answers a resend), then opens.
    let seq_buat = StoredValue::new(None::<u64>);
    let menunggu = RwSignal::new(false);
    let galat = RwSignal::new(None::<api::Error>);
    // Created offline before a reload: still waiting, and said so.
    if let Some(s) = sinkron {
        let periode_id = periode_id.clone();
        leptos::task::spawn_local(async move {
            if s.is_waiting("POST", "/api/v1/skp", "periode_id", &periode_id).await {
                menunggu.try_set(true);
            }
        });
    }
    let buat = Action::new_local(move |_: &()| {
        let periode_id = periode_id.clone();
        async move {
            if let Some(s) = sinkron {
                let body = CreateSkp { periode_id: periode_id.clone(), rencana: Default::default() };
                let ubah = vec![("POST", "/api/v1/skp".to_owned(), crate::offline::to_json(&body))];
                if let Ok(seq) = s.queue(None, ubah).await {
                    return Dibuat::DiPerangkat(seq);
                }
            }
            // A browser that keeps nothing: straight to the server.
            Dibuat::Langsung(Box::new(client.create_skp(periode_id, Default::default()).await))
        }
    });
    Effect::new(move |_| match buat.value().get() {
        Some(Dibuat::Langsung(r)) => match *r {
            Ok(v) => nav.ke(&Halaman::Skp(v.id)),
            Err(e) => galat.set(Some(e)),
        },
        Some(Dibuat::DiPerangkat(seq)) => {
            seq_buat.set_value(Some(seq));
            menunggu.set(true);
        }
        None => {}
    });
    if let Some(s) = sinkron {
        let periode_ini = periode.id.clone();
        Effect::new(move |awal: Option<()>| {
            // This creation, or one for this period queued before a reload.
            let ini = |h: &&SyncResult| {
                Some(h.seq) == seq_buat.get_value()
                    || (h.path == "/api/v1/skp"
                        && h.body.get("periode_id").and_then(|v| v.as_str()) == Some(&periode_ini))
            };
            let h = s.results.with(|h| h.iter().find(ini).cloned());
            if awal.is_none() {
                return;
            }
            let Some(h) = h else { return };
            match h.outcome() {
                Outcome::Saved => {
                    if let Some(id) = h.body.get("id").and_then(|v| v.as_str()) {
                        nav.ke(&Halaman::Skp(id.to_owned()));
                    }
                }
                Outcome::Refused => {
                    menunggu.set(false);
                    galat.set(h.error());
                }
                Outcome::Passing => {}
            }
        });
    }
    // What is due, and whether the SKP is still being planned (not set yet).
    let (tugas, direncanakan): (fn(Locale) -> &'static str, bool) = match status {
        None | Some(StatusSkp::Draf) => (|l| td_string!(l, pegawai.tugas_susun), true),
        Some(StatusSkp::Dikembalikan | StatusSkp::Revisi) => (|l| td_string!(l, pegawai.tugas_perbaiki), true),
        Some(StatusSkp::Diajukan) => (|l| td_string!(l, pegawai.tugas_tunggu), true),
        _ => (|l| td_string!(l, hasil.tugas_ditetapkan), false),
    };
    view! {
        <dl class="ringkas" data-testid="dasbor">
            <dt>{teks(i18n, |l| td_string!(l, pegawai.periode_aktif))}</dt>
            <dd data-testid="periode-tahun">{periode.tahun}</dd>
            <dt>{teks(i18n, |l| td_string!(l, pegawai.aturan))}</dt>
            <dd data-testid="periode-aturan">
                {match periode.rule_set {
                    RuleSet::Permenpanrb6_2022 => teks(i18n, |l| td_string!(l, pegawai.aturan_permenpanrb_6_2022)).into_any(),
                    RuleSet::Permenpanrb8_2021 => teks(i18n, |l| td_string!(l, pegawai.aturan_permenpanrb_8_2021)).into_any(),
                    RuleSet::Pp46_2011 => teks(i18n, |l| td_string!(l, pegawai.aturan_pp_46_2011)).into_any(),
                }}
            </dd>
            <dt>{teks(i18n, |l| td_string!(l, pegawai.status_skp))}</dt>
            <dd><StatusBadge status=status /></dd>
            <dt>{teks(i18n, |l| td_string!(l, pegawai.yang_perlu_dikerjakan))}</dt>
            <dd data-testid="tugas">
                {teks(i18n, tugas)}
                // The deadline is for setting the SKP: only while it is being planned.
                {batas.filter(|_| direncanakan).map(|b| {
                    let n = sisa.unwrap_or_default();
                    view! {
                        <span class="tenggat" data-testid="tenggat">
                            " — " {t!(i18n, pegawai.batas_penetapan, tanggal = move || tanggal(b, i18n.get_locale()))} " "
                            // Late is a warning, said in words as well as colour.
                            {if n >= 0 {
                                view! { "(" {t!(i18n, pegawai.sisa_hari_kerja, n = move || n)} ")" }.into_any()
                            } else {
                                view! {
                                    <strong class="lencana peringatan" data-testid="terlambat">
                                        <span aria-hidden="true">"⚠ "</span>{t!(i18n, pegawai.terlambat_hari_kerja, n = move || -n)}
                                    </strong>
                                }.into_any()
                            }}
                        </span>
                    }
                })}
            </dd>
        </dl>
        {match skp {
            Some(s) => view! { <Tautan ke=Halaman::Skp(s.id) attr:class="tombol" attr:data-testid="buka-skp">{teks(i18n, |l| td_string!(l, pegawai.buka_skp))}</Tautan> }.into_any(),
            None => view! {
                <button type="button" data-testid="buat-skp" disabled=move || buat.pending().get() || menunggu.get() on:click=move |_| { buat.dispatch(()); }>
                    {teks(i18n, |l| td_string!(l, pegawai.buat_skp))}
                </button>
                <Show when=move || menunggu.get()>
                    <p class="petunjuk" role="status" data-testid="buat-menunggu">{teks(i18n, |l| td_string!(l, luring.buat_menunggu))}</p>
                </Show>
                <p class="galat" role="alert" data-testid="galat-buat">{move || galat.with(|e| e.as_ref().map(|e| e.untuk_pengguna(i18n.get_locale())))}</p>
            }.into_any(),
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &str, tahun: i64) -> PeriodeView {
        PeriodeView {
            id: id.into(),
            tahun,
            rule_set: RuleSet::Permenpanrb6_2022,
            siklus: domain::periode::SiklusPeriodik::Triwulanan,
            mulai: String::new(),
            selesai: String::new(),
            version: 1,
        }
    }

    #[test]
    fn the_active_period_is_this_years_or_else_the_latest() {
        let all = [p("a", 2025), p("b", 2026)];
        assert_eq!(periode_aktif(&all, 2025).unwrap().id, "a");
        assert_eq!(periode_aktif(&all, 2027).unwrap().id, "b");
        assert!(periode_aktif(&[], 2026).is_none());
    }

    #[test]
    fn a_task_leads_to_its_document_else_to_the_sheet_that_does_it() {
        let tugas = |tugas: &str, dokumen: Option<&str>| domain::api::TugasEvaluasi {
            tugas: tugas.into(),
            label: domain::Teks::new("", ""),
            pegawai: domain::api::PegawaiRingkas {
                id: "p".into(),
                nip: "198811232014022006".into(),
                nama: "Nur".into(),
                jabatan: "Analis".into(),
            },
            skp_id: "s1".into(),
            dokumen_id: dokumen.map(str::to_owned),
            evaluasi: "periodik-2".into(),
            batas: "2026-07-20".into(),
            terlambat: true,
            sisa_hari_kerja: 0,
        };
        assert_eq!(
            tujuan_tugas(&tugas("ambil_alih", None)),
            Halaman::AmbilAlih { skp_id: "s1".into(), evaluasi: "periodik-2".into() }
        );
        assert_eq!(tujuan_tugas(&tugas("ambil_alih", Some("d1"))), Halaman::DokumenEvaluasi("d1".into()));
        assert_eq!(tujuan_tugas(&tugas("putuskan_keberatan", Some("d2"))), Halaman::DokumenEvaluasi("d2".into()));
        assert_eq!(tujuan_tugas(&tugas("nilai", None)), Halaman::PenilaianUnit);
    }
}
