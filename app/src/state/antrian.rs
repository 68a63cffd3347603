//! The pejabat penilai's queue: which SKP to open next without going back.

use domain::api::AntrianItem;
use domain::skp::StatusSkp;

/// The next SKP waiting for a decision after `sekarang` (wrapping around),
/// skipping the current one; `None` when nothing else waits.
pub fn berikutnya(antrian: &[AntrianItem], sekarang: &str) -> Option<String> {
    let menunggu = |i: &&AntrianItem| i.status == Some(StatusSkp::Diajukan) && i.skp_id.as_deref() != Some(sekarang);
    let pos = antrian.iter().position(|i| i.skp_id.as_deref() == Some(sekarang)).map_or(0, |p| p + 1);
    antrian[pos.min(antrian.len())..]
        .iter()
        .chain(antrian[..pos.min(antrian.len())].iter())
        .find(menunggu)
        .and_then(|i| i.skp_id.clone())
}

/// A queue as it stands after a decision on one of its SKP: that SKP's row
/// takes the new status, so the next one is not the SKP just decided.
pub fn setelah_keputusan(mut antrian: Vec<AntrianItem>, skp_id: &str, status: StatusSkp) -> Vec<AntrianItem> {
    for i in antrian.iter_mut().filter(|i| i.skp_id.as_deref() == Some(skp_id)) {
        i.status = Some(status);
    }
    antrian
}

/// What was fetched for one SKP before the penilai opened it (the next in
/// the queue, while they read the current one): taken once, and only by the
/// same person for the same SKP, so nothing fetched under one sign-in is
/// shown under another.
pub struct Disiapkan<T>(Option<(String, String, T)>);

impl<T> Disiapkan<T> {
    pub const fn kosong() -> Self {
        Disiapkan(None)
    }

    /// Keeps `isi` for `pemilik` opening `skp_id`, in place of anything kept before.
    pub fn simpan(&mut self, pemilik: &str, skp_id: &str, isi: T) {
        self.0 = Some((pemilik.to_owned(), skp_id.to_owned(), isi));
    }

    /// What was kept for this person and SKP; whatever was kept is gone after.
    pub fn ambil(&mut self, pemilik: &str, skp_id: &str) -> Option<T> {
        self.0.take().filter(|(p, id, _)| p == pemilik && id == skp_id).map(|(_, _, isi)| isi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::PegawaiRingkas;

    fn item(id: &str, status: &str) -> AntrianItem {
        AntrianItem {
            pegawai: PegawaiRingkas { id: id.into(), nip: String::new(), nama: id.into(), jabatan: String::new() },
            skp_id: Some(id.into()),
            status: StatusSkp::parse(status),
            version: Some(2),
        }
    }

    #[test]
    fn the_next_submitted_skp_follows_and_wraps_around() {
        let q = [item("a", "diajukan"), item("b", "draf"), item("c", "diajukan"), item("d", "diajukan")];
        assert_eq!(berikutnya(&q, "a").as_deref(), Some("c"));
        assert_eq!(berikutnya(&q, "d").as_deref(), Some("a"));
        assert_eq!(berikutnya(&[item("a", "diajukan")], "a"), None, "only the current one waits");
        assert_eq!(berikutnya(&q, "zz").as_deref(), Some("a"));
    }

    #[test]
    fn a_decided_skp_is_not_next_again() {
        let q = vec![item("a", "diajukan"), item("b", "diajukan")];
        let q = setelah_keputusan(q, "a", StatusSkp::Ditetapkan);
        assert_eq!(q[0].status, Some(StatusSkp::Ditetapkan));
        assert_eq!(berikutnya(&q, "b"), None, "a was approved: nothing else waits");
    }

    #[test]
    fn what_was_fetched_ahead_goes_only_to_the_same_person_for_the_same_skp() {
        let mut t = Disiapkan::kosong();
        t.simpan("penilai-1", "skp-b", 7);
        assert_eq!(t.ambil("penilai-1", "skp-b"), Some(7));
        assert_eq!(t.ambil("penilai-1", "skp-b"), None, "taken once");
        t.simpan("penilai-1", "skp-b", 7);
        assert_eq!(t.ambil("penilai-2", "skp-b"), None, "another sign-in gets nothing");
        assert_eq!(t.ambil("penilai-1", "skp-b"), None, "and it is gone");
        t.simpan("penilai-1", "skp-b", 7);
        assert_eq!(t.ambil("penilai-1", "skp-c"), None, "another SKP gets nothing");
    }
}
