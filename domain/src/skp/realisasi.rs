//! Realisasi: what was achieved on an indicator in an evaluation period, with
//! its *bukti dukung* (evidence of results, not of activities; RULES.md §3.1).

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, id_wajib, item, teks_opsional};
use crate::periode::PeriodeEvaluasi;
use crate::skp::indikator::{IndikatorId, MAKS_ANGKA, MAKS_URAIAN, parse_angka, terlalu_besar};

/// At most this many evidence references per realisation (a bound on form size).
pub const MAKS_BUKTI: usize = 20;
pub const MAKS_PANJANG_BUKTI: usize = 500;

/// At most this many evidence files per indicator and evaluation: enough to
/// document a result; without a bound one SKP could fill the object store.
pub const MAKS_BERKAS: usize = 20;

/// The largest evidence file accepted unless the server is configured otherwise (10 MiB).
pub const MAKS_BERKAS_BAWAAN: u64 = 10 * 1024 * 1024;

/// The kinds of evidence file accepted: documents and photos whose type the
/// server reads from the file's first bytes, never from its name or the
/// type the browser declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JenisBerkas {
    Pdf,
    Jpeg,
    Png,
    Webp,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
}

impl JenisBerkas {
    pub const SEMUA: [JenisBerkas; 9] = [
        JenisBerkas::Pdf,
        JenisBerkas::Jpeg,
        JenisBerkas::Png,
        JenisBerkas::Webp,
        JenisBerkas::Docx,
        JenisBerkas::Xlsx,
        JenisBerkas::Pptx,
        JenisBerkas::Odt,
        JenisBerkas::Ods,
    ];

    /// How many first bytes of a file [`JenisBerkas::dari_isi`] reads: an
    /// office document's part names are found among its first entries.
    pub const BACA_AWAL: usize = 64 * 1024;

    /// The kind of a file judged by its first bytes (up to [`BACA_AWAL`](Self::BACA_AWAL),
    /// or the whole file when shorter), never by its name: PDF, JPEG, PNG and
    /// WebP by their signatures; ODF documents by their first entry
    /// (`mimetype`, stored uncompressed); OOXML documents (a ZIP with
    /// `[Content_Types].xml`) by the folder of their parts (`word/`, `xl/`,
    /// `ppt/`). `None`: not an accepted kind.
    pub fn dari_isi(awal: &[u8]) -> Option<Self> {
        const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
        if awal.starts_with(b"%PDF-") {
            return Some(JenisBerkas::Pdf);
        }
        if awal.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(JenisBerkas::Jpeg);
        }
        if awal.starts_with(PNG) {
            return Some(JenisBerkas::Png);
        }
        if awal.len() >= 12 && awal.starts_with(b"RIFF") && &awal[8..12] == b"WEBP" {
            return Some(JenisBerkas::Webp);
        }
        if !awal.starts_with(ZIP) {
            return None;
        }
        let nama = nama_entri_zip(awal);
        if nama.first().is_some_and(|n| *n == b"mimetype") {
            let u16_di = |i: usize| awal.get(i..i + 2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])));
            let u32_di = |i: usize| {
                awal.get(i..i + 4).and_then(|b| usize::try_from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).ok())
            };
            let (Some(n), Some(extra), Some(ukuran)) = (u16_di(26), u16_di(28), u32_di(18)) else { return None };
            let mulai = 30 + n + extra;
            let isi = awal.get(mulai..mulai.checked_add(ukuran)?)?;
            return match isi {
                b"application/vnd.oasis.opendocument.text" => Some(JenisBerkas::Odt),
                b"application/vnd.oasis.opendocument.spreadsheet" => Some(JenisBerkas::Ods),
                _ => None,
            };
        }
        if !nama.contains(&&b"[Content_Types].xml"[..]) {
            return None;
        }
        nama.iter().find_map(|n| {
            if n.starts_with(b"word/") {
                Some(JenisBerkas::Docx)
            } else if n.starts_with(b"xl/") {
                Some(JenisBerkas::Xlsx)
            } else if n.starts_with(b"ppt/") {
                Some(JenisBerkas::Pptx)
            } else {
                None
            }
        })
    }

    /// The media type the file is served with.
    pub fn mime(self) -> &'static str {
        match self {
            JenisBerkas::Pdf => "application/pdf",
            JenisBerkas::Jpeg => "image/jpeg",
            JenisBerkas::Png => "image/png",
            JenisBerkas::Webp => "image/webp",
            JenisBerkas::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            JenisBerkas::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            JenisBerkas::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            JenisBerkas::Odt => "application/vnd.oasis.opendocument.text",
            JenisBerkas::Ods => "application/vnd.oasis.opendocument.spreadsheet",
        }
    }

    /// The kind served as `mime`; `None` for any type not accepted.
    pub fn from_mime(mime: &str) -> Option<Self> {
        Self::SEMUA.into_iter().find(|j| j.mime() == mime)
    }

    /// The file name extension a download is given.
    pub fn ekstensi(self) -> &'static str {
        match self {
            JenisBerkas::Pdf => "pdf",
            JenisBerkas::Jpeg => "jpg",
            JenisBerkas::Png => "png",
            JenisBerkas::Webp => "webp",
            JenisBerkas::Docx => "docx",
            JenisBerkas::Xlsx => "xlsx",
            JenisBerkas::Pptx => "pptx",
            JenisBerkas::Odt => "odt",
            JenisBerkas::Ods => "ods",
        }
    }

    /// The `accept` list of a file picker (types and extensions): what the
    /// app offers to choose, the camera included on a phone.
    pub fn accept() -> String {
        Self::SEMUA
            .iter()
            .flat_map(|j| [j.mime().to_owned(), format!(".{}", j.ekstensi())])
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The refusal of a file of another kind, listing the accepted ones.
    pub fn ditolak() -> crate::teks::Teks {
        crate::teks::Teks::new(
            "Jenis berkas tidak diterima (dibaca dari isinya, bukan dari namanya). Gunakan PDF, JPEG, PNG, WebP, \
             DOCX, XLSX, PPTX, ODT atau ODS.",
            "This kind of file is not accepted (read from its content, not its name). Use PDF, JPEG, PNG, WebP, \
             DOCX, XLSX, PPTX, ODT or ODS.",
        )
    }

    /// A ZIP archive (the office documents): judged again, once whole, by
    /// its central directory ([`periksa_arsip`]).
    pub fn arsip(self) -> bool {
        matches!(self, JenisBerkas::Docx | JenisBerkas::Xlsx | JenisBerkas::Pptx | JenisBerkas::Odt | JenisBerkas::Ods)
    }

    /// The refusal of an office document with macros.
    pub fn bermakro() -> crate::teks::Teks {
        crate::teks::Teks::new(
            "Dokumen yang berisi makro atau kontrol ActiveX tidak diterima. Simpan ulang tanpa makro (DOCX, XLSX, \
             PPTX, ODT, ODS) atau sebagai PDF.",
            "Documents with macros or ActiveX controls are not accepted. Save it again without macros (DOCX, XLSX, \
             PPTX, ODT, ODS) or as a PDF.",
        )
    }

    /// The refusal of one file more than [`MAKS_BERKAS`] for an indicator and evaluation.
    pub fn terlalu_banyak() -> crate::teks::Teks {
        crate::teks::Teks::new(
            format!(
                "Sudah ada {MAKS_BERKAS} berkas bukti untuk indikator dan periode ini: hapus salah satu sebelum \
                 mengunggah yang baru."
            ),
            format!(
                "There are already {MAKS_BERKAS} evidence files for this indicator and period: delete one before \
                 uploading another."
            ),
        )
    }

    /// The refusal of a file larger than `maks` bytes.
    pub fn terlalu_besar(maks: u64) -> crate::teks::Teks {
        let mib = maks as f64 / (1024.0 * 1024.0);
        let angka = if mib.fract() == 0.0 { format!("{mib:.0}") } else { format!("{mib:.1}") };
        crate::teks::Teks::new(
            format!("Berkas terlalu besar: paling besar {} MiB.", angka.replace('.', ",")),
            format!("The file is too large: at most {angka} MiB."),
        )
    }
}

/// The signature of a ZIP entry (a local file header).
const ZIP: &[u8] = b"PK\x03\x04";

/// The names of the ZIP entries whose local headers lie in `awal`, in order.
/// (A header is found by its signature, so an entry whose sizes come after
/// its data, as streaming writers do, does not hide the ones after it.)
fn nama_entri_zip(awal: &[u8]) -> Vec<&[u8]> {
    let mut nama = Vec::new();
    let mut i = 0;
    while let Some(p) = awal.get(i..).and_then(|s| s.windows(ZIP.len()).position(|w| w == ZIP)) {
        let at = i + p;
        let n = awal.get(at + 26..at + 28).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])));
        if let Some(name) = n.and_then(|n| awal.get(at + 30..at + 30 + n)) {
            nama.push(name);
        }
        i = at + ZIP.len();
    }
    nama
}

/// The first entry's name among the local headers in a file's first bytes.
pub fn entri_pertama_zip(awal: &[u8]) -> Option<&[u8]> {
    nama_entri_zip(awal).first().copied()
}

/// The bytes read from a ZIP's end to find its end record: the record (22
/// bytes) and the longest comment it may carry.
pub const EKOR_ZIP: u64 = 22 + 0xFFFF;

/// Where a ZIP's central directory lies (offset and length), read from the
/// end record in the file's last bytes `ekor` (up to [`EKOR_ZIP`]). `None`:
/// no end record that ends the file exactly, or a ZIP64 one (an office
/// document under the size limit never needs it).
pub fn direktori_pusat(ekor: &[u8]) -> Option<(u64, u64)> {
    const AKHIR: &[u8] = b"PK\x05\x06";
    let u16_di = |i: usize| ekor.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let u32_di = |i: usize| ekor.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    let p = (0..ekor.len().saturating_sub(21)).rev().find(|&p| {
        ekor[p..].starts_with(AKHIR) && u16_di(p + 20).is_some_and(|k| p + 22 + usize::from(k) == ekor.len())
    })?;
    let (ukuran, awal) = (u32_di(p + 12)?, u32_di(p + 16)?);
    (ukuran != u32::MAX && awal != u32::MAX).then_some((u64::from(awal), u64::from(ukuran)))
}

/// Why a whole office document is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArsipDitolak {
    /// Its central directory does not hold the document its first bytes
    /// announced (a crafted or damaged archive).
    BukanDokumen,
    /// It carries macros (VBA, StarBasic, scripts) or ActiveX controls.
    BerisiMakro,
}

/// The most entries an office document's central directory may list.
const MAKS_ENTRI: usize = 10_000;

/// Judges a whole office document by its central directory `pusat` (what
/// a reader opens, unlike the local headers [`JenisBerkas::dari_isi`] reads
/// first): it must list the entry the file begins with (`pertama`, at
/// offset 0), the parts of the kind `jenis` announced, and no macros.
pub fn periksa_arsip(jenis: JenisBerkas, pusat: &[u8], pertama: &[u8]) -> Result<(), ArsipDitolak> {
    let mut entri: Vec<(&[u8], u32)> = Vec::new();
    let mut i = 0;
    while i < pusat.len() {
        let u16_di = |j: usize| pusat.get(j..j + 2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])));
        let u32_di = |j: usize| pusat.get(j..j + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        if !pusat[i..].starts_with(b"PK\x01\x02") || entri.len() >= MAKS_ENTRI {
            return Err(ArsipDitolak::BukanDokumen);
        }
        let (Some(n), Some(extra), Some(komentar), Some(offset)) =
            (u16_di(i + 28), u16_di(i + 30), u16_di(i + 32), u32_di(i + 42))
        else {
            return Err(ArsipDitolak::BukanDokumen);
        };
        let nama = pusat.get(i + 46..i + 46 + n).ok_or(ArsipDitolak::BukanDokumen)?;
        entri.push((nama, offset));
        i += 46 + n + extra + komentar;
    }
    if i != pusat.len() || !entri.iter().any(|(n, o)| *o == 0 && *n == pertama) {
        return Err(ArsipDitolak::BukanDokumen);
    }
    let kecil = |n: &[u8]| n.to_ascii_lowercase();
    let ada = |p: &[u8]| entri.iter().any(|(n, _)| *n == p);
    let di_bawah = |folder: &[u8]| entri.iter().any(|(n, _)| n.starts_with(folder) && n.len() > folder.len());
    let makro = match jenis {
        JenisBerkas::Docx | JenisBerkas::Xlsx | JenisBerkas::Pptx => {
            let folder: &[u8] = match jenis {
                JenisBerkas::Docx => b"word/",
                JenisBerkas::Xlsx => b"xl/",
                _ => b"ppt/",
            };
            if !ada(b"[Content_Types].xml") || !di_bawah(folder) {
                return Err(ArsipDitolak::BukanDokumen);
            }
            entri.iter().any(|(n, _)| {
                let n = kecil(n);
                n.ends_with(b"vbaproject.bin") || n.windows(8).any(|w| w == b"/activex")
            })
        }
        JenisBerkas::Odt | JenisBerkas::Ods => {
            if pertama != b"mimetype" || !ada(b"content.xml") {
                return Err(ArsipDitolak::BukanDokumen);
            }
            entri.iter().any(|(n, _)| n.starts_with(b"Basic/") || n.starts_with(b"Scripts/"))
        }
        _ => false,
    };
    if makro { Err(ArsipDitolak::BerisiMakro) } else { Ok(()) }
}

/// A reference to evidence: a URL (`http://`/`https://`) or a document
/// reference such as `ND-123/BKPSDM/2025`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BuktiDukung(String);

impl BuktiDukung {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn is_url(&self) -> bool {
        self.0.starts_with("http://") || self.0.starts_with("https://")
    }
}

/// A valid realisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Realisasi {
    indikator: IndikatorId,
    evaluasi: PeriodeEvaluasi,
    nilai: Option<f64>,
    uraian: String,
    bukti_dukung: Vec<BuktiDukung>,
}

impl Realisasi {
    pub fn indikator(&self) -> &IndikatorId {
        &self.indikator
    }
    pub fn evaluasi(&self) -> PeriodeEvaluasi {
        self.evaluasi
    }
    /// The measured value; `None` for a narrative-only realisation.
    pub fn nilai(&self) -> Option<f64> {
        self.nilai
    }
    pub fn uraian(&self) -> &str {
        &self.uraian
    }
    pub fn bukti_dukung(&self) -> &[BuktiDukung] {
        &self.bukti_dukung
    }
}

/// The realisation form, exactly as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RealisasiInput {
    pub indikator_id: String,
    pub evaluasi: PeriodeEvaluasi,
    /// The measured value in Indonesian notation (`12,5`); may be empty when
    /// `uraian` describes the result.
    #[serde(default)]
    pub nilai: String,
    #[serde(default)]
    pub uraian: String,
    #[serde(default)]
    pub bukti_dukung: Vec<String>,
}

impl RealisasiInput {
    /// Collects every field error.
    pub fn validate(&self) -> Result<Realisasi, FieldErrors> {
        let mut e = FieldErrors::new();
        let indikator = id_wajib(&mut e, "indikator_id", &self.indikator_id);
        let uraian = teks_opsional(&mut e, "uraian", &self.uraian, MAKS_URAIAN);
        let nilai = if self.nilai.trim().is_empty() {
            if uraian.as_deref().is_some_and(str::is_empty) {
                e.push(
                    "nilai",
                    "Isi nilai realisasi atau uraiannya.",
                    "Give the realised value or describe the result.",
                );
            }
            Some(None)
        } else {
            match parse_angka(&self.nilai) {
                Ok(x) if x < 0.0 => {
                    e.push("nilai", "Realisasi tidak boleh negatif.", "The realised value must not be negative.");
                    None
                }
                Ok(x) if x > MAKS_ANGKA => {
                    e.add("nilai", terlalu_besar());
                    None
                }
                Ok(x) => Some(Some(x)),
                Err(pesan) => {
                    e.add("nilai", pesan);
                    None
                }
            }
        };
        if self.bukti_dukung.len() > MAKS_BUKTI {
            e.push(
                "bukti_dukung",
                format!("Paling banyak {MAKS_BUKTI} bukti dukung."),
                format!("At most {MAKS_BUKTI} pieces of evidence."),
            );
        }
        let mut bukti = Vec::new();
        for (i, b) in self.bukti_dukung.iter().enumerate() {
            if let Some(b) = periksa_bukti(&mut e, &item("bukti_dukung", i), b) {
                bukti.push(b);
            }
        }
        match (indikator, uraian, nilai) {
            (Some(indikator), Some(uraian), Some(nilai)) if e.is_empty() => Ok(Realisasi {
                indikator: IndikatorId::new(indikator),
                evaluasi: self.evaluasi,
                nilai,
                uraian,
                bukti_dukung: bukti,
            }),
            _ => Err(e),
        }
    }

    /// Non-blocking remarks: a realisation without evidence.
    pub fn peringatan(&self) -> FieldErrors {
        let mut w = FieldErrors::new();
        if self.bukti_dukung.iter().all(|b| b.trim().is_empty()) {
            w.push(
                "bukti_dukung",
                "Belum ada bukti dukung: lampirkan bukti hasil kerja, bukan bukti kegiatan.",
                "No evidence yet: attach evidence of the result, not of the activity.",
            );
        }
        w
    }
}

fn periksa_bukti(e: &mut FieldErrors, field: &str, b: &str) -> Option<BuktiDukung> {
    let b = b.trim();
    if b.is_empty() {
        e.add(field, crate::error::pesan::wajib_diisi());
        return None;
    }
    if b.chars().count() > MAKS_PANJANG_BUKTI {
        e.add(field, crate::error::pesan::terlalu_panjang(MAKS_PANJANG_BUKTI, b.chars().count()));
        return None;
    }
    // A scheme without `//` (`javascript:…`, `data:…`) is no link and no
    // document reference either: refused, so nothing that could run is kept.
    // (A reference such as `SK:12/2025` is not a scheme: a digit follows.)
    let skema_tanpa_garis = b.split_once(':').is_some_and(|(s, rest)| {
        let mut c = s.chars();
        c.next().is_some_and(|a| a.is_ascii_alphabetic())
            && c.all(|x| x.is_ascii_alphanumeric() || "+.-".contains(x))
            && !rest.starts_with("//")
            && !rest.starts_with(|x: char| x.is_ascii_digit())
    });
    let skema = b.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    if skema_tanpa_garis {
        e.push(
            field,
            "Tautan tidak valid: gunakan alamat http:// atau https:// tanpa spasi.",
            "Invalid link: use an http:// or https:// address without spaces.",
        );
        return None;
    }
    if let Some(skema) = skema {
        let host = b.split_once("://").map(|(_, r)| r.split(['/', '?', '#']).next().unwrap_or("")).unwrap_or("");
        if !(skema == "http" || skema == "https") || host.is_empty() || b.chars().any(char::is_whitespace) {
            e.push(
                field,
                "Tautan tidak valid: gunakan alamat http:// atau https:// tanpa spasi.",
                "Invalid link: use an http:// or https:// address without spaces.",
            );
            return None;
        }
    }
    Some(BuktiDukung(b.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> RealisasiInput {
        RealisasiInput {
            indikator_id: "iki-1".into(),
            evaluasi: PeriodeEvaluasi::Periodik { ke: 1 },
            nilai: "87,5".into(),
            uraian: "".into(),
            bukti_dukung: vec!["https://drive.example/laporan-tw1.pdf".into(), "ND-12/BKPSDM/2025".into()],
        }
    }

    #[test]
    fn a_valid_realisation_keeps_its_number_and_evidence() {
        let r = valid().validate().unwrap();
        assert_eq!(r.nilai(), Some(87.5));
        assert_eq!(r.bukti_dukung().len(), 2);
        assert!(r.bukti_dukung()[0].is_url() && !r.bukti_dukung()[1].is_url());
        assert!(valid().peringatan().is_empty());
    }

    #[test]
    fn the_largest_accepted_realisation_is_a_thousand_trillion() {
        let r = RealisasiInput { nilai: "Rp 1.000.000.000.000.000".into(), ..valid() };
        assert_eq!(r.validate().unwrap().nilai(), Some(MAKS_ANGKA));
        let e = RealisasiInput { nilai: "1.000.000.000.000.001".into(), ..valid() }.validate().unwrap_err();
        assert_eq!(e.to_string(), "nilai: The number is too large: at most 1.000.000.000.000.000.");
    }

    #[test]
    fn a_narrative_realisation_needs_no_number() {
        let r = RealisasiInput { nilai: "".into(), uraian: "Dokumen selesai dan disahkan".into(), ..valid() };
        assert_eq!(r.validate().unwrap().nilai(), None);
    }

    #[test]
    fn invalid_realisations_report_every_field() {
        let table: Vec<(RealisasiInput, &[&str])> = vec![
            (RealisasiInput { indikator_id: "".into(), nilai: "".into(), ..valid() }, &["indikator_id", "nilai"]),
            (RealisasiInput { nilai: "banyak".into(), ..valid() }, &["nilai"]),
            (RealisasiInput { nilai: "-2".into(), ..valid() }, &["nilai"]),
            // A finite number whose capaian would overflow to infinity (JSON's null).
            (RealisasiInput { nilai: format!("17{}", "0".repeat(307)), ..valid() }, &["nilai"]),
            (RealisasiInput { nilai: "1.000.000.000.000.001".into(), ..valid() }, &["nilai"]),
            (
                RealisasiInput {
                    bukti_dukung: vec!["".into(), "ftp://x/y".into(), "https://".into(), "https://a b".into()],
                    ..valid()
                },
                &["bukti_dukung[0]", "bukti_dukung[1]", "bukti_dukung[2]", "bukti_dukung[3]"],
            ),
            (RealisasiInput { bukti_dukung: vec!["x".into(); MAKS_BUKTI + 1], ..valid() }, &["bukti_dukung"]),
            (RealisasiInput { uraian: "x".repeat(MAKS_URAIAN + 1), ..valid() }, &["uraian"]),
        ];
        for (i, (input, fields)) in table.into_iter().enumerate() {
            let e = input.validate().unwrap_err();
            assert_eq!(e.fields().collect::<Vec<_>>(), fields, "case {i}: {e}");
        }
    }

    #[test]
    fn a_file_kind_reads_back_from_its_media_type_and_nothing_else_does() {
        for j in JenisBerkas::SEMUA {
            assert_eq!(JenisBerkas::from_mime(j.mime()), Some(j));
            assert!(JenisBerkas::accept().contains(j.mime()));
        }
        for lain in ["application/x-msdownload", "application/zip", "text/html", "image/svg+xml", ""] {
            assert_eq!(JenisBerkas::from_mime(lain), None, "{lain}");
        }
        assert!(JenisBerkas::terlalu_besar(MAKS_BERKAS_BAWAAN).id.contains("10 MiB"));
        assert!(JenisBerkas::terlalu_besar(1536 * 1024).en.contains("1.5 MiB"));
    }

    /// A ZIP's local file header for an entry named `nama` holding `isi` (stored).
    fn entri(nama: &str, isi: &[u8]) -> Vec<u8> {
        let mut e = ZIP.to_vec();
        e.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        e.extend_from_slice(&(isi.len() as u32).to_le_bytes());
        e.extend_from_slice(&(isi.len() as u32).to_le_bytes());
        e.extend_from_slice(&(nama.len() as u16).to_le_bytes());
        e.extend_from_slice(&[0, 0]);
        e.extend_from_slice(nama.as_bytes());
        e.extend_from_slice(isi);
        e
    }

    #[test]
    fn a_file_is_judged_by_its_bytes() {
        let ooxml = |folder: &str| [entri("[Content_Types].xml", b"<Types/>"), entri(folder, b"<x/>")].concat();
        let odf = |mime: &str| [entri("mimetype", mime.as_bytes()), entri("content.xml", b"<x/>")].concat();
        let table: Vec<(Vec<u8>, Option<JenisBerkas>)> = vec![
            (b"%PDF-1.7\n...".to_vec(), Some(JenisBerkas::Pdf)),
            (vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16], Some(JenisBerkas::Jpeg)),
            (b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec(), Some(JenisBerkas::Png)),
            (b"RIFF\x24\0\0\0WEBPVP8 ".to_vec(), Some(JenisBerkas::Webp)),
            (ooxml("word/document.xml"), Some(JenisBerkas::Docx)),
            (ooxml("xl/workbook.xml"), Some(JenisBerkas::Xlsx)),
            (ooxml("ppt/presentation.xml"), Some(JenisBerkas::Pptx)),
            (odf("application/vnd.oasis.opendocument.text"), Some(JenisBerkas::Odt)),
            (odf("application/vnd.oasis.opendocument.spreadsheet"), Some(JenisBerkas::Ods)),
            // An executable, whatever it is called.
            (b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff".to_vec(), None),
            (b"\x7fELF\x02\x01\x01".to_vec(), None),
            // A plain ZIP, an ODF presentation, a ZIP naming word/ without content types.
            (entri("a.txt", b"hi"), None),
            (odf("application/vnd.oasis.opendocument.presentation"), None),
            (entri("word/document.xml", b"<x/>"), None),
            // HTML or SVG that could run script if ever shown inline.
            (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(), None),
            (b"<!DOCTYPE html><html>".to_vec(), None),
            (Vec::new(), None),
            // Cut short inside a header: no panic, no kind.
            (ZIP[..3].to_vec(), None),
            (odf("application/vnd.oasis.opendocument.text")[..40].to_vec(), None),
        ];
        for (i, (isi, jenis)) in table.into_iter().enumerate() {
            assert_eq!(JenisBerkas::dari_isi(&isi), jenis, "case {i}");
        }
    }

    /// A whole ZIP of stored `entries`: local headers, central directory, end record.
    fn zip_utuh(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut pusat = Vec::new();
        for (nama, isi) in entries {
            let offset = out.len() as u32;
            out.extend(entri(nama, isi));
            pusat.extend_from_slice(b"PK\x01\x02");
            pusat.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            pusat.extend_from_slice(&(isi.len() as u32).to_le_bytes());
            pusat.extend_from_slice(&(isi.len() as u32).to_le_bytes());
            pusat.extend_from_slice(&(nama.len() as u16).to_le_bytes());
            pusat.extend_from_slice(&[0; 12]);
            pusat.extend_from_slice(&offset.to_le_bytes());
            pusat.extend_from_slice(nama.as_bytes());
        }
        let (awal, n) = (out.len() as u32, entries.len() as u16);
        out.extend_from_slice(&pusat);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&(pusat.len() as u32).to_le_bytes());
        out.extend_from_slice(&awal.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    /// [`periksa_arsip`] as the server runs it on a whole file.
    fn periksa(isi: &[u8]) -> Result<(), ArsipDitolak> {
        let jenis = JenisBerkas::dari_isi(isi).ok_or(ArsipDitolak::BukanDokumen)?;
        let ekor = &isi[isi.len().saturating_sub(EKOR_ZIP as usize)..];
        let (awal, ukuran) = direktori_pusat(ekor).ok_or(ArsipDitolak::BukanDokumen)?;
        let pusat = isi.get(awal as usize..(awal + ukuran) as usize).ok_or(ArsipDitolak::BukanDokumen)?;
        periksa_arsip(jenis, pusat, entri_pertama_zip(isi).unwrap_or_default())
    }

    #[test]
    fn a_whole_office_document_is_judged_by_its_central_directory() {
        let docx = zip_utuh(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w/>")]);
        assert_eq!(periksa(&docx), Ok(()));
        let odt = zip_utuh(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")]);
        assert_eq!(periksa(&odt), Ok(()));
        // Macros: VBA in OOXML (any folder, any case), ActiveX, StarBasic in ODF.
        let docm = zip_utuh(&[
            ("[Content_Types].xml", b"<T/>"),
            ("word/document.xml", b"<w/>"),
            ("word/vbaProject.bin", b"\xd0\xcf"),
        ]);
        assert_eq!(periksa(&docm), Err(ArsipDitolak::BerisiMakro));
        let ax = zip_utuh(&[
            ("[Content_Types].xml", b"<T/>"),
            ("xl/workbook.xml", b"<w/>"),
            ("xl/activeX/activeX1.xml", b"<a/>"),
        ]);
        assert_eq!(periksa(&ax), Err(ArsipDitolak::BerisiMakro));
        let basic = zip_utuh(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<x/>"),
            ("Basic/Standard/Module1.xml", b"<m/>"),
        ]);
        assert_eq!(periksa(&basic), Err(ArsipDitolak::BerisiMakro));
        // A document's first entries glued before another archive: the
        // central directory a reader opens lists other files.
        let mut lem = [entri("[Content_Types].xml", b"<T/>"), entri("word/document.xml", b"<w/>")].concat();
        lem.extend(zip_utuh(&[("setup.exe", b"MZ"), ("word/x.xml", b"<w/>")]));
        assert_eq!(periksa(&lem), Err(ArsipDitolak::BukanDokumen));
        // No end record (cut short, or local headers only), an end record
        // followed by more bytes, a central directory cut or lying.
        let kepala = [entri("[Content_Types].xml", b"<T/>"), entri("word/document.xml", b"<w/>")].concat();
        assert_eq!(periksa(&kepala), Err(ArsipDitolak::BukanDokumen));
        let mut ekor_lebih = docx.clone();
        ekor_lebih.extend_from_slice(b"trailing");
        assert_eq!(periksa(&ekor_lebih), Err(ArsipDitolak::BukanDokumen));
        let tanpa_bagian = zip_utuh(&[("[Content_Types].xml", b"<T/>"), ("docProps/app.xml", b"<a/>")]);
        let (awal, ukuran) = direktori_pusat(&tanpa_bagian).unwrap();
        let pusat = &tanpa_bagian[awal as usize..(awal + ukuran) as usize];
        assert_eq!(periksa_arsip(JenisBerkas::Docx, pusat, b"[Content_Types].xml"), Err(ArsipDitolak::BukanDokumen));
        assert_eq!(periksa_arsip(JenisBerkas::Xlsx, pusat, b"docProps/app.xml"), Err(ArsipDitolak::BukanDokumen));
        assert_eq!(periksa_arsip(JenisBerkas::Docx, b"PK\x01\x02short", b"x"), Err(ArsipDitolak::BukanDokumen));
        assert_eq!(direktori_pusat(&[]), None);
        // ZIP64 markers are refused.
        let mut z64 = docx.clone();
        let n = z64.len();
        z64[n - 6..n - 2].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(direktori_pusat(&z64[n.saturating_sub(EKOR_ZIP as usize)..]), None);
        // Other kinds are not archives.
        assert!(JenisBerkas::Docx.arsip() && JenisBerkas::Ods.arsip() && !JenisBerkas::Pdf.arsip());
    }

    #[test]
    fn only_http_links_are_links() {
        for salah in ["javascript:alert(1)", "JavaScript:void(0)", "data:text/html,<b>", "javascript://x/%0Aalert(1)"] {
            let e = RealisasiInput { bukti_dukung: vec![salah.into()], ..valid() }.validate();
            assert_eq!(e.unwrap_err().fields().collect::<Vec<_>>(), ["bukti_dukung[0]"], "{salah}");
        }
        for rujukan in ["SK:12/2025", "Nota Dinas: 800/12", "ND-123/BKPSDM/2025"] {
            let r = RealisasiInput { bukti_dukung: vec![rujukan.into()], ..valid() }.validate().unwrap();
            assert!(!r.bukti_dukung()[0].is_url(), "{rujukan}: a document reference");
        }
    }

    #[test]
    fn a_realisation_without_evidence_gets_a_warning() {
        let r = RealisasiInput { bukti_dukung: vec![], ..valid() };
        assert!(r.validate().is_ok());
        assert_eq!(r.peringatan().fields().collect::<Vec<_>>(), ["bukti_dukung"]);
    }
}
