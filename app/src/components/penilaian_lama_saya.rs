//! One of the pegawai's numeric evaluations (a former rule set's period) as
//! they read it on `/evaluasi`: the evaluation and its rule set, the nilai
//! with its predikat or sebutan and the explanation (the penilai's sheet's
//! own rendering, [`NilaiLama`]), the SKP's number, the nilai perilaku, the
//! weights, each aspect as rated, the penilai's notes, who rated and when.

use domain::api::PenilaianLamaSaya;
use domain::rule_set::RuleSet;
use leptos::prelude::*;

use crate::components::nilai_lama::{NilaiLama, angka};
use crate::i18n::{t, td_string, use_i18n};
use crate::pages::dokumen_evaluasi::label_evaluasi;
use crate::state::penilaian_lama::label_aspek;
use crate::state::penilaian_lama_saya::{RincianLama, dinilai};
use crate::teks::{tanggal_detik, teks};

#[component]
pub fn KartuNilaiLama(item: PenilaianLamaSaya) -> impl IntoView {
    let i18n = use_i18n();
    let PenilaianLamaSaya { skp_id, tahun, rule_set, evaluasi, penilai, penilaian: tercatat, .. } = item;
    let r = RincianLama::dari(&tercatat.penilaian);
    let aturan = rule_set.label();
    let (catatan, rekomendasi) = (tercatat.penilaian.catatan().to_owned(), tercatat.penilaian.rekomendasi().to_owned());
    let (bobot_skp, bobot_perilaku) = r.bobot;
    let (nilai_skp, nilai_perilaku, diubah) = (r.nilai_skp, r.nilai_perilaku, tercatat.diubah);
    let ev = evaluasi.clone();
    let label_skp = move || {
        let l = i18n.get_locale();
        if rule_set == RuleSet::Pp46_2011 {
            td_string!(l, penilaian.lama_nilai_capaian_skp)
        } else {
            td_string!(l, penilaian.lama_nilai_skp)
        }
    };
    view! {
        <article class="nilai-lama-saya" data-testid="nilai-lama-saya" data-skp=skp_id data-evaluasi=evaluasi
            data-rule-set=rule_set.kode() data-nilai=domain::rule_set::angka(tercatat.nilai).en data-sebutan=tercatat.sebutan.clone()>
            <h3>{move || format!("{} {tahun}", label_evaluasi(i18n.get_locale(), &ev))}</h3>
            <p class="petunjuk">{move || aturan.dalam(i18n.get_locale().kode()).to_owned()}</p>
            <div class="hasil">
                <NilaiLama rule_set=rule_set nilai=Signal::stored(Some(tercatat.penilaian.clone())) />
            </div>
            <dl class="ringkasan-nilai">
                <dt>{label_skp}</dt>
                <dd data-testid="nilai-skp-lama">{move || angka(i18n.get_locale(), nilai_skp)}</dd>
                <dt>{teks(i18n, |l| td_string!(l, penilaian.lama_nilai_perilaku))}</dt>
                <dd>{move || angka(i18n.get_locale(), nilai_perilaku)}</dd>
                <dt>{teks(i18n, |l| td_string!(l, penilaian.lama_bobot))}</dt>
                <dd data-testid="bobot-lama">{t!(i18n, penilaian.lama_bobot_isi, skp = move || bobot_skp, perilaku = move || bobot_perilaku)}</dd>
                {r.inovasi.map(|ada| view! {
                    <dt>{teks(i18n, |l| td_string!(l, penilaian.lama_inovasi_judul))}</dt>
                    <dd>{move || if ada { td_string!(i18n.get_locale(), penilaian.lama_inovasi_ada) } else { td_string!(i18n.get_locale(), penilaian.lama_inovasi_tidak) }}</dd>
                })}
            </dl>
            <h4>{teks(i18n, |l| td_string!(l, penilaian.lama_perilaku_dinilai))}</h4>
            <dl class="ringkasan-nilai" data-testid="aspek-lama">
                {r.aspek.into_iter().map(|(a, x)| {
                    let label = label_aspek(a);
                    view! {
                        <dt>{move || label.dalam(i18n.get_locale().kode()).to_owned()}</dt>
                        <dd data-aspek=a.kode()>{move || angka(i18n.get_locale(), x)}</dd>
                    }
                }).collect_view()}
            </dl>
            <dl class="ringkasan-nilai">
                {(!catatan.is_empty()).then(|| view! { <dt>{teks(i18n, |l| td_string!(l, penilaian.catatan))}</dt><dd data-testid="catatan-lama">{catatan}</dd> })}
                {(!rekomendasi.is_empty()).then(|| view! { <dt>{teks(i18n, |l| td_string!(l, penilaian.rekomendasi))}</dt><dd>{rekomendasi}</dd> })}
                <dt>{teks(i18n, |l| td_string!(l, penilaian.lama_dinilai))}</dt>
                <dd data-testid="dinilai-lama">{move || dinilai(penilai.as_deref(), &tanggal_detik(diubah, i18n.get_locale()))}</dd>
            </dl>
        </article>
    }
}
