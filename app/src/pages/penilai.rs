use leptos::prelude::*;

use std::collections::BTreeMap;

use domain::api::{AntrianItem, RhkAtasan, SkpBaca, Transition};
use domain::skp::AksiSkp;

use crate::api;
use crate::components::dokumen_skp::DokumenSkp;
use crate::components::konfirmasi::{Konfirmasi, tanya};
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::components::perubahan::SejakDikembalikanView;
use crate::components::status::StatusBadge;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::navigasi::{Tautan, use_navigasi};
use crate::offline::sync::{SyncResult, use_syncer};
use crate::page::Halaman;
use crate::pages::beranda::{hari_ini, periode_aktif};
use crate::state::antrian::{Disiapkan, berikutnya, setelah_keputusan};
use crate::state::auth::use_auth;
use crate::state::outbox::{Change, Outcome};
use crate::teks::teks;

/// The running period (its year and id), its queue, and the label of the
/// sub-period running today (the feedback to give).
async fn muat_antrian(
    client: api::Client,
) -> Result<(i64, String, Vec<AntrianItem>, Option<domain::Teks>), api::Error> {
    let periode = client.list_periode().await?;
    let Some(p) = periode_aktif(&periode, i64::from(hari_ini().tahun())) else {
        return Ok((0, String::new(), Vec::new(), None));
    };
    let sub = p
        .periode()
        .and_then(|per| per.sub_periode_pada(hari_ini()).or_else(|| per.sub_periode_dimulai(hari_ini()).pop()));
    Ok((p.tahun, p.id.clone(), client.list_antrian(&p.id).await?, sub.map(|s| s.label())))
}

/// `/penilai`: the subordinates of this period and their SKP status.
#[component]
pub fn Antrian() -> impl IntoView {
    view! { <PerluMasuk><DaftarAntrian /></PerluMasuk> }
}

#[component]
fn DaftarAntrian() -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let data = LocalResource::new(move || muat_antrian(client));
    // Every SKP in the queue is loaded now, in the background, so that a
    // tablet that loses its connection can still review (and decide) them.
    Effect::new(move |_| {
        let ids: Vec<String> = data
            .with(|d| {
                d.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .map(|(_, _, items, _)| items.iter().filter_map(|i| i.skp_id.clone()).collect())
            })
            .unwrap_or_default();
        if ids.is_empty() || !web_sys::window().is_some_and(|w| w.navigator().on_line()) {
            return;
        }
        leptos::task::spawn_local(async move {
            for id in ids {
                let _ = muat_skp(client, &id).await;
            }
        });
    });
    move || {
        match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok((tahun, periode_id, items, sub))) => view! {
            <section class="kartu">
                <h1>{t!(i18n, penilai.judul_antrian, tahun = move || tahun)}</h1>
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilai.petunjuk_antrian))}</p>
                // The feedback of the running sub-period to the whole unit.
                {sub.map(|label| {
                    let label = move || label.dalam(if i18n.get_locale() == Locale::en { "en" } else { "id" }).to_owned();
                    view! { <p><Tautan ke=Halaman::AntrianUmpanBalik attr:class="tombol" attr:data-testid="tautan-umpan-balik">{t!(i18n, penilai.tautan_umpan_balik, label = label)}</Tautan></p> }
                })}
                {if items.is_empty() { Some(view! { <p>{teks(i18n, |l| td_string!(l, penilai.kosong))}</p> }) } else { None }}
                <ul class="antrian" data-testid="antrian">
                    {items.into_iter().map(|i| view! {
                        <li data-testid="antrian-item" data-status=i.status.map_or("belum_dibuat", domain::skp::StatusSkp::kode)>
                            <span class="nama">{i.pegawai.nama.clone()}</span>
                            <span class="jabatan">{i.pegawai.jabatan.clone()}</span>
                            <StatusBadge status=i.status />
                            <Tautan ke=Halaman::Penilai360(i.pegawai.id.clone()) attr:class="tombol-teks tautan-360" attr:data-testid="tautan-360">{teks(i18n, |l| td_string!(l, penilai.tautan_360))}</Tautan>
                            {match i.skp_id.clone() {
                                // Only a submitted plan waits for a decision: any other is opened to read.
                                Some(id) => {
                                    let (kelas, label): (&str, fn(Locale) -> &'static str) = if i.status == Some(domain::skp::StatusSkp::Diajukan) {
                                        ("tombol", |l| td_string!(l, penilai.tinjau))
                                    } else {
                                        ("tombol tombol-kedua", |l| td_string!(l, penilai.lihat))
                                    };
                                    view! { <Tautan ke=Halaman::TinjauSkp(id) attr:class=kelas attr:data-testid="tinjau">{teks(i18n, label)}</Tautan> }.into_any()
                                }
                                None => view! { <span class="petunjuk">{teks(i18n, |l| td_string!(l, penilai.belum_ada_skp))}</span> }.into_any(),
                            }}
                            // Not submitted yet: the subordinate can be reminded (once a day).
                            {matches!(i.status, None | Some(domain::skp::StatusSkp::Draf | domain::skp::StatusSkp::Dikembalikan))
                                .then(|| view! { <TombolIngatkan pegawai_id=i.pegawai.id.clone() periode_id=periode_id.clone() /> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }.into_any(),
    }
    }
}

/// "Ingatkan": tells a subordinate to draft and submit their plan (the
/// server keeps one reminder a day); then says it was sent, or why not.
#[component]
fn TombolIngatkan(pegawai_id: String, periode_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let kirim = Action::new_local(move |_: &()| {
        let (p, r) = (pegawai_id.clone(), periode_id.clone());
        async move { client.ingatkan(p, r).await }
    });
    view! {
        {move || match kirim.value().get() {
            Some(Ok(())) => view! { <span class="berhasil" role="status" data-testid="diingatkan">{teks(i18n, |l| td_string!(l, penilai.diingatkan))}</span> }.into_any(),
            Some(Err(e)) => view! { <span class="galat" role="alert" data-testid="galat-ingatkan">{e.untuk_pengguna(i18n.get_locale())}</span> }.into_any(),
            None => view! {
                <button type="button" class="tombol-kedua" data-testid="ingatkan" disabled=move || kirim.pending().get()
                    on:click=move |_| { kirim.dispatch(()); }>
                    {teks(i18n, |l| td_string!(l, penilai.ingatkan))}
                </button>
            }.into_any(),
        }}
    }
}

/// `/penilai/skp/:id`: the SKP beside the penilai's own RHK it intervenes;
/// approve or return with notes, then straight on to the next one.
#[component]
pub fn TinjauSkp(id: String) -> impl IntoView {
    view! { <PerluMasuk><Tinjau id=id.clone() /></PerluMasuk> }
}

/// How a decision went: stored in the outbox (its `seq`), or, with no
/// device store, straight to the server with its answer.
#[derive(Clone)]
enum Putusan {
    DiPerangkat { seq: u64, langkah: AksiSkp, teks: Pesan },
    Langsung(Box<Result<(AksiSkp, Pesan, SkpBaca), api::Error>>),
}

/// What a decision says: the overall note and the comments per RHK (by id).
#[derive(Clone, Debug, Default, PartialEq)]
struct Pesan {
    catatan: String,
    komentar: BTreeMap<String, String>,
}

impl Pesan {
    /// The comments that say something.
    fn isi(&self) -> BTreeMap<String, String> {
        self.komentar.iter().filter(|(_, k)| !k.trim().is_empty()).map(|(id, k)| (id.clone(), k.clone())).collect()
    }

    fn kosong(&self) -> bool {
        self.catatan.trim().is_empty() && self.isi().is_empty()
    }

    fn langkah(&self, version: i64) -> Transition {
        Transition { version, catatan: self.catatan.clone(), komentar_rhk: self.isi() }
    }
}

/// One SKP to review: the SKP, its atasan's RHK, and the queue it is in.
type Tinjauan = (SkpBaca, RhkAtasan, Vec<AntrianItem>);

/// The next SKP, fetched while the penilai reads the current one, kept
/// across the change of page (context newtype, provided by the app).
#[derive(Clone, Copy)]
pub struct BerikutnyaContext(StoredValue<Disiapkan<Tinjauan>>);

/// Provides the place for the next SKP (called once, before any page).
pub fn provide_berikutnya() {
    provide_context(BerikutnyaContext(StoredValue::new(Disiapkan::kosong())));
}

/// An SKP and the atasan's RHK it can intervene, asked for at once.
async fn muat_skp(client: api::Client, id: &str) -> (Result<SkpBaca, api::Error>, Result<RhkAtasan, api::Error>) {
    futures::join!(client.read_skp(id), client.read_rhk_atasan(id))
}

#[component]
fn Tinjau(id: String) -> impl IntoView {
    // Fetched ahead by the previous review: shown at once.
    let berikutnya = expect_context::<BerikutnyaContext>().0;
    let pemilik = use_auth().pegawai_id();
    if let Some((skp, atasan, antrian)) = berikutnya.try_update_value(|d| d.ambil(&pemilik, &id)).flatten() {
        return view! { <Keputusan skp=skp atasan=atasan antrian=antrian /> }.into_any();
    }
    let client = api::use_client();
    let data = LocalResource::new(move || {
        let id = id.clone();
        async move {
            let ((skp, atasan), antrian) = futures::join!(muat_skp(client, &id), muat_antrian(client));
            Ok::<_, api::Error>((skp?, atasan?, antrian?.2))
        }
    });
    (move || match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok((skp, atasan, antrian))) => view! { <Keputusan skp=skp atasan=atasan antrian=antrian /> }.into_any(),
    })
    .into_any()
}

#[component]
fn Keputusan(skp: SkpBaca, atasan: RhkAtasan, antrian: Vec<AntrianItem>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let nav = use_navigasi();
    let client = api::use_client();
    let siap_berikutnya = expect_context::<BerikutnyaContext>().0;
    let state = RwSignal::new(skp.clone());
    let catatan = RwSignal::new(String::new());
    // Comments on single RHK, by RHK id, and the RHK whose comment field is open.
    let komentar = RwSignal::new(BTreeMap::<String, String>::new());
    let catatan_kosong = RwSignal::new(false);
    let galat = RwSignal::new(None::<api::Error>);
    let selesai = RwSignal::new(None::<AksiSkp>);
    let next = berikutnya(&antrian, &skp.id);
    // The next SKP is fetched now, while this one is read, so moving on
    // shows it at once, also on a slow connection (a failure here only
    // means it is fetched when opened). After a long read it is fetched
    // again when opened, so what shows is not older than that.
    const SEGAR_MS: f64 = 120_000.0;
    let dibuka = js_sys::Date::now();
    let disiapkan = next.clone().map(|n| {
        LocalResource::new(move || {
            let n = n.clone();
            async move {
                match muat_skp(client, &n).await {
                    (Ok(skp), Ok(atasan)) => Some((skp, atasan)),
                    _ => None,
                }
            }
        })
    });
    let antrian = StoredValue::new(antrian);
    let ke_berikutnya = move |n: String| {
        // What was fetched ahead is only for who fetched it.
        let pemilik = auth.pegawai_id();
        let pakai = js_sys::Date::now() - dibuka < SEGAR_MS && !pemilik.is_empty();
        if let Some(Some((skp, atasan))) = disiapkan.filter(|_| pakai).and_then(|d| d.get_untracked()) {
            let (id, status) = state.with_untracked(|s| (s.id.clone(), s.status));
            let antrian = setelah_keputusan(antrian.get_value(), &id, status);
            siap_berikutnya.try_update_value(|d| d.simpan(&pemilik, &n, (skp, atasan, antrian)));
        }
        nav.ke(&Halaman::TinjauSkp(n));
    };
    let sinkron = use_syncer();
    // A decision stored on the device, waiting for the server, and its `seq`.
    let di_antrean = RwSignal::new(None::<AksiSkp>);
    let seq_putusan = StoredValue::new(0u64);
    let aksi = Action::new_local(move |(langkah, teks): &(AksiSkp, Pesan)| {
        let (langkah, teks) = (*langkah, teks.clone());
        let (id, version) = state.with_untracked(|s| (s.id.clone(), s.version));
        // The note as sent (the field stays editable while it is on its way).
        async move {
            // Into the outbox, like any change: a tablet with no connection decides too.
            if let Some(s) = sinkron {
                let path = format!("/api/v1/skp/{id}");
                let body = crate::offline::to_json(&teks.langkah(version));
                let ubah = vec![("POST", format!("{path}/{}", langkah.kode()), body)];
                if let Ok(seq) = s.queue(Some((path, version)), ubah).await {
                    return Putusan::DiPerangkat { seq, langkah, teks };
                }
            }
            Putusan::Langsung(Box::new(
                client.transition_skp(&id, langkah, &teks.langkah(version)).await.map(|v| (langkah, teks, v)),
            ))
        }
    });
    let terkirim = RwSignal::new(Pesan::default());
    let yakin_setujui = RwSignal::new(false);
    let terima = move |hasil: Result<(AksiSkp, Pesan, SkpBaca), api::Error>| match hasil {
        Ok((a, teks, v)) => {
            galat.set(None);
            selesai.set(Some(a));
            terkirim.set(teks);
            state.set(v);
        }
        Err(api::Error::SessionEnded) => auth.expire(),
        Err(e) => galat.set(Some(e)),
    };
    Effect::new(move |_| match aksi.value().get() {
        Some(Putusan::DiPerangkat { seq, langkah, teks }) => {
            seq_putusan.set_value(seq);
            terkirim.set(teks);
            di_antrean.set(Some(langkah));
        }
        Some(Putusan::Langsung(r)) => terima(*r),
        None => {}
    });
    // The server's answer to the decision, when the outbox gets it.
    if let Some(s) = sinkron {
        let path = format!("/api/v1/skp/{}", skp.id);
        // A decision taken before a reload and still waiting: said, and not
        // offered again.
        let p = path.clone();
        leptos::task::spawn_local(async move {
            if let Some((_, Some(langkah))) = s.waiting_for(&p).await
                && let Change::LangkahSkp(_, a) = Change::of("POST", &langkah)
            {
                di_antrean.try_set(Some(a));
            }
        });
        Effect::new(move |awal: Option<()>| {
            let hasil: Vec<SyncResult> =
                s.results.with(|h| h.iter().filter(|h| h.record.as_deref() == Some(path.as_str())).cloned().collect());
            if awal.is_none() {
                return;
            }
            // This page's decision, or one restored from the outbox after a reload.
            let milik = |h: &SyncResult| {
                h.seq == seq_putusan.get_value()
                    || (seq_putusan.get_value() == 0 && di_antrean.get_untracked().is_some())
            };
            for h in hasil.into_iter().filter(milik) {
                let langkah = match Change::of("POST", &h.path) {
                    Change::LangkahSkp(_, a) => a,
                    _ => continue,
                };
                match h.outcome() {
                    Outcome::Saved => {
                        di_antrean.set(None);
                        if let Some(v) = crate::offline::from_json::<SkpBaca>(&h.body) {
                            terima(Ok((langkah, terkirim.get_untracked(), v)));
                        }
                    }
                    Outcome::Refused => {
                        di_antrean.set(None);
                        terima(Err(h.error().unwrap_or(api::Error::Decode)));
                    }
                    Outcome::Passing => {}
                }
            }
        });
    }
    let kembalikan = move |_| {
        let teks = Pesan { catatan: catatan.get_untracked(), komentar: komentar.get_untracked() };
        if teks.kosong() {
            catatan_kosong.set(true);
            return;
        }
        catatan_kosong.set(false);
        aksi.dispatch((AksiSkp::Return, teks));
    };
    let diajukan = move || state.with(|s| s.status == domain::skp::StatusSkp::Diajukan);
    let nama = skp.pegawai.nama.clone();
    // The plan's RHK (id, description), in order: the comment fields.
    let rhk_daftar: Vec<(String, String)> =
        skp.skp.rencana().rhk().iter().map(|r| (r.id().as_str().to_owned(), r.uraian().to_owned())).collect();
    let rhk_daftar_2 = StoredValue::new(rhk_daftar.clone());
    // A plan submitted again after a return: the last return and what changed since, read first.
    let pernah_dikembalikan = domain::api::SejakDikembalikan::berlaku(skp.status, skp.skp.riwayat());
    let skp_id = skp.id.clone();
    let sejak = pernah_dikembalikan.then(|| {
        LocalResource::new(move || {
            let id = skp_id.clone();
            async move { client.sejak_dikembalikan(&id).await.ok().flatten() }
        })
    });
    let rhk_atasan = atasan.rhk.clone();
    view! {
        <section class="kartu" data-testid="tinjau-skp">
            <h1>{t!(i18n, penilai.judul_tinjau, nama = move || nama.clone())}</h1>
            <StatusBadge status=Signal::derive(move || Some(state.with(|s| s.status))) />
        </section>
        {move || sejak.and_then(|r| r.get()).flatten().map(|d| view! { <SejakDikembalikanView data=d atasan=rhk_atasan.clone() /> })}
        <DokumenSkp skp=skp.clone() periode=None atasan=atasan.rhk.clone() />
        <section class="kartu keputusan">
            // After a decision the SKP is no longer submitted: what was decided shows below instead.
            <Show when=move || diajukan() && di_antrean.get().is_none() fallback=move || (selesai.get().is_none() && di_antrean.get().is_none()).then(|| view! { <p class="petunjuk" data-testid="tidak-bisa-ditinjau">{teks(i18n, |l| td_string!(l, penilai.tidak_bisa_ditinjau))}</p> })>
                <div class="baris">
                    <label for="catatan">{teks(i18n, |l| td_string!(l, penilai.catatan))}</label>
                    <textarea id="catatan" data-testid="catatan" rows="3" bind:value=catatan></textarea>
                </div>
                <KomentarRhk rhk=rhk_daftar.clone() komentar=komentar />
                <Show when=move || catatan_kosong.get()><p class="galat" role="alert" data-testid="catatan-wajib">{teks(i18n, |l| td_string!(l, penilai.catatan_wajib))}</p></Show>
                <div class="aksi">
                    // Approval sets the SKP for the year: asked first (a tap on a tablet is easy to make).
                    <button type="button" data-testid="setujui" disabled=move || aksi.pending().get() || yakin_setujui.get()
                        on:click=move |_| tanya(yakin_setujui, "setujui")>
                        {teks(i18n, |l| td_string!(l, penilai.setujui))}
                    </button>
                    <button type="button" class="tombol-kedua" data-testid="kembalikan" disabled=move || aksi.pending().get() on:click=kembalikan>
                        {teks(i18n, |l| td_string!(l, penilai.kembalikan))}
                    </button>
                </div>
                <Konfirmasi terbuka=yakin_setujui nama="setujui" aksi="setujui"
                    pertanyaan=|l| td_string!(l, penilai.konfirmasi_setujui) label_ya=|l| td_string!(l, penilai.ya_setujui)
                    ya=Callback::new(move |_| { aksi.dispatch((AksiSkp::Approve, Pesan::default())); }) />
            </Show>
            <Show when=move || di_antrean.get().is_some()>
                <p class="petunjuk" role="status" data-testid="keputusan-perangkat">{teks(i18n, |l| td_string!(l, luring.keputusan_perangkat))}</p>
            </Show>
            <p class="galat" role="alert" data-testid="galat-keputusan">{move || galat.with(|e| e.as_ref().map(|e| e.untuk_pengguna(i18n.get_locale())))}</p>
            <p class="berhasil" role="status" data-testid="hasil-keputusan">
                {move || selesai.get().map(|a| if a == AksiSkp::Approve { teks(i18n, |l| td_string!(l, penilai.berhasil_disetujui)).into_any() } else { teks(i18n, |l| td_string!(l, penilai.berhasil_dikembalikan)).into_any() })}
            </p>
            <Show when=move || selesai.get() == Some(AksiSkp::Return)>
                <div class="catatan" data-testid="catatan-terkirim">
                    {move || terkirim.with(|t| (!t.catatan.trim().is_empty()).then(|| view! {
                        <strong>{teks(i18n, |l| td_string!(l, penilai.catatan_terkirim))}</strong>
                        <p>{t.catatan.clone()}</p>
                    }))}
                    {move || terkirim.with(|t| {
                        let isi = t.isi();
                        (!isi.is_empty()).then(|| {
                            let baris: Vec<(usize, String)> = rhk_daftar_2.with_value(|d| d.iter().enumerate()
                                .filter_map(|(n, (id, _))| Some((n + 1, isi.get(id)?.clone()))).collect());
                            view! {
                                <strong>{teks(i18n, |l| td_string!(l, penilai.komentar_terkirim))}</strong>
                                <ul>{baris.into_iter().map(|(n, k)| view! { <li>{t!(i18n, pegawai.rhk_ke, n = move || n)} ": " {k}</li> }).collect_view()}</ul>
                            }
                        })
                    })}
                </div>
            </Show>
            <div class="aksi">
                {match next {
                    Some(n) => view! { <button type="button" data-testid="berikutnya" disabled=move || aksi.pending().get() on:click=move |_| ke_berikutnya(n.clone())>{teks(i18n, |l| td_string!(l, penilai.berikutnya))}</button> }.into_any(),
                    None => view! { <span class="petunjuk" data-testid="tidak-ada-lagi">{teks(i18n, |l| td_string!(l, penilai.tidak_ada_lagi))}</span> }.into_any(),
                }}
                <Tautan ke=Halaman::Antrian attr:class="tombol-teks">{teks(i18n, |l| td_string!(l, penilai.kembali_ke_antrian))}</Tautan>
            </div>
        </section>
    }
}

/// A comment field per RHK, each behind its button (a plan of twenty RHK
/// stays a short page): what the penilai says about one RHK goes with it.
#[component]
fn KomentarRhk(rhk: Vec<(String, String)>, komentar: RwSignal<BTreeMap<String, String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="komentar-rhk" data-testid="komentar-rhk">
            <legend>{teks(i18n, |l| td_string!(l, penilai.judul_komentar))}</legend>
            {rhk.into_iter().enumerate().map(|(n, (id, uraian))| {
                let n = n + 1;
                // Open while it holds a comment (also when this part is built again).
                let buka = RwSignal::new(komentar.with_untracked(|k| k.get(&id).is_some_and(|v| !v.trim().is_empty())));
                let kolom = format!("komentar-{id}");
                let (id1, id2) = (id.clone(), id.clone());
                view! {
                    <div class="komentar-satu">
                        <Show when=move || !buka.get()>
                            <button type="button" class="tombol-teks" data-testid="komentari" on:click={ let id = id1.clone(); move |_| {
                                buka.set(true);
                                crate::fokus::fokus_nanti(format!("komentar-{id}"));
                            } }>
                                {t!(i18n, penilai.komentari, n = move || n)} <span class="petunjuk">" · " {uraian.clone()}</span>
                            </button>
                        </Show>
                        <Show when=move || buka.get()>
                            <label for=kolom.clone()>{t!(i18n, penilai.komentar_untuk, n = move || n)}</label>
                            <textarea id=kolom.clone() data-testid="komentar" rows="2"
                                prop:value={ let id = id2.clone(); move || komentar.with(|k| k.get(&id).cloned().unwrap_or_default()) }
                                on:input={ let id = id2.clone(); move |ev| { let v = event_target_value(&ev); komentar.update(|k| { k.insert(id.clone(), v); }); } }>
                            </textarea>
                        </Show>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
