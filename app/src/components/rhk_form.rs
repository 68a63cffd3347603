use leptos::prelude::*;

use domain::rule_set::JenisRhk;
use domain::skp::{AspekIndikator, Polaritas};

use crate::components::field_errors::FieldErrorList;
use crate::components::preview::IndikatorPreviewBox;
use crate::fokus::{fokus_nanti, yakin};
use crate::i18n::{Locale, t, t_string, td_string, use_i18n};
use crate::state::editor::{
    Sasaran, galat_realisasi, hapus_indikator, hapus_rhk, indikator_berisi, jelaskan, kunci_galat, periksa_realisasi,
    realisasi_janggal, rhk_berisi, tambah_indikator,
};
use crate::state::form::Editor;
use crate::teks::teks;

/// An RHK's kind as people read it, in a language.
pub fn label_jenis_rhk(l: Locale, jenis: JenisRhk) -> &'static str {
    match jenis {
        JenisRhk::Utama => td_string!(l, pegawai.rhk_utama),
        JenisRhk::Tambahan => td_string!(l, pegawai.rhk_tambahan),
    }
}

/// An indicator's aspect, in a language.
pub fn label_aspek(l: Locale, aspek: AspekIndikator) -> &'static str {
    match aspek {
        AspekIndikator::Kuantitas => td_string!(l, pegawai.aspek_kuantitas),
        AspekIndikator::Kualitas => td_string!(l, pegawai.aspek_kualitas),
        AspekIndikator::Waktu => td_string!(l, pegawai.aspek_waktu),
        AspekIndikator::Biaya => td_string!(l, pegawai.aspek_biaya),
    }
}

/// A JPT RHK's perspective, in a language.
pub fn label_perspektif(l: Locale, p: domain::skp::Perspektif) -> &'static str {
    use domain::skp::Perspektif as P;
    match p {
        P::PenerimaLayanan => td_string!(l, pegawai.perspektif_penerima_layanan),
        P::ProsesBisnis => td_string!(l, pegawai.perspektif_proses_bisnis),
        P::PenguatanInternal => td_string!(l, pegawai.perspektif_penguatan_internal),
        P::Anggaran => td_string!(l, pegawai.perspektif_anggaran),
    }
}

/// An indicator's direction (which way is better), in a language.
pub fn label_polaritas(l: Locale, polaritas: Polaritas) -> &'static str {
    match polaritas {
        Polaritas::Normal => td_string!(l, pegawai.polaritas_normal),
        Polaritas::Khusus => td_string!(l, pegawai.polaritas_khusus),
    }
}

/// Messages in the user's language.
fn dalam_bahasa(pesan: &[domain::Teks], en: bool) -> Vec<String> {
    pesan.iter().map(|t| crate::api::satu_bahasa(t, en)).collect()
}

/// Whether a field was typed in or left: its messages show from then on,
/// or once the pegawai tried to save (a new RHK does not open all red).
#[derive(Clone, Copy)]
struct Disentuh(RwSignal<bool>);

/// How long after a press on a button a field it left is marked: longer
/// than a tap lasts.
const SETELAH_TEKAN_MS: u64 = 300;

impl Disentuh {
    fn baru() -> Self {
        Disentuh(RwSignal::new(false))
    }

    /// A handler for the field's container (`input` and `change` bubble to it).
    fn tandai<E>(self) -> impl Fn(E) + Copy + 'static {
        move |_| {
            if !self.0.get_untracked() {
                self.0.set(true);
            }
        }
    }

    /// The container's `focusout` handler. When the focus leaves for a
    /// button (the pegawai pressed Ajukan, say), the field is marked only
    /// after the press: its message appearing at once could move the button
    /// from under the finger before the press ends, and the press would be
    /// lost. (The field may be gone by then: nothing to mark.)
    fn tandai_keluar(self) -> impl Fn(web_sys::FocusEvent) + Copy + 'static {
        move |ev| {
            let ke_tombol = ev
                .related_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|e| e.tag_name() == "BUTTON");
            if !ke_tombol {
                return self.tandai()(());
            }
            let nanti = move || {
                if self.0.try_get_untracked() == Some(false) {
                    self.0.try_set(true);
                }
            };
            set_timeout(nanti, std::time::Duration::from_millis(SETELAH_TEKAN_MS));
        }
    }
}

/// The messages for one field of an RHK or of one of its indicators, in
/// the user's language, once it was touched; set only when that field's
/// messages change.
fn pesan(ed: Editor, rhk: &str, iki: Option<&str>, field: &str, en: Signal<bool>, d: Disentuh) -> Signal<Vec<String>> {
    let s = ed.galat.untuk(&kunci_galat(rhk, iki, field));
    Signal::derive(move || {
        if !d.0.get() && !ed.dicoba.get() {
            return Vec::new();
        }
        let en = en.get();
        s.with(|m| m.as_deref().map(|m| dalam_bahasa(m, en)).unwrap_or_default())
    })
}

/// One RHK with its indicators, each with a realisation field and its preview.
/// The fields own what is typed in them: their values are read once, so a
/// keystroke in one field re-runs nothing in the others.
#[component]
pub fn RhkForm(ed: Editor, id: String, nomor: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let en = Signal::derive(move || i18n.get_locale() == Locale::en);
    let rid = id.clone();
    let uraian_id = format!("{id}-uraian");
    let jenis_id = format!("{id}-jenis");
    let atasan_id = format!("{id}-atasan");
    let r1 = id.clone();
    let r2 = id.clone();
    let r3 = id.clone();
    let r4 = id.clone();
    let r5 = id.clone();
    let r6 = id.clone();
    let r7 = id.clone();
    let persp_id = id.clone();
    let (d_uraian, d_atasan) = (Disentuh::baru(), Disentuh::baru());
    let iki_ids = Memo::new(move |_| {
        ed.rhk(&r7, |r| r.indikator.iter().map(|i| i.id.clone()).collect::<Vec<_>>()).unwrap_or_default()
    });
    view! {
        // The card is a div; the fieldset in it (its name, every field
        // disabled at once) draws no box: see `.isi-rhk` in style.css.
        <div class="rhk kartu" data-testid="rhk">
            <fieldset class="isi-rhk" disabled=move || !ed.editable.get()>
                <legend>{move || { let n = nomor.get() + 1; t!(i18n, pegawai.rhk_ke, n = move || n) }}</legend>
                {let r = id.clone(); move || ed.komentar_penilai.with(|k| k.get(&r).cloned()).map(|k| view! {
                    <p class="catatan" role="note" data-testid="komentar-penilai-rhk">
                        <strong>{teks(i18n, |l| td_string!(l, pegawai.komentar_penilai))} " "</strong>{k}
                    </p>
                })}
                <div class="baris" on:input=d_uraian.tandai() on:focusout=d_uraian.tandai_keluar()>
                    <label for=uraian_id.clone()>{teks(i18n, |l| td_string!(l, pegawai.uraian_rhk))}</label>
                    <textarea id=uraian_id.clone() data-testid="rhk-uraian" rows="2"
                        prop:value=ed.rhk_awal(&r1, |r| r.uraian.clone()).unwrap_or_default()
                        on:input=move |ev| { let v = event_target_value(&ev); ed.update_rhk(&r2, |r| r.uraian = v); }
                    ></textarea>
                    <FieldErrorList id=format!("{id}-uraian-galat") pesan=pesan(ed, &id, None, "uraian", en, d_uraian) />
                </div>
                <div class="baris dua">
                    <div>
                        <label for=jenis_id.clone()>{teks(i18n, |l| td_string!(l, pegawai.jenis_rhk))}</label>
                        <select id=jenis_id.clone() data-testid="rhk-jenis"
                            on:change=move |ev| { let v = event_target_value(&ev); ed.update_rhk(&r3, |r| r.jenis = if v == "tambahan" { JenisRhk::Tambahan } else { JenisRhk::Utama }); }>
                            <option value="utama" selected=ed.rhk_awal(&r4, |r| r.jenis == JenisRhk::Utama).unwrap_or(true)>{teks(i18n, |l| label_jenis_rhk(l, JenisRhk::Utama))}</option>
                            <option value="tambahan" selected=ed.rhk_awal(&r4, |r| r.jenis == JenisRhk::Tambahan).unwrap_or(false)>{teks(i18n, |l| label_jenis_rhk(l, JenisRhk::Tambahan))}</option>
                        </select>
                    </div>
                    <div on:change=d_atasan.tandai() on:focusout=d_atasan.tandai_keluar()>
                        <label for=atasan_id.clone()>{teks(i18n, |l| td_string!(l, pegawai.rhk_atasan))}</label>
                        <select id=atasan_id.clone() data-testid="rhk-atasan"
                            on:change=move |ev| { let v = event_target_value(&ev); ed.update_rhk(&r5, |r| r.rhk_atasan_id = v); }>
                            <option value="">{teks(i18n, |l| td_string!(l, pegawai.tautkan_nanti))}</option>
                            {move || ed.rhk_atasan.get().unwrap_or_default().into_iter().map(|a| {
                                let dipilih = ed.rhk_awal(&r6, |r| r.rhk_atasan_id == a.id).unwrap_or(false);
                                view! { <option value=a.id.clone() selected=dipilih>{a.uraian.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <FieldErrorList id=format!("{id}-atasan-galat") pesan=pesan(ed, &id, None, "rhk_atasan_id", en, d_atasan) />
                    </div>
                </div>
                // The position does not change while the SKP is open: no subscription per keystroke.
                {ed.jpt.then(|| view! { <Perspektif ed=ed id=persp_id.clone() /> })}
                <h3 class="sub-judul">{teks(i18n, |l| td_string!(l, pegawai.indikator))}</h3>
                <For each=move || iki_ids.get() key=|k| k.clone() children=move |iki| view! { <IkiForm ed=ed rhk=rid.clone() id=iki /> } />
                <div class="aksi">
                    <button type="button" class="tombol-kedua" data-testid="tambah-iki" on:click={ let id = id.clone(); move |_| {
                        if let Some(Some(iki)) = ed.form.try_update(|f| tambah_indikator(f, &id)) {
                            fokus_nanti(format!("{iki}-uraian"));
                        }
                    } }>
                        {teks(i18n, |l| td_string!(l, pegawai.tambah_indikator))}
                    </button>
                    <button type="button" class="tombol-bahaya" data-testid="hapus-rhk" on:click={ let id = id.clone(); move |_| {
                        let berisi = ed.form.with_untracked(|f| rhk_berisi(f, &id));
                        if !berisi || yakin(t_string!(i18n, pegawai.yakin_hapus_rhk)) {
                            ed.form.update(|f| hapus_rhk(f, &id));
                        }
                    } }>
                        {teks(i18n, |l| td_string!(l, pegawai.hapus_rhk))}
                    </button>
                </div>
            </fieldset>
        </div>
    }
}

#[component]
fn IkiForm(ed: Editor, rhk: String, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let en = Signal::derive(move || i18n.get_locale() == Locale::en);
    let f = |name: &str| format!("{id}-{name}");
    // Read once (see RhkForm).
    let awal = |g: fn(&domain::skp::IndikatorInput) -> String| ed.iki_awal(&rhk, &id, g).unwrap_or_default();
    let set = {
        let (rhk, id) = (rhk.clone(), id.clone());
        move |s: fn(&mut domain::skp::IndikatorInput, String)| {
            let (rhk, id) = (rhk.clone(), id.clone());
            move |ev: leptos::ev::Event| {
                let v = event_target_value(&ev);
                ed.update_iki(&rhk, &id, |i| s(i, v));
            }
        }
    };
    // Uraian, target, target maks, satuan.
    let d: [Disentuh; 4] = std::array::from_fn(|_| Disentuh::baru());
    let real_id = id.clone();
    let real_id2 = id.clone();
    // Why the typed realisation is left out of the preview; set by its own
    // field only, and only when it changes.
    let galat_real = RwSignal::new(
        ed.realisasi.with_untracked(|m| m.get(&real_id).map(|v| galat_realisasi(&real_id, v)).unwrap_or_default()),
    );
    let pesan_real = Signal::derive(move || {
        let en = en.get();
        galat_real.with(|m| dalam_bahasa(m, en))
    });
    // A number far outside the unit or target (900 for 90%): said, not
    // refused; set as it is typed, and again when the plan changes (a target
    // or unit corrected) or the field is built with a number in it.
    let janggal = RwSignal::new(None::<domain::Teks>);
    let janggal_id = id.clone();
    Effect::new(move |_| {
        let w = ed.rencana.with(|r| {
            ed.realisasi.with_untracked(|m| {
                let nilai = m.get(&janggal_id)?;
                let baru = periksa_realisasi(&janggal_id, nilai).ok().flatten();
                realisasi_janggal(r, &janggal_id, baru.as_ref())
            })
        });
        if janggal.with_untracked(|lama| *lama != w) {
            janggal.set(w);
        }
    });
    let jelas_id = id.clone();
    // Set only when this indicator's result changes.
    let hasil = ed.hasil.untuk(&id);
    let (aspek, polaritas) = ed.iki_awal(&rhk, &id, |i| (i.aspek, i.polaritas)).unwrap_or_default();
    let aspek_sel = move |a: AspekIndikator| aspek == a;
    let pol_sel = move |p: Polaritas| polaritas == p;
    // The target's labels follow the direction: when smaller is better, the
    // target is a ceiling.
    let arah = RwSignal::new(polaritas);
    let set_arah = set(|i, v| i.polaritas = if v == "khusus" { Polaritas::Khusus } else { Polaritas::Normal });
    view! {
        <div class="iki" data-testid="iki">
            <div class="baris" on:input=d[0].tandai() on:focusout=d[0].tandai_keluar()>
                <label for=f("uraian")>{teks(i18n, |l| td_string!(l, pegawai.uraian_indikator))}</label>
                <input id=f("uraian") data-testid="iki-uraian" prop:value=awal(|i| i.uraian.clone()) on:input=set(|i, v| i.uraian = v) />
                <FieldErrorList id=f("uraian-galat") pesan=pesan(ed, &rhk, Some(&id), "uraian", en, d[0]) />
            </div>
            <div class="baris empat">
                <div>
                    <label for=f("aspek")>{teks(i18n, |l| td_string!(l, pegawai.aspek))}</label>
                    <select id=f("aspek") on:change=set(|i, v| i.aspek = match v.as_str() {
                        "kualitas" => AspekIndikator::Kualitas, "waktu" => AspekIndikator::Waktu, "biaya" => AspekIndikator::Biaya, _ => AspekIndikator::Kuantitas })>
                        <option value="kuantitas" selected=aspek_sel(AspekIndikator::Kuantitas)>{teks(i18n, |l| label_aspek(l, AspekIndikator::Kuantitas))}</option>
                        <option value="kualitas" selected=aspek_sel(AspekIndikator::Kualitas)>{teks(i18n, |l| label_aspek(l, AspekIndikator::Kualitas))}</option>
                        <option value="waktu" selected=aspek_sel(AspekIndikator::Waktu)>{teks(i18n, |l| label_aspek(l, AspekIndikator::Waktu))}</option>
                        <option value="biaya" selected=aspek_sel(AspekIndikator::Biaya)>{teks(i18n, |l| label_aspek(l, AspekIndikator::Biaya))}</option>
                    </select>
                </div>
                <div on:input=d[1].tandai() on:focusout=d[1].tandai_keluar()>
                    <label for=f("target") data-testid="label-target">{move || {
                        let l = i18n.get_locale();
                        match arah.get() { Polaritas::Normal => td_string!(l, pegawai.target), Polaritas::Khusus => td_string!(l, pegawai.target_khusus) }
                    }}</label>
                    <input id=f("target") data-testid="iki-target" inputmode="decimal" prop:value=awal(|i| i.target.clone()) on:input=set(|i, v| i.target = v) />
                    <FieldErrorList id=f("target-galat") pesan=pesan(ed, &rhk, Some(&id), "target", en, d[1]) />
                </div>
                <div on:input=d[2].tandai() on:focusout=d[2].tandai_keluar()>
                    <label for=f("target-maks") data-testid="label-target-maks">{move || {
                        let l = i18n.get_locale();
                        match arah.get() { Polaritas::Normal => td_string!(l, pegawai.target_maks), Polaritas::Khusus => td_string!(l, pegawai.target_maks_khusus) }
                    }}</label>
                    <input id=f("target-maks") data-testid="iki-target-maks" inputmode="decimal" prop:value=awal(|i| i.target_maks.clone()) on:input=set(|i, v| i.target_maks = v) />
                    <FieldErrorList id=f("target-maks-galat") pesan=pesan(ed, &rhk, Some(&id), "target_maks", en, d[2]) />
                </div>
                <div on:input=d[3].tandai() on:focusout=d[3].tandai_keluar()>
                    <label for=f("satuan")>{teks(i18n, |l| td_string!(l, pegawai.satuan))}</label>
                    <input id=f("satuan") data-testid="iki-satuan" prop:value=awal(|i| i.satuan.clone()) on:input=set(|i, v| i.satuan = v) />
                    <FieldErrorList id=f("satuan-galat") pesan=pesan(ed, &rhk, Some(&id), "satuan", en, d[3]) />
                </div>
            </div>
            <div class="baris dua">
                <div>
                    <label for=f("polaritas")>{teks(i18n, |l| td_string!(l, pegawai.polaritas))}</label>
                    <select id=f("polaritas") data-testid="iki-polaritas" on:change=move |ev| {
                        arah.set(if event_target_value(&ev) == "khusus" { Polaritas::Khusus } else { Polaritas::Normal });
                        set_arah(ev);
                    }>
                        <option value="normal" selected=pol_sel(Polaritas::Normal)>{teks(i18n, |l| label_polaritas(l, Polaritas::Normal))}</option>
                        <option value="khusus" selected=pol_sel(Polaritas::Khusus)>{teks(i18n, |l| label_polaritas(l, Polaritas::Khusus))}</option>
                    </select>
                </div>
                <div class="realisasi">
                    <label for=f("realisasi")>{teks(i18n, |l| td_string!(l, pegawai.realisasi))}</label>
                    <input id=f("realisasi") data-testid="iki-realisasi" inputmode="decimal"
                        prop:value=ed.realisasi.with_untracked(|m| m.get(&real_id).cloned().unwrap_or_default())
                        on:input=move |ev| {
                            let (g, w) = ed.ketik.run((real_id2.clone(), event_target_value(&ev)));
                            if galat_real.with_untracked(|lama| *lama != g) {
                                galat_real.set(g);
                            }
                            if janggal.with_untracked(|lama| *lama != w) {
                                janggal.set(w);
                            }
                        } />
                    <FieldErrorList id=f("realisasi-galat") pesan=pesan_real />
                    <p class="peringatan-field" data-testid="realisasi-janggal" role="status" hidden=move || janggal.with(Option::is_none)>
                        {move || { let l = i18n.get_locale().kode(); janggal.with(|w| w.as_ref().map(|w| w.dalam(l).to_owned())) }}
                    </p>
                    <IndikatorPreviewBox hasil=hasil siap=ed.preview_ready jelaskan=Callback::new(move |_| {
                        let sasaran = Sasaran::Indikator(jelas_id.clone());
                        ed.masukan.with(|m| ed.form.with(|f| jelaskan(f, m, &sasaran)))
                    }) />
                </div>
            </div>
            <button type="button" class="tombol-teks" data-testid="hapus-iki" on:click={ let (rhk, id) = (rhk.clone(), id.clone()); move |_| {
                let berisi = ed.iki_awal(&rhk, &id, indikator_berisi).unwrap_or(false);
                if !berisi || yakin(t_string!(i18n, pegawai.yakin_hapus_indikator)) {
                    ed.form.update(|f| hapus_indikator(f, &rhk, &id));
                }
            } }>
                {teks(i18n, |l| td_string!(l, pegawai.hapus_indikator))}
            </button>
        </div>
    }
}

/// The perspective of a JPT's RHK (anggaran is mandatory somewhere in a JPT SKP).
#[component]
fn Perspektif(ed: Editor, id: String) -> impl IntoView {
    use domain::skp::Perspektif as P;
    let i18n = use_i18n();
    let en = Signal::derive(move || i18n.get_locale() == Locale::en);
    let sel_id = format!("{id}-perspektif");
    let awal = ed.rhk_awal(&id, |r| r.perspektif).flatten();
    let pilih = move |p: P| awal == Some(p);
    let ubah = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            let p = match v.as_str() {
                "penerima_layanan" => Some(P::PenerimaLayanan),
                "proses_bisnis" => Some(P::ProsesBisnis),
                "penguatan_internal" => Some(P::PenguatanInternal),
                "anggaran" => Some(P::Anggaran),
                _ => None,
            };
            ed.update_rhk(&id, |r| r.perspektif = p);
        }
    };
    let d = Disentuh::baru();
    view! {
        <div class="baris" on:change=d.tandai() on:focusout=d.tandai_keluar()>
            <label for=sel_id.clone()>{teks(i18n, |l| td_string!(l, pegawai.perspektif))}</label>
            <select id=sel_id on:change=ubah>
                <option value="">{teks(i18n, |l| td_string!(l, pegawai.pilih))}</option>
                <option value="penerima_layanan" selected=pilih(P::PenerimaLayanan)>{teks(i18n, |l| label_perspektif(l, P::PenerimaLayanan))}</option>
                <option value="proses_bisnis" selected=pilih(P::ProsesBisnis)>{teks(i18n, |l| label_perspektif(l, P::ProsesBisnis))}</option>
                <option value="penguatan_internal" selected=pilih(P::PenguatanInternal)>{teks(i18n, |l| label_perspektif(l, P::PenguatanInternal))}</option>
                <option value="anggaran" selected=pilih(P::Anggaran)>{teks(i18n, |l| label_perspektif(l, P::Anggaran))}</option>
            </select>
            <FieldErrorList id=format!("{id}-perspektif-galat") pesan=pesan(ed, &id, None, "perspektif", en, d) />
        </div>
    }
}
