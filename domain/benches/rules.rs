//! Criterion benchmarks of the rules (DESIGN.md "Budgets"; never timed tests).
//!
//! 1. `rekap_nasional`: the predikat of 4.7 million employees via the kuadran
//!    and the distribution check of their 50,000 units. Budget: ≤ 2 s on one core.
//! 2. `preview_skp_50_rhk/<rule set>/angka`: the preview recompute of a
//!    50-RHK SKP with a realisation for each of its 100 indicators, under each
//!    of the three rule sets, as on every keystroke: every number, no
//!    explanation (`PreviewOptions::penjelasan = false`). Budget: ≤ 50 µs.
//!    `…/<rule set>/penjelasan`: the same with every explanation, for
//!    comparison (not budgeted; explanations are built on demand).
//!
//! Run with `cargo bench -p domain --bench rules`.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Duration;

    use criterion::{Criterion, Throughput};
    use domain::angka_kredit::Jenjang;
    use domain::distribusi::fits_pola_distribusi;
    use domain::pegawai::JenisJabatan;
    use domain::periode::PeriodeEvaluasi;
    use domain::rule_set::permenpanrb_6_2022::{PredikatOrganisasi, RatingEkspektasi, kuadran_predikat};
    use domain::rule_set::{JenisRhk, RuleSet};
    use domain::skp::preview::{PreviewOptions, SkpPreview, compute_preview_with_options};
    use domain::skp::{
        AspekIndikator, IndikatorInput, Polaritas, Realisasi, RealisasiInput, RencanaSkp, RhkInput, SkpInput,
    };

    pub const PEGAWAI: usize = 4_700_000;
    pub const UNIT: usize = 50_000;

    /// A 64-bit linear congruential generator (Knuth's MMIX constants): the
    /// synthetic data is the same on every run, and needs no rand crate.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u32 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) as u32
        }
    }

    /// The nation, unit by unit: each unit's organisation predikat and the
    /// range of its employees' (hasil kerja, perilaku) ratings.
    pub struct Nasional {
        pub organisasi: Vec<PredikatOrganisasi>,
        /// `batas[u]..batas[u + 1]` are the employees of unit `u`.
        pub batas: Vec<usize>,
        pub rating: Vec<(RatingEkspektasi, RatingEkspektasi)>,
    }

    fn rating_acak(rng: &mut Lcg) -> RatingEkspektasi {
        // Mostly "sesuai", as real units are: 20% above, 70% meets, 10% below.
        match rng.next() % 10 {
            0 | 1 => RatingEkspektasi::DiatasEkspektasi,
            9 => RatingEkspektasi::DibawahEkspektasi,
            _ => RatingEkspektasi::SesuaiEkspektasi,
        }
    }

    /// Generated once, outside the timed loop.
    pub fn buat_data() -> Nasional {
        let mut rng = Lcg(2023);
        // Unit sizes from 1 to 187 (mean 94), the last unit takes the remainder
        // so the total is exactly 4.7 million.
        let mut ukuran: Vec<usize> = (0..UNIT).map(|_| 1 + (rng.next() % 187) as usize).collect();
        let mut total: usize = ukuran.iter().sum();
        let mut i = 0;
        while total != PEGAWAI {
            if total < PEGAWAI {
                ukuran[i % UNIT] += 1;
                total += 1;
            } else if ukuran[i % UNIT] > 1 {
                ukuran[i % UNIT] -= 1;
                total -= 1;
            }
            i += 1;
        }
        let mut batas = Vec::with_capacity(UNIT + 1);
        batas.push(0);
        for u in &ukuran {
            batas.push(batas[batas.len() - 1] + u);
        }
        let organisasi = (0..UNIT).map(|_| PredikatOrganisasi::ALL[(rng.next() % 5) as usize]).collect();
        let rating = (0..PEGAWAI).map(|_| (rating_acak(&mut rng), rating_acak(&mut rng))).collect();
        Nasional { organisasi, batas, rating }
    }

    /// The recap: every employee's predikat, every unit's counts and verdict.
    /// Returns the number of units that fit their pattern.
    pub fn rekap_nasional(n: &Nasional) -> usize {
        let mut sesuai = 0;
        for (u, org) in n.organisasi.iter().enumerate() {
            let mut jumlah = [0u32; 5];
            for &(hasil, perilaku) in &n.rating[n.batas[u]..n.batas[u + 1]] {
                jumlah[usize::from(kuadran_predikat(hasil, perilaku).peringkat())] += 1;
            }
            sesuai += usize::from(fits_pola_distribusi(*org, &jumlah));
        }
        sesuai
    }

    pub fn bench_rekap_nasional(c: &mut Criterion) {
        let data = buat_data();
        assert_eq!(data.rating.len(), PEGAWAI);
        assert_eq!(data.batas[UNIT], PEGAWAI);
        let mut g = c.benchmark_group("rekap_nasional");
        g.sample_size(10).measurement_time(Duration::from_secs(10)).throughput(Throughput::Elements(PEGAWAI as u64));
        g.bench_function("kuadran_dan_pola_distribusi_4_7_juta_pegawai_50_ribu_unit", |b| {
            b.iter(|| rekap_nasional(black_box(&data)))
        });
        g.finish();
    }

    // ---------------------------------------------------------------------
    // Preview of a 50-RHK SKP (budget ≤ 50 µs native), built on the public
    // `domain::skp` API as it stands (skp/preview.rs). Owner of the skp
    // types: adjust `contoh_skp_50_rhk` when the inputs change.
    // ---------------------------------------------------------------------

    /// 50 RHK (40 utama, 10 tambahan) with 2 indicators each and a realisation
    /// for every indicator; built once, outside the timed loop. Indicator 0
    /// measures kuantitas (normal, target 80–90, realised 60–109), indicator 1
    /// waktu (khusus, target 10–12 months, realised 8–14), so every branch of
    /// the rules runs: below, inside and above the range, and both sides of
    /// PP 46/2011's 24% efficiency break.
    pub fn contoh_skp_50_rhk() -> (RencanaSkp, Vec<Realisasi>) {
        let mut rng = Lcg(50);
        let mut rhk = Vec::new();
        let mut realisasi = Vec::new();
        for r in 0..50 {
            let mut indikator = Vec::new();
            for i in 0..2 {
                let id = format!("iki-{r}-{i}");
                let waktu = i == 1;
                indikator.push(IndikatorInput {
                    id: id.clone(),
                    uraian: format!("Indikator {i} dari RHK {r}"),
                    aspek: if waktu { AspekIndikator::Waktu } else { AspekIndikator::Kuantitas },
                    target: if waktu { "10" } else { "80" }.into(),
                    target_maks: if waktu { "12" } else { "90" }.into(),
                    satuan: if waktu { "bulan" } else { "persen" }.into(),
                    polaritas: if waktu { Polaritas::Khusus } else { Polaritas::Normal },
                });
                let nilai = if waktu { 8 + rng.next() % 7 } else { 60 + rng.next() % 50 };
                let input = RealisasiInput {
                    indikator_id: id,
                    evaluasi: PeriodeEvaluasi::Tahunan,
                    nilai: nilai.to_string(),
                    uraian: String::new(),
                    bukti_dukung: Vec::new(),
                };
                realisasi.push(input.validate().expect("the synthetic realisation is valid"));
            }
            rhk.push(RhkInput {
                id: format!("rhk-{r}"),
                uraian: format!("Rencana hasil kerja nomor {r}"),
                jenis: if r < 40 { JenisRhk::Utama } else { JenisRhk::Tambahan },
                indikator,
                ..Default::default()
            });
        }
        let input = SkpInput { rhk, ..Default::default() };
        let rencana = input.validate(JenisJabatan::Fungsional).expect("the synthetic 50-RHK SKP is valid");
        (rencana, realisasi)
    }

    /// The options of the benchmarked preview: a functional position, so the
    /// PermenPANRB 6/2022 preview also converts its predikat to angka kredit;
    /// with or without the explanations.
    pub fn opsi(penjelasan: bool) -> PreviewOptions {
        PreviewOptions { jenjang: Some(Jenjang::AhliPertama), penjelasan, ..PreviewOptions::default() }
    }

    /// One preview: without explanations as the app recomputes it on each
    /// keystroke, with them as a full preview.
    pub fn preview_penuh(
        rencana: &RencanaSkp,
        realisasi: &[Realisasi],
        rule_set: RuleSet,
        opsi: &PreviewOptions,
    ) -> SkpPreview {
        compute_preview_with_options(
            rencana,
            realisasi,
            PeriodeEvaluasi::Tahunan,
            rule_set,
            Some(RatingEkspektasi::SesuaiEkspektasi),
            opsi,
        )
    }

    pub fn bench_preview_skp_50_rhk(c: &mut Criterion) {
        let (rencana, realisasi) = contoh_skp_50_rhk();
        assert_eq!(rencana.rhk().len(), 50);
        assert_eq!(realisasi.len(), 100);
        // The benchmarked previews compute every number: check once, outside the timing.
        for (rule_set, penjelasan) in RuleSet::ALL.into_iter().flat_map(|r| [(r, false), (r, true)]) {
            let p = preview_penuh(&rencana, &realisasi, rule_set, &opsi(penjelasan));
            assert_eq!(p.rule_set(), rule_set);
            let (semua_iki, skp) =
                match &p {
                    SkpPreview::Permenpanrb6_2022(p) => (
                        p.rhk.iter().flat_map(|r| &r.indikator).all(|i| i.rating.is_some()),
                        p.predikat.is_some() && p.angka_kredit.is_some(),
                    ),
                    SkpPreview::Permenpanrb8_2021(p) => (
                        p.rhk.iter().flat_map(|r| &r.indikator).map(|i| i.hasil.permenpanrb_8_2021()).all(|h| {
                            h.is_some_and(|h| h.nilai.is_some() && penjelasan == h.nilai_capaian_iki.is_some())
                        }),
                        p.nilai.is_some() && penjelasan == p.nilai_skp.is_some(),
                    ),
                    SkpPreview::Pp46_2011(p) => (
                        p.rhk
                            .iter()
                            .flat_map(|r| &r.indikator)
                            .map(|i| i.hasil.pp_46_2011())
                            .all(|h| h.is_some_and(|h| h.nilai.is_some() && penjelasan == h.nilai_aspek.is_some())),
                        p.nilai.is_some() && penjelasan == p.capaian_skp.is_some(),
                    ),
                };
            assert!(semua_iki && skp && p.kendala().is_empty(), "{rule_set:?} {penjelasan}: the preview is incomplete");
        }
        let mut g = c.benchmark_group("preview_skp_50_rhk");
        for rule_set in RuleSet::ALL {
            for (nama, penjelasan) in [("angka", false), ("penjelasan", true)] {
                let opsi = opsi(penjelasan);
                g.bench_function(format!("{}/{nama}", rule_set.kode()), |b| {
                    b.iter(|| preview_penuh(black_box(&rencana), black_box(&realisasi), rule_set, black_box(&opsi)))
                });
            }
        }
        g.finish();
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group!(benches, native::bench_rekap_nasional, native::bench_preview_skp_50_rhk);
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
