//! Importing pegawai from a SIASN-like CSV file: the pure part (reading and
//! checking the whole file) lives here and is unit-tested; applying it to the
//! database, in one transaction, is [`apply`].
//!
//! # The layout
//!
//! ```text
//! nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan
//! 197204152000032001;Dr. Rina Wulandari;pns;Kepala Badan;jpt;Badan Kepegawaian Demo;
//! 197811202003121002;Ahmad Fauzi;PNS;Sekretaris;administrasi;Sekretariat;197204152000032001
//! 199606112023211011;Yusuf Hidayat;PPPK;Operator Layanan;pelaksana;Sekretariat/Subbagian Umum;197811202003121002
//! ```
//!
//! - UTF-8, with or without a byte-order mark. A header row is required; it
//!   names the columns `nip, nama, jenis_pegawai, jabatan, jenis_jabatan,
//!   unit, nip_atasan` in any order (case and surrounding spaces ignored).
//!   Other columns (a full SIASN export has many) are ignored.
//! - Separated by `,` or by `;` (Indonesian Excel exports use `;`): the header
//!   row decides, whichever of the two it holds more of. Cells may be quoted
//!   with `"` as usual. Rows whose cells are all empty are skipped.
//! - `nip`: 18 digits (spaces allowed), checked by [`domain::nip::Nip::parse`]
//!   for the row's `jenis_pegawai`.
//! - `jenis_pegawai`: `pns` (also `cpns`) or `pppk`, any case.
//! - `jenis_jabatan`: `jpt`, `administrasi`, `fungsional` or `pelaksana`, any case.
//! - `unit`: the unit kerja as a path below the instansi's top unit,
//!   `Sekretariat/Subbagian Umum`; missing units are created. A path may start
//!   with the top unit's own name (which is then skipped), and the top unit's
//!   name alone means the top unit. At most 10 levels.
//! - `nip_atasan`: the NIP of the pejabat penilai kinerja: another row of the
//!   file or a pegawai of the instansi already in the database; empty when
//!   the pegawai has none (the head of the instansi). The atasan's own
//!   atasan becomes the atasan pejabat penilai.
//!
//! # Checking
//!
//! The whole file is read and checked before anything is written. Every
//! problem is reported with the row number as in the file (the header is row
//! 1), the column, what is wrong (Bahasa Indonesia and English) and who can
//! fix it; the report holds the first [`MAKS_KESALAHAN`] problems in file
//! order and the total count.
//!
//! # All or nothing, or the rows that pass
//!
//! By default a file with any problem is refused whole. When the admin
//! chooses so (`sebagian`), the rows that pass are applied and the others
//! left out, each with its problems in the report. A row that depends on a
//! row left out is left out with it, so that no mapping lands half: a row
//! whose `nip_atasan` is the NIP of a row left out (and so on down the
//! chain), and a row whose NIP is also on a row left out (which of the two
//! is right cannot be told). What remains is checked again as a file of its
//! own against the database (a row left out keeps the database's mapping,
//! which could close a cycle), until nothing more is left out. A file that
//! cannot be read to its end (`csv_rusak`) is still refused whole: the rows
//! after the break were never read, so they could not be listed.

pub mod apply;

use std::collections::{HashMap, HashSet};

use domain::api::{Kesalahan, Laporan, Perbaikan};
use domain::nip::{JenisPegawai, Nip};
use domain::pegawai::{JenisJabatan, MAKS_NAMA, PegawaiInput};
use domain::teks::Teks;

/// The columns a file must have.
pub const KOLOM: [&str; 7] = domain::api::KOLOM_IMPOR;
const NIP: usize = 0;
const NAMA: usize = 1;
const JENIS_PEGAWAI: usize = 2;
const JABATAN: usize = 3;
const JENIS_JABATAN: usize = 4;
const UNIT: usize = 5;
const NIP_ATASAN: usize = 6;

/// The report keeps this many problems (the total is always counted).
pub const MAKS_KESALAHAN: usize = 1000;
/// The deepest unit path a row may name.
pub const MAKS_KEDALAMAN_UNIT: usize = 10;

/// Building a report while reading and checking a file.
trait Catat {
    /// Counts a problem, and keeps it while the report holds fewer than [`MAKS_KESALAHAN`].
    fn catat(&mut self, baris: u64, kolom: &str, kode: &str, pesan: Teks, perbaikan: Perbaikan);
    /// Both reports, the earliest rows first, cut to [`MAKS_KESALAHAN`].
    fn gabung(self, lain: Laporan) -> Laporan;
}

impl Catat for Laporan {
    fn catat(&mut self, baris: u64, kolom: &str, kode: &str, pesan: Teks, perbaikan: Perbaikan) {
        self.total += 1;
        if self.kesalahan.len() < MAKS_KESALAHAN {
            self.kesalahan.push(Kesalahan {
                baris,
                kolom: kolom.to_owned(),
                kode: kode.to_owned(),
                pesan,
                perbaikan,
                diperbaiki_oleh: perbaikan.label(),
            });
        }
    }

    fn gabung(mut self, lain: Laporan) -> Laporan {
        self.total += lain.total;
        self.kesalahan.extend(lain.kesalahan);
        self.kesalahan.sort_by_key(|k| (k.baris, urutan_kolom(&k.kolom)));
        self.kesalahan.truncate(MAKS_KESALAHAN);
        self
    }
}

fn urutan_kolom(kolom: &str) -> usize {
    KOLOM.iter().position(|k| *k == kolom).unwrap_or(KOLOM.len())
}

/// The message summing up a refused file's report, both languages.
pub fn ringkas_laporan(l: &Laporan) -> Teks {
    Teks::new(
        format!(
            "Berkas tidak diimpor: {} kesalahan ({} pertama ditampilkan); tidak ada yang diubah.",
            l.total,
            l.kesalahan.len()
        ),
        format!(
            "The file was not imported: {} problems (the first {} shown); nothing was changed.",
            l.total,
            l.kesalahan.len()
        ),
    )
}

/// A data row as read, before checking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarisMentah {
    pub baris: u64,
    /// The cells in [`KOLOM`] order.
    pub sel: [String; 7],
}

/// A file read into rows; `laporan` holds the problems found while reading.
#[derive(Debug, Default)]
pub struct Mentah {
    pub baris: Vec<BarisMentah>,
    pub laporan: Laporan,
    /// The rows that could not be read (too few columns, not UTF-8), with
    /// their NIP as far as it could be read (empty when not at all).
    pub tak_terbaca: Vec<(u64, String)>,
    /// The file is broken from some row on: the rest was not read.
    pub terpotong: bool,
}

impl Mentah {
    /// Every NIP the file names (its rows and their atasan), without spaces.
    pub fn nip_disebut(&self) -> HashSet<String> {
        self.baris
            .iter()
            .flat_map(|b| [normal_nip(&b.sel[NIP]), normal_nip(&b.sel[NIP_ATASAN])])
            .filter(|n| !n.is_empty())
            .collect()
    }
}

/// What the database already holds, as the checks need it.
#[derive(Clone, Debug, Default)]
pub struct Konteks {
    /// The instansi's pegawai: NIP → the NIP of their current pejabat penilai
    /// in the import's period, if any.
    pub terdaftar: HashMap<String, Option<String>>,
    /// NIPs (among those the file names) registered at another instansi.
    pub instansi_lain: HashSet<String>,
    /// The instansi's pegawai: NIP → their kind of position.
    pub jabatan_terdaftar: HashMap<String, JenisJabatan>,
    /// The NIP of the admin importing through the API (`None` on the
    /// operator's command line): the file may not change a mapping that
    /// involves them (see [`periksa_penilai`]).
    pub pengimpor: Option<String>,
}

/// A checked row, ready to be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarisImpor {
    pub baris: u64,
    pub nip: Nip,
    pub nama: String,
    pub jenis_pegawai: JenisPegawai,
    pub jenis_jabatan: JenisJabatan,
    pub jabatan: String,
    /// The unit path, one name per level, trimmed.
    pub unit: Vec<String>,
    /// The NIP of the pejabat penilai, without spaces.
    pub nip_atasan: Option<String>,
}

/// The rows of a file to apply: all of them (a file without a single
/// problem), or, when only the rows that pass are applied, those, with the
/// report of the rows left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Berkas {
    pub baris: Vec<BarisImpor>,
    /// Why each row left out was (empty when none was).
    pub dilewati: Laporan,
    /// How many rows were left out.
    pub baris_dilewati: usize,
}

/// The problems found by the checks: the report (cut to
/// [`MAKS_KESALAHAN`]) and every row that has one, however many.
#[derive(Debug, Default)]
struct Temuan {
    laporan: Laporan,
    baris: HashSet<u64>,
}

impl Temuan {
    fn catat(&mut self, baris: u64, kolom: &str, kode: &str, pesan: Teks, perbaikan: Perbaikan) {
        self.baris.insert(baris);
        self.laporan.catat(baris, kolom, kode, pesan, perbaikan);
    }

    fn tambah(&mut self, lain: Temuan) {
        self.laporan = std::mem::take(&mut self.laporan).gabung(lain.laporan);
        self.baris.extend(lain.baris);
    }
}

fn normal_nip(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The line of the file a record starts on, from its byte offset. The csv
/// crate's own line count is one short after a CRLF line end (as Excel on
/// Windows saves) and after a blank line (BurntSushi/rust-csv#395, #208), so
/// the lines are counted here, going forward through the file once.
struct NomorBaris<'a> {
    data: &'a [u8],
    byte: usize,
    baris: u64,
}

impl<'a> NomorBaris<'a> {
    fn new(data: &'a [u8]) -> Self {
        NomorBaris { data, byte: 0, baris: 1 }
    }

    fn di(&mut self, byte: u64) -> u64 {
        // A record never starts with a line end: skip the part of one the
        // reader left before it, and blank lines.
        let mut awal = usize::try_from(byte).unwrap_or(usize::MAX).min(self.data.len());
        while matches!(self.data.get(awal), Some(b'\r' | b'\n')) {
            awal += 1;
        }
        if awal < self.byte {
            (self.byte, self.baris) = (0, 1);
        }
        self.baris += self.data[self.byte..awal].iter().filter(|b| **b == b'\n').count() as u64;
        self.byte = awal;
        self.baris
    }
}

fn berkas_salah(kode: &str, pesan: Teks) -> Laporan {
    let mut l = Laporan::default();
    l.catat(1, "berkas", kode, pesan, Perbaikan::AdminInstansi);
    l
}

/// Reads a CSV file into rows. Fails (with a one-problem report) only when
/// the file cannot be read at all: no header, or a header without the
/// required columns. Problems of single rows are collected in the result.
pub fn baca(data: &[u8]) -> Result<Mentah, Laporan> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let baris_pertama = data.split(|b| *b == b'\n').next().unwrap_or_default();
    let titik_koma = baris_pertama.iter().filter(|b| **b == b';').count();
    let koma = baris_pertama.iter().filter(|b| **b == b',').count();
    let pemisah = if titik_koma > koma { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(pemisah).has_headers(true).flexible(true).from_reader(data);
    let header = match reader.byte_headers() {
        Ok(h) if !h.is_empty() && h.iter().any(|c| !c.is_empty()) => h.clone(),
        _ => {
            return Err(berkas_salah(
                "berkas_kosong",
                Teks::new("Berkas kosong atau tanpa baris judul kolom.", "The file is empty or has no header row."),
            ));
        }
    };
    let nama_kolom: Vec<String> =
        header.iter().map(|c| String::from_utf8_lossy(c).trim().trim_matches('"').to_lowercase()).collect();
    let mut indeks = [0usize; 7];
    let mut laporan = Laporan::default();
    for (i, kolom) in KOLOM.iter().enumerate() {
        let posisi: Vec<usize> = nama_kolom.iter().enumerate().filter(|(_, n)| n == kolom).map(|(j, _)| j).collect();
        match posisi.as_slice() {
            [j] => indeks[i] = *j,
            [] => laporan.catat(
                1,
                kolom,
                "kolom_tidak_ada",
                Teks::new(
                    format!("Kolom \"{kolom}\" tidak ada di baris judul (kolom wajib: {}).", KOLOM.join(", ")),
                    format!("The header row has no \"{kolom}\" column (required: {}).", KOLOM.join(", ")),
                ),
                Perbaikan::AdminInstansi,
            ),
            _ => laporan.catat(
                1,
                kolom,
                "kolom_ganda",
                Teks::new(
                    format!("Kolom \"{kolom}\" muncul lebih dari sekali di baris judul."),
                    format!("The header row names \"{kolom}\" more than once."),
                ),
                Perbaikan::AdminInstansi,
            ),
        }
    }
    if !laporan.is_empty() {
        return Err(laporan);
    }
    let mut baris = Vec::new();
    let mut tak_terbaca = Vec::new();
    let mut terpotong = false;
    let mut record = csv::ByteRecord::new();
    let mut nomor_baris = NomorBaris::new(data);
    let nip_lossy = |r: &csv::ByteRecord| normal_nip(&String::from_utf8_lossy(r.get(indeks[NIP]).unwrap_or_default()));
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let nomor = e.position().map(|p| nomor_baris.di(p.byte())).unwrap_or_default();
                laporan.catat(
                    nomor,
                    "berkas",
                    "csv_rusak",
                    Teks::new(
                        "Berkas CSV rusak mulai baris ini; simpan ulang dari aplikasi lembar kerja.",
                        "The CSV file is broken from this row on; save it again from the spreadsheet.",
                    ),
                    Perbaikan::AdminInstansi,
                );
                terpotong = true;
                break;
            }
        }
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let nomor = record.position().map(|p| nomor_baris.di(p.byte())).unwrap_or_default();
        if record.len() < nama_kolom.len() && indeks.iter().any(|&j| j >= record.len()) {
            laporan.catat(
                nomor,
                "berkas",
                "jumlah_kolom",
                Teks::new(
                    format!("Baris ini hanya punya {} kolom, baris judul {}.", record.len(), nama_kolom.len()),
                    format!("This row has {} columns, the header {}.", record.len(), nama_kolom.len()),
                ),
                Perbaikan::AdminInstansi,
            );
            tak_terbaca.push((nomor, nip_lossy(&record)));
            continue;
        }
        let mut sel: [String; 7] = Default::default();
        let mut utuh = true;
        for (i, &j) in indeks.iter().enumerate() {
            match std::str::from_utf8(record.get(j).unwrap_or_default()) {
                Ok(s) => sel[i] = s.to_owned(),
                Err(_) => {
                    utuh = false;
                    laporan.catat(
                        nomor,
                        KOLOM[i],
                        "bukan_utf8",
                        Teks::new(
                            "Bukan teks UTF-8; simpan berkas sebagai \"CSV UTF-8\".",
                            "Not UTF-8 text; save the file as \"CSV UTF-8\".",
                        ),
                        Perbaikan::AdminInstansi,
                    );
                }
            }
        }
        if utuh {
            baris.push(BarisMentah { baris: nomor, sel });
        } else {
            tak_terbaca.push((nomor, nip_lossy(&record)));
        }
    }
    if baris.is_empty() && laporan.is_empty() {
        return Err(berkas_salah(
            "berkas_kosong",
            Teks::new("Berkas tidak berisi satu pun baris data.", "The file holds no data row."),
        ));
    }
    Ok(Mentah { baris, laporan, tak_terbaca, terpotong })
}

fn jenis_pegawai(s: &str) -> Option<JenisPegawai> {
    match s.trim().to_lowercase().as_str() {
        "pns" | "cpns" => Some(JenisPegawai::Pns),
        "pppk" => Some(JenisPegawai::Pppk),
        _ => None,
    }
}

fn jenis_jabatan(s: &str) -> Option<JenisJabatan> {
    JenisJabatan::from_kode(&s.trim().to_lowercase())
}

/// Splits a unit path into trimmed names, or says what is wrong with it.
fn unit_path(s: &str) -> Result<Vec<String>, (&'static str, Teks)> {
    let s = s.trim();
    if s.is_empty() {
        return Err(("wajib_diisi", domain::error::pesan::wajib_diisi()));
    }
    let bagian: Vec<String> = s.split('/').map(|b| b.trim().to_owned()).collect();
    if bagian.iter().any(String::is_empty) {
        return Err((
            "unit_tidak_valid",
            Teks::new(
                "Ada nama unit kosong di antara tanda \"/\".",
                "A unit name between the \"/\" separators is empty.",
            ),
        ));
    }
    if bagian.len() > MAKS_KEDALAMAN_UNIT {
        return Err((
            "unit_terlalu_dalam",
            Teks::new(
                format!("Paling banyak {MAKS_KEDALAMAN_UNIT} tingkat unit, ada {}.", bagian.len()),
                format!("At most {MAKS_KEDALAMAN_UNIT} unit levels, found {}.", bagian.len()),
            ),
        ));
    }
    if let Some(b) = bagian.iter().find(|b| b.chars().count() > MAKS_NAMA) {
        return Err(("terlalu_panjang", domain::error::pesan::terlalu_panjang(MAKS_NAMA, b.chars().count())));
    }
    Ok(bagian)
}

/// Checks every row of a read file against the others and against what the
/// database holds. `Ok` only when the whole file is free of problems, or,
/// with `sebagian`, when some rows pass: those, and the report of the rows
/// left out (see the module's documentation).
pub fn periksa(mentah: Mentah, konteks: &Konteks, sebagian: bool) -> Result<Berkas, Laporan> {
    let Mentah { baris: semua, laporan: laporan_baca, tak_terbaca, terpotong } = mentah;
    let mut l = Temuan::default();
    let mut pertama: HashMap<String, u64> = HashMap::with_capacity(semua.len());
    let mut hasil = Vec::with_capacity(semua.len());
    for b in &semua {
        let nomor = b.baris;
        let sebelum = l.laporan.total;
        for (i, isi) in b.sel.iter().enumerate() {
            if isi.chars().any(char::is_control) {
                l.catat(
                    nomor,
                    KOLOM[i],
                    "karakter_kendali",
                    Teks::new(
                        "Mengandung karakter kendali (mis. ganti baris atau tab) yang tidak diizinkan.",
                        "Contains a control character (e.g. a line break or tab) that is not allowed.",
                    ),
                    Perbaikan::AdminInstansi,
                );
            }
        }
        let jp = jenis_pegawai(&b.sel[JENIS_PEGAWAI]);
        if jp.is_none() {
            l.catat(
                nomor,
                KOLOM[JENIS_PEGAWAI],
                "jenis_pegawai_tidak_dikenal",
                Teks::new(
                    "Jenis pegawai harus \"pns\" atau \"pppk\".",
                    "The employee type must be \"pns\" or \"pppk\".",
                ),
                Perbaikan::AdminInstansi,
            );
        }
        let jj = jenis_jabatan(&b.sel[JENIS_JABATAN]);
        if jj.is_none() {
            l.catat(
                nomor,
                KOLOM[JENIS_JABATAN],
                "jenis_jabatan_tidak_dikenal",
                Teks::new(
                    "Jenis jabatan harus salah satu dari jpt, administrasi, fungsional, pelaksana.",
                    "The position type must be one of jpt, administrasi, fungsional, pelaksana.",
                ),
                Perbaikan::AdminInstansi,
            );
        }
        // The domain form checks the NIP (for the row's kind; the common
        // structure when the kind is unknown), the name and the position.
        let input = PegawaiInput {
            id: "impor".into(),
            nip: b.sel[NIP].clone(),
            nama: b.sel[NAMA].clone(),
            jenis_pegawai: jp.unwrap_or(JenisPegawai::Pppk),
            jenis_jabatan: jj.unwrap_or(JenisJabatan::Pelaksana),
            jabatan: b.sel[JABATAN].clone(),
            unit_kerja_id: "impor".into(),
        };
        let pegawai = match input.validate() {
            Ok(p) => Some(p),
            Err(e) => {
                for (field, pesan) in e.iter() {
                    let (kolom, perbaikan, i) = match field {
                        "nip" => ("nip", Perbaikan::PegawaiAtauBkn, NIP),
                        "nama" => ("nama", Perbaikan::AdminInstansi, NAMA),
                        _ => ("jabatan", Perbaikan::AdminInstansi, JABATAN),
                    };
                    let kode = match (i, b.sel[i].trim().is_empty()) {
                        (_, true) => "wajib_diisi",
                        (NIP, false) => "nip_tidak_valid",
                        _ => "terlalu_panjang",
                    };
                    for p in pesan {
                        l.catat(nomor, kolom, kode, p.clone(), perbaikan);
                    }
                }
                None
            }
        };
        let nip = normal_nip(&b.sel[NIP]);
        if !nip.is_empty() {
            match pertama.get(&nip) {
                Some(&lain) => l.catat(
                    nomor,
                    "nip",
                    "nip_ganda",
                    Teks::new(
                        format!("NIP ini sudah ada di baris {lain}; satu pegawai satu baris."),
                        format!("This NIP is already on row {lain}; one row per employee."),
                    ),
                    Perbaikan::AdminInstansi,
                ),
                None => {
                    pertama.insert(nip.clone(), nomor);
                }
            }
            if konteks.instansi_lain.contains(&nip) {
                l.catat(
                    nomor,
                    "nip",
                    "nip_di_instansi_lain",
                    Teks::new(
                        "NIP ini terdaftar di instansi lain; pindahkan lewat mutasi lebih dulu.",
                        "This NIP is registered at another instansi; transfer the employee first.",
                    ),
                    Perbaikan::InstansiAsal,
                );
            }
        }
        let unit = match unit_path(&b.sel[UNIT]) {
            Ok(u) => Some(u),
            Err((kode, pesan)) => {
                l.catat(nomor, "unit", kode, pesan, Perbaikan::AdminInstansi);
                None
            }
        };
        let nip_atasan = normal_nip(&b.sel[NIP_ATASAN]);
        let nip_atasan = if nip_atasan.is_empty() {
            None
        } else if nip_atasan == nip {
            l.catat(
                nomor,
                "nip_atasan",
                "atasan_diri_sendiri",
                Teks::new("Pegawai tidak dapat menjadi atasannya sendiri.", "An employee cannot be their own rater."),
                Perbaikan::AdminInstansi,
            );
            None
        } else {
            match Nip::parse(&nip_atasan, JenisPegawai::Pppk) {
                Ok(_) => Some(nip_atasan),
                Err(e) => {
                    l.catat(nomor, "nip_atasan", "nip_atasan_tidak_valid", e.pesan(), Perbaikan::AdminInstansi);
                    None
                }
            }
        };
        if l.laporan.total == sebelum
            && let (Some(p), Some(jenis_pegawai), Some(jenis_jabatan), Some(unit)) = (pegawai, jp, jj, unit)
        {
            hasil.push(BarisImpor {
                baris: nomor,
                nip: p.nip().clone(),
                nama: p.nama().to_owned(),
                jenis_pegawai,
                jenis_jabatan,
                jabatan: p.jabatan().to_owned(),
                unit,
                nip_atasan,
            });
        }
    }

    // Across rows: every atasan exists, and no chain of atasan goes round.
    // Rows with problems of their own still count as "in the file".
    let mut di_berkas: HashMap<String, Option<String>> = HashMap::with_capacity(semua.len());
    for b in &semua {
        let nip = normal_nip(&b.sel[NIP]);
        let atasan = Some(normal_nip(&b.sel[NIP_ATASAN])).filter(|a| !a.is_empty() && *a != nip);
        if !nip.is_empty() {
            di_berkas.entry(nip).or_insert(atasan);
        }
    }
    let mut l2 = Temuan::default();
    periksa_rantai(&hasil, &di_berkas, konteks, &mut l2);
    periksa_penilai(&hasil, &di_berkas, konteks, &mut l2);
    let laporan = laporan_baca.gabung(l.laporan).gabung(l2.laporan);
    if laporan.is_empty() {
        return Ok(Berkas { baris: hasil, dilewati: Laporan::default(), baris_dilewati: 0 });
    }
    if !sebagian || terpotong {
        return Err(laporan);
    }

    // Only the rows that pass: each NIP of a row left out (the first such row).
    let mut keluar: HashMap<String, u64> = HashMap::new();
    let mut keluarkan = |nip: String, nomor: u64| {
        if !nip.is_empty() {
            keluar.entry(nip).and_modify(|n| *n = (*n).min(nomor)).or_insert(nomor);
        }
    };
    for (nomor, nip) in tak_terbaca.iter().cloned() {
        keluarkan(nip, nomor);
    }
    let lolos: HashSet<u64> = hasil.iter().map(|b| b.baris).filter(|n| !l2.baris.contains(n)).collect();
    for b in semua.iter().filter(|b| !lolos.contains(&b.baris)) {
        keluarkan(normal_nip(&b.sel[NIP]), b.baris);
    }
    let lolos: Vec<BarisImpor> = hasil.into_iter().filter(|b| lolos.contains(&b.baris)).collect();
    let (baris, ikut) = sisihkan(lolos, keluar, konteks);
    let dilewati = laporan.gabung(ikut.laporan);
    if baris.is_empty() {
        return Err(dilewati);
    }
    let baris_dilewati = semua.len() + tak_terbaca.len() - baris.len();
    Ok(Berkas { baris, dilewati, baris_dilewati })
}

/// Of the rows that passed, leaves out those that depend on a row left out
/// (`keluar`: NIP → its row): one with the same NIP, one whose atasan is
/// left out, and so on down each chain; then checks the rest as a file of
/// its own against the database, and again until nothing more is left out.
/// Returns the rows to apply and why the others were left out here.
fn sisihkan(lolos: Vec<BarisImpor>, mut keluar: HashMap<String, u64>, konteks: &Konteks) -> (Vec<BarisImpor>, Temuan) {
    let mut t = Temuan::default();
    let mut lewat = vec![false; lolos.len()];
    let mut bawahan: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, b) in lolos.iter().enumerate() {
        if let Some(a) = &b.nip_atasan {
            bawahan.entry(a.as_str()).or_default().push(i);
        }
    }
    // The rows that passed have a NIP each (a second row with it does not pass).
    for (i, b) in lolos.iter().enumerate() {
        if let Some(&n) = keluar.get(b.nip.as_str()) {
            lewat[i] = true;
            t.catat(
                b.baris,
                "nip",
                "nip_di_baris_dilewati",
                Teks::new(
                    format!("NIP ini juga ada di baris {n} yang dilewati; baris ini ikut dilewati (satu pegawai satu baris)."),
                    format!("This NIP is also on row {n}, which was left out; this row is left out too (one row per employee)."),
                ),
                Perbaikan::AdminInstansi,
            );
        }
    }
    let mut antre: Vec<String> = keluar.keys().cloned().collect();
    loop {
        while let Some(nip) = antre.pop() {
            let n = keluar.get(&nip).copied().unwrap_or_default();
            for &i in bawahan.get(nip.as_str()).into_iter().flatten() {
                if lewat[i] {
                    continue;
                }
                lewat[i] = true;
                let b = &lolos[i];
                t.catat(
                    b.baris,
                    "nip_atasan",
                    "atasan_dilewati",
                    Teks::new(
                        format!(
                            "Atasan ini (baris {n}) dilewati karena bermasalah; baris ini ikut dilewati agar \
                             pemetaan atasan tidak keliru. Perbaiki baris {n} lalu impor lagi."
                        ),
                        format!(
                            "This rater (row {n}) was left out for its problems; this row is left out too, \
                             so that no rater is set wrongly. Fix row {n} and import again."
                        ),
                    ),
                    Perbaikan::AdminInstansi,
                );
                keluar.entry(b.nip.as_str().to_owned()).or_insert(b.baris);
                antre.push(b.nip.as_str().to_owned());
            }
        }
        // What remains, as a file of its own: a row left out keeps the
        // database's mapping, which the first checks did not see.
        let tetap: Vec<BarisImpor> = lolos.iter().zip(&lewat).filter(|(_, l)| !**l).map(|(b, _)| b.clone()).collect();
        let di_berkas: HashMap<String, Option<String>> =
            tetap.iter().map(|b| (b.nip.as_str().to_owned(), b.nip_atasan.clone())).collect();
        let mut cek = Temuan::default();
        periksa_rantai(&tetap, &di_berkas, konteks, &mut cek);
        periksa_penilai(&tetap, &di_berkas, konteks, &mut cek);
        if cek.baris.is_empty() {
            return (tetap, t);
        }
        for (i, b) in lolos.iter().enumerate() {
            if !lewat[i] && cek.baris.contains(&b.baris) {
                lewat[i] = true;
                keluar.entry(b.nip.as_str().to_owned()).or_insert(b.baris);
                antre.push(b.nip.as_str().to_owned());
            }
        }
        t.tambah(cek);
    }
}

/// Who each row makes its pejabat penilai, checked as the console's own
/// change is: a pelaksana never rates (RULES.md §3.1), and the admin
/// importing may not make a change that involves them — their own atasan,
/// themself as someone's penilai, or as the atasan of someone's new penilai
/// (who becomes atasan pejabat penilai) — where the mapping is not already
/// so (importing the same file again stays possible).
fn periksa_penilai(
    baris: &[BarisImpor],
    di_berkas: &HashMap<String, Option<String>>,
    konteks: &Konteks,
    l: &mut Temuan,
) {
    let jabatan_berkas: HashMap<&str, JenisJabatan> = baris.iter().map(|b| (b.nip.as_str(), b.jenis_jabatan)).collect();
    let atasan_dari = |nip: &str| -> Option<String> {
        match di_berkas.get(nip) {
            Some(a) => a.clone(),
            None => konteks.terdaftar.get(nip).cloned().flatten(),
        }
    };
    for b in baris {
        let sekarang = konteks.terdaftar.get(b.nip.as_str()).cloned().flatten();
        let berubah = b.nip_atasan != sekarang;
        if let Some(a) = &b.nip_atasan {
            let jenis = jabatan_berkas.get(a.as_str()).copied().or_else(|| konteks.jabatan_terdaftar.get(a).copied());
            if jenis.is_some_and(|j| !j.boleh_menilai()) {
                l.catat(
                    b.baris,
                    "nip_atasan",
                    "atasan_tidak_boleh_menilai",
                    domain::pegawai::pesan_bukan_penilai(),
                    Perbaikan::AdminInstansi,
                );
            }
        }
        let Some(saya) = konteks.pengimpor.as_deref() else { continue };
        let melibatkan = b.nip.as_str() == saya
            || b.nip_atasan.as_deref() == Some(saya)
            || b.nip_atasan.as_deref().and_then(atasan_dari).as_deref() == Some(saya);
        if berubah && melibatkan {
            l.catat(
                b.baris,
                "nip_atasan",
                "atasan_diri_sendiri_pengimpor",
                domain::pegawai::pesan_atasan_diri_sendiri(),
                Perbaikan::AdminInstansi,
            );
        }
    }
}

/// The cross-row checks on the rows that passed the row checks: each
/// `nip_atasan` names a row or a pegawai of the instansi, and following the
/// atasan from any row never comes back to it.
fn periksa_rantai(
    baris: &[BarisImpor],
    di_berkas: &HashMap<String, Option<String>>,
    konteks: &Konteks,
    l: &mut Temuan,
) {
    let atasan_dari = |nip: &str| -> Option<String> {
        match di_berkas.get(nip) {
            Some(a) => a.clone(),
            None => konteks.terdaftar.get(nip).cloned().flatten(),
        }
    };
    for b in baris {
        if let Some(a) = &b.nip_atasan
            && !di_berkas.contains_key(a.as_str())
            && !konteks.terdaftar.contains_key(a)
        {
            let (kode, pesan) = if konteks.instansi_lain.contains(a) {
                (
                    "atasan_di_instansi_lain",
                    Teks::new(
                        "Atasan ini pegawai instansi lain; pejabat penilai harus dari instansi ini.",
                        "This rater belongs to another instansi; the rater must be of this instansi.",
                    ),
                )
            } else {
                (
                    "atasan_tidak_ditemukan",
                    Teks::new(
                        "NIP atasan tidak ada di berkas ini maupun di data instansi.",
                        "The rater's NIP is neither in this file nor among the instansi's employees.",
                    ),
                )
            };
            l.catat(b.baris, "nip_atasan", kode, pesan, Perbaikan::AdminInstansi);
        }
    }
    // Colour each NIP: on the current walk, or known to end without a cycle.
    #[derive(Clone, Copy, PartialEq)]
    enum Warna {
        DiJalan,
        Selesai,
    }
    let mut warna: HashMap<String, Warna> = HashMap::with_capacity(baris.len());
    let mut berputar: HashMap<String, Vec<String>> = HashMap::new();
    for b in baris {
        let mut jalan: Vec<String> = Vec::new();
        let mut kini = Some(b.nip.as_str().to_owned());
        while let Some(nip) = kini {
            match warna.get(&nip) {
                Some(Warna::Selesai) => break,
                Some(Warna::DiJalan) => {
                    let awal = jalan.iter().position(|n| *n == nip).unwrap_or(0);
                    let lingkar: Vec<String> = jalan[awal..].to_vec();
                    for n in &lingkar {
                        berputar.insert(n.clone(), lingkar.clone());
                    }
                    break;
                }
                None => {
                    warna.insert(nip.clone(), Warna::DiJalan);
                    kini = atasan_dari(&nip).filter(|a| *a != nip);
                    jalan.push(nip);
                }
            }
        }
        for n in jalan {
            warna.insert(n, Warna::Selesai);
        }
    }
    for b in baris {
        if let Some(lingkar) = berputar.get(b.nip.as_str()) {
            let mut urut: Vec<&str> = lingkar.iter().map(String::as_str).take(6).collect();
            urut.push(lingkar.first().map(String::as_str).unwrap_or_default());
            let rantai = if lingkar.len() > 6 { format!("{} …", urut.join(" → ")) } else { urut.join(" → ") };
            l.catat(
                b.baris,
                "nip_atasan",
                "atasan_berputar",
                Teks::new(
                    format!("Rantai atasan berputar kembali ke pegawai ini: {rantai}."),
                    format!("The chain of raters comes back to this employee: {rantai}."),
                ),
                Perbaikan::AdminInstansi,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid PNS NIP with serial `n`.
    fn nip(n: u32) -> String {
        format!("19800101200501 1 {n:03}").replace(' ', "")
    }

    const HEADER: &str = "nip,nama,jenis_pegawai,jabatan,jenis_jabatan,unit,nip_atasan";

    fn file(rows: &[String]) -> String {
        format!("{HEADER}\n{}\n", rows.join("\n"))
    }

    fn row(n: u32, atasan: Option<u32>) -> String {
        format!("{},Pegawai {n},pns,Analis,fungsional,Sekretariat/Umum,{}", nip(n), atasan.map(nip).unwrap_or_default())
    }

    fn check(csv: &str, konteks: &Konteks) -> Result<Berkas, Laporan> {
        periksa(baca(csv.as_bytes())?, konteks, false)
    }

    fn codes(l: &Laporan) -> Vec<(u64, &str, &str)> {
        l.kesalahan.iter().map(|k| (k.baris, k.kolom.as_str(), k.kode.as_str())).collect()
    }

    #[test]
    fn a_valid_comma_file_gives_typed_rows() {
        let berkas = check(&file(&[row(1, None), row(2, Some(1))]), &Konteks::default()).unwrap();
        assert_eq!(berkas.baris.len(), 2);
        let b = &berkas.baris[1];
        assert_eq!((b.baris, b.nip.as_str(), b.nama.as_str()), (3, nip(2).as_str(), "Pegawai 2"));
        assert_eq!((b.jenis_pegawai, b.jenis_jabatan), (JenisPegawai::Pns, JenisJabatan::Fungsional));
        assert_eq!(b.unit, ["Sekretariat", "Umum"]);
        assert_eq!(b.nip_atasan.as_deref(), Some(nip(1).as_str()));
    }

    #[test]
    fn a_semicolon_excel_export_with_a_bom_and_quoted_cells_is_read() {
        let csv = format!(
            "\u{feff}NIP ; Nama;Jenis_Pegawai;jabatan;jenis_jabatan;unit;nip_atasan;golongan\r\n\
             {};\"Siti; S.E.\";PPPK;Operator;Pelaksana; Dinas / Bidang A ;;III/a\r\n;;;;;;;\r\n",
            "19900101 202321 2 001"
        );
        let berkas = check(&csv, &Konteks::default()).unwrap();
        assert_eq!(berkas.baris.len(), 1, "the all-empty row is skipped");
        let b = &berkas.baris[0];
        assert_eq!((b.nama.as_str(), b.jenis_pegawai), ("Siti; S.E.", JenisPegawai::Pppk));
        assert_eq!(b.nip.as_str(), "199001012023212001");
        assert_eq!(b.unit, ["Dinas", "Bidang A"]);
    }

    #[test]
    fn every_row_problem_is_reported_with_row_column_and_who_fixes_it() {
        let long = "x".repeat(MAKS_NAMA + 1);
        let table: Vec<(String, (u64, &str, &str), Perbaikan)> = vec![
            ("12345,A,pns,J,pelaksana,U,".to_owned(), (2, "nip", "nip_tidak_valid"), Perbaikan::PegawaiAtauBkn),
            // A PPPK number (digits 13-14 are "21") is not a PNS number.
            (
                "199001012023212001,A,pns,J,pelaksana,U,".to_owned(),
                (2, "nip", "nip_tidak_valid"),
                Perbaikan::PegawaiAtauBkn,
            ),
            (",A,pns,J,pelaksana,U,".to_owned(), (2, "nip", "wajib_diisi"), Perbaikan::PegawaiAtauBkn),
            (
                format!("{},A,honorer,J,pelaksana,U,", nip(1)),
                (2, "jenis_pegawai", "jenis_pegawai_tidak_dikenal"),
                Perbaikan::AdminInstansi,
            ),
            (
                format!("{},A,pns,J,struktural,U,", nip(1)),
                (2, "jenis_jabatan", "jenis_jabatan_tidak_dikenal"),
                Perbaikan::AdminInstansi,
            ),
            (format!("{}, ,pns,J,pelaksana,U,", nip(1)), (2, "nama", "wajib_diisi"), Perbaikan::AdminInstansi),
            (format!("{},{long},pns,J,pelaksana,U,", nip(1)), (2, "nama", "terlalu_panjang"), Perbaikan::AdminInstansi),
            (format!("{},A,pns,,pelaksana,U,", nip(1)), (2, "jabatan", "wajib_diisi"), Perbaikan::AdminInstansi),
            (format!("{},A,pns,J,pelaksana,,", nip(1)), (2, "unit", "wajib_diisi"), Perbaikan::AdminInstansi),
            (format!("{},A,pns,J,pelaksana,A//B,", nip(1)), (2, "unit", "unit_tidak_valid"), Perbaikan::AdminInstansi),
            (
                format!("{},A,pns,J,pelaksana,{},", nip(1), ["U"; 11].join("/")),
                (2, "unit", "unit_terlalu_dalam"),
                Perbaikan::AdminInstansi,
            ),
            (format!("{},A,pns,J,pelaksana,{long},", nip(1)), (2, "unit", "terlalu_panjang"), Perbaikan::AdminInstansi),
            (
                format!("{},A\u{7},pns,J,pelaksana,U,", nip(1)),
                (2, "nama", "karakter_kendali"),
                Perbaikan::AdminInstansi,
            ),
            (
                format!("{},\"A\nB\",pns,J,pelaksana,U,", nip(1)),
                (2, "nama", "karakter_kendali"),
                Perbaikan::AdminInstansi,
            ),
            (
                format!("{},A,pns,J,pelaksana,U,{}", nip(1), nip(1)),
                (2, "nip_atasan", "atasan_diri_sendiri"),
                Perbaikan::AdminInstansi,
            ),
            (
                format!("{},A,pns,J,pelaksana,U,123", nip(1)),
                (2, "nip_atasan", "nip_atasan_tidak_valid"),
                Perbaikan::AdminInstansi,
            ),
            (
                format!("{},A,pns,J,pelaksana,U,{}", nip(1), nip(9)),
                (2, "nip_atasan", "atasan_tidak_ditemukan"),
                Perbaikan::AdminInstansi,
            ),
            (format!("{},A,pns,J,pelaksana", nip(1)), (2, "berkas", "jumlah_kolom"), Perbaikan::AdminInstansi),
        ];
        for (line, expected, perbaikan) in table {
            let l = check(&format!("{HEADER}\n{line}\n"), &Konteks::default()).unwrap_err();
            assert_eq!(codes(&l), [expected], "{line:?}");
            let k = &l.kesalahan[0];
            assert_eq!(k.perbaikan, perbaikan, "{line:?}");
            assert!(!k.pesan.id.is_empty() && !k.pesan.en.is_empty() && !k.diperbaiki_oleh.id.is_empty());
        }
    }

    #[test]
    fn a_nip_twice_in_the_file_names_the_first_row() {
        let l = check(&file(&[row(1, None), row(2, Some(1)), row(1, None)]), &Konteks::default()).unwrap_err();
        assert_eq!(codes(&l), [(4, "nip", "nip_ganda")]);
        assert!(l.kesalahan[0].pesan.id.contains("baris 2"), "{:?}", l.kesalahan[0].pesan);
    }

    #[test]
    fn an_atasan_may_be_a_pegawai_already_in_the_database_but_not_of_another_instansi() {
        let mut konteks = Konteks::default();
        konteks.terdaftar.insert(nip(50), None);
        assert!(check(&file(&[row(1, Some(50))]), &konteks).is_ok());
        konteks.instansi_lain.insert(nip(60));
        let l = check(&file(&[row(1, Some(60)), row(60, None)]), &konteks).unwrap_err();
        assert_eq!(codes(&l), [(3, "nip", "nip_di_instansi_lain")]);
        assert_eq!(l.kesalahan[0].perbaikan, Perbaikan::InstansiAsal);
        let l = check(&file(&[row(1, Some(60))]), &konteks).unwrap_err();
        assert_eq!(codes(&l), [(2, "nip_atasan", "atasan_di_instansi_lain")]);
    }

    #[test]
    fn cycles_of_atasan_are_reported_on_every_row_in_them() {
        let l =
            check(&file(&[row(1, Some(3)), row(2, Some(1)), row(3, Some(2)), row(4, Some(1))]), &Konteks::default())
                .unwrap_err();
        assert_eq!(
            codes(&l),
            [
                (2, "nip_atasan", "atasan_berputar"),
                (3, "nip_atasan", "atasan_berputar"),
                (4, "nip_atasan", "atasan_berputar")
            ]
        );
        assert!(l.kesalahan[0].pesan.id.contains('→'));
        // Through the database: 2 is (in the database) rated by 1, and the file makes 1 rated by 2.
        let mut konteks = Konteks::default();
        konteks.terdaftar.insert(nip(2), Some(nip(1)));
        let l = check(&file(&[row(1, Some(2))]), &konteks).unwrap_err();
        assert_eq!(codes(&l), [(2, "nip_atasan", "atasan_berputar")]);
        // A long chain without a cycle is fine.
        let rows: Vec<String> = (1..=500).map(|n| row(n, (n > 1).then(|| n - 1))).collect();
        assert!(check(&file(&rows), &Konteks::default()).is_ok());
    }

    #[test]
    fn a_header_without_the_required_columns_stops_at_row_one() {
        let table = [
            ("nip,nama\n1,2\n", vec!["jenis_pegawai", "jabatan", "jenis_jabatan", "unit", "nip_atasan"]),
            ("nip,nip,nama,jenis_pegawai,jabatan,jenis_jabatan,unit,nip_atasan\n", vec!["nip"]),
        ];
        for (csv, kolom) in table {
            let l = baca(csv.as_bytes()).unwrap_err();
            assert_eq!(l.kesalahan.iter().map(|k| k.kolom.as_str()).collect::<Vec<_>>(), kolom, "{csv}");
            assert!(l.kesalahan.iter().all(|k| k.baris == 1));
        }
        for empty in ["", "\u{feff}", &format!("{HEADER}\n"), &format!("{HEADER}\n,,,,,,\n")] {
            assert_eq!(codes(&baca(empty.as_bytes()).unwrap_err()), [(1, "berkas", "berkas_kosong")], "{empty:?}");
        }
    }

    #[test]
    fn row_numbers_are_the_files_lines_with_crlf_line_ends_and_blank_lines() {
        for end in ["\n", "\r\n"] {
            let csv = [HEADER, &row(1, None), "", "", &row(2, Some(1)), "\"x\",,,,,,", &row(3, Some(9))].join(end);
            let l = check(&csv, &Konteks::default()).unwrap_err();
            assert_eq!(
                l.kesalahan.iter().map(|k| k.baris).collect::<Vec<_>>(),
                [6, 6, 6, 6, 6, 6, 7],
                "{end:?}: row 6 has one problem per empty column, row 7 an unknown atasan: {l:?}"
            );
            let mentah = baca(csv.as_bytes()).unwrap();
            assert_eq!(mentah.baris.iter().map(|b| b.baris).collect::<Vec<_>>(), [2, 5, 6, 7], "{end:?}");
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_reported_per_cell() {
        let mut csv = format!("{HEADER}\n").into_bytes();
        csv.extend_from_slice(format!("{},Jos", nip(1)).as_bytes());
        csv.extend_from_slice(b"\xE9,pns,J,pelaksana,U,\n");
        let mentah = baca(&csv).unwrap();
        assert_eq!(codes(&mentah.laporan), [(2, "nama", "bukan_utf8")]);
    }

    #[test]
    fn the_report_keeps_the_first_thousand_problems_in_file_order_and_counts_all() {
        let rows: Vec<String> = (1..=1500).map(|n| format!("{n},Pegawai {n},pns,J,pelaksana,U,")).collect();
        let l = check(&file(&rows), &Konteks::default()).unwrap_err();
        assert_eq!(l.total, 1500);
        assert_eq!(l.kesalahan.len(), MAKS_KESALAHAN);
        assert_eq!(l.kesalahan.first().map(|k| k.baris), Some(2));
        assert!(l.kesalahan.windows(2).all(|w| w[0].baris <= w[1].baris));
    }

    #[test]
    fn a_pelaksana_is_never_made_a_penilai() {
        let pelaksana = |n: u32| format!("{},Staf {n},pns,Operator,pelaksana,Sekretariat/Umum,", nip(n));
        // A pelaksana in the file, and one already registered.
        let l = check(&file(&[pelaksana(1), row(2, Some(1))]), &Konteks::default()).unwrap_err();
        assert_eq!(codes(&l), [(3, "nip_atasan", "atasan_tidak_boleh_menilai")]);
        let mut konteks = Konteks::default();
        konteks.terdaftar.insert(nip(50), None);
        konteks.jabatan_terdaftar.insert(nip(50), JenisJabatan::Pelaksana);
        let l = check(&file(&[row(1, Some(50))]), &konteks).unwrap_err();
        assert_eq!(codes(&l), [(2, "nip_atasan", "atasan_tidak_boleh_menilai")]);
        // The file's own kind wins over the database's (a promotion in the same file).
        let l = check(&file(&[row(1, Some(50)), row(50, None)]), &konteks);
        assert!(l.is_ok(), "{l:?}");
    }

    #[test]
    fn the_importing_admin_cannot_change_a_mapping_that_involves_them() {
        let mut konteks = Konteks::default();
        for n in [1, 2, 3, 9] {
            konteks.terdaftar.insert(nip(n), None);
        }
        konteks.terdaftar.insert(nip(4), Some(nip(9)));
        konteks.pengimpor = Some(nip(9));
        // Making themself someone's penilai; their own atasan; the atasan of a new penilai.
        let l = check(&file(&[row(1, Some(9)), row(9, Some(2)), row(3, Some(4))]), &konteks).unwrap_err();
        assert_eq!(
            codes(&l),
            [
                (2, "nip_atasan", "atasan_diri_sendiri_pengimpor"),
                (3, "nip_atasan", "atasan_diri_sendiri_pengimpor"),
                (4, "nip_atasan", "atasan_diri_sendiri_pengimpor")
            ]
        );
        assert!(l.kesalahan[0].pesan.id.contains("minta admin lain"), "{:?}", l.kesalahan[0].pesan);
        // A mapping already so is imported again unchanged; someone else's change goes through.
        assert!(check(&file(&[row(4, Some(9)), row(1, Some(2)), row(9, None)]), &konteks).is_ok());
        // The operator (no importing admin) may set anything.
        konteks.pengimpor = None;
        assert!(check(&file(&[row(1, Some(9))]), &konteks).is_ok());
    }

    fn partial(csv: &str, konteks: &Konteks) -> Result<Berkas, Laporan> {
        periksa(baca(csv.as_bytes())?, konteks, true)
    }

    fn applied(b: &Berkas) -> Vec<u64> {
        b.baris.iter().map(|r| r.baris).collect()
    }

    /// A row of `n` whose jenis_jabatan is unknown (a problem of its own).
    fn bad(n: u32, atasan: Option<u32>) -> String {
        row(n, atasan).replace("fungsional", "struktural")
    }

    #[test]
    fn with_sebagian_the_rows_that_pass_are_kept_and_the_others_reported_but_the_default_stays_all_or_nothing() {
        let csv = file(&[row(1, None), row(2, Some(1)), "12345,X,pns,J,pelaksana,U,".into(), row(5, Some(2))]);
        let l = check(&csv, &Konteks::default()).unwrap_err();
        assert_eq!(codes(&l), [(4, "nip", "nip_tidak_valid")], "all or nothing by default");
        let b = partial(&csv, &Konteks::default()).unwrap();
        assert_eq!(applied(&b), [2, 3, 5]);
        assert_eq!(b.baris_dilewati, 1);
        assert_eq!(codes(&b.dilewati), [(4, "nip", "nip_tidak_valid")]);
        assert_eq!(b.dilewati.total, 1);
        // A file without problems is the same either way.
        let csv = file(&[row(1, None), row(2, Some(1))]);
        assert_eq!(partial(&csv, &Konteks::default()).unwrap(), check(&csv, &Konteks::default()).unwrap());
    }

    #[test]
    fn a_row_whose_atasan_is_left_out_is_left_out_down_the_chain_whatever_the_order() {
        // 1 is bad; 2 and 3 hang below it (3 listed before 2); 4 and 5 are a chain of their own.
        let csv = file(&[bad(1, None), row(3, Some(2)), row(2, Some(1)), row(4, None), row(5, Some(4))]);
        let b = partial(&csv, &Konteks::default()).unwrap();
        assert_eq!(applied(&b), [5, 6]);
        assert_eq!(b.baris_dilewati, 3);
        assert_eq!(
            codes(&b.dilewati),
            [
                (2, "jenis_jabatan", "jenis_jabatan_tidak_dikenal"),
                (3, "nip_atasan", "atasan_dilewati"),
                (4, "nip_atasan", "atasan_dilewati")
            ]
        );
        let pesan = |baris: u64| b.dilewati.kesalahan.iter().find(|k| k.baris == baris).unwrap().pesan.clone();
        assert!(pesan(4).id.contains("baris 2") && pesan(4).en.contains("row 2"), "{:?}", pesan(4));
        assert!(pesan(3).id.contains("baris 4"), "3's atasan is 2, on row 4: {:?}", pesan(3));
        // Already in the database, the atasan left out is not the database's to stand in for.
        let mut konteks = Konteks::default();
        konteks.terdaftar.insert(nip(1), None);
        let b = partial(&csv, &konteks).unwrap();
        assert_eq!(applied(&b), [5, 6]);
    }

    #[test]
    fn a_nip_on_a_row_left_out_takes_its_other_row_and_their_dependants_with_it() {
        let csv = file(&[row(1, None), row(2, Some(1)), row(1, None), row(9, None)]);
        let b = partial(&csv, &Konteks::default()).unwrap();
        assert_eq!(applied(&b), [5]);
        assert_eq!(
            codes(&b.dilewati),
            [(2, "nip", "nip_di_baris_dilewati"), (3, "nip_atasan", "atasan_dilewati"), (4, "nip", "nip_ganda")]
        );
        assert!(b.dilewati.kesalahan[0].pesan.id.contains("baris 4"), "{:?}", b.dilewati.kesalahan[0].pesan);
    }

    #[test]
    fn rows_that_cannot_be_read_are_left_out_with_their_dependants() {
        // 1 and 3 are in the database already, so rows 3 and 6 alone would pass.
        let mut konteks = Konteks::default();
        konteks.terdaftar.insert(nip(1), None);
        konteks.terdaftar.insert(nip(3), None);
        // Row 2: 1 with too few columns; row 5: 3 with a name that is not UTF-8.
        let mut csv = file(&[format!("{},A,pns,J,pelaksana", nip(1)), row(2, Some(1)), row(4, None)]).into_bytes();
        csv.extend_from_slice(format!("{},Jos", nip(3)).as_bytes());
        csv.extend_from_slice(b"\xE9,pns,J,pelaksana,U,\n");
        csv.extend_from_slice(format!("{}\n", row(5, Some(3))).as_bytes());
        assert!(periksa(baca(&csv).unwrap(), &konteks, false).is_err(), "all or nothing by default");
        let b = periksa(baca(&csv).unwrap(), &konteks, true).unwrap();
        assert_eq!(applied(&b), [4]);
        assert_eq!(
            codes(&b.dilewati),
            [
                (2, "berkas", "jumlah_kolom"),
                (3, "nip_atasan", "atasan_dilewati"),
                (5, "nama", "bukan_utf8"),
                (6, "nip_atasan", "atasan_dilewati")
            ]
        );
        assert_eq!(b.baris_dilewati, 4);
    }

    #[test]
    fn a_file_broken_part_way_or_without_a_row_that_passes_is_refused_whole_even_with_sebagian() {
        let mut mentah = baca(file(&[row(1, None), bad(2, None)]).as_bytes()).unwrap();
        mentah.terpotong = true;
        assert!(periksa(mentah, &Konteks::default(), true).is_err(), "the rows after the break were never read");
        let l = partial(&file(&[bad(1, None), row(2, Some(1))]), &Konteks::default()).unwrap_err();
        assert_eq!(
            codes(&l),
            [(2, "jenis_jabatan", "jenis_jabatan_tidak_dikenal"), (3, "nip_atasan", "atasan_dilewati")],
            "nothing to apply: refused, with every reason"
        );
    }

    #[test]
    fn leaving_a_row_out_keeps_its_database_mapping_so_what_remains_is_checked_again() {
        // In the database 10 is rated by 11 and 11 by 12. The file moves 12
        // under 10, and 11 (bad) to the top: fine as a whole file. Without
        // 11's row, 11 stays under 12, and 12 → 10 → 11 → 12 goes round.
        let mut konteks = Konteks::default();
        konteks.terdaftar.insert(nip(10), Some(nip(11)));
        konteks.terdaftar.insert(nip(11), Some(nip(12)));
        konteks.terdaftar.insert(nip(12), None);
        let csv = file(&[row(12, Some(10)), bad(11, None), row(13, Some(12)), row(14, None)]);
        assert_eq!(codes(&check(&csv, &konteks).unwrap_err()), [(3, "jenis_jabatan", "jenis_jabatan_tidak_dikenal")]);
        let b = partial(&csv, &konteks).unwrap();
        assert_eq!(applied(&b), [5], "12 goes round now, and 13 hangs below 12");
        assert_eq!(
            codes(&b.dilewati),
            [
                (2, "nip_atasan", "atasan_berputar"),
                (3, "jenis_jabatan", "jenis_jabatan_tidak_dikenal"),
                (4, "nip_atasan", "atasan_dilewati")
            ]
        );
    }
}
