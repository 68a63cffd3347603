//! The rating perilaku kerja per BerAKHLAK core value: perilaku kerja is
//! assessed against the seven values (PermenPANRB 6/2022 Art. 10(3); RULES.md
//! §1.2 item 4), and the whole follows Lampiran Bab IV.B.3.b: Di Atas
//! Ekspektasi when the values are applied consistently and the pegawai is
//! their role model, Sesuai when applied consistently, Di Bawah when not yet
//! consistently. The per-value ratings travel as a map by the value's code
//! (`perilaku_per_nilai`); the penilai's sheet may rate some of them and
//! choose the whole itself, the atasan's take-over rates all seven and the
//! whole is theirs ([`perilaku_ambil_alih`]).

use std::collections::BTreeMap;

use crate::error::FieldErrors;
use crate::rule_set::permenpanrb_6_2022::RatingEkspektasi;
use crate::umpan_balik::NilaiBerakhlak;

/// How many of the seven values rated Di Atas make the whole Di Atas (none
/// being Di Bawah): a role model in most of them. The regulation names no
/// number; the 360's advice reads it the same way
/// (`KonfigurasiUmpanBalik::default().minimal_nilai_diatas`).
pub const MINIMAL_NILAI_DIATAS: usize = 4;

/// The field of one value's rating, as the form and the server's 422 name it.
pub fn kolom_nilai(nilai: NilaiBerakhlak) -> String {
    format!("perilaku_per_nilai.{}", nilai.kode())
}

fn bukan_nilai(e: &mut FieldErrors, kode: &str) {
    e.push(format!("perilaku_per_nilai.{kode}"), "Bukan nilai dasar BerAKHLAK.", "Not a BerAKHLAK core value.");
}

/// The codes of a map that are not BerAKHLAK values (a map of some of the
/// values only is fine: the penilai's sheet).
pub fn check_kode_nilai(per_nilai: &BTreeMap<String, RatingEkspektasi>) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    for k in per_nilai.keys().filter(|k| NilaiBerakhlak::from_kode(k).is_none()) {
        bukan_nilai(&mut e, k);
    }
    e.into_result(())
}

/// All seven values rated: valid by construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PerilakuPerNilai([RatingEkspektasi; 7]);

impl PerilakuPerNilai {
    /// From the wire's map: every code a BerAKHLAK value, every value rated
    /// (each one missing is a field error of its own, so a form marks it).
    pub fn parse(per_nilai: &BTreeMap<String, RatingEkspektasi>) -> Result<Self, FieldErrors> {
        let mut e = check_kode_nilai(per_nilai).err().unwrap_or_default();
        let mut rating = [RatingEkspektasi::SesuaiEkspektasi; 7];
        for nilai in NilaiBerakhlak::ALL {
            match per_nilai.get(nilai.kode()) {
                Some(r) => rating[nilai as usize] = *r,
                None => {
                    e.push(kolom_nilai(nilai), "Wajib dipilih.", "Required.");
                }
            }
        }
        e.into_result(PerilakuPerNilai(rating))
    }

    /// One value's rating.
    pub fn rating_nilai(&self, nilai: NilaiBerakhlak) -> RatingEkspektasi {
        self.0[nilai as usize]
    }

    /// The rating perilaku kerja the seven give (Lampiran Bab IV.B.3.b): any
    /// value Di Bawah → Di Bawah (not yet consistent); at least
    /// [`MINIMAL_NILAI_DIATAS`] Di Atas → Di Atas (consistent and a role
    /// model); otherwise Sesuai (consistent).
    pub fn rating_perilaku(&self) -> RatingEkspektasi {
        let jumlah = |r: RatingEkspektasi| self.0.iter().filter(|x| **x == r).count();
        if jumlah(RatingEkspektasi::DibawahEkspektasi) > 0 {
            RatingEkspektasi::DibawahEkspektasi
        } else if jumlah(RatingEkspektasi::DiatasEkspektasi) >= MINIMAL_NILAI_DIATAS {
            RatingEkspektasi::DiatasEkspektasi
        } else {
            RatingEkspektasi::SesuaiEkspektasi
        }
    }

    /// The map the wire and the store carry.
    pub fn ke_map(&self) -> BTreeMap<String, RatingEkspektasi> {
        NilaiBerakhlak::ALL.into_iter().map(|n| (n.kode().to_owned(), self.rating_nilai(n))).collect()
    }
}

/// The rating perilaku of the atasan's take-over. With per-value ratings,
/// all seven are required and the whole is the one they give
/// ([`PerilakuPerNilai::rating_perilaku`]); a `rating_perilaku` sent with
/// them must be that one. A request with no per-value rating at all (a
/// client from before the take-over rated each value) keeps its one
/// `rating_perilaku`, checked as any rating is
/// ([`crate::skp::PenilaianInput::validate`]).
pub fn perilaku_ambil_alih(
    per_nilai: &BTreeMap<String, RatingEkspektasi>,
    rating_perilaku: Option<RatingEkspektasi>,
) -> Result<Option<RatingEkspektasi>, FieldErrors> {
    if per_nilai.is_empty() {
        return Ok(rating_perilaku);
    }
    let nilai = PerilakuPerNilai::parse(per_nilai)?;
    let dihitung = nilai.rating_perilaku();
    match rating_perilaku {
        Some(r) if r != dihitung => {
            let l = dihitung.label();
            Err(FieldErrors::new().with(
                "rating_perilaku",
                crate::teks::Teks::new(
                    format!("Rating perilaku kerja mengikuti rating tiap nilai BerAKHLAK: {}.", l.id),
                    format!("The rating perilaku kerja follows the rating of each BerAKHLAK value: {}.", l.en),
                ),
            ))
        }
        _ => Ok(Some(dihitung)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RatingEkspektasi::{DiatasEkspektasi as Atas, DibawahEkspektasi as Bawah, SesuaiEkspektasi as Sesuai};

    fn peta(rating: [RatingEkspektasi; 7]) -> BTreeMap<String, RatingEkspektasi> {
        NilaiBerakhlak::ALL.into_iter().zip(rating).map(|(n, r)| (n.kode().to_owned(), r)).collect()
    }

    #[test]
    fn the_seven_values_give_the_rating_perilaku_by_a_table() {
        let tabel = [
            ([Sesuai; 7], Sesuai, "all consistent"),
            ([Atas, Atas, Atas, Sesuai, Sesuai, Sesuai, Sesuai], Sesuai, "three role-model values are not most"),
            ([Atas, Atas, Atas, Atas, Sesuai, Sesuai, Sesuai], Atas, "four make a role model"),
            ([Atas; 7], Atas, "all above"),
            ([Atas, Atas, Atas, Atas, Atas, Atas, Bawah], Bawah, "one value not yet consistent caps it"),
            ([Sesuai, Sesuai, Sesuai, Sesuai, Sesuai, Sesuai, Bawah], Bawah, "one below"),
            ([Bawah; 7], Bawah, "all below"),
        ];
        for (rating, harap, why) in tabel {
            let p = PerilakuPerNilai::parse(&peta(rating)).expect("all seven");
            assert_eq!(p.rating_perilaku(), harap, "{why}");
            assert_eq!(p.ke_map(), peta(rating), "{why}: round trip");
        }
    }

    #[test]
    fn a_value_missing_or_unknown_is_named_by_its_field() {
        let mut m = peta([Sesuai; 7]);
        m.remove("kolaboratif");
        m.insert("jahat".into(), Atas);
        let e = PerilakuPerNilai::parse(&m).unwrap_err();
        let kolom: Vec<&str> = e.fields().collect();
        assert_eq!(kolom, ["perilaku_per_nilai.jahat", "perilaku_per_nilai.kolaboratif"]);
        assert_eq!(e.get("perilaku_per_nilai.kolaboratif")[0].id, "Wajib dipilih.");
        assert!(check_kode_nilai(&peta([Sesuai; 7])).is_ok());
        assert!(
            check_kode_nilai(&BTreeMap::from([("akuntabel".to_owned(), Atas)])).is_ok(),
            "some values only: the penilai's sheet"
        );
        assert!(check_kode_nilai(&BTreeMap::from([("jahat".to_owned(), Atas)])).is_err());
    }

    #[test]
    fn the_take_over_takes_the_whole_from_the_values_and_an_old_client_keeps_its_one_rating() {
        let atas = peta([Atas, Atas, Atas, Atas, Sesuai, Sesuai, Sesuai]);
        assert_eq!(perilaku_ambil_alih(&atas, None), Ok(Some(Atas)), "nothing sent: the values' whole");
        assert_eq!(perilaku_ambil_alih(&atas, Some(Atas)), Ok(Some(Atas)));
        let e = perilaku_ambil_alih(&atas, Some(Sesuai)).unwrap_err();
        assert!(e.get("rating_perilaku")[0].id.contains("Di Atas Ekspektasi"), "{e:?}");
        assert!(e.get("rating_perilaku")[0].en.contains("Above expectations"), "{e:?}");
        assert_eq!(perilaku_ambil_alih(&BTreeMap::new(), Some(Bawah)), Ok(Some(Bawah)), "an old client");
        assert_eq!(perilaku_ambil_alih(&BTreeMap::new(), None), Ok(None), "left to validate()");
        let mut enam = atas.clone();
        enam.remove("adaptif");
        assert!(perilaku_ambil_alih(&enam, Some(Atas)).unwrap_err().contains("perilaku_per_nilai.adaptif"));
    }
}
