//! The pejabat penilai's queue: which SKP to open next without going back.

use domain::api::AntrianItem;

/// The next SKP waiting for a decision after `sekarang` (wrapping around),
/// skipping the current one; `None` when nothing else waits.
pub fn berikutnya(antrian: &[AntrianItem], sekarang: &str) -> Option<String> {
    let menunggu = |i: &&AntrianItem| i.status == "diajukan" && i.skp_id.as_deref() != Some(sekarang);
    let pos = antrian.iter().position(|i| i.skp_id.as_deref() == Some(sekarang)).map_or(0, |p| p + 1);
    antrian[pos.min(antrian.len())..]
        .iter()
        .chain(antrian[..pos.min(antrian.len())].iter())
        .find(menunggu)
        .and_then(|i| i.skp_id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::PegawaiRingkas;

    fn item(id: &str, status: &str) -> AntrianItem {
        AntrianItem {
            pegawai: PegawaiRingkas { id: id.into(), nip: String::new(), nama: id.into(), jabatan: String::new() },
            skp_id: Some(id.into()),
            status: status.into(),
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
}
