//! The admin screen's logic as plain types and functions: the period form,
//! the atasan table and form, the unit tree, the import's state, the keys
//! of retried changes, and the CSV downloads.

use crate::api::admin::ImportError;
use crate::api::satu_bahasa;
use domain::FieldErrors;
use domain::api::{
    AtasanItem, BuatPeriode, KodeAktivasi, Laporan, PeriodeView, Ringkasan, Tahun, UnitNode, tulis_csv as csv,
};
use domain::periode::{PeriodeInput, SiklusPeriodik};
use domain::rule_set::RuleSet;
use domain::tanggal::Tanggal;

/// The period form exactly as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormPeriode {
    pub tahun: String,
    /// `bulanan` or `triwulanan`.
    pub siklus: String,
    /// A rule set code.
    pub rule_set: String,
    pub mulai: String,
    pub selesai: String,
}

impl FormPeriode {
    pub fn siklus(&self) -> SiklusPeriodik {
        if self.siklus == "bulanan" { SiklusPeriodik::Bulanan } else { SiklusPeriodik::Triwulanan }
    }

    /// The domain's input, checked with the same `validate()` the server runs.
    pub fn input(&self) -> PeriodeInput {
        PeriodeInput {
            id: "baru".into(),
            tahun: self.tahun.clone(),
            siklus: self.siklus(),
            rule_set: RuleSet::from_kode(&self.rule_set),
            mulai: self.mulai.clone(),
            selesai: self.selesai.clone(),
        }
    }

    pub fn validate(&self) -> FieldErrors {
        self.input().validate().err().unwrap_or_default()
    }

    pub fn body(&self) -> BuatPeriode {
        BuatPeriode {
            tahun: Tahun::Teks(self.tahun.trim().to_owned()),
            siklus: self.siklus(),
            rule_set: Some(self.rule_set.clone()).filter(|r| !r.is_empty()),
            mulai: self.mulai.trim().to_owned(),
            selesai: self.selesai.trim().to_owned(),
        }
    }
}

/// The messages for one field: the local check's, else the server's.
pub fn field_messages(lokal: &FieldErrors, server: Option<&FieldErrors>, field: &str, en: bool) -> Vec<String> {
    let lokal: Vec<String> = lokal.get(field).iter().map(|t| satu_bahasa(t, en)).collect();
    if !lokal.is_empty() {
        return lokal;
    }
    server.map(|s| s.get(field)).unwrap_or_default().iter().map(|m| satu_bahasa(m, en)).collect()
}

/// The period to show first: the one holding `hari_ini`, else the latest.
pub fn periode_bawaan(periode: &[PeriodeView], hari_ini: Tanggal) -> Option<String> {
    let hari = hari_ini.to_string();
    periode
        .iter()
        .find(|p| p.mulai.as_str() <= hari.as_str() && hari.as_str() <= p.selesai.as_str())
        .or_else(|| periode.iter().max_by_key(|p| (p.tahun, p.mulai.clone())))
        .map(|p| p.id.clone())
}

/// One pegawai of the atasan table: their current segment (or none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarisAtasan {
    pub sekarang: AtasanItem,
    /// Earlier segments in the period (transfers).
    pub sebelumnya: usize,
}

impl BarisAtasan {
    pub fn kunci(&self) -> String {
        format!("{}:{}", self.sekarang.pegawai_id, self.sekarang.version.unwrap_or_default())
    }
}

/// One row per pegawai, those without a pejabat penilai first (then in the
/// server's order: by name).
pub fn baris_atasan(items: &[AtasanItem]) -> Vec<BarisAtasan> {
    let mut out: Vec<BarisAtasan> = Vec::new();
    for item in items {
        match out.iter_mut().find(|b| b.sekarang.pegawai_id == item.pegawai_id) {
            Some(b) => {
                b.sebelumnya += 1;
                b.sekarang = item.clone();
            }
            None => out.push(BarisAtasan { sekarang: item.clone(), sebelumnya: 0 }),
        }
    }
    out.sort_by_key(|b| !b.sekarang.tanpa_penilai);
    out
}

/// The date a change takes effect by default: today within the period, and
/// not before the current segment starts.
pub fn berlaku_bawaan(hari_ini: Tanggal, periode: &PeriodeView, segmen_mulai: Option<&str>) -> String {
    let mut d = hari_ini;
    if let Some(m) = Tanggal::parse_iso(&periode.mulai) {
        d = d.max(m);
    }
    if let Some(s) = Tanggal::parse_iso(&periode.selesai) {
        d = d.min(s);
    }
    if let Some(s) = segmen_mulai.and_then(Tanggal::parse_iso) {
        d = d.max(s);
    }
    d.to_string()
}

/// The atasan form as typed: ids picked from the search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormAtasan {
    pub pegawai_id: String,
    pub penilai_id: Option<String>,
    pub atasan_penilai_id: Option<String>,
    pub berlaku_mulai: String,
}

impl FormAtasan {
    /// The checks the server makes that need no database, so the form shows
    /// them at once (in both languages, from the translation files).
    pub fn validate(&self, periode: &PeriodeView) -> FieldErrors {
        use crate::i18n::{Locale, td_string};
        let mut e = FieldErrors::new();
        let mut salah = |field: &str, pilih: fn(Locale) -> &'static str| {
            e.push(field, pilih(Locale::id), pilih(Locale::en));
        };
        for (field, id) in [("penilai_id", &self.penilai_id), ("atasan_penilai_id", &self.atasan_penilai_id)] {
            if id.as_deref() == Some(self.pegawai_id.as_str()) {
                salah(field, |l| td_string!(l, admin.menilai_diri));
            }
        }
        if self.penilai_id.is_some() && self.penilai_id == self.atasan_penilai_id {
            salah("atasan_penilai_id", |l| td_string!(l, admin.atasan_sama));
        }
        if self.atasan_penilai_id.is_some() && self.penilai_id.is_none() {
            salah("penilai_id", |l| td_string!(l, admin.penilai_dulu));
        }
        match Tanggal::parse_iso(self.berlaku_mulai.trim()) {
            None => salah("berlaku_mulai", |l| td_string!(l, admin.tanggal_salah)),
            Some(d) => {
                let d = d.to_string();
                if d.as_str() < periode.mulai.as_str() || d.as_str() > periode.selesai.as_str() {
                    let (mulai, selesai) = (&periode.mulai, &periode.selesai);
                    let pesan = |l| format!("{} ({mulai} – {selesai})", td_string!(l, admin.di_luar_periode));
                    e.push("berlaku_mulai", pesan(Locale::id), pesan(Locale::en));
                }
            }
        }
        e
    }
}

/// A unit with its depth, for an indented list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitBaris {
    pub id: String,
    pub nama: String,
    pub kedalaman: usize,
    pub jumlah_pegawai: i64,
}

/// The unit tree in reading order (a parent before its children).
pub fn unit_datar(akar: &[UnitNode]) -> Vec<UnitBaris> {
    let mut out = Vec::new();
    let mut stack: Vec<(&UnitNode, usize)> = akar.iter().rev().map(|u| (u, 0)).collect();
    while let Some((u, d)) = stack.pop() {
        out.push(UnitBaris { id: u.id.clone(), nama: u.nama.clone(), kedalaman: d, jumlah_pegawai: u.jumlah_pegawai });
        stack.extend(u.anak.iter().rev().map(|a| (a, d + 1)));
    }
    out
}

/// An empty import file: the header row of the columns the import reads.
pub fn templat_impor() -> String {
    domain::api::impor::templat_impor()
}

/// The import report as a CSV file; `kepala` names the four columns.
pub fn laporan_csv(l: &Laporan, kepala: [String; 4], en: bool) -> String {
    let bahasa = if en { "en" } else { "id" };
    let mut rows = vec![kepala.to_vec()];
    rows.extend(l.kesalahan.iter().map(|k| {
        vec![
            k.baris.to_string(),
            k.kolom.clone(),
            k.pesan.dalam(bahasa).to_owned(),
            k.diperbaiki_oleh.dalam(bahasa).to_owned(),
        ]
    }));
    csv(&rows)
}

/// The activation codes as a CSV file; `kepala` names the three columns.
pub fn kode_csv(kode: &[KodeAktivasi], kepala: [String; 3]) -> String {
    let mut rows = vec![kepala.to_vec()];
    rows.extend(kode.iter().map(|k| vec![k.nip.clone(), k.nama.clone(), k.kode.clone()]));
    csv(&rows)
}

/// The date (UTC) of a Unix time, for "valid until".
pub fn tanggal_unix(detik: i64) -> Tanggal {
    Tanggal::dari_hari_ke(detik.div_euclid(86_400))
}

/// The Idempotency-Key of a change the admin may send again (a mapping, an
/// import applied): kept after no answer at all, so the retry is applied
/// once; a new one after any answer, so the next change is its own.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryKey(String);

impl Default for RetryKey {
    fn default() -> Self {
        RetryKey(crate::api::idempotency_key())
    }
}

impl RetryKey {
    pub fn get(&self) -> String {
        self.0.clone()
    }

    /// After the server's answer to a send with this key (`answered`: any
    /// answer, also a refusal; not a lost connection).
    pub fn after(&mut self, answered: bool) {
        if answered {
            *self = RetryKey::default();
        }
    }
}

/// The CSV import's screen: the chosen file, whether a check of it passed
/// (then it may be applied), and the last summary or refusal.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Impor {
    /// The file's name and text.
    pub berkas: Option<(String, String)>,
    /// A check of the current file passed: it may be applied.
    pub diperiksa: bool,
    pub ringkasan: Option<Ringkasan>,
    pub galat: Option<ImportError>,
    /// The key of applying the current file.
    pub kunci_terapkan: RetryKey,
    /// Apply the rows that pass and leave out the others (off: all or nothing).
    pub sebagian: bool,
}

impl Impor {
    /// A new file: nothing checked or reported yet, and a new key to apply
    /// it; the choice of rows stays as it was.
    pub fn pilih(&mut self, nama: String, teks: String) {
        *self = Impor { berkas: Some((nama, teks)), sebagian: self.sebagian, ..Impor::default() };
    }

    /// The choice between all or nothing and the rows that pass: a check
    /// made the other way no longer holds (it is checked again before it is
    /// applied), and applying it is a new change (a new key).
    pub fn pilih_sebagian(&mut self, sebagian: bool) {
        if sebagian != self.sebagian {
            let berkas = self.berkas.take();
            *self = Impor { berkas, sebagian, ..Impor::default() };
        }
    }

    /// The text of the chosen file (empty when none).
    pub fn teks(&self) -> String {
        self.berkas.as_ref().map(|b| b.1.clone()).unwrap_or_default()
    }

    /// The key of a send: the file's own when applying, a fresh one for a check.
    pub fn kunci(&self, terapkan: bool) -> String {
        if terapkan { self.kunci_terapkan.get() } else { crate::api::idempotency_key() }
    }

    /// Takes the server's answer to a check or (`terapkan`) an application;
    /// `true` when the data changed (the mapping and the units are read
    /// again). An ended session leaves the screen as it was (the sign-in
    /// dialog shows over it).
    pub fn jawaban(&mut self, terapkan: bool, hasil: Result<Ringkasan, ImportError>) -> bool {
        use crate::api::Error;
        if terapkan {
            self.kunci_terapkan.after(!matches!(hasil, Err(ImportError::Other(Error::Network))));
        }
        match hasil {
            Err(ImportError::Other(Error::SessionEnded)) => false,
            Ok(r) => {
                self.galat = None;
                self.diperiksa = !r.terapkan;
                let berubah = r.terapkan;
                self.ringkasan = Some(r);
                berubah
            }
            Err(e) => {
                self.diperiksa = false;
                self.ringkasan = None;
                self.galat = Some(e);
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Teks;
    use domain::api::{Kesalahan, Perbaikan};

    fn periode(id: &str, tahun: i64) -> PeriodeView {
        PeriodeView {
            id: id.into(),
            tahun,
            rule_set: RuleSet::Permenpanrb6_2022,
            siklus: SiklusPeriodik::Triwulanan,
            mulai: format!("{tahun}-01-01"),
            selesai: format!("{tahun}-12-31"),
            version: 1,
        }
    }

    fn item(pegawai: &str, nama: &str, tanpa: bool, mulai: Option<&str>) -> AtasanItem {
        AtasanItem {
            pegawai_id: pegawai.into(),
            nip: "199003152015032004".into(),
            nama: nama.into(),
            unit_id: "u".into(),
            unit_nama: "Sekretariat".into(),
            tanpa_penilai: tanpa,
            pimpinan: false,
            segmen_id: mulai.map(|_| format!("s-{pegawai}")),
            penilai_id: (!tanpa).then(|| "x".into()),
            penilai_nama: None,
            atasan_penilai_id: None,
            atasan_penilai_nama: None,
            berlaku_mulai: mulai.map(Into::into),
            berlaku_sampai: None,
            version: mulai.map(|_| 1),
        }
    }

    fn tgl(s: &str) -> Tanggal {
        Tanggal::parse_iso(s).unwrap()
    }

    #[test]
    fn the_period_form_shows_the_domains_field_errors() {
        let f = FormPeriode {
            tahun: "20x6".into(),
            siklus: "triwulanan".into(),
            rule_set: "permenpanrb_6_2022".into(),
            ..Default::default()
        };
        let e = f.validate();
        assert!(e.contains("tahun"));
        assert_eq!(field_messages(&e, None, "tahun", false), vec!["Tahun harus antara 2014 dan 2100.".to_owned()]);
        let ok = FormPeriode { tahun: "2027".into(), ..f };
        assert!(ok.validate().is_empty());
        assert_eq!(ok.body().tahun, Tahun::Teks("2027".into()));
        assert_eq!(ok.body().rule_set.as_deref(), Some("permenpanrb_6_2022"));
        assert_eq!(ok.body().siklus, SiklusPeriodik::Triwulanan);
    }

    #[test]
    fn server_field_errors_show_when_the_form_itself_is_fine() {
        let server = FieldErrors::new().with("tahun", domain::Teks::new("Sudah ada.", "Already exists."));
        assert_eq!(
            field_messages(&FieldErrors::new(), Some(&server), "tahun", true),
            vec!["Already exists.".to_owned()]
        );
        assert!(field_messages(&FieldErrors::new(), Some(&server), "mulai", true).is_empty());
    }

    #[test]
    fn pegawai_without_a_penilai_come_first_one_row_each() {
        let items = [
            item("a", "Ahmad", false, Some("2026-01-01")),
            item("b", "Budi", false, Some("2026-01-01")),
            item("b", "Budi", false, Some("2026-05-01")),
            item("k", "Kepala", true, None),
        ];
        let rows = baris_atasan(&items);
        assert_eq!(rows.iter().map(|r| r.sekarang.pegawai_id.as_str()).collect::<Vec<_>>(), ["k", "a", "b"]);
        assert_eq!(rows[2].sebelumnya, 1);
        assert_eq!(rows[2].sekarang.berlaku_mulai.as_deref(), Some("2026-05-01"));
    }

    #[test]
    fn a_change_takes_effect_today_within_the_period_and_after_the_current_segment() {
        let p = periode("p", 2026);
        assert_eq!(berlaku_bawaan(tgl("2026-03-10"), &p, Some("2026-01-01")), "2026-03-10");
        assert_eq!(berlaku_bawaan(tgl("2027-03-10"), &p, None), "2026-12-31");
        assert_eq!(berlaku_bawaan(tgl("2025-03-10"), &p, None), "2026-01-01");
        assert_eq!(berlaku_bawaan(tgl("2026-03-10"), &p, Some("2026-06-01")), "2026-06-01");
    }

    #[test]
    fn the_atasan_form_catches_what_needs_no_database() {
        let p = periode("p", 2026);
        let ok = FormAtasan {
            pegawai_id: "a".into(),
            penilai_id: Some("b".into()),
            atasan_penilai_id: Some("c".into()),
            berlaku_mulai: "2026-02-01".into(),
        };
        assert!(ok.validate(&p).is_empty());
        let diri = FormAtasan { penilai_id: Some("a".into()), ..ok.clone() };
        assert!(diri.validate(&p).contains("penilai_id"));
        let sama = FormAtasan { atasan_penilai_id: Some("b".into()), ..ok.clone() };
        assert!(sama.validate(&p).contains("atasan_penilai_id"));
        let tanpa = FormAtasan { penilai_id: None, ..ok.clone() };
        assert!(tanpa.validate(&p).contains("penilai_id"));
        let luar = FormAtasan { berlaku_mulai: "2027-01-01".into(), ..ok.clone() };
        assert!(luar.validate(&p).contains("berlaku_mulai"));
        let salah = FormAtasan { berlaku_mulai: "1/2/2026".into(), ..ok };
        assert!(salah.validate(&p).contains("berlaku_mulai"));
    }

    #[test]
    fn the_default_period_holds_today_or_is_the_latest() {
        let all = [periode("a", 2025), periode("b", 2026)];
        assert_eq!(periode_bawaan(&all, tgl("2025-06-01")).as_deref(), Some("a"));
        assert_eq!(periode_bawaan(&all, tgl("2030-06-01")).as_deref(), Some("b"));
        assert_eq!(periode_bawaan(&[], tgl("2030-06-01")), None);
    }

    #[test]
    fn the_unit_tree_reads_parent_first() {
        let daun = |id: &str| UnitNode {
            id: id.into(),
            nama: id.into(),
            induk_id: Some("r".into()),
            jumlah_pegawai: 1,
            anak: vec![],
        };
        let akar = UnitNode {
            id: "r".into(),
            nama: "r".into(),
            induk_id: None,
            jumlah_pegawai: 1,
            anak: vec![daun("a"), daun("b")],
        };
        let d = unit_datar(&[akar]);
        assert_eq!(d.iter().map(|u| (u.id.as_str(), u.kedalaman)).collect::<Vec<_>>(), [("r", 0), ("a", 1), ("b", 1)]);
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        let s = csv(&[vec!["a;b".into(), "say \"hi\"".into(), "=SUM(A1)".into(), "199003152015032004".into()]]);
        assert_eq!(s, "\u{feff}\"a;b\";\"say \"\"hi\"\"\";'=SUM(A1);199003152015032004\r\n");
    }

    #[test]
    fn the_report_downloads_in_the_chosen_language() {
        let l = Laporan {
            total: 1,
            kesalahan: vec![Kesalahan {
                baris: 3,
                kolom: "jenis_jabatan".into(),
                kode: "jenis_jabatan_tidak_dikenal".into(),
                pesan: Teks::new("Jenis jabatan tidak dikenal", "Unknown position type"),
                perbaikan: Perbaikan::AdminInstansi,
                diperbaiki_oleh: Perbaikan::AdminInstansi.label(),
            }],
        };
        let kepala = ["Baris", "Kolom", "Masalah", "Siapa yang memperbaiki"].map(String::from);
        let s = laporan_csv(&l, kepala, false);
        assert!(s.ends_with("3;jenis_jabatan;Jenis jabatan tidak dikenal;admin instansi\r\n"), "{s}");
        let k = kode_csv(
            &[KodeAktivasi { pegawai_id: "p".into(), nip: "1".into(), nama: "Dewi".into(), kode: "ABCD".into() }],
            ["NIP", "Nama", "Kode"].map(String::from),
        );
        assert_eq!(k, "\u{feff}NIP;Nama;Kode\r\n1;Dewi;ABCD\r\n");
    }

    #[test]
    fn unix_seconds_read_as_a_date() {
        assert_eq!(tanggal_unix(0).to_string(), "1970-01-01");
        assert_eq!(tanggal_unix(1_767_225_600).to_string(), "2026-01-01");
    }

    #[test]
    fn the_import_template_is_the_header_and_two_example_rows() {
        let templat = templat_impor();
        let baris: Vec<&str> = templat.trim_start_matches('\u{feff}').split("\r\n").filter(|b| !b.is_empty()).collect();
        assert_eq!(baris[0], "nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan");
        assert_eq!(baris.len(), 3, "the columns and two example rows: {baris:?}");
        assert!(baris[2].ends_with(";197504102000031001"), "the second is rated by the first: {}", baris[2]);
    }

    fn ringkasan(terapkan: bool) -> Ringkasan {
        Ringkasan { terapkan, baris: 2, baris_diterapkan: 2, dibuat: 2, unit_dibuat: 1, ..Ringkasan::default() }
    }

    #[test]
    fn a_retry_key_is_kept_after_no_answer_and_new_after_any_answer() {
        let mut k = RetryKey::default();
        let awal = k.get();
        k.after(false);
        assert_eq!(k.get(), awal, "a lost answer: the retry is the same change");
        k.after(true);
        assert_ne!(k.get(), awal, "answered: the next change is its own");
    }

    #[test]
    fn a_checked_file_may_be_applied_and_a_new_file_starts_over() {
        let mut i = Impor::default();
        i.pilih("a.csv".into(), "nip;nama".into());
        assert_eq!((i.teks().as_str(), i.diperiksa), ("nip;nama", false));
        let kunci = i.kunci(true);
        assert_ne!(i.kunci(false), kunci, "a check has a key of its own");
        assert!(!i.jawaban(false, Ok(ringkasan(false))), "a check changes nothing");
        assert!(i.diperiksa && i.ringkasan.is_some() && i.galat.is_none());
        assert_eq!(i.kunci(true), kunci, "a check leaves the key of applying the file");
        // Applying: lost once (same key again), then done (data changed, a new key).
        assert!(!i.jawaban(true, Err(ImportError::Other(crate::api::Error::Network))));
        assert_eq!((i.kunci(true), i.diperiksa, i.ringkasan.is_none()), (kunci.clone(), false, true));
        let sebelum = i.clone();
        assert!(!i.jawaban(false, Err(ImportError::Other(crate::api::Error::SessionEnded))));
        assert_eq!(i, sebelum, "an ended session leaves the screen as it was");
        assert!(i.jawaban(true, Ok(ringkasan(true))), "applied: the mapping and units are read again");
        assert!(!i.diperiksa, "applied: not applied twice");
        assert_ne!(i.kunci(true), kunci);
        i.pilih("b.csv".into(), "x".into());
        assert_eq!((i.diperiksa, i.ringkasan.is_none(), i.galat.is_none()), (false, true, true));
    }

    #[test]
    fn choosing_the_rows_that_pass_asks_for_a_new_check_and_a_new_key() {
        let mut i = Impor::default();
        assert!(!i.sebagian, "all or nothing by default");
        i.pilih("a.csv".into(), "nip;nama".into());
        assert!(!i.jawaban(false, Ok(ringkasan(false))));
        let kunci = i.kunci(true);
        i.pilih_sebagian(false);
        assert_eq!((i.diperiksa, i.kunci(true)), (true, kunci.clone()), "no change, nothing to do");
        i.pilih_sebagian(true);
        assert!(i.sebagian);
        assert_eq!((i.diperiksa, i.ringkasan.is_none(), i.teks().as_str()), (false, true, "nip;nama"));
        assert_ne!(i.kunci(true), kunci, "applying the rows that pass is another change");
        i.pilih("b.csv".into(), "x".into());
        assert!(i.sebagian, "a new file keeps the choice");
    }
}
