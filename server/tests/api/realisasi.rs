//! Realisations per documentation sub-period and their evidence files: the
//! whole path on both databases, the refusals, and the attacks (a huge
//! body, an executable named `.pdf`, an upload cut off, hostile ids,
//! another instansi's and a non-subordinate's evidence).

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use sha2::Digest;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{
    Backend, DEMO_ADMIN, DEMO_KABID1, DEMO_KABID2, DEMO_KEPALA, DEMO_STAF2, DEMO_STAF3, Session, TestApp, backends,
    is_teks, spawn_app_configured, spawn_app_with,
};
use crate::org::with_key;
use crate::skp::{create, periode_id};

/// A small PDF (its signature is what counts).
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// `s`'s SKP in `periode`, submitted and set by `penilai`; its id and version.
pub async fn skp_ditetapkan(s: &Session, penilai: &Session, periode: &str) -> (String, i64) {
    let res = create(s, periode, "Terlaksananya pelatihan teknis").await;
    assert_eq!(res.status(), 201);
    let skp: Value = res.json().await.unwrap();
    let id = skp["id"].as_str().unwrap().to_owned();
    let step = |who: &Session, aksi: &str, version: i64| {
        who.post(&format!("/api/v1/skp/{id}/{aksi}")).json(&json!({ "version": version })).send()
    };
    assert_eq!(step(s, "submit", 1).await.unwrap().status(), 200);
    let res = step(penilai, "approve", 2).await.unwrap();
    assert_eq!(res.status(), 200);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["status"], "ditetapkan");
    (id, 3)
}

/// A demo server with staf2's SKP set by kabid1: the start of most tests here.
pub struct Siap {
    pub app: TestApp,
    pub pegawai: Session,
    pub penilai: Session,
    pub id: String,
    pub v: i64,
}

pub async fn siap(backend: Backend) -> Siap {
    siap_dengan(backend, |_| {}).await
}

/// [`siap`] on a server whose configuration `ubah` adjusts.
pub async fn siap_dengan(backend: Backend, ubah: impl FnOnce(&mut server::config::ServeArgs)) -> Siap {
    let app = spawn_app_configured(backend, None, true, ubah).await;
    let periode = periode_id(&app).await;
    let pegawai = app.login(DEMO_STAF2).await;
    let penilai = app.login(DEMO_KABID1).await;
    let (id, v) = skp_ditetapkan(&pegawai, &penilai, &periode).await;
    Siap { app, pegawai, penilai, id, v }
}

pub fn realisasi(ke: u8, nilai: &str, uraian: &str) -> Value {
    json!({
        "indikator_id": "i1",
        "evaluasi": { "jenis": "periodik", "ke": ke },
        "nilai": nilai,
        "uraian": uraian,
        "bukti_dukung": ["https://drive.example/laporan.pdf"]
    })
}

pub async fn simpan(s: &Session, id: &str, version: i64, r: Value) -> reqwest::Response {
    s.put(&format!("/api/v1/skp/{id}/realisasi"))
        .json(&json!({ "version": version, "realisasi": r }))
        .send()
        .await
        .unwrap()
}

/// Uploads `isi` as an evidence file of indicator i1, `evaluasi`, under `nama`.
pub async fn unggah(s: &Session, id: &str, evaluasi: &str, nama: &str, isi: Vec<u8>) -> reqwest::Response {
    s.post(&format!("/api/v1/skp/{id}/bukti?indikator_id=i1&evaluasi={evaluasi}"))
        .header("x-nama-berkas", nama)
        .header("content-type", "application/octet-stream")
        .body(isi)
        .send()
        .await
        .unwrap()
}

async fn version_of(app: &TestApp, id: &str) -> i64 {
    let db = app.connect().await;
    let (v,): (i64,) =
        sqlx::query_as("SELECT version FROM skp WHERE id = $1").bind(id).fetch_one(db.pool()).await.unwrap();
    v
}

pub async fn jumlah_bukti(app: &TestApp) -> i64 {
    let db = app.connect().await;
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM bukti").fetch_one(db.pool()).await.unwrap();
    n
}

/// Every file under the object store's folder (temporary ones included).
pub fn berkas_di(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn a_realisation_is_saved_per_sub_period_with_its_preview_and_history() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let pegawai = app.login(DEMO_STAF2).await;
        let penilai = app.login(DEMO_KABID1).await;

        // Before an SKP is set, nothing can be documented and nothing is asked for.
        let rekan = app.login(DEMO_STAF3).await;
        let kosong: Value = rekan.get("/api/v1/realisasi/belum").send().await.unwrap().json().await.unwrap();
        assert_eq!(kosong["skp_id"], Value::Null, "{backend:?}: no SKP yet");
        assert_eq!(kosong["periode_id"].as_str(), Some(periode.as_str()), "the current period");
        let draf: Value = create(&rekan, &periode, "Draf").await.json().await.unwrap();
        let draf_id = draf["id"].as_str().unwrap().to_owned();
        let res = simpan(&rekan, &draf_id, 1, realisasi(1, "80", "")).await;
        assert_eq!(res.status(), 409, "{backend:?}");
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "invalid_transition");
        let belum: Value = rekan.get("/api/v1/realisasi/belum").send().await.unwrap().json().await.unwrap();
        assert_eq!((belum["skp_id"].as_str(), belum["status"].as_str()), (Some(draf_id.as_str()), Some("draf")));
        assert_eq!(belum["sub_periode"], json!([]));

        let (id, v) = skp_ditetapkan(&pegawai, &penilai, &periode).await;
        // Set: every started quarter of 2026 asks for i1.
        let belum: Value = pegawai.get("/api/v1/realisasi/belum").send().await.unwrap().json().await.unwrap();
        let subs = belum["sub_periode"].as_array().unwrap();
        assert!(!subs.is_empty() && subs.len() <= 4, "{belum}");
        assert!(subs.iter().all(|s| s["indikator"][0]["indikator_id"] == "i1"), "{belum}");
        assert!(is_teks(&subs[0]["label"]));

        let res = simpan(&pegawai, &id, v, realisasi(1, "85,5", "Laporan TW I selesai")).await;
        assert_eq!(res.status(), 200, "{backend:?}");
        let saved: Value = res.json().await.unwrap();
        assert_eq!(saved["version"], v + 1);
        assert_eq!(saved["realisasi"]["nilai"], 85.5);
        assert_eq!(saved["preview"]["jenis"], "permenpanrb_6_2022");
        assert_eq!(saved["preview"]["rhk"][0]["indikator"][0]["realisasi"], 85.5);
        // The server's own preview is stored with the version it was computed on.
        let db = app.connect().await;
        let (sv, stored): (i64, String) =
            sqlx::query_as("SELECT skp_version, preview FROM realisasi_preview WHERE skp_id = $1 AND evaluasi = $2")
                .bind(&id)
                .bind("periodik-1")
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(sv, v + 1);
        assert_eq!(serde_json::from_str::<Value>(&stored).unwrap(), saved["preview"]);

        // A second save of the same indicator and quarter replaces it; both stay in the history.
        let res = simpan(&pegawai, &id, v + 1, realisasi(1, "90", "Direvisi")).await;
        assert_eq!(res.status(), 200);
        let history: Value =
            penilai.get(&format!("/api/v1/skp/{id}/versi")).send().await.unwrap().json().await.unwrap();
        let versi = history.as_array().unwrap();
        let aksi: Vec<&str> = versi.iter().map(|h| h["aksi"].as_str().unwrap()).collect();
        assert_eq!(aksi, ["create", "submit", "approve", "record_realisasi", "record_realisasi"]);
        assert_eq!(versi[3]["skp"]["realisasi"][0]["nilai"], 85.5);
        assert_eq!(versi[4]["skp"]["realisasi"][0]["nilai"], 90.0);
        assert_eq!(versi[4]["skp"]["realisasi"].as_array().unwrap().len(), 1);

        // Each reader sees the documentation: the pegawai, the penilai, the atasan penilai, the admin.
        for (who, nip, akses) in [
            ("pegawai", DEMO_STAF2, "pegawai"),
            ("penilai", DEMO_KABID1, "pejabat_penilai"),
            ("atasan", DEMO_KEPALA, "atasan_pejabat_penilai"),
            ("admin", DEMO_ADMIN, "admin"),
        ] {
            let s = app.login(nip).await;
            let res = s.get(&format!("/api/v1/skp/{id}/realisasi")).send().await.unwrap();
            assert_eq!(res.status(), 200, "{backend:?}: {who}");
            let doc: Value = res.json().await.unwrap();
            assert_eq!(doc["akses"], akses);
            assert_eq!(doc["terbuka"], true);
            let ev = doc["evaluasi"].as_array().unwrap();
            assert_eq!(ev.len(), 5, "four quarters and the year");
            assert_eq!(ev[0]["realisasi"][0]["uraian"], "Direvisi");
            assert_eq!(ev[0]["belum"], json!([]));
            assert_eq!(ev[1]["belum"][0]["indikator_id"], "i1");
            assert_eq!(ev[0]["preview"]["rhk"][0]["indikator"][0]["realisasi"], 90.0);
            assert_eq!(ev[1]["preview"], Value::Null);
            assert_eq!(ev[4]["evaluasi"]["jenis"], "tahunan");
        }
        // The dashboard: quarter I is documented now.
        let belum: Value = pegawai.get("/api/v1/realisasi/belum").send().await.unwrap().json().await.unwrap();
        assert_eq!(belum["sub_periode"][0]["ke"], 1);
        assert_eq!(belum["sub_periode"][0]["indikator"], json!([]));
        // Someone else's (or nobody's) period is not found.
        let res = pegawai.get("/api/v1/realisasi/belum?periode_id=tidak-ada").send().await.unwrap();
        assert_eq!(res.status(), 404);
        // Others see nothing.
        for nip in [DEMO_STAF3, DEMO_KABID2] {
            let s = app.login(nip).await;
            assert_eq!(s.get(&format!("/api/v1/skp/{id}/realisasi")).send().await.unwrap().status(), 404);
        }
    }
}

/// The dashboard without a named period: last year's while the caller's SKP
/// there is still open and this year's is not (at the turn of the year its
/// quarter IV is still due), then this year's once its SKP is set.
#[tokio::test]
async fn the_dashboard_keeps_last_years_open_skp_until_the_new_one_is_set() {
    let tahun = server::clock::hari_ini().tahun();
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let sekarang = periode_id(&app).await;
        let (lalu, lama) = crate::keamanan::periode_dengan_skp_diajukan(&app, tahun - 1).await;
        let pegawai = app.login(DEMO_STAF2).await;
        let penilai = app.login(DEMO_KABID1).await;
        let res = penilai.post(&format!("/api/v1/skp/{lama}/approve")).json(&json!({ "version": 2 })).send();
        assert_eq!(res.await.unwrap().status(), 200, "{backend:?}");
        let belum = || async {
            let res = pegawai.get("/api/v1/realisasi/belum").send().await.unwrap();
            assert_eq!(res.status(), 200);
            res.json::<Value>().await.unwrap()
        };

        // No SKP this year yet, or only a draft: last year's, all four quarters.
        let mut id = None;
        for langkah in ["no SKP this year", "a draft this year"] {
            let b = belum().await;
            assert_eq!(b["periode_id"].as_str(), Some(lalu.as_str()), "{backend:?}: {langkah}: {b}");
            assert_eq!(b["skp_id"].as_str(), Some(lama.as_str()));
            let ke: Vec<u64> = b["sub_periode"].as_array().unwrap().iter().map(|s| s["ke"].as_u64().unwrap()).collect();
            assert_eq!(ke, [1, 2, 3, 4], "{backend:?}: {langkah}");
            if id.is_none() {
                let draf: Value = create(&pegawai, &sekarang, "Rencana baru").await.json().await.unwrap();
                id = draf["id"].as_str().map(str::to_owned);
            }
        }
        // This year's SKP set: this year's.
        let id = id.unwrap();
        for (s, aksi, v) in [(&pegawai, "submit", 1), (&penilai, "approve", 2)] {
            let res = s.post(&format!("/api/v1/skp/{id}/{aksi}")).json(&json!({ "version": v })).send();
            assert_eq!(res.await.unwrap().status(), 200, "{backend:?}: {aksi}");
        }
        let b = belum().await;
        assert_eq!(b["periode_id"].as_str(), Some(sekarang.as_str()), "{backend:?}: {b}");
        assert_eq!(b["skp_id"].as_str(), Some(id.as_str()));
    }
}

#[tokio::test]
async fn a_realisation_is_refused_when_stale_out_of_the_period_or_not_in_the_plan() {
    for backend in backends() {
        let Siap { app, pegawai, penilai, id, v, .. } = siap(backend).await;

        let mut lain = realisasi(1, "80", "");
        lain["indikator_id"] = json!("tidak-ada");
        let cases: Vec<(&Session, i64, Value, u16, &str)> = vec![
            (&pegawai, v - 1, realisasi(1, "80", ""), 409, "stale_version"),
            // The period is quarterly: there is no fifth sub-period.
            (&pegawai, v, realisasi(5, "80", ""), 409, "unknown_evaluasi"),
            (&pegawai, v, lain, 409, "unknown_indikator"),
            (&pegawai, v, realisasi(1, "banyak", ""), 422, "validation"),
            (&pegawai, v, realisasi(1, "-3", ""), 422, "validation"),
            // Only the pegawai records.
            (&penilai, v, realisasi(1, "80", ""), 409, "not_allowed"),
        ];
        for (i, (s, version, r, status, code)) in cases.into_iter().enumerate() {
            let res = simpan(s, &id, version, r).await;
            assert_eq!(res.status(), status, "{backend:?}: case {i}");
            let body: Value = res.json().await.unwrap();
            assert_eq!(body["code"], code, "{backend:?}: case {i}: {body}");
            assert!(is_teks(&body["message"]));
            if code == "stale_version" {
                assert_eq!(body["current"]["version"], v, "the current SKP comes with a stale refusal");
            }
        }
        let admin = app.login(DEMO_ADMIN).await;
        assert_eq!(simpan(&admin, &id, v, realisasi(1, "80", "")).await.status(), 403);
        assert_eq!(version_of(&app, &id).await, v, "{backend:?}: no refusal changed anything");

        // The same key and body again: the first answer, applied once.
        let key = uuid::Uuid::new_v4().to_string();
        let send = |body: Value| {
            with_key(&pegawai, reqwest::Method::PUT, &format!("/api/v1/skp/{id}/realisasi"), &key)
                .json(&json!({ "version": v, "realisasi": body }))
                .send()
        };
        let first = send(realisasi(2, "70", "")).await.unwrap();
        assert_eq!(first.status(), 200, "{backend:?}");
        let first: Value = first.json().await.unwrap();
        let again = send(realisasi(2, "70", "")).await.unwrap();
        assert_eq!(again.status(), 200);
        assert_eq!(again.headers()["idempotent-replayed"], "true");
        assert_eq!(again.json::<Value>().await.unwrap(), first);
        let other = send(realisasi(2, "71", "")).await.unwrap();
        assert_eq!(other.status(), 422, "the key with another body");
        assert_eq!(version_of(&app, &id).await, v + 1, "{backend:?}: applied once");
    }
}

#[tokio::test]
async fn a_realisation_too_large_is_refused_and_an_unreadable_stored_preview_does_not_lock_readers_out() {
    for backend in backends() {
        let Siap { app, pegawai, penilai, id, v } = siap(backend).await;
        // "17" and 307 zeros is finite, its capaian is not: JSON would carry null.
        let res = simpan(&pegawai, &id, v, realisasi(1, &format!("17{}", "0".repeat(307)), "")).await;
        assert_eq!(res.status(), 422, "{backend:?}");
        let body: Value = res.json().await.unwrap();
        assert!(is_teks(&body["fields"]["nilai"][0]), "{body}");
        assert_eq!(version_of(&app, &id).await, v, "{backend:?}: nothing saved");

        // A preview stored before the bound (or in an older shape) that no longer reads back.
        assert_eq!(simpan(&pegawai, &id, v, realisasi(1, "85,5", "")).await.status(), 200);
        let db = app.connect().await;
        sqlx::query("UPDATE realisasi_preview SET preview = $1 WHERE skp_id = $2")
            .bind(r#"{"jenis":"permenpanrb_6_2022","rhk":null}"#)
            .bind(&id)
            .execute(db.pool())
            .await
            .unwrap();
        for (who, s) in [("pegawai", &pegawai), ("penilai", &penilai), ("admin", &app.login(DEMO_ADMIN).await)] {
            let res = s.get(&format!("/api/v1/skp/{id}/realisasi")).send().await.unwrap();
            assert_eq!(res.status(), 200, "{backend:?}: {who}");
            let doc: Value = res.json().await.unwrap();
            let preview = &doc["evaluasi"][0]["preview"];
            assert_eq!(preview["rhk"][0]["indikator"][0]["realisasi"], 85.5, "{backend:?}: recomputed: {doc}");
        }
    }
}

#[tokio::test]
async fn realisations_travel_in_an_outbox_batch() {
    for backend in backends() {
        let Siap { app, pegawai, id, v, .. } = siap(backend).await;
        let path = format!("/api/v1/skp/{id}/realisasi");
        let batch = json!({ "client_id": "hp-1", "mutations": [
            { "seq": 1, "idempotency_key": "r-1", "method": "PUT", "path": path,
              "body": { "version": v, "realisasi": realisasi(1, "60", "Offline di kereta") } },
            { "seq": 2, "idempotency_key": "r-2", "method": "PUT", "path": path,
              "body": { "version": v + 1, "realisasi": realisasi(2, "75", "") } },
        ]});
        let out: Value = pegawai.post("/api/v1/sync").json(&batch).send().await.unwrap().json().await.unwrap();
        let statuses: Vec<u64> =
            out["results"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
        assert_eq!(statuses, [200, 200], "{backend:?}: {out}");
        assert_eq!(out["results"][1]["body"]["version"], v + 2);
        let again: Value = pegawai.post("/api/v1/sync").json(&batch).send().await.unwrap().json().await.unwrap();
        assert_eq!(again["results"][0]["replayed"], true);
        assert_eq!(version_of(&app, &id).await, v + 2, "{backend:?}: applied once");
    }
}

#[tokio::test]
async fn evidence_is_stored_by_its_bytes_served_as_an_attachment_and_deleted_by_its_owner() {
    for backend in backends() {
        let Siap { app, pegawai, penilai, id, .. } = siap(backend).await;

        // Stored under a name that is only shown; the type comes from the bytes.
        let key = uuid::Uuid::new_v4().to_string();
        let kirim = || {
            with_key(
                &pegawai,
                reqwest::Method::POST,
                &format!("/api/v1/skp/{id}/bukti?indikator_id=i1&evaluasi=periodik-1"),
                &key,
            )
            .header("x-nama-berkas", "Laporan%20TW%20I%20Budi.pdf")
            .header("content-type", "image/png")
            .body(PDF.to_vec())
            .send()
        };
        let res = kirim().await.unwrap();
        assert_eq!(res.status(), 201, "{backend:?}");
        let bukti: Value = res.json().await.unwrap();
        assert_eq!(bukti["jenis"], "pdf");
        assert_eq!(bukti["nama"], "Laporan TW I Budi.pdf");
        assert_eq!(bukti["ukuran"], PDF.len());
        assert_eq!(bukti["sha256"], hex::encode(sha2::Sha256::digest(PDF)));
        let bukti_id = bukti["id"].as_str().unwrap().to_owned();
        // The object's key holds ids only; nothing temporary is left.
        let files = berkas_di(app.objek.path());
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(files[0].ends_with(&bukti_id) && !files[0].contains("Budi"), "{files:?}");

        // The same upload sent again (its answer was lost): the first answer, one file.
        let again = kirim().await.unwrap();
        assert_eq!(again.status(), 201);
        assert_eq!(again.headers()["idempotent-replayed"], "true");
        assert_eq!(again.json::<Value>().await.unwrap(), bukti);
        assert_eq!((jumlah_bukti(&app).await, berkas_di(app.objek.path()).len()), (1, 1));

        // Listed with its sub-period.
        let doc: Value =
            penilai.get(&format!("/api/v1/skp/{id}/realisasi")).send().await.unwrap().json().await.unwrap();
        // (The API's JSON is still compressed.)
        let res = penilai.get(&format!("/api/v1/skp/{id}/realisasi")).header("accept-encoding", "br").send();
        assert_eq!(res.await.unwrap().headers()["content-encoding"], "br");
        assert_eq!(doc["evaluasi"][0]["bukti"][0]["id"], bukti_id.as_str());
        assert_eq!(doc["evaluasi"][1]["bukti"], json!([]));

        // Downloaded by each reader, as an attachment that is never sniffed.
        for nip in [DEMO_STAF2, DEMO_KABID1, DEMO_KEPALA, DEMO_ADMIN] {
            let s = app.login(nip).await;
            // A browser asks for brotli; a file is sent as stored, never compressed on the fly.
            let res = s.get(&format!("/api/v1/bukti/{bukti_id}")).header("accept-encoding", "br, gzip").send();
            let res = res.await.unwrap();
            assert_eq!(res.status(), 200, "{backend:?}: {nip}");
            let h = res.headers();
            assert!(h.get("content-encoding").is_none(), "{backend:?}: {h:?}");
            assert_eq!(h["content-type"], "application/pdf");
            assert_eq!(h["x-content-type-options"], "nosniff");
            let cd = h["content-disposition"].to_str().unwrap();
            assert_eq!(cd, format!("attachment; filename=\"bukti-{bukti_id}.pdf\""));
            assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
        }

        // Uploading is the pegawai's alone: the penilai and the admin, who read it, may not.
        let res = unggah(&penilai, &id, "periodik-1", "x.pdf", PDF.to_vec()).await;
        assert_eq!(res.status(), 409, "{backend:?}");
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "not_allowed");
        let admin = app.login(DEMO_ADMIN).await;
        assert_eq!(unggah(&admin, &id, "periodik-1", "x.pdf", PDF.to_vec()).await.status(), 403);
        assert_eq!((jumlah_bukti(&app).await, berkas_di(app.objek.path()).len()), (1, 1), "{backend:?}");

        // Deleting: not by the penilai, nor the admin; by the owner.
        let hapus = |s: &Session| s.send(reqwest::Method::DELETE, &format!("/api/v1/bukti/{bukti_id}")).send();
        let res = hapus(&penilai).await.unwrap();
        assert_eq!(res.status(), 409);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "not_allowed");
        assert_eq!(hapus(&admin).await.unwrap().status(), 403);
        assert_eq!(jumlah_bukti(&app).await, 1, "a refusal deleted nothing");
        let res = hapus(&pegawai).await.unwrap();
        assert_eq!(res.status(), 200, "{backend:?}");
        assert_eq!(res.json::<Value>().await.unwrap()["id"], bukti_id.as_str());
        assert_eq!(jumlah_bukti(&app).await, 0);
        assert_eq!(berkas_di(app.objek.path()), Vec::<String>::new(), "the object went with its record");
        assert_eq!(pegawai.get(&format!("/api/v1/bukti/{bukti_id}")).send().await.unwrap().status(), 404);
        assert_eq!(hapus(&pegawai).await.unwrap().status(), 404, "gone");
    }
}

/// A whole ZIP of stored entries (local headers, central directory, end
/// record), as an office suite writes one; `lem`: bytes put before it.
fn zip(lem: &[u8], entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = lem.to_vec();
    let mut pusat = Vec::new();
    for (nama, isi) in entries {
        let offset = out.len() as u32;
        let ukuran = (isi.len() as u32).to_le_bytes();
        let n = (nama.len() as u16).to_le_bytes();
        out.extend_from_slice(b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0");
        out.extend_from_slice(&ukuran);
        out.extend_from_slice(&ukuran);
        out.extend_from_slice(&n);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(nama.as_bytes());
        out.extend_from_slice(isi);
        pusat.extend_from_slice(b"PK\x01\x02\x14\0\x14\0\0\0\0\0\0\0\0\0\0\0\0\0");
        pusat.extend_from_slice(&ukuran);
        pusat.extend_from_slice(&ukuran);
        pusat.extend_from_slice(&n);
        pusat.extend_from_slice(&[0; 12]);
        pusat.extend_from_slice(&offset.to_le_bytes());
        pusat.extend_from_slice(nama.as_bytes());
    }
    let (awal, jumlah) = ((out.len() as u32).to_le_bytes(), (entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&pusat);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&jumlah);
    out.extend_from_slice(&jumlah);
    out.extend_from_slice(&(pusat.len() as u32).to_le_bytes());
    out.extend_from_slice(&awal);
    out.extend_from_slice(&[0, 0]);
    out
}

#[tokio::test]
async fn an_office_document_is_judged_whole_and_one_with_macros_is_refused() {
    for backend in backends() {
        let Siap { app, pegawai, id, .. } = siap(backend).await;
        let isi = [("[Content_Types].xml", &b"<Types/>"[..]), ("word/document.xml", &b"<w:document/>"[..])];
        // Padding past the first 64 KiB: the central directory is read back from the store.
        let besar = vec![b'x'; 200 * 1024];
        let docx = zip(&[], &[isi[0], isi[1], ("word/media/image1.png", &besar)]);
        let res = unggah(&pegawai, &id, "periodik-1", "laporan.docx", docx).await;
        assert_eq!(res.status(), 201, "{backend:?}: {}", res.text().await.unwrap());
        assert_eq!(jumlah_bukti(&app).await, 1);

        let docm = zip(&[], &[isi[0], isi[1], ("word/vbaProject.bin", &besar)]);
        let res = unggah(&pegawai, &id, "periodik-1", "laporan.docx", docm).await;
        assert_eq!(res.status(), 415, "{backend:?}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "file_has_macros");
        assert!(body["message"]["id"].as_str().unwrap().contains("makro"), "{body}");
        // A document's first entries glued before another archive, whose
        // central directory (what a reader opens) lists other files.
        let depan = zip(&[], &isi);
        // (The two local headers with their content: 30 bytes, the name, the content, each.)
        let depan = &depan[..30 + 19 + 8 + 30 + 17 + 13];
        let lem = zip(depan, &[("setup.exe", &b"MZ\x90\0"[..]), ("word/x.xml", &b"<w/>"[..])]);
        let res = unggah(&pegawai, &id, "periodik-1", "laporan.docx", lem).await;
        assert_eq!(res.status(), 415, "{backend:?}");
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "file_type_refused");
        // Only the first document was kept, record and object.
        assert_eq!(jumlah_bukti(&app).await, 1, "{backend:?}");
        assert_eq!(berkas_di(app.objek.path()).len(), 1, "{backend:?}: {:?}", berkas_di(app.objek.path()));
    }
}

#[tokio::test]
async fn a_file_too_large_of_a_refused_kind_or_cut_off_leaves_nothing() {
    for backend in backends() {
        let Siap { app, pegawai, id, .. } = siap(backend).await;
        let nothing_left = |why: &'static str| {
            let app = &app;
            async move {
                assert_eq!(jumlah_bukti(app).await, 0, "{backend:?}: {why}: a record");
                assert_eq!(berkas_di(app.objek.path()), Vec::<String>::new(), "{backend:?}: {why}: an object");
            }
        };

        // An executable named .pdf, sent as a PDF.
        let mut exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
        exe.resize(4096, 0);
        let res = unggah(&pegawai, &id, "periodik-1", "laporan.pdf", exe).await;
        assert_eq!(res.status(), 415, "{backend:?}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "file_type_refused");
        assert!(is_teks(&body["message"]));
        nothing_left("an executable").await;

        // Larger than 10 MiB, said up front: refused unread.
        let besar = [PDF.to_vec(), vec![b' '; 10 * 1024 * 1024]].concat();
        let res = unggah(&pegawai, &id, "periodik-1", "besar.pdf", besar.clone()).await;
        assert_eq!(res.status(), 413, "{backend:?}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "file_too_large");
        assert!(body["message"]["id"].as_str().unwrap().contains("10 MiB"), "{body}");
        nothing_left("a huge declared body").await;

        // Larger than 10 MiB, sent without a length (chunked): refused as it comes.
        let (_, status) = mentah(&app, &pegawai, &id, Kirim::Chunked(&besar)).await;
        assert_eq!(status, Some(413), "{backend:?}");
        nothing_left("a huge chunked body").await;

        // Cut off: the client says 200 000 bytes, sends half and goes away,
        // once the server is writing it (a temporary object exists).
        let mut setengah = PDF.to_vec();
        setengah.resize(100_000, b' ');
        let (tcp, _) = mentah(&app, &pegawai, &id, Kirim::Putus { panjang: 200_000, isi: &setengah }).await;
        let ada = |app: &TestApp| !berkas_di(app.objek.path()).is_empty();
        // (At most 30 s on a machine under load: the server answers no one here.)
        for _ in 0..300 {
            if ada(&app) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(ada(&app), "{backend:?}: the upload was being stored");
        drop(tcp);
        for _ in 0..300 {
            if !ada(&app) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        nothing_left("an upload cut off").await;

        // An empty file.
        assert_eq!(unggah(&pegawai, &id, "periodik-1", "kosong.pdf", Vec::new()).await.status(), 422);
        // Hostile targets: a path in the indicator or the evaluation, a sub-period not in the period.
        let res = pegawai
            .post(&format!("/api/v1/skp/{id}/bukti?indikator_id=..%2F..%2Fetc&evaluasi=periodik-1"))
            .body(PDF.to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "unknown_indikator");
        assert_eq!(unggah(&pegawai, &id, "..%2Ftahunan", "x.pdf", PDF.to_vec()).await.status(), 422);
        assert_eq!(unggah(&pegawai, &id, "periodik-9", "x.pdf", PDF.to_vec()).await.status(), 409);
        nothing_left("hostile targets").await;
        for path in ["/api/v1/bukti/..%2F..%2Fetc%2Fpasswd", "/api/v1/bukti/%2e%2e", "/api/v1/bukti/x%00y"] {
            assert_eq!(pegawai.get(path).send().await.unwrap().status(), 404, "{path}");
        }

        // A good file still goes through afterwards.
        assert_eq!(unggah(&pegawai, &id, "periodik-1", "ok.pdf", PDF.to_vec()).await.status(), 201);
        assert_eq!(berkas_di(app.objek.path()).len(), 1);
    }
}

enum Kirim<'a> {
    /// The whole body in chunked encoding (no length).
    Chunked(&'a [u8]),
    /// Says `panjang` bytes and sends `isi` only: the connection is handed
    /// back open, for the test to drop.
    Putus { panjang: usize, isi: &'a [u8] },
}

/// An upload over a raw connection, for what an HTTP client library will
/// not send: the connection, and the answer's status when one came.
async fn mentah(app: &TestApp, s: &Session, id: &str, kirim: Kirim<'_>) -> (tokio::net::TcpStream, Option<u16>) {
    let mut tcp = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let panjang = match &kirim {
        Kirim::Chunked(_) => "Transfer-Encoding: chunked".to_owned(),
        Kirim::Putus { panjang, .. } => format!("Content-Length: {panjang}"),
    };
    let head = format!(
        "POST /api/v1/skp/{id}/bukti?indikator_id=i1&evaluasi=periodik-1 HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\n\
         X-CSRF-Token: {}\r\nIdempotency-Key: {}\r\nContent-Type: application/pdf\r\n{panjang}\r\n\r\n",
        app.addr,
        s.cookie,
        s.csrf,
        uuid::Uuid::new_v4()
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    match kirim {
        Kirim::Putus { isi, .. } => {
            tcp.write_all(isi).await.unwrap();
            tcp.flush().await.unwrap();
            (tcp, None)
        }
        Kirim::Chunked(isi) => {
            for chunk in isi.chunks(64 * 1024) {
                let frame = [format!("{:x}\r\n", chunk.len()).into_bytes(), chunk.to_vec(), b"\r\n".to_vec()].concat();
                // The server may answer and stop reading before the end.
                if tcp.write_all(&frame).await.is_err() {
                    break;
                }
            }
            let _ = tcp.write_all(b"0\r\n\r\n").await;
            let mut answer = vec![0u8; 1024];
            let n = tcp.read(&mut answer).await.unwrap_or(0);
            let status = String::from_utf8_lossy(&answer[..n]).split(' ').nth(1).and_then(|s| s.parse().ok());
            (tcp, status)
        }
    }
}

/// Twenty-one uploads at once, each larger than any JSON body may be (2 MiB):
/// twenty stored whole, each with its own hash, none mixed up; the one over
/// the quota of twenty files per indicator and evaluation refused (all pass
/// the check before receiving: the one in the write refuses it).
#[tokio::test]
async fn twenty_uploads_at_once_are_each_stored_whole_and_a_twenty_first_is_refused() {
    for backend in backends() {
        let Siap { app, pegawai, id, .. } = siap(backend).await;
        let isi: Vec<Vec<u8>> = (0..21u8)
            .map(|i| {
                let mut f = PDF.to_vec();
                f.resize(2 * 1024 * 1024, i);
                f
            })
            .collect();
        let mut semua = tokio::task::JoinSet::new();
        for f in &isi {
            let (s, id, f) = (pegawai.clone(), id.clone(), f.clone());
            semua.spawn(async move {
                let res = unggah(&s, &id, "periodik-1", "besar.pdf", f).await;
                (res.status().as_u16(), res.json::<Value>().await.unwrap())
            });
        }
        let mut hash: Vec<String> = Vec::new();
        let mut ditolak = Vec::new();
        for (status, body) in semua.join_all().await {
            if status == 201 {
                hash.push(body["sha256"].as_str().unwrap().to_owned());
            } else {
                ditolak.push((status, body));
            }
        }
        assert_eq!(ditolak.len(), 1, "{backend:?}: {ditolak:?}");
        let (status, body) = &ditolak[0];
        assert_eq!((*status, body["code"].as_str()), (409, Some("too_many_files")), "{backend:?}: {body}");
        assert!(is_teks(&body["message"]));
        let db = app.connect().await;
        let tersimpan: Vec<(String,)> = sqlx::query_as("SELECT sha256 FROM bukti").fetch_all(db.pool()).await.unwrap();
        let mut harapan: Vec<String> = tersimpan.into_iter().map(|(h,)| h).collect();
        hash.sort();
        harapan.sort();
        assert_eq!(hash, harapan, "{backend:?}");
        let semua_hash: Vec<String> = isi.iter().map(|f| hex::encode(sha2::Sha256::digest(f))).collect();
        assert!(hash.iter().all(|h| semua_hash.contains(h)), "{backend:?}: each stored whole");
        assert_eq!((jumlah_bukti(&app).await, berkas_di(app.objek.path()).len()), (20, 20), "{backend:?}");
        for f in berkas_di(app.objek.path()) {
            assert_eq!(std::fs::metadata(app.objek.path().join(&f)).unwrap().len(), 2 * 1024 * 1024);
        }
        // One more, later: refused before it is received; another evaluation's quota is its own.
        let res = unggah(&pegawai, &id, "periodik-1", "lagi.pdf", PDF.to_vec()).await;
        assert_eq!(res.status(), 409, "{backend:?}");
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "too_many_files");
        assert_eq!(unggah(&pegawai, &id, "periodik-2", "tw2.pdf", PDF.to_vec()).await.status(), 201);
        assert_eq!((jumlah_bukti(&app).await, berkas_di(app.objek.path()).len()), (21, 21), "{backend:?}");
    }
}

/// An upload that stops sending (a phone that lost its signal, or someone
/// holding uploads open) is cut off after the configured wait, its
/// temporary object removed, while the connection is still open.
#[tokio::test]
async fn a_stalled_upload_is_cut_off_and_leaves_nothing() {
    for backend in backends() {
        let Siap { app, pegawai, id, .. } = siap_dengan(backend, |a| a.berkas.bukti_jeda_detik = 1).await;
        let mut awal = PDF.to_vec();
        awal.resize(100_000, b' ');
        let (mut tcp, _) = mentah(&app, &pegawai, &id, Kirim::Putus { panjang: 200_000, isi: &awal }).await;
        let mut jawaban = Vec::new();
        let mut buf = vec![0u8; 4096];
        // The answer comes without the client closing anything.
        let baca = async {
            while !String::from_utf8_lossy(&jawaban).contains("upload_incomplete") {
                let n = tcp.read(&mut buf).await.unwrap_or(0);
                if n == 0 {
                    break;
                }
                jawaban.extend_from_slice(&buf[..n]);
            }
        };
        tokio::time::timeout(Duration::from_secs(20), baca).await.expect("an answer within 20 s");
        let teks = String::from_utf8_lossy(&jawaban);
        assert!(teks.starts_with("HTTP/1.1 400"), "{backend:?}: {teks}");
        assert!(teks.contains("upload_incomplete"), "{backend:?}: {teks}");
        assert_eq!(berkas_di(app.objek.path()), Vec::<String>::new(), "{backend:?}: nothing left");
        assert_eq!(jumlah_bukti(&app).await, 0);
        drop(tcp);
    }
}

/// The checks made before a file is received are made again in the write
/// that records it: an SKP closed while its file was on the way (here the
/// year closed by hand in the database, as the annual evaluation will) gets
/// nothing stored.
#[tokio::test]
async fn an_upload_to_an_skp_closed_while_it_was_received_stores_nothing() {
    for backend in backends() {
        let Siap { app, pegawai, id, .. } = siap(backend).await;
        let mut awal = PDF.to_vec();
        awal.resize(100_000, b' ');
        let (mut tcp, _) = mentah(&app, &pegawai, &id, Kirim::Putus { panjang: 200_000, isi: &awal }).await;
        // Checked and being received once a temporary object exists.
        for _ in 0..300 {
            if !berkas_di(app.objek.path()).is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(!berkas_di(app.objek.path()).is_empty(), "{backend:?}: the upload was being stored");
        let db = app.connect().await;
        let tutup = sqlx::query(
            "UPDATE skp SET status = 'final', dokumen = REPLACE(dokumen, '\"status\":\"ditetapkan\"', \
             '\"status\":\"final\"') WHERE id = $1",
        )
        .bind(&id)
        .execute(db.pool())
        .await
        .unwrap();
        assert_eq!(tutup.rows_affected(), 1);
        tcp.write_all(&vec![b' '; 100_000]).await.unwrap();
        let mut jawaban = Vec::new();
        let mut buf = vec![0u8; 4096];
        while !String::from_utf8_lossy(&jawaban).contains("\"code\"") {
            match tokio::time::timeout(Duration::from_secs(30), tcp.read(&mut buf)).await {
                Ok(Ok(n)) if n > 0 => jawaban.extend_from_slice(&buf[..n]),
                _ => break,
            }
        }
        let jawaban = String::from_utf8_lossy(&jawaban);
        assert!(jawaban.starts_with("HTTP/1.1 409"), "{backend:?}: {jawaban}");
        assert!(jawaban.contains("\"code\":\"invalid_transition\""), "{backend:?}: {jawaban}");
        assert_eq!(jumlah_bukti(&app).await, 0, "{backend:?}: no record");
        assert_eq!(berkas_di(app.objek.path()), Vec::<String>::new(), "{backend:?}: no object");
    }
}

/// A record whose object was lost (a restore, a bucket emptied by hand) is
/// a 404 to download, not a server error.
#[tokio::test]
async fn a_record_whose_object_was_lost_is_not_found() {
    for backend in backends() {
        let Siap { app, pegawai, id, .. } = siap(backend).await;
        let res = unggah(&pegawai, &id, "periodik-1", "x.pdf", PDF.to_vec()).await;
        assert_eq!(res.status(), 201, "{backend:?}");
        let bukti_id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
        for f in berkas_di(app.objek.path()) {
            std::fs::remove_file(app.objek.path().join(f)).unwrap();
        }
        let res = pegawai.get(&format!("/api/v1/bukti/{bukti_id}")).send().await.unwrap();
        assert_eq!(res.status(), 404, "{backend:?}");
        assert!(is_teks(&res.json::<Value>().await.unwrap()["message"]));
    }
}

/// What an upload cut short by a stop of the server left in the temporary
/// folder is swept once it is old enough never to be one still running.
#[tokio::test]
async fn unfinished_uploads_left_by_a_stop_are_swept() {
    let (dir, args) = crate::helpers::objek_sementara();
    let berkas = server::berkas::Berkas::dari_config(&args).unwrap();
    let sementara = dir.path().join("sementara");
    std::fs::create_dir_all(&sementara).unwrap();
    for nama in ["lama#1", "baru#1"] {
        std::fs::write(sementara.join(nama), b"%PDF-").unwrap();
    }
    let dulu = std::time::SystemTime::now() - Duration::from_secs(2 * 60 * 60);
    std::fs::File::options().write(true).open(sementara.join("lama#1")).unwrap().set_modified(dulu).unwrap();
    assert_eq!(berkas.sapu_sementara(Duration::from_secs(60 * 60)).await.unwrap(), 1);
    assert_eq!(berkas_di(dir.path()), ["sementara/baru#1"]);
}
