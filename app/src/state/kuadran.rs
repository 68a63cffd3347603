//! The kuadran simulation: two ratings in, the predikat and its label out.

use domain::{Predikat, RatingEkspektasi, kuadran_predikat};

pub fn label_rating(r: RatingEkspektasi) -> &'static str {
    match r {
        RatingEkspektasi::DiatasEkspektasi => "Di atas ekspektasi",
        RatingEkspektasi::SesuaiEkspektasi => "Sesuai ekspektasi",
        RatingEkspektasi::DibawahEkspektasi => "Di bawah ekspektasi",
    }
}

pub fn label_predikat(p: Predikat) -> &'static str {
    match p {
        Predikat::SangatBaik => "Sangat Baik",
        Predikat::Baik => "Baik",
        Predikat::ButuhPerbaikan => "Butuh Perbaikan",
        Predikat::Kurang => "Kurang/Misconduct",
        Predikat::SangatKurang => "Sangat Kurang",
    }
}

/// The predikat for the two selected codes; an unknown code keeps the middle rating.
pub fn predikat_dari_kode(hasil: &str, perilaku: &str) -> Predikat {
    let parse = |k: &str| RatingEkspektasi::from_kode(k).unwrap_or(RatingEkspektasi::SesuaiEkspektasi);
    kuadran_predikat(parse(hasil), parse(perilaku))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ratings_above_expectation_show_sangat_baik() {
        assert_eq!(label_predikat(predikat_dari_kode("diatas_ekspektasi", "diatas_ekspektasi")), "Sangat Baik");
    }

    #[test]
    fn behaviour_below_expectation_shows_kurang_even_with_top_results() {
        assert_eq!(predikat_dari_kode("diatas_ekspektasi", "dibawah_ekspektasi"), Predikat::Kurang);
    }

    #[test]
    fn an_unknown_code_falls_back_to_sesuai() {
        assert_eq!(predikat_dari_kode("??", "sesuai_ekspektasi"), Predikat::Baik);
    }
}
