//! The database layer on its own: `server::db` functions on a real database
//! (a SQLite file in a temp dir, and PostgreSQL when configured), no HTTP.
//! What they refuse comes back as a `DbError`, never as an HTTP answer.

use domain::api::{Akses, PegawaiRingkas};
use domain::pegawai::{JenisJabatan, PegawaiId};
use domain::periode::{Periode, PeriodeId, SiklusPeriodik};
use domain::skp::{AksiSkp, Skp, SkpBaru, SkpId, SkpInput};
use domain::tanggal::Tanggal;
use serde_json::Value;
use server::db::idempotency::{self as keys, KeyRecord};
use server::db::skp::{self as store, SkpJson, SkpRow};
use server::db::{Db, DbError, org};

use crate::helpers::*;

/// A fresh database with the demo instansi: the database, its instansi id, and the 2026 period.
async fn demo_db(backend: Backend) -> (TestDb, Db, String, String) {
    let test_db = fresh_db(backend).await;
    let db = Db::connect(&test_db.url).await.expect("connect");
    db.migrate().await.expect("migrate");
    assert!(server::seed::seed_demo_if_empty(&db).await.expect("seed"));
    let instansi = org::instansi_by_kode(db.pool(), server::seed::DEMO_KODE).await.expect("read").expect("the demo");
    let mut conn = db.pool().acquire().await.expect("a connection");
    let periode = org::daftar_periode(&mut conn, &instansi).await.expect("periods");
    let periode = periode.into_iter().find(|p| p.tahun == 2026).expect("the 2026 period").id;
    (test_db, db, instansi, periode)
}

fn key(owner: &str, key: &str, instansi_id: &str) -> KeyRecord {
    KeyRecord {
        owner: owner.to_owned(),
        key: key.to_owned(),
        instansi_id: instansi_id.to_owned(),
        request_hash: format!("hash-of-{key}"),
    }
}

/// A new SKP of the demo staf2 (rated by kabid1), as a handler builds it.
fn skp_baru(instansi: &str, periode: &str, uraian: &str) -> SkpRow {
    let isian: SkpInput = serde_json::from_value(crate::skp::rencana(uraian)).expect("the fixture plan");
    let rencana = isian.validate(JenisJabatan::Fungsional).expect("a valid plan");
    let (pegawai, penilai) = (format!("{instansi}-pegawai-staf2"), format!("{instansi}-pegawai-kabid1"));
    let id = uuid::Uuid::new_v4().to_string();
    let baru = SkpBaru {
        id: SkpId::new(id.clone()),
        pegawai: PegawaiId::new(pegawai.clone()),
        pejabat_penilai: PegawaiId::new(penilai.clone()),
        atasan_pejabat_penilai: None,
        periode: PeriodeId::new(periode),
    };
    SkpRow {
        id,
        instansi_id: instansi.to_owned(),
        periode_id: periode.to_owned(),
        pegawai_id: pegawai,
        penilai_id: penilai,
        atasan_penilai_id: None,
        version: 1,
        skp: Skp::new(baru, rencana),
        isian,
    }
}

#[tokio::test]
async fn an_skp_is_saved_once_per_version_with_its_history_and_its_answer() {
    for backend in backends() {
        let (_t, db, instansi, periode) = demo_db(backend).await;
        let row = skp_baru(&instansi, &periode, "Terlaksananya pelatihan teknis");
        let (id, oleh) = (row.id.clone(), row.pegawai_id.clone());
        let j = SkpJson::dari(&row).unwrap();
        let (r, o) = (row.clone(), oleh.clone());
        db.write(move |c| Box::pin(async move { store::insert(c, &r, &j, &o).await })).await.expect("inserted");

        // A second SKP of the same pegawai and period is refused by the database.
        let dua = SkpRow { id: uuid::Uuid::new_v4().to_string(), ..row.clone() };
        let j = SkpJson::dari(&dua).unwrap();
        let o = oleh.clone();
        let e = db.write(move |c| Box::pin(async move { store::insert(c, &dua, &j, &o).await })).await.unwrap_err();
        assert!(
            matches!(&e, DbError::Conflict { code: "skp_exists", message } if message.en.contains("already")),
            "{e:?}"
        );

        // Saved on version 1 with its answer: version 2.
        let j = SkpJson::dari(&row).unwrap();
        let (p, o, k) = (row.perubahan(), oleh.clone(), key(&oleh, "k1", &instansi));
        let next = db
            .write(move |c| {
                Box::pin(async move { store::update_json(c, &p, &j, AksiSkp::Update, &o, &k, "{\"ok\":1}").await })
            })
            .await
            .expect("saved");
        assert_eq!(next, 2, "{backend:?}");
        let stored = keys::stored(db.pool(), &oleh, "k1").await.unwrap().expect("the key's answer");
        assert_eq!((stored.status, stored.body.as_deref()), (200, Some("{\"ok\":1}")), "{backend:?}");

        // Saved again on the old version 1: nothing is written.
        let j = SkpJson::dari(&row).unwrap();
        let (p, o, k) = (row.perubahan(), oleh.clone(), key(&oleh, "k2", &instansi));
        let e = db
            .write(move |c| Box::pin(async move { store::update_json(c, &p, &j, AksiSkp::Update, &o, &k, "{}").await }))
            .await
            .unwrap_err();
        assert!(matches!(e, DbError::Conflict { code: "concurrent_update", .. }), "{backend:?}: {e:?}");
        assert!(
            keys::stored(db.pool(), &oleh, "k2").await.unwrap().is_none(),
            "{backend:?}: no answer without the change"
        );

        // What a reader gets: version 2, two history entries, the same SKP by every read.
        let found = store::find(db.pool(), &id).await.unwrap().expect("found");
        assert_eq!(found.version, 2);
        let history = store::versions(db.pool(), &id).await.unwrap();
        let aksi: Vec<(i64, &str)> = history.iter().map(|h| (h.version, h.aksi.kode())).collect();
        assert_eq!(aksi, [(1, "create"), (2, "update")], "{backend:?}");
        let mentah = db.skp_mentah(&id).await.unwrap().expect("the shared read finds it");
        assert_eq!((mentah.version, mentah.pegawai.nama.as_str()), (2, "Nur Aisyah"), "{backend:?}");
        let view: Value = serde_json::from_str(&mentah.view_json(Akses::Pegawai).unwrap()).unwrap();
        assert_eq!(view["pegawai"], serde_json::to_value(&mentah.pegawai).unwrap());
        let lengkap = store::find_lengkap(db.pool(), &id).await.unwrap().expect("found with its pegawai");
        let expected = PegawaiRingkas {
            id: oleh.clone(),
            nip: DEMO_STAF2.to_owned(),
            nama: "Nur Aisyah".into(),
            jabatan: "Analis SDM Aparatur Ahli Pertama".into(),
        };
        assert_eq!((lengkap.pegawai, lengkap.jenis_jabatan.as_str()), (expected, "fungsional"), "{backend:?}");
        let list = store::list_own(db.pool(), &oleh, Some(&periode)).await.unwrap();
        assert_eq!(list.iter().map(|l| (l.id.as_str(), l.version)).collect::<Vec<_>>(), [(id.as_str(), 2)]);
        db.close().await;
    }
}

#[tokio::test]
async fn a_key_holds_one_answer_and_a_second_is_refused() {
    for backend in backends() {
        let (_t, db, instansi, _) = demo_db(backend).await;
        let owner = format!("{instansi}-pegawai-admin");
        let k = key(&owner, "kunci-1", &instansi);
        let k2 = k.clone();
        db.write(move |c| Box::pin(async move { keys::save_answer(c, &k2, 201, "{\"a\":1}").await })).await.unwrap();
        let k2 = k.clone();
        let e =
            db.write(move |c| Box::pin(async move { keys::save_answer(c, &k2, 200, "{}").await })).await.unwrap_err();
        assert!(matches!(e, DbError::Conflict { code: "in_progress", .. }), "{backend:?}: {e:?}");
        let stored = keys::stored(db.pool(), &owner, "kunci-1").await.unwrap().expect("stored");
        assert_eq!((stored.request_hash.as_str(), stored.status), ("hash-of-kunci-1", 201), "{backend:?}");
        assert!(keys::exists(db.pool(), &owner, "kunci-1").await.unwrap());
        assert!(!keys::exists(db.pool(), &owner, "kunci-2").await.unwrap());

        // The three-write protocol: claimed (running), answered, or released.
        let running = key(&owner, "kunci-2", &instansi);
        let r = running.clone();
        assert!(db.write(move |c| Box::pin(async move { keys::claim_running(c, &r).await })).await.unwrap());
        let r = running.clone();
        assert!(!db.write(move |c| Box::pin(async move { keys::claim_running(c, &r).await })).await.unwrap());
        assert_eq!(keys::stored(db.pool(), &owner, "kunci-2").await.unwrap().map(|s| s.status), Some(0));
        let o = owner.clone();
        db.write(move |c| Box::pin(async move { keys::settle(c, &o, "kunci-2", 409, "{}").await })).await.unwrap();
        assert_eq!(keys::stored(db.pool(), &owner, "kunci-2").await.unwrap().map(|s| s.status), Some(409));
        let o = owner.clone();
        db.write(move |c| Box::pin(async move { keys::forget(c, &o, "kunci-2").await })).await.unwrap();
        assert!(keys::stored(db.pool(), &owner, "kunci-2").await.unwrap().is_none(), "{backend:?}");
        db.close().await;
    }
}

#[tokio::test]
async fn the_organisation_refuses_a_second_period_and_a_stale_mapping() {
    for backend in backends() {
        let (_t, db, instansi, periode_id) = demo_db(backend).await;
        // A second period for 2026.
        let p = Periode::tahunan(PeriodeId::new("p-2026-b"), 2026, SiklusPeriodik::Triwulanan).expect("a period");
        let i = instansi.clone();
        let e = db.write(move |c| Box::pin(async move { org::simpan_periode(c, &i, &p).await })).await.unwrap_err();
        match e {
            DbError::Conflict { code: "periode_exists", message } => {
                assert_eq!(
                    (message.id.as_str(), message.en.as_str()),
                    ("Periode tahun 2026 sudah ada.", "A period for 2026 already exists.")
                )
            }
            other => panic!("{backend:?}: {other:?}"),
        }

        // The mapping: read by name from its rows; a change on an old version carries the current segments.
        let staf2 = format!("{instansi}-pegawai-staf2");
        let mut conn = db.pool().acquire().await.unwrap();
        let segmen = org::segmen_pegawai(&mut conn, &periode_id, &staf2).await.unwrap();
        assert_eq!(segmen.len(), 1, "{backend:?}");
        let penilai = segmen[0].penilai_id.clone();
        assert_eq!(penilai.as_deref(), Some(format!("{instansi}-pegawai-kabid1").as_str()));
        let halaman = org::daftar_atasan(&mut conn, &instansi, &periode_id, 50, 0).await.unwrap();
        let baris = halaman.items.iter().find(|a| a.pegawai_id == staf2).expect("staf2 is listed");
        assert_eq!(
            (baris.penilai_nama.as_deref(), baris.unit_nama.as_str()),
            (Some("Siti Rahmawati"), "Bidang Pengembangan Kompetensi")
        );
        drop(conn);
        let stale = segmen[0].version + 1;
        let (i, p, s, kabid2) =
            (instansi.clone(), periode_id.clone(), staf2.clone(), format!("{instansi}-pegawai-kabid2"));
        let e = db
            .write(move |c| {
                Box::pin(async move {
                    let baru = org::SegmenBaru {
                        instansi_id: &i,
                        periode_id: &p,
                        pegawai_id: &s,
                        penilai_id: Some(&kabid2),
                        atasan_penilai_id: None,
                        mulai: Tanggal::parse_iso("2026-07-01").expect("a date"),
                    };
                    org::set_atasan(c, &baru, Some(stale), &org::Pengubah { pegawai_id: None, sumber: "cli" }).await
                })
            })
            .await
            .unwrap_err();
        match e {
            DbError::Stale(current) => assert_eq!(current[0]["penilai_id"], Value::from(penilai), "{backend:?}"),
            other => panic!("{backend:?}: {other:?}"),
        }
        db.close().await;
    }
}
