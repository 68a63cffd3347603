use leptos::prelude::*;

use crate::i18n::kata::pegawai as k;
use crate::i18n::{Locale, use_i18n};
use crate::state::editor::BidangSalah;

/// The messages under one field (nothing when there are none). The field is
/// the control whose id is this list's without `-galat` (`{id}-uraian` for
/// `{id}-uraian-galat`): while there are messages it is marked
/// `aria-invalid="true"` (read out, and drawn with a red border) and
/// described by them. `testid`: the list's test id, when a test needs one.
#[component]
pub fn FieldErrorList(
    #[prop(into)] pesan: Signal<Vec<String>>,
    #[prop(into)] id: String,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    // Read once per change of what the field depends on; the list and the
    // mark below follow only a change of the messages themselves.
    let pesan = Memo::new(move |_| pesan.get());
    if let Some(kontrol) = id.strip_suffix("-galat").map(str::to_owned) {
        let daftar = id.clone();
        // Written only when the field turns valid or invalid, not per keystroke.
        Effect::new(move |sebelumnya: Option<bool>| {
            let salah = pesan.with(|p| !p.is_empty());
            if sebelumnya != Some(salah)
                && let Some(el) = document().get_element_by_id(&kontrol)
            {
                if salah {
                    let _ = el.set_attribute("aria-invalid", "true");
                    if !el.has_attribute("aria-describedby") {
                        let _ = el.set_attribute("aria-describedby", &daftar);
                    }
                } else {
                    let _ = el.remove_attribute("aria-invalid");
                }
            }
            salah
        });
    }
    view! {
        <ul class="galat-field" id=id aria-live="polite" data-testid=testid>
            {move || pesan.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
        </ul>
    }
}

/// A field of the SKP form by the label it has on the screen (`None` for
/// one the form does not show).
pub fn label_bidang(l: Locale, bidang: &str, di_indikator: bool) -> Option<&'static str> {
    Some(match bidang {
        "uraian" if di_indikator => k::uraian_indikator(l),
        "uraian" => k::uraian_rhk(l),
        "jenis" => k::jenis_rhk(l),
        "rhk_atasan_id" => k::rhk_atasan(l),
        "perspektif" => k::perspektif(l),
        "aspek" => k::aspek(l),
        "target" => k::target(l),
        "target_maks" => k::target_maks(l),
        "satuan" => k::satuan(l),
        "polaritas" => k::polaritas(l),
        "pendekatan" => k::pendekatan(l),
        "dukungan_sumber_daya" | "lampiran.dukungan_sumber_daya" => k::dukungan_sumber_daya(l),
        "skema_pertanggungjawaban" | "lampiran.skema_pertanggungjawaban" => k::skema_pertanggungjawaban(l),
        "konsekuensi" | "lampiran.konsekuensi" => k::konsekuensi(l),
        _ => return None,
    })
}

/// Every marked field of the form as a link that takes the focus to it:
/// "RHK 2 · Indikator 1 · Target: Harus berupa angka." (nothing while none
/// is marked).
#[component]
pub fn DaftarBidangSalah(#[prop(into)] daftar: Signal<Vec<BidangSalah>>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let nama = move |l: Locale, b: &BidangSalah| {
        let mut bagian = Vec::new();
        if let Some(n) = b.rhk {
            bagian.push(k::rhk_ke(l, k::rhk_ke::Isi { n: &n }));
        }
        if let Some(n) = b.iki {
            bagian.push(k::indikator_ke(l, k::indikator_ke::Isi { n: &n }));
        }
        bagian.push(label_bidang(l, &b.bidang, b.iki.is_some()).unwrap_or(&b.bidang).to_owned());
        bagian.join(" · ")
    };
    move || {
        let l = i18n.get_locale();
        daftar.with(|d| {
            (!d.is_empty()).then(|| {
                let butir = d
                    .iter()
                    .map(|b| {
                        let id = b.id.clone();
                        let pesan: Vec<String> = b.pesan.iter().map(|p| p.dalam(l.kode()).to_owned()).collect();
                        let fokus = move |ev: leptos::ev::MouseEvent| {
                            ev.prevent_default();
                            if let Some(el) = document().get_element_by_id(&id) {
                                use wasm_bindgen::JsCast;
                                el.scroll_into_view();
                                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                                    let _ = el.focus();
                                }
                            }
                        };
                        view! {
                            <li><a href=format!("#{}", b.id) on:click=fokus>{nama(l, b)}</a> ": " {pesan.join(" ")}</li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="ringkasan-galat" role="alert" data-testid=testid>
                        <p>{k::perbaiki_ini(l)}</p>
                        <ul>{butir}</ul>
                    </div>
                }
            })
        })
    }
}
