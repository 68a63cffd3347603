//! `/notifikasi`: what the person was told, newest first; each leads to
//! what it is about and is marked read on the way; all can be marked read.

use leptos::prelude::*;

use domain::api::NotifikasiView;
use domain::notifikasi::Peristiwa;

use crate::api;
use crate::components::lonceng::BelumDibaca;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{td_string, use_i18n};
use crate::navigasi::use_navigasi;
use crate::page::Halaman;
use crate::teks::teks;

#[component]
pub fn Notifikasi() -> impl IntoView {
    view! { <PerluMasuk><Daftar /></PerluMasuk> }
}

/// Where a notification leads: the SKP to review for the penilai, the
/// person's own SKP otherwise; feedback to the feedback pages; a rater
/// proposal to that subordinate's 360 (`/unit/360/{pegawai}`: the
/// notification names the subordinate who proposed, never the rater); a
/// numeric evaluation of a former rule set to the pegawai's own
/// evaluations (`/evaluasi`), where it is read with its explanation.
fn tujuan(n: &NotifikasiView) -> Halaman {
    match (&n.skp_id, n.peristiwa) {
        (_, Peristiwa::UmpanBalikDiberikan) => Halaman::UmpanBalik,
        (_, Peristiwa::PenilaianLamaDiberikan) => Halaman::PenilaianSaya,
        (_, Peristiwa::Permintaan360) => Halaman::Tugas360,
        (_, Peristiwa::UsulanPenilai360) if n.pegawai_id.is_some() => {
            Halaman::Penilai360(n.pegawai_id.clone().unwrap_or_default())
        }
        (_, Peristiwa::UmpanBalikDiminta | Peristiwa::UsulanPenilai360) => Halaman::AntrianUmpanBalik,
        (Some(id), Peristiwa::SkpDiajukan) => Halaman::TinjauSkp(id.clone()),
        (Some(id), _) => Halaman::Skp(id.clone()),
        (None, _) => Halaman::SkpSaya,
    }
}

#[component]
fn Daftar() -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let nav = use_navigasi();
    let belum = use_context::<BelumDibaca>();
    let data = LocalResource::new(move || async move { client.list_notifikasi().await });
    // What the list shows read, before and after the server has it.
    let dibaca = RwSignal::new(Vec::<String>::new());
    let semua = RwSignal::new(false);
    Effect::new(move |_| {
        if let (Some(Ok(d)), Some(b)) = (data.get(), belum) {
            b.0.set(d.belum_dibaca);
        }
    });
    let buka = move |n: NotifikasiView| {
        let ke = tujuan(&n);
        if !n.dibaca {
            dibaca.update(|d| d.push(n.id.clone()));
            if let Some(b) = belum {
                b.0.update(|x| *x = (*x - 1).max(0));
            }
            leptos::task::spawn_local(async move {
                let _ = client.baca_notifikasi(Some(n.id)).await;
                nav.ke(&ke);
            });
        } else {
            nav.ke(&ke);
        }
    };
    let baca_semua = move |_| {
        semua.set(true);
        if let Some(b) = belum {
            b.0.set(0);
        }
        leptos::task::spawn_local(async move {
            let _ = client.baca_notifikasi(None).await;
        });
    };
    move || match data.get() {
        None => view! { <GagalMuat galat=None /> }.into_any(),
        Some(Err(e)) => view! { <GagalMuat galat=Some(e) ulang=Callback::new(move |_| data.refetch()) /> }.into_any(),
        Some(Ok(d)) => {
            let ada_baru = d.item.iter().any(|n| !n.dibaca);
            view! {
                <section class="kartu" data-testid="notifikasi">
                    <h1>{teks(i18n, |l| td_string!(l, umum.notifikasi))}</h1>
                    {d.item.is_empty().then(|| view! { <p class="petunjuk">{teks(i18n, |l| td_string!(l, umum.notifikasi_kosong))}</p> })}
                    <Show when=move || ada_baru && !semua.get()>
                        <button type="button" class="tombol-kedua" data-testid="baca-semua" on:click=baca_semua>
                            {teks(i18n, |l| td_string!(l, umum.tandai_semua_dibaca))}
                        </button>
                    </Show>
                    <ul class="daftar-notifikasi">
                        {d.item.into_iter().map(|n| {
                            let id = n.id.clone();
                            let baru = move || !n.dibaca && !semua.get() && !dibaca.with(|d| d.contains(&id));
                            let teks_n = n.teks.clone();
                            let waktu = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(n.dibuat as f64));
                            let pada = move || {
                                let l = i18n.get_locale();
                                let tgl = domain::Tanggal::new(waktu.get_full_year() as i32, waktu.get_month() as u8 + 1, waktu.get_date() as u8);
                                let jam = format!("{:02}.{:02}", waktu.get_hours(), waktu.get_minutes());
                                tgl.map(|t| format!("{} {jam}", crate::teks::tanggal(t, l))).unwrap_or(jam)
                            };
                            let klik = { let n = n.clone(); move |_| buka(n.clone()) };
                            view! {
                                <li data-testid="notifikasi-item" data-jenis=n.peristiwa.kode() class:baru=baru.clone()>
                                    <button type="button" class="tombol-teks" on:click=klik>
                                        <Show when=baru.clone()><span class="lencana" data-testid="baru">{teks(i18n, |l| td_string!(l, umum.baru))}</span> " "</Show>
                                        <span>{move || teks_n.dalam(i18n.get_locale().kode()).to_owned()}</span>
                                    </button>
                                    <span class="petunjuk">{pada}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kabar(peristiwa: Peristiwa, skp_id: Option<&str>, pegawai_id: Option<&str>) -> NotifikasiView {
        NotifikasiView {
            id: "n1".into(),
            peristiwa,
            teks: domain::Teks::new("x", "x"),
            skp_id: skp_id.map(str::to_owned),
            pegawai_id: pegawai_id.map(str::to_owned),
            dibuat: 0,
            dibaca: false,
        }
    }

    #[test]
    fn a_rater_proposal_leads_to_that_subordinates_360() {
        assert_eq!(tujuan(&kabar(Peristiwa::UsulanPenilai360, None, Some("p-7"))), Halaman::Penilai360("p-7".into()));
        // Kept from an older server (no id): the unit's feedback page, as before.
        assert_eq!(tujuan(&kabar(Peristiwa::UsulanPenilai360, None, None)), Halaman::AntrianUmpanBalik);
        assert_eq!(tujuan(&kabar(Peristiwa::Permintaan360, None, None)), Halaman::Tugas360);
        assert_eq!(tujuan(&kabar(Peristiwa::SkpDiajukan, Some("s1"), None)), Halaman::TinjauSkp("s1".into()));
    }

    #[test]
    fn a_numeric_evaluation_leads_to_the_pegawais_own_evaluations() {
        // Not the SKP (a former year's, long closed): where its nilai and explanation are read.
        let n = kabar(Peristiwa::PenilaianLamaDiberikan, Some("s-2020"), None);
        assert_eq!(tujuan(&n), Halaman::PenilaianSaya);
        assert_eq!(tujuan(&n).href(), "/evaluasi");
    }
}
