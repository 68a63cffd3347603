//! The performance period: one year (or the part of it an SKP covers), cut into
//! monthly or quarterly sub-periods for the periodic evaluation, under a named
//! rule set (PermenPANRB 6/2022 Art. 23–24; RULES.md §1.2 item 1, §3.4).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, id_type, id_wajib};
use crate::rule_set::RuleSet;
use crate::tanggal::Tanggal;
use crate::teks::Teks;

id_type!(
    /// The id of a period, passed in.
    PeriodeId
);

/// How often the periodic evaluation runs, as the instansi chooses (Art. 24(2)–(3)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SiklusPeriodik {
    Bulanan,
    #[default]
    Triwulanan,
}

impl SiklusPeriodik {
    /// Months per sub-period.
    pub fn bulan(self) -> u8 {
        match self {
            SiklusPeriodik::Bulanan => 1,
            SiklusPeriodik::Triwulanan => 3,
        }
    }

    /// How many sub-periods a full year has.
    pub fn jumlah_per_tahun(self) -> u8 {
        12 / self.bulan()
    }

    /// The wire name, as stored and in the API.
    pub fn kode(self) -> &'static str {
        match self {
            SiklusPeriodik::Bulanan => "bulanan",
            SiklusPeriodik::Triwulanan => "triwulanan",
        }
    }

    /// The cycle of a wire name, if it is one.
    pub fn from_kode(kode: &str) -> Option<Self> {
        [SiklusPeriodik::Bulanan, SiklusPeriodik::Triwulanan].into_iter().find(|s| s.kode() == kode)
    }
}

const NAMA_BULAN: [(&str, &str); 12] = [
    ("Januari", "January"),
    ("Februari", "February"),
    ("Maret", "March"),
    ("April", "April"),
    ("Mei", "May"),
    ("Juni", "June"),
    ("Juli", "July"),
    ("Agustus", "August"),
    ("September", "September"),
    ("Oktober", "October"),
    ("November", "November"),
    ("Desember", "December"),
];
/// A date as people write it: "31 Januari 2027" / "31 January 2027".
pub fn tanggal_panjang(t: Tanggal) -> Teks {
    let (id, en) = NAMA_BULAN.get(usize::from(t.bulan()).saturating_sub(1)).copied().unwrap_or(("?", "?"));
    Teks::new(format!("{} {id} {}", t.hari(), t.tahun()), format!("{} {en} {}", t.hari(), t.tahun()))
}

/// A date as people write it, the other way: "1 Januari 2027", "1 January
/// 2027", the month also in three letters ("1 Jan 2027", "17 Agu 2027",
/// "17 Agt 2027"), any case. `None` for anything else or a day that does
/// not exist (30 Februari).
pub fn parse_tanggal_panjang(s: &str) -> Option<Tanggal> {
    let mut kata = s.split_whitespace();
    let (hari, bulan, tahun) = (kata.next()?, kata.next()?, kata.next()?);
    if kata.next().is_some() || hari.len() > 2 || tahun.len() != 4 {
        return None;
    }
    // ASCII case folding (no Unicode tables in the wasm).
    let bulan = bulan.trim_end_matches('.');
    // A full name, or its first three letters.
    let sama = |nama: &str| {
        nama.eq_ignore_ascii_case(bulan)
            || (bulan.len() == 3 && nama.get(..3).is_some_and(|a| a.eq_ignore_ascii_case(bulan)))
    };
    let ke = NAMA_BULAN.iter().position(|(id, en)| sama(id) || sama(en));
    let ke = match ke {
        Some(i) => i,
        None if bulan.eq_ignore_ascii_case("agt") => 7,
        None => return None,
    };
    Tanggal::new(tahun.parse().ok()?, u8::try_from(ke + 1).ok()?, hari.parse().ok()?)
}

const ROMAWI: [&str; 4] = ["I", "II", "III", "IV"];

/// One monthly or quarterly sub-period. `ke` is its number in the calendar
/// year (the month 1–12 or the quarter 1–4), even when the period starts
/// mid-year, so "TW III" is always `ke = 3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SubPeriode {
    pub siklus: SiklusPeriodik,
    pub ke: u8,
    pub mulai: Tanggal,
    pub selesai: Tanggal,
}

impl SubPeriode {
    /// "Maret 2025" / "Triwulan I 2025".
    pub fn label(&self) -> Teks {
        let tahun = self.mulai.tahun();
        let i = usize::from(self.ke.saturating_sub(1));
        match self.siklus {
            SiklusPeriodik::Bulanan => {
                let (id, en) = NAMA_BULAN.get(i).copied().unwrap_or(("?", "?"));
                Teks::new(format!("{id} {tahun}"), format!("{en} {tahun}"))
            }
            SiklusPeriodik::Triwulanan => {
                let r = ROMAWI.get(i).copied().unwrap_or("?");
                Teks::new(format!("Triwulan {r} {tahun}"), format!("Quarter {r} {tahun}"))
            }
        }
    }
}

/// Which evaluation of a period: a periodic one (sub-period `ke`) or the annual one.
/// On the wire `{"jenis":"periodik","ke":3}` or `{"jenis":"tahunan"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "jenis", rename_all = "snake_case")]
pub enum PeriodeEvaluasi {
    Periodik { ke: u8 },
    Tahunan,
}

/// The wire form read as a plain struct: serde's derive for an internally
/// tagged enum first buffers the whole value (its private `Content`), code
/// that every wasm build reading an evaluation carried for this one small
/// type (about 25 KB before optimisation).
impl<'de> Deserialize<'de> for PeriodeEvaluasi {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Jenis {
            Periodik,
            Tahunan,
        }
        #[derive(Deserialize)]
        struct Wujud {
            jenis: Jenis,
            ke: Option<u8>,
        }
        let w = Wujud::deserialize(d)?;
        match (w.jenis, w.ke) {
            (Jenis::Periodik, Some(ke)) => Ok(PeriodeEvaluasi::Periodik { ke }),
            (Jenis::Periodik, None) => Err(serde::de::Error::missing_field("ke")),
            (Jenis::Tahunan, _) => Ok(PeriodeEvaluasi::Tahunan),
        }
    }
}

impl PeriodeEvaluasi {
    /// The evaluation as one plain token (`periodik-3`, `tahunan`): for a
    /// query string or a stored column, where the tagged JSON form does not fit.
    pub fn kode(self) -> String {
        match self {
            PeriodeEvaluasi::Periodik { ke } => format!("periodik-{ke}"),
            PeriodeEvaluasi::Tahunan => "tahunan".to_owned(),
        }
    }

    /// The evaluation named by [`kode`](PeriodeEvaluasi::kode); `None` for anything else.
    pub fn from_kode(kode: &str) -> Option<Self> {
        if kode == "tahunan" {
            return Some(PeriodeEvaluasi::Tahunan);
        }
        let ke = kode.strip_prefix("periodik-")?;
        // Digits only: `+3` or ` 3` name nothing.
        if ke.is_empty() || ke.len() > 2 || !ke.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(PeriodeEvaluasi::Periodik { ke: ke.parse().ok()? })
    }
}

impl fmt::Display for PeriodeEvaluasi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodeEvaluasi::Periodik { ke } => write!(f, "periodik {ke}"),
            PeriodeEvaluasi::Tahunan => f.write_str("tahunan"),
        }
    }
}

/// A performance period. Valid by construction: it lies within one calendar
/// year and starts no earlier than its rule set took effect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Periode {
    id: PeriodeId,
    tahun: i32,
    siklus: SiklusPeriodik,
    rule_set: RuleSet,
    mulai: Tanggal,
    selesai: Tanggal,
}

impl Periode {
    /// A full calendar year with the rule set in force for it.
    pub fn tahunan(id: PeriodeId, tahun: i32, siklus: SiklusPeriodik) -> Option<Self> {
        let mulai = Tanggal::new(tahun, 1, 1)?;
        let selesai = Tanggal::new(tahun, 12, 31)?;
        Some(Periode { id, tahun, siklus, rule_set: RuleSet::untuk_periode(mulai), mulai, selesai })
    }

    pub fn id(&self) -> &PeriodeId {
        &self.id
    }
    pub fn tahun(&self) -> i32 {
        self.tahun
    }
    pub fn siklus(&self) -> SiklusPeriodik {
        self.siklus
    }
    pub fn rule_set(&self) -> RuleSet {
        self.rule_set
    }
    pub fn mulai(&self) -> Tanggal {
        self.mulai
    }
    pub fn selesai(&self) -> Tanggal {
        self.selesai
    }

    /// The sub-periods overlapping the period, each clipped to it.
    pub fn sub_periode(&self) -> Vec<SubPeriode> {
        let lebar = self.siklus.bulan();
        let mut hasil = Vec::new();
        let mut ke = 1u8;
        let mut bulan = 1u8;
        while bulan <= 12 {
            let awal = Tanggal::new(self.tahun, bulan, 1);
            let akhir = Tanggal::new(self.tahun, bulan + lebar - 1, 1).map(Tanggal::akhir_bulan);
            if let (Some(awal), Some(akhir)) = (awal, akhir)
                && akhir >= self.mulai
                && awal <= self.selesai
            {
                hasil.push(SubPeriode {
                    siklus: self.siklus,
                    ke,
                    mulai: awal.max(self.mulai),
                    selesai: akhir.min(self.selesai),
                });
            }
            ke += 1;
            bulan += lebar;
        }
        hasil
    }

    /// The sub-periods started by `hari_ini` (WIB): those whose
    /// documentation is due, the one running included.
    pub fn sub_periode_dimulai(&self, hari_ini: Tanggal) -> Vec<SubPeriode> {
        self.sub_periode().into_iter().filter(|s| s.mulai <= hari_ini).collect()
    }

    /// Sub-period number `ke`, if the period covers it.
    pub fn sub_periode_ke(&self, ke: u8) -> Option<SubPeriode> {
        self.sub_periode().into_iter().find(|s| s.ke == ke)
    }

    /// The sub-period containing a date.
    pub fn sub_periode_pada(&self, tanggal: Tanggal) -> Option<SubPeriode> {
        self.sub_periode().into_iter().find(|s| s.mulai <= tanggal && tanggal <= s.selesai)
    }

    /// Whether the period has this evaluation (every period has its annual one).
    pub fn memuat(&self, evaluasi: PeriodeEvaluasi) -> bool {
        match evaluasi {
            PeriodeEvaluasi::Periodik { ke } => self.sub_periode_ke(ke).is_some(),
            PeriodeEvaluasi::Tahunan => true,
        }
    }

    /// The last day of the evaluated stretch: deadlines of Lampiran Bab V
    /// ("setelah periode penilaian berakhir") count from here.
    pub fn akhir_evaluasi(&self, evaluasi: PeriodeEvaluasi) -> Option<Tanggal> {
        match evaluasi {
            PeriodeEvaluasi::Periodik { ke } => self.sub_periode_ke(ke).map(|s| s.selesai),
            PeriodeEvaluasi::Tahunan => Some(self.selesai),
        }
    }

    /// Whether `evaluasi` has ended on `tanggal` (the day after its last
    /// day): only then may it be rated. The one rule the server's rating and
    /// the app's choice of evaluations both use.
    pub fn sudah_berakhir(&self, evaluasi: PeriodeEvaluasi, tanggal: Tanggal) -> bool {
        self.memuat(evaluasi) && self.akhir_evaluasi(evaluasi).is_some_and(|akhir| tanggal > akhir)
    }

    /// The evaluations that have ended on `tanggal`, the latest first: the
    /// year's, then each sub-period's from the last.
    pub fn evaluasi_berakhir(&self, tanggal: Tanggal) -> Vec<PeriodeEvaluasi> {
        std::iter::once(PeriodeEvaluasi::Tahunan)
            .chain(self.sub_periode().into_iter().rev().map(|s| PeriodeEvaluasi::Periodik { ke: s.ke }))
            .filter(|e| self.sudah_berakhir(*e, tanggal))
            .collect()
    }

    /// The SKP must be set by the end of the period's first month: the end of
    /// January for a full year (Art. 14(1)); the end of July for the
    /// July–December 2021 period (RULES.md §2.2.3).
    pub fn batas_penetapan_skp(&self) -> Tanggal {
        self.mulai.akhir_bulan()
    }

    /// The annual evaluation is due by the end of the January after the
    /// period (Lampiran Bab IV.A.8).
    pub fn batas_evaluasi_tahunan(&self) -> Tanggal {
        Tanggal::new(self.tahun + 1, 1, 31).unwrap_or(self.selesai)
    }
}

/// The admin's period form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PeriodeInput {
    pub id: String,
    pub tahun: String,
    pub siklus: SiklusPeriodik,
    /// Empty: the rule set in force on the first day ([`RuleSet::untuk_periode`]).
    pub rule_set: Option<RuleSet>,
    /// ISO date; empty means 1 January.
    pub mulai: String,
    /// ISO date; empty means 31 December.
    pub selesai: String,
}

const TAHUN_MIN: i32 = 2014;
const TAHUN_MAKS: i32 = 2100;

impl PeriodeInput {
    /// Collects every field error.
    pub fn validate(&self) -> Result<Periode, FieldErrors> {
        let mut e = FieldErrors::new();
        let id = id_wajib(&mut e, "id", &self.id);
        let tahun = match self.tahun.trim() {
            "" => {
                e.add("tahun", crate::error::pesan::wajib_diisi());
                None
            }
            t => match t.parse::<i32>() {
                Ok(t) if (TAHUN_MIN..=TAHUN_MAKS).contains(&t) => Some(t),
                _ => {
                    e.push(
                        "tahun",
                        format!("Tahun harus antara {TAHUN_MIN} dan {TAHUN_MAKS}."),
                        format!("The year must be between {TAHUN_MIN} and {TAHUN_MAKS}."),
                    );
                    None
                }
            },
        };
        let tanggal = |e: &mut FieldErrors, field: &str, s: &str, bawaan: (u8, u8)| -> Option<Tanggal> {
            let s = s.trim();
            if s.is_empty() {
                return tahun.and_then(|t| Tanggal::new(t, bawaan.0, bawaan.1));
            }
            match Tanggal::parse_iso(s) {
                Some(d) if tahun.is_none_or(|t| d.tahun() == t) => Some(d),
                Some(_) => {
                    e.push(
                        field,
                        "Tanggal harus di dalam tahun periode.",
                        "The date must be within the period's year.",
                    );
                    None
                }
                None => {
                    e.push(field, "Tanggal tidak valid (TTTT-BB-HH).", "Invalid date (YYYY-MM-DD).");
                    None
                }
            }
        };
        let mulai = tanggal(&mut e, "mulai", &self.mulai, (1, 1));
        let selesai = tanggal(&mut e, "selesai", &self.selesai, (12, 31));
        if let (Some(m), Some(s)) = (mulai, selesai)
            && m > s
        {
            e.push("selesai", "Tanggal selesai sebelum tanggal mulai.", "The end date is before the start date.");
        }
        let rule_set = match (self.rule_set, mulai) {
            (Some(r), Some(m)) => {
                let (y, b, h) = r.berlaku_mulai();
                if (m.tahun(), m.bulan(), m.hari()) < (y, b, h) {
                    e.push(
                        "rule_set",
                        format!("{} baru berlaku untuk periode mulai {h}/{b}/{y}.", r.label().id),
                        format!("{} only governs periods starting from {y}-{b:02}-{h:02}.", r.label().en),
                    );
                }
                Some(r)
            }
            (None, Some(m)) => Some(RuleSet::untuk_periode(m)),
            (_, None) => None,
        };
        match (id, tahun, mulai, selesai, rule_set) {
            (Some(id), Some(tahun), Some(mulai), Some(selesai), Some(rule_set)) if e.is_empty() => {
                Ok(Periode { id: PeriodeId::new(id), tahun, siklus: self.siklus, rule_set, mulai, selesai })
            }
            _ => Err(e),
        }
    }

    /// Non-blocking remarks: a rule set older than the one in force for the period.
    pub fn peringatan(&self) -> FieldErrors {
        let mut w = FieldErrors::new();
        if let (Ok(p), Some(r)) = (self.validate(), self.rule_set) {
            let berlaku = RuleSet::untuk_periode(p.mulai);
            if r != berlaku {
                w.push(
                    "rule_set",
                    format!("Periode ini biasanya memakai {}.", berlaku.label().id),
                    format!("This period would normally use {}.", berlaku.label().en),
                );
            }
        }
        w
    }
}

/// A period as [`periode_dokumentasi`] weighs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalonPeriode {
    pub mulai: Tanggal,
    pub selesai: Tanggal,
    /// Whether the pegawai's SKP in it is still open (set and not yet
    /// evaluated for the year: [`crate::skp::Skp::berjalan`]).
    pub skp_terbuka: bool,
}

/// Which of `calon` (any order) a pegawai's "still to document" means when
/// no period is named: the newest started period (by `hari_ini`, WIB) in
/// which their SKP is still open; else the one holding `hari_ini`; else the
/// newest. At the turn of the year the new period holds the date while last
/// year's quarter IV is still due (the annual evaluation runs to the end of
/// January) and the new SKP is only being drafted: last year's stays shown
/// until the new SKP is set or the old one evaluated.
pub fn periode_dokumentasi(calon: &[CalonPeriode], hari_ini: Tanggal) -> Option<usize> {
    let terbaru = |pilih: &dyn Fn(&CalonPeriode) -> bool| {
        calon.iter().enumerate().filter(|(_, c)| pilih(c)).max_by_key(|(_, c)| c.mulai).map(|(i, _)| i)
    };
    terbaru(&|c| c.skp_terbuka && c.mulai <= hari_ini)
        .or_else(|| terbaru(&|c| c.mulai <= hari_ini && hari_ini <= c.selesai))
        .or_else(|| terbaru(&|_| true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_as_people_write_it_reads_back_in_either_language() {
        let t = |s: &str| Tanggal::parse_iso(s).unwrap();
        let tabel = [
            ("1 Januari 2027", Some(t("2027-01-01"))),
            ("17 agustus 2027", Some(t("2027-08-17"))),
            ("17 Agt 2027", Some(t("2027-08-17"))),
            ("17 Agu. 2027", Some(t("2027-08-17"))),
            ("25 December 2027", Some(t("2027-12-25"))),
            ("1 MEI 2027", Some(t("2027-05-01"))),
            ("9 Okt 2027", Some(t("2027-10-09"))),
            ("30 Februari 2027", None),
            ("1 Januarii 2027", None),
            ("1 Ja 2027", None),
            ("1 Januari 27", None),
            ("Januari 2027", None),
            ("1 Januari 2027 Tahun Baru", None),
        ];
        for (s, harap) in tabel {
            assert_eq!(parse_tanggal_panjang(s), harap, "{s:?}");
        }
        for iso in ["2027-01-01", "2027-03-31", "2027-12-25"] {
            let d = t(iso);
            assert_eq!(parse_tanggal_panjang(&tanggal_panjang(d).id), Some(d), "{iso}");
            assert_eq!(parse_tanggal_panjang(&tanggal_panjang(d).en), Some(d), "{iso}");
        }
    }

    #[test]
    fn an_evaluation_reads_back_its_wire_form_and_refuses_others() {
        for e in [PeriodeEvaluasi::Periodik { ke: 3 }, PeriodeEvaluasi::Tahunan] {
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(serde_json::from_str::<PeriodeEvaluasi>(&json).unwrap(), e, "{json}");
        }
        assert_eq!(
            serde_json::to_string(&PeriodeEvaluasi::Periodik { ke: 3 }).unwrap(),
            r#"{"jenis":"periodik","ke":3}"#
        );
        let baca = serde_json::from_str::<PeriodeEvaluasi>;
        assert_eq!(baca(r#"{"ke":12,"jenis":"periodik"}"#).unwrap(), PeriodeEvaluasi::Periodik { ke: 12 });
        for salah in [
            r#"{"jenis":"periodik"}"#,
            r#"{"jenis":"bulanan","ke":1}"#,
            r#"{"ke":1}"#,
            r#"{"jenis":"periodik","ke":300}"#,
            r#"{"jenis":"periodik","ke":-1}"#,
            r#""tahunan""#,
        ] {
            assert!(baca(salah).is_err(), "{salah} was read");
        }
    }

    #[test]
    fn at_the_turn_of_the_year_last_years_open_skp_stays_due() {
        let p2025 = input("2025", SiklusPeriodik::Triwulanan).validate().unwrap();
        let p2026 = input("2026", SiklusPeriodik::Triwulanan).validate().unwrap();
        let calon = |lama: bool, baru: bool| {
            [(&p2026, baru), (&p2025, lama)].map(|(p, skp_terbuka)| CalonPeriode {
                mulai: p.mulai(),
                selesai: p.selesai(),
                skp_terbuka,
            })
        };
        let (malam, pagi) = (tgl("2025-12-31"), tgl("2026-01-01"));
        // 31 December: 2025 is current and its four quarters are due.
        assert_eq!(periode_dokumentasi(&calon(true, false), malam), Some(1));
        assert_eq!(p2025.sub_periode_dimulai(malam).len(), 4);
        // 1 January WIB: the new SKP is a draft; last year's quarter IV is still due.
        assert_eq!(periode_dokumentasi(&calon(true, false), pagi), Some(1));
        assert_eq!(p2025.sub_periode_dimulai(pagi).last().map(|s| s.ke), Some(4));
        // Once the new SKP is set (or the old one evaluated), the new year.
        assert_eq!(periode_dokumentasi(&calon(true, true), pagi), Some(0));
        assert_eq!(periode_dokumentasi(&calon(false, false), pagi), Some(0));
        assert_eq!(p2026.sub_periode_dimulai(pagi).iter().map(|s| s.ke).collect::<Vec<_>>(), [1]);
        // A period not yet started never counts, even with its SKP set early.
        assert_eq!(periode_dokumentasi(&calon(false, true), malam), Some(1));
        // No period holds the date: the newest.
        assert_eq!(periode_dokumentasi(&calon(false, false), tgl("2027-03-01")), Some(0));
        assert_eq!(periode_dokumentasi(&[], pagi), None);
        assert_eq!(p2026.sub_periode_dimulai(malam), Vec::new());
    }

    fn tgl(s: &str) -> Tanggal {
        Tanggal::parse_iso(s).unwrap()
    }

    fn input(tahun: &str, siklus: SiklusPeriodik) -> PeriodeInput {
        PeriodeInput { id: "p1".into(), tahun: tahun.into(), siklus, ..PeriodeInput::default() }
    }

    #[test]
    fn a_cycle_reads_back_from_its_code_which_is_its_wire_name() {
        for s in [SiklusPeriodik::Bulanan, SiklusPeriodik::Triwulanan] {
            assert_eq!(SiklusPeriodik::from_kode(s.kode()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.kode());
        }
        assert_eq!(SiklusPeriodik::from_kode("tahunan"), None);
    }

    #[test]
    fn a_full_year_has_twelve_months_or_four_quarters() {
        let bulanan = input("2025", SiklusPeriodik::Bulanan).validate().unwrap();
        let subs = bulanan.sub_periode();
        assert_eq!(subs.len(), 12);
        assert_eq!((subs[1].mulai, subs[1].selesai), (tgl("2025-02-01"), tgl("2025-02-28")));
        assert_eq!(subs[1].label(), Teks::new("Februari 2025", "February 2025"));

        let triwulanan = input("2024", SiklusPeriodik::Triwulanan).validate().unwrap();
        let subs = triwulanan.sub_periode();
        assert_eq!(subs.iter().map(|s| s.ke).collect::<Vec<_>>(), [1, 2, 3, 4]);
        assert_eq!((subs[2].mulai, subs[2].selesai), (tgl("2024-07-01"), tgl("2024-09-30")));
        assert_eq!(subs[3].label().id, "Triwulan IV 2024");
        assert_eq!(triwulanan.rule_set(), RuleSet::Permenpanrb6_2022);
    }

    #[test]
    fn a_partial_period_clips_its_sub_periods_and_keeps_their_calendar_numbers() {
        let p = PeriodeInput {
            mulai: "2021-07-01".into(),
            selesai: "2021-12-31".into(),
            ..input("2021", SiklusPeriodik::Triwulanan)
        }
        .validate()
        .unwrap();
        assert_eq!(p.rule_set(), RuleSet::Permenpanrb8_2021);
        assert_eq!(p.sub_periode().iter().map(|s| s.ke).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(p.batas_penetapan_skp(), tgl("2021-07-31"));

        let p = PeriodeInput { mulai: "2025-08-15".into(), ..input("2025", SiklusPeriodik::Triwulanan) }
            .validate()
            .unwrap();
        assert_eq!(p.sub_periode()[0].mulai, tgl("2025-08-15"));
        assert_eq!(p.sub_periode_pada(tgl("2025-11-02")).map(|s| s.ke), Some(4));
        assert_eq!(p.sub_periode_pada(tgl("2025-03-02")), None);
    }

    #[test]
    fn deadlines_follow_article_14_and_bab_iv() {
        let p = Periode::tahunan(PeriodeId::new("p"), 2025, SiklusPeriodik::Bulanan).unwrap();
        assert_eq!(p.batas_penetapan_skp(), tgl("2025-01-31"));
        assert_eq!(p.batas_evaluasi_tahunan(), tgl("2026-01-31"));
        assert_eq!(p.akhir_evaluasi(PeriodeEvaluasi::Periodik { ke: 2 }), Some(tgl("2025-02-28")));
        assert_eq!(p.akhir_evaluasi(PeriodeEvaluasi::Tahunan), Some(tgl("2025-12-31")));
        assert_eq!(p.akhir_evaluasi(PeriodeEvaluasi::Periodik { ke: 13 }), None);
        assert!(p.memuat(PeriodeEvaluasi::Tahunan));
    }

    #[test]
    fn an_evaluation_has_ended_the_day_after_its_last_day() {
        let p = Periode::tahunan(PeriodeId::new("p"), 2025, SiklusPeriodik::Triwulanan).unwrap();
        let q1 = PeriodeEvaluasi::Periodik { ke: 1 };
        assert!(!p.sudah_berakhir(q1, tgl("2025-03-31")), "its last day");
        assert!(p.sudah_berakhir(q1, tgl("2025-04-01")));
        assert!(!p.sudah_berakhir(PeriodeEvaluasi::Periodik { ke: 9 }, tgl("2030-01-01")), "not the period's");
        assert_eq!(p.evaluasi_berakhir(tgl("2025-07-01")), [PeriodeEvaluasi::Periodik { ke: 2 }, q1]);
        assert_eq!(
            p.evaluasi_berakhir(tgl("2026-01-01"))[..2],
            [PeriodeEvaluasi::Tahunan, PeriodeEvaluasi::Periodik { ke: 4 }]
        );
        assert!(p.evaluasi_berakhir(tgl("2025-03-31")).is_empty());
    }

    #[test]
    fn invalid_period_forms_report_every_field() {
        let base = input("2025", SiklusPeriodik::Bulanan);
        let table: Vec<(PeriodeInput, &[&str])> = vec![
            (PeriodeInput { id: "".into(), tahun: "".into(), ..base.clone() }, &["id", "tahun"]),
            (PeriodeInput { tahun: "dua ribu".into(), ..base.clone() }, &["tahun"]),
            (PeriodeInput { tahun: "1999".into(), ..base.clone() }, &["tahun"]),
            (
                PeriodeInput { mulai: "2025-02-30".into(), selesai: "31/12/2025".into(), ..base.clone() },
                &["mulai", "selesai"],
            ),
            (PeriodeInput { mulai: "2024-12-01".into(), ..base.clone() }, &["mulai"]),
            (PeriodeInput { mulai: "2025-07-01".into(), selesai: "2025-06-30".into(), ..base.clone() }, &["selesai"]),
            (
                PeriodeInput { tahun: "2020".into(), rule_set: Some(RuleSet::Permenpanrb6_2022), ..base.clone() },
                &["rule_set"],
            ),
            (
                PeriodeInput {
                    tahun: "2021".into(),
                    mulai: "2021-01-01".into(),
                    rule_set: Some(RuleSet::Permenpanrb8_2021),
                    ..base.clone()
                },
                &["rule_set"],
            ),
        ];
        for (i, (input, fields)) in table.into_iter().enumerate() {
            let e = input.validate().unwrap_err();
            assert_eq!(e.fields().collect::<Vec<_>>(), fields, "case {i}: {e}");
        }
    }

    #[test]
    fn an_older_rule_set_for_a_recent_year_is_only_a_warning() {
        let p = PeriodeInput { rule_set: Some(RuleSet::Pp46_2011), ..input("2025", SiklusPeriodik::Bulanan) };
        assert_eq!(p.validate().unwrap().rule_set(), RuleSet::Pp46_2011);
        assert_eq!(p.peringatan().fields().collect::<Vec<_>>(), ["rule_set"]);
        assert!(input("2025", SiklusPeriodik::Bulanan).peringatan().is_empty());
    }

    #[test]
    fn evaluations_and_cycles_travel_in_snake_case() {
        assert_eq!(serde_json::to_value(SiklusPeriodik::Triwulanan).unwrap(), "triwulanan");
    }

    #[test]
    fn an_evaluation_reads_back_from_its_token_and_nothing_else_does() {
        for e in [PeriodeEvaluasi::Periodik { ke: 1 }, PeriodeEvaluasi::Periodik { ke: 12 }, PeriodeEvaluasi::Tahunan] {
            assert_eq!(PeriodeEvaluasi::from_kode(&e.kode()), Some(e));
        }
        for salah in
            ["", "periodik-", "periodik-+3", "periodik- 3", "periodik-300", "../tahunan", "Tahunan", "periodik-1x"]
        {
            assert_eq!(PeriodeEvaluasi::from_kode(salah), None, "{salah:?}");
        }
        assert_eq!(
            serde_json::to_value(PeriodeEvaluasi::Periodik { ke: 3 }).unwrap(),
            serde_json::json!({ "jenis": "periodik", "ke": 3 })
        );
        assert_eq!(serde_json::to_value(PeriodeEvaluasi::Tahunan).unwrap(), serde_json::json!({ "jenis": "tahunan" }));
    }
}
