use std::collections::BTreeMap;

use leptos::prelude::*;

use domain::api::{EditSkp, PeriodeView, RhkAtasan, SkpBaca, Transition};
use domain::rule_set::JenisRhk;
use domain::skp::AksiSkp;
use domain::{RatingEkspektasi, RuleSet};

use crate::api;
use crate::components::field_errors::{DaftarBidangSalah, FieldErrorList};
use crate::components::kuadran::OpsiRating;
use crate::components::lampiran::Lampiran;
use crate::components::preview::PreviewSummary;
use crate::components::rhk_form::RhkForm;
use crate::fokus::{fokus_galat_pertama, fokus_nanti};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::navigasi::Tautan;
use crate::offline::sync::{SyncResult, use_syncer};
use crate::offline::{id_tab, to_json};
use crate::page::Halaman;
use crate::state::auth::use_auth;
use crate::state::draf;
use crate::state::editor::{
    PreviewParams, PreviewState, Sasaran, bidang_salah, compute_plan_preview, galat_form, hasil_per_indikator,
    jelaskan, kelengkapan as kelengkapan_rencana, ketik_realisasi, periksa_realisasi, realisasi_janggal, tambah_rhk,
};
use crate::state::form::{Editor, Sebaran, ikuti};
use crate::state::outbox::Outcome;
use crate::state::skp::{Dibuka, KeadaanSimpan, SkpTersimpan};
use crate::teks::teks;

use super::aksi::aksi_simpan;
use super::kepala::kepala_skp;

/// The pause in the typing after which the form is saved to the server.
const JEDA_SIMPAN_MS: u64 = 1200;

/// How a save went: stored in the outbox (its last `seq`), or, with no
/// device store, straight to the server with its answer.
#[derive(Clone)]
enum Simpan {
    DiPerangkat { seq: u64, ajukan: bool, isian: Box<domain::SkpInput> },
    Langsung(Box<Result<SkpBaca, api::Error>>),
}

/// The SKP editor: the form, the preview beside it, and saving. The logic
/// is in `state` (the form, the preview, the saved SKP and its device
/// copy); here it is wired to signals.
#[component]
pub(super) fn EditorSkp(
    awal: SkpBaca,
    periode: Option<PeriodeView>,
    atasan: Option<RhkAtasan>,
    /// What of this SKP waits in the outbox: the last save (the form it
    /// sent) and whether a submission waits too; `None`: nothing.
    antre: Option<(Option<EditSkp>, bool)>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let en = Signal::derive(move || i18n.get_locale() == Locale::en);
    let jenis_jabatan = awal.skp.rencana().jenis_jabatan();
    // A functional position's preview also gives the angka kredit for its jenjang.
    let jenjang = if jenis_jabatan == domain::JenisJabatan::Fungsional {
        domain::angka_kredit::Jenjang::dari_jabatan(&awal.pegawai.jabatan)
    } else {
        None
    };
    let rule_set = periode.as_ref().map(|p| p.rule_set).unwrap_or(RuleSet::Permenpanrb6_2022);
    let tahun = periode.as_ref().map(|p| p.tahun).unwrap_or_default();
    // What this person typed here and the server does not have yet (a
    // reload or a lost connection): restored, and said so.
    let pemilik = auth.pegawai_id();
    let antre_ajukan = antre.as_ref().map(|(_, ajukan)| *ajukan);
    let antre_isian = antre.as_ref().and_then(|(simpan, _)| simpan.as_ref()).map(|e| e.rencana.clone());
    let kept = draf::ambil(&awal.id).or_else(|| {
        antre.and_then(|(simpan, _)| simpan).map(|e| draf::Draf {
            pemilik: pemilik.clone(),
            version: e.version,
            isian: e.rencana,
        })
    });
    let Dibuka { skp: tersimpan, isian, dipulihkan } = SkpTersimpan::buka(awal, &pemilik, kept);
    let view_state = RwSignal::new(tersimpan);
    let pulih = RwSignal::new(dipulihkan);
    let form = RwSignal::new(isian);
    // The form on screen is the server's version.
    let sama = Memo::new(move |_| form.with(|f| view_state.with(|v| *f == v.skp.isian)));
    let realisasi = RwSignal::new(BTreeMap::<String, String>::new());
    let rating_perilaku = RwSignal::new(RatingEkspektasi::SesuaiEkspektasi.kode().to_owned());
    // The plan is validated once per change of the form; the field errors, the
    // completeness list and every keystroke's preview read this one result.
    let rencana = Memo::new(move |_| form.with(|f| f.validate(jenis_jabatan)));
    let errors = Memo::new(move |_| rencana.with(|r| r.as_ref().err().cloned().unwrap_or_default()));
    // Every marked field, each a link to it: beside the preview while there
    // is none, and above the buttons after a submission was refused for them.
    let salah = Memo::new(move |_| errors.with(|e| form.with(|f| bidang_salah(f, e))));
    let masukan = Memo::new(move |_| PreviewParams {
        rule_set,
        jenis_jabatan,
        realisasi: realisasi.get(),
        rating_perilaku: RatingEkspektasi::from_kode(&rating_perilaku.get()),
        jenjang,
    });
    // The whole preview, recomputed when the plan or the perilaku rating
    // changes; a realisation typed updates it in place (`ketik`), so a
    // keystroke costs the same on a 50-RHK SKP as on a short one.
    let hitung = move || masukan.with_untracked(|m| rencana.with_untracked(|r| compute_plan_preview(r, m)));
    let preview = RwSignal::new(hitung());
    let hasil = Sebaran::new(preview.with_untracked(hasil_per_indikator));
    Effect::new(move |sudah: Option<()>| {
        rencana.track();
        rating_perilaku.track();
        // The first run only subscribes: the preview was computed above.
        if sudah.is_some() {
            let p = hitung();
            hasil.ganti_semua(hasil_per_indikator(&p));
            if preview.with_untracked(|lama| *lama != p) {
                preview.set(p);
            }
        }
    });
    let ketik = Callback::new(move |(id, nilai): (String, String)| {
        // Checked once: the preview takes the realisation, the field its messages.
        let periksa = periksa_realisasi(&id, &nilai);
        let baru = periksa.as_ref().ok().and_then(Option::as_ref);
        let aturan = (RatingEkspektasi::from_kode(&rating_perilaku.get_untracked()), jenjang);
        let h = preview.try_update(|p| rencana.with_untracked(|r| ketik_realisasi(p, r, aturan, &id, baru)));
        hasil.ganti(&id, h.flatten());
        let janggal = rencana.with_untracked(|r| realisasi_janggal(r, &id, baru));
        realisasi.update(|m| {
            m.insert(id, nilai);
        });
        (periksa.err().unwrap_or_default(), janggal)
    });
    // The server's field errors of the last save show under their fields
    // too, until the form changes (then the local checks speak again).
    let server_galat = RwSignal::new(None::<api::Error>);
    let galat_field = Sebaran::ikuti(move || {
        errors.with(|e| form.with(|f| server_galat.with(|g| galat_form(f, e, g.as_ref().and_then(api::Error::fields)))))
    });
    let editable = Signal::derive(move || view_state.with(SkpTersimpan::bisa_diubah));
    let dicoba = RwSignal::new(false);
    // Set once: every field's messages follow it.
    let coba = move || {
        if !dicoba.get_untracked() {
            dicoba.set(true);
        }
    };
    let ed = Editor {
        form,
        realisasi,
        rencana,
        masukan,
        preview,
        ketik,
        preview_ready: ikuti(move || preview.with(|p| matches!(p, PreviewState::Siap(_)))),
        hasil,
        galat: galat_field,
        editable,
        dicoba,
        jpt: jenis_jabatan == domain::JenisJabatan::Jpt,
        rhk_atasan: Signal::derive(move || atasan.as_ref().filter(|a| a.tersedia).map(|a| a.rhk.clone())),
        komentar_penilai: Memo::new(move |_| view_state.with(SkpTersimpan::komentar_terakhir)),
    };
    let atasan_kosong = ed.rhk_atasan.with_untracked(Option::is_none);
    let client = api::use_client();
    let sinkron = use_syncer();
    // A save stored on the device and not yet answered by the server
    // (`Some(ajukan)`), and the last `seq` it was given.
    let di_antrean = RwSignal::new(antre_ajukan);
    // The form the last save stored in the outbox holds.
    let antre_isian = RwSignal::new(antre_isian);
    let seq_terakhir = RwSignal::new(0u64);
    // This editor's changes in the outbox (their `seq`), and its name there:
    // an answer to one of them is this screen's own; its saves not sent yet
    // give way to its next, never to another tab's.
    let milik = StoredValue::new(Vec::<u64>::new());
    let asal = id_tab();
    let simpan = Action::new_local(move |ajukan: &bool| {
        let ajukan = *ajukan;
        let (id, version) = view_state.with_untracked(|v| (v.skp.id.clone(), v.versi()));
        // A form restored on an older version than the server's stays on it
        // (the server answers with a conflict, the person chooses).
        let tetap = view_state.with_untracked(SkpTersimpan::dari_versi_lama);
        let rencana = form.get_untracked();
        let dikirim = rencana.clone();
        let asal = asal.clone();
        async move {
            // Into the outbox: kept on the device first, then sent (now, or
            // when the connection is back), the save and the submission in order.
            let path = format!("/api/v1/skp/{id}");
            if let Some(s) = sinkron {
                // Saved as typed until it is submitted: then it must pass the rules.
                let edit = EditSkp { version, rencana: rencana.clone(), draf: !ajukan };
                let mut ubah = vec![("PUT", path.clone(), to_json(&edit))];
                if ajukan {
                    let langkah = Transition::polos(version);
                    ubah.push(("POST", format!("{path}/{}", AksiSkp::Submit.kode()), to_json(&langkah)));
                }
                if let Ok(seq) = s.queue_dari(asal, Some((path, version)), tetap, ubah).await {
                    return Simpan::DiPerangkat { seq, ajukan, isian: Box::new(dikirim) };
                }
            }
            // A browser that keeps nothing (storage refused): straight to the server.
            let r = async {
                let saved = client.save_skp(&id, version, rencana, !ajukan).await?;
                if ajukan {
                    client.transition_skp(&id, AksiSkp::Submit, &Transition::polos(saved.version)).await
                } else {
                    Ok(saved)
                }
            };
            Simpan::Langsung(Box::new(r.await))
        }
    });
    // When the server last took a save during this visit (ms since the epoch).
    let disimpan_pada = RwSignal::new(None::<f64>);
    // The server's answer to a save, however it came: `ikut` when it is
    // another screen's save (another tab of this browser) and nothing was
    // typed here since the version on screen: the form follows the server.
    // (With something typed here, another screen's version is not taken:
    // this screen's next save, on its older version, meets the conflict
    // and the comparison, instead of writing over it.)
    let terima = move |hasil: Result<SkpBaca, api::Error>, ikut: bool| match hasil {
        Ok(v) => {
            server_galat.set(None);
            pulih.set(false);
            disimpan_pada.set(Some(js_sys::Date::now()));
            let id = v.id.clone();
            let isian = ikut.then(|| v.isian.clone());
            if form.with_untracked(|f| view_state.try_update(|s| s.disimpan(v, f))) == Some(true) {
                draf::hapus(&id);
            }
            if let Some(isian) = isian.filter(|i| form.with_untracked(|f| f != i)) {
                form.set(isian);
            }
        }
        Err(api::Error::SessionEnded) => auth.expire(),
        Err(e) => {
            // Refused for its fields: the first one with a message is
            // brought into view and focus once the messages are shown.
            if e.fields().is_some() {
                fokus_galat_pertama();
            }
            server_galat.set(Some(e));
        }
    };
    Effect::new(move |_| match simpan.value().get() {
        Some(Simpan::DiPerangkat { seq, ajukan, isian }) => {
            seq_terakhir.set(seq);
            milik.update_value(|m| {
                if !m.contains(&seq) {
                    m.push(seq);
                }
            });
            di_antrean.set(Some(ajukan));
            antre_isian.set(Some(*isian));
        }
        Some(Simpan::Langsung(r)) => terima(*r, false),
        None => {}
    });
    // The outbox's answers for this SKP (also of saves made before a
    // reload): the saved SKP replaces the one on screen; a refusal shows
    // here, on the form that holds the change, as well as in the sync bar's
    // list (where the person re-applies or drops it).
    if let Some(s) = sinkron {
        Effect::new(move |awal: Option<()>| {
            let path = view_state.with_untracked(|v| format!("/api/v1/skp/{}", v.skp.id));
            let hasil: Vec<SyncResult> =
                s.results.with(|h| h.iter().filter(|h| h.record.as_deref() == Some(path.as_str())).cloned().collect());
            // On the first run, only what is newer than the SKP opened: a
            // batch answered while the page was loading (a refusal of then
            // is in the sync bar).
            let baru = awal.is_some();
            let mut ditolak = false;
            for h in hasil {
                let versi = view_state.with_untracked(|v| v.skp.version);
                // This screen's own change (or, opened on a waiting save, that one).
                let sendiri =
                    milik.with_value(|m| m.contains(&h.seq) || (m.is_empty() && di_antrean.get_untracked().is_some()));
                match (h.outcome(), ditolak) {
                    (Outcome::Saved, false) => {
                        let Some(v) =
                            crate::offline::from_json::<SkpBaca>(&h.body).filter(|v| baru || v.version > versi)
                        else {
                            continue;
                        };
                        if sendiri {
                            if h.seq >= seq_terakhir.get_untracked() {
                                di_antrean.set(None);
                            }
                            terima(Ok(v), false);
                        } else if sama.get_untracked() {
                            terima(Ok(v), true);
                        }
                    }
                    (Outcome::Refused, false) if baru => {
                        ditolak = true;
                        // Whatever this screen had waiting for the record went with it.
                        di_antrean.set(None);
                        terima(Err(h.error().unwrap_or(api::Error::Decode)), false);
                    }
                    _ => {}
                }
            }
        });
    }
    // After a change of the form: the server's field errors of the last save
    // give way to the local checks, and the form is kept on this device
    // (at most one write per 300 ms of typing) while it differs from the
    // server's.
    let menunggu = StoredValue::new(false);
    // Writes the device copy now (or removes it once the server has the same
    // form); nothing when the editor is already gone.
    let tulis_draf = move || {
        // Kept while it differs from the server's form, or from the save
        // waiting in the outbox (a change undone back to the server's form
        // while another save waits is still a change).
        let menunggu_lain = form
            .try_with_untracked(|f| {
                di_antrean.get_untracked().is_some()
                    && antre_isian.with_untracked(|a| a.as_ref().is_some_and(|a| a != f))
            })
            .unwrap_or(false);
        let Some((id, kept)) = form.try_get_untracked().and_then(|isian| {
            view_state.try_with_untracked(|v| {
                let d = if menunggu_lain {
                    Some(draf::Draf { pemilik: pemilik.clone(), version: v.versi(), isian })
                } else {
                    v.draf(&pemilik, isian)
                };
                (v.skp.id.clone(), d)
            })
        }) else {
            return;
        };
        menunggu.try_set_value(false);
        match kept {
            None => draf::hapus(&id),
            Some(d) => {
                draf::simpan(&id, &d);
            }
        }
    };
    Effect::new({
        let tulis_draf = tulis_draf.clone();
        move |sebelumnya: Option<()>| {
            form.track();
            if sebelumnya.is_none() {
                return;
            }
            if server_galat.with_untracked(|g| g.as_ref().and_then(api::Error::fields).is_some()) {
                server_galat.set(None);
            }
            if !editable.get_untracked() || menunggu.get_value() {
                return;
            }
            menunggu.set_value(true);
            set_timeout(tulis_draf.clone(), std::time::Duration::from_millis(300));
        }
    });
    // Leaving the editor within those 300 ms still keeps the last keys: to
    // another page of the app, or out of this document (another wasm build,
    // a reload, the tab closed; `pagehide` is the last event a page is sure
    // to get).
    let sisa = {
        let tulis_draf = tulis_draf.clone();
        move || {
            if menunggu.try_get_value() == Some(true) {
                tulis_draf();
            }
        }
    };
    let keluar = window_event_listener(leptos::ev::pagehide, {
        let sisa = sisa.clone();
        move |_| sisa()
    });
    on_cleanup(move || {
        keluar.remove();
        sisa();
    });
    // Saved to the server as it is typed: a pause in the typing queues the
    // form as a draft (through the outbox, where a save not sent yet gives
    // way to the next one). Not after a refusal (a conflict, say: the person
    // decides first; a field error of a submission goes as the form changes),
    // nor when the form is the server's already.
    // What this screen has not handed on yet: the form differs from the
    // save waiting in the outbox, or (none waiting) from the server's.
    let perlu_simpan = Memo::new(move |_| {
        let menunggu = di_antrean.with(Option::is_some);
        form.with(|f| if menunggu { antre_isian.with(|a| a.as_ref() != Some(f)) } else { !sama.get() })
    });
    let putaran = StoredValue::new(0u64);
    let simpan_nanti = move |jeda_ms: u64| {
        let n = putaran.get_value().wrapping_add(1);
        putaran.set_value(n);
        set_timeout(
            move || {
                // A later change started a new pause, or the editor is gone.
                if putaran.try_get_value() != Some(n) {
                    return;
                }
                // (Nor once a submission waits: a save after it would be refused.)
                let boleh = editable.try_get_untracked() == Some(true)
                    && perlu_simpan.try_get_untracked() == Some(true)
                    && server_galat.try_with_untracked(Option::is_none) == Some(true)
                    && di_antrean.try_get_untracked() != Some(Some(true));
                if boleh {
                    simpan.dispatch(false);
                }
            },
            std::time::Duration::from_millis(jeda_ms),
        );
    };
    Effect::new(move |sebelumnya: Option<()>| {
        form.track();
        // A form restored from this device goes to the outbox at once (unless
        // the outbox has it already); after that, 1.2 s after the last key.
        match sebelumnya {
            None if dipulihkan => simpan_nanti(0),
            None => {}
            Some(()) => simpan_nanti(JEDA_SIMPAN_MS),
        }
    });
    // A save answered while the form moved on (typed meanwhile, or a
    // change undone back to what the server had before): the rest goes too.
    Effect::new(move |sebelumnya: Option<bool>| {
        let menunggu = di_antrean.with(Option::is_some);
        if sebelumnya == Some(true) && !menunggu && perlu_simpan.get_untracked() {
            simpan_nanti(JEDA_SIMPAN_MS);
        }
        menunggu
    });
    let online = Signal::derive(move || sinkron.is_none_or(|s| s.online.get()));
    let keadaan = Signal::derive(move || {
        editable.get().then(|| {
            let antre_sama = form.with(|f| antre_isian.with(|a| a.as_ref() == Some(f)));
            KeadaanSimpan::dari(
                sama.get(),
                (di_antrean.with(Option::is_some), antre_sama),
                online.get(),
                server_galat.with(Option::is_some),
                disimpan_pada.get(),
            )
        })
    });
    let buang_draf = Callback::new(move |_| {
        view_state.with_untracked(|v| draf::hapus(&v.skp.id));
        reload.run(());
    });
    // Submitting: the form is checked here first (its messages shown, the
    // first field with one in view), then saved and submitted in one go;
    // a save waiting for a pause in the typing is not needed any more.
    let siap_ajukan = move || {
        coba();
        let siap = rencana.with_untracked(|r| r.as_ref().is_ok_and(|r| r.kelengkapan().is_empty()));
        if !siap {
            fokus_galat_pertama();
        }
        siap
    };
    let kirim = move |ajukan: bool| {
        if ajukan && !siap_ajukan() {
            return;
        }
        putaran.update_value(|n| *n = n.wrapping_add(1));
        simpan.dispatch(ajukan);
    };
    // What the SKP as a whole still lacks: said once the pegawai tries to save.
    let kelengkapan = Signal::derive(move || {
        if !dicoba.get() {
            return Vec::new();
        }
        rencana.with(|r| kelengkapan_rencana(r, en.get()))
    });
    // A new RHK: its first field gets the focus (the buttons stay below the list).
    let tambah = move |jenis: JenisRhk| {
        if let Some(id) = form.try_update(|f| tambah_rhk(f, jenis)) {
            fokus_nanti(format!("{id}-uraian"));
        }
    };
    let rhk_ids = Memo::new(move |_| form.with(|f| f.rhk.iter().map(|r| r.id.clone()).collect::<Vec<_>>()));
    view! {
        {kepala_skp(view_state, tahun, pulih, editable, atasan_kosong, buang_draf, keadaan)}
        // A plan that takes no more changes reads as the SKP document.
        // Once submitted, the plan reads as the SKP document (a page of the home build).
        <Show when=move || editable.get() fallback=move || view! {
            <p class="kartu"><Tautan ke=Halaman::Dokumen(view_state.with_untracked(|v| v.skp.id.clone())) attr:class="tombol" attr:data-testid="lihat-dokumen">
                {teks(i18n, |l| td_string!(l, pegawai.lihat_dokumen))}
            </Tautan></p>
        }>
        <div class="tata-editor">
            <div class="kolom-form">
                <h2>{teks(i18n, |l| td_string!(l, pegawai.rhk))}</h2>
                <For each={move || rhk_ids.get()} key={|id: &String| id.clone()}
                    children={move |id: String| {
                        let id2 = id.clone();
                        let nomor = Signal::derive(move || rhk_ids.with(|ids| ids.iter().position(|x| *x == id2).unwrap_or(0)));
                        view! { <RhkForm ed=ed id=id nomor=nomor /> }
                    }} />
                <Show when=move || editable.get()>
                    <div class="aksi">
                        <button type="button" class="tombol-kedua" data-testid="tambah-rhk-utama" on:click=move |_| tambah(JenisRhk::Utama)>
                            {teks(i18n, |l| td_string!(l, pegawai.tambah_rhk_utama))}
                        </button>
                        <button type="button" class="tombol-kedua" data-testid="tambah-rhk-tambahan" on:click=move |_| tambah(JenisRhk::Tambahan)>
                            {teks(i18n, |l| td_string!(l, pegawai.tambah_rhk_tambahan))}
                        </button>
                    </div>
                </Show>
                <FieldErrorList id="kelengkapan" pesan=kelengkapan />
                <Lampiran ed=ed />
            </div>
            <aside class="kolom-pratinjau kartu" aria-labelledby="judul-pratinjau">
                <h2 id="judul-pratinjau">{teks(i18n, |l| td_string!(l, pegawai.pratinjau))}</h2>
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, pegawai.pratinjau_penjelasan))}</p>
                <Show when=move || rule_set == RuleSet::Permenpanrb6_2022>
                    <div class="baris">
                        <label for="rating-perilaku-pratinjau">{teks(i18n, |l| td_string!(l, pegawai.pilih_rating_perilaku))}</label>
                        <select id="rating-perilaku-pratinjau" data-testid="rating-perilaku-pratinjau" bind:value=rating_perilaku>
                            <OpsiRating />
                        </select>
                    </div>
                </Show>
                <PreviewSummary preview=preview siap=ed.preview_ready
                    jelaskan=Callback::new(move |_| masukan.with(|m| form.with(|f| jelaskan(f, m, &Sasaran::Skp)))) />
            </aside>
        </div>
        <DaftarBidangSalah testid="ringkasan-galat"
            daftar=Signal::derive(move || if dicoba.get() { salah.get() } else { Vec::new() }) />
        </Show>
        {aksi_simpan(view_state, server_galat, editable, simpan.pending(), (siap_ajukan, kirim), (di_antrean, seq_terakhir), buang_draf)}
    }
}
