//! A period's distribution mode in the admin console: whether a unit
//! outside the pattern only warns (the default) or is blocked from being
//! finalised; saved on the settings' version (a 409 says who was faster).

use domain::api::{PengaturanPenilaian, SetPengaturanPenilaian};
use domain::distribusi::ModeDistribusi;
use leptos::prelude::*;

use crate::api;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::state::auth::use_auth;
use crate::teks::teks;

/// The mode's code on the wire and in the select.
pub fn kode_mode(m: ModeDistribusi) -> &'static str {
    match m {
        ModeDistribusi::Peringatan => "peringatan",
        ModeDistribusi::Blokir => "blokir",
    }
}

fn mode_dari(kode: &str) -> Option<ModeDistribusi> {
    [ModeDistribusi::Peringatan, ModeDistribusi::Blokir].into_iter().find(|m| kode_mode(*m) == kode)
}

fn label_mode(l: Locale, m: ModeDistribusi) -> &'static str {
    match m {
        ModeDistribusi::Peringatan => td_string!(l, admin.mode_peringatan),
        ModeDistribusi::Blokir => td_string!(l, admin.mode_blokir),
    }
}

#[component]
pub fn AdminModeDistribusi(periode_id: String, tahun: i64) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let pid = StoredValue::new(periode_id);
    let data = LocalResource::new(move || async move { client.pengaturan_penilaian(&pid.get_value()).await });
    let sekarang = RwSignal::new(None::<PengaturanPenilaian>);
    let pilihan = RwSignal::new(ModeDistribusi::Peringatan);
    Effect::new(move |_| {
        if let Some(Ok(p)) = data.get() {
            pilihan.set(p.mode_distribusi);
            sekarang.set(Some(p));
        }
    });
    let galat = RwSignal::new(None::<api::Error>);
    let tersimpan = RwSignal::new(false);
    let simpan = Action::new_local(move |mode: &ModeDistribusi| {
        let body = SetPengaturanPenilaian {
            mode_distribusi: *mode,
            version: sekarang.with_untracked(|p| p.as_ref().map_or(0, |p| p.version)),
        };
        async move { client.set_pengaturan_penilaian(&pid.get_value(), &body).await }
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
            // A 409 carries the current settings: read them again.
            data.refetch();
        }
        None => {}
    });
    let label_id = format!("mode-distribusi-{}", pid.get_value());
    view! {
        <div class="a360" data-testid="mode-distribusi"
            data-mode=move || sekarang.with(|p| p.as_ref().map(|p| kode_mode(p.mode_distribusi)).unwrap_or_default())>
            {move || match (data.get(), sekarang.get()) {
                (Some(Err(e)), None) => view! { <span class="galat">{e.untuk_pengguna(i18n.get_locale())}</span> }.into_any(),
                (_, None) => teks(i18n, |l| td_string!(l, umum.memuat)).into_any(),
                (_, Some(_)) => view! {
                    <label class="sr-only" for=label_id.clone()>{t!(i18n, admin.mode_label, tahun = move || tahun)}</label>
                    <select id=label_id.clone() data-testid="mode-distribusi-pilih"
                        prop:value=move || kode_mode(pilihan.get())
                        on:change=move |ev| { if let Some(m) = mode_dari(&event_target_value(&ev)) { tersimpan.set(false); pilihan.set(m); } }>
                        {[ModeDistribusi::Peringatan, ModeDistribusi::Blokir].into_iter().map(|m| view! {
                            <option value=kode_mode(m)>{move || label_mode(i18n.get_locale(), m)}</option>
                        }).collect_view()}
                    </select>
                    <button type="button" class="tombol-kedua" data-testid="mode-distribusi-simpan"
                        disabled=move || simpan.pending().get() on:click=move |_| { simpan.dispatch(pilihan.get_untracked()); }>
                        {teks(i18n, |l| td_string!(l, admin.simpan))}
                    </button>
                }.into_any(),
            }}
            <Show when=move || tersimpan.get()><span class="berhasil" role="status" data-testid="mode-distribusi-tersimpan">{teks(i18n, |l| td_string!(l, admin.tersimpan))}</span></Show>
            <span class="galat" role="alert">{move || galat.with(|e| e.as_ref().map(|e| e.untuk_pengguna(i18n.get_locale())))}</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mode_is_found_again_from_its_code_as_the_server_writes_it() {
        for m in [ModeDistribusi::Peringatan, ModeDistribusi::Blokir] {
            assert_eq!(mode_dari(kode_mode(m)), Some(m));
            assert_eq!(serde_json::to_value(m).unwrap(), kode_mode(m), "the wire's code");
        }
        assert_eq!(mode_dari("x"), None);
    }
}
