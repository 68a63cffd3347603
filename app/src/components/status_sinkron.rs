//! The sync bar, on every page of the pegawai's app while someone is signed
//! in: online or offline, how many changes wait, the last sync, whether
//! what is on screen came from the device, and the changes the server
//! refused with what can be done about each (apply again on the record as
//! it now is, open it to edit, or drop it).

use leptos::prelude::*;
use serde_json::Value;

use crate::api;
use crate::i18n::kata::luring as k;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::luring::sinkron::{Sinkron, use_sinkron};
use crate::navigasi::Tautan;
use crate::page::Halaman;
use crate::state::auth::{Auth, use_auth};
use crate::state::outbox::{Perubahan, Refused};
use crate::teks::teks;

/// `HH:MM` of a time in ms since the epoch, in the device's zone (and the
/// date, when it is not today).
fn jam(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    let kini = js_sys::Date::new_0();
    let jam = format!("{:02}.{:02}", d.get_hours(), d.get_minutes());
    if d.to_date_string() == kini.to_date_string() {
        jam
    } else {
        format!("{}/{} {jam}", d.get_date(), d.get_month() + 1)
    }
}

fn nama_perubahan(l: Locale, p: &Perubahan) -> &'static str {
    use domain::skp::AksiSkp;
    match p {
        Perubahan::BuatSkp => td_string!(l, luring.buat_skp),
        Perubahan::UbahSkp(_) => td_string!(l, luring.ubah_skp),
        Perubahan::LangkahSkp(_, AksiSkp::Submit) => td_string!(l, luring.ajukan_skp),
        Perubahan::LangkahSkp(_, AksiSkp::Approve) => td_string!(l, luring.setujui_skp),
        Perubahan::LangkahSkp(_, AksiSkp::Return) => td_string!(l, luring.kembalikan_skp),
        Perubahan::LangkahSkp(_, AksiSkp::Revise) => td_string!(l, luring.revisi_skp),
        _ => td_string!(l, luring.lain),
    }
}

#[component]
pub fn StatusSinkron() -> impl IntoView {
    let Some(s) = use_sinkron() else { return ().into_any() };
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let masuk = move || auth.0.with(|a| matches!(a, Auth::Masuk(_)));
    let dari_perangkat = client.dari_perangkat();
    view! {
        <Show when=masuk>
            <section class="sinkron" aria-label=move || td_string!(i18n.get_locale(), luring.judul) data-testid="sinkron">
                <p class="baris-sinkron">
                    <span class=move || if s.daring.get() { "lencana daring" } else { "lencana luring" } data-testid="status-koneksi"
                        data-daring=move || s.daring.get().to_string()>
                        {move || if s.daring.get() { teks(i18n, |l| td_string!(l, luring.daring)).into_any() } else { teks(i18n, |l| td_string!(l, luring.luring)).into_any() }}
                    </span>
                    <Show when=move || { s.menunggu.get() > 0 }>
                        " " <span data-testid="menunggu" data-jumlah=move || s.menunggu.get().to_string()>
                            {move || { let n = s.menunggu.get(); k::menunggu(i18n.get_locale(), k::menunggu::Isi { n: &n }) }}
                        </span>
                        " " <button type="button" class="tombol-teks" data-testid="kirim-sekarang" on:click=move |_| s.kirim()>
                            {teks(i18n, |l| td_string!(l, luring.kirim_sekarang))}
                        </button>
                    </Show>
                    {move || s.terakhir.get().map(|t| view! {
                        " " <span class="petunjuk" data-testid="terakhir-sinkron">{k::terakhir(i18n.get_locale(), k::terakhir::Isi { waktu: &jam(t) })}</span>
                    })}
                    {move || dari_perangkat.get().map(|t| view! {
                        " " <span class="petunjuk" data-testid="dari-perangkat">{k::dari_perangkat(i18n.get_locale(), k::dari_perangkat::Isi { waktu: &jam(t) })}</span>
                    })}
                </p>
                <Show when=move || s.ditolak.with(|d| !d.is_empty())>
                    <div class="ditolak" role="alert" data-testid="ditolak">
                        <h2>{teks(i18n, |l| td_string!(l, luring.ditolak_judul))}</h2>
                        <p class="petunjuk">{teks(i18n, |l| td_string!(l, luring.ditolak_petunjuk))}</p>
                        <ul>
                            <For each=move || s.ditolak.get() key=|r: &Refused| r.entry.mutation.seq children=move |r: Refused| view! { <Ditolak s=s r=r /> } />
                        </ul>
                    </div>
                </Show>
            </section>
        </Show>
    }
    .into_any()
}

/// One refused change: what it was, the server's note, the record's version
/// now, and the three ways on.
#[component]
fn Ditolak(s: Sinkron, r: Refused) -> impl IntoView {
    let i18n = use_i18n();
    let m = &r.entry.mutation;
    let seq = m.seq;
    let perubahan = Perubahan::dari(&m.method, &m.path);
    let galat: domain::api::ErrorBody = crate::luring::dari_json(&r.body).unwrap_or_default();
    let versi = r.body.pointer("/current/version").and_then(Value::as_i64);
    let halaman = perubahan.skp_id().map(|id| match &perubahan {
        Perubahan::LangkahSkp(_, domain::skp::AksiSkp::Approve | domain::skp::AksiSkp::Return) => {
            Halaman::TinjauSkp(id.to_owned())
        }
        _ => Halaman::Skp(id.to_owned()),
    });
    let p2 = perubahan.clone();
    view! {
        <li data-testid="ditolak-item" data-status=r.status.to_string()>
            <strong>{move || nama_perubahan(i18n.get_locale(), &p2)}</strong>
            " — " <span data-testid="ditolak-pesan">{move || api::satu_bahasa(&galat.message, i18n.get_locale() == Locale::en)}</span>
            {versi.map(|v| view! { " " <span class="petunjuk">{move || k::versi_sekarang(i18n.get_locale(), k::versi_sekarang::Isi { versi: &v })}</span> })}
            <span class="aksi">
                <button type="button" class="tombol-kedua" data-testid="terapkan-lagi" on:click=move |_| s.terapkan_lagi(seq)>
                    {teks(i18n, |l| td_string!(l, luring.terapkan_lagi))}
                </button>
                {halaman.map(|h| view! { <Tautan ke=h attr:class="tombol-teks" attr:data-testid="buka-ditolak">{teks(i18n, |l| td_string!(l, luring.buka))}</Tautan> })}
                <button type="button" class="tombol-teks" data-testid="buang-perubahan" on:click=move |_| s.buang(seq)>
                    {teks(i18n, |l| td_string!(l, luring.buang))}
                </button>
            </span>
        </li>
    }
}
