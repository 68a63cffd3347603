//! The pola distribusi: how the employees' predikat may spread, given the
//! organisation's predikat (PermenPANRB 6/2022 Lampiran IV.B.2; limits from
//! SE MenPANRB 3/2023; RULES.md §2.1.6).
//!
//! | organisation     | limits on the employees of the unit                                   |
//! |------------------|-----------------------------------------------------------------------|
//! | istimewa         | sangat baik ≤ 70%                                                     |
//! | baik             | baik ≤ 70%; there must be butuh perbaikan and/or kurang               |
//! | butuh perbaikan  | butuh perbaikan ≥ 60%; sangat baik ≤ 10%                              |
//! | kurang           | kurang ≥ 60%; butuh perbaikan ≥ 10%; sangat baik ≤ 10%                |
//! | sangat kurang    | sangat kurang ≥ 60%; kurang + butuh perbaikan ≥ 10%; no sangat baik   |
//!
//! The table is data ([`POLA_DISTRIBUSI`]); the detailed check
//! ([`check_distribusi`], built on the numbers-only [`check_distribusi_angka`]
//! that a screen recounting with every rating uses) and the allocation-free
//! recap ([`fits_pola_distribusi`]) all read it through the same
//! [`Batas::batas_orang`] and [`Batas::dilanggar`].
//!
//! # Choices for the open questions (RULES.md §6.2), decided once here
//!
//! * **Rounding: the nearest whole employee, halves up.** A percentage limit
//!   becomes a number of people: `round_half_up(persen × n / 100)`, computed
//!   in integers. "Maksimal 70%" of 10 is 7, of 3 is 2 (2.1), of 1 is 1 (0.7);
//!   "minimal 60%" of 3 is 2 (1.8), of 7 is 4 (4.2); "maksimal 10%" of 4 is 0
//!   (0.4), of 5 is 1 (0.5). Reasons: a rater sees and fills whole people, so
//!   the limit shown on the curve ("maks 7 dari 10 orang") must be a whole
//!   number; nearest rounding is neither systematically lenient nor strict; it
//!   is exact whenever the percentage of the unit is a whole number of people
//!   (every unit whose size is a multiple of 10); and with it every pattern
//!   can be satisfied by every unit size (a unit test checks sizes 1 to 300).
//!   Strict rounding (ceil for minima, floor for maxima) would make one-person
//!   units *sangat kurang* unsatisfiable (60% and 10% both round up to the
//!   one person) and forbid *sangat baik* in a one-person *istimewa* unit.
//! * **"Harus ada" means at least one person, from two employees up.** In a
//!   one-person unit of a *baik* organisation the one employee cannot be both
//!   the "sebagian besar baik" and the "harus ada butuh perbaikan/kurang", so
//!   the presence rule starts at two employees.
//! * **"Sebagian besar (maksimal 70%)" is only a maximum.** The SE's numbers
//!   are caps; 6/2022 itself says the curve is what is "idealnya", guidance
//!   the rater "memperhatikan". We do not read an implicit "> 50%" minimum.
//! * **Blocking or warning is configuration** ([`ModeDistribusi`], default
//!   [`ModeDistribusi::Peringatan`]): the regulation calls the curve guidance,
//!   and the public "kalkulator distribusi" is an aid, so an instansi opts into
//!   blocking. The verdict (`sesuai_pola`) is the same in both modes.
//! * **The denominator is the group the caller passes**: the unit led by the
//!   employees' Pejabat Penilai (Lampiran IV.B.1.g); the recap may also check
//!   the whole instansi (PP 30/2019 Art. 41(7)) by passing its totals.
//! * An empty unit respects every pattern.

use serde::{Deserialize, Serialize};

use crate::rule_set::permenpanrb_6_2022::{Predikat, PredikatOrganisasi};
use crate::teks::{Penjelasan, Teks};

const SUMBER: &str = "PermenPANRB 6/2022 Lampiran Bab IV.B.2; SE MenPANRB 3/2023 (batas persentase)";

/// The number of employees per predikat in one unit (the vectors' `jumlah`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct JumlahPredikat {
    #[cfg_attr(feature = "openapi", schema(maximum = 5_000_000))]
    pub sangat_baik: u32,
    #[cfg_attr(feature = "openapi", schema(maximum = 5_000_000))]
    pub baik: u32,
    #[cfg_attr(feature = "openapi", schema(maximum = 5_000_000))]
    pub butuh_perbaikan: u32,
    #[cfg_attr(feature = "openapi", schema(maximum = 5_000_000))]
    pub kurang: u32,
    #[cfg_attr(feature = "openapi", schema(maximum = 5_000_000))]
    pub sangat_kurang: u32,
}

/// The most pegawai one count may hold: more than every ASN in the country
/// (about 4.7 million). A larger count is not a unit's, and is refused.
pub const MAKS_JUMLAH: u32 = 5_000_000;

impl JumlahPredikat {
    /// From counts in [`Predikat::peringkat`] order (best first).
    pub const fn from_array(a: [u32; 5]) -> Self {
        JumlahPredikat { sangat_baik: a[0], baik: a[1], butuh_perbaikan: a[2], kurang: a[3], sangat_kurang: a[4] }
    }

    /// Counts in [`Predikat::peringkat`] order (best first).
    pub const fn to_array(&self) -> [u32; 5] {
        [self.sangat_baik, self.baik, self.butuh_perbaikan, self.kurang, self.sangat_kurang]
    }

    pub fn get(&self, predikat: Predikat) -> u32 {
        self.to_array()[usize::from(predikat.peringkat())]
    }

    pub fn tambah(&mut self, predikat: Predikat) {
        match predikat {
            Predikat::SangatBaik => self.sangat_baik += 1,
            Predikat::Baik => self.baik += 1,
            Predikat::ButuhPerbaikan => self.butuh_perbaikan += 1,
            Predikat::Kurang => self.kurang += 1,
            Predikat::SangatKurang => self.sangat_kurang += 1,
        }
    }

    /// The number of employees in the unit.
    pub fn total(&self) -> u64 {
        self.to_array().iter().map(|&c| u64::from(c)).sum()
    }
}

impl FromIterator<Predikat> for JumlahPredikat {
    fn from_iter<I: IntoIterator<Item = Predikat>>(iter: I) -> Self {
        let mut jumlah = JumlahPredikat::default();
        for p in iter {
            jumlah.tambah(p);
        }
        jumlah
    }
}

/// Whether a pattern violation stops the ratings from being finalised or only
/// warns. Each instansi chooses (DESIGN.md "Rule sets").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModeDistribusi {
    /// Violations are shown; the ratings can still be finalised. The default.
    #[default]
    Peringatan,
    /// Violations must be resolved before the ratings are finalised.
    Blokir,
}

/// The kind of one limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisBatas {
    /// At most `persen` % of the unit.
    Maksimal,
    /// At least `persen` % of the unit.
    Minimal,
    /// At least one employee ("harus ada"), from two employees up.
    HarusAda,
}

/// One limit of a pattern: the share of the unit whose predikat is in `kelompok`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Batas {
    pub kelompok: &'static [Predikat],
    pub jenis: JenisBatas,
    /// Unused (0) for [`JenisBatas::HarusAda`].
    pub persen: u8,
}

impl Batas {
    const fn maks(kelompok: &'static [Predikat], persen: u8) -> Self {
        Batas { kelompok, jenis: JenisBatas::Maksimal, persen }
    }
    const fn min(kelompok: &'static [Predikat], persen: u8) -> Self {
        Batas { kelompok, jenis: JenisBatas::Minimal, persen }
    }
    const fn harus_ada(kelompok: &'static [Predikat]) -> Self {
        Batas { kelompok, jenis: JenisBatas::HarusAda, persen: 0 }
    }

    /// How many of `jumlah` fall in this limit's group.
    #[inline]
    pub fn jumlah_kelompok(&self, jumlah: &[u32; 5]) -> u64 {
        self.kelompok.iter().map(|p| u64::from(jumlah[usize::from(p.peringkat())])).sum()
    }

    /// The limit as a number of employees of a unit of `total`: the nearest
    /// whole employee, halves up (see the module documentation).
    #[inline]
    pub fn batas_orang(&self, total: u64) -> u64 {
        match self.jenis {
            JenisBatas::Maksimal | JenisBatas::Minimal => (u64::from(self.persen) * total + 50) / 100,
            JenisBatas::HarusAda => u64::from(total >= 2),
        }
    }

    /// Whether `jumlah_kelompok` employees out of `total` break this limit.
    #[inline]
    pub fn dilanggar(&self, jumlah_kelompok: u64, total: u64) -> bool {
        let batas = self.batas_orang(total);
        match self.jenis {
            JenisBatas::Maksimal => jumlah_kelompok > batas,
            JenisBatas::Minimal | JenisBatas::HarusAda => jumlah_kelompok < batas,
        }
    }

    fn nama_kelompok(&self) -> Teks {
        let mut id = Vec::new();
        let mut en = Vec::new();
        for p in self.kelompok {
            let l = p.label();
            id.push(l.id);
            en.push(l.en);
        }
        Teks::new(id.join(" dan/atau "), en.join(" and/or "))
    }
}

use Predikat::{Baik as B, ButuhPerbaikan as BP, Kurang as K, SangatBaik as SB, SangatKurang as SK};

/// The limits of SE MenPANRB 3/2023 per organisation predikat, in
/// [`PredikatOrganisasi::peringkat`] order. The regulation table as data.
pub const POLA_DISTRIBUSI: [(PredikatOrganisasi, &[Batas]); 5] = [
    (PredikatOrganisasi::Istimewa, &[Batas::maks(&[SB], 70)]),
    (PredikatOrganisasi::Baik, &[Batas::maks(&[B], 70), Batas::harus_ada(&[BP, K])]),
    (PredikatOrganisasi::ButuhPerbaikan, &[Batas::min(&[BP], 60), Batas::maks(&[SB], 10)]),
    (PredikatOrganisasi::Kurang, &[Batas::min(&[K], 60), Batas::min(&[BP], 10), Batas::maks(&[SB], 10)]),
    (PredikatOrganisasi::SangatKurang, &[Batas::min(&[SK], 60), Batas::min(&[K, BP], 10), Batas::maks(&[SB], 0)]),
];

/// The limits for one organisation predikat.
#[inline]
pub fn batas_pola(organisasi: PredikatOrganisasi) -> &'static [Batas] {
    POLA_DISTRIBUSI[usize::from(organisasi.peringkat())].1
}

/// The national-recap fast path: whether the counts respect the pattern.
/// Allocation-free; the same rule as [`check_distribusi`]'s `sesuai_pola`.
#[inline]
pub fn fits_pola_distribusi(organisasi: PredikatOrganisasi, jumlah: &[u32; 5]) -> bool {
    let total: u64 = jumlah.iter().map(|&c| u64::from(c)).sum();
    batas_pola(organisasi).iter().all(|b| !b.dilanggar(b.jumlah_kelompok(jumlah), total))
}

/// One broken limit, named in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pelanggaran {
    /// A stable machine code, e.g. `maksimal_sangat_baik`.
    pub kode: String,
    pub kelompok: Vec<Predikat>,
    pub jenis: JenisBatas,
    pub persen: u8,
    /// The limit as a number of employees of this unit.
    pub batas_orang: u64,
    /// How many employees of this unit are in the group.
    pub jumlah: u64,
    pub total: u64,
    pub pesan: Teks,
}

/// The verdict on a unit's spread of predikat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HasilDistribusi {
    pub predikat_organisasi: PredikatOrganisasi,
    pub jumlah: JumlahPredikat,
    pub mode: ModeDistribusi,
    /// No limit is broken.
    pub sesuai_pola: bool,
    /// The ratings may be finalised: always in warning mode, only when
    /// `sesuai_pola` in blocking mode.
    pub boleh_ditetapkan: bool,
    /// Every broken limit, in table order.
    pub pelanggaran: Vec<Pelanggaran>,
    pub penjelasan: Penjelasan,
}

/// One limit of a pattern against a unit's counts, in numbers only (no
/// text): what [`check_distribusi`] names in words when it is broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HitunganBatas {
    pub batas: Batas,
    /// The limit as a number of employees of this unit.
    pub batas_orang: u64,
    /// How many employees of this unit are in the limit's group.
    pub jumlah: u64,
    pub total: u64,
    pub dilanggar: bool,
}

impl HitunganBatas {
    /// The limit's stable machine code, e.g. `maksimal_sangat_baik`.
    fn kode(&self) -> String {
        let jenis = match self.batas.jenis {
            JenisBatas::Maksimal => "maksimal",
            JenisBatas::Minimal => "minimal",
            JenisBatas::HarusAda => "harus_ada",
        };
        let kelompok = self.batas.kelompok.iter().map(|p| p.kode()).collect::<Vec<_>>().join("_atau_");
        format!("{jenis}_{kelompok}")
    }

    /// The broken limit named in both languages, for a unit of an
    /// organisation whose predikat is `organisasi`.
    pub fn pelanggaran(&self, organisasi: PredikatOrganisasi) -> Pelanggaran {
        let HitunganBatas { batas, batas_orang, jumlah: di_kelompok, total, .. } = *self;
        let org = organisasi.label();
        let kelompok = batas.nama_kelompok();
        let pesan = match batas.jenis {
            JenisBatas::Maksimal => Teks::new(
                format!(
                    "Predikat {} paling banyak {}% ({batas_orang} dari {total} orang) untuk organisasi {}, \
                     saat ini {di_kelompok} orang.",
                    kelompok.id, batas.persen, org.id
                ),
                format!(
                    "{} is limited to {}% ({batas_orang} of {total} employees) when the organisation is {}; \
                     there are {di_kelompok}.",
                    kelompok.en, batas.persen, org.en
                ),
            ),
            JenisBatas::Minimal => Teks::new(
                format!(
                    "Predikat {} paling sedikit {}% ({batas_orang} dari {total} orang) untuk organisasi {}, \
                     saat ini {di_kelompok} orang.",
                    kelompok.id, batas.persen, org.id
                ),
                format!(
                    "{} must be at least {}% ({batas_orang} of {total} employees) when the organisation is {}; \
                     there are {di_kelompok}.",
                    kelompok.en, batas.persen, org.en
                ),
            ),
            JenisBatas::HarusAda => Teks::new(
                format!("Untuk organisasi {} harus ada pegawai dengan predikat {}.", org.id, kelompok.id),
                format!("When the organisation is {}, some employees must be {}.", org.en, kelompok.en),
            ),
        };
        Pelanggaran {
            kode: self.kode(),
            kelompok: batas.kelompok.to_vec(),
            jenis: batas.jenis,
            persen: batas.persen,
            batas_orang,
            jumlah: di_kelompok,
            total,
            pesan,
        }
    }
}

/// Every limit of the organisation predikat's pattern against the counts
/// (in table order), in numbers only.
pub fn hitung_batas(organisasi: PredikatOrganisasi, jumlah: &JumlahPredikat) -> impl Iterator<Item = HitunganBatas> {
    let a = jumlah.to_array();
    let total = jumlah.total();
    batas_pola(organisasi).iter().map(move |b| {
        let di_kelompok = b.jumlah_kelompok(&a);
        HitunganBatas {
            batas: *b,
            batas_orang: b.batas_orang(total),
            jumlah: di_kelompok,
            total,
            dilanggar: b.dilanggar(di_kelompok, total),
        }
    })
}

/// The pattern's verdict in numbers only: [`check_distribusi`] without its
/// texts, for a screen that recounts with every rating typed and words the
/// violations only when they change ([`VonisDistribusi::pelanggaran`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VonisDistribusi {
    pub predikat_organisasi: PredikatOrganisasi,
    pub mode: ModeDistribusi,
    /// No limit is broken.
    pub sesuai_pola: bool,
    /// The ratings may be finalised (see [`HasilDistribusi::boleh_ditetapkan`]).
    pub boleh_ditetapkan: bool,
    /// Every broken limit, in table order.
    pub dilanggar: Vec<HitunganBatas>,
}

impl VonisDistribusi {
    /// Every broken limit named in both languages, as [`check_distribusi`] names them.
    pub fn pelanggaran(&self) -> impl Iterator<Item = Pelanggaran> + '_ {
        self.dilanggar.iter().map(|h| h.pelanggaran(self.predikat_organisasi))
    }
}

/// The pattern's verdict on the counts, in numbers only; the same rule as
/// [`check_distribusi`], which is built on it.
pub fn check_distribusi_angka(
    organisasi: PredikatOrganisasi,
    jumlah: &JumlahPredikat,
    mode: ModeDistribusi,
) -> VonisDistribusi {
    let dilanggar: Vec<_> = hitung_batas(organisasi, jumlah).filter(|h| h.dilanggar).collect();
    let sesuai_pola = dilanggar.is_empty();
    VonisDistribusi {
        predikat_organisasi: organisasi,
        mode,
        sesuai_pola,
        boleh_ditetapkan: sesuai_pola || mode == ModeDistribusi::Peringatan,
        dilanggar,
    }
}

/// Checks the unit's counts against the pattern of its organisation
/// predikat and names every violation, with the explanation of each step.
pub fn check_distribusi(
    organisasi: PredikatOrganisasi,
    jumlah: &JumlahPredikat,
    mode: ModeDistribusi,
) -> HasilDistribusi {
    let a = jumlah.to_array();
    let total = jumlah.total();
    let org = organisasi.label();
    let mut penjelasan = Penjelasan::new("permenpanrb_6_2022.pola_distribusi", SUMBER).langkah(
        format!(
            "Predikat organisasi {}; {total} pegawai: {} Sangat Baik, {} Baik, {} Butuh Perbaikan, {} Kurang/Misconduct, \
             {} Sangat Kurang.",
            org.id, a[0], a[1], a[2], a[3], a[4]
        ),
        format!(
            "Organisation predicate {}; {total} employees: {} Very Good, {} Good, {} Needs Improvement, \
             {} Poor/Misconduct, {} Very Poor.",
            org.en, a[0], a[1], a[2], a[3], a[4]
        ),
    );
    penjelasan = penjelasan.langkah(
        "Batas persentase dibulatkan ke orang terdekat (setengah ke atas).",
        "Percentage limits are rounded to the nearest whole employee (halves up).",
    );

    for h in hitung_batas(organisasi, jumlah) {
        let HitunganBatas { batas, batas_orang, jumlah: di_kelompok, dilanggar, .. } = h;
        let kelompok = batas.nama_kelompok();
        let (aturan_id, aturan_en) = match batas.jenis {
            JenisBatas::Maksimal => (
                format!("{} paling banyak {}% = {batas_orang} orang", kelompok.id, batas.persen),
                format!("{} at most {}% = {batas_orang} employees", kelompok.en, batas.persen),
            ),
            JenisBatas::Minimal => (
                format!("{} paling sedikit {}% = {batas_orang} orang", kelompok.id, batas.persen),
                format!("{} at least {}% = {batas_orang} employees", kelompok.en, batas.persen),
            ),
            JenisBatas::HarusAda => (
                format!("harus ada {} (paling sedikit {batas_orang} orang)", kelompok.id),
                format!("there must be {} (at least {batas_orang} employees)", kelompok.en),
            ),
        };
        let (status_id, status_en) = if dilanggar { ("DILANGGAR", "BROKEN") } else { ("terpenuhi", "met") };
        penjelasan = penjelasan.langkah(
            format!("Batas: {aturan_id}; ada {di_kelompok} orang: {status_id}."),
            format!("Limit: {aturan_en}; there are {di_kelompok}: {status_en}."),
        );
    }

    let vonis = check_distribusi_angka(organisasi, jumlah, mode);
    let pelanggaran: Vec<Pelanggaran> = vonis.pelanggaran().collect();
    let VonisDistribusi { sesuai_pola, boleh_ditetapkan, .. } = vonis;
    penjelasan = penjelasan.langkah(
        match (sesuai_pola, mode) {
            (true, _) => "Sebaran predikat sesuai pola distribusi.".to_string(),
            (false, ModeDistribusi::Peringatan) => format!(
                "{} batas dilanggar; instansi memakai mode peringatan, predikat tetap dapat ditetapkan.",
                pelanggaran.len()
            ),
            (false, ModeDistribusi::Blokir) => format!(
                "{} batas dilanggar; instansi memakai mode blokir, perbaiki sebaran sebelum menetapkan predikat.",
                pelanggaran.len()
            ),
        },
        match (sesuai_pola, mode) {
            (true, _) => "The spread of predicates fits the distribution pattern.".to_string(),
            (false, ModeDistribusi::Peringatan) => format!(
                "{} limits broken; the instansi uses warning mode, the predicates can still be set.",
                pelanggaran.len()
            ),
            (false, ModeDistribusi::Blokir) => format!(
                "{} limits broken; the instansi uses blocking mode, fix the spread before setting the predicates.",
                pelanggaran.len()
            ),
        },
    );

    HasilDistribusi {
        predikat_organisasi: organisasi,
        jumlah: *jumlah,
        mode,
        sesuai_pola,
        boleh_ditetapkan,
        pelanggaran,
        penjelasan,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PredikatOrganisasi as O;

    fn cek(org: PredikatOrganisasi, a: [u32; 5]) -> HasilDistribusi {
        check_distribusi(org, &JumlahPredikat::from_array(a), ModeDistribusi::Peringatan)
    }

    #[test]
    fn the_pattern_table_matches_se_menpanrb_3_2023() {
        // (organisation, group, kind, percent), row by row as in RULES.md §2.1.6.
        let table: [(O, &[Predikat], JenisBatas, u8); 11] = [
            (O::Istimewa, &[SB], JenisBatas::Maksimal, 70),
            (O::Baik, &[B], JenisBatas::Maksimal, 70),
            (O::Baik, &[BP, K], JenisBatas::HarusAda, 0),
            (O::ButuhPerbaikan, &[BP], JenisBatas::Minimal, 60),
            (O::ButuhPerbaikan, &[SB], JenisBatas::Maksimal, 10),
            (O::Kurang, &[K], JenisBatas::Minimal, 60),
            (O::Kurang, &[BP], JenisBatas::Minimal, 10),
            (O::Kurang, &[SB], JenisBatas::Maksimal, 10),
            (O::SangatKurang, &[SK], JenisBatas::Minimal, 60),
            (O::SangatKurang, &[K, BP], JenisBatas::Minimal, 10),
            (O::SangatKurang, &[SB], JenisBatas::Maksimal, 0),
        ];
        let flat: Vec<_> = POLA_DISTRIBUSI
            .iter()
            .flat_map(|(o, bs)| bs.iter().map(move |b| (*o, b.kelompok, b.jenis, b.persen)))
            .collect();
        assert_eq!(flat, table.to_vec());
        for (i, (o, _)) in POLA_DISTRIBUSI.iter().enumerate() {
            assert_eq!(usize::from(o.peringkat()), i);
        }
    }

    #[test]
    fn limits_round_to_the_nearest_employee_halves_up() {
        // (percent, kind, unit size, limit in employees)
        let table = [
            (70, JenisBatas::Maksimal, 10, 7),
            (70, JenisBatas::Maksimal, 3, 2),
            (70, JenisBatas::Maksimal, 1, 1),
            (70, JenisBatas::Maksimal, 5, 4),
            (60, JenisBatas::Minimal, 3, 2),
            (60, JenisBatas::Minimal, 7, 4),
            (60, JenisBatas::Minimal, 1, 1),
            (10, JenisBatas::Maksimal, 4, 0),
            (10, JenisBatas::Maksimal, 5, 1),
            (10, JenisBatas::Minimal, 14, 1),
            (10, JenisBatas::Minimal, 15, 2),
            (0, JenisBatas::Maksimal, 1000, 0),
            (0, JenisBatas::HarusAda, 1, 0),
            (0, JenisBatas::HarusAda, 2, 1),
        ];
        for (persen, jenis, total, expected) in table {
            let b = Batas { kelompok: &[SB], jenis, persen };
            assert_eq!(b.batas_orang(total), expected, "{persen}% {jenis:?} of {total}");
        }
    }

    #[test]
    fn every_pattern_can_be_met_by_every_unit_size() {
        for org in PredikatOrganisasi::ALL {
            for n in 1..=300u32 {
                let mut found = false;
                // Search the spreads over three predikat that matter for each pattern.
                'cari: for x in 0..=n {
                    for y in 0..=(n - x) {
                        let z = n - x - y;
                        let a = match org {
                            O::Istimewa => [x, n - x, 0, 0, 0],
                            O::Baik => [0, x, y, z, 0],
                            O::ButuhPerbaikan => [0, x, n - x, 0, 0],
                            O::Kurang => [0, x, y, z, 0],
                            O::SangatKurang => [0, x, y, 0, z],
                        };
                        if fits_pola_distribusi(org, &a) {
                            found = true;
                            break 'cari;
                        }
                    }
                }
                assert!(found, "{org:?} with {n} employees has no valid spread");
            }
        }
    }

    #[test]
    fn every_violation_is_named_in_both_languages() {
        let h = cek(O::Kurang, [3, 7, 0, 0, 0]);
        let kode: Vec<_> = h.pelanggaran.iter().map(|p| p.kode.as_str()).collect();
        assert_eq!(kode, ["minimal_kurang", "minimal_butuh_perbaikan", "maksimal_sangat_baik"]);
        for p in &h.pelanggaran {
            assert!(!p.pesan.id.is_empty() && !p.pesan.en.is_empty());
            assert_eq!(p.total, 10);
        }
        assert!(!h.sesuai_pola);
        let sk = cek(O::SangatKurang, [1, 9, 0, 0, 0]);
        assert_eq!(
            sk.pelanggaran.iter().map(|p| p.kode.as_str()).collect::<Vec<_>>(),
            ["minimal_sangat_kurang", "minimal_kurang_atau_butuh_perbaikan", "maksimal_sangat_baik"]
        );
        assert!(sk.pelanggaran[1].pesan.id.contains("Kurang/Misconduct dan/atau Butuh Perbaikan"));
    }

    #[test]
    fn blocking_mode_stops_finalising_and_warning_mode_does_not() {
        let a = JumlahPredikat::from_array([8, 2, 0, 0, 0]);
        let peringatan = check_distribusi(O::Istimewa, &a, ModeDistribusi::Peringatan);
        let blokir = check_distribusi(O::Istimewa, &a, ModeDistribusi::Blokir);
        assert!(!peringatan.sesuai_pola && !blokir.sesuai_pola);
        assert!(peringatan.boleh_ditetapkan);
        assert!(!blokir.boleh_ditetapkan);
        assert_eq!(peringatan.pelanggaran, blokir.pelanggaran);
        let ok = check_distribusi(O::Istimewa, &JumlahPredikat::from_array([7, 3, 0, 0, 0]), ModeDistribusi::Blokir);
        assert!(ok.boleh_ditetapkan && ok.sesuai_pola);
    }

    #[test]
    fn harus_ada_applies_from_two_employees() {
        assert!(cek(O::Baik, [0, 1, 0, 0, 0]).sesuai_pola);
        assert!(!cek(O::Baik, [1, 1, 0, 0, 0]).sesuai_pola);
        assert!(cek(O::Baik, [0, 1, 1, 0, 0]).sesuai_pola);
        assert!(cek(O::Baik, [0, 1, 0, 1, 0]).sesuai_pola);
    }

    #[test]
    fn an_empty_unit_respects_every_pattern() {
        for org in PredikatOrganisasi::ALL {
            assert!(cek(org, [0; 5]).sesuai_pola);
            assert!(fits_pola_distribusi(org, &[0; 5]));
        }
    }

    #[test]
    fn the_fast_path_agrees_with_the_detailed_check() {
        let mut x: u64 = 12345;
        for _ in 0..5000 {
            let mut a = [0u32; 5];
            for c in &mut a {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                *c = ((x >> 33) % 8) as u32;
            }
            for org in PredikatOrganisasi::ALL {
                assert_eq!(fits_pola_distribusi(org, &a), cek(org, a).sesuai_pola, "{org:?} {a:?}");
            }
        }
    }

    #[test]
    fn the_numbers_only_verdict_names_the_same_violations_and_ignores_counts_that_break_nothing() {
        let v = check_distribusi_angka(O::Kurang, &JumlahPredikat::from_array([3, 7, 0, 0, 0]), ModeDistribusi::Blokir);
        assert!(!v.sesuai_pola && !v.boleh_ditetapkan);
        // (group, limit in employees, employees in the group) of each broken limit, in table order.
        let angka: Vec<_> = v.dilanggar.iter().map(|h| (h.batas.kelompok, h.batas_orang, h.jumlah, h.total)).collect();
        assert_eq!(angka, [(&[K][..], 6, 0, 10), (&[BP][..], 1, 0, 10), (&[SB][..], 1, 3, 10)]);
        let detail = check_distribusi(O::Kurang, &JumlahPredikat::from_array([3, 7, 0, 0, 0]), ModeDistribusi::Blokir);
        assert_eq!(v.pelanggaran().collect::<Vec<_>>(), detail.pelanggaran);
        // Two spreads that both fit a "Baik" unit give the same verdict: a
        // screen keyed on it words nothing again while ratings move inside the pattern.
        let a = check_distribusi_angka(O::Baik, &JumlahPredikat::from_array([0, 3, 1, 0, 0]), ModeDistribusi::Blokir);
        let b = check_distribusi_angka(O::Baik, &JumlahPredikat::from_array([2, 6, 1, 1, 0]), ModeDistribusi::Blokir);
        assert!(a.sesuai_pola && a.boleh_ditetapkan && a.dilanggar.is_empty());
        assert_eq!(a, b);
        let mut x: u64 = 777;
        for _ in 0..2000 {
            let mut a = [0u32; 5];
            for c in &mut a {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                *c = ((x >> 33) % 8) as u32;
            }
            for (org, mode) in PredikatOrganisasi::ALL
                .into_iter()
                .zip([ModeDistribusi::Blokir, ModeDistribusi::Peringatan].into_iter().cycle())
            {
                let j = JumlahPredikat::from_array(a);
                let (v, h) = (check_distribusi_angka(org, &j, mode), check_distribusi(org, &j, mode));
                assert_eq!((v.sesuai_pola, v.boleh_ditetapkan), (h.sesuai_pola, h.boleh_ditetapkan), "{org:?} {a:?}");
                assert_eq!(v.sesuai_pola, fits_pola_distribusi(org, &a), "{org:?} {a:?}");
                assert_eq!(v.pelanggaran().collect::<Vec<_>>(), h.pelanggaran, "{org:?} {a:?}");
            }
        }
    }

    #[test]
    fn counts_collect_from_predikat_and_travel_as_the_vectors_write_them() {
        let j: JumlahPredikat = [SB, B, B, BP, SK].into_iter().collect();
        assert_eq!(j.to_array(), [1, 2, 1, 0, 1]);
        assert_eq!(j.get(B), 2);
        assert_eq!(j.total(), 5);
        let json = serde_json::to_value(j).unwrap();
        assert_eq!(json["butuh_perbaikan"], 1);
        assert_eq!(serde_json::from_value::<JumlahPredikat>(json).unwrap(), j);
        assert_eq!(serde_json::to_string(&ModeDistribusi::Blokir).unwrap(), "\"blokir\"");
        assert_eq!(ModeDistribusi::default(), ModeDistribusi::Peringatan);
    }
}
