//! The wire types of `POST /api/v1/admin/import`: the summary of an import
//! and the row report of a file that was refused. Plain data, no rules.

use serde::{Deserialize, Serialize};

use super::ErrorBody;
use crate::teks::Teks;

/// Who can fix a problem of an imported file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Perbaikan {
    /// The file or the instansi's organisation data.
    AdminInstansi,
    /// The personal data as registered at BKN (SIASN).
    PegawaiAtauBkn,
    /// The pegawai is registered at another instansi: a transfer (mutasi).
    InstansiAsal,
}

impl Perbaikan {
    pub fn label(self) -> Teks {
        match self {
            Perbaikan::AdminInstansi => Teks::new("admin instansi", "the instansi admin"),
            Perbaikan::PegawaiAtauBkn => Teks::new("pegawai ybs / BKN (SIASN)", "the employee / BKN (SIASN)"),
            Perbaikan::InstansiAsal => {
                Teks::new("admin instansi asal / BKN (mutasi)", "the previous instansi's admin / BKN (transfer)")
            }
        }
    }
}

/// One problem of an imported file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Kesalahan {
    /// The row as numbered in the file (the header is row 1).
    pub baris: u64,
    /// The column name, or `berkas` for the file as a whole.
    pub kolom: String,
    /// A machine code, e.g. `nip_tidak_valid`.
    pub kode: String,
    pub pesan: Teks,
    pub perbaikan: Perbaikan,
    /// [`Perbaikan::label`], for display.
    pub diperbaiki_oleh: Teks,
}

/// The problems of a file: the first ones in file order, and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Laporan {
    pub total: usize,
    pub kesalahan: Vec<Kesalahan>,
}

impl Laporan {
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ringkasan {
    /// False for a dry run: nothing was written.
    pub terapkan: bool,
    /// Data rows in the file.
    pub baris: usize,
    /// Pegawai created, changed, and left as they were.
    pub dibuat: usize,
    pub diubah: usize,
    pub tidak_berubah: usize,
    pub unit_dibuat: usize,
    /// Pegawai whose atasan mapping in the period was set or changed.
    pub atasan_diubah: usize,
    /// The period whose atasan mapping the file set; `None` when the instansi has none.
    pub periode_id: Option<String>,
    pub peringatan: Vec<Teks>,
    /// The admin chose to apply the rows that pass and leave out the others
    /// (`sebagian=true`); false: the whole file, all or nothing.
    #[serde(default)]
    pub sebagian: bool,
    /// Rows applied (in a dry run: that would be); every row unless `sebagian`.
    #[serde(default)]
    pub baris_diterapkan: usize,
    /// Rows left out (only with `sebagian`); `baris` = `baris_diterapkan` + this.
    #[serde(default)]
    pub baris_dilewati: usize,
    /// Why each row was left out, as a refused file's report: its own
    /// problems, or (`atasan_dilewati`, `nip_di_baris_dilewati`) a row left
    /// out that it depends on. Empty unless `sebagian`.
    #[serde(default)]
    pub dilewati: Laporan,
}

/// The 422 of an import: the one error shape plus, when `code` is
/// `import_invalid`, the row report (none for a missing or reused
/// `Idempotency-Key`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRejected {
    #[serde(flatten)]
    pub error: ErrorBody,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub laporan: Option<Laporan>,
}

/// The example rows of the import template: the head of a unit (no atasan:
/// the top of its chain) and one pegawai rated by them. The admin replaces
/// them with their own; checked before applied, they would show as two new
/// pegawai.
pub const CONTOH_IMPOR: [[&str; 7]; 2] = [
    ["197504102000031001", "Contoh Kepala Bidang", "pns", "Kepala Bidang Contoh", "administrasi", "Bidang Contoh", ""],
    [
        "199001012015011001",
        "Contoh Pegawai",
        "pns",
        "Analis SDM Aparatur Ahli Pertama",
        "fungsional",
        "Bidang Contoh",
        "197504102000031001",
    ],
];

/// The import template: the columns, then the example rows.
pub fn templat_impor() -> String {
    let mut baris = vec![super::KOLOM_IMPOR.map(str::to_owned).to_vec()];
    baris.extend(CONTOH_IMPOR.iter().map(|r| r.map(str::to_owned).to_vec()));
    tulis_csv(&baris)
}

/// A CSV file as Indonesian spreadsheets read it: `;`-separated, UTF-8 with
/// a byte-order mark, quoted where needed, and a cell that a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
/// first: CSV injection) defused with a leading `'`. Imported cells are
/// stored as given; every CSV the project writes goes through here (the
/// console's downloads today; any the server adds).
pub fn tulis_csv(baris: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for row in baris {
        let cells: Vec<String> = row.iter().map(|c| sel_csv(c)).collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

fn sel_csv(c: &str) -> String {
    let c = if c.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{c}") } else { c.to_owned() };
    if c.contains([';', '"', '\n', '\r', ',']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_defused() {
        let s = tulis_csv(&[vec![
            "=HYPERLINK(\"http://x\")".into(),
            "+62".into(),
            "-1".into(),
            "@SUM(A1)".into(),
            "\tx".into(),
            "Nur Aisyah".into(),
        ]]);
        assert_eq!(s, "\u{feff}\"'=HYPERLINK(\"\"http://x\"\")\";'+62;'-1;'@SUM(A1);'\tx;Nur Aisyah\r\n");
    }

    #[test]
    fn a_refused_import_is_the_error_body_with_the_report_beside_it() {
        let body = r#"{"code":"import_invalid","message":{"id":"Berkas tidak diimpor","en":"The file was not imported"},
            "fields":{"baris[2].nip":[{"id":"x","en":"y"}]},
            "laporan":{"total":1,"kesalahan":[{"baris":2,"kolom":"nip","kode":"nip_tidak_valid",
              "pesan":{"id":"NIP tidak valid","en":"Invalid NIP"},"perbaikan":"pegawai_atau_bkn",
              "diperbaiki_oleh":{"id":"pegawai ybs / BKN (SIASN)","en":"the employee / BKN (SIASN)"}}]}}"#;
        let g: ImportRejected = serde_json::from_str(body).unwrap();
        assert_eq!(g.error.code, "import_invalid");
        assert_eq!(g.error.fields.len(), 1);
        assert_eq!(g.laporan.as_ref().unwrap().kesalahan[0].perbaikan, Perbaikan::PegawaiAtauBkn);
        assert_eq!(g.laporan.as_ref().unwrap().kesalahan[0].diperbaiki_oleh, Perbaikan::PegawaiAtauBkn.label());
        let again: ImportRejected = serde_json::from_value(serde_json::to_value(&g).unwrap()).unwrap();
        assert_eq!(again, g);
    }
}
