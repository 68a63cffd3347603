use leptos::prelude::*;

use domain::api::{AktivasiDibuat, AtasanItem, BuatPeriode, PeranAkun, PeriodeDibuat, Ringkasan, SetAtasan};

use crate::api;
use crate::api::admin::ImportError;
use crate::components::admin_aktivasi::AdminAktivasi;
use crate::components::admin_atasan::AdminTabelAtasan;
use crate::components::admin_form_atasan::AdminFormAtasan;
use crate::components::admin_form_periode::AdminFormPeriode;
use crate::components::admin_impor::AdminImpor;
use crate::components::admin_periode::AdminPeriode;
use crate::components::admin_unit::AdminUnit;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{Locale, t, t_string, td_string, use_i18n};
use crate::navigasi::use_navigasi;
use crate::pages::beranda::hari_ini;
use crate::state::admin::{baris_atasan, berlaku_bawaan, periode_bawaan, unit_datar};
use crate::state::auth::use_auth;
use crate::teks::{rentang_tanggal, teks};

/// `/admin`: the instansi admin's tools: periods and their rule set, units
/// and the atasan mapping of a period (`?periode=` in the URL), the CSV
/// import and activation codes.
#[component]
pub fn Admin() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let admin = move || auth.0.with(|a| a.session().is_some_and(|s| s.peran != PeranAkun::Pegawai));
    view! {
        <PerluMasuk>
            <Show when=admin fallback=move || view! {
                <section class="kartu" data-testid="bukan-admin">
                    <h1>{teks(i18n, |l| td_string!(l, admin.judul))}</h1>
                    <p>{teks(i18n, |l| td_string!(l, admin.hanya_admin))}</p>
                </section>
            }>
                <Konsol />
            </Show>
        </PerluMasuk>
    }
}

/// A section's load failure, in its place (the console's other sections stay
/// usable): an ended session raises the sign-in dialog, a 403 says the page
/// is for admins, no connection says so with a retry, the server's refusal
/// or an unreadable answer in the user's language; `ulang` loads again.
fn gagal(e: api::Error, ulang: Callback<()>) -> AnyView {
    let i18n = use_i18n();
    match e {
        api::Error::Api { status: 403, .. } => {
            view! { <p class="kartu galat">{teks(i18n, |l| td_string!(l, admin.hanya_admin))}</p> }.into_any()
        }
        e @ (api::Error::Api { .. } | api::Error::Decode) => {
            view! { <p class="kartu galat" role="alert">{move || e.untuk_pengguna(i18n.get_locale())}</p> }.into_any()
        }
        e => view! { <GagalMuat galat=Some(e) ulang=ulang /> }.into_any(),
    }
}

#[component]
fn Konsol() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let nav = use_navigasi();
    let en = move || i18n.get_locale() == Locale::en;

    // ---- data
    let client = api::use_client();
    let periode = LocalResource::new(move || client.list_periode());
    let unit = LocalResource::new(move || client.list_unit());
    let periode_list = Signal::derive(move || periode.get().and_then(Result::ok).unwrap_or_default());
    let dipilih = Memo::new(move |_| {
        nav.query("periode")
            .filter(|id| periode_list.with(|l| l.iter().any(|p| &p.id == id)))
            .or_else(|| periode_list.with(|l| periode_bawaan(l, hari_ini())))
    });
    let periode_dipilih = Signal::derive(move || {
        dipilih.get().and_then(|id| periode_list.with(|l| l.iter().find(|p| p.id == id).cloned()))
    });
    let atasan = LocalResource::new(move || {
        let id = dipilih.get();
        async move {
            match id {
                Some(id) => client.list_atasan(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let cari_penilai = RwSignal::new(String::new());
    let cari_atasan = RwSignal::new(String::new());
    let cari = |q: RwSignal<String>| {
        let hasil = LocalResource::new(move || {
            let q = q.get();
            async move {
                if q.trim().chars().count() < 2 {
                    return None;
                }
                // With the query it answers, so Enter never picks from an older search.
                client.search_pegawai(q.trim()).await.ok().map(|h| (q, h.items))
            }
        });
        Signal::derive(move || hasil.get().flatten())
    };
    let hasil_penilai = cari(cari_penilai);
    let hasil_atasan = cari(cari_atasan);

    // ---- periods
    let periode_galat = RwSignal::new(None::<api::Error>);
    let periode_baru = RwSignal::new(None::<PeriodeDibuat>);
    let buat_periode = Action::new_local(move |b: &BuatPeriode| {
        let b = b.clone();
        async move { client.create_periode(&b).await }
    });
    Effect::new(move |_| match buat_periode.value().get() {
        Some(Ok(p)) => {
            periode_galat.set(None);
            periode_baru.set(Some(p));
            periode.refetch();
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => periode_galat.set(Some(e)),
        None => {}
    });

    // ---- atasan mapping
    let edit = RwSignal::new(None::<AtasanItem>);
    let atasan_galat = RwSignal::new(None::<api::Error>);
    let atasan_disimpan = RwSignal::new(None::<String>);
    let kunci_atasan = StoredValue::new(api::idempotency_key());
    let set_atasan = Action::new_local(move |b: &SetAtasan| {
        let (b, key) = (b.clone(), kunci_atasan.get_value());
        async move { client.set_atasan(&b, &key).await }
    });
    Effect::new(move |_| {
        let Some(hasil) = set_atasan.value().get() else { return };
        if !matches!(hasil, Err(api::Error::Network)) {
            kunci_atasan.set_value(api::idempotency_key());
        }
        match hasil {
            Ok(_) => {
                atasan_galat.set(None);
                atasan_disimpan.set(edit.get_untracked().map(|e| e.nama));
                edit.set(None);
                atasan.refetch();
            }
            Err(api::Error::SessionEnded) => auth.expire(),
            Err(e) => atasan_galat.set(Some(e)),
        }
    });
    let atur = Callback::new(move |item: AtasanItem| {
        atasan_galat.set(None);
        atasan_disimpan.set(None);
        cari_penilai.set(String::new());
        cari_atasan.set(String::new());
        edit.set(Some(item));
    });
    let pilih_periode = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        edit.set(None);
        nav.ganti_query(&format!("periode={id}"));
    };

    // ---- import
    let berkas = RwSignal::new(None::<(String, String)>);
    let kunci_terapkan = StoredValue::new(api::idempotency_key());
    let diperiksa = RwSignal::new(false);
    let ringkasan = RwSignal::new(None::<Ringkasan>);
    let impor_galat = RwSignal::new(None::<ImportError>);
    let impor = Action::new_local(move |terapkan: &bool| {
        let terapkan = *terapkan;
        let teks = berkas.with_untracked(|b| b.as_ref().map(|b| b.1.clone()).unwrap_or_default());
        let key = if terapkan { kunci_terapkan.get_value() } else { api::idempotency_key() };
        let periode_id = dipilih.get_untracked();
        async move { (terapkan, client.import_csv(teks, terapkan, periode_id, &key).await) }
    });
    Effect::new(move |_| {
        let Some((terapkan, hasil)) = impor.value().get() else { return };
        if terapkan && !matches!(hasil, Err(ImportError::Other(api::Error::Network))) {
            kunci_terapkan.set_value(api::idempotency_key());
        }
        match hasil {
            Ok(r) => {
                impor_galat.set(None);
                diperiksa.set(!r.terapkan);
                if r.terapkan {
                    atasan.refetch();
                    unit.refetch();
                }
                ringkasan.set(Some(r));
            }
            Err(ImportError::Other(api::Error::SessionEnded)) => auth.expire(),
            Err(e) => {
                diperiksa.set(false);
                ringkasan.set(None);
                impor_galat.set(Some(e));
            }
        }
    });
    let pilih_berkas = Callback::new(move |f: web_sys::File| {
        let nama = f.name();
        leptos::task::spawn_local(async move {
            let teks = match baca_teks(&f).await {
                Some(t) => t,
                None => return,
            };
            kunci_terapkan.set_value(api::idempotency_key());
            diperiksa.set(false);
            ringkasan.set(None);
            impor_galat.set(None);
            berkas.set(Some((nama, teks)));
        });
    });

    // ---- activation codes
    let kode = RwSignal::new(None::<AktivasiDibuat>);
    let kode_galat = RwSignal::new(None::<api::Error>);
    let aktivasi = Action::new_local(move |_: &()| client.create_aktivasi());
    Effect::new(move |_| match aktivasi.value().get() {
        Some(Ok(k)) => {
            kode_galat.set(None);
            kode.set(Some(k));
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => kode_galat.set(Some(e)),
        None => {}
    });

    let tahun_depan = hari_ini().tahun() + 1;
    view! {
        <section class="kartu" style:min-width="0" data-testid="konsol-admin">
            <h1>{teks(i18n, |l| td_string!(l, admin.judul))}</h1>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.pengantar))}</p>
            <nav class="nav-admin" aria-label=move || t_string!(i18n, admin.bagian_admin).to_string()>
                <a href="#bagian-periode">{teks(i18n, |l| td_string!(l, admin.judul_periode))}</a> " · "
                <a href="#bagian-atasan">{teks(i18n, |l| td_string!(l, admin.judul_atasan))}</a> " · "
                <a href="#bagian-impor">{teks(i18n, |l| td_string!(l, admin.judul_impor))}</a> " · "
                <a href="#bagian-aktivasi">{teks(i18n, |l| td_string!(l, admin.judul_aktivasi))}</a>
            </nav>
        </section>

        <section class="kartu" style:min-width="0" id="bagian-periode" aria-labelledby="judul-periode">
            <h2 id="judul-periode">{teks(i18n, |l| td_string!(l, admin.judul_periode))}</h2>
            {move || match periode.get() {
                None => view! { <GagalMuat galat=None /> }.into_any(),
                Some(Err(e)) => gagal(e, Callback::new(move |_| periode.refetch())),
                Some(Ok(_)) => view! { <AdminPeriode periode=periode_list /> }.into_any(),
            }}
            {move || periode_baru.get().map(|p| {
                let tahun = p.periode.tahun;
                let peringatan: Vec<String> = p.peringatan.values().flatten().map(|m| api::satu_bahasa(m, en())).collect();
                view! {
                    <p class="berhasil" role="status" data-testid="periode-dibuat">{t!(i18n, admin.periode_dibuat, tahun = move || tahun)}</p>
                    <ul class="peringatan">{peringatan.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                }
            })}
            <AdminFormPeriode tahun_awal=tahun_depan simpan=Callback::new(move |b| { buat_periode.dispatch(b); })
                pending=buat_periode.pending() galat=periode_galat />
        </section>

        <section class="kartu" style:min-width="0" id="bagian-atasan" aria-labelledby="judul-atasan">
            <h2 id="judul-atasan">{teks(i18n, |l| td_string!(l, admin.judul_atasan))}</h2>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.petunjuk_atasan))}</p>
            <div class="baris">
                <label for="pilih-periode">{teks(i18n, |l| td_string!(l, admin.periode))}</label>
                <select id="pilih-periode" data-testid="pilih-periode" on:change=pilih_periode>
                    {move || {
                        let l = i18n.get_locale();
                        periode_list.get().into_iter().map(|p| {
                            let id = p.id.clone();
                            let rentang = rentang_tanggal(&p.mulai, &p.selesai, l);
                            view! { <option value=p.id.clone() selected=move || dipilih.get().as_deref() == Some(id.as_str())>{p.tahun} " (" {rentang} ")"</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            <details class="unit">
                <summary>{teks(i18n, |l| td_string!(l, admin.judul_unit))}</summary>
                {move || match unit.get() {
                    None => view! { <GagalMuat galat=None /> }.into_any(),
                    Some(Err(e)) => gagal(e, Callback::new(move |_| unit.refetch())),
                    Some(Ok(u)) => view! { <AdminUnit unit=unit_datar(&u) /> }.into_any(),
                }}
            </details>
            <p class="berhasil" role="status" data-testid="atasan-disimpan">
                {move || atasan_disimpan.get().map(|n| t!(i18n, admin.atasan_disimpan, nama = move || n.clone()))}
            </p>
            {move || {
                let item = edit.get()?;
                let p = periode_dipilih.get()?;
                let awal = berlaku_bawaan(hari_ini(), &p, item.berlaku_mulai.as_deref());
                Some(view! {
                    <AdminFormAtasan item=item periode=p berlaku_awal=awal
                        cari_penilai=cari_penilai hasil_penilai=hasil_penilai
                        cari_atasan=cari_atasan hasil_atasan=hasil_atasan
                        simpan=Callback::new(move |b| { set_atasan.dispatch(b); })
                        batal=Callback::new(move |_| edit.set(None))
                        pending=set_atasan.pending() galat=atasan_galat />
                })
            }}
            {move || match atasan.get() {
                None => view! { <GagalMuat galat=None /> }.into_any(),
                Some(Err(e)) => gagal(e, Callback::new(move |_| atasan.refetch())),
                Some(Ok(None)) => view! { <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.periode_kosong))}</p> }.into_any(),
                Some(Ok(Some(h))) => {
                    let tanpa = h.tanpa_penilai;
                    view! { <AdminTabelAtasan baris=baris_atasan(&h.items) tanpa_penilai=tanpa atur=atur /> }.into_any()
                }
            }}
        </section>

        <section class="kartu" style:min-width="0" id="bagian-impor" aria-labelledby="judul-impor">
            <h2 id="judul-impor">{teks(i18n, |l| td_string!(l, admin.judul_impor))}</h2>
            <AdminImpor
                nama_berkas=Signal::derive(move || berkas.with(|b| b.as_ref().map(|b| b.0.clone())))
                pilih=pilih_berkas
                periksa=Callback::new(move |_| { impor.dispatch(false); })
                terapkan=Callback::new(move |_| { impor.dispatch(true); })
                pending=impor.pending()
                siap=diperiksa
                ringkasan=ringkasan
                galat=impor_galat />
        </section>

        <section class="kartu" style:min-width="0" id="bagian-aktivasi" aria-labelledby="judul-aktivasi">
            <h2 id="judul-aktivasi">{teks(i18n, |l| td_string!(l, admin.judul_aktivasi))}</h2>
            <AdminAktivasi buat=Callback::new(move |_| { aktivasi.dispatch(()); })
                pending=aktivasi.pending() hasil=kode galat=kode_galat />
        </section>
    }
}

/// The text of a chosen file (UTF-8), read in the browser.
async fn baca_teks(f: &web_sys::File) -> Option<String> {
    let blob: &web_sys::Blob = f;
    let res = gloo_net::http::Response::builder().body(Some(blob)).ok()?;
    res.text().await.ok()
}
