//! PermenPANRB 6/2022: qualitative ratings and the kuadran kinerja
//! (Lampiran Bab IV.B.3.a.3 and b.3; RULES.md §2.1.3).

use serde::{Deserialize, Serialize};

/// The rating of hasil kerja or of perilaku kerja against expectation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingEkspektasi {
    DibawahEkspektasi,
    SesuaiEkspektasi,
    DiatasEkspektasi,
}

impl RatingEkspektasi {
    pub const ALL: [RatingEkspektasi; 3] = [
        RatingEkspektasi::DiatasEkspektasi,
        RatingEkspektasi::SesuaiEkspektasi,
        RatingEkspektasi::DibawahEkspektasi,
    ];

    /// The wire name, as in the vectors and the API.
    pub fn kode(self) -> &'static str {
        match self {
            RatingEkspektasi::DibawahEkspektasi => "dibawah_ekspektasi",
            RatingEkspektasi::SesuaiEkspektasi => "sesuai_ekspektasi",
            RatingEkspektasi::DiatasEkspektasi => "diatas_ekspektasi",
        }
    }

    pub fn from_kode(kode: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.kode() == kode)
    }
}

/// The employee's predikat kinerja under PermenPANRB 6/2022, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Predikat {
    SangatBaik,
    Baik,
    ButuhPerbaikan,
    /// "Kurang/Misconduct" in the regulation.
    Kurang,
    SangatKurang,
}

impl Predikat {
    pub const ALL: [Predikat; 5] = [
        Predikat::SangatBaik,
        Predikat::Baik,
        Predikat::ButuhPerbaikan,
        Predikat::Kurang,
        Predikat::SangatKurang,
    ];

    /// 0 for the best predikat, 4 for the worst.
    pub fn peringkat(self) -> u8 {
        match self {
            Predikat::SangatBaik => 0,
            Predikat::Baik => 1,
            Predikat::ButuhPerbaikan => 2,
            Predikat::Kurang => 3,
            Predikat::SangatKurang => 4,
        }
    }

    pub fn kode(self) -> &'static str {
        match self {
            Predikat::SangatBaik => "sangat_baik",
            Predikat::Baik => "baik",
            Predikat::ButuhPerbaikan => "butuh_perbaikan",
            Predikat::Kurang => "kurang",
            Predikat::SangatKurang => "sangat_kurang",
        }
    }
}

/// The kuadran kinerja: rows are hasil kerja, columns perilaku kerja. There is
/// no weighting ("tanpa ada persyaratan pembobotan tertentu").
pub fn kuadran_predikat(hasil_kerja: RatingEkspektasi, perilaku: RatingEkspektasi) -> Predikat {
    use RatingEkspektasi::{DiatasEkspektasi as Diatas, DibawahEkspektasi as Dibawah, SesuaiEkspektasi as Sesuai};
    match (hasil_kerja, perilaku) {
        (Diatas, Diatas) => Predikat::SangatBaik,
        (Diatas | Sesuai, Sesuai) | (Sesuai, Diatas) => Predikat::Baik,
        (Diatas | Sesuai, Dibawah) => Predikat::Kurang,
        (Dibawah, Dibawah) => Predikat::SangatKurang,
        (Dibawah, Sesuai | Diatas) => Predikat::ButuhPerbaikan,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RatingEkspektasi::*;

    #[test]
    fn the_kuadran_matches_the_regulation_table() {
        let table = [
            (DiatasEkspektasi, DibawahEkspektasi, Predikat::Kurang),
            (DiatasEkspektasi, SesuaiEkspektasi, Predikat::Baik),
            (DiatasEkspektasi, DiatasEkspektasi, Predikat::SangatBaik),
            (SesuaiEkspektasi, DibawahEkspektasi, Predikat::Kurang),
            (SesuaiEkspektasi, SesuaiEkspektasi, Predikat::Baik),
            (SesuaiEkspektasi, DiatasEkspektasi, Predikat::Baik),
            (DibawahEkspektasi, DibawahEkspektasi, Predikat::SangatKurang),
            (DibawahEkspektasi, SesuaiEkspektasi, Predikat::ButuhPerbaikan),
            (DibawahEkspektasi, DiatasEkspektasi, Predikat::ButuhPerbaikan),
        ];
        for (hasil, perilaku, expected) in table {
            assert_eq!(kuadran_predikat(hasil, perilaku), expected, "{hasil:?} × {perilaku:?}");
        }
    }
}
