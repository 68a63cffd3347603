//! Evidence files kept on the device until the server has them (issue 23):
//! a file chosen with no connection, or whose upload failed for lack of
//! one, waits in IndexedDB (`offline::berkas`) with what it documents, and
//! goes to `POST /api/v1/skp/{id}/bukti` when the connection is back —
//! after the outbox's changes, oldest first, only its owner's. The rules as
//! plain data, with native tests; the store and the upload are the I/O
//! around them.

use domain::Teks;
use domain::skp::JenisBerkas;
use serde::{Deserialize, Serialize};

/// One file waiting on the device (its content is kept beside it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BerkasTertunda {
    /// The device's id for it (its store key).
    pub id: String,
    /// The pegawai who chose it: only theirs are sent, counted or shown.
    pub pemilik: String,
    pub skp_id: String,
    pub indikator_id: String,
    /// `periodik-{ke}` or `tahunan` (`PeriodeEvaluasi::kode`).
    pub evaluasi: String,
    /// The name it was chosen under (display only).
    pub nama: String,
    pub ukuran: u64,
    /// When it was chosen (ms since the epoch): the sending order.
    pub dibuat: f64,
    /// The upload's Idempotency-Key, the same for every try: an upload the
    /// server stored but whose answer was lost is answered from it.
    pub kunci: String,
    /// The server refused it (its message): kept until its owner drops it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ditolak: Option<Teks>,
}

/// What an upload's answer does to the waiting file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nasib {
    /// The server has it (201, or the first answer replayed): removed from the device.
    Terkirim,
    /// A passing failure (no connection, the session ended, busy, the
    /// server failing): kept and sent again later.
    Tunggu,
    /// Refused as it is (its kind, its size, the evaluation closed): kept
    /// with the message, for its owner to drop.
    Ditolak,
}

/// The fate of an upload from its answer's status (0: no answer) and error
/// code. A 409 `in_progress` (the same key still running) is passing; a 403
/// may be a stale CSRF token, tried again with a fresh one.
pub fn nasib(status: u16, kode: &str) -> Nasib {
    match status {
        200..=299 => Nasib::Terkirim,
        0 | 401 | 403 | 408 | 429 => Nasib::Tunggu,
        409 if kode == "in_progress" => Nasib::Tunggu,
        s if s >= 500 => Nasib::Tunggu,
        _ => Nasib::Ditolak,
    }
}

/// `pemilik`'s files to send now, in the order they were chosen (refused
/// ones wait for their owner; someone else's are never sent).
pub fn antrean_kirim<'a>(daftar: &'a [BerkasTertunda], pemilik: &str) -> Vec<&'a BerkasTertunda> {
    let mut kirim: Vec<&BerkasTertunda> =
        daftar.iter().filter(|b| !pemilik.is_empty() && b.pemilik == pemilik && b.ditolak.is_none()).collect();
    urut_dipilih(&mut kirim);
    kirim
}

/// In the order the files were chosen (by id when two were chosen at once):
/// one sort for both lists, so the wasm carries one instance of it.
fn urut_dipilih(daftar: &mut [&BerkasTertunda]) {
    daftar.sort_unstable_by(|a, b| a.dibuat.total_cmp(&b.dibuat).then_with(|| a.id.cmp(&b.id)));
}

/// `pemilik`'s files waiting for one indicator and evaluation of an SKP, in order.
pub fn untuk_sel<'a>(
    daftar: &'a [BerkasTertunda],
    pemilik: &str,
    skp_id: &str,
    indikator_id: &str,
    evaluasi: &str,
) -> Vec<&'a BerkasTertunda> {
    let mut milik: Vec<&BerkasTertunda> = daftar
        .iter()
        .filter(|b| {
            b.pemilik == pemilik && b.skp_id == skp_id && b.indikator_id == indikator_id && b.evaluasi == evaluasi
        })
        .collect();
    urut_dipilih(&mut milik);
    milik
}

/// A chosen file checked on the device before anything is kept or sent:
/// not empty, at most `maks` bytes, and of an accepted kind by its first
/// bytes (`awal`, up to [`JenisBerkas::BACA_AWAL`]), as the server judges it.
pub fn periksa(ukuran: u64, awal: &[u8], maks: u64) -> Result<JenisBerkas, Teks> {
    if ukuran == 0 {
        return Err(Teks::new("Berkas kosong.", "The file is empty."));
    }
    if ukuran > maks {
        return Err(JenisBerkas::terlalu_besar(maks));
    }
    JenisBerkas::dari_isi(awal).ok_or_else(JenisBerkas::ditolak)
}

/// A size as people read it: `850 B`, `12,4 KB`, `3,1 MB` (`,` in Bahasa Indonesia).
pub fn ukuran_teks(n: u64, inggris: bool) -> String {
    let (x, satuan) = match n {
        n if n < 1024 => return format!("{n} B"),
        n if n < 1024 * 1024 => (n as f64 / 1024.0, "KB"),
        n => (n as f64 / (1024.0 * 1024.0), "MB"),
    };
    let teks = format!("{x:.1}");
    if inggris { format!("{teks} {satuan}") } else { format!("{} {satuan}", teks.replace('.', ",")) }
}

/// The `X-Nama-Berkas` header's value: the name percent-encoded as UTF-8
/// (a header carries ASCII only).
pub fn nama_header(nama: &str) -> String {
    let mut out = String::with_capacity(nama.len());
    for b in nama.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berkas(id: &str, pemilik: &str, dibuat: f64) -> BerkasTertunda {
        BerkasTertunda {
            id: id.into(),
            pemilik: pemilik.into(),
            skp_id: "skp-1".into(),
            indikator_id: "iki-1".into(),
            evaluasi: "periodik-1".into(),
            nama: format!("{id}.pdf"),
            ukuran: 10,
            dibuat,
            kunci: format!("kunci-{id}"),
            ditolak: None,
        }
    }

    #[test]
    fn only_the_owners_files_are_sent_oldest_first_and_refused_ones_wait() {
        let mut ditolak = berkas("c", "p1", 1.0);
        ditolak.ditolak = Some(JenisBerkas::ditolak());
        let daftar = vec![berkas("b", "p1", 30.0), berkas("x", "p2", 5.0), berkas("a", "p1", 20.0), ditolak];
        let ids: Vec<&str> = antrean_kirim(&daftar, "p1").iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"], "oldest first; the refused one waits for its owner");
        let ids: Vec<&str> = antrean_kirim(&daftar, "p2").iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["x"], "another person signed in sends only theirs");
        assert!(antrean_kirim(&daftar, "").is_empty(), "nobody signed in: nothing goes");
    }

    #[test]
    fn each_indicator_and_evaluation_shows_its_owners_files() {
        let mut lain = berkas("d", "p1", 2.0);
        lain.evaluasi = "tahunan".into();
        let daftar = vec![berkas("b", "p1", 3.0), berkas("a", "p1", 1.0), lain, berkas("x", "p2", 0.0)];
        let ids: Vec<&str> =
            untuk_sel(&daftar, "p1", "skp-1", "iki-1", "periodik-1").iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(untuk_sel(&daftar, "p1", "skp-1", "iki-1", "tahunan").len(), 1);
        assert!(untuk_sel(&daftar, "p1", "skp-2", "iki-1", "periodik-1").is_empty());
    }

    #[test]
    fn a_file_leaves_the_device_after_the_servers_201_and_a_refusal_is_kept() {
        assert_eq!(nasib(201, ""), Nasib::Terkirim);
        assert_eq!(nasib(200, ""), Nasib::Terkirim, "a replayed first answer");
        for (status, kode) in [(0, ""), (401, "unauthorized"), (403, "csrf"), (429, ""), (500, ""), (503, "")] {
            assert_eq!(nasib(status, kode), Nasib::Tunggu, "{status} is passing");
        }
        assert_eq!(nasib(409, "in_progress"), Nasib::Tunggu, "the same key still running");
        for (status, kode) in [
            (415, "file_type_refused"),
            (413, "file_too_large"),
            (422, "validation"),
            (409, "too_many_files"),
            (409, "already_evaluated"),
            (404, "not_found"),
            (400, "upload_incomplete"),
        ] {
            assert_eq!(nasib(status, kode), Nasib::Ditolak, "{status} {kode}");
        }
    }

    #[test]
    fn a_file_is_checked_before_it_is_kept() {
        let pdf = b"%PDF-1.7\n";
        assert_eq!(periksa(9, pdf, 100), Ok(JenisBerkas::Pdf));
        assert_eq!(periksa(0, b"", 100), Err(Teks::new("Berkas kosong.", "The file is empty.")));
        assert_eq!(periksa(101, pdf, 100), Err(JenisBerkas::terlalu_besar(100)));
        // An executable named foo.pdf: judged by its bytes.
        assert_eq!(periksa(4, b"MZ\x90\x00", 100), Err(JenisBerkas::ditolak()));
    }

    #[test]
    fn sizes_and_names_as_shown_and_sent() {
        assert_eq!(ukuran_teks(850, false), "850 B");
        assert_eq!(ukuran_teks(12_697, false), "12,4 KB");
        assert_eq!(ukuran_teks(12_697, true), "12.4 KB");
        assert_eq!(ukuran_teks(3 * 1024 * 1024, false), "3,0 MB");
        assert_eq!(nama_header("Laporan TW I.pdf"), "Laporan%20TW%20I.pdf");
        assert_eq!(nama_header("foto-ü.jpg"), "foto-%C3%BC.jpg");
    }

    #[test]
    fn a_kept_file_round_trips_through_its_stored_text() {
        let mut b = berkas("a", "p1", 1.5);
        let t = serde_json::to_string(&b).unwrap();
        assert!(!t.contains("ditolak"), "no refusal, no field");
        assert_eq!(serde_json::from_str::<BerkasTertunda>(&t).unwrap(), b);
        b.ditolak = Some(JenisBerkas::ditolak());
        let t = serde_json::to_string(&b).unwrap();
        assert_eq!(serde_json::from_str::<BerkasTertunda>(&t).unwrap(), b);
    }
}
