//! The pegawai's side of feedback and the 360 as plain types: the sheets
//! received grouped by sub-period, a rater's answer form (the seven
//! BerAKHLAK values, each on the regulation's three levels, with an
//! optional comment) and its copy kept on the device, and which request
//! comes next.

use domain::RatingEkspektasi;
use domain::api::umpan_balik::UmpanBalikView;
use domain::umpan_balik::{JawabanNilai, MAKS_CATATAN, NilaiBerakhlak};
use serde::{Deserialize, Serialize};

/// The sheets received, grouped by sub-period, the newest sub-period first
/// and, within one, the latest change first.
pub fn per_sub_periode(mut lembar: Vec<UmpanBalikView>) -> Vec<(u8, Vec<UmpanBalikView>)> {
    lembar.sort_by(|a, b| b.ke.cmp(&a.ke).then(b.diubah.cmp(&a.diubah)).then(a.id.cmp(&b.id)));
    let mut out: Vec<(u8, Vec<UmpanBalikView>)> = Vec::new();
    for l in lembar {
        match out.last_mut() {
            Some((ke, v)) if *ke == l.ke => v.push(l),
            _ => out.push((l.ke, vec![l])),
        }
    }
    out
}

/// A rater's answer as typed: per value in [`NilaiBerakhlak::ALL`] order,
/// the level chosen (if any) and the comment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Isian360 {
    pub rating: [Option<RatingEkspektasi>; 7],
    pub catatan: [String; 7],
}

impl Isian360 {
    /// The form holding an answer the server has.
    pub fn dari(penilaian: &[JawabanNilai]) -> Self {
        let mut isian = Isian360::default();
        for j in penilaian {
            let i = j.nilai as usize;
            isian.rating[i] = Some(j.rating);
            isian.catatan[i] = j.catatan.clone();
        }
        isian
    }

    /// The values not rated yet, in the regulation's order.
    pub fn belum_dinilai(&self) -> Vec<NilaiBerakhlak> {
        NilaiBerakhlak::ALL.into_iter().filter(|n| self.rating[*n as usize].is_none()).collect()
    }

    /// The values whose comment is longer than the server takes.
    pub fn catatan_kepanjangan(&self) -> Vec<NilaiBerakhlak> {
        NilaiBerakhlak::ALL
            .into_iter()
            .filter(|n| self.catatan[*n as usize].trim().chars().count() > MAKS_CATATAN)
            .collect()
    }

    /// Ready to be sent: all seven rated, no comment too long.
    pub fn lengkap(&self) -> bool {
        self.belum_dinilai().is_empty() && self.catatan_kepanjangan().is_empty()
    }

    /// The answer as the server takes it, once complete.
    pub fn penilaian(&self) -> Option<Vec<JawabanNilai>> {
        if !self.lengkap() {
            return None;
        }
        Some(
            NilaiBerakhlak::ALL
                .into_iter()
                .filter_map(|nilai| {
                    let i = nilai as usize;
                    self.rating[i].map(|rating| JawabanNilai {
                        nilai,
                        rating,
                        catatan: self.catatan[i].trim().to_owned(),
                    })
                })
                .collect(),
        )
    }

    /// Whether the two hold the same answer (comments compared as sent).
    pub fn sama(&self, lain: &Isian360) -> bool {
        self.rating == lain.rating && self.catatan.iter().zip(&lain.catatan).all(|(a, b)| a.trim() == b.trim())
    }
}

/// An answer kept on this device while it differs from the server's: a
/// reload or a closed tab does not lose it. Kept under the drafts' prefix
/// (`state::draf`), so signing out or someone else signing in removes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draf360 {
    pub pemilik: String,
    /// The answer's version it was typed on.
    pub version: i64,
    pub isian: Isian360,
}

impl Draf360 {
    /// The kept answer to start the form with: this person's, when it differs from the server's.
    pub fn pulihkan(self, pegawai_id: &str, server: &Isian360) -> Option<Draf360> {
        (self.pemilik == pegawai_id && !self.isian.sama(server)).then_some(self)
    }

    pub fn kunci(tugas_id: &str) -> String {
        format!("{}360-{tugas_id}", super::draf::AWALAN)
    }
}

/// The request to open after `aktif`: the next one not answered yet
/// (wrapping around), else simply the next; `None` when there is no other.
pub fn berikutnya(dijawab: &[bool], aktif: usize) -> Option<usize> {
    let n = dijawab.len();
    if n < 2 {
        return None;
    }
    let urutan = (1..n).map(|k| (aktif + k) % n);
    urutan.clone().find(|i| !dijawab[*i]).or_else(|| urutan.into_iter().next())
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::{Akses, PegawaiRingkas};
    use domain::skp::umpan_balik::BentukUmpanBalik;

    fn lembar(id: &str, ke: u8, diubah: i64) -> UmpanBalikView {
        UmpanBalikView {
            id: id.into(),
            skp_id: "s".into(),
            periode_id: "p".into(),
            ke,
            bentuk: BentukUmpanBalik::Berkala,
            version: 1,
            pemberi: PegawaiRingkas { id: "k".into(), nip: "1".into(), nama: "Kabid".into(), jabatan: "".into() },
            peran: Akses::PejabatPenilai,
            item: vec![],
            dibuat: diubah,
            diubah,
        }
    }

    #[test]
    fn sheets_are_grouped_by_sub_period_newest_first() {
        let g = per_sub_periode(vec![lembar("a", 1, 10), lembar("b", 3, 5), lembar("c", 1, 30), lembar("d", 3, 50)]);
        let ids: Vec<(u8, Vec<&str>)> =
            g.iter().map(|(ke, v)| (*ke, v.iter().map(|l| l.id.as_str()).collect())).collect();
        assert_eq!(ids, vec![(3, vec!["d", "b"]), (1, vec!["c", "a"])]);
        assert!(per_sub_periode(vec![]).is_empty());
    }

    fn lengkap() -> Isian360 {
        let mut isian = Isian360::default();
        for n in NilaiBerakhlak::ALL {
            isian.rating[n as usize] = Some(RatingEkspektasi::SesuaiEkspektasi);
        }
        isian
    }

    #[test]
    fn an_answer_is_complete_only_with_all_seven_values_rated() {
        let mut isian = Isian360::default();
        assert_eq!(isian.belum_dinilai(), NilaiBerakhlak::ALL.to_vec());
        assert_eq!(isian.penilaian(), None);
        isian = lengkap();
        isian.rating[NilaiBerakhlak::Loyal as usize] = None;
        assert_eq!(isian.belum_dinilai(), vec![NilaiBerakhlak::Loyal]);
        assert!(!isian.lengkap());
        isian.rating[NilaiBerakhlak::Loyal as usize] = Some(RatingEkspektasi::DiatasEkspektasi);
        isian.catatan[1] = "  rapi  ".into();
        let p = isian.penilaian().expect("complete");
        assert_eq!(p.iter().map(|j| j.nilai).collect::<Vec<_>>(), NilaiBerakhlak::ALL, "in the regulation's order");
        assert_eq!(p[1].catatan, "rapi", "trimmed as sent");
        assert_eq!(p[4].rating, RatingEkspektasi::DiatasEkspektasi);
        // The domain takes what the form sends.
        assert!(domain::umpan_balik::periksa_jawaban(&p).is_ok());
        assert_eq!(Isian360::dari(&p).penilaian(), Some(p));
    }

    #[test]
    fn a_comment_too_long_keeps_the_answer_from_being_sent() {
        let mut isian = lengkap();
        isian.catatan[6] = "x".repeat(MAKS_CATATAN + 1);
        assert_eq!(isian.catatan_kepanjangan(), vec![NilaiBerakhlak::Kolaboratif]);
        assert_eq!(isian.penilaian(), None);
        isian.catatan[6] = format!(" {} ", "x".repeat(MAKS_CATATAN));
        assert!(isian.lengkap(), "spaces around do not count");
    }

    #[test]
    fn a_kept_answer_is_restored_only_for_its_owner_and_only_when_it_differs() {
        let server = lengkap();
        let mut beda = server.clone();
        beda.catatan[0] = "Ramah".into();
        let d = Draf360 { pemilik: "p1".into(), version: 2, isian: beda };
        assert!(d.clone().pulihkan("p1", &server).is_some());
        assert!(d.clone().pulihkan("p2", &server).is_none(), "someone else's");
        let mut spasi = server.clone();
        spasi.catatan[0] = "  ".into();
        assert!(Draf360 { isian: spasi, ..d.clone() }.pulihkan("p1", &server).is_none(), "nothing unsaved");
        let t = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Draf360>(&t).unwrap(), d);
        assert!(!super::super::draf::harus_dibuang(&t, Some("p1")), "kept at its owner's sign-in");
        assert!(super::super::draf::harus_dibuang(&t, Some("p2")));
        assert!(Draf360::kunci("t-1").starts_with(super::super::draf::AWALAN));
    }

    #[test]
    fn the_next_request_is_the_next_unanswered_one() {
        assert_eq!(berikutnya(&[false], 0), None);
        assert_eq!(berikutnya(&[], 0), None);
        assert_eq!(berikutnya(&[false, false, false], 0), Some(1));
        assert_eq!(berikutnya(&[false, true, false], 0), Some(2));
        assert_eq!(berikutnya(&[false, true, true], 2), Some(0), "wraps around");
        assert_eq!(berikutnya(&[true, true, true], 1), Some(2), "all answered: simply the next");
    }
}
