//! The calculator: every rule computation behind one tagged request type,
//! `{ "kind": …, "input": { … } }`, exactly the shape of the golden vectors.
//! The server's `POST /api/v1/preview` and the vectors test both go through
//! [`hitung`], so a client without WASM gets the very numbers the browser
//! previews, and parity is tested on one path.

use serde::{Deserialize, Serialize};

use crate::angka_kredit::{AngkaKredit, compute_angka_kredit};
use crate::distribusi::{HasilDistribusi, JumlahPredikat, ModeDistribusi, check_distribusi};
use crate::nip::{JenisKelamin, JenisPegawai, Nip};
use crate::rule_set::permenpanrb_6_2022::{
    HasilKuadran, Predikat, PredikatOrganisasi, RatingEkspektasi, compute_predikat,
};
use crate::rule_set::permenpanrb_8_2021::{
    CapaianIki, NilaiCapaianIki, NilaiKinerja, Polaritas, compute_capaian_iki, compute_nilai_capaian_iki,
    compute_nilai_kinerja,
};
use crate::rule_set::pp_46_2011::{
    AspekKegiatan, CapaianSkp, NilaiKegiatan, PerilakuKerja, PrestasiKerja, compute_capaian_skp, compute_kegiatan,
    compute_prestasi_kerja,
};
use crate::tanggal::Tanggal;
use crate::teks::Teks;

/// One computation and its inputs, as in the golden vectors' `kind` and `input`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "input", rename_all = "snake_case", deny_unknown_fields)]
pub enum Permintaan {
    KuadranPredikat {
        rating_hasil_kerja: RatingEkspektasi,
        rating_perilaku_kerja: RatingEkspektasi,
    },
    PolaDistribusi {
        predikat_organisasi: PredikatOrganisasi,
        jumlah: JumlahPredikat,
        #[serde(default)]
        mode: ModeDistribusi,
    },
    AngkaKredit {
        predikat: Predikat,
        bulan: u8,
        koefisien_tahunan: f64,
    },
    CapaianIki {
        target_min: f64,
        target_max: f64,
        realisasi: f64,
        polaritas: Polaritas,
    },
    NilaiCapaianIki {
        capaian_persen: f64,
        target_maksimal: bool,
    },
    NilaiKinerjaPp30 {
        nilai_skp: f64,
        nilai_perilaku: f64,
        perilaku_dari_rekan_dan_bawahan: bool,
        inovasi: bool,
    },
    KegiatanPp46 {
        target: AspekKegiatan,
        realisasi: AspekKegiatan,
    },
    CapaianSkpPp46 {
        nilai_kegiatan: Vec<f64>,
        #[cfg_attr(feature = "openapi", schema(maximum = 1000))]
        jumlah_tugas_tambahan: u32,
        nilai_kreativitas: f64,
    },
    PrestasiKerjaPp46 {
        nilai_capaian_skp: f64,
        perilaku: PerilakuKerja,
    },
    Nip {
        nip: String,
        jenis_pegawai: JenisPegawai,
    },
}

/// The checked NIP: valid with what it tells, or why not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HasilNip {
    pub valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tanggal_lahir: Option<Tanggal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jenis_kelamin: Option<JenisKelamin>,
    /// The machine code of the first problem, when invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pesan: Option<Teks>,
}

/// The result of a [`Permintaan`]: the rule's own result type, with its explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Hasil {
    KuadranPredikat(HasilKuadran),
    PolaDistribusi(HasilDistribusi),
    AngkaKredit(AngkaKredit),
    CapaianIki(CapaianIki),
    NilaiCapaianIki(NilaiCapaianIki),
    NilaiKinerjaPp30(NilaiKinerja),
    KegiatanPp46(NilaiKegiatan),
    CapaianSkpPp46(CapaianSkp),
    PrestasiKerjaPp46(PrestasiKerja),
    Nip(HasilNip),
}

/// Inputs the rule cannot compute with (e.g. a zero target), with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{kode}")]
pub struct KalkulatorError {
    pub kode: String,
    pub pesan: Teks,
}

fn gagal(kode: impl Into<String>, pesan: Teks) -> KalkulatorError {
    KalkulatorError { kode: kode.into(), pesan }
}

/// The most additional tasks (PP 46/2011) a computation takes; the document declares it.
pub const MAKS_TUGAS_TAMBAHAN: u32 = 1000;

/// A count above what the document declares, refused in both languages with
/// the numbers written as each language writes them.
fn terlalu_banyak(kode: &str, apa: &str, what: &str, maks: u32, ada: u64) -> KalkulatorError {
    let (maks, ada) = (crate::rule_set::angka(f64::from(maks)), crate::rule_set::angka(ada as f64));
    gagal(
        kode,
        Teks::new(
            format!("{apa} paling banyak {}, bukan {}.", maks.id, ada.id),
            format!("At most {} {what}, not {}.", maks.en, ada.en),
        ),
    )
}

/// Runs one computation.
pub fn hitung(permintaan: &Permintaan) -> Result<Hasil, KalkulatorError> {
    Ok(match permintaan {
        Permintaan::KuadranPredikat { rating_hasil_kerja, rating_perilaku_kerja } => {
            Hasil::KuadranPredikat(compute_predikat(*rating_hasil_kerja, *rating_perilaku_kerja))
        }
        Permintaan::PolaDistribusi { predikat_organisasi, jumlah, mode } => {
            let total: u64 = jumlah.to_array().iter().map(|n| u64::from(*n)).sum();
            if total > u64::from(crate::distribusi::MAKS_JUMLAH) {
                return Err(terlalu_banyak(
                    "pola_distribusi",
                    "Jumlah pegawai",
                    "employees",
                    crate::distribusi::MAKS_JUMLAH,
                    total,
                ));
            }
            Hasil::PolaDistribusi(check_distribusi(*predikat_organisasi, jumlah, *mode))
        }
        Permintaan::AngkaKredit { predikat, bulan, koefisien_tahunan } => Hasil::AngkaKredit(
            compute_angka_kredit(*predikat, *bulan, *koefisien_tahunan)
                .map_err(|e| gagal("angka_kredit", e.pesan()))?,
        ),
        Permintaan::CapaianIki { target_min, target_max, realisasi, polaritas } => Hasil::CapaianIki(
            compute_capaian_iki(*target_min, *target_max, *realisasi, *polaritas)
                .map_err(|e| gagal("capaian_iki", e.pesan()))?,
        ),
        Permintaan::NilaiCapaianIki { capaian_persen, target_maksimal } => Hasil::NilaiCapaianIki(
            compute_nilai_capaian_iki(*capaian_persen, *target_maksimal)
                .map_err(|e| gagal("nilai_capaian_iki", e.pesan()))?,
        ),
        Permintaan::NilaiKinerjaPp30 { nilai_skp, nilai_perilaku, perilaku_dari_rekan_dan_bawahan, inovasi } => {
            Hasil::NilaiKinerjaPp30(
                compute_nilai_kinerja(*nilai_skp, *nilai_perilaku, *perilaku_dari_rekan_dan_bawahan, *inovasi)
                    .map_err(|e| gagal("nilai_kinerja", e.pesan()))?,
            )
        }
        Permintaan::KegiatanPp46 { target, realisasi } => {
            Hasil::KegiatanPp46(compute_kegiatan(target, realisasi).map_err(|e| gagal("kegiatan", e.pesan()))?)
        }
        Permintaan::CapaianSkpPp46 { jumlah_tugas_tambahan, .. } if *jumlah_tugas_tambahan > MAKS_TUGAS_TAMBAHAN => {
            let n = u64::from(*jumlah_tugas_tambahan);
            return Err(terlalu_banyak(
                "capaian_skp",
                "Jumlah tugas tambahan",
                "additional tasks",
                MAKS_TUGAS_TAMBAHAN,
                n,
            ));
        }
        Permintaan::CapaianSkpPp46 { nilai_kegiatan, jumlah_tugas_tambahan, nilai_kreativitas } => {
            Hasil::CapaianSkpPp46(
                compute_capaian_skp(nilai_kegiatan, *jumlah_tugas_tambahan, *nilai_kreativitas)
                    .map_err(|e| gagal("capaian_skp", e.pesan()))?,
            )
        }
        Permintaan::PrestasiKerjaPp46 { nilai_capaian_skp, perilaku } => Hasil::PrestasiKerjaPp46(
            compute_prestasi_kerja(*nilai_capaian_skp, perilaku).map_err(|e| gagal("prestasi_kerja", e.pesan()))?,
        ),
        Permintaan::Nip { nip, jenis_pegawai } => Hasil::Nip(match Nip::parse(nip, *jenis_pegawai) {
            Ok(nip) => HasilNip {
                valid: true,
                tanggal_lahir: Some(nip.tanggal_lahir()),
                jenis_kelamin: Some(nip.jenis_kelamin()),
                error: None,
                pesan: None,
            },
            Err(e) => HasilNip {
                valid: false,
                tanggal_lahir: None,
                jenis_kelamin: None,
                error: Some(e.kode().to_owned()),
                pesan: Some(e.pesan()),
            },
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_beyond_what_the_document_declares_are_refused() {
        let pola = |n: u32| {
            serde_json::from_value::<Permintaan>(serde_json::json!({
                "kind": "pola_distribusi",
                "input": { "predikat_organisasi": "istimewa", "mode": "peringatan",
                           "jumlah": { "sangat_baik": 0, "baik": 0, "butuh_perbaikan": 0, "kurang": 0, "sangat_kurang": n } }
            }))
            .unwrap()
        };
        assert!(hitung(&pola(5_000_000)).is_ok());
        let e = hitung(&pola(2_147_483_648)).unwrap_err();
        assert_eq!(e.kode, "pola_distribusi");
        assert!(e.pesan.id.contains("paling banyak 5.000.000, bukan 2.147.483.648"), "{:?}", e.pesan);
        assert!(e.pesan.en.contains("At most 5,000,000 employees"), "{:?}", e.pesan);
        let tugas = |n: u32| {
            serde_json::from_value::<Permintaan>(serde_json::json!({
                "kind": "capaian_skp_pp46",
                "input": { "nilai_kegiatan": [80.0], "jumlah_tugas_tambahan": n, "nilai_kreativitas": 0.0 }
            }))
            .unwrap()
        };
        assert!(hitung(&tugas(3)).is_ok());
        assert_eq!(hitung(&tugas(1001)).unwrap_err().kode, "capaian_skp");
    }
}
