use leptos::prelude::*;

use domain::teks::Teks;
use domain::{Predikat, RatingEkspektasi, kuadran_predikat};

use crate::i18n::{Locale, td_string, use_i18n};
use crate::state::kuadran::predikat_dari_kode;
use crate::state::penilaian::pesan_lembar;
use crate::teks::teks;

/// The label of a rating in a language.
pub fn label_rating(l: Locale, rating: RatingEkspektasi) -> &'static str {
    match rating {
        RatingEkspektasi::DiatasEkspektasi => td_string!(l, umum.diatas_ekspektasi),
        RatingEkspektasi::SesuaiEkspektasi => td_string!(l, umum.sesuai_ekspektasi),
        RatingEkspektasi::DibawahEkspektasi => td_string!(l, umum.dibawah_ekspektasi),
    }
}

/// A kuadran cell's label. A line may break after the "/" of
/// "Kurang/Misconduct", never inside a word. An English name carries the
/// regulation's own term, "Needs improvement (Butuh Perbaikan)": on a phone
/// the cell shows the term alone (`.terjemahan` and `.kurung` hidden), as
/// "improvement" is wider than a third of a phone; the button's name keeps
/// both.
fn label_sel(label: &'static str) -> impl IntoView {
    let patah = |t: &'static str| t.split_inclusive('/').map(|b| view! { {b}<wbr /> }).collect_view();
    match label.strip_suffix(')').and_then(|t| t.split_once(" (")) {
        Some((terjemahan, istilah)) => view! {
            <span class="terjemahan">{patah(terjemahan)} " "</span>
            <span class="kurung">"("</span>{patah(istilah)}<span class="kurung">")"</span>
        }
        .into_any(),
        None => patah(label).into_any(),
    }
}

/// The label of a predikat in a language.
pub fn label_predikat(l: Locale, predikat: Predikat) -> &'static str {
    match predikat {
        Predikat::SangatBaik => td_string!(l, umum.sangat_baik),
        Predikat::Baik => td_string!(l, umum.baik),
        Predikat::ButuhPerbaikan => td_string!(l, umum.butuh_perbaikan),
        Predikat::Kurang => td_string!(l, umum.kurang),
        Predikat::SangatKurang => td_string!(l, umum.sangat_kurang),
    }
}

/// The label of a former rule set's predikat (PermenPANRB 8/2021) or
/// sebutan (PP 46/2011) by its code, in a language (the domain's words).
pub fn label_sebutan(l: Locale, kode: &str) -> String {
    use domain::rule_set::permenpanrb_8_2021::PredikatKinerja;
    use domain::rule_set::pp_46_2011::Sebutan;
    let t = match kode {
        "sangat_baik" => PredikatKinerja::SangatBaik.label(),
        "baik" => PredikatKinerja::Baik.label(),
        "cukup" => PredikatKinerja::Cukup.label(),
        "kurang" => PredikatKinerja::Kurang.label(),
        "sangat_kurang" => PredikatKinerja::SangatKurang.label(),
        "buruk" => Sebutan::Buruk.label(),
        lain => domain::Teks::new(lain, lain),
    };
    t.dalam(l.kode()).to_owned()
}

/// The label of a rating in the user's language.
#[component]
pub fn LabelRating(rating: RatingEkspektasi) -> impl IntoView {
    let i18n = use_i18n();
    move || label_rating(i18n.get_locale(), rating)
}

/// A rating as an axis of the kuadran: in full, and on a phone without the
/// word "ekspektasi" the caption already says (so no word is broken inside).
#[component]
fn LabelSumbu(rating: RatingEkspektasi) -> impl IntoView {
    let i18n = use_i18n();
    let pendek = move || {
        let l = i18n.get_locale();
        match rating {
            RatingEkspektasi::DiatasEkspektasi => td_string!(l, umum.diatas_pendek),
            RatingEkspektasi::SesuaiEkspektasi => td_string!(l, umum.sesuai_pendek),
            RatingEkspektasi::DibawahEkspektasi => td_string!(l, umum.dibawah_pendek),
        }
    };
    view! {
        <span class="panjang">{move || label_rating(i18n.get_locale(), rating)}</span>
        <span class="pendek">{pendek}</span>
    }
}

/// Options for a rating select, the middle one selected.
#[component]
pub fn OpsiRating() -> impl IntoView {
    RatingEkspektasi::ALL
        .into_iter()
        .map(|r| {
            let selected = r == RatingEkspektasi::SesuaiEkspektasi;
            view! { <option value=r.kode() selected=selected><LabelRating rating=r /></option> }
        })
        .collect_view()
}

/// The "simulasi" panel: pick the two ratings, see the predikat at once,
/// computed in the browser by the same `domain` code the server runs.
#[component]
pub fn KuadranSimulasi() -> impl IntoView {
    let i18n = use_i18n();
    let hasil = RwSignal::new(RatingEkspektasi::SesuaiEkspektasi.kode().to_owned());
    let perilaku = RwSignal::new(RatingEkspektasi::SesuaiEkspektasi.kode().to_owned());
    let predikat = Memo::new(move |_| predikat_dari_kode(&hasil.get(), &perilaku.get()));
    view! {
        <section class="kartu" aria-labelledby="judul-simulasi">
            <h2 id="judul-simulasi">{teks(i18n, |l| td_string!(l, umum.judul_simulasi))}</h2>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, umum.petunjuk_simulasi))}</p>
            <div class="baris">
                <label for="rating-hasil">{teks(i18n, |l| td_string!(l, umum.rating_hasil_kerja))}</label>
                <select id="rating-hasil" data-testid="rating-hasil" bind:value=hasil>
                    <OpsiRating />
                </select>
            </div>
            <div class="baris">
                <label for="rating-perilaku">{teks(i18n, |l| td_string!(l, umum.rating_perilaku_kerja))}</label>
                <select id="rating-perilaku" data-testid="rating-perilaku" bind:value=perilaku>
                    <OpsiRating />
                </select>
            </div>
            <p class="hasil" aria-live="polite">
                {teks(i18n, |l| td_string!(l, umum.predikat))} ": "
                <strong data-testid="predikat" data-predikat=move || predikat.get().kode() class=move || format!("predikat {}", predikat.get().kode())>
                    {move || label_predikat(i18n.get_locale(), predikat.get())}
                </strong>
            </p>
            <TabelKuadran hasil=hasil perilaku=perilaku />
        </section>
    }
}

/// The 3×3 kuadran of PermenPANRB 6/2022: the rating hasil kerja by row
/// (above expectation at the top), the rating perilaku by column; each cell
/// shows its predikat (the domain's), the chosen one marked current.
/// Pressing a cell chooses both ratings.
#[component]
fn TabelKuadran(hasil: RwSignal<String>, perilaku: RwSignal<String>) -> impl IntoView {
    use RatingEkspektasi as R;
    const BARIS: [R; 3] = [R::DiatasEkspektasi, R::SesuaiEkspektasi, R::DibawahEkspektasi];
    const KOLOM: [R; 3] = [R::DibawahEkspektasi, R::SesuaiEkspektasi, R::DiatasEkspektasi];
    let i18n = use_i18n();
    let sel = move |h: R, p: R| {
        let predikat = kuadran_predikat(h, p);
        // Heard apart from the other cells of the same predikat: both ratings named.
        let nama = move || {
            use crate::i18n::kata::umum::sel_kuadran as s;
            let l = i18n.get_locale();
            let isi = s::Isi {
                hasil: &label_rating(l, h),
                perilaku: &label_rating(l, p),
                predikat: &label_predikat(l, predikat),
            };
            s(l, isi)
        };
        let dipilih = move || hasil.with(|x| x == h.kode()) && perilaku.with(|x| x == p.kode());
        let pilih = move |_| {
            hasil.set(h.kode().to_owned());
            perilaku.set(p.kode().to_owned());
        };
        view! {
            <td>
                <button type="button" class=format!("predikat {}", predikat.kode()) data-testid="sel-kuadran"
                    data-hasil=h.kode() data-perilaku=p.kode() data-predikat=predikat.kode() aria-label=nama
                    aria-current=move || dipilih().then_some("true") on:click=pilih>
                    {move || label_sel(label_predikat(i18n.get_locale(), predikat))}
                </button>
            </td>
        }
    };
    view! {
        <table class="kuadran" data-testid="kuadran">
            <caption>{teks(i18n, |l| td_string!(l, umum.judul_kuadran))}</caption>
            <thead>
                <tr>
                    // The axes, for the eye (each cell's name says its ratings).
                    <td class="sudut" aria-hidden="true">{teks(i18n, |l| td_string!(l, umum.kuadran_sudut))}</td>
                    {KOLOM.into_iter().map(|p| view! { <th scope="col"><LabelSumbu rating=p /></th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {BARIS.into_iter().map(|h| view! {
                    <tr>
                        <th scope="row"><LabelSumbu rating=h /></th>
                        {KOLOM.into_iter().map(|p| sel(h, p)).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A sheet field's messages (`pesan_lembar`) in the current language,
/// following both (the three parts of both rating sheets).
pub fn galat_kolom(galat: Signal<Vec<(&'static str, Teks)>>, kolom: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class="galat">{move || galat.with(|g| pesan_lembar(g, kolom, i18n.get_locale() == Locale::en))}</span> }
}

/// A select of the three ratings, with an empty choice while none is made
/// (both rating sheets' parts: `lembar_hasil_kerja`, `lembar_perilaku`).
pub fn pilih_rating(
    id: String,
    testid: String,
    nilai: Signal<Option<RatingEkspektasi>>,
    ubah: impl Fn(Option<RatingEkspektasi>) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    // The value is written to the select only when it differs: after a
    // choice the select already shows it, and writing it again costs the
    // browser a new selection (a sheet's every rating change, on a tablet).
    let el = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        let kode = nilai.get().map(|r| r.kode()).unwrap_or_default();
        if let Some(el) = el.get()
            && el.value() != kode
        {
            el.set_value(kode);
        }
    });
    view! {
        <select id=id class="pilih-rating" data-testid=testid node_ref=el
            on:change=move |ev| ubah(RatingEkspektasi::from_kode(&event_target_value(&ev)))>
            <option value="">{teks(i18n, |l| td_string!(l, penilaian.pilih))}</option>
            {RatingEkspektasi::ALL.into_iter().map(|r| view! {
                <option value=r.kode()>{move || label_rating(i18n.get_locale(), r)}</option>
            }).collect_view()}
        </select>
    }
}
