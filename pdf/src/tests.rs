use super::*;

#[test]
fn an_evaluation_document_renders_as_a_pdf() {
    let b = dokumen_evaluasi(&crate::contoh::dokumen()).unwrap();
    assert!(b.starts_with(b"%PDF-"), "{:?}", &b[..8.min(b.len())]);
    assert!(b.len() > 1_000);
    // The fonts are embedded as subsets: far below the two full faces (1.4 MB).
    assert!(b.len() < 400_000, "{} bytes", b.len());
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let d = crate::contoh::dokumen();
    assert_eq!(dokumen_evaluasi(&d).unwrap(), dokumen_evaluasi(&d).unwrap());
    let mut lain = d.clone();
    lain.tanda_tangan[0].pada = Some("8 Desember 2026".to_owned());
    assert_ne!(dokumen_evaluasi(&d).unwrap(), dokumen_evaluasi(&lain).unwrap(), "the date is in the bytes");
    let mut draf = d.clone();
    draf.draf = true;
    assert_ne!(dokumen_evaluasi(&d).unwrap(), dokumen_evaluasi(&draf).unwrap(), "a draft is marked");
}

#[test]
fn long_content_breaks_into_pages_and_every_text_renders() {
    let mut d = crate::contoh::dokumen();
    d.format = "D.1.3".to_owned();
    d.hasil_kerja = (0..60)
        .map(|i| Dinilai { uraian: format!("RHK {i}: {}", "kata ".repeat(40)), rating: "Di Atas Ekspektasi".into() })
        .collect();
    d.keberatan = Some(Keberatan {
        diajukan_pada: "2 Februari 2028".into(),
        alasan: "Sangat-panjang-tanpa-spasi-".repeat(30),
        tanggapan_penilai: Some("Sudah dihitung.".into()),
        keputusan: "Mengubah hasil evaluasi".into(),
        pertimbangan: "Setelah klarifikasi kedua pihak — ✓ ünïcödé".into(),
        diputus_pada: "9 Februari 2028".into(),
        predikat_awal: Some("Sangat Baik".into()),
    });
    let panjang = dokumen_evaluasi(&d).unwrap();
    let pendek = dokumen_evaluasi(&crate::contoh::dokumen()).unwrap();
    assert!(panjang.starts_with(b"%PDF-"));
    let halaman = |b: &[u8]| b.windows(5).filter(|w| *w == b"/Page").count();
    assert!(halaman(&panjang) > halaman(&pendek) + 1, "several pages");
}

#[test]
fn lines_wrap_within_their_width() {
    let h = &*huruf::HURUF;
    let baris = h.bungkus(&"pelatihan teknis ".repeat(20), 9.0, false, 200.0);
    assert!(baris.len() > 3);
    assert!(baris.iter().all(|l| h.lebar(l, 9.0, false) <= 200.0), "{baris:?}");
    assert_eq!(h.bungkus("", 9.0, false, 100.0), vec![String::new()]);
    let kata = h.bungkus(&"x".repeat(200), 9.0, true, 50.0);
    assert!(kata.len() > 5 && kata.iter().all(|l| h.lebar(l, 9.0, true) <= 50.0));
}

#[test]
fn an_skp_renders() {
    let d = crate::contoh::dokumen();
    let s = Skp {
        format: "A.1.6".into(),
        id: "skp-1".into(),
        instansi: d.instansi.clone(),
        periode: d.periode.clone(),
        pegawai: d.pegawai.clone(),
        penilai: d.penilai.clone(),
        utama: vec![RhkSkp {
            intervensi: None,
            uraian: "Terlaksananya pelatihan teknis".into(),
            indikator: vec![Indikator {
                aspek: "Kuantitas".into(),
                uraian: "Jumlah peserta".into(),
                target: "90 orang".into(),
            }],
        }],
        tambahan: vec![],
        perilaku: vec![("Berorientasi Pelayanan".into(), "—".into())],
        lampiran: vec![("Dukungan Sumber Daya".into(), vec!["Anggaran".into()])],
        tanda_tangan: d.tanda_tangan.clone(),
    };
    let b = skp(&s).unwrap();
    assert!(b.starts_with(b"%PDF-"));
    assert_eq!(b, skp(&s).unwrap());
}
