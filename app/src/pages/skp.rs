use std::collections::BTreeMap;

use leptos::prelude::*;

use domain::api::{Akses, PeriodeView, RhkAtasan, SkpBaca};
use domain::rule_set::JenisRhk;
use domain::skp::AksiSkp;
use domain::{FieldErrors, RatingEkspektasi, RuleSet};

use crate::api;
use crate::api::skp::Langkah;
use crate::components::field_errors::FieldErrorList;
use crate::components::kuadran::OpsiRating;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::components::pratinjau::RingkasanPratinjau;
use crate::components::rhk_form::RhkForm;
use crate::components::status::StatusSkp;
use crate::fokus::{fokus_galat_pertama, fokus_nanti};
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::state::auth::use_auth;
use crate::state::draf;
use crate::state::editor::{
    Pratinjau, PratinjauMasukan, Sasaran, galat, galat_per_id, galat_server, hasil_per_indikator,
    hitung_pratinjau_rencana, jelaskan, ketik_realisasi, periksa_realisasi, tambah_rhk,
};
use crate::state::form::{Editor, Sebaran, ikuti};
use crate::teks::teks;

/// `/skp/:id`: the pegawai's SKP editor with instant previews.
#[component]
pub fn HalamanSkp(id: String) -> impl IntoView {
    view! {
        <PerluMasuk>
            <Muat id=id.clone() />
        </PerluMasuk>
    }
}

#[component]
fn Muat(id: String) -> impl IntoView {
    let client = api::use_client();
    let data = LocalResource::new(move || {
        let id = id.clone();
        async move {
            // At once: one wait instead of three on a slow connection.
            let (skp, periode, atasan) =
                futures::join!(client.read_skp(&id), client.list_periode(), client.read_rhk_atasan(&id));
            Ok::<_, api::Error>((skp?, periode?, atasan.ok()))
        }
    });
    move || match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok((skp, periode, atasan))) => {
            let p = periode.into_iter().find(|p| p.id == skp.periode_id);
            view! { <EditorSkp awal=skp periode=p atasan=atasan reload=Callback::new(move |_| data.refetch()) /> }
                .into_any()
        }
    }
}

/// Whether the reader may change the plan: their own SKP, in a status that
/// takes changes.
fn bisa_diubah(v: &SkpBaca) -> bool {
    v.akses == Akses::Pegawai && matches!(v.status.as_str(), "draf" | "dikembalikan" | "revisi")
}

/// The last notes of a return by the pejabat penilai.
fn catatan_terakhir(v: &SkpBaca) -> Option<String> {
    v.skp.riwayat().iter().rev().find(|r| r.aksi == AksiSkp::ReturnWithNotes).and_then(|r| r.catatan.clone())
}

#[component]
fn EditorSkp(
    awal: SkpBaca,
    periode: Option<PeriodeView>,
    atasan: Option<RhkAtasan>,
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
    let view_state = RwSignal::new(awal.clone());
    // What this person typed here and the server does not have yet (a
    // reload or a lost connection): restored, and said so.
    let pemilik = auth.pegawai_id();
    let dipulihkan =
        if bisa_diubah(&awal) { draf::ambil(&awal.id).and_then(|d| d.pulihkan(&pemilik, &awal.isian)) } else { None };
    let pulih = RwSignal::new(dipulihkan.is_some());
    let di_perangkat = RwSignal::new(dipulihkan.is_some());
    // Typed on an older version than the server's now: saved on that version,
    // so the server answers with a conflict instead of the save silently
    // overwriting what changed meanwhile (the pegawai then decides).
    let versi_dasar = StoredValue::new(dipulihkan.as_ref().map(|d| d.version).filter(|v| *v != awal.version));
    let form = RwSignal::new(dipulihkan.map(|d| d.isian).unwrap_or_else(|| awal.isian.clone()));
    let realisasi = RwSignal::new(BTreeMap::<String, String>::new());
    let rating_perilaku = RwSignal::new(RatingEkspektasi::SesuaiEkspektasi.kode().to_owned());
    // The plan is validated once per change of the form; the field errors, the
    // completeness list and every keystroke's preview read this one result.
    let rencana = Memo::new(move |_| form.with(|f| f.validate(jenis_jabatan)));
    let errors = Memo::new(move |_| rencana.with(|r| r.as_ref().err().cloned().unwrap_or_default()));
    let masukan = Memo::new(move |_| PratinjauMasukan {
        rule_set,
        jenis_jabatan,
        realisasi: realisasi.get(),
        rating_perilaku: RatingEkspektasi::from_kode(&rating_perilaku.get()),
        jenjang,
    });
    // The whole preview, recomputed when the plan or the perilaku rating
    // changes; a realisation typed updates it in place (`ketik`), so a
    // keystroke costs the same on a 50-RHK SKP as on a short one.
    let hitung = move || masukan.with_untracked(|m| rencana.with_untracked(|r| hitung_pratinjau_rencana(r, m)));
    let pratinjau = RwSignal::new(hitung());
    let hasil = Sebaran::new(pratinjau.with_untracked(hasil_per_indikator));
    Effect::new(move |sudah: Option<()>| {
        rencana.track();
        rating_perilaku.track();
        // The first run only subscribes: the preview was computed above.
        if sudah.is_some() {
            let p = hitung();
            hasil.ganti_semua(hasil_per_indikator(&p));
            if pratinjau.with_untracked(|lama| *lama != p) {
                pratinjau.set(p);
            }
        }
    });
    let ketik = Callback::new(move |(id, nilai): (String, String)| {
        // Checked once: the preview takes the realisation, the field its messages.
        let periksa = periksa_realisasi(&id, &nilai);
        let baru = periksa.as_ref().ok().and_then(Option::as_ref);
        let aturan = (RatingEkspektasi::from_kode(&rating_perilaku.get_untracked()), jenjang);
        let h = pratinjau.try_update(|p| rencana.with_untracked(|r| ketik_realisasi(p, r, aturan, &id, baru)));
        hasil.ganti(&id, h.flatten());
        realisasi.update(|m| {
            m.insert(id, nilai);
        });
        periksa.err().unwrap_or_default()
    });
    // The server's field errors of the last save show under their fields
    // too, until the form changes (then the local checks speak again).
    let server_galat = RwSignal::new(None::<api::Error>);
    let galat_field = Sebaran::ikuti(move || {
        errors.with(|e| {
            form.with(|f| {
                server_galat.with(|g| match g.as_ref().and_then(api::Error::fields) {
                    None => galat_per_id(f, e),
                    Some(dari_server) => galat_per_id(f, e.clone().merge("", galat_server(dari_server))),
                })
            })
        })
    });
    let editable = Signal::derive(move || view_state.with(bisa_diubah));
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
        masukan,
        pratinjau,
        ketik,
        pratinjau_siap: ikuti(move || pratinjau.with(|p| matches!(p, Pratinjau::Siap(_)))),
        hasil,
        galat: galat_field,
        editable,
        dicoba,
        jpt: jenis_jabatan == domain::JenisJabatan::Jpt,
        rhk_atasan: Signal::derive(move || atasan.as_ref().filter(|a| a.tersedia).map(|a| a.rhk.clone())),
    };
    let atasan_kosong = ed.rhk_atasan.with_untracked(Option::is_none);
    let client = api::use_client();
    let simpan = Action::new_local(move |ajukan: &bool| {
        let ajukan = *ajukan;
        let (id, version) = view_state.with_untracked(|v| (v.id.clone(), versi_dasar.get_value().unwrap_or(v.version)));
        let rencana = form.get_untracked();
        async move {
            let saved = client.save_skp(&id, version, rencana).await?;
            if ajukan {
                client.transition_skp(&id, Langkah::Submit, saved.version, String::new()).await
            } else {
                Ok(saved)
            }
        }
    });
    Effect::new(move |_| match simpan.value().get() {
        Some(Ok(v)) => {
            server_galat.set(None);
            versi_dasar.set_value(None);
            pulih.set(false);
            if form.with_untracked(|f| *f == v.isian) {
                draf::hapus(&v.id);
                di_perangkat.set(false);
            }
            view_state.set(v);
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => {
            // Refused for its fields: the first one with a message is
            // brought into view and focus once the messages are shown.
            if e.fields().is_some() {
                fokus_galat_pertama();
            }
            server_galat.set(Some(e));
        }
        None => {}
    });
    // After a change of the form: the server's field errors of the last save
    // give way to the local checks, and the form is kept on this device
    // (at most one write per 300 ms of typing) while it differs from the
    // server's.
    let menunggu = StoredValue::new(false);
    // Writes the device copy now (or removes it once the server has the same
    // form); nothing when the editor is already gone.
    let tulis_draf = move || {
        let (Some(isian), Some((id, version, sama))) = (
            form.try_get_untracked(),
            view_state.try_with_untracked(|v| {
                (v.id.clone(), versi_dasar.try_get_value().flatten().unwrap_or(v.version), v.isian.clone())
            }),
        ) else {
            return;
        };
        menunggu.try_set_value(false);
        if isian == sama {
            draf::hapus(&id);
            di_perangkat.try_set(false);
        } else {
            let disimpan = draf::simpan(&id, &draf::Draf { pemilik: pemilik.clone(), version, isian });
            di_perangkat.try_set(disimpan);
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
    // Leaving the editor within those 300 ms still keeps the last keys.
    on_cleanup(move || {
        if menunggu.try_get_value() == Some(true) {
            tulis_draf();
        }
    });
    let buang_draf = move |_| {
        view_state.with_untracked(|v| draf::hapus(&v.id));
        reload.run(());
    };
    // Server field errors with no message slot under a field here (an RHK's
    // or indicator's fields have one): listed, in the user's language.
    let server_fields = Signal::derive(move || {
        const DI_BAWAH_BIDANG: [&str; 6] = ["uraian", "target", "target_maks", "satuan", "perspektif", "rhk_atasan_id"];
        let di_bawah = |path: &str| {
            path.starts_with("rhk[") && path.rsplit_once('.').is_some_and(|(_, f)| DI_BAWAH_BIDANG.contains(&f))
        };
        server_galat.with(|e| {
            e.as_ref()
                .and_then(api::Error::fields)
                .map(|f| {
                    f.iter()
                        .filter(|(path, _)| !di_bawah(path))
                        .flat_map(|(_, m)| m.iter().map(|m| api::satu_bahasa(m, en.get())))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // What the SKP as a whole still lacks: said once the pegawai tries to save.
    let kelengkapan = Signal::derive(move || {
        if !dicoba.get() {
            return Vec::new();
        }
        let lokal: FieldErrors = rencana.with(|r| r.as_ref().map(|r| r.kelengkapan()).unwrap_or_default());
        galat(&lokal, "rhk", en.get())
    });
    // A new RHK: its first field gets the focus (the buttons stay below the list).
    let tambah = move |jenis: JenisRhk| {
        if let Some(id) = form.try_update(|f| tambah_rhk(f, jenis)) {
            fokus_nanti(format!("{id}-uraian"));
        }
    };
    let rhk_ids = Memo::new(move |_| form.with(|f| f.rhk.iter().map(|r| r.id.clone()).collect::<Vec<_>>()));
    let catatan = move || view_state.with(catatan_terakhir);
    view! {
        <section class="kartu" data-testid="editor-skp">
            <header class="kepala-skp">
                <h1>{move || t!(i18n, pegawai.judul_editor, tahun = move || tahun)}</h1>
                <StatusSkp kode=Signal::derive(move || view_state.with(|v| v.status.clone())) />
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, pegawai.milik))} ": " {awal.pegawai.nama.clone()} " · " {teks(i18n, |l| td_string!(l, umum.nip))} " " {awal.pegawai.nip.clone()}</p>
            </header>
            {move || catatan().filter(|_| view_state.with(|v| v.status == "dikembalikan")).map(|c| view! {
                <div class="catatan" role="note" data-testid="catatan-penilai">
                    <strong>{teks(i18n, |l| td_string!(l, pegawai.catatan_penilai))} ": "</strong> {c}
                </div>
            })}
            <Show when=move || pulih.get()>
                <div class="catatan" role="status" data-testid="draf-dipulihkan">
                    {teks(i18n, |l| td_string!(l, pegawai.draf_dipulihkan))} " "
                    <button type="button" class="tombol-teks" data-testid="buang-draf" on:click=buang_draf>{teks(i18n, |l| td_string!(l, pegawai.buang_draf))}</button>
                </div>
            </Show>
            <Show when=move || !editable.get()>
                <p class="petunjuk" data-testid="tidak-bisa-diubah">{teks(i18n, |l| td_string!(l, pegawai.tidak_bisa_diubah))}</p>
            </Show>
            <Show when=move || atasan_kosong && editable.get()>
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, pegawai.atasan_belum_ada_skp))}</p>
            </Show>
        </section>
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
                <RingkasanPratinjau pratinjau=pratinjau siap=ed.pratinjau_siap
                    jelaskan=Callback::new(move |_| masukan.with(|m| form.with(|f| jelaskan(f, m, &Sasaran::Skp)))) />
            </aside>
        </div>
        <section class="kartu aksi-bawah">
            <p class="galat" role="alert" data-testid="galat-server">
                {move || server_galat.get().map(|e| match e {
                    api::Error::Api { status: 409, ref body } if body.code == "stale_version" => view! {
                        {teks(i18n, |l| td_string!(l, pegawai.konflik_versi))} " "
                        <button type="button" class="tombol-teks" on:click=buang_draf>{teks(i18n, |l| td_string!(l, pegawai.muat_terbaru))}</button>
                    }.into_any(),
                    other => other.untuk_pengguna(i18n.get_locale()).into_any(),
                })}
            </p>
            <ul class="galat-field">
                {move || server_fields.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <Show when=move || editable.get()>
                <div class="aksi">
                    <button type="button" class="tombol-kedua" data-testid="simpan-draf" disabled=move || simpan.pending().get() on:click=move |_| { coba(); simpan.dispatch(false); }>
                        {move || if simpan.pending().get() { teks(i18n, |l| td_string!(l, pegawai.menyimpan)).into_any() } else { teks(i18n, |l| td_string!(l, pegawai.simpan_draf)).into_any() }}
                    </button>
                    <button type="button" data-testid="ajukan" disabled=move || simpan.pending().get() on:click=move |_| { coba(); simpan.dispatch(true); }>
                        {move || if view_state.with(|v| v.status == "dikembalikan") { teks(i18n, |l| td_string!(l, pegawai.ajukan_ulang)).into_any() } else { teks(i18n, |l| td_string!(l, pegawai.ajukan)).into_any() }}
                    </button>
                </div>
            </Show>
            // Where the buttons were: what happens to a submitted SKP now.
            <Show when=move || view_state.with(|v| v.status == "diajukan")>
                <p class="berhasil" role="status" data-testid="sudah-diajukan">{teks(i18n, |l| td_string!(l, pegawai.sudah_diajukan))}</p>
            </Show>
            <p class="tersimpan" data-testid="tersimpan" aria-live="polite">
                {move || { let v = view_state.with(|v| v.version); t!(i18n, pegawai.tersimpan, versi = move || v) }}
            </p>
            <Show when=move || di_perangkat.get()>
                <p class="petunjuk" data-testid="draf-lokal">{teks(i18n, |l| td_string!(l, pegawai.draf_lokal))}</p>
            </Show>
        </section>
    }
}

/// The Lampiran SKP: three lists, one item per line, each with its
/// messages (too many rows, a row too long) under it as it is typed. A
/// list owns what is typed in it (read once, like the RHK fields): blank
/// lines stay on the screen and out of the form.
#[component]
fn Lampiran(ed: Editor) -> impl IntoView {
    let i18n = use_i18n();
    type Bagian = fn(&mut domain::skp::LampiranSkp) -> &mut Vec<String>;
    let daftar = move |get: Bagian, id: &'static str, field: &'static str, label: fn(Locale) -> &'static str| {
        let awal = ed.form.with_untracked(|f| get(&mut f.lampiran.clone()).join("\n"));
        let ubah = move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            ed.form.update(|f| {
                *get(&mut f.lampiran) = v.lines().map(str::to_owned).filter(|l| !l.trim().is_empty()).collect()
            });
        };
        let galat = ed.galat.untuk(&format!("lampiran.{field}"));
        let pesan = Signal::derive(move || {
            let l = i18n.get_locale().kode();
            galat.with(|g| g.iter().flatten().map(|t| t.dalam(l).to_owned()).collect())
        });
        let galat_id = format!("{id}-galat");
        view! {
            <div class="baris">
                <label for=id>{teks(i18n, label)}</label>
                <textarea id=id data-testid=id rows="3" prop:value=awal on:input=ubah aria-describedby=galat_id.clone()></textarea>
                <FieldErrorList id=galat_id pesan=pesan />
            </div>
        }
    };
    view! {
        <fieldset class="kartu lampiran" disabled=move || !ed.editable.get()>
            <legend>{teks(i18n, |l| td_string!(l, pegawai.lampiran))}</legend>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, pegawai.satu_per_baris))}</p>
            {daftar(|l| &mut l.dukungan_sumber_daya, "lampiran-sumber-daya", "dukungan_sumber_daya", |l| td_string!(l, pegawai.dukungan_sumber_daya))}
            {daftar(|l| &mut l.skema_pertanggungjawaban, "lampiran-skema", "skema_pertanggungjawaban", |l| td_string!(l, pegawai.skema_pertanggungjawaban))}
            {daftar(|l| &mut l.konsekuensi, "lampiran-konsekuensi", "konsekuensi", |l| td_string!(l, pegawai.konsekuensi))}
        </fieldset>
    }
}
