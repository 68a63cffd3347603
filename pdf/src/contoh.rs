//! A sample document, for the tests and the benchmark (`make bench-pdf`).

use crate::*;

fn pihak(nama: &str, nip: &str) -> Pihak {
    Pihak {
        nama: nama.to_owned(),
        nip: nip.to_owned(),
        pangkat: None,
        jabatan: "Analis SDM Aparatur Ahli Pertama".to_owned(),
        unit_kerja: "Bidang Pengembangan Kompetensi".to_owned(),
    }
}

/// A D.1.1 of a usual size: five RHK, the seven BerAKHLAK values.
pub fn dokumen() -> DokumenEvaluasi {
    DokumenEvaluasi {
        format: "D.1.1".to_owned(),
        id: "0b6f1c2e-demo".to_owned(),
        instansi: "Badan Kepegawaian Daerah Kota Contoh".to_owned(),
        periode: "1 Januari 2027 – 31 Desember 2027".to_owned(),
        evaluasi: "Tahunan".to_owned(),
        pegawai: pihak("Siti Rahmawati", "199001012015032001"),
        penilai: pihak("Budi Santoso", "198001012005011001"),
        atasan: Some(pihak("Dewi Lestari", "197001011995032001")),
        predikat_organisasi: Some("Baik".to_owned()),
        hasil_kerja: (1..=5)
            .map(|i| Dinilai {
                uraian: format!(
                    "RHK {i}: terlaksananya pelatihan teknis bagi seluruh pegawai di lingkungan unit kerja"
                ),
                rating: "Sesuai Ekspektasi".to_owned(),
            })
            .collect(),
        rating_hasil_kerja: "Sesuai Ekspektasi".to_owned(),
        alasan_penilai: None,
        perilaku: ["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"]
            .into_iter()
            .map(|n| Dinilai { uraian: n.to_owned(), rating: "Sesuai Ekspektasi".to_owned() })
            .collect(),
        rating_perilaku: "Sesuai Ekspektasi".to_owned(),
        predikat: "Baik".to_owned(),
        catatan: "Pertahankan kinerja.".to_owned(),
        rekomendasi: "Pelatihan lanjutan.".to_owned(),
        keberatan: None,
        tanda_tangan: vec![TandaTangan {
            peran: "Pejabat Penilai Kinerja".to_owned(),
            nama: "Budi Santoso".to_owned(),
            nip: "198001012005011001".to_owned(),
            pada: Some("7 Desember 2026".to_owned()),
        }],
        draf: false,
    }
}
