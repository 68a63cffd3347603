//! A year's holidays pasted at once by the admin (a new year's national
//! holidays and cuti bersama, some 25 dates): one line per holiday, the
//! date first (`2027-01-01`, `01-01-2027` or `1 Januari 2027`) then the
//! name; each line checked before anything is sent (a date not read, one
//! of another year or past, a date twice, a name missing or too long; a
//! weekend or a date the calendar already has is only noted), then one
//! request with every line, and the server's refusals put back on the
//! lines they concern. Plain data: no browser, tested natively.

use std::collections::BTreeMap;

use domain::FieldErrors;
use domain::api::{HariLiburInput, HariLiburView, TambahHariLibur};
use domain::kalender::{JenisLibur, MAKS_HARI_LIBUR_SEKALIGUS, MAKS_NAMA_LIBUR};
use domain::periode::{parse_tanggal_panjang, tanggal_panjang};
use domain::tanggal::{Hari, Tanggal};
use domain::teks::Teks;

/// How a line's date was written, when it was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TanggalSalah {
    /// Not a date in any of the forms.
    TidakDikenali,
    /// A date's form, but no such day (30-02-2027).
    TidakAda,
}

/// One pasted line, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarisLibur {
    /// Its number in the pasted text (1 for the first line).
    pub baris: usize,
    /// The line as pasted (trimmed).
    pub teks: String,
    pub tanggal: Option<Tanggal>,
    pub nama: String,
    pub jenis: JenisLibur,
    /// What stops the list from being saved.
    pub galat: Vec<Teks>,
    /// What is only noted (a weekend, a date the calendar already has).
    pub peringatan: Vec<Teks>,
}

/// The date at the start of a line and the rest of it.
fn urai_baris(baris: &str) -> (Result<Tanggal, TanggalSalah>, &str) {
    let baris = baris.trim();
    let kata: Vec<(usize, &str)> = baris
        .split_whitespace()
        .map(|k| (k.as_ptr() as usize - baris.as_ptr() as usize + k.len(), k))
        .take(3)
        .collect();
    let sisa = |akhir: usize| baris[akhir..].trim_start_matches(|c: char| c.is_whitespace() || "-–—:;,|".contains(c));
    let Some(&(akhir1, pertama)) = kata.first() else { return (Err(TanggalSalah::TidakDikenali), "") };
    // `2027-01-01`, `01-01-2027` (also with `/` or `.`), a separator after it allowed.
    let angka = pertama.trim_end_matches([',', ';', ':']);
    let bagian: Vec<&str> = angka.split(['-', '/', '.']).collect();
    if bagian.len() == 3 && bagian.iter().all(|b| !b.is_empty() && b.chars().all(|c| c.is_ascii_digit())) {
        let (t, b, h) = match (bagian[0].len(), bagian[2].len()) {
            (4, 1..=2) => (bagian[0], bagian[1], bagian[2]),
            (1..=2, 4) => (bagian[2], bagian[1], bagian[0]),
            _ => return (Err(TanggalSalah::TidakDikenali), sisa(akhir1)),
        };
        let tanggal = match (t.parse(), b.parse(), h.parse()) {
            (Ok(t), Ok(b), Ok(h)) if b <= 12 => Tanggal::new(t, b, h).ok_or(TanggalSalah::TidakAda),
            _ => Err(TanggalSalah::TidakAda),
        };
        return (tanggal, sisa(akhir1));
    }
    // `1 Januari 2027`: the first three words.
    if let Some(&(akhir3, _)) = kata.get(2) {
        let awal = &baris[..akhir3];
        let tiga = awal.trim_end_matches([',', ';', ':']);
        if let Some(t) = parse_tanggal_panjang(tiga) {
            return (Ok(t), sisa(akhir3));
        }
        // A day and a year around a word: a month misspelt, or a day that does not exist.
        let k: Vec<&str> = tiga.split_whitespace().collect();
        if k[0].parse::<u8>().is_ok() && k[2].len() == 4 && k[2].parse::<i32>().is_ok() {
            return (Err(TanggalSalah::TidakDikenali), sisa(akhir3));
        }
    }
    (Err(TanggalSalah::TidakDikenali), baris)
}

fn hari_libur_akhir_pekan(t: Tanggal) -> Option<Teks> {
    let (id, en) = match t.hari_dalam_minggu() {
        Hari::Sabtu => ("Sabtu", "Saturday"),
        Hari::Minggu => ("Minggu", "Sunday"),
        _ => return None,
    };
    Some(Teks::new(
        format!("Jatuh pada hari {id}: bukan hari kerja, tidak mengubah tenggat."),
        format!("Falls on a {en}: not a working day, it changes no deadline."),
    ))
}

/// The kind of a pasted holiday: cuti bersama when its name says so, else
/// the kind chosen for the list.
pub fn jenis_baris(nama: &str, jenis: JenisLibur) -> JenisLibur {
    // ASCII case folding (no Unicode tables in the wasm).
    let awal = nama.trim().get(..12);
    if awal.is_some_and(|a| a.eq_ignore_ascii_case("cuti bersama")) { JenisLibur::CutiBersama } else { jenis }
}

/// Every non-empty line of `teks`, checked for the calendar of `tahun` as
/// it stands (`kalender`), with `hari_ini` (no past date) and `jenis` the
/// kind chosen for the list.
pub fn urai_daftar(
    teks: &str,
    tahun: i32,
    hari_ini: Tanggal,
    kalender: &[HariLiburView],
    jenis: JenisLibur,
) -> Vec<BarisLibur> {
    let mut pertama: BTreeMap<Tanggal, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, baris) in teks.lines().enumerate() {
        let baris = baris.trim();
        if baris.is_empty() {
            continue;
        }
        let (tanggal, nama) = urai_baris(baris);
        let nama = nama.trim().to_owned();
        let mut galat = Vec::new();
        let mut peringatan = Vec::new();
        match tanggal {
            Err(TanggalSalah::TidakDikenali) => galat.push(Teks::new(
                "Tanggal tidak dikenali: tulis 2027-01-01, 01-01-2027 atau 1 Januari 2027 di awal baris.",
                "Date not recognised: start the line with 2027-01-01, 01-01-2027 or 1 January 2027.",
            )),
            Err(TanggalSalah::TidakAda) => {
                galat.push(Teks::new("Tanggal itu tidak ada di kalender.", "That day does not exist."))
            }
            Ok(t) => {
                if t.tahun() != tahun {
                    galat.push(Teks::new(
                        format!("Bukan tahun {tahun}: tanggal ini tahun {}.", t.tahun()),
                        format!("Not in {tahun}: this date is in {}.", t.tahun()),
                    ));
                } else if t < hari_ini {
                    galat.push(Teks::new(
                        "Tanggal sudah lewat: hari libur yang lalu akan mengubah tenggat yang sudah berjalan.",
                        "The date has passed: a past holiday would change deadlines already run.",
                    ));
                }
                match pertama.get(&t) {
                    Some(n) => galat.push(Teks::new(
                        format!("Tanggal ini sudah ada di baris {n}."),
                        format!("This date is already on line {n}."),
                    )),
                    None => {
                        pertama.insert(t, i + 1);
                    }
                }
                peringatan.extend(hari_libur_akhir_pekan(t));
                let iso = t.to_string();
                if let Some(ada) = kalender.iter().find(|h| h.tanggal == iso) {
                    peringatan.push(Teks::new(
                        format!("Kalender sudah memuat “{}” pada tanggal ini; baris ini menggantikannya.", ada.nama),
                        format!("The calendar already has “{}” on this date; this line replaces it.", ada.nama),
                    ));
                }
            }
        }
        if nama.is_empty() {
            galat.push(Teks::new(
                "Tulis nama hari libur sesudah tanggalnya.",
                "Write the holiday's name after its date.",
            ));
        } else if nama.chars().count() > MAKS_NAMA_LIBUR {
            galat.push(Teks::new(
                format!("Nama paling banyak {MAKS_NAMA_LIBUR} karakter."),
                format!("A name has at most {MAKS_NAMA_LIBUR} characters."),
            ));
        }
        out.push(BarisLibur {
            baris: i + 1,
            teks: baris.to_owned(),
            tanggal: tanggal.ok(),
            jenis: jenis_baris(&nama, jenis),
            nama,
            galat,
            peringatan,
        });
    }
    out
}

/// What stops the whole list (none, or more than one request takes), in
/// both languages.
pub fn galat_daftar(daftar: &[BarisLibur]) -> Option<Teks> {
    if daftar.is_empty() {
        Some(Teks::new("Tempel sedikitnya satu baris.", "Paste at least one line."))
    } else if daftar.len() > MAKS_HARI_LIBUR_SEKALIGUS {
        Some(Teks::new(
            format!("Paling banyak {MAKS_HARI_LIBUR_SEKALIGUS} hari libur sekaligus; ada {}.", daftar.len()),
            format!("At most {MAKS_HARI_LIBUR_SEKALIGUS} holidays at a time; there are {}.", daftar.len()),
        ))
    } else {
        None
    }
}

/// Whether the list may be sent: lines, not too many, none with an error.
pub fn siap_dikirim(daftar: &[BarisLibur]) -> bool {
    galat_daftar(daftar).is_none() && daftar.iter().all(|b| b.galat.is_empty())
}

/// The one request: every line in its order (item `i` is `daftar[i]`).
pub fn body(daftar: &[BarisLibur]) -> TambahHariLibur {
    TambahHariLibur {
        hari_libur: daftar
            .iter()
            .map(|b| HariLiburInput {
                tanggal: b.tanggal.map(|t| t.to_string()).unwrap_or_default(),
                nama: b.nama.clone(),
                jenis: Some(b.jenis),
            })
            .collect(),
    }
}

/// The server's refusal put back on the lines: per line number, the
/// messages of `hari_libur[i].…` (item `i` being `daftar[i]`); the rest
/// (`hari_libur`, the year's limit) under 0, the list as a whole.
pub fn galat_server(daftar: &[BarisLibur], fields: &FieldErrors) -> BTreeMap<usize, Vec<Teks>> {
    let mut out: BTreeMap<usize, Vec<Teks>> = BTreeMap::new();
    for (kolom, pesan) in fields.iter() {
        let baris = kolom
            .strip_prefix("hari_libur[")
            .and_then(|s| s.split_once(']'))
            .and_then(|(i, _)| i.parse::<usize>().ok())
            .and_then(|i| daftar.get(i))
            .map_or(0, |b| b.baris);
        let tujuan = out.entry(baris).or_default();
        for p in pesan {
            if !tujuan.contains(p) {
                tujuan.push(p.clone());
            }
        }
    }
    out
}

/// A line's date as people read it, in a language (`—` when not read).
pub fn tanggal_baris(b: &BarisLibur, en: bool) -> String {
    b.tanggal.map_or_else(|| "—".to_owned(), |t| tanggal_panjang(t).dalam(if en { "en" } else { "id" }).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tgl(s: &str) -> Tanggal {
        Tanggal::parse_iso(s).unwrap()
    }

    fn baris(teks: &str) -> Vec<BarisLibur> {
        urai_daftar(teks, 2027, tgl("2026-12-07"), &[], JenisLibur::LiburNasional)
    }

    #[test]
    fn each_form_of_date_reads_with_the_name_after_it() {
        let tabel = [
            ("2027-01-01 Tahun Baru 2027 Masehi", "2027-01-01", "Tahun Baru 2027 Masehi"),
            ("01-02-2027 Tahun Baru Imlek", "2027-02-01", "Tahun Baru Imlek"),
            ("1/2/2027\tTahun Baru Imlek", "2027-02-01", "Tahun Baru Imlek"),
            ("17.08.2027 – Hari Kemerdekaan", "2027-08-17", "Hari Kemerdekaan"),
            ("1 Januari 2027 Tahun Baru", "2027-01-01", "Tahun Baru"),
            ("  25 Desember 2027: Hari Raya Natal  ", "2027-12-25", "Hari Raya Natal"),
            ("1 Mei 2027, Hari Buruh", "2027-05-01", "Hari Buruh"),
            ("2027-05-06, Kenaikan Yesus Kristus", "2027-05-06", "Kenaikan Yesus Kristus"),
        ];
        for (teks, tanggal, nama) in tabel {
            let b = baris(teks);
            assert_eq!(b.len(), 1, "{teks:?}");
            assert_eq!((b[0].tanggal, b[0].nama.as_str()), (Some(tgl(tanggal)), nama), "{teks:?}");
            assert!(b[0].galat.is_empty(), "{teks:?}: {:?}", b[0].galat);
        }
    }

    #[test]
    fn a_bad_line_says_why_in_both_languages_and_blank_lines_are_skipped() {
        let teks = "\n2027-01-01 Tahun Baru\n\n31-02-2027 Tidak ada\n32 Januari 2027 Salah\n1 Janury 2027 Salah eja\nHari jadi\n2026-12-31 Tahun lalu\n2028-01-01 Tahun depan\n2027-01-01 Lagi\n2027-03-10\n";
        let b = baris(teks);
        let nomor: Vec<usize> = b.iter().map(|b| b.baris).collect();
        assert_eq!(nomor, [2, 4, 5, 6, 7, 8, 9, 10, 11], "blank lines are skipped, numbers kept");
        let pertama = |n: usize| b.iter().find(|x| x.baris == n).unwrap().galat.first().cloned().unwrap();
        assert!(b[0].galat.is_empty());
        assert_eq!(pertama(4).id, "Tanggal itu tidak ada di kalender.");
        assert_eq!(pertama(4).en, "That day does not exist.");
        for n in [5, 6, 7] {
            assert!(pertama(n).id.starts_with("Tanggal tidak dikenali"), "line {n}: {:?}", pertama(n));
            assert!(pertama(n).en.starts_with("Date not recognised"), "line {n}");
        }
        assert_eq!(pertama(8).id, "Bukan tahun 2027: tanggal ini tahun 2026.");
        assert_eq!(pertama(9).en, "Not in 2027: this date is in 2028.");
        assert_eq!(pertama(10).id, "Tanggal ini sudah ada di baris 2.");
        assert_eq!(pertama(10).en, "This date is already on line 2.");
        assert_eq!(pertama(11).id, "Tulis nama hari libur sesudah tanggalnya.");
        assert!(!siap_dikirim(&b));
        let baik = baris("2027-01-01 Tahun Baru\n2027-08-17 Hari Kemerdekaan");
        assert!(siap_dikirim(&baik));
    }

    #[test]
    fn a_past_date_is_an_error_and_a_weekend_or_a_known_date_only_a_note() {
        let kalender = [HariLiburView {
            tanggal: "2027-08-17".into(),
            nama: "Hari Jadi Kabupaten".into(),
            jenis: JenisLibur::LiburInstansi,
            perkiraan: false,
            instansi: true,
        }];
        let teks = "2027-01-02 Sabtu\n2027-01-03 Minggu\n2027-01-04 Senin\n2027-08-17 Hari Kemerdekaan";
        let b = urai_daftar(teks, 2027, tgl("2027-01-04"), &kalender, JenisLibur::LiburNasional);
        assert_eq!(b[0].galat[0].en, "The date has passed: a past holiday would change deadlines already run.");
        assert!(b[2].galat.is_empty() && b[2].peringatan.is_empty(), "today is fine: {:?}", b[2]);
        let b = urai_daftar(teks, 2027, tgl("2026-12-07"), &kalender, JenisLibur::LiburNasional);
        assert!(b.iter().all(|x| x.galat.is_empty()), "{b:?}");
        assert_eq!(b[0].peringatan[0].id, "Jatuh pada hari Sabtu: bukan hari kerja, tidak mengubah tenggat.");
        assert_eq!(b[1].peringatan[0].en, "Falls on a Sunday: not a working day, it changes no deadline.");
        assert!(b[3].peringatan[0].id.contains("“Hari Jadi Kabupaten”"), "{:?}", b[3].peringatan);
        assert!(siap_dikirim(&b), "notes do not stop the list");
    }

    #[test]
    fn the_request_keeps_the_lines_order_and_kinds_and_the_refusals_go_back_to_their_lines() {
        let b = baris("2027-01-01 Tahun Baru\n\n2027-02-08 Cuti bersama Tahun Baru Imlek\n2027-08-17 Hari Kemerdekaan");
        let body = body(&b);
        let t: Vec<(&str, &str, Option<JenisLibur>)> =
            body.hari_libur.iter().map(|h| (h.tanggal.as_str(), h.nama.as_str(), h.jenis)).collect();
        assert_eq!(
            t,
            [
                ("2027-01-01", "Tahun Baru", Some(JenisLibur::LiburNasional)),
                ("2027-02-08", "Cuti bersama Tahun Baru Imlek", Some(JenisLibur::CutiBersama)),
                ("2027-08-17", "Hari Kemerdekaan", Some(JenisLibur::LiburNasional)),
            ]
        );
        let fields = FieldErrors::new()
            .with("hari_libur[1].tanggal", Teks::new("Tanggal sudah lewat.", "The date has passed."))
            .with("hari_libur[1].nama", Teks::new("Isi 1 sampai 200 karakter.", "1 to 200 characters."))
            .with("hari_libur", Teks::new("Tahun 2027 akan memiliki 41 hari libur instansi.", "41 holidays."));
        let g = galat_server(&b, &fields);
        assert_eq!(g.keys().copied().collect::<Vec<_>>(), [0, 3], "item 1 is pasted line 3; the rest the whole list");
        assert_eq!(g[&3].len(), 2);
        assert_eq!(g[&0][0].en, "41 holidays.");
    }

    #[test]
    fn the_whole_list_has_a_size() {
        assert!(galat_daftar(&baris("\n \n")).is_some());
        let banyak: String = (1..=61).map(|i| format!("2027-03-{:02} Libur {i}\n", (i % 28) + 1)).collect();
        let e = galat_daftar(&baris(&banyak)).unwrap();
        assert_eq!(e.id, "Paling banyak 60 hari libur sekaligus; ada 61.");
        assert!(!siap_dikirim(&baris(&banyak)));
    }
}
