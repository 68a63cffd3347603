//! The employee (PNS or PPPK) and the organisation-unit tree.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, id_type, id_wajib, teks_wajib};
use crate::nip::{JenisPegawai, Nip};
use crate::teks::Teks;

id_type!(
    /// The id of an employee, passed in.
    PegawaiId
);
id_type!(
    /// The id of an organisation unit, passed in.
    UnitKerjaId
);

/// The kind of position, which decides the SKP format: JPT SKPs have
/// perspectives and come from the Perjanjian Kinerja; the others cascade from
/// their atasan's RHK (Lampiran Bab II; RULES.md §3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisJabatan {
    /// Jabatan pimpinan tinggi (utama, madya, pratama).
    Jpt,
    /// Jabatan administrasi (administrator, pengawas).
    Administrasi,
    Fungsional,
    Pelaksana,
}

impl JenisJabatan {
    pub fn label(self) -> Teks {
        match self {
            JenisJabatan::Jpt => Teks::new("Jabatan Pimpinan Tinggi", "Senior executive position"),
            JenisJabatan::Administrasi => Teks::new("Jabatan Administrasi", "Administrative position"),
            JenisJabatan::Fungsional => Teks::new("Jabatan Fungsional", "Functional position"),
            JenisJabatan::Pelaksana => Teks::new("Pelaksana", "Staff"),
        }
    }

    /// The wire and column name (`jpt`, `administrasi`, `fungsional`, `pelaksana`).
    pub fn kode(self) -> &'static str {
        match self {
            JenisJabatan::Jpt => "jpt",
            JenisJabatan::Administrasi => "administrasi",
            JenisJabatan::Fungsional => "fungsional",
            JenisJabatan::Pelaksana => "pelaksana",
        }
    }

    /// The kind of a wire or column name, if it is one.
    pub fn from_kode(kode: &str) -> Option<Self> {
        [JenisJabatan::Jpt, JenisJabatan::Administrasi, JenisJabatan::Fungsional, JenisJabatan::Pelaksana]
            .into_iter()
            .find(|j| j.kode() == kode)
    }

    /// Whether someone in this kind of position may be made a pejabat
    /// penilai kinerja (or the atasan of one): the atasan langsung, at least
    /// a pejabat pengawas (JPT, administrasi), or an official with delegated
    /// authority, such as a JF leading a unit (a teacher who is kepala
    /// sekolah), PermenPANRB 6/2022 Art. 1(9), RULES.md §3.1. A pelaksana
    /// never is.
    pub fn boleh_menilai(self) -> bool {
        !matches!(self, JenisJabatan::Pelaksana)
    }
}

/// Why someone cannot be made pejabat penilai: [`JenisJabatan::boleh_menilai`].
pub fn pesan_bukan_penilai() -> Teks {
    Teks::new(
        "Pejabat penilai minimal pejabat pengawas (JPT atau jabatan administrasi) atau pejabat fungsional yang \
         diberi kewenangan; pelaksana tidak dapat menilai.",
        "A rater must be at least a supervisory official (senior executive or administrative position) or a \
         functional official with delegated authority; staff cannot rate.",
    )
}

/// Why an admin cannot make a change of the atasan mapping that involves
/// themself (as the pegawai, the penilai or the atasan penilai): who rates
/// whom decides who approves an SKP, so such a change needs a second person.
pub fn pesan_atasan_diri_sendiri() -> Teks {
    Teks::new(
        "Anda tidak dapat mengubah pemetaan atasan yang melibatkan diri Anda sendiri (sebagai pegawai, pejabat \
         penilai, atau atasan pejabat penilai); minta admin lain untuk melakukannya.",
        "You cannot change an atasan mapping that involves yourself (as the employee, the rater or the rater's \
         superior); ask another admin to make it.",
    )
}

pub const MAKS_NAMA: usize = 200;
pub const MAKS_JABATAN: usize = 300;

/// A valid employee record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pegawai {
    id: PegawaiId,
    nip: Nip,
    nama: String,
    jenis_pegawai: JenisPegawai,
    jenis_jabatan: JenisJabatan,
    jabatan: String,
    unit_kerja: UnitKerjaId,
}

impl Pegawai {
    pub fn id(&self) -> &PegawaiId {
        &self.id
    }
    pub fn nip(&self) -> &Nip {
        &self.nip
    }
    pub fn nama(&self) -> &str {
        &self.nama
    }
    pub fn jenis_pegawai(&self) -> JenisPegawai {
        self.jenis_pegawai
    }
    pub fn jenis_jabatan(&self) -> JenisJabatan {
        self.jenis_jabatan
    }
    pub fn jabatan(&self) -> &str {
        &self.jabatan
    }
    pub fn unit_kerja(&self) -> &UnitKerjaId {
        &self.unit_kerja
    }
}

/// The admin's employee form, exactly as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PegawaiInput {
    pub id: String,
    pub nip: String,
    pub nama: String,
    pub jenis_pegawai: JenisPegawai,
    pub jenis_jabatan: JenisJabatan,
    pub jabatan: String,
    pub unit_kerja_id: String,
}

impl PegawaiInput {
    /// Collects every field error.
    pub fn validate(&self) -> Result<Pegawai, FieldErrors> {
        let mut e = FieldErrors::new();
        let id = id_wajib(&mut e, "id", &self.id);
        let nip = if self.nip.trim().is_empty() {
            e.add("nip", crate::error::pesan::wajib_diisi());
            None
        } else {
            match Nip::parse(&self.nip, self.jenis_pegawai) {
                Ok(nip) => Some(nip),
                Err(err) => {
                    e.add("nip", err.pesan());
                    None
                }
            }
        };
        let nama = teks_wajib(&mut e, "nama", &self.nama, MAKS_NAMA);
        let jabatan = teks_wajib(&mut e, "jabatan", &self.jabatan, MAKS_JABATAN);
        let unit = id_wajib(&mut e, "unit_kerja_id", &self.unit_kerja_id);
        match (id, nip, nama, jabatan, unit) {
            (Some(id), Some(nip), Some(nama), Some(jabatan), Some(unit)) if e.is_empty() => Ok(Pegawai {
                id: PegawaiId::new(id),
                nip,
                nama,
                jenis_pegawai: self.jenis_pegawai,
                jenis_jabatan: self.jenis_jabatan,
                jabatan,
                unit_kerja: UnitKerjaId::new(unit),
            }),
            _ => Err(e),
        }
    }
}

/// A unit of the organisation; the tree is given by each unit's parent id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitKerja {
    id: UnitKerjaId,
    nama: String,
    /// `None` for the root (the instansi itself).
    induk: Option<UnitKerjaId>,
}

impl UnitKerja {
    pub fn id(&self) -> &UnitKerjaId {
        &self.id
    }
    pub fn nama(&self) -> &str {
        &self.nama
    }
    pub fn induk(&self) -> Option<&UnitKerjaId> {
        self.induk.as_ref()
    }
}

/// The admin's unit form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitKerjaInput {
    pub id: String,
    pub nama: String,
    /// Empty for the root.
    pub induk_id: String,
}

impl UnitKerjaInput {
    pub fn validate(&self) -> Result<UnitKerja, FieldErrors> {
        let mut e = FieldErrors::new();
        let id = id_wajib(&mut e, "id", &self.id);
        let nama = teks_wajib(&mut e, "nama", &self.nama, MAKS_NAMA);
        let induk = match self.induk_id.trim() {
            "" => Some(None),
            s => id_wajib(&mut e, "induk_id", s).map(|s| Some(UnitKerjaId::new(s))),
        };
        if let (Some(id), Some(Some(induk))) = (&id, &induk)
            && induk.as_str() == id
        {
            e.push("induk_id", "Unit tidak boleh menjadi induknya sendiri.", "A unit cannot be its own parent.");
        }
        match (id, nama, induk) {
            (Some(id), Some(nama), Some(induk)) if e.is_empty() => {
                Ok(UnitKerja { id: UnitKerjaId::new(id), nama, induk })
            }
            _ => Err(e),
        }
    }
}

/// Why a set of units is not a tree.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UnitKerjaError {
    #[error("unit {id} appears more than once")]
    DuplicateId { id: UnitKerjaId },
    #[error("unit {id} names an unknown parent {induk}")]
    UnknownParent { id: UnitKerjaId, induk: UnitKerjaId },
    #[error("unit {id} is part of a cycle of parents")]
    Cycle { id: UnitKerjaId },
}

/// The organisation tree: every parent exists and there is no cycle. A forest
/// is allowed (several roots), e.g. while importing one directorate at a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PohonUnitKerja {
    unit: BTreeMap<UnitKerjaId, UnitKerja>,
}

impl PohonUnitKerja {
    pub fn new(daftar: impl IntoIterator<Item = UnitKerja>) -> Result<Self, UnitKerjaError> {
        let mut unit = BTreeMap::new();
        for u in daftar {
            if let Some(lama) = unit.insert(u.id.clone(), u) {
                return Err(UnitKerjaError::DuplicateId { id: lama.id });
            }
        }
        for u in unit.values() {
            if let Some(induk) = &u.induk
                && !unit.contains_key(induk)
            {
                return Err(UnitKerjaError::UnknownParent { id: u.id.clone(), induk: induk.clone() });
            }
        }
        for u in unit.values() {
            let mut dilihat = BTreeSet::new();
            let mut kini = Some(&u.id);
            while let Some(id) = kini {
                if !dilihat.insert(id) {
                    return Err(UnitKerjaError::Cycle { id: u.id.clone() });
                }
                kini = unit.get(id).and_then(|x| x.induk.as_ref());
            }
        }
        Ok(PohonUnitKerja { unit })
    }

    pub fn get(&self, id: &UnitKerjaId) -> Option<&UnitKerja> {
        self.unit.get(id)
    }

    /// The parents of a unit, nearest first (the unit itself excluded).
    pub fn leluhur(&self, id: &UnitKerjaId) -> Vec<&UnitKerja> {
        let mut hasil = Vec::new();
        let mut kini = self.unit.get(id).and_then(|u| u.induk.as_ref());
        while let Some(induk) = kini.and_then(|i| self.unit.get(i)) {
            hasil.push(induk);
            kini = induk.induk.as_ref();
        }
        hasil
    }

    /// The direct children of a unit, by id.
    pub fn anak(&self, id: &UnitKerjaId) -> Vec<&UnitKerja> {
        self.unit.values().filter(|u| u.induk.as_ref() == Some(id)).collect()
    }

    /// Every unit below a unit (children, grandchildren, …), depth first.
    pub fn turunan(&self, id: &UnitKerjaId) -> Vec<&UnitKerja> {
        let mut hasil = Vec::new();
        let mut tumpukan = self.anak(id);
        tumpukan.reverse();
        while let Some(u) = tumpukan.pop() {
            hasil.push(u);
            let mut anak = self.anak(&u.id);
            anak.reverse();
            tumpukan.extend(anak);
        }
        hasil
    }

    /// Whether `bawah` is `atas` or lies below it.
    pub fn termasuk(&self, bawah: &UnitKerjaId, atas: &UnitKerjaId) -> bool {
        bawah == atas || self.leluhur(bawah).iter().any(|u| &u.id == atas)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, induk: &str) -> UnitKerja {
        UnitKerjaInput { id: id.into(), nama: format!("Unit {id}"), induk_id: induk.into() }.validate().unwrap()
    }

    #[test]
    fn a_tree_answers_ancestors_children_and_descendants() {
        let pohon = PohonUnitKerja::new([
            unit("kab", ""),
            unit("bkpsdm", "kab"),
            unit("bid-pengembangan", "bkpsdm"),
            unit("bid-mutasi", "bkpsdm"),
            unit("dinkes", "kab"),
        ])
        .unwrap();
        let ids = |v: Vec<&UnitKerja>| v.into_iter().map(|u| u.id().as_str().to_owned()).collect::<Vec<_>>();
        assert_eq!(ids(pohon.leluhur(&"bid-mutasi".into())), ["bkpsdm", "kab"]);
        assert_eq!(ids(pohon.anak(&"bkpsdm".into())), ["bid-mutasi", "bid-pengembangan"]);
        assert_eq!(ids(pohon.turunan(&"kab".into())), ["bkpsdm", "bid-mutasi", "bid-pengembangan", "dinkes"]);
        assert!(pohon.termasuk(&"bid-mutasi".into(), &"kab".into()));
        assert!(!pohon.termasuk(&"dinkes".into(), &"bkpsdm".into()));
    }

    fn pegawai() -> PegawaiInput {
        PegawaiInput {
            id: "peg-1".into(),
            nip: "199608182022042001".into(),
            nama: "Siti Rahayu, S.E.".into(),
            jenis_pegawai: JenisPegawai::Pns,
            jenis_jabatan: JenisJabatan::Fungsional,
            jabatan: "Analis SDM Aparatur Ahli Pertama".into(),
            unit_kerja_id: "bkpsdm".into(),
        }
    }

    #[test]
    fn a_valid_employee_form_builds_a_pegawai() {
        let p = pegawai().validate().unwrap();
        assert_eq!(p.nip().to_string().replace(' ', ""), "199608182022042001");
        assert_eq!(p.jenis_jabatan(), JenisJabatan::Fungsional);
        assert_eq!(p.unit_kerja(), &UnitKerjaId::new("bkpsdm"));
    }

    #[test]
    fn invalid_employee_forms_report_every_field() {
        let table: Vec<(PegawaiInput, &[&str])> = vec![
            (
                PegawaiInput {
                    id: "".into(),
                    nip: "".into(),
                    nama: " ".into(),
                    jabatan: "".into(),
                    unit_kerja_id: "".into(),
                    ..pegawai()
                },
                &["id", "jabatan", "nama", "nip", "unit_kerja_id"],
            ),
            (PegawaiInput { nip: "12345".into(), ..pegawai() }, &["nip"]),
            (PegawaiInput { nama: "x".repeat(MAKS_NAMA + 1), ..pegawai() }, &["nama"]),
        ];
        for (input, fields) in table {
            let e = input.validate().unwrap_err();
            assert_eq!(e.fields().collect::<Vec<_>>(), fields, "{input:?}: {e}");
            assert!(e.iter().all(|(_, p)| p.iter().all(|t| !t.id.is_empty() && !t.en.is_empty())));
        }
    }

    #[test]
    fn jenis_jabatan_travels_in_snake_case() {
        assert_eq!(serde_json::to_value(JenisJabatan::Jpt).unwrap(), "jpt");
        assert_eq!(serde_json::to_value(JenisJabatan::Pelaksana).unwrap(), "pelaksana");
    }

    #[test]
    fn broken_trees_are_refused() {
        let table = [
            (vec![unit("a", ""), unit("a", "")], UnitKerjaError::DuplicateId { id: "a".into() }),
            (vec![unit("a", "x")], UnitKerjaError::UnknownParent { id: "a".into(), induk: "x".into() }),
            (vec![unit("a", "b"), unit("b", "a")], UnitKerjaError::Cycle { id: "a".into() }),
        ];
        for (daftar, expected) in table {
            assert_eq!(PohonUnitKerja::new(daftar), Err(expected));
        }
    }

    #[test]
    fn invalid_unit_forms_report_every_field() {
        let table: Vec<(UnitKerjaInput, &[&str])> = vec![
            (UnitKerjaInput::default(), &["id", "nama"]),
            (UnitKerjaInput { id: "a".into(), nama: "A".into(), induk_id: "a".into() }, &["induk_id"]),
            (UnitKerjaInput { id: "a".into(), nama: "x".repeat(MAKS_NAMA + 1), induk_id: "".into() }, &["nama"]),
        ];
        for (input, fields) in table {
            assert_eq!(input.validate().unwrap_err().fields().collect::<Vec<_>>(), fields, "{input:?}");
        }
    }

    #[test]
    fn a_pelaksana_never_rates() {
        assert!(JenisJabatan::Jpt.boleh_menilai());
        assert!(JenisJabatan::Administrasi.boleh_menilai());
        assert!(JenisJabatan::Fungsional.boleh_menilai());
        assert!(!JenisJabatan::Pelaksana.boleh_menilai());
        for j in [JenisJabatan::Jpt, JenisJabatan::Administrasi, JenisJabatan::Fungsional, JenisJabatan::Pelaksana] {
            assert_eq!(JenisJabatan::from_kode(j.kode()), Some(j));
            assert_eq!(serde_json::to_value(j).unwrap(), j.kode(), "the wire name is the column's");
        }
        assert_eq!(JenisJabatan::from_kode("Pelaksana"), None);
        assert!(pesan_bukan_penilai().id.contains("pelaksana tidak dapat menilai"));
    }
}
