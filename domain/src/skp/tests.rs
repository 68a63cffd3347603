use super::dokumen::{
    self, AksiDokumen, DokumenError, DokumenEvaluasi, JenisTenggat, KeputusanKeberatan, StatusDokumen,
};
use super::preview::{self, SkpPreview};
use super::umpan_balik::KelompokPenilai;
use super::*;
use crate::kalender::Kalender;
use crate::periode::SiklusPeriodik;
use crate::rule_set::RuleSet;
use crate::rule_set::permenpanrb_6_2022::{self, rating_indikator};
use crate::rule_set::permenpanrb_6_2022::{Predikat, RatingEkspektasi::*};

fn tgl(s: &str) -> Tanggal {
    Tanggal::parse_iso(s).unwrap()
}

fn iki(id: &str, target: &str) -> IndikatorInput {
    IndikatorInput {
        id: id.into(),
        uraian: "Persentase usulan yang diproses tepat waktu".into(),
        target: target.into(),
        satuan: "persen".into(),
        ..IndikatorInput::default()
    }
}

fn rhk(id: &str, jenis: JenisRhk, ikis: Vec<IndikatorInput>) -> RhkInput {
    RhkInput {
        id: id.into(),
        uraian: format!("Hasil kerja {id}"),
        jenis,
        rhk_atasan_id: "rhk-atasan".into(),
        perspektif: None,
        indikator: ikis,
    }
}

fn input() -> SkpInput {
    SkpInput {
        pendekatan: PendekatanSkp::Kuantitatif,
        rhk: vec![
            rhk("r1", JenisRhk::Utama, vec![iki("i1", "80"), iki("i2", "10")]),
            rhk("r2", JenisRhk::Tambahan, vec![iki("i3", "4")]),
        ],
        lampiran: LampiranSkp {
            dukungan_sumber_daya: vec!["Aplikasi SIASN".into()],
            skema_pertanggungjawaban: vec!["Laporan triwulanan".into()],
            konsekuensi: vec!["Rekomendasi pengembangan kompetensi".into()],
        },
        ekspektasi_khusus: vec![EkspektasiKhususInput {
            nilai: NilaiBerakhlak::Akuntabel,
            uraian: "Menjaga kerahasiaan data kepegawaian".into(),
        }],
    }
}

fn periode() -> Periode {
    Periode::tahunan(PeriodeId::new("2025"), 2025, SiklusPeriodik::Triwulanan).unwrap()
}

fn baru() -> SkpBaru {
    SkpBaru {
        id: "skp-1".into(),
        pegawai: "peg-1".into(),
        pejabat_penilai: "peg-2".into(),
        atasan_pejabat_penilai: Some("peg-3".into()),
        periode: "2025".into(),
    }
}

fn draf() -> Skp {
    Skp::new(baru(), input().validate(JenisJabatan::Fungsional).unwrap())
}

fn ditetapkan() -> Skp {
    let mut skp = draf();
    skp.submit(Peran::Pegawai, tgl("2025-01-10")).unwrap();
    skp.approve(Peran::PejabatPenilai, tgl("2025-01-20"), &periode()).unwrap();
    skp
}

fn penilaian(skp: &Skp, evaluasi: PeriodeEvaluasi) -> Penilaian {
    PenilaianInput {
        evaluasi,
        predikat_organisasi: None,
        rating_rhk: [("r1".to_owned(), SesuaiEkspektasi)].into(),
        rating_hasil_kerja: Some(SesuaiEkspektasi),
        alasan: String::new(),
        rating_perilaku: Some(SesuaiEkspektasi),
        catatan: "Pertahankan".into(),
        rekomendasi: String::new(),
    }
    .validate(skp.rencana())
    .unwrap()
}

type Awal = fn() -> Skp;
type Langkah = fn(&mut Skp) -> Result<(), SkpError>;

const TW1: PeriodeEvaluasi = PeriodeEvaluasi::Periodik { ke: 1 };

fn dinilai() -> Skp {
    let mut skp = ditetapkan();
    let p = penilaian(&skp, TW1);
    skp.record_evaluation(Peran::PejabatPenilai, tgl("2025-04-10"), &periode(), p).unwrap();
    skp
}

fn revisi() -> Skp {
    let mut skp = ditetapkan();
    skp.revise(Peran::Pegawai, tgl("2025-03-01"), "Penugasan baru").unwrap();
    skp
}

fn dikembalikan() -> Skp {
    let mut skp = draf();
    skp.submit(Peran::Pegawai, tgl("2025-01-10")).unwrap();
    skp.return_with_notes(Peran::PejabatPenilai, tgl("2025-01-12"), &periode(), "Perjelas target").unwrap();
    skp
}

fn diajukan() -> Skp {
    let mut skp = draf();
    skp.submit(Peran::Pegawai, tgl("2025-01-10")).unwrap();
    skp
}

fn dinilai_tahunan() -> Skp {
    let mut skp = dinilai();
    let p = penilaian(&skp, PeriodeEvaluasi::Tahunan);
    skp.record_evaluation(Peran::PejabatPenilai, tgl("2026-01-05"), &periode(), p).unwrap();
    skp
}

fn final_() -> Skp {
    let mut skp = dinilai_tahunan();
    skp.finalize(Peran::PejabatPenilai, tgl("2026-01-20")).unwrap();
    skp
}

// ---------------------------------------------------------------------------
// SkpInput
// ---------------------------------------------------------------------------

#[test]
fn a_valid_skp_form_builds_the_plan() {
    let rencana = input().validate(JenisJabatan::Fungsional).unwrap();
    assert_eq!(rencana.rhk().len(), 2);
    assert_eq!(rencana.ekspektasi_khusus().len(), 1);
    assert!(rencana.kelengkapan().is_empty());
    assert!(input().peringatan(JenisJabatan::Fungsional).is_empty());
}

#[test]
fn links_must_name_an_rhk_of_the_atasans_skp() {
    let rencana = input().validate(JenisJabatan::Fungsional).unwrap();
    let ada = [RhkId::new("rhk-atasan"), RhkId::new("lain")];
    assert_eq!(rencana.periksa_tautan(Some(&ada)), Ok(()));
    let salah = rencana.periksa_tautan(Some(&ada[1..])).unwrap_err();
    assert_eq!(salah.fields().collect::<Vec<_>>(), ["rhk[0].rhk_atasan_id", "rhk[1].rhk_atasan_id"]);
    assert!(rencana.periksa_tautan(None).is_err(), "no atasan SKP yet: nothing to link to");
    let mut belum = input();
    for r in &mut belum.rhk {
        r.rhk_atasan_id.clear();
    }
    let belum = belum.validate(JenisJabatan::Fungsional).unwrap();
    assert_eq!(belum.periksa_tautan(None), Ok(()), "unlinked RHK wait to be linked later");
}

#[test]
fn invalid_skp_forms_report_every_nested_field() {
    let mut dua_rhk_sama = input();
    dua_rhk_sama.rhk[1].id = "r1".into();
    let mut iki_ganda = input();
    iki_ganda.rhk[1].indikator[0].id = "i1".into();
    let mut berantakan = input();
    berantakan.rhk[0].uraian = "".into();
    berantakan.rhk[0].indikator[1].target = "80".into();
    berantakan.rhk[0].indikator[1].target_maks = "70".into();
    berantakan.rhk[1].indikator[0].target = "empat".into();
    berantakan.lampiran.konsekuensi.push("  ".into());
    berantakan
        .ekspektasi_khusus
        .push(EkspektasiKhususInput { nilai: NilaiBerakhlak::Akuntabel, uraian: "Lagi".into() });
    let mut perspektif_non_jpt = input();
    perspektif_non_jpt.rhk[0].perspektif = Some(Perspektif::Anggaran);

    let table: Vec<(SkpInput, JenisJabatan, &[&str])> = vec![
        (dua_rhk_sama, JenisJabatan::Pelaksana, &["rhk[1].id"]),
        (iki_ganda, JenisJabatan::Pelaksana, &["rhk[1].indikator[0].id"]),
        (
            berantakan,
            JenisJabatan::Fungsional,
            &[
                "ekspektasi_khusus[1].nilai",
                "lampiran.konsekuensi[1]",
                "rhk[0].indikator[1].target_maks",
                "rhk[0].uraian",
                "rhk[1].indikator[0].target",
            ],
        ),
        (perspektif_non_jpt, JenisJabatan::Administrasi, &["rhk[0].perspektif"]),
        (input(), JenisJabatan::Jpt, &["rhk[0].perspektif", "rhk[1].perspektif"]),
    ];
    for (i, (input, jenis, fields)) in table.into_iter().enumerate() {
        let e = input.validate(jenis).unwrap_err();
        assert_eq!(e.fields().collect::<Vec<_>>(), fields, "case {i}: {e}");
    }
}

#[test]
fn a_jpt_plan_needs_the_anggaran_perspective_before_submission() {
    let mut jpt = input();
    jpt.rhk[0].perspektif = Some(Perspektif::PenerimaLayanan);
    jpt.rhk[1].perspektif = Some(Perspektif::ProsesBisnis);
    let rencana = jpt.validate(JenisJabatan::Jpt).unwrap();
    assert_eq!(rencana.kelengkapan().fields().collect::<Vec<_>>(), ["rhk"]);
    let mut skp = Skp::new(baru(), rencana);
    let err = skp.submit(Peran::Pegawai, tgl("2025-01-10")).unwrap_err();
    assert_eq!(err.kode(), "incomplete");
    assert_eq!(skp.status(), StatusSkp::Draf);

    jpt.rhk[1].perspektif = Some(Perspektif::Anggaran);
    assert!(jpt.validate(JenisJabatan::Jpt).unwrap().kelengkapan().is_empty());
}

#[test]
fn a_draft_may_be_saved_incomplete_but_not_submitted() {
    let kosong = SkpInput::default().validate(JenisJabatan::Pelaksana).unwrap();
    assert_eq!(kosong.kelengkapan().fields().collect::<Vec<_>>(), ["rhk"]);
    let tanpa_iki = SkpInput { rhk: vec![rhk("r1", JenisRhk::Utama, vec![])], ..input() }
        .validate(JenisJabatan::Pelaksana)
        .unwrap();
    assert_eq!(tanpa_iki.kelengkapan().fields().collect::<Vec<_>>(), ["rhk[0].indikator"]);
    let mut skp = Skp::new(baru(), tanpa_iki);
    assert!(matches!(skp.submit(Peran::Pegawai, tgl("2025-01-10")), Err(SkpError::Incomplete(_))));
}

#[test]
fn warnings_flag_absolute_words_and_unlinked_rhk_outside_jpt() {
    let mut x = input();
    x.rhk[0].indikator[0].uraian = "Semua usulan diproses".into();
    x.rhk[1].rhk_atasan_id = "".into();
    assert!(x.validate(JenisJabatan::Pelaksana).is_ok());
    assert_eq!(
        x.peringatan(JenisJabatan::Pelaksana).fields().collect::<Vec<_>>(),
        ["rhk[0].indikator[0].uraian", "rhk[1].rhk_atasan_id",]
    );
    assert_eq!(x.peringatan(JenisJabatan::Jpt).fields().collect::<Vec<_>>(), ["rhk[0].indikator[0].uraian"]);
    let rencana = x.validate(JenisJabatan::Pelaksana).unwrap();
    assert_eq!(rencana.rhk_belum_ditautkan().len(), 1);
}

// ---------------------------------------------------------------------------
// The SKP state machine
// ---------------------------------------------------------------------------

#[test]
fn every_legal_transition_moves_to_the_expected_status() {
    let p = periode();
    let table: Vec<(&str, Awal, Langkah, StatusSkp)> = vec![
        ("draf submit", draf, |s| s.submit(Peran::Pegawai, tgl("2025-01-10")), StatusSkp::Diajukan),
        (
            "diajukan approve",
            diajukan,
            |s| s.approve(Peran::PejabatPenilai, tgl("2025-01-11"), &periode()),
            StatusSkp::Ditetapkan,
        ),
        (
            "diajukan approve by atasan",
            diajukan,
            |s| s.approve(Peran::AtasanPejabatPenilai, tgl("2025-02-03"), &periode()),
            StatusSkp::Ditetapkan,
        ),
        (
            "diajukan return",
            diajukan,
            |s| s.return_with_notes(Peran::PejabatPenilai, tgl("2025-01-11"), &periode(), "Perjelas"),
            StatusSkp::Dikembalikan,
        ),
        ("dikembalikan submit", dikembalikan, |s| s.submit(Peran::Pegawai, tgl("2025-01-13")), StatusSkp::Diajukan),
        (
            "ditetapkan revision",
            ditetapkan,
            |s| s.revise(Peran::PejabatPenilai, tgl("2025-03-01"), "Tugas baru"),
            StatusSkp::Revisi,
        ),
        ("revisi submit", revisi, |s| s.submit(Peran::Pegawai, tgl("2025-03-02")), StatusSkp::Diajukan),
        (
            "dinilai revision",
            dinilai,
            |s| s.revise(Peran::Pegawai, tgl("2025-05-01"), "Mutasi tugas"),
            StatusSkp::Revisi,
        ),
        (
            "dinilai_tahunan finalize",
            dinilai_tahunan,
            |s| s.finalize(Peran::PejabatPenilai, tgl("2026-01-20")),
            StatusSkp::Final,
        ),
    ];
    for (nama, awal, langkah, expected) in table {
        let mut skp = awal();
        langkah(&mut skp).unwrap_or_else(|e| panic!("{nama}: {e}"));
        assert_eq!(skp.status(), expected, "{nama}");
        assert_eq!(skp.riwayat().last().map(|r| r.ke), Some(expected), "{nama}");
    }

    let mut skp = ditetapkan();
    skp.record_evaluation(Peran::PejabatPenilai, tgl("2025-04-10"), &p, penilaian(&skp, TW1)).unwrap();
    assert_eq!(skp.status(), StatusSkp::Dinilai);
    let tw2 = PeriodeEvaluasi::Periodik { ke: 2 };
    skp.record_evaluation(Peran::AtasanPejabatPenilai, tgl("2025-07-25"), &p, penilaian(&skp, tw2)).unwrap();
    assert_eq!(skp.status(), StatusSkp::Dinilai);
    skp.record_evaluation(Peran::PejabatPenilai, tgl("2026-01-05"), &p, penilaian(&skp, PeriodeEvaluasi::Tahunan))
        .unwrap();
    assert_eq!(skp.status(), StatusSkp::DinilaiTahunan);
    assert_eq!(skp.penilaian().len(), 3);
}

#[test]
fn a_revision_returns_to_ditetapkan_or_to_dinilai_and_counts() {
    let mut skp = revisi();
    skp.submit(Peran::Pegawai, tgl("2025-03-02")).unwrap();
    skp.approve(Peran::PejabatPenilai, tgl("2025-03-03"), &periode()).unwrap();
    assert_eq!((skp.status(), skp.revisi_ke()), (StatusSkp::Ditetapkan, 1));
    assert_eq!(skp.ditetapkan_pada(), Some(tgl("2025-01-20")));

    let mut skp = dinilai();
    skp.revise(Peran::Pegawai, tgl("2025-05-01"), "Tugas baru").unwrap();
    skp.submit(Peran::Pegawai, tgl("2025-05-02")).unwrap();
    skp.approve(Peran::PejabatPenilai, tgl("2025-05-03"), &periode()).unwrap();
    assert_eq!((skp.status(), skp.revisi_ke()), (StatusSkp::Dinilai, 1));
}

#[test]
fn illegal_transitions_are_refused_and_change_nothing() {
    let table: Vec<(&str, Awal, Langkah, &str)> = vec![
        (
            "approve a draf",
            draf,
            |s| s.approve(Peran::PejabatPenilai, tgl("2025-01-05"), &periode()),
            "invalid_transition",
        ),
        (
            "return a draf",
            draf,
            |s| s.return_with_notes(Peran::PejabatPenilai, tgl("2025-01-05"), &periode(), "x"),
            "invalid_transition",
        ),
        ("submit twice", diajukan, |s| s.submit(Peran::Pegawai, tgl("2025-01-11")), "invalid_transition"),
        ("submit a ditetapkan", ditetapkan, |s| s.submit(Peran::Pegawai, tgl("2025-02-01")), "invalid_transition"),
        ("revise a draf", draf, |s| s.revise(Peran::Pegawai, tgl("2025-01-05"), "x"), "invalid_transition"),
        ("finalize a dinilai", dinilai, |s| s.finalize(Peran::PejabatPenilai, tgl("2025-05-01")), "invalid_transition"),
        ("revise a final", final_, |s| s.revise(Peran::Pegawai, tgl("2026-02-01"), "x"), "invalid_transition"),
        (
            "revise after annual",
            dinilai_tahunan,
            |s| s.revise(Peran::Pegawai, tgl("2026-01-06"), "x"),
            "invalid_transition",
        ),
        ("pegawai approves", diajukan, |s| s.approve(Peran::Pegawai, tgl("2025-01-11"), &periode()), "not_allowed"),
        ("penilai submits", draf, |s| s.submit(Peran::PejabatPenilai, tgl("2025-01-10")), "not_allowed"),
        (
            "pegawai returns",
            diajukan,
            |s| s.return_with_notes(Peran::Pegawai, tgl("2025-01-11"), &periode(), "x"),
            "not_allowed",
        ),
        (
            "atasan revises",
            ditetapkan,
            |s| s.revise(Peran::AtasanPejabatPenilai, tgl("2025-03-01"), "x"),
            "not_allowed",
        ),
        ("pegawai finalizes", dinilai_tahunan, |s| s.finalize(Peran::Pegawai, tgl("2026-01-20")), "not_allowed"),
        (
            "return without notes",
            diajukan,
            |s| s.return_with_notes(Peran::PejabatPenilai, tgl("2025-01-11"), &periode(), "  "),
            "notes_required",
        ),
        ("revise without reason", ditetapkan, |s| s.revise(Peran::Pegawai, tgl("2025-03-01"), ""), "notes_required"),
    ];
    for (nama, awal, langkah, kode) in table {
        let mut skp = awal();
        let sebelum = skp.clone();
        let err = langkah(&mut skp).expect_err(nama);
        assert_eq!(err.kode(), kode, "{nama}: {err}");
        assert!(!err.pesan().id.is_empty() && !err.pesan().en.is_empty());
        assert_eq!(skp, sebelum, "{nama} changed the SKP");
    }
}

#[test]
fn only_an_editable_skp_accepts_a_new_plan_from_the_right_role() {
    let rencana = input().validate(JenisJabatan::Fungsional).unwrap();
    let table: Vec<(Awal, Peran, Option<&str>)> = vec![
        (draf, Peran::Pegawai, None),
        (dikembalikan, Peran::Pegawai, None),
        (revisi, Peran::Pegawai, None),
        (revisi, Peran::PejabatPenilai, None),
        (draf, Peran::PejabatPenilai, Some("not_allowed")),
        (diajukan, Peran::Pegawai, Some("not_editable")),
        (ditetapkan, Peran::Pegawai, Some("not_editable")),
        (final_, Peran::Pegawai, Some("not_editable")),
    ];
    for (awal, peran, expected) in table {
        let mut skp = awal();
        let status = skp.status();
        assert_eq!(skp.update(peran, rencana.clone()).err().map(|e| e.kode()), expected, "{status} by {peran}");
    }
}

#[test]
fn evaluations_are_checked_against_the_period_and_recorded_once() {
    let mut skp = dinilai();
    let p = periode();
    let dua_kali = skp.record_evaluation(Peran::PejabatPenilai, tgl("2025-04-11"), &p, penilaian(&skp, TW1));
    assert_eq!(dua_kali, Err(SkpError::AlreadyEvaluated { evaluasi: TW1 }));
    let lain = Periode::tahunan("2024".into(), 2024, SiklusPeriodik::Triwulanan).unwrap();
    let tw2 = PeriodeEvaluasi::Periodik { ke: 2 };
    assert_eq!(
        skp.record_evaluation(Peran::PejabatPenilai, tgl("2025-07-10"), &lain, penilaian(&skp, tw2)),
        Err(SkpError::WrongPeriode { periode: "2024".into() })
    );
    let tw5 = PeriodeEvaluasi::Periodik { ke: 5 };
    assert_eq!(
        skp.record_evaluation(Peran::PejabatPenilai, tgl("2025-07-10"), &p, penilaian(&skp, tw5)),
        Err(SkpError::UnknownEvaluasi { evaluasi: tw5 })
    );
    assert_eq!(
        skp.record_evaluation(Peran::Pegawai, tgl("2025-07-10"), &p, penilaian(&skp, tw2)).map_err(|e| e.kode()),
        Err("not_allowed")
    );
    let mut draf = draf();
    assert_eq!(
        draf.record_evaluation(Peran::PejabatPenilai, tgl("2025-04-10"), &p, penilaian(&skp, TW1))
            .map_err(|e| e.kode()),
        Err("invalid_transition")
    );
}

#[test]
fn an_objection_decision_can_replace_a_recorded_evaluation() {
    let mut skp = dinilai();
    let p = periode();
    let mut baru = PenilaianInput {
        evaluasi: TW1,
        predikat_organisasi: None,
        rating_rhk: Default::default(),
        rating_hasil_kerja: Some(DiatasEkspektasi),
        alasan: String::new(),
        rating_perilaku: Some(DiatasEkspektasi),
        catatan: String::new(),
        rekomendasi: String::new(),
    };
    let penilaian_baru = baru.validate(skp.rencana()).unwrap();
    assert_eq!(
        skp.replace_evaluation(Peran::PejabatPenilai, tgl("2025-05-01"), &p, penilaian_baru.clone())
            .map_err(|e| e.kode()),
        Err("not_allowed")
    );
    skp.replace_evaluation(Peran::AtasanPejabatPenilai, tgl("2025-05-01"), &p, penilaian_baru).unwrap();
    assert_eq!(skp.penilaian_untuk(TW1).map(Penilaian::predikat), Some(Predikat::SangatBaik));
    baru.evaluasi = PeriodeEvaluasi::Periodik { ke: 2 };
    let tw2 = baru.validate(skp.rencana()).unwrap();
    assert_eq!(
        skp.replace_evaluation(Peran::AtasanPejabatPenilai, tgl("2025-07-01"), &p, tw2),
        Err(SkpError::NotEvaluated { evaluasi: PeriodeEvaluasi::Periodik { ke: 2 } })
    );
}

#[test]
fn realisations_are_recorded_while_the_skp_runs_and_replace_earlier_ones() {
    let r = |nilai: &str| {
        RealisasiInput {
            indikator_id: "i1".into(),
            evaluasi: PeriodeEvaluasi::Periodik { ke: 2 },
            nilai: nilai.into(),
            uraian: String::new(),
            bukti_dukung: vec!["https://arsip.example/tw2".into()],
        }
        .validate()
        .unwrap()
    };
    let mut skp = draf();
    assert_eq!(skp.record_realisasi(Peran::Pegawai, r("70")).map_err(|e| e.kode()), Err("invalid_transition"));
    let mut skp2 = dinilai();
    skp2.record_realisasi(Peran::Pegawai, r("70")).unwrap();
    skp2.record_realisasi(Peran::Pegawai, r("85,5")).unwrap();
    assert_eq!(skp2.realisasi().len(), 1);
    assert_eq!(skp2.realisasi()[0].nilai(), Some(85.5));
    assert_eq!(skp2.record_realisasi(Peran::PejabatPenilai, r("1")).map_err(|e| e.kode()), Err("not_allowed"));
    let mut salah = r("1");
    salah = RealisasiInput {
        indikator_id: "tidak-ada".into(),
        evaluasi: salah.evaluasi(),
        nilai: "1".into(),
        uraian: String::new(),
        bukti_dukung: vec![],
    }
    .validate()
    .unwrap();
    assert_eq!(
        skp2.record_realisasi(Peran::Pegawai, salah),
        Err(SkpError::UnknownIndikator { id: "tidak-ada".into() })
    );
    let tw1 = RealisasiInput {
        indikator_id: "i1".into(),
        evaluasi: TW1,
        nilai: "1".into(),
        uraian: String::new(),
        bukti_dukung: vec![],
    }
    .validate()
    .unwrap();
    assert_eq!(skp2.record_realisasi(Peran::Pegawai, tw1), Err(SkpError::AlreadyEvaluated { evaluasi: TW1 }));
    assert_eq!(final_().record_realisasi(Peran::Pegawai, r("1")).map_err(|e| e.kode()), Err("invalid_transition"));
    let _ = &mut skp;
}

#[test]
fn documentation_is_checked_against_the_period_and_lists_what_is_missing() {
    let i1 = IndikatorId::new("i1");
    let r = |ke: u8| {
        RealisasiInput {
            indikator_id: "i1".into(),
            evaluasi: PeriodeEvaluasi::Periodik { ke },
            nilai: "80".into(),
            uraian: String::new(),
            bukti_dukung: vec![],
        }
        .validate()
        .unwrap()
    };
    let mut skp = ditetapkan();
    let semua = skp.belum_didokumentasi(TW1).iter().map(|(_, i)| i.id().clone()).collect::<Vec<_>>();
    assert!(semua.contains(&i1), "{semua:?}");
    skp.catat_realisasi(Peran::Pegawai, &periode(), r(1)).unwrap();
    assert!(skp.belum_didokumentasi(TW1).iter().all(|(_, i)| i.id() != &i1));
    assert!(skp.belum_didokumentasi(PeriodeEvaluasi::Periodik { ke: 2 }).iter().any(|(_, i)| i.id() == &i1));
    // A quarterly period has no fifth sub-period; another period is not the SKP's.
    let kode = |e: Result<(), SkpError>| e.map_err(|e| e.kode());
    assert_eq!(kode(skp.catat_realisasi(Peran::Pegawai, &periode(), r(5))), Err("unknown_evaluasi"));
    let lain = Periode::tahunan(PeriodeId::new("2026"), 2026, SiklusPeriodik::Triwulanan).unwrap();
    assert_eq!(kode(skp.catat_realisasi(Peran::Pegawai, &lain, r(1))), Err("wrong_periode"));
    assert_eq!(kode(skp.periksa_dokumentasi(Peran::PejabatPenilai, &periode(), &i1, TW1)), Err("not_allowed"));
    assert_eq!(kode(draf().periksa_dokumentasi(Peran::Pegawai, &periode(), &i1, TW1)), Err("invalid_transition"));
    assert_eq!(kode(dinilai().periksa_dokumentasi(Peran::Pegawai, &periode(), &i1, TW1)), Err("already_evaluated"));
    assert!(
        dinilai().periksa_dokumentasi(Peran::Pegawai, &periode(), &i1, PeriodeEvaluasi::Periodik { ke: 2 }).is_ok()
    );
}

#[test]
fn feedback_is_kept_per_rhk_and_per_value_once_the_skp_is_set() {
    let ub = |rhk_id: &str| {
        UmpanBalikInput {
            id: "ub".into(),
            kelompok: KelompokPenilai::Atasan,
            evaluasi: TW1,
            bentuk: Default::default(),
            rhk_id: rhk_id.into(),
            nilai_berakhlak: None,
            rating: None,
            isi: "Progres baik".into(),
        }
        .validate("peg-2".into(), tgl("2025-02-10"))
        .unwrap()
    };
    assert_eq!(draf().add_umpan_balik(ub("r1")).map_err(|e| e.kode()), Err("invalid_transition"));
    let mut skp = ditetapkan();
    skp.add_umpan_balik(ub("r1")).unwrap();
    assert_eq!(skp.add_umpan_balik(ub("r9")), Err(SkpError::UnknownRhk { id: "r9".into() }));
    assert_eq!(skp.umpan_balik().len(), 1);
}

#[test]
fn the_atasan_takes_over_only_after_the_deadline() {
    // The 2025 period's deadline is 31 January 2025 (Art. 14(1)).
    for (tanggal, boleh) in [("2025-01-10", false), ("2025-01-31", false), ("2025-02-01", true)] {
        let mut skp = diajukan();
        let r = skp.approve(Peran::AtasanPejabatPenilai, tgl(tanggal), &periode());
        if boleh {
            r.unwrap_or_else(|e| panic!("{tanggal}: {e}"));
            assert_eq!(skp.status(), StatusSkp::Ditetapkan);
        } else {
            assert_eq!(r, Err(SkpError::BeforeDeadline { batas: tgl("2025-01-31") }), "{tanggal}");
            assert_eq!(skp.status(), StatusSkp::Diajukan, "{tanggal}: nothing changed");
            let r = skp.return_with_notes(Peran::AtasanPejabatPenilai, tgl(tanggal), &periode(), "Perjelas");
            assert_eq!(r.map_err(|e| e.kode()), Err("before_deadline"), "{tanggal}");
        }
        let mut skp = diajukan();
        let r = skp.return_with_notes(Peran::AtasanPejabatPenilai, tgl(tanggal), &periode(), "Perjelas");
        assert_eq!(r.is_ok(), boleh, "{tanggal}");
        // The pejabat penilai may act on either side.
        diajukan().approve(Peran::PejabatPenilai, tgl(tanggal), &periode()).unwrap();
    }
    let pesan = SkpError::BeforeDeadline { batas: tgl("2025-01-31") }.pesan();
    assert!(pesan.id.contains("31 Januari 2025") && pesan.en.contains("31 January 2025"), "{pesan:?}");
    // Another period's deadline is not this SKP's.
    let lain = Periode::tahunan(PeriodeId::new("2026"), 2026, SiklusPeriodik::Triwulanan).unwrap();
    assert_eq!(
        diajukan().approve(Peran::PejabatPenilai, tgl("2025-01-11"), &lain).map_err(|e| e.kode()),
        Err("wrong_periode")
    );
}

#[test]
fn a_late_penetapan_is_recognised() {
    let mut skp = draf();
    skp.submit(Peran::Pegawai, tgl("2025-01-30")).unwrap();
    skp.approve(Peran::AtasanPejabatPenilai, tgl("2025-02-03"), &periode()).unwrap();
    assert!(skp.terlambat_ditetapkan(&periode()));
    assert!(!ditetapkan().terlambat_ditetapkan(&periode()));
}

#[test]
fn an_skp_round_trips_through_json() {
    let skp = dinilai();
    let json = serde_json::to_string(&skp).unwrap();
    assert!(json.contains("\"status\":\"dinilai\""));
    assert_eq!(serde_json::from_str::<Skp>(&json).unwrap(), skp);
}

// ---------------------------------------------------------------------------
// Penilaian
// ---------------------------------------------------------------------------

#[test]
fn overriding_the_suggestion_needs_a_reason() {
    let skp = ditetapkan();
    let base = PenilaianInput {
        evaluasi: TW1,
        predikat_organisasi: None,
        rating_rhk: [("r1".to_owned(), DiatasEkspektasi), ("r2".to_owned(), DiatasEkspektasi)].into(),
        rating_hasil_kerja: Some(SesuaiEkspektasi),
        alasan: String::new(),
        rating_perilaku: Some(SesuaiEkspektasi),
        catatan: String::new(),
        rekomendasi: String::new(),
    };
    let table: Vec<(PenilaianInput, &[&str])> = vec![
        (base.clone(), &["alasan"]),
        (
            PenilaianInput { rating_hasil_kerja: None, rating_perilaku: None, ..base.clone() },
            &["rating_hasil_kerja", "rating_perilaku"],
        ),
        (
            PenilaianInput { rating_rhk: [("r9".to_owned(), SesuaiEkspektasi)].into(), ..base.clone() },
            &["rating_rhk.r9"],
        ),
    ];
    for (input, fields) in table {
        let e = input.validate(skp.rencana()).unwrap_err();
        assert_eq!(e.fields().collect::<Vec<_>>(), fields, "{e}");
    }
    let p =
        PenilaianInput { alasan: "Kontribusi dibanding rekan".into(), ..base.clone() }.validate(skp.rencana()).unwrap();
    assert_eq!(p.predikat(), Predikat::Baik);
    assert!(!p.rating_hasil_kerja().mengikuti_saran);
    let p =
        PenilaianInput { rating_hasil_kerja: Some(DiatasEkspektasi), rating_perilaku: Some(DibawahEkspektasi), ..base }
            .validate(skp.rencana())
            .unwrap();
    assert_eq!(p.predikat(), Predikat::Kurang);
}

// ---------------------------------------------------------------------------
// Preview
// ---------------------------------------------------------------------------

#[test]
fn the_preview_suggests_a_rating_and_the_kuadran_predikat() {
    let skp = ditetapkan();
    let r = |id: &str, nilai: &str| {
        RealisasiInput {
            indikator_id: id.into(),
            evaluasi: TW1,
            nilai: nilai.into(),
            uraian: String::new(),
            bukti_dukung: vec![],
        }
        .validate()
        .unwrap()
    };
    // i1 target 80, i2 target 10, i3 target 4 (all normal polarity).
    let table = [
        (vec![r("i1", "90"), r("i2", "12"), r("i3", "5")], Some(DiatasEkspektasi), Some(Predikat::SangatBaik)),
        (vec![r("i1", "90"), r("i2", "10"), r("i3", "5")], Some(SesuaiEkspektasi), Some(Predikat::Baik)),
        (vec![r("i1", "50"), r("i2", "12"), r("i3", "5")], Some(DibawahEkspektasi), Some(Predikat::ButuhPerbaikan)),
        (vec![], None, None),
    ];
    for (realisasi, saran, predikat) in table {
        let preview = preview::compute_preview(
            skp.rencana(),
            &realisasi,
            TW1,
            RuleSet::Permenpanrb6_2022,
            Some(DiatasEkspektasi),
        );
        let SkpPreview::Permenpanrb6_2022(permenpanrb_6_2022::Preview { saran: s, predikat: p, rhk, .. }) = preview
        else {
            panic!("wrong rule set")
        };
        assert_eq!(s.saran, saran, "{realisasi:?}");
        assert_eq!(p.map(|h| h.predikat), predikat);
        assert_eq!(rhk.len(), 2);
    }
    let without_perilaku = skp.preview(TW1, RuleSet::Permenpanrb6_2022, None);
    assert!(matches!(
        without_perilaku,
        SkpPreview::Permenpanrb6_2022(permenpanrb_6_2022::Preview { predikat: None, .. })
    ));
}

#[test]
fn indicator_ratings_follow_the_target_range_and_polarity() {
    let buat = |target: &str, maks: &str, polaritas| {
        IndikatorInput { target: target.into(), target_maks: maks.into(), polaritas, ..iki("x", "1") }
            .validate()
            .unwrap()
    };
    let normal = buat("80", "90", Polaritas::Normal);
    let khusus = buat("7", "8", Polaritas::Khusus);
    let table = [
        (&normal, 92.0, DiatasEkspektasi),
        (&normal, 90.0, SesuaiEkspektasi),
        (&normal, 80.0, SesuaiEkspektasi),
        (&normal, 79.9, DibawahEkspektasi),
        (&khusus, 6.5, DiatasEkspektasi),
        (&khusus, 8.0, SesuaiEkspektasi),
        (&khusus, 9.0, DibawahEkspektasi),
    ];
    for (indikator, realisasi, expected) in table {
        assert_eq!(rating_indikator(indikator, realisasi), expected, "{realisasi}");
    }
}

#[test]
fn a_return_may_say_its_piece_per_rhk_instead_of_overall() {
    let rhk_id = diajukan().rencana().rhk()[0].id().as_str().to_owned();
    let kembalikan = |catatan: &str, komentar: &[(&str, &str)]| {
        let mut skp = diajukan();
        let k: BTreeMap<String, String> = komentar.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
        skp.return_with_comments(Peran::PejabatPenilai, tgl("2025-01-12"), &periode(), catatan, &k).map(|()| skp)
    };
    let skp = kembalikan("", &[(&rhk_id, "  Target terlalu rendah. ")]).expect("a comment alone is enough");
    let r = skp.riwayat().last().unwrap();
    assert_eq!(
        (r.catatan.as_deref(), r.komentar_rhk.get(&rhk_id).map(String::as_str)),
        (None, Some("Target terlalu rendah."))
    );
    assert_eq!(skp.status(), StatusSkp::Dikembalikan);
    assert_eq!(
        kembalikan(" ", &[(&rhk_id, " ")]).unwrap_err(),
        SkpError::NotesRequired,
        "an empty comment says nothing"
    );
    assert!(matches!(kembalikan("Perjelas", &[("tidak-ada", "x")]), Err(SkpError::UnknownRhk { .. })));
    let panjang = "x".repeat(MAKS_CATATAN + 1);
    assert_eq!(kembalikan("", &[(&rhk_id, &panjang)]).unwrap_err(), SkpError::NotesTooLong { maks: MAKS_CATATAN });
    assert_eq!(kembalikan(&panjang, &[]).unwrap_err(), SkpError::NotesTooLong { maks: MAKS_CATATAN });
    // Stored with the step and read back.
    let json = serde_json::to_string(&skp).unwrap();
    let again: Skp = serde_json::from_str(&json).unwrap();
    assert_eq!(again.riwayat().last().unwrap().komentar_rhk, skp.riwayat().last().unwrap().komentar_rhk);
}

#[test]
fn the_capaian_beside_a_rating_says_how_far_the_realisation_came() {
    let buat = |target: &str, maks: &str, polaritas| {
        IndikatorInput { target: target.into(), target_maks: maks.into(), polaritas, ..iki("x", "1") }
            .validate()
            .unwrap()
    };
    let teks = |i: &Indikator, r: f64| permenpanrb_6_2022::capaian_singkat(i, r).unwrap().teks();
    let dua_belas = buat("12", "", Polaritas::Normal);
    let c = teks(&dua_belas, 10.0);
    assert_eq!((c.dalam("id"), c.dalam("en")), ("10 dari 12 = 83,3%", "10 of 12 = 83.3%"));
    let rentang = buat("80", "90", Polaritas::Normal);
    assert_eq!(teks(&rentang, 85.0).dalam("id"), "85 dari 80–90 = 100%");
    let batas = buat("5", "", Polaritas::Khusus);
    let c = teks(&batas, 4.0);
    assert_eq!((c.dalam("id"), c.dalam("en")), ("4 dari batas 5 = 120%", "4 against a limit of 5 = 120%"));
    assert_eq!(
        permenpanrb_6_2022::capaian_singkat(&buat("0", "", Polaritas::Khusus), 0.0),
        None,
        "no percentage of nothing"
    );
}

#[test]
fn a_realisation_far_outside_its_unit_or_target_is_warned_not_refused() {
    let buat = |target: &str, satuan: &str| {
        IndikatorInput { target: target.into(), satuan: satuan.into(), ..iki("x", "1") }.validate().unwrap()
    };
    let persen = buat("90", "Persen");
    let w = persen.realisasi_janggal(900.0).expect("900 against 90%");
    assert!(w.dalam("id").contains("900%") && w.dalam("id").contains("melebihi 100%"), "{w:?}");
    assert!(w.dalam("en").contains("type 90 for 90%"), "{w:?}");
    assert_eq!(persen.realisasi_janggal(95.0), None);
    assert_eq!(persen.realisasi_janggal(100.0), None);
    assert!(buat("90", "%").realisasi_janggal(100.5).is_some());
    // A percentage whose target is above 100 (growth) may be above 100.
    assert_eq!(buat("150", "persen").realisasi_janggal(180.0), None);
    let dokumen = buat("12", "dokumen");
    assert_eq!(dokumen.realisasi_janggal(119.0), None);
    let w = dokumen.realisasi_janggal(120.0).expect("ten times the target");
    assert!(w.dalam("id").contains("120 dokumen") && w.dalam("id").contains("12 dokumen"), "{w:?}");
    assert_eq!(buat("0", "keluhan").realisasi_janggal(50.0), None, "no target to compare with");
}

// ---------------------------------------------------------------------------
// Dokumen evaluasi
// ---------------------------------------------------------------------------

fn dokumen() -> DokumenEvaluasi {
    let skp = dinilai();
    // Q1 2025 ends on Mon 31 Mar, itself Idul Fitri.
    DokumenEvaluasi::new("dok-1".into(), skp.id().clone(), tgl("2025-03-31"), penilaian(&skp, TW1), tgl("2025-03-31"))
}

#[test]
fn the_penilai_deadline_counts_working_days_across_idul_fitri() {
    let k = Kalender::nasional();
    // After 31 Mar: 1–4 and 7 Apr are off; 8–11, 14–17 Apr; 18 Apr off; 21–25, 28 Apr.
    assert_eq!(dokumen().batas_penilai(&k), tgl("2025-04-28"));
}

#[test]
fn the_normal_path_runs_from_signature_to_report() {
    let k = Kalender::nasional();
    let mut d = dokumen();
    d.sign_by_penilai(Peran::PejabatPenilai, tgl("2025-04-14"), &k).unwrap();
    assert_eq!(d.status(), StatusDokumen::DitandatanganiPenilai);
    d.deliver(Peran::PejabatPenilai, tgl("2025-04-15"), &Kalender::nasional()).unwrap();
    assert_eq!(d.status(), StatusDokumen::DiterimaPegawai);
    d.sign_by_pegawai(Peran::Pegawai, tgl("2025-04-16"), &Kalender::nasional()).unwrap();
    assert_eq!(d.status(), StatusDokumen::DitandatanganiPegawai);
    // Signed, the pegawai may still object for 14 working days from receipt
    // (15 Apr; 18 Apr and 1 May are off): no report before that.
    assert_eq!(d.batas_keberatan(&k), Some(tgl("2025-05-07")));
    let e = d.report(Peran::PejabatPenilai, tgl("2025-05-07"), &k).unwrap_err();
    assert_eq!(e.kode(), "objection_window_open", "{e}");
    assert_eq!(d.status(), StatusDokumen::DitandatanganiPegawai);
    d.report(Peran::PejabatPenilai, tgl("2025-05-08"), &k).unwrap();
    assert_eq!(d.status(), StatusDokumen::Dilaporkan);
    assert!(d.tenggat(&k).iter().all(|t| !t.terlambat(tgl("2025-12-31"))));
}

#[test]
fn an_objection_within_fourteen_working_days_is_decided_by_the_atasan() {
    let k = Kalender::nasional();
    let skp = dinilai();
    for mengubah in [false, true] {
        let mut d = dokumen();
        d.sign_by_penilai(Peran::PejabatPenilai, tgl("2025-04-14"), &k).unwrap();
        d.deliver(Peran::PejabatPenilai, tgl("2025-04-15"), &Kalender::nasional()).unwrap();
        d.sign_by_pegawai(Peran::Pegawai, tgl("2025-04-16"), &Kalender::nasional()).unwrap();
        // 14 working days after 15 Apr (18 Apr Wafat Yesus Kristus and 1 May off): 7 May.
        assert_eq!(d.batas_keberatan(&k), Some(tgl("2025-05-07")));
        d.file_keberatan(Peran::Pegawai, tgl("2025-05-07"), &k, "Kontribusi belum dipertimbangkan").unwrap();
        assert_eq!(d.status(), StatusDokumen::Keberatan);
        let keputusan = if mengubah {
            let mut p = penilaian(&skp, TW1);
            p = PenilaianInput {
                evaluasi: TW1,
                predikat_organisasi: None,
                rating_rhk: Default::default(),
                rating_hasil_kerja: Some(DiatasEkspektasi),
                alasan: String::new(),
                rating_perilaku: Some(DiatasEkspektasi),
                catatan: String::new(),
                rekomendasi: String::new(),
            }
            .validate(skp.rencana())
            .unwrap_or(p);
            KeputusanKeberatan::Mengubah { penilaian: Box::new(p) }
        } else {
            KeputusanKeberatan::Menguatkan
        };
        d.decide_keberatan(
            Peran::AtasanPejabatPenilai,
            tgl("2025-05-09"),
            &Kalender::nasional(),
            keputusan,
            "Setelah klarifikasi",
        )
        .unwrap();
        assert_eq!(d.status(), StatusDokumen::Diputus);
        assert_eq!(d.penilaian_awal().is_some(), mengubah);
        let expected = if mengubah { Predikat::SangatBaik } else { Predikat::Baik };
        assert_eq!(d.penilaian().predikat(), expected);
        assert_eq!(d.report(Peran::PejabatPenilai, tgl("2025-05-12"), &k).map_err(|e| e.kode()), Err("not_allowed"));
        d.report(Peran::AtasanPejabatPenilai, tgl("2025-05-14"), &k).unwrap();
        let keputusan = d.tenggat(&k).into_iter().find(|t| t.jenis == JenisTenggat::KeputusanKeberatan).unwrap();
        // 7 working days after 7 May, with Waisak and its cuti bersama (12–13 May) off.
        assert_eq!(keputusan.batas, tgl("2025-05-20"));
        assert!(!keputusan.terlambat(tgl("2025-06-01")));
    }
}

#[test]
fn the_atasan_takes_over_only_after_the_penilai_deadline_and_the_result_is_final() {
    let k = Kalender::nasional();
    let skp = dinilai();
    let mut d = dokumen();
    assert_eq!(
        d.take_over(Peran::AtasanPejabatPenilai, tgl("2025-04-28"), &k, penilaian(&skp, TW1)),
        Err(DokumenError::NotYetOverdue { batas: tgl("2025-04-28") })
    );
    assert_eq!(
        d.sign_by_penilai(Peran::PejabatPenilai, tgl("2025-04-29"), &k),
        Err(DokumenError::DeadlinePassed { batas: tgl("2025-04-28") })
    );
    d.take_over(Peran::AtasanPejabatPenilai, tgl("2025-04-29"), &k, penilaian(&skp, TW1)).unwrap();
    assert_eq!(d.status(), StatusDokumen::DiambilAlih);
    assert!(d.diambil_alih());
    assert_eq!(
        d.deliver(Peran::PejabatPenilai, tgl("2025-04-30"), &Kalender::nasional()).map_err(|e| e.kode()),
        Err("not_allowed")
    );
    d.deliver(Peran::AtasanPejabatPenilai, tgl("2025-04-30"), &Kalender::nasional()).unwrap();
    // On this path the pegawai has 7 working days: 2, 5, 6, 7, 8, 9, 14 May.
    assert_eq!(d.batas_tanda_tangan_pegawai(&k), Some(tgl("2025-05-14")));
    assert_eq!(
        d.file_keberatan(Peran::Pegawai, tgl("2025-05-02"), &k, "Tidak setuju"),
        Err(DokumenError::ObjectionNotAllowed)
    );
    assert_eq!(
        d.report(Peran::AtasanPejabatPenilai, tgl("2025-05-14"), &k),
        Err(DokumenError::AwaitingPegawai { batas: tgl("2025-05-14") })
    );
    d.report(Peran::AtasanPejabatPenilai, tgl("2025-05-15"), &k).unwrap();
    assert_eq!(d.status(), StatusDokumen::Dilaporkan);
    let ttd = d.tenggat(&k).into_iter().find(|t| t.jenis == JenisTenggat::PenandatangananPegawai).unwrap();
    assert!(ttd.terlambat(tgl("2025-05-15")));
}

#[test]
fn illegal_document_steps_are_refused_and_change_nothing() {
    let k = Kalender::nasional();
    type Langkah = Box<dyn Fn(&mut DokumenEvaluasi) -> Result<(), DokumenError>>;
    let diterima = || {
        let mut d = dokumen();
        d.sign_by_penilai(Peran::PejabatPenilai, tgl("2025-04-14"), &Kalender::nasional()).unwrap();
        d.deliver(Peran::PejabatPenilai, tgl("2025-04-15"), &Kalender::nasional()).unwrap();
        d
    };
    let k2 = k.clone();
    let k3 = k.clone();
    let k4 = k.clone();
    let k5 = k.clone();
    let table: Vec<(&str, DokumenEvaluasi, Langkah, &str)> = vec![
        (
            "deliver unsigned",
            dokumen(),
            Box::new(|d| d.deliver(Peran::PejabatPenilai, tgl("2025-04-15"), &Kalender::nasional())),
            "invalid_transition",
        ),
        (
            "pegawai signs unsigned",
            dokumen(),
            Box::new(|d| d.sign_by_pegawai(Peran::Pegawai, tgl("2025-04-15"), &Kalender::nasional())),
            "invalid_transition",
        ),
        (
            "report unsigned",
            dokumen(),
            Box::new(move |d| d.report(Peran::PejabatPenilai, tgl("2025-04-15"), &k)),
            "invalid_transition",
        ),
        (
            "pegawai signs for penilai",
            dokumen(),
            Box::new(move |d| d.sign_by_penilai(Peran::Pegawai, tgl("2025-04-14"), &k2)),
            "not_allowed",
        ),
        (
            "objection after fourteen working days",
            diterima(),
            Box::new(move |d| d.file_keberatan(Peran::Pegawai, tgl("2025-05-08"), &k3, "Tidak setuju")),
            "objection_too_late",
        ),
        (
            "objection without reason",
            diterima(),
            Box::new(move |d| d.file_keberatan(Peran::Pegawai, tgl("2025-04-16"), &k4, " ")),
            "reason_required",
        ),
        (
            "decide without objection",
            diterima(),
            Box::new(|d| {
                d.decide_keberatan(
                    Peran::AtasanPejabatPenilai,
                    tgl("2025-04-16"),
                    &Kalender::nasional(),
                    KeputusanKeberatan::Menguatkan,
                    "x",
                )
            }),
            "invalid_transition",
        ),
        (
            "sign before receipt date",
            diterima(),
            Box::new(|d| d.sign_by_pegawai(Peran::Pegawai, tgl("2025-04-14"), &Kalender::nasional())),
            "date_before_previous_step",
        ),
        (
            "report before the pegawai's deadline",
            diterima(),
            Box::new(move |d| d.report(Peran::PejabatPenilai, tgl("2025-04-16"), &k5)),
            "awaiting_pegawai",
        ),
    ];
    for (nama, mut d, langkah, kode) in table {
        let sebelum = d.clone();
        let err = langkah(&mut d).expect_err(nama);
        assert_eq!(err.kode(), kode, "{nama}: {err}");
        assert!(!err.pesan().id.is_empty());
        assert_eq!(d, sebelum, "{nama} changed the document");
    }
}

#[test]
fn the_planning_screens_read_the_plan_and_history_of_a_whole_document() {
    // A document of every stage: evaluations (and their kuadran) and history.
    for skp in [draf(), dikembalikan(), dinilai(), dinilai_tahunan(), final_()] {
        let json = serde_json::to_string(&skp).unwrap();
        let baca: SkpRencana = serde_json::from_str(&json).unwrap();
        assert_eq!(baca.rencana(), skp.rencana(), "{:?}", skp.status());
        assert_eq!(baca.riwayat(), skp.riwayat(), "{:?}", skp.status());
    }
    assert!(!dinilai_tahunan().penilaian().is_empty(), "the later stages are really in the document");
}

#[test]
fn each_action_has_one_name_and_documents_saved_under_the_old_names_still_read() {
    for aksi in
        [AksiSkp::Create, AksiSkp::Submit, AksiSkp::Approve, AksiSkp::Return, AksiSkp::Revise, AksiSkp::Finalize]
    {
        let json = serde_json::to_value(aksi).unwrap();
        assert_eq!(json, aksi.kode(), "the JSON name is the one name");
        assert_eq!(AksiSkp::parse(aksi.kode()), Some(aksi));
        assert_eq!(serde_json::from_value::<AksiSkp>(json).unwrap(), aksi);
    }
    assert_eq!(serde_json::from_str::<AksiSkp>("\"return_with_notes\"").unwrap(), AksiSkp::Return);
    assert_eq!(serde_json::from_str::<AksiSkp>("\"start_revision\"").unwrap(), AksiSkp::Revise);
    assert_eq!(AksiSkp::parse("return_with_notes"), Some(AksiSkp::Return));
    assert_eq!(AksiSkp::parse("start_revision"), Some(AksiSkp::Revise));
    assert_eq!(AksiSkp::parse("hapus"), None);
    let mut skp = diajukan();
    skp.return_with_notes(Peran::PejabatPenilai, tgl("2025-01-12"), &periode(), "Perjelas").unwrap();
    let riwayat = serde_json::to_string(skp.riwayat()).unwrap();
    assert!(riwayat.contains(r#""aksi":"return""#), "{riwayat}");
}

#[test]
fn a_recorded_evaluation_is_recalibrated_by_the_penilai_only_keeping_the_status() {
    let mut skp = dinilai();
    let mut baru = PenilaianInput {
        evaluasi: TW1,
        predikat_organisasi: None,
        rating_rhk: [("r1".to_owned(), SesuaiEkspektasi)].into(),
        rating_hasil_kerja: Some(SesuaiEkspektasi),
        alasan: String::new(),
        rating_perilaku: Some(SesuaiEkspektasi),
        catatan: "Kalibrasi".into(),
        rekomendasi: String::new(),
    };
    let p = baru.validate(skp.rencana()).unwrap();
    assert!(matches!(
        skp.clone().recalibrate_evaluation(Peran::AtasanPejabatPenilai, tgl("2025-04-11"), &periode(), p.clone()),
        Err(SkpError::NotAllowed { .. })
    ));
    skp.recalibrate_evaluation(Peran::PejabatPenilai, tgl("2025-04-11"), &periode(), p).unwrap();
    assert_eq!(skp.status(), StatusSkp::Dinilai);
    assert_eq!(skp.penilaian_untuk(TW1).unwrap().catatan(), "Kalibrasi");
    assert_eq!(skp.riwayat().last().unwrap().aksi, AksiSkp::RecordEvaluation);
    // An evaluation not recorded yet is recorded, not recalibrated.
    baru.evaluasi = PeriodeEvaluasi::Tahunan;
    let tahunan = baru.validate(skp.rencana()).unwrap();
    assert!(matches!(
        skp.recalibrate_evaluation(Peran::PejabatPenilai, tgl("2026-01-05"), &periode(), tahunan),
        Err(SkpError::NotEvaluated { .. })
    ));
    // Nothing to recalibrate before an evaluation, nor once final.
    let p = penilaian(&ditetapkan(), TW1);
    assert!(
        ditetapkan().recalibrate_evaluation(Peran::PejabatPenilai, tgl("2025-04-12"), &periode(), p.clone()).is_err()
    );
    assert!(final_().recalibrate_evaluation(Peran::PejabatPenilai, tgl("2026-01-21"), &periode(), p).is_err());
}

#[test]
fn the_penilai_replies_to_a_pending_objection_only() {
    let k = Kalender::nasional();
    let mut d = dokumen();
    d.sign_by_penilai(Peran::PejabatPenilai, tgl("2025-04-14"), &k).unwrap();
    d.deliver(Peran::PejabatPenilai, tgl("2025-04-15"), &Kalender::nasional()).unwrap();
    assert!(matches!(
        d.reply_keberatan(Peran::PejabatPenilai, tgl("2025-04-16"), &Kalender::nasional(), "Sudah sesuai"),
        Err(DokumenError::InvalidTransition { .. })
    ));
    d.file_keberatan(Peran::Pegawai, tgl("2025-04-16"), &k, "Tidak setuju").unwrap();
    for peran in [Peran::Pegawai, Peran::AtasanPejabatPenilai] {
        assert!(matches!(
            d.clone().reply_keberatan(peran, tgl("2025-04-17"), &Kalender::nasional(), "x"),
            Err(DokumenError::NotAllowed { .. })
        ));
    }
    assert_eq!(
        d.clone().reply_keberatan(Peran::PejabatPenilai, tgl("2025-04-17"), &Kalender::nasional(), " "),
        Err(DokumenError::ReasonRequired)
    );
    d.reply_keberatan(
        Peran::PejabatPenilai,
        tgl("2025-04-17"),
        &Kalender::nasional(),
        "Target sudah disepakati di awal tahun.",
    )
    .unwrap();
    assert_eq!(d.status(), StatusDokumen::Keberatan);
    let kb = d.keberatan().unwrap();
    assert_eq!(
        (kb.tanggapan_penilai.as_deref(), kb.ditanggapi_pada),
        (Some("Target sudah disepakati di awal tahun."), Some(tgl("2025-04-17")))
    );
    // The decision may not predate the reply.
    assert!(matches!(
        d.clone().decide_keberatan(
            Peran::AtasanPejabatPenilai,
            tgl("2025-04-16"),
            &Kalender::nasional(),
            KeputusanKeberatan::Menguatkan,
            "x"
        ),
        Err(DokumenError::DateBeforePreviousStep { .. })
    ));
    d.decide_keberatan(
        Peran::AtasanPejabatPenilai,
        tgl("2025-04-18"),
        &Kalender::nasional(),
        KeputusanKeberatan::Menguatkan,
        "Dikuatkan",
    )
    .unwrap();
    assert_eq!(d.status(), StatusDokumen::Diputus);
}

/// `bisa` answers, for a date, exactly what the transition would: the
/// queues list a step only when it can be taken (a report is not offered
/// while the pegawai may still object).
#[test]
fn bisa_says_what_the_transition_does_on_the_same_day() {
    let k = Kalender::nasional();
    let mut d = dokumen();
    d.sign_by_penilai(Peran::PejabatPenilai, tgl("2025-04-14"), &k).unwrap();
    d.deliver(Peran::PejabatPenilai, tgl("2025-04-15"), &k).unwrap();
    d.sign_by_pegawai(Peran::Pegawai, tgl("2025-04-16"), &k).unwrap();
    let lapor = |t: &str| d.bisa(AksiDokumen::Report, Peran::PejabatPenilai, tgl(t), &k).map_err(|e| e.kode());
    assert_eq!(lapor("2025-04-16"), Err("objection_window_open"));
    assert_eq!(lapor("2025-05-07"), Err("objection_window_open"));
    assert_eq!(lapor("2025-05-08"), Ok(()));
    assert_eq!(
        d.bisa(AksiDokumen::Report, Peran::AtasanPejabatPenilai, tgl("2025-05-08"), &k).map_err(|e| e.kode()),
        Err("not_allowed")
    );
    assert_eq!(
        d.bisa(AksiDokumen::FileKeberatan, Peran::Pegawai, tgl("2025-05-08"), &k).map_err(|e| e.kode()),
        Err("objection_too_late")
    );
    let mut sama = d.clone();
    assert_eq!(sama.report(Peran::PejabatPenilai, tgl("2025-05-07"), &k).map_err(|e| e.kode()), lapor("2025-05-07"));
}

/// The penilai delivers within 14 working days of signing; once late, the
/// atasan takes over from `ditandatangani_penilai` too (and the result is final).
#[test]
fn a_late_delivery_is_refused_and_the_atasan_takes_over_a_signed_document() {
    let k = Kalender::nasional();
    let skp = dinilai();
    let mut d = dokumen();
    d.sign_by_penilai(Peran::PejabatPenilai, tgl("2025-04-14"), &k).unwrap();
    let batas = d.batas_penyampaian(&k).unwrap();
    assert_eq!(batas, k.tambah_hari_kerja(tgl("2025-04-14"), dokumen::batas::PENYAMPAIAN));
    let sehari = k.tambah_hari_kerja(batas, 1);
    let e = d.clone().take_over(Peran::AtasanPejabatPenilai, batas, &k, penilaian(&skp, TW1)).unwrap_err();
    assert_eq!(e.kode(), "not_yet_overdue", "{e}");
    let e = d.clone().deliver(Peran::PejabatPenilai, sehari, &k).unwrap_err();
    assert_eq!(e.kode(), "deadline_passed", "{e}");
    d.take_over(Peran::AtasanPejabatPenilai, sehari, &k, penilaian(&skp, TW1)).unwrap();
    assert_eq!(d.status(), StatusDokumen::DiambilAlih);
    // The atasan's own late delivery is marked, never refused: nobody else could deliver.
    let jauh = k.tambah_hari_kerja(sehari, 30);
    d.deliver(Peran::AtasanPejabatPenilai, jauh, &k).unwrap();
    let t = d.tenggat(&k).into_iter().find(|t| t.jenis == JenisTenggat::Penyampaian).unwrap();
    assert!(t.terlambat(jauh));
}

/// Work is rated once it is done: not on or before the evaluated stretch's last day.
#[test]
fn an_evaluation_is_refused_before_its_period_ends() {
    let p = periode();
    let mut skp = ditetapkan();
    // TW1 2025 ends on 31 Mar.
    let e = skp.record_evaluation(Peran::PejabatPenilai, tgl("2025-03-31"), &p, penilaian(&skp, TW1)).unwrap_err();
    assert_eq!(e.kode(), "evaluasi_belum_berakhir", "{e}");
    assert!(e.pesan().id.contains("31 Maret 2025"), "{}", e.pesan().id);
    skp.record_evaluation(Peran::PejabatPenilai, tgl("2025-04-01"), &p, penilaian(&skp, TW1)).unwrap();
    let e = skp.recalibrate_evaluation(Peran::PejabatPenilai, tgl("2025-03-30"), &p, penilaian(&skp, TW1)).unwrap_err();
    assert_eq!(e.kode(), "evaluasi_belum_berakhir");
}

#[test]
fn a_former_rule_sets_evaluation_is_recorded_corrected_and_closes_its_stretch() {
    use super::penilaian_lama::DasarLama;
    // The SKP's period "2025" as a PP 46/2011 year (2020).
    let lama = Periode::tahunan("2025".into(), 2020, SiklusPeriodik::Triwulanan).unwrap();
    assert_eq!(lama.rule_set(), RuleSet::Pp46_2011);
    let dasar =
        DasarLama { rule_set: RuleSet::Pp46_2011, nilai_kegiatan: vec![90.0], nilai_skp: None, kendala: vec![] };
    let isi = |evaluasi: PeriodeEvaluasi, x: f64| {
        PenilaianLamaInput {
            perilaku: ["orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama"]
                .into_iter()
                .map(|k| (k.to_owned(), x))
                .collect(),
            ..PenilaianLamaInput::kosong(evaluasi)
        }
        .validate(&dasar)
        .unwrap()
    };
    let tahunan = PeriodeEvaluasi::Tahunan;
    let mut skp = ditetapkan();
    let kode = |r: Result<(), SkpError>| r.map_err(|e| e.kode());
    let hari = tgl("2021-01-05");
    assert_eq!(
        kode(skp.clone().record_evaluation_lama(Peran::Pegawai, hari, &lama, isi(tahunan, 80.0))),
        Err("not_allowed")
    );
    // A PermenPANRB 6/2022 period is rated with predikat, not with numbers.
    assert_eq!(
        kode(skp.clone().record_evaluation_lama(Peran::PejabatPenilai, hari, &periode(), isi(tahunan, 80.0))),
        Err("rule_set_berbeda")
    );
    assert_eq!(
        kode(skp.clone().record_evaluation_lama(Peran::PejabatPenilai, tgl("2020-12-30"), &lama, isi(tahunan, 80.0))),
        Err("evaluasi_belum_berakhir")
    );
    // A quarter: dinilai, and its realisations are closed.
    skp.record_evaluation_lama(Peran::PejabatPenilai, tgl("2020-04-01"), &lama, isi(TW1, 70.0)).unwrap();
    assert_eq!(skp.status(), StatusSkp::Dinilai);
    assert_eq!(
        skp.periksa_dokumentasi(Peran::Pegawai, &lama, &IndikatorId::new("i1"), TW1),
        Err(SkpError::AlreadyEvaluated { evaluasi: TW1 })
    );
    // The year: dinilai_tahunan; corrected by the penilai, one record kept.
    skp.record_evaluation_lama(Peran::PejabatPenilai, hari, &lama, isi(tahunan, 80.0)).unwrap();
    assert_eq!(skp.status(), StatusSkp::DinilaiTahunan);
    skp.record_evaluation_lama(Peran::PejabatPenilai, hari, &lama, isi(tahunan, 95.0)).unwrap();
    assert_eq!(skp.penilaian_lama().len(), 2);
    assert_eq!(skp.penilaian_lama_untuk(tahunan).map(PenilaianLama::nilai_perilaku), Some(95.0));
    assert_eq!(skp.status(), StatusSkp::DinilaiTahunan);
    assert!(skp.penilaian().is_empty(), "no predikat is made up for a former rule set");
    // Stored and read back whole; an SKP without one writes no new field.
    let json = serde_json::to_string(&skp).unwrap();
    assert_eq!(serde_json::from_str::<Skp>(&json).unwrap(), skp);
    assert!(!serde_json::to_string(&ditetapkan()).unwrap().contains("penilaian_lama"));
}
