//! The Nomor Induk Pegawai: 18 digits, valid by construction
//! (Peraturan Kepala BKN 43/2007 for PNS; the NI PPPK has the same shape).
//!
//! ```text
//! PNS   yyyymmdd  yyyymm  s  nnn      birth date, TMT CPNS year+month, sex, serial
//! PPPK  yyyymmdd  yyyy xx s  nnn      birth date, TMT year, two digits that are not a month, sex, serial
//! ```
//!
//! Spaces inside and around are ignored (`"19850330 201012 1 002"`). Only the
//! structure is checked: the birth date must exist, the PNS TMT month must be
//! 01–12, the sex digit must be 1 (laki-laki) or 2 (perempuan). Nothing here
//! can tell whether the number was really issued.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::tanggal::Tanggal;
use crate::teks::Teks;

/// PNS (civil servant) or PPPK (government employee on contract).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JenisPegawai {
    #[default]
    Pns,
    Pppk,
}

impl JenisPegawai {
    pub fn kode(self) -> &'static str {
        match self {
            JenisPegawai::Pns => "pns",
            JenisPegawai::Pppk => "pppk",
        }
    }

    pub fn label(self) -> Teks {
        match self {
            JenisPegawai::Pns => Teks::new("PNS", "Civil servant (PNS)"),
            JenisPegawai::Pppk => Teks::new("PPPK", "Contract government employee (PPPK)"),
        }
    }
}

/// The sex encoded in digit 15 of the NIP.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisKelamin {
    LakiLaki,
    Perempuan,
}

impl JenisKelamin {
    pub fn label(self) -> Teks {
        match self {
            JenisKelamin::LakiLaki => Teks::new("Laki-laki", "Male"),
            JenisKelamin::Perempuan => Teks::new("Perempuan", "Female"),
        }
    }
}

/// Why a text is not a NIP. `Display` is English (for logs); [`NipError::pesan`]
/// is the bilingual user message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NipError {
    #[error("a NIP has 18 digits, this has {panjang}")]
    PanjangSalah { panjang: usize },
    #[error("a NIP has only digits, found {karakter:?} at position {posisi}")]
    BukanAngka { posisi: usize, karakter: char },
    #[error("digits 1-8 are not a valid birth date: {teks}")]
    TanggalLahirTidakValid { teks: String },
    #[error("digits 13-14 are not a valid TMT month: {bulan:02}")]
    BulanTmtTidakValid { bulan: u8 },
    #[error("digit 15 must be 1 (male) or 2 (female), found {digit}")]
    JenisKelaminTidakValid { digit: u8 },
}

impl NipError {
    /// A machine code for the API.
    pub fn kode(&self) -> &'static str {
        match self {
            NipError::PanjangSalah { .. } => "nip_panjang_salah",
            NipError::BukanAngka { .. } => "nip_bukan_angka",
            NipError::TanggalLahirTidakValid { .. } => "nip_tanggal_lahir_tidak_valid",
            NipError::BulanTmtTidakValid { .. } => "nip_bulan_tmt_tidak_valid",
            NipError::JenisKelaminTidakValid { .. } => "nip_jenis_kelamin_tidak_valid",
        }
    }

    /// The message for the user, in Bahasa Indonesia and English.
    pub fn pesan(&self) -> Teks {
        match self {
            NipError::PanjangSalah { panjang } => Teks::new(
                format!("NIP harus 18 digit, yang diisi {panjang} digit."),
                format!("A NIP has 18 digits; {panjang} were entered."),
            ),
            NipError::BukanAngka { posisi, karakter } => {
                // An invisible character (pasted from a PDF: U+200B, U+00AD) by its code point.
                let k = if karakter.is_alphanumeric() || karakter.is_ascii_graphic() {
                    format!("'{karakter}'")
                } else {
                    format!("U+{:04X}", u32::from(*karakter))
                };
                Teks::new(
                    format!("NIP hanya berisi angka; ada {k} pada posisi {posisi}."),
                    format!("A NIP has only digits; found {k} at position {posisi}."),
                )
            }
            NipError::TanggalLahirTidakValid { teks } => Teks::new(
                format!("Digit 1–8 NIP harus tanggal lahir yang ada (tttt-bb-hh), bukan {teks}."),
                format!("Digits 1–8 of a NIP must be a real birth date (yyyy-mm-dd), not {teks}."),
            ),
            NipError::BulanTmtTidakValid { bulan } => Teks::new(
                format!("Digit 13–14 NIP PNS adalah bulan TMT CPNS (01–12), bukan {bulan:02}."),
                format!("Digits 13–14 of a PNS NIP are the month of the CPNS start (01–12), not {bulan:02}."),
            ),
            NipError::JenisKelaminTidakValid { digit } => Teks::new(
                format!("Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), bukan {digit}."),
                format!("Digit 15 of a NIP must be 1 (male) or 2 (female), not {digit}."),
            ),
        }
    }
}

/// A structurally valid NIP (PNS) or NI PPPK: 18 digits, no spaces.
///
/// Built only by [`Nip::parse`]. Deserialising checks the structure common to
/// PNS and PPPK (the TMT month is not checked, since a PPPK number has no month
/// there); when the kind is known, check it with [`Nip::parse`] or
/// [`Nip::cocok_untuk`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nip {
    digit: String,
    tanggal_lahir: Tanggal,
    jenis_kelamin: JenisKelamin,
}

impl Nip {
    /// Reads a NIP of the given kind, ignoring spaces inside and around.
    pub fn parse(input: &str, jenis: JenisPegawai) -> Result<Nip, NipError> {
        let digit: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some((posisi, karakter)) = digit.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(NipError::BukanAngka { posisi: posisi + 1, karakter });
        }
        // Only ASCII digits from here on, so byte indices are character indices.
        if digit.len() != 18 {
            return Err(NipError::PanjangSalah { panjang: digit.len() });
        }
        let angka = |dari: usize, sampai: usize| -> u32 {
            digit.as_bytes()[dari..sampai].iter().fold(0, |n, b| n * 10 + u32::from(b - b'0'))
        };
        let (tahun, bulan, hari) = (angka(0, 4), angka(4, 6), angka(6, 8));
        let tanggal_lahir = Tanggal::new(tahun as i32, bulan as u8, hari as u8)
            .ok_or_else(|| NipError::TanggalLahirTidakValid { teks: format!("{tahun:04}-{bulan:02}-{hari:02}") })?;
        if jenis == JenisPegawai::Pns {
            let bulan_tmt = angka(12, 14) as u8;
            if !(1..=12).contains(&bulan_tmt) {
                return Err(NipError::BulanTmtTidakValid { bulan: bulan_tmt });
            }
        }
        let jenis_kelamin = match angka(14, 15) {
            1 => JenisKelamin::LakiLaki,
            2 => JenisKelamin::Perempuan,
            d => return Err(NipError::JenisKelaminTidakValid { digit: d as u8 }),
        };
        Ok(Nip { digit, tanggal_lahir, jenis_kelamin })
    }

    pub fn parse_pns(input: &str) -> Result<Nip, NipError> {
        Nip::parse(input, JenisPegawai::Pns)
    }

    pub fn parse_pppk(input: &str) -> Result<Nip, NipError> {
        Nip::parse(input, JenisPegawai::Pppk)
    }

    /// Whether this number is also valid for `jenis` (a PPPK number may have a
    /// "month" 13–99 that a PNS number may not).
    pub fn cocok_untuk(&self, jenis: JenisPegawai) -> Result<(), NipError> {
        Nip::parse(&self.digit, jenis).map(|_| ())
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.digit
    }

    /// Digits 1–8.
    pub fn tanggal_lahir(&self) -> Tanggal {
        self.tanggal_lahir
    }

    /// Digit 15.
    pub fn jenis_kelamin(&self) -> JenisKelamin {
        self.jenis_kelamin
    }

    /// Digits 9–12: the year of the TMT (CPNS or PPPK appointment).
    pub fn tahun_tmt(&self) -> i32 {
        self.digit[8..12].parse().unwrap_or_default()
    }

    /// Digits 13–14 read as the TMT CPNS month; `None` when they are not a
    /// month (always for a PPPK number from 2023 on, whose digits read "21").
    pub fn bulan_tmt(&self) -> Option<u8> {
        self.digit[12..14].parse().ok().filter(|b| (1..=12).contains(b))
    }

    /// Digits 16–18.
    pub fn nomor_urut(&self) -> u16 {
        self.digit[15..18].parse().unwrap_or_default()
    }

    /// The printed grouping, `19850330 201012 1 002`.
    pub fn berkelompok(&self) -> String {
        format!("{} {} {} {}", &self.digit[0..8], &self.digit[8..14], &self.digit[14..15], &self.digit[15..18])
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.digit)
    }
}

impl Serialize for Nip {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.digit)
    }
}

impl<'de> Deserialize<'de> for Nip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        // The checks common to PNS and PPPK (see the type's documentation).
        Nip::parse(&s, JenisPegawai::Pppk).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pns_nip_gives_its_birth_date_and_sex() {
        let nip = Nip::parse_pns("198503302010121002").unwrap();
        assert_eq!(nip.tanggal_lahir(), Tanggal::new(1985, 3, 30).unwrap());
        assert_eq!(nip.jenis_kelamin(), JenisKelamin::LakiLaki);
        assert_eq!((nip.tahun_tmt(), nip.bulan_tmt(), nip.nomor_urut()), (2010, Some(12), 2));
        assert_eq!(nip.berkelompok(), "19850330 201012 1 002");
        assert_eq!(nip.to_string(), "198503302010121002");
    }

    #[test]
    fn spaces_inside_and_around_are_ignored() {
        for s in [" 198503302010121002 ", "19850330 201012 1 002", "\t19850330  2010121002\n"] {
            assert_eq!(Nip::parse_pns(s).unwrap().as_str(), "198503302010121002", "{s:?}");
        }
    }

    #[test]
    fn a_pppk_number_has_no_month_in_digits_13_and_14() {
        let nip = Nip::parse_pppk("199001012023212001").unwrap();
        assert_eq!(nip.jenis_kelamin(), JenisKelamin::Perempuan);
        assert_eq!((nip.tahun_tmt(), nip.bulan_tmt()), (2023, None));
        assert_eq!(Nip::parse_pns("199001012023212001").unwrap_err(), NipError::BulanTmtTidakValid { bulan: 21 });
        assert!(nip.cocok_untuk(JenisPegawai::Pns).is_err());
        assert!(nip.cocok_untuk(JenisPegawai::Pppk).is_ok());
    }

    #[test]
    fn malformed_numbers_are_refused_with_the_reason() {
        let table = [
            ("19850330201012100", JenisPegawai::Pns, "nip_panjang_salah"),
            ("1985033020101210021", JenisPegawai::Pns, "nip_panjang_salah"),
            ("", JenisPegawai::Pns, "nip_panjang_salah"),
            ("19850330201012100a", JenisPegawai::Pns, "nip_bukan_angka"),
            ("1985-03-30-2010121002", JenisPegawai::Pns, "nip_bukan_angka"),
            ("١٩٨٥٠٣٣٠٢٠١٠١٢١٠٠٢", JenisPegawai::Pns, "nip_bukan_angka"),
            ("198502302010121002", JenisPegawai::Pns, "nip_tanggal_lahir_tidak_valid"),
            ("198513302010121002", JenisPegawai::Pppk, "nip_tanggal_lahir_tidak_valid"),
            ("198503302010131002", JenisPegawai::Pns, "nip_bulan_tmt_tidak_valid"),
            ("198503302010001002", JenisPegawai::Pns, "nip_bulan_tmt_tidak_valid"),
            ("198503302010123002", JenisPegawai::Pns, "nip_jenis_kelamin_tidak_valid"),
            ("199001012023210001", JenisPegawai::Pppk, "nip_jenis_kelamin_tidak_valid"),
        ];
        for (s, jenis, kode) in table {
            let e = Nip::parse(s, jenis).unwrap_err();
            assert_eq!(e.kode(), kode, "{s}");
            assert!(!e.pesan().id.is_empty() && !e.pesan().en.is_empty());
            assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn a_nip_travels_as_its_18_digits() {
        let nip = Nip::parse_pns("19850330 201012 1 002").unwrap();
        assert_eq!(serde_json::to_string(&nip).unwrap(), "\"198503302010121002\"");
        assert_eq!(serde_json::from_str::<Nip>("\"198503302010121002\"").unwrap(), nip);
        assert!(serde_json::from_str::<Nip>("\"198502302010121002\"").is_err());
        assert_eq!(serde_json::to_string(&JenisPegawai::Pppk).unwrap(), "\"pppk\"");
        assert_eq!(serde_json::to_string(&JenisKelamin::LakiLaki).unwrap(), "\"laki_laki\"");
    }
}
