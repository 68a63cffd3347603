//! The previews beside the form. Their DOM is built once: a keystroke
//! changes the text and attributes in it, never the elements (on a 50-RHK
//! SKP, rebuilding a summary or an indicator's preview per key cost more
//! than computing it).

use leptos::prelude::*;

use domain::Penjelasan;

use crate::components::kuadran::{label_predikat, label_rating};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::state::editor::{
    HasilIndikator, JenisRingkasan, NilaiRingkasan, PreviewState, Ringkasan, Ukuran, angka_dalam,
};
use crate::teks::teks;

/// An explanation, folded behind a disclosure button. Its steps are built
/// (by `jelaskan`) only while it is open, and follow the preview while it
/// is: `jelaskan` reads the signals it depends on. (Not a `<details>`: a
/// hundred of them beside the realisation fields made the browser's style
/// update after every keystroke cost more than the app's own work.)
#[component]
pub fn PenjelasanMalas(jelaskan: Callback<(), Vec<Penjelasan>>) -> impl IntoView {
    let i18n = use_i18n();
    let terbuka = RwSignal::new(false);
    // Set only when the explanation itself changes (a keystroke elsewhere
    // leaves an open one as it is); nothing is read while it is closed.
    let isi = Memo::new(move |_| terbuka.get().then(|| jelaskan.run(())));
    view! {
        <div class="penjelasan" data-testid="penjelasan">
            <button type="button" class="tombol-teks" aria-expanded=move || terbuka.get().to_string()
                on:click=move |_| terbuka.update(|t| *t = !*t)>
                {move || {
                    let l = i18n.get_locale();
                    if terbuka.get() { td_string!(l, pegawai.sembunyikan_penjelasan) } else { td_string!(l, pegawai.tampilkan_penjelasan) }
                }}
            </button>
            {move || isi.get().map(|isi| {
                let l = i18n.get_locale().kode();
                isi.into_iter().map(|p| view! {
                    <p class="sumber">{p.sumber}</p>
                    <ol>{p.langkah.into_iter().map(|s| view! { <li>{s.dalam(l).to_owned()}</li> }).collect_view()}</ol>
                }).collect_view()
            })}
        </div>
    }
}

/// One measure as text: `Sesuai Ekspektasi`, `capaian 106,25%`, `nilai 90`.
fn ukuran_teks(u: &Ukuran, l: Locale) -> String {
    match *u {
        Ukuran::Rating(r) => label_rating(l, r).to_owned(),
        Ukuran::Capaian(c) => format!("{} {}%", td_string!(l, pegawai.capaian), angka_dalam(c, l == Locale::en)),
        Ukuran::Nilai(n) => format!("{} {}", td_string!(l, pegawai.nilai), angka_dalam(n, l == Locale::en)),
    }
}

/// The preview of one indicator, next to its realisation field. Its place
/// is kept while the indicator has no result (a hint stands in it and the
/// explanation button is invisible), so the first digit typed moves nothing
/// below it: on a 50-RHK SKP that shift, not the preview, was most of the
/// first keystroke's cost.
#[component]
pub fn IndikatorPreviewBox(
    #[prop(into)] hasil: Signal<Option<HasilIndikator>>,
    /// The plan is valid (else the hint says to complete it first).
    #[prop(into)]
    siap: Signal<bool>,
    jelaskan: Callback<(), Vec<Penjelasan>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let petunjuk = move || {
        let l = i18n.get_locale();
        if siap.get() { td_string!(l, pegawai.pratinjau_iki_kosong) } else { td_string!(l, pegawai.perbaiki_dulu) }
    };
    // A rule set shows at most two measures per indicator (8/2021: capaian and nilai).
    let ukuran = move |k: usize| {
        move || {
            let l = i18n.get_locale();
            hasil.with(|h| h.as_ref().and_then(|h| h.ukuran.get(k)).map(|u| ukuran_teks(u, l)).unwrap_or_default())
        }
    };
    let kendala = move || {
        let l = i18n.get_locale().kode();
        hasil.with(|h| h.as_ref().and_then(|h| h.kendala.as_ref()).map(|k| k.dalam(l).to_owned()).unwrap_or_default())
    };
    let capaian = move || {
        let l = i18n.get_locale().kode();
        hasil.with(|h| h.as_ref().and_then(|h| h.capaian).map(|c| c.teks().dalam(l).to_owned()).unwrap_or_default())
    };
    // The rating's code colours it (good and bad apart); its words say it.
    let rating = move || {
        hasil.with(|h| {
            h.as_ref().and_then(|h| {
                h.ukuran.iter().find_map(|u| if let Ukuran::Rating(r) = u { Some(r.kode()) } else { None })
            })
        })
    };
    view! {
        <div class="pratinjau-iki" data-testid="pratinjau-iki" aria-live="polite" class:kosong=move || hasil.with(Option::is_none)>
            <p class="ukuran-baris">
                <span class="ukuran" data-rating=rating>{ukuran(0)}</span>
                <span class="ukuran">{ukuran(1)}</span>
                <span class="capaian" data-testid="capaian-iki">{capaian}</span>
                <span class="kendala">{kendala}</span>
                <span class="petunjuk" data-testid="pratinjau-iki-kosong">{petunjuk}</span>
            </p>
            <PenjelasanMalas jelaskan=jelaskan />
        </div>
    }
}

/// The summary of the whole preview: suggestion, predikat, angka kredit or
/// the legacy scores.
#[component]
pub fn PreviewSummary(
    #[prop(into)] preview: Signal<PreviewState>,
    /// The plan is valid (the editor's [`crate::state::form::Editor::preview_ready`]).
    #[prop(into)]
    siap: Signal<bool>,
    jelaskan: Callback<(), Vec<Penjelasan>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Each line's value and reasons, each a signal set only when it changes:
    // one effect per keystroke reads them from the preview, copying nothing
    // that stays the same.
    let bagian: [Bagian; 5] =
        JenisRingkasan::SEMUA.map(|_| Bagian { nilai: RwSignal::new(None), alasan: RwSignal::new(Vec::new()) });
    let salin = move |p: &PreviewState| {
        for (jenis, b) in JenisRingkasan::SEMUA.into_iter().zip(bagian) {
            let baris = p.baris(jenis);
            let nilai = baris.as_ref().map(Ringkasan::nilai);
            if b.nilai.with_untracked(|lama| *lama != nilai) {
                b.nilai.set(nilai);
            }
            let alasan = baris.as_ref().map_or(&[][..], Ringkasan::alasan);
            if b.alasan.with_untracked(|lama| lama.as_slice() != alasan) {
                b.alasan.set(alasan.to_vec());
            }
        }
    };
    preview.with_untracked(salin);
    Effect::new(move |_| preview.with(salin));
    // The list is built once while the plan is valid: every kind of line is
    // there, hidden while it has no value (a first realisation, which brings
    // the predikat and angka kredit lines, changes attributes, not elements).
    move || {
        if siap.get() {
            view! {
                <dl class="ringkas" data-testid="pratinjau-ringkasan">
                    {JenisRingkasan::SEMUA.into_iter().zip(bagian).map(|(j, b)| view! {
                        <BarisRingkasan preview=preview bagian=b jenis=j jelaskan=jelaskan />
                    }).collect_view()}
                </dl>
            }
            .into_any()
        } else {
            view! { <p class="petunjuk" data-testid="pratinjau-belum">{teks(i18n, |l| td_string!(l, pegawai.perbaiki_dulu))}</p> }.into_any()
        }
    }
}

/// What one summary line shows.
#[derive(Clone, Copy)]
struct Bagian {
    nilai: RwSignal<Option<NilaiRingkasan>>,
    alasan: RwSignal<Vec<domain::Teks>>,
}

#[component]
fn BarisRingkasan(
    preview: Signal<PreviewState>,
    bagian: Bagian,
    jenis: JenisRingkasan,
    jelaskan: Callback<(), Vec<Penjelasan>>,
) -> impl IntoView {
    use JenisRingkasan as J;
    let i18n = use_i18n();
    let Bagian { nilai, alasan } = bagian;
    let judul: fn(Locale) -> &'static str = match jenis {
        J::SaranRating => |l| td_string!(l, pegawai.saran_rating),
        J::Predikat => |l| td_string!(l, pegawai.predikat_pratinjau),
        J::AngkaKredit => |l| td_string!(l, pegawai.angka_kredit),
        J::NilaiSkp => |l| td_string!(l, pegawai.nilai_skp),
        J::CapaianSkp => |l| td_string!(l, pegawai.capaian_skp),
    };
    let testid = match jenis {
        J::SaranRating => "saran-rating",
        J::Predikat => "predikat-pratinjau",
        J::AngkaKredit => "angka-kredit",
        J::NilaiSkp => "nilai-skp",
        J::CapaianSkp => "capaian-skp",
    };
    // The legacy scores are explained on demand; the others carry their explanation.
    let jelaskan = match jenis {
        J::NilaiSkp | J::CapaianSkp => jelaskan,
        // Read while open only: no copy of it per keystroke.
        _ => Callback::new(move |_| {
            preview.with(|p| p.baris(jenis).and_then(|b| b.penjelasan().cloned())).into_iter().collect()
        }),
    };
    let kode_nilai = move || {
        nilai.with(|n| match n {
            Some(NilaiRingkasan::Rating(Some(r))) => r.kode(),
            Some(NilaiRingkasan::Predikat(p)) => p.kode(),
            _ => "",
        })
    };
    let teks_nilai = move || {
        let l = i18n.get_locale();
        nilai.with(|n| match *n {
            Some(NilaiRingkasan::Rating(Some(r))) => label_rating(l, r).to_owned(),
            Some(NilaiRingkasan::Rating(None)) => td_string!(l, pegawai.belum_ada_realisasi).to_owned(),
            Some(NilaiRingkasan::Predikat(p)) => label_predikat(l, p).to_owned(),
            Some(NilaiRingkasan::Angka(x)) => angka_dalam(x, l == Locale::en),
            None => String::new(),
        })
    };
    let kelas = move || if jenis == J::Predikat { format!("predikat {}", kode_nilai()) } else { String::new() };
    let kosong = move || nilai.with(Option::is_none);
    view! {
        <dt hidden=kosong>{move || judul(i18n.get_locale())}</dt>
        <dd hidden=kosong data-testid=testid
            data-rating=move || (jenis == J::SaranRating).then(kode_nilai)
            data-predikat=move || (jenis == J::Predikat).then(kode_nilai)>
            <strong class=kelas>{teks_nilai}</strong>
            <ul>{move || {
                let l = i18n.get_locale().kode();
                alasan.with(|a| a.iter().map(|a| view! { <li>{a.dalam(l).to_owned()}</li> }).collect_view())
            }}</ul>
            <PenjelasanMalas jelaskan=jelaskan />
        </dd>
    }
}
