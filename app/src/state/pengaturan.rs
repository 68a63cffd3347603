//! The evaluation's settings as the admin (and a unit's leader) set them:
//! a period's evaluations to choose from, the organisation predikat
//! recorded for one of them (and the version a change is saved on), the
//! holiday form as the server takes it, and a refusal's messages. Plain
//! data: no browser, tested natively.

use domain::api::{HariLiburInput, HariLiburView, PeriodeView, PredikatOrganisasiView, TambahHariLibur};
use domain::periode::PeriodeEvaluasi;
use domain::rule_set::permenpanrb_6_2022::PredikatOrganisasi;
use domain::tanggal::Tanggal;
use domain::teks::Teks;

use crate::api;

/// Every evaluation of a period in its order (`periodik-1` …, then
/// `tahunan`), by code, with its label ("Triwulan I 2027", "Tahunan 2027").
pub fn evaluasi_periode(p: &PeriodeView) -> Vec<(String, Teks)> {
    let Some(per) = p.periode() else { return Vec::new() };
    let tahun = per.tahun();
    per.sub_periode()
        .into_iter()
        .map(|s| (PeriodeEvaluasi::Periodik { ke: s.ke }.kode(), s.label()))
        .chain(std::iter::once((
            PeriodeEvaluasi::Tahunan.kode(),
            Teks::new(format!("Tahunan {tahun}"), format!("Annual {tahun}")),
        )))
        .collect()
}

/// The predikat recorded for one evaluation, and the version a change is
/// saved on (0 while none is set).
pub fn predikat_tercatat(daftar: &[PredikatOrganisasiView], evaluasi: &str) -> (Option<PredikatOrganisasi>, i64) {
    daftar.iter().find(|p| p.evaluasi == evaluasi).map_or((None, 0), |p| (Some(p.predikat), p.version))
}

/// The years whose calendar the admin looks at: this one and the next two
/// (a new year's holidays are added before it starts).
pub fn tahun_kalender(hari_ini: Tanggal) -> Vec<i32> {
    let t = hari_ini.tahun();
    vec![t, t + 1, t + 2]
}

/// One holiday of the instansi's own, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormHariLibur {
    /// ISO date (the date input's value).
    pub tanggal: String,
    pub nama: String,
}

impl FormHariLibur {
    /// The request: the server checks the date (none past) and the name,
    /// and the year's limit, and answers each by field.
    pub fn body(&self) -> TambahHariLibur {
        TambahHariLibur {
            hari_libur: vec![HariLiburInput {
                tanggal: self.tanggal.trim().to_owned(),
                nama: self.nama.trim().to_owned(),
                jenis: None,
            }],
        }
    }
}

/// The field a form control shows the server's messages under, for the
/// one holiday the form sends.
pub const KOLOM_TANGGAL: &str = "hari_libur[0].tanggal";
pub const KOLOM_NAMA: &str = "hari_libur[0].nama";
/// The request as a whole (none or too many, the year's limit).
pub const KOLOM_DAFTAR: &str = "hari_libur";

/// How many of a year's holidays are the instansi's own.
pub fn jumlah_milik(kalender: &[HariLiburView]) -> usize {
    kalender.iter().filter(|h| h.instansi).count()
}

/// A refusal's field messages for the fields a form shows, in one language.
pub fn pesan_kolom(galat: Option<&api::Error>, kolom: &str, en: bool) -> Vec<String> {
    galat.map(|e| e.field_messages(kolom, en)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::ErrorBody;
    use domain::error::FieldErrors;
    use domain::periode::SiklusPeriodik;
    use domain::rule_set::RuleSet;

    fn periode(siklus: SiklusPeriodik) -> PeriodeView {
        PeriodeView {
            id: "p27".into(),
            tahun: 2027,
            rule_set: RuleSet::Permenpanrb6_2022,
            siklus,
            mulai: "2027-01-01".into(),
            selesai: "2027-12-31".into(),
            version: 1,
        }
    }

    #[test]
    fn a_quarterly_period_has_four_periodic_evaluations_then_the_annual_one() {
        let e = evaluasi_periode(&periode(SiklusPeriodik::Triwulanan));
        let kode: Vec<&str> = e.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(kode, ["periodik-1", "periodik-2", "periodik-3", "periodik-4", "tahunan"]);
        assert_eq!(e[4].1.dalam("id"), "Tahunan 2027");
        assert_eq!(evaluasi_periode(&periode(SiklusPeriodik::Bulanan)).len(), 13);
    }

    #[test]
    fn the_recorded_predikat_gives_its_version_and_none_gives_zero() {
        let v = PredikatOrganisasiView {
            unit_id: "u".into(),
            periode_id: "p27".into(),
            evaluasi: "tahunan".into(),
            predikat: PredikatOrganisasi::Istimewa,
            version: 3,
            oleh: "a".into(),
            diubah: 0,
        };
        assert_eq!(predikat_tercatat(std::slice::from_ref(&v), "tahunan"), (Some(PredikatOrganisasi::Istimewa), 3));
        assert_eq!(predikat_tercatat(&[v], "periodik-1"), (None, 0));
    }

    #[test]
    fn the_holiday_form_sends_one_trimmed_holiday_of_the_instansi() {
        let f = FormHariLibur { tanggal: " 2027-08-18 ".into(), nama: " Hari jadi kabupaten ".into() };
        let b = f.body();
        assert_eq!(b.hari_libur.len(), 1);
        assert_eq!(
            (b.hari_libur[0].tanggal.as_str(), b.hari_libur[0].nama.as_str()),
            ("2027-08-18", "Hari jadi kabupaten")
        );
        assert_eq!(b.hari_libur[0].jenis, None, "the server's default: the instansi's own");
        assert_eq!(tahun_kalender(Tanggal::parse_iso("2026-12-07").unwrap()), [2026, 2027, 2028]);
    }

    #[test]
    fn a_refused_date_is_told_under_the_date_in_the_users_language() {
        let fields = FieldErrors::new().with(KOLOM_TANGGAL, Teks::new("Tanggal sudah lewat.", "The date has passed."));
        let e = api::Error::Api {
            status: 422,
            body: ErrorBody { code: "validation".into(), fields, ..ErrorBody::default() },
        };
        assert_eq!(pesan_kolom(Some(&e), KOLOM_TANGGAL, false), ["Tanggal sudah lewat."]);
        assert_eq!(pesan_kolom(Some(&e), KOLOM_TANGGAL, true), ["The date has passed."]);
        assert!(pesan_kolom(Some(&e), KOLOM_NAMA, false).is_empty());
        assert!(pesan_kolom(None, KOLOM_TANGGAL, false).is_empty());
    }
}
