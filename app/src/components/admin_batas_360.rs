//! A period's 360 deadline in the admin console: shown, changed while the
//! 360 is open; a date before today closes it at once, so that is asked
//! first — "today" as the server counts it (`Pengaturan360::hari_ini`, WIB),
//! never the device's clock, which may be wrong or in another time zone; a
//! closed 360 shows as closed and cannot change any more.

use domain::api::{Pengaturan360, SetPengaturan360};
use leptos::prelude::*;

use crate::api;
use crate::components::konfirmasi::{Konfirmasi, tanya};
use crate::i18n::{t, td_string, use_i18n};
use crate::state::auth::use_auth;
use crate::teks::{tanggal_iso, teks};

/// Whether saving `batas` closes the 360 at once: a day before the server's
/// `hari_ini` (as `Pengaturan360` says it). Not a date: the server says
/// what is wrong, nothing is asked; no date from the server: asked, to be safe.
pub fn menutup(batas: &str, hari_ini: &str) -> bool {
    let Some(batas) = domain::Tanggal::parse_iso(batas.trim()) else { return false };
    domain::Tanggal::parse_iso(hari_ini).is_none_or(|h| domain::umpan_balik::ditutup(batas, h))
}

#[component]
pub fn AdminBatas360(periode_id: String, tahun: i64) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let pid = StoredValue::new(periode_id);
    let data = LocalResource::new(move || async move { client.pengaturan_360(&pid.get_value()).await });
    let sekarang = RwSignal::new(None::<Pengaturan360>);
    Effect::new(move |_| {
        if let Some(Ok(p)) = data.get() {
            sekarang.set(Some(p));
        }
    });
    let isian = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(p) = sekarang.get() {
            isian.set(p.batas);
        }
    });
    let galat = RwSignal::new(None::<api::Error>);
    let tersimpan = RwSignal::new(false);
    let yakin = RwSignal::new(false);
    let simpan = Action::new_local(move |batas: &String| {
        let (batas, version) = (batas.clone(), sekarang.with_untracked(|p| p.as_ref().map_or(0, |p| p.version)));
        async move { client.set_pengaturan_360(&pid.get_value(), &SetPengaturan360 { batas, version }).await }
    });
    Effect::new(move |_| match simpan.value().get() {
        Some(Ok(p)) => {
            galat.set(None);
            tersimpan.set(true);
            sekarang.set(Some(p));
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => {
            tersimpan.set(false);
            galat.set(Some(e));
        }
        None => {}
    });
    let kirim = move |_| {
        tersimpan.set(false);
        let hari_ini = sekarang.with_untracked(|p| p.as_ref().map(|p| p.hari_ini.clone())).unwrap_or_default();
        if menutup(&isian.get_untracked(), &hari_ini) {
            tanya(yakin, "tutup-360");
        } else {
            simpan.dispatch(isian.get_untracked());
        }
    };
    let label_id = format!("batas-360-{}", pid.get_value());
    view! {
        <div class="a360" data-testid="batas-360">
            {move || match (data.get(), sekarang.get()) {
                (Some(Err(e)), _) => view! { <span class="galat">{e.untuk_pengguna(i18n.get_locale())}</span> }.into_any(),
                (_, None) => teks(i18n, |l| td_string!(l, umum.memuat)).into_any(),
                (_, Some(p)) if p.ditutup => {
                    let batas = p.batas.clone();
                    view! { <span class="lencana" data-testid="batas-360-ditutup">{t!(i18n, penilai.a360_ditutup, tanggal = move || tanggal_iso(&batas, i18n.get_locale()))}</span> }.into_any()
                }
                (_, Some(_)) => view! {
                    <label class="sr-only" for=label_id.clone()>{t!(i18n, penilai.a360_label, tahun = move || tahun)}</label>
                    <input type="date" id=label_id.clone() data-testid="batas-360-tanggal" bind:value=isian />
                    <button type="button" class="tombol-kedua" data-testid="batas-360-simpan" disabled=move || simpan.pending().get() || yakin.get() on:click=kirim>
                        {teks(i18n, |l| td_string!(l, penilai.a360_simpan))}
                    </button>
                }.into_any(),
            }}
            <Konfirmasi terbuka=yakin nama="tutup-360" aksi="tutup-360"
                pertanyaan=|l| td_string!(l, penilai.a360_tanya) label_ya=|l| td_string!(l, penilai.a360_ya)
                ya=Callback::new(move |_| { simpan.dispatch(isian.get_untracked()); }) />
            <Show when=move || tersimpan.get()><span class="berhasil" role="status" data-testid="batas-360-tersimpan">{teks(i18n, |l| td_string!(l, penilai.a360_tersimpan))}</span></Show>
            <span class="galat" role="alert">{move || galat.with(|e| e.as_ref().map(|e| e.untuk_pengguna(i18n.get_locale())))}</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_before_the_servers_today_closes_the_360_and_today_does_not() {
        let hari = "2026-12-07";
        assert!(menutup("2026-12-06", hari));
        assert!(!menutup("2026-12-07", hari), "the last day to answer is today: still open");
        assert!(!menutup("2027-01-31", hari));
        assert!(!menutup("bukan tanggal", hari), "the server says what is wrong");
        assert!(menutup("2027-01-31", ""), "no date from the server: asked, to be safe");
    }
}
