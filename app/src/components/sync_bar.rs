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
use crate::navigasi::Tautan;
use crate::offline::sync::{Syncer, use_syncer};
use crate::page::Halaman;
use crate::state::auth::{Auth, use_auth};
use crate::state::outbox::{Change, Refused};

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

fn nama_perubahan(l: Locale, p: &Change) -> &'static str {
    use domain::skp::AksiSkp;
    match p {
        Change::BuatSkp => td_string!(l, luring.buat_skp),
        Change::UbahSkp(_) => td_string!(l, luring.ubah_skp),
        Change::LangkahSkp(_, AksiSkp::Submit) => td_string!(l, luring.ajukan_skp),
        Change::LangkahSkp(_, AksiSkp::Approve) => td_string!(l, luring.setujui_skp),
        Change::LangkahSkp(_, AksiSkp::Return) => td_string!(l, luring.kembalikan_skp),
        Change::LangkahSkp(_, AksiSkp::Revise) => td_string!(l, luring.revisi_skp),
        _ => td_string!(l, luring.lain),
    }
}

#[component]
pub fn SyncBar() -> impl IntoView {
    let Some(s) = use_syncer() else { return ().into_any() };
    let i18n = use_i18n();
    let auth = use_auth();
    let dari_perangkat = api::use_client().dari_perangkat();
    // Plain attributes and texts rather than `Show`s: the bar is on every
    // page, and each view type costs the first load.
    let l = move || i18n.get_locale();
    let n = move || s.waiting.get();
    view! {
        <section class="sinkron" aria-label=move || td_string!(l(), luring.judul) data-testid="sinkron"
            hidden=move || !auth.0.with(|a| matches!(a, Auth::Masuk(_)))>
            <p class="baris-sinkron">
                <span class=move || if s.online.get() { "lencana daring" } else { "lencana luring" } data-testid="status-koneksi"
                    data-daring=move || s.online.get().to_string()>
                    {move || if s.online.get() { td_string!(l(), luring.daring) } else { td_string!(l(), luring.luring) }}
                </span>
                <span data-testid="menunggu" data-jumlah=move || n().to_string() hidden=move || n() == 0>
                    {move || k::menunggu(l(), k::menunggu::Isi { n: &n() })}
                </span>
                <button type="button" class="tombol-teks" data-testid="kirim-sekarang" hidden=move || n() == 0 on:click=move |_| s.send()>
                    {move || td_string!(l(), luring.kirim_sekarang)}
                </button>
                <span class="petunjuk" data-testid="terakhir-sinkron" hidden=move || s.last_sync.with(Option::is_none)>
                    {move || s.last_sync.get().map(|t| k::terakhir(l(), k::terakhir::Isi { waktu: &jam(t) }))}
                </span>
                <span class="petunjuk" data-testid="dari-perangkat" hidden=move || dari_perangkat.with(Option::is_none)>
                    {move || dari_perangkat.get().map(|t| k::dari_perangkat(l(), k::dari_perangkat::Isi { waktu: &jam(t) }))}
                </span>
            </p>
            <div class="ditolak" role="alert" data-testid="ditolak" hidden=move || s.refused.with(Vec::is_empty)>
                <h2>{move || td_string!(l(), luring.ditolak_judul)}</h2>
                <p class="petunjuk">{move || td_string!(l(), luring.ditolak_petunjuk)}</p>
                <ul>{move || s.refused.get().into_iter().map(|r| ditolak(s, r)).collect_view()}</ul>
            </div>
        </section>
    }
    .into_any()
}

/// One refused change: what it was, the server's note, the record's version
/// now, and the three ways on.
fn ditolak(s: Syncer, r: Refused) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let m = &r.entry.mutation;
    let seq = m.seq;
    let perubahan = Change::of(&m.method, &m.path);
    let galat: domain::api::ErrorBody = crate::offline::from_json(&r.body).unwrap_or_default();
    let versi = r.body.pointer("/current/version").and_then(Value::as_i64);
    let halaman = perubahan.skp_id().map(|id| match &perubahan {
        Change::LangkahSkp(_, domain::skp::AksiSkp::Approve | domain::skp::AksiSkp::Return) => {
            Halaman::TinjauSkp(id.to_owned())
        }
        _ => Halaman::Skp(id.to_owned()),
    });
    // A refused save: set beside the SKP as it now is, field by field.
    let banding = match &perubahan {
        Change::UbahSkp(id) if versi.is_some() => Some(Halaman::Banding(id.clone())),
        _ => None,
    };
    let teks = move || {
        let mut t =
            format!("{} — {}", nama_perubahan(l(), &perubahan), api::satu_bahasa(&galat.message, l() == Locale::en));
        if let Some(v) = versi {
            t.push(' ');
            t.push_str(&k::versi_sekarang(l(), k::versi_sekarang::Isi { versi: &v }));
        }
        t
    };
    view! {
        <li data-testid="ditolak-item" data-status=r.status.to_string()>
            <span data-testid="ditolak-pesan">{teks}</span>
            <span class="aksi">
                <button type="button" class="tombol-kedua" data-testid="terapkan-lagi" on:click=move |_| s.reapply(seq)>
                    {move || td_string!(l(), luring.terapkan_lagi)}
                </button>
                {banding.map(|h| view! { <Tautan ke=h attr:class="tombol-teks" attr:data-testid="banding-ditolak">{move || td_string!(l(), pegawai.bandingkan)}</Tautan> })}
                {halaman.map(|h| view! { <Tautan ke=h attr:class="tombol-teks" attr:data-testid="buka-ditolak">{move || td_string!(l(), luring.buka)}</Tautan> })}
                <button type="button" class="tombol-teks" data-testid="buang-perubahan" on:click=move |_| s.drop_refused(seq)>
                    {move || td_string!(l(), luring.buang)}
                </button>
            </span>
        </li>
    }
}
