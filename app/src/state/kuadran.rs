//! The kuadran simulation: two rating codes in, the predikat out.

use domain::{Predikat, RatingEkspektasi, kuadran_predikat};

/// The predikat for the two selected codes; an unknown code keeps the middle rating.
pub fn predikat_dari_kode(hasil: &str, perilaku: &str) -> Predikat {
    let parse = |k: &str| RatingEkspektasi::from_kode(k).unwrap_or(RatingEkspektasi::SesuaiEkspektasi);
    kuadran_predikat(parse(hasil), parse(perilaku))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ratings_above_expectation_give_sangat_baik() {
        assert_eq!(predikat_dari_kode("diatas_ekspektasi", "diatas_ekspektasi"), Predikat::SangatBaik);
    }

    #[test]
    fn behaviour_below_expectation_gives_kurang_even_with_top_results() {
        assert_eq!(predikat_dari_kode("diatas_ekspektasi", "dibawah_ekspektasi"), Predikat::Kurang);
    }

    #[test]
    fn an_unknown_code_falls_back_to_sesuai() {
        assert_eq!(predikat_dari_kode("??", "sesuai_ekspektasi"), Predikat::Baik);
    }
}
