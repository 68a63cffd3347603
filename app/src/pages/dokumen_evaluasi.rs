//! The evaluation documents (Formats D.1.1–D.1.3) as their readers meet
//! them: `/evaluasi`, the pegawai's own evaluations of the running
//! period (predikat, the document and where it stands, the angka kredit of
//! a functional position), then their numeric evaluations of former rule
//! sets' periods, any year (`GET /penilaian-lama`); `/evaluasi/dokumen/{id}`, one document for its
//! pegawai, penilai, atasan penilai or admin: the evaluation, every
//! deadline in working days (late ones marked), every step with who and
//! when, the objection with the reply and the decision, the PDF, and the
//! steps the reader may take today (the domain's own transitions tried on a
//! copy; the server decides again).

use domain::api::{Akses, DokumenEvaluasiView, LangkahDokumen, PeriodeView, SkpRingkas};
use domain::kalender::Kalender;
use domain::rule_set::permenpanrb_6_2022::RatingEkspektasi;
use domain::skp::PenilaianInput;
use domain::skp::dokumen::{AksiDokumen, JenisTenggat, StatusDokumen};
use domain::umpan_balik::NilaiBerakhlak;
use leptos::prelude::*;

use crate::api;
use crate::components::kuadran::{label_predikat, label_rating};
use crate::components::muat::GagalMuat;
use crate::components::penilaian_lama_saya::KartuNilaiLama;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::navigasi::Tautan;
use crate::page::Halaman;
use crate::pages::beranda::{hari_ini, periode_aktif};
use crate::state::penilaian::{ambil_alih_bisa, diwakili_admin, langkah_admin, langkah_bisa, peran_dari};
use crate::teks::{tanggal, tanggal_iso, teks};

/// A document's status in a language.
pub fn label_status(l: Locale, s: StatusDokumen) -> &'static str {
    match s {
        StatusDokumen::Dibuat => td_string!(l, penilaian.st_dibuat),
        StatusDokumen::DitandatanganiPenilai => td_string!(l, penilaian.st_ditandatangani_penilai),
        StatusDokumen::DiambilAlih => td_string!(l, penilaian.st_diambil_alih),
        StatusDokumen::DiterimaPegawai => td_string!(l, penilaian.st_diterima_pegawai),
        StatusDokumen::DitandatanganiPegawai => td_string!(l, penilaian.st_ditandatangani_pegawai),
        StatusDokumen::Keberatan => td_string!(l, penilaian.st_keberatan),
        StatusDokumen::Diputus => td_string!(l, penilaian.st_diputus),
        StatusDokumen::Dilaporkan => td_string!(l, penilaian.st_dilaporkan),
    }
}

fn label_tenggat(l: Locale, j: JenisTenggat) -> &'static str {
    match j {
        JenisTenggat::PenandatangananPenilai => td_string!(l, penilaian.tg_penilai),
        JenisTenggat::Penyampaian => td_string!(l, penilaian.tg_penyampaian),
        JenisTenggat::PenandatangananPegawai => td_string!(l, penilaian.tg_pegawai),
        JenisTenggat::Keberatan => td_string!(l, penilaian.tg_keberatan),
        JenisTenggat::KeputusanKeberatan => td_string!(l, penilaian.tg_keputusan),
        JenisTenggat::Pelaporan => td_string!(l, penilaian.tg_pelaporan),
    }
}

fn label_aksi(l: Locale, a: AksiDokumen) -> &'static str {
    match a {
        AksiDokumen::SignByPenilai => td_string!(l, penilaian.ak_tandatangani),
        AksiDokumen::TakeOver => td_string!(l, penilaian.ak_ambil_alih),
        AksiDokumen::Deliver => td_string!(l, penilaian.ak_sampaikan),
        AksiDokumen::SignByPegawai => td_string!(l, penilaian.ak_tandatangani_pegawai),
        AksiDokumen::FileKeberatan => td_string!(l, penilaian.ak_keberatan),
        AksiDokumen::ReplyKeberatan => td_string!(l, penilaian.ak_tanggapi),
        AksiDokumen::DecideKeberatan => td_string!(l, penilaian.ak_putuskan),
        AksiDokumen::Report => td_string!(l, penilaian.ak_laporkan),
    }
}

/// The label of an evaluation's code (`periodik-3`, `tahunan`).
pub fn label_evaluasi(l: Locale, kode: &str) -> String {
    match kode.strip_prefix("periodik-") {
        Some(ke) => format!("{} {ke}", td_string!(l, penilaian.periodik)),
        None => td_string!(l, penilaian.tahunan).to_owned(),
    }
}

#[component]
pub fn HalamanPenilaianSaya() -> impl IntoView {
    view! { <PerluMasuk><PenilaianSaya /><NilaiLamaSaya /></PerluMasuk> }
}

/// The pegawai's numeric evaluations of former rule sets' periods (PP
/// 46/2011, PermenPANRB 8/2021), any year, the latest first; nothing when
/// there are none.
#[component]
fn NilaiLamaSaya() -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let data = LocalResource::new(move || async move { client.penilaian_lama_saya().await });
    move || {
        match data.get() {
        None => ().into_any(),
        Some(Ok(d)) if d.is_empty() => ().into_any(),
        Some(Err(e)) => view! {
            <section class="kartu"><GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) di_kartu=true /></section>
        }
        .into_any(),
        Some(Ok(d)) => view! {
            <section class="kartu" data-testid="penilaian-lama-saya">
                <h2>{teks(i18n, |l| td_string!(l, penilaian.lama_saya_judul))}</h2>
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilaian.lama_saya_petunjuk))}</p>
                {d.into_iter().map(|item| view! { <KartuNilaiLama item=item /> }).collect_view()}
            </section>
        }
        .into_any(),
    }
    }
}

/// The pegawai's evaluations of the running period.
#[component]
fn PenilaianSaya() -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let data = LocalResource::new(move || async move {
        let (periode, skp) = futures::try_join!(client.list_periode(), client.list_skp())?;
        let mine = periode_aktif(&periode, i64::from(hari_ini().tahun()))
            .and_then(|p: PeriodeView| skp.into_iter().find(|s: &SkpRingkas| s.periode_id == p.id));
        let Some(s) = mine else { return Ok::<_, api::Error>(None) };
        let (dokumen, ak) = futures::join!(client.dokumen_evaluasi_skp(&s.id), client.angka_kredit(&s.id));
        Ok(Some((dokumen?, ak.ok())))
    });
    view! {
        <section class="kartu" data-testid="penilaian-saya">
            <h1>{teks(i18n, |l| td_string!(l, penilaian.judul_saya))}</h1>
            {move || match data.get() {
                None => teks(i18n, |l| td_string!(l, umum.memuat)).into_any(),
                Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) di_kartu=true /> }.into_any(),
                Some(Ok(None)) => view! { <p>{teks(i18n, |l| td_string!(l, penilaian.belum_ada_skp))}</p> }.into_any(),
                Some(Ok(Some((dokumen, ak)))) => view! {
                    {dokumen.is_empty().then(|| view! { <p data-testid="belum-ada-dokumen">{teks(i18n, |l| td_string!(l, penilaian.belum_ada_dokumen))}</p> })}
                    <ul class="dokumen-daftar">
                        {dokumen.into_iter().map(|d| {
                            let predikat = d.dokumen.penilaian().predikat();
                            let (ev, status) = (d.evaluasi.clone(), d.status);
                            view! {
                                <li data-testid="dokumen-saya" data-evaluasi=d.evaluasi.clone() data-status=status.to_string()>
                                    <strong>{move || label_evaluasi(i18n.get_locale(), &ev)}</strong> " · "
                                    <span class=format!("lencana predikat {}", predikat.kode())>{move || label_predikat(i18n.get_locale(), predikat)}</span> " · "
                                    {move || label_status(i18n.get_locale(), status)} " "
                                    <Tautan ke=Halaman::DokumenEvaluasi(d.id.clone()) attr:class="tombol-teks">{teks(i18n, |l| td_string!(l, penilaian.buka_dokumen))}</Tautan>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {ak.filter(|a| a.jenjang.is_some()).map(|a| {
                        let total = a.total_periodik.map(|t| format!("{:.2}", t.total));
                        let tahunan = a.tahunan.map(|t| format!("{:.3}", t.angka_kredit.angka_kredit));
                        view! {
                            <div data-testid="angka-kredit">
                                <h2>{teks(i18n, |l| td_string!(l, penilaian.angka_kredit))}</h2>
                                <ul>
                                    {a.periodik.into_iter().map(|p| {
                                        let ev = p.evaluasi.clone();
                                        let ak = format!("{:.3}", p.angka_kredit.angka_kredit);
                                        view! { <li>{move || label_evaluasi(i18n.get_locale(), &ev)} ": " {ak}</li> }
                                    }).collect_view()}
                                </ul>
                                {total.map(|t| view! { <p>{teks(i18n, |l| td_string!(l, penilaian.ak_total))} ": " {t}</p> })}
                                {tahunan.map(|t| view! { <p>{teks(i18n, |l| td_string!(l, penilaian.tahunan))} ": " {t}</p> })}
                            </div>
                        }
                    })}
                }.into_any(),
            }}
        </section>
    }
}

#[component]
pub fn HalamanDokumenEvaluasi(id: String) -> impl IntoView {
    view! { <PerluMasuk><Dokumen id=id.clone() /></PerluMasuk> }
}

#[component]
fn Dokumen(id: String) -> impl IntoView {
    let client = api::use_client();
    let id = StoredValue::new(id);
    let data = LocalResource::new(move || async move { client.dokumen_evaluasi(&id.get_value()).await });
    let terbaru = RwSignal::new(None::<DokumenEvaluasiView>);
    move || match (terbaru.get(), data.get()) {
        (Some(d), _) | (None, Some(Ok(d))) => view! { <Isi d=d terbaru=terbaru /> }.into_any(),
        (None, None) => view! { <GagalMuat galat=None /> }.into_any(),
        (None, Some(Err(e))) => {
            view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any()
        }
    }
}

#[component]
fn Isi(d: DokumenEvaluasiView, terbaru: RwSignal<Option<DokumenEvaluasiView>>) -> impl IntoView {
    let i18n = use_i18n();
    let n = d.dokumen.penilaian().clone();
    let predikat = n.predikat();
    let (hk, pk) = (n.rating_hasil_kerja().rating, n.rating_perilaku());
    let peran = peran_dari(d.akses);
    let bisa = peran.map(|p| langkah_bisa(&d.dokumen, p, hari_ini(), &Kalender::nasional())).unwrap_or_default();
    let ambil_alih = ambil_alih_bisa(&d.dokumen, peran, hari_ini(), &Kalender::nasional())
        .then(|| Halaman::AmbilAlih { skp_id: d.skp_id.clone(), evaluasi: d.evaluasi.clone() });
    let admin = (d.akses == Akses::Admin).then(|| d.clone());
    let ev = d.evaluasi.clone();
    let status = d.status;
    let keberatan = d.dokumen.keberatan().cloned();
    let pdf = format!("/api/v1/dokumen-evaluasi/{}/pdf", d.id);
    let (tenggat, riwayat) = (d.tenggat.clone(), d.riwayat.clone());
    let per_nilai = d.perilaku_per_nilai.clone();
    view! {
        <section class="kartu" data-testid="dokumen-evaluasi" data-status=status.to_string() data-format=d.format.clone()>
            <h1>{teks(i18n, |l| td_string!(l, penilaian.judul_dokumen))} " " {d.format.clone()}</h1>
            <p>
                <strong data-testid="dokumen-pegawai">{d.pegawai.nama.clone()}</strong> " · NIP " {d.pegawai.nip.clone()} " · " {d.pegawai.jabatan.clone()}
            </p>
            <p>{move || label_evaluasi(i18n.get_locale(), &ev)} " · "
                <span data-testid="status-dokumen">{move || label_status(i18n.get_locale(), status)}</span></p>
            <dl class="ringkasan-nilai">
                <dt>{teks(i18n, |l| td_string!(l, umum.rating_hasil_kerja))}</dt><dd>{move || label_rating(i18n.get_locale(), hk)}</dd>
                <dt>{teks(i18n, |l| td_string!(l, umum.rating_perilaku_kerja))}</dt>
                <dd data-testid="dokumen-perilaku" data-rating=pk.kode()>{move || label_rating(i18n.get_locale(), pk)}
                    {(!per_nilai.is_empty()).then(|| view! {
                        <ul class="petunjuk" data-testid="dokumen-perilaku-nilai">
                            {NilaiBerakhlak::ALL.into_iter().map(|n| {
                                let (label, r) = (n.label(), per_nilai.get(n.kode()).copied());
                                view! {
                                    <li data-nilai=n.kode() data-rating=r.map(|r| r.kode()).unwrap_or_default()>
                                        {move || label.dalam(i18n.get_locale().kode()).to_owned()} ": "
                                        {move || r.map_or("—", |r| label_rating(i18n.get_locale(), r))}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })}
                </dd>
                <dt>{teks(i18n, |l| td_string!(l, umum.predikat))}</dt>
                <dd><strong data-testid="dokumen-predikat" data-predikat=predikat.kode() class=format!("predikat {}", predikat.kode())>{move || label_predikat(i18n.get_locale(), predikat)}</strong></dd>
                {(!n.catatan().is_empty()).then(|| view! { <dt>{teks(i18n, |l| td_string!(l, penilaian.catatan))}</dt><dd>{n.catatan().to_owned()}</dd> })}
                {(!n.rekomendasi().is_empty()).then(|| view! { <dt>{teks(i18n, |l| td_string!(l, penilaian.rekomendasi))}</dt><dd>{n.rekomendasi().to_owned()}</dd> })}
            </dl>
            <p><a href=pdf data-testid="unduh-pdf" rel="external" download>{teks(i18n, |l| td_string!(l, penilaian.unduh_pdf))}</a>
                {d.sha256_pdf.clone().map(|h| view! { " · SHA-256 " <code class="hash" data-testid="sha256">{h}</code> })}</p>
        </section>
        {keberatan.map(|k| view! {
            <section class="kartu" data-testid="keberatan">
                <h2>{teks(i18n, |l| td_string!(l, penilaian.keberatan))}</h2>
                <p>{move || tanggal(k.diajukan_pada, i18n.get_locale())} ": " {k.alasan.clone()}</p>
                {k.tanggapan_penilai.clone().map(|t| view! { <p data-testid="tanggapan">{teks(i18n, |l| td_string!(l, penilaian.tanggapan))} ": " {t}</p> })}
                {k.menguatkan.map(|m| view! {
                    <p data-testid="keputusan" data-menguatkan=m.to_string()>
                        {move || if m { td_string!(i18n.get_locale(), penilaian.menguatkan) } else { td_string!(i18n.get_locale(), penilaian.mengubah) }}
                        {k.pertimbangan.clone().map(|p| format!(": {p}"))}
                    </p>
                })}
            </section>
        })}
        <section class="kartu" data-testid="tenggat-dokumen">
            <h2>{teks(i18n, |l| td_string!(l, penilaian.tenggat))}</h2>
            <ul>
                {tenggat.iter().map(|tg| {
                    let (jenis, batas, selesai, telat, sisa) = (tg.jenis, tg.batas.clone(), tg.selesai_pada.clone(), tg.terlambat, tg.sisa_hari_kerja);
                    view! {
                        <li class:terlambat=telat data-terlambat=telat.to_string()>
                            {move || label_tenggat(i18n.get_locale(), jenis)} ": " {move || tanggal_iso(&batas, i18n.get_locale())}
                            {match selesai.clone() {
                                Some(s) => view! { " · " {teks(i18n, |l| td_string!(l, penilaian.selesai))} " " {move || tanggal_iso(&s, i18n.get_locale())} }.into_any(),
                                None if telat => view! { " · " <strong>{teks(i18n, |l| td_string!(l, penilaian.terlambat))}</strong> }.into_any(),
                                None => view! { " · " {t!(i18n, penilaian.sisa_hari, n = move || sisa)} }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h2>{teks(i18n, |l| td_string!(l, penilaian.riwayat))}</h2>
            <ol class="riwayat" data-testid="riwayat-dokumen">
                {riwayat.iter().map(|r| {
                    let (aksi, status) = (r.aksi.clone(), r.status);
                    view! { <li data-aksi=aksi.clone()>{move || label_status(i18n.get_locale(), status)} " · " {r.peran.clone()}</li> }
                }).collect_view()}
            </ol>
        </section>
        {ambil_alih.map(|ke| view! {
            <section class="kartu" data-testid="langkah-dokumen">
                <h2>{teks(i18n, |l| td_string!(l, penilaian.langkah_anda))}</h2>
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilaian.aa_petunjuk))}</p>
                <Tautan ke=ke attr:class="tombol" attr:data-testid="aksi-take_over">{teks(i18n, |l| td_string!(l, penilaian.aa_buka))}</Tautan>
            </section>
        })}
        {match admin {
            Some(d) => view! { <LangkahAdmin d=d terbaru=terbaru /> }.into_any(),
            None => view! { <Langkah d=d bisa=bisa terbaru=terbaru /> }.into_any(),
        }}
    }
}

/// The instansi admin's steps on a document the server's queue lists for
/// the admin (no atasan pejabat penilai: the admin decides the objection
/// and reports in the atasan's place); on any other document the admin reads.
#[component]
fn LangkahAdmin(d: DokumenEvaluasiView, terbaru: RwSignal<Option<DokumenEvaluasiView>>) -> impl IntoView {
    let client = api::use_client();
    let periode = d.periode_id.clone();
    let antrian = LocalResource::new(move || {
        let periode = periode.clone();
        async move { client.antrian_evaluasi(&periode).await }
    });
    let d = StoredValue::new(d);
    move || {
        let a = antrian.get().and_then(Result::ok)?;
        let d = d.get_value();
        diwakili_admin(&a, &d.id).then(|| {
            let bisa = langkah_admin(&d.dokumen, hari_ini(), &Kalender::nasional());
            view! { <Langkah d=d bisa=bisa terbaru=terbaru /> }
        })
    }
}

/// The steps the reader may take now: one button each, a text where the
/// step needs reasons, the decision's choice for the atasan.
#[component]
fn Langkah(
    d: DokumenEvaluasiView,
    bisa: Vec<AksiDokumen>,
    terbaru: RwSignal<Option<DokumenEvaluasiView>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    if bisa.is_empty() {
        return ().into_any();
    }
    let alasan = RwSignal::new(String::new());
    let mengubah = RwSignal::new(false);
    let hk_baru = RwSignal::new(RatingEkspektasi::SesuaiEkspektasi);
    let pk_baru = RwSignal::new(RatingEkspektasi::SesuaiEkspektasi);
    let galat = RwSignal::new(None::<api::Error>);
    let sedang = RwSignal::new(false);
    let d = StoredValue::new(d);
    let perlu_teks = bisa
        .iter()
        .any(|a| matches!(a, AksiDokumen::FileKeberatan | AksiDokumen::ReplyKeberatan | AksiDokumen::DecideKeberatan));
    let putuskan = bisa.contains(&AksiDokumen::DecideKeberatan);
    let jalankan = move |aksi: AksiDokumen| {
        let dok = d.get_value();
        let alasan = alasan.get_untracked().trim().to_owned();
        let (keputusan, penilaian) = if aksi == AksiDokumen::DecideKeberatan {
            if mengubah.get_untracked() {
                let n = dok.dokumen.penilaian();
                let input = PenilaianInput {
                    evaluasi: n.evaluasi(),
                    predikat_organisasi: n.predikat_organisasi(),
                    rating_rhk: n.rating_rhk().iter().map(|(k, v)| (k.as_str().to_owned(), *v)).collect(),
                    rating_hasil_kerja: Some(hk_baru.get_untracked()),
                    alasan: alasan.clone(),
                    rating_perilaku: Some(pk_baru.get_untracked()),
                    catatan: n.catatan().to_owned(),
                    rekomendasi: n.rekomendasi().to_owned(),
                };
                (Some("mengubah".to_owned()), Some(input))
            } else {
                (Some("menguatkan".to_owned()), None)
            }
        } else {
            (None, None)
        };
        let langkah = LangkahDokumen { version: dok.version, alasan, keputusan, penilaian };
        sedang.set(true);
        galat.set(None);
        leptos::task::spawn_local(async move {
            match client.langkah_dokumen(&dok.id, aksi, &langkah).await {
                Ok(v) => {
                    terbaru.try_set(Some(v));
                }
                Err(e) => {
                    galat.try_set(Some(e));
                }
            }
            sedang.try_set(false);
        });
    };
    view! {
        <section class="kartu" data-testid="langkah-dokumen">
            <h2>{teks(i18n, |l| td_string!(l, penilaian.langkah_anda))}</h2>
            {perlu_teks.then(|| view! {
                <label for="alasan-langkah">{teks(i18n, |l| td_string!(l, penilaian.alasan_langkah))}</label>
                <textarea id="alasan-langkah" rows="3" data-testid="alasan-langkah"
                    prop:value=move || alasan.get() on:input=move |ev| alasan.set(event_target_value(&ev))></textarea>
            })}
            {putuskan.then(|| view! {
                <fieldset class="ubp-bagian">
                    <legend>{teks(i18n, |l| td_string!(l, penilaian.keputusan_judul))}</legend>
                    <label><input type="radio" name="keputusan" data-testid="keputusan-menguatkan" prop:checked=move || !mengubah.get() on:change=move |_| mengubah.set(false) />
                        " " {teks(i18n, |l| td_string!(l, penilaian.menguatkan))}</label>
                    <label><input type="radio" name="keputusan" data-testid="keputusan-mengubah" prop:checked=move || mengubah.get() on:change=move |_| mengubah.set(true) />
                        " " {teks(i18n, |l| td_string!(l, penilaian.mengubah))}</label>
                    <Show when=move || mengubah.get()>
                        <div class="baris">
                            <label for="hk-baru">{teks(i18n, |l| td_string!(l, umum.rating_hasil_kerja))}</label>
                            <select id="hk-baru" data-testid="hk-baru" on:change=move |ev| { if let Some(r) = RatingEkspektasi::from_kode(&event_target_value(&ev)) { hk_baru.set(r); } }>
                                {RatingEkspektasi::ALL.into_iter().map(|r| view! { <option value=r.kode() selected=r == RatingEkspektasi::SesuaiEkspektasi>{move || label_rating(i18n.get_locale(), r)}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="baris">
                            <label for="pk-baru">{teks(i18n, |l| td_string!(l, umum.rating_perilaku_kerja))}</label>
                            <select id="pk-baru" data-testid="pk-baru" on:change=move |ev| { if let Some(r) = RatingEkspektasi::from_kode(&event_target_value(&ev)) { pk_baru.set(r); } }>
                                {RatingEkspektasi::ALL.into_iter().map(|r| view! { <option value=r.kode() selected=r == RatingEkspektasi::SesuaiEkspektasi>{move || label_rating(i18n.get_locale(), r)}</option> }).collect_view()}
                            </select>
                        </div>
                    </Show>
                </fieldset>
            })}
            <div class="galat" role="alert" data-testid="galat-langkah">
                {move || galat.get().map(|e| view! { <p>{e.untuk_pengguna(i18n.get_locale())}</p> })}
            </div>
            <div class="aksi">
                {bisa.into_iter().map(|a| view! {
                    <button type="button" data-testid=format!("aksi-{a}") disabled=move || sedang.get() on:click=move |_| jalankan(a)>
                        {move || label_aksi(i18n.get_locale(), a)}
                    </button>
                }).collect_view()}
            </div>
        </section>
    }
    .into_any()
}
