//! A former rule set's evaluation as its pegawai reads it (`/evaluasi`):
//! the recorded numbers in the order the form has them — the SKP's number,
//! the nilai perilaku and each aspect as rated, the weights they were
//! combined with, and under PermenPANRB 8/2021 whether an innovation was
//! recorded (its Sangat Baik needs one). Plain data read from the server's
//! record (`domain::skp::PenilaianLama`), tested natively.

use domain::rule_set::RuleSet;
use domain::skp::PenilaianLama;
use domain::skp::penilaian_lama::AspekPerilaku;

/// One evaluation's numbers, as listed.
#[derive(Clone, Debug, PartialEq)]
pub struct RincianLama {
    /// Nilai SKP (8/2021) or nilai capaian SKP (PP 46/2011): what the rating started from.
    pub nilai_skp: f64,
    pub nilai_perilaku: f64,
    /// The percent weights of the SKP's number and of the nilai perilaku.
    pub bobot: (u8, u8),
    /// The aspects rated, in the rule set's form order.
    pub aspek: Vec<(AspekPerilaku, f64)>,
    /// PermenPANRB 8/2021: an innovation recorded or not; `None` under PP 46/2011.
    pub inovasi: Option<bool>,
}

impl RincianLama {
    pub fn dari(p: &PenilaianLama) -> RincianLama {
        let rule_set = p.rule_set();
        RincianLama {
            nilai_skp: p.nilai_skp(),
            nilai_perilaku: p.nilai_perilaku(),
            bobot: p.bobot(),
            aspek: AspekPerilaku::untuk(rule_set)
                .iter()
                .filter_map(|a| p.perilaku().get(a).map(|x| (*a, *x)))
                .collect(),
            inovasi: (rule_set == RuleSet::Permenpanrb8_2021).then(|| p.inovasi()),
        }
    }
}

/// Who rated and when: `Siti Rahmawati · 6 April 2026`, the date alone
/// when the rater is no longer known.
pub fn dinilai(penilai: Option<&str>, pada: &str) -> String {
    match penilai {
        Some(n) if !n.trim().is_empty() => format!("{n} · {pada}"),
        _ => pada.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use domain::periode::PeriodeEvaluasi;
    use domain::skp::PenilaianLamaInput;
    use domain::skp::penilaian_lama::DasarLama;

    use super::*;
    use domain::skp::penilaian_lama::AspekPerilaku::*;

    fn rekaman(
        rule_set: RuleSet,
        aspek: &[(AspekPerilaku, f64)],
        ubah: impl Fn(&mut PenilaianLamaInput),
    ) -> PenilaianLama {
        let dasar = DasarLama { rule_set, nilai_kegiatan: vec![100.0], nilai_skp: Some(109.0), kendala: vec![] };
        let mut i = PenilaianLamaInput::kosong(PeriodeEvaluasi::Tahunan);
        // Typed in an order of its own: the list follows the form's.
        for (a, x) in aspek.iter().rev() {
            i.perilaku.insert(a.kode().to_owned(), *x);
        }
        ubah(&mut i);
        i.validate(&dasar).unwrap()
    }

    #[test]
    fn a_pp_46_record_lists_its_aspects_in_the_forms_order_with_its_60_40_weights() {
        let aspek = [
            (OrientasiPelayanan, 80.0),
            (Integritas, 85.0),
            (Komitmen, 90.0),
            (Disiplin, 75.0),
            (KerjaSama, 80.0),
            (Kepemimpinan, 100.0),
        ];
        let p = rekaman(RuleSet::Pp46_2011, &aspek, |i| {
            i.jumlah_tugas_tambahan = 2;
            i.nilai_kreativitas = 3.0;
        });
        let r = RincianLama::dari(&p);
        // 100 + 1 (two tugas tambahan) + 3 (kreativitas) = 104; (410 + 100) / 6 = 85.
        assert_eq!((r.nilai_skp, r.nilai_perilaku, r.bobot, r.inovasi), (104.0, 85.0, (60, 40), None));
        assert_eq!(r.aspek, aspek);
        // Kepemimpinan left empty (not a structural official) is not listed.
        let r = RincianLama::dari(&rekaman(RuleSet::Pp46_2011, &aspek[..5], |_| {}));
        assert_eq!(r.aspek.last(), Some(&(KerjaSama, 80.0)));
    }

    #[test]
    fn who_rated_and_when_reads_as_one_line() {
        assert_eq!(dinilai(Some("Siti Rahmawati"), "6 April 2026"), "Siti Rahmawati · 6 April 2026");
        assert_eq!(dinilai(None, "6 April 2026"), "6 April 2026");
        assert_eq!(dinilai(Some(" "), "6 April 2026"), "6 April 2026");
    }

    #[test]
    fn an_8_2021_record_shows_the_weights_applied_and_the_innovation() {
        let aspek = [(OrientasiPelayanan, 112.0), (Komitmen, 112.0), (InisiatifKerja, 112.0), (KerjaSama, 112.0)];
        let r = RincianLama::dari(&rekaman(RuleSet::Permenpanrb8_2021, &aspek, |_| {}));
        assert_eq!((r.nilai_skp, r.bobot, r.inovasi), (109.0, (70, 30), Some(false)));
        assert_eq!(r.aspek, aspek);
        let r = RincianLama::dari(&rekaman(RuleSet::Permenpanrb8_2021, &aspek, |i| {
            i.perilaku_dari_rekan = true;
            i.inovasi = true;
        }));
        assert_eq!((r.bobot, r.inovasi), ((60, 40), Some(true)));
    }
}
