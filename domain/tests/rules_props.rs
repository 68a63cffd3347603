//! Invariants of the rules, as property tests.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use domain::distribusi::{JumlahPredikat, ModeDistribusi, check_distribusi, fits_pola_distribusi};
use domain::rule_set::JenisRhk;
use domain::rule_set::permenpanrb_6_2022::{
    Predikat, PredikatOrganisasi, RatingEkspektasi, kuadran_predikat, suggest_rating_hasil_kerja,
};
use domain::rule_set::permenpanrb_8_2021::{
    Polaritas, compute_capaian_iki, compute_nilai_capaian_iki, compute_nilai_kinerja,
};
use domain::rule_set::pp_46_2011::{BATAS_EFISIENSI_PERSEN, nilai_efisiensi, sebutan};

fn rating() -> impl Strategy<Value = RatingEkspektasi> {
    prop::sample::select(RatingEkspektasi::ALL.to_vec())
}

fn organisasi() -> impl Strategy<Value = PredikatOrganisasi> {
    prop::sample::select(PredikatOrganisasi::ALL.to_vec())
}

fn jenis_rhk() -> impl Strategy<Value = JenisRhk> {
    prop::sample::select(JenisRhk::ALL.to_vec())
}

/// One step worse, if there is one.
fn turun(r: RatingEkspektasi) -> RatingEkspektasi {
    match r {
        RatingEkspektasi::DiatasEkspektasi => RatingEkspektasi::SesuaiEkspektasi,
        _ => RatingEkspektasi::DibawahEkspektasi,
    }
}

proptest! {
    #[test]
    fn the_predikat_never_improves_when_a_rating_drops(h in rating(), p in rating()) {
        let sekarang = kuadran_predikat(h, p).peringkat();
        prop_assert!(kuadran_predikat(turun(h), p).peringkat() >= sekarang);
        prop_assert!(kuadran_predikat(h, turun(p)).peringkat() >= sekarang);
    }

    #[test]
    fn behaviour_below_expectation_caps_the_predikat_at_kurang(h in rating()) {
        let predikat = kuadran_predikat(h, RatingEkspektasi::DibawahEkspektasi);
        prop_assert!(predikat.peringkat() >= Predikat::Kurang.peringkat());
    }

    #[test]
    fn a_suggested_diatas_never_has_an_rhk_utama_below_expectation(
        penilaian in prop::collection::vec((jenis_rhk(), rating()), 0..60)
    ) {
        let saran = suggest_rating_hasil_kerja(penilaian.iter().copied());
        prop_assert_eq!(saran.rekap.semua().total() as usize, penilaian.len());
        prop_assert_eq!(saran.saran.is_none(), penilaian.is_empty());
        if saran.saran == Some(RatingEkspektasi::DiatasEkspektasi) {
            prop_assert_eq!(saran.rekap.utama.dibawah, 0);
        }
    }

    #[test]
    fn pp46_waktu_is_monotone_on_each_side_of_the_24_percent_break(
        target in 1.0f64..1000.0,
        a in 0.0f64..3.0,
        b in 0.0f64..3.0,
    ) {
        // Realisasi as a fraction of the target; efficiency = 100 − fraction × 100.
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let batas = 1.0 - BATAS_EFISIENSI_PERSEN / 100.0 + 1e-6;
        let (w_lo, w_hi) = (nilai_efisiensi(target, lo * target), nilai_efisiensi(target, hi * target));
        if lo >= batas {
            // Efficiency ≤ 24%: the later (or dearer), the lower the score.
            prop_assert!(w_hi <= w_lo + 1e-9, "{lo}→{w_lo}, {hi}→{w_hi}");
        } else if hi < batas - 2e-6 {
            // Efficiency > 24%: finishing even earlier lowers the score too.
            prop_assert!(w_lo <= w_hi + 1e-9, "{lo}→{w_lo}, {hi}→{w_hi}");
        }
        prop_assert!(w_lo >= 0.0 && w_hi >= 0.0);
    }

    #[test]
    fn capaian_iki_is_monotone_in_realisasi_for_normal_and_antitone_for_khusus(
        lo in 1.0f64..500.0,
        lebar in 0.0f64..200.0,
        a in 0.0f64..2000.0,
        b in 0.0f64..2000.0,
    ) {
        let hi = lo + lebar;
        let (r1, r2) = if a <= b { (a, b) } else { (b, a) };
        let normal = |r| compute_capaian_iki(lo, hi, r, Polaritas::Normal).map(|c| c.capaian_persen);
        let khusus = |r| compute_capaian_iki(lo, hi, r, Polaritas::Khusus).map(|c| c.capaian_persen);
        let (n1, n2) = (normal(r1).unwrap(), normal(r2).unwrap());
        let (k1, k2) = (khusus(r1).unwrap(), khusus(r2).unwrap());
        prop_assert!(n1 <= n2 + 1e-9, "normal {r1}→{n1}, {r2}→{n2}");
        prop_assert!(k1 + 1e-9 >= k2, "khusus {r1}→{k1}, {r2}→{k2}");
        prop_assert!(n1 >= 0.0 && k2 >= 0.0);
    }

    #[test]
    fn nilai_capaian_iki_never_drops_when_capaian_rises_and_stays_within_0_to_120(
        a in 0.0f64..200.0,
        b in 0.0f64..200.0,
        maksimal in any::<bool>(),
    ) {
        let (c1, c2) = if a <= b { (a, b) } else { (b, a) };
        let n1 = compute_nilai_capaian_iki(c1, maksimal).unwrap().nilai;
        let n2 = compute_nilai_capaian_iki(c2, maksimal).unwrap().nilai;
        prop_assert!(n1 <= n2 + 1e-9, "{c1}→{n1}, {c2}→{n2}");
        prop_assert!((0.0..=120.0).contains(&n1) && (0.0..=120.0).contains(&n2));
    }

    #[test]
    fn nilai_kinerja_lies_between_its_two_parts(
        skp in 0.0f64..=120.0,
        perilaku in 0.0f64..=120.0,
        rekan in any::<bool>(),
        inovasi in any::<bool>(),
    ) {
        let n = compute_nilai_kinerja(skp, perilaku, rekan, inovasi).unwrap();
        prop_assert!(n.nilai_kinerja >= skp.min(perilaku) - 0.005);
        prop_assert!(n.nilai_kinerja <= skp.max(perilaku) + 0.005);
        prop_assert_eq!(u32::from(n.bobot_skp) + u32::from(n.bobot_perilaku), 100);
    }

    #[test]
    fn a_higher_pp46_score_never_gets_a_worse_sebutan(a in 0.0f64..120.0, b in 0.0f64..120.0) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(sebutan(hi) as u8 <= sebutan(lo) as u8);
    }

    #[test]
    fn the_distribution_verdict_is_invariant_to_scaling_units_whose_size_is_a_multiple_of_10(
        org in organisasi(),
        bagian in prop::collection::vec(0u32..6, 5),
        ekor in 0u32..10,
        k in 1u32..50,
    ) {
        // Make the unit size a multiple of 10 so every limit is a whole number of people.
        let mut a = [bagian[0], bagian[1], bagian[2], bagian[3], bagian[4]];
        let total: u32 = a.iter().sum();
        a[(ekor % 5) as usize] += (10 - total % 10) % 10;
        let besar = a.map(|c| c * k);
        prop_assert_eq!(fits_pola_distribusi(org, &a), fits_pola_distribusi(org, &besar));
    }

    #[test]
    fn the_fast_recap_always_agrees_with_the_named_violations(
        org in organisasi(),
        a in prop::array::uniform5(0u32..40),
        blokir in any::<bool>(),
    ) {
        let mode = if blokir { ModeDistribusi::Blokir } else { ModeDistribusi::Peringatan };
        let hasil = check_distribusi(org, &JumlahPredikat::from_array(a), mode);
        prop_assert_eq!(hasil.sesuai_pola, fits_pola_distribusi(org, &a));
        prop_assert_eq!(hasil.sesuai_pola, hasil.pelanggaran.is_empty());
        prop_assert_eq!(hasil.boleh_ditetapkan, hasil.sesuai_pola || !blokir);
    }
}
