//! e-Kinerja's documents as PDF (PermenPANRB 6/2022): the SKP (formats
//! A.1.x with the Lampiran) and the *Dokumen Evaluasi Kinerja Pegawai*
//! (D.1.1 normal, D.1.2 signed by the atasan after a take-over, D.1.3 after
//! an objection was decided). A4, Bahasa Indonesia, DejaVu Sans embedded.
//!
//! Plain data in, bytes out: no database and no clock. Every date arrives
//! already written as people read it ("7 Desember 2026"), so the same input
//! gives the same bytes — which is what lets a signed PDF be checked by its
//! SHA-256 later.

#[doc(hidden)]
pub mod contoh;
mod huruf;
mod tata;
mod tulis;

use tata::{Kolom, Tata, kolom};

/// Why a document could not be written (never the input's fault: any text renders).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gagal(pub &'static str);

impl std::fmt::Display for Gagal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PDF tidak dapat dibuat: {}", self.0)
    }
}

impl std::error::Error for Gagal {}

/// A party of the document, as printed in its identity table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pihak {
    pub nama: String,
    pub nip: String,
    /// Pangkat/golongan, when the instansi records it.
    pub pangkat: Option<String>,
    pub jabatan: String,
    pub unit_kerja: String,
}

/// A signature block: who signs in which role and, once signed, the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TandaTangan {
    /// "Pejabat Penilai Kinerja", "Pegawai yang Dinilai", …
    pub peran: String,
    pub nama: String,
    pub nip: String,
    /// The day it was signed, written out ("7 Desember 2026"); `None`: not yet.
    pub pada: Option<String>,
}

impl TandaTangan {
    fn keterangan(&self) -> String {
        match &self.pada {
            Some(t) => format!("Ditandatangani secara elektronik oleh {} ({}) pada {t}", self.nama, self.nip),
            None => "Belum ditandatangani".to_owned(),
        }
    }
}

/// The objection and its decision (Format D.1.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keberatan {
    pub diajukan_pada: String,
    pub alasan: String,
    pub tanggapan_penilai: Option<String>,
    /// "Menguatkan hasil evaluasi" / "Mengubah hasil evaluasi".
    pub keputusan: String,
    pub pertimbangan: String,
    pub diputus_pada: String,
    /// The predikat before the decision changed it.
    pub predikat_awal: Option<String>,
}

/// One rated line: what was rated and its rating.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dinilai {
    pub uraian: String,
    pub rating: String,
}

/// A *Dokumen Evaluasi Kinerja Pegawai*.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DokumenEvaluasi {
    /// "D.1.1", "D.1.2" or "D.1.3".
    pub format: String,
    /// Printed in the footer: which stored document this is.
    pub id: String,
    pub instansi: String,
    /// "1 Januari 2027 – 31 Desember 2027".
    pub periode: String,
    /// "Tahunan", "Triwulan I 2027", …
    pub evaluasi: String,
    pub pegawai: Pihak,
    pub penilai: Pihak,
    pub atasan: Option<Pihak>,
    pub predikat_organisasi: Option<String>,
    pub hasil_kerja: Vec<Dinilai>,
    pub rating_hasil_kerja: String,
    pub alasan_penilai: Option<String>,
    pub perilaku: Vec<Dinilai>,
    pub rating_perilaku: String,
    pub predikat: String,
    pub catatan: String,
    pub rekomendasi: String,
    pub keberatan: Option<Keberatan>,
    pub tanda_tangan: Vec<TandaTangan>,
    /// Not signed yet: marked "DRAF" on every page.
    pub draf: bool,
}

/// One indicator of an RHK in the SKP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indikator {
    pub aspek: String,
    pub uraian: String,
    pub target: String,
}

/// One RHK of the SKP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RhkSkp {
    /// The atasan's RHK it intervenes in, if linked.
    pub intervensi: Option<String>,
    pub uraian: String,
    pub indikator: Vec<Indikator>,
}

/// The SKP (formats A.1.6/A.1.7 for JA/JF, with the Lampiran A.1.8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skp {
    /// "A.1.6" …
    pub format: String,
    pub id: String,
    pub instansi: String,
    pub periode: String,
    pub pegawai: Pihak,
    pub penilai: Pihak,
    pub utama: Vec<RhkSkp>,
    pub tambahan: Vec<RhkSkp>,
    /// Per BerAKHLAK value, its name and the pimpinan's specific expectation ("—" if none).
    pub perilaku: Vec<(String, String)>,
    /// The Lampiran's sections and their items.
    pub lampiran: Vec<(String, Vec<String>)>,
    pub tanda_tangan: Vec<TandaTangan>,
}

fn identitas(t: &mut Tata, pegawai: &Pihak, penilai: &Pihak, atasan: Option<&Pihak>) {
    let mut pihak: Vec<(&str, &Pihak)> = vec![("Pegawai yang Dinilai", pegawai), ("Pejabat Penilai Kinerja", penilai)];
    if let Some(a) = atasan {
        pihak.push(("Atasan Pejabat Penilai Kinerja", a));
    }
    let mut baris = Vec::new();
    for (n, (judul, p)) in pihak.iter().enumerate() {
        baris.push(vec![format!("{}", n + 1), (*judul).to_owned(), String::new()]);
        let mut isi = vec![("Nama", p.nama.clone()), ("NIP", p.nip.clone())];
        if let Some(g) = &p.pangkat {
            isi.push(("Pangkat/Gol. Ruang", g.clone()));
        }
        isi.push(("Jabatan", p.jabatan.clone()));
        isi.push(("Unit Kerja", p.unit_kerja.clone()));
        for (k, v) in isi {
            baris.push(vec![String::new(), k.to_owned(), v]);
        }
    }
    let k = [kolom(0.5), Kolom { bagian: 2.5, tebal: true }, kolom(6.0)];
    t.tabel(&k, &["No", "Identitas", ""], &baris);
}

fn blok_ttd(t: &mut Tata, ttd: &[TandaTangan]) {
    let blok: Vec<_> = ttd.iter().map(|s| (s.peran.clone(), s.nama.clone(), s.nip.clone(), s.keterangan())).collect();
    t.tanda_tangan(&blok);
}

fn strip(s: &str) -> String {
    if s.trim().is_empty() { "—".to_owned() } else { s.to_owned() }
}

/// The evaluation document as PDF bytes.
pub fn dokumen_evaluasi(d: &DokumenEvaluasi) -> Result<Vec<u8>, Gagal> {
    let huruf = &*huruf::HURUF;
    let mut t = Tata::new(huruf);
    t.paragraf(&format!("Format {}", d.format), 8.0);
    t.judul(&["DOKUMEN EVALUASI KINERJA PEGAWAI", &format!("PERIODE: {}", d.evaluasi.to_uppercase())], 12.0);
    t.spasi(4.0);
    t.paragraf(&format!("Instansi: {}", d.instansi), 9.5);
    t.paragraf(&format!("Periode penilaian: {}", d.periode), 9.5);
    t.spasi(4.0);
    identitas(&mut t, &d.pegawai, &d.penilai, d.atasan.as_ref());

    t.subjudul("Capaian Kinerja Organisasi");
    t.paragraf(d.predikat_organisasi.as_deref().unwrap_or("—"), 9.5);

    t.subjudul("Hasil Kerja");
    let baris: Vec<Vec<String>> = d
        .hasil_kerja
        .iter()
        .enumerate()
        .map(|(n, r)| vec![format!("{}", n + 1), r.uraian.clone(), r.rating.clone()])
        .collect();
    t.tabel(&[kolom(0.5), kolom(6.0), kolom(2.5)], &["No", "Rencana Hasil Kerja", "Rating"], &baris);
    t.tabel(
        &[Kolom { bagian: 6.5, tebal: true }, kolom(2.5)],
        &[],
        &[vec!["Rating Hasil Kerja".to_owned(), d.rating_hasil_kerja.clone()]],
    );
    if let Some(a) = d.alasan_penilai.as_deref().filter(|a| !a.trim().is_empty()) {
        t.paragraf(&format!("Alasan pejabat penilai: {a}"), 9.0);
    }

    t.subjudul("Perilaku Kerja (BerAKHLAK)");
    let baris: Vec<Vec<String>> = d
        .perilaku
        .iter()
        .enumerate()
        .map(|(n, r)| vec![format!("{}", n + 1), r.uraian.clone(), r.rating.clone()])
        .collect();
    t.tabel(&[kolom(0.5), kolom(6.0), kolom(2.5)], &["No", "Perilaku Kerja", "Rating"], &baris);
    t.tabel(
        &[Kolom { bagian: 6.5, tebal: true }, kolom(2.5)],
        &[],
        &[vec!["Rating Perilaku Kerja".to_owned(), d.rating_perilaku.clone()]],
    );

    t.subjudul("Predikat Kinerja Pegawai");
    t.tabel(
        &[Kolom { bagian: 6.5, tebal: true }, Kolom { bagian: 2.5, tebal: true }],
        &[],
        &[vec!["Predikat Kinerja".to_owned(), d.predikat.clone()]],
    );

    t.subjudul("Catatan dan Rekomendasi");
    t.tabel(
        &[Kolom { bagian: 2.0, tebal: true }, kolom(7.0)],
        &[],
        &[vec!["Catatan".to_owned(), strip(&d.catatan)], vec!["Rekomendasi".to_owned(), strip(&d.rekomendasi)]],
    );

    if let Some(k) = &d.keberatan {
        t.subjudul("Keberatan dan Keputusan Atasan Pejabat Penilai Kinerja");
        let mut baris = vec![
            vec!["Diajukan pada".to_owned(), k.diajukan_pada.clone()],
            vec!["Alasan keberatan".to_owned(), strip(&k.alasan)],
            vec!["Tanggapan pejabat penilai".to_owned(), k.tanggapan_penilai.clone().unwrap_or_else(|| "—".into())],
            vec!["Keputusan".to_owned(), k.keputusan.clone()],
            vec!["Pertimbangan".to_owned(), strip(&k.pertimbangan)],
            vec!["Diputus pada".to_owned(), k.diputus_pada.clone()],
        ];
        if let Some(p) = &k.predikat_awal {
            baris.insert(4, vec!["Predikat sebelum keputusan".to_owned(), p.clone()]);
        }
        t.tabel(&[Kolom { bagian: 2.5, tebal: true }, kolom(6.5)], &[], &baris);
    }

    t.subjudul("Tanda Tangan");
    blok_ttd(&mut t, &d.tanda_tangan);
    let kaki = format!("Dokumen evaluasi {} · Format {}", d.id, d.format);
    tulis::pdf(&t.selesai(&kaki, d.draf))
}

/// The SKP as PDF bytes.
pub fn skp(s: &Skp) -> Result<Vec<u8>, Gagal> {
    let huruf = &*huruf::HURUF;
    let mut t = Tata::new(huruf);
    t.paragraf(&format!("Format {}", s.format), 8.0);
    t.judul(&["SASARAN KINERJA PEGAWAI"], 12.0);
    t.spasi(4.0);
    t.paragraf(&format!("Instansi: {}", s.instansi), 9.5);
    t.paragraf(&format!("Periode penilaian: {}", s.periode), 9.5);
    t.spasi(4.0);
    identitas(&mut t, &s.pegawai, &s.penilai, None);

    t.subjudul("Hasil Kerja");
    let k = [kolom(0.5), kolom(2.2), kolom(2.4), kolom(2.6), kolom(1.6)];
    for (judul, rhk) in [("A. Utama", &s.utama), ("B. Tambahan", &s.tambahan)] {
        t.paragraf(judul, 9.5);
        let mut baris = Vec::new();
        for (n, r) in rhk.iter().enumerate() {
            let intervensi = r.intervensi.clone().unwrap_or_else(|| "—".into());
            if r.indikator.is_empty() {
                baris.push(vec![format!("{}", n + 1), intervensi.clone(), r.uraian.clone(), "—".into(), "—".into()]);
            }
            for (i, ind) in r.indikator.iter().enumerate() {
                let (no, iv, u) = if i == 0 {
                    (format!("{}", n + 1), intervensi.clone(), r.uraian.clone())
                } else {
                    (String::new(), String::new(), String::new())
                };
                baris.push(vec![no, iv, u, format!("{}: {}", ind.aspek, ind.uraian), ind.target.clone()]);
            }
        }
        if baris.is_empty() {
            baris.push(vec!["—".into(), String::new(), String::new(), String::new(), String::new()]);
        }
        t.tabel(
            &k,
            &["No", "RHK Atasan yang Diintervensi", "Rencana Hasil Kerja", "Indikator Kinerja Individu", "Target"],
            &baris,
        );
    }

    t.subjudul("Perilaku Kerja");
    let baris: Vec<Vec<String>> = s
        .perilaku
        .iter()
        .enumerate()
        .map(|(n, (nilai, ekspektasi))| vec![format!("{}", n + 1), nilai.clone(), ekspektasi.clone()])
        .collect();
    t.tabel(
        &[kolom(0.5), Kolom { bagian: 3.0, tebal: true }, kolom(5.5)],
        &["No", "Perilaku Kerja", "Ekspektasi Khusus Pimpinan"],
        &baris,
    );

    t.subjudul("Lampiran Sasaran Kinerja Pegawai");
    for (judul, isi) in &s.lampiran {
        t.paragraf(judul, 9.5);
        if isi.is_empty() {
            t.paragraf("—", 9.0);
        }
        for (n, i) in isi.iter().enumerate() {
            t.paragraf(&format!("{}. {i}", n + 1), 9.0);
        }
    }

    t.subjudul("Tanda Tangan");
    blok_ttd(&mut t, &s.tanda_tangan);
    let kaki = format!("SKP {} · Format {}", s.id, s.format);
    // The SKP is never checked by its hash: no draft mark, whatever is signed.
    tulis::pdf(&t.selesai(&kaki, false))
}

#[cfg(test)]
mod tests;
