//! Being told (issue 25): the workflow's steps reach the other side's bell,
//! each person reads and marks only their own, and a penilai's reminder
//! reaches only their own subordinate, once a day.

use serde_json::{Value, json};

use crate::helpers::{
    Backend, DEMO_ADMIN, DEMO_KABID1, DEMO_KABID2, DEMO_STAF2, DEMO_STAF3, Session, backends, spawn_app_with,
};
use crate::matrix::other_instansi;
use crate::org::pegawai_id;
use crate::skp::{create, periode_id};

async fn daftar(s: &Session) -> Value {
    let res = s.get("/api/v1/notifikasi").send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// The kinds of a person's notifications, newest first, without the
/// deadline reminder (which depends on today's date: tested on its own).
fn jenis(d: &Value) -> Vec<String> {
    d["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["peristiwa"].as_str().unwrap().to_owned())
        .filter(|j| j != "tenggat_skp")
        .collect()
}

async fn langkah(s: &Session, id: &str, aksi: &str, version: i64) {
    let res = s
        .post(&format!("/api/v1/skp/{id}/{aksi}"))
        .json(&json!({ "version": version, "catatan": "Naikkan targetnya." }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{aksi}");
}

#[tokio::test]
async fn each_person_reads_and_marks_only_their_own() {
    for backend in backends() {
        each_person_reads_and_marks_only_their_own_on(backend).await;
    }
}

async fn each_person_reads_and_marks_only_their_own_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let pegawai = app.login(DEMO_STAF2).await;
    let penilai = app.login(DEMO_KABID1).await;
    let skp: Value = create(&pegawai, &periode, "Terlaksananya pelatihan teknis").await.json().await.unwrap();
    let id = skp["id"].as_str().unwrap();
    // A save tells nobody; a submission tells the penilai, never the pegawai.
    langkah(&pegawai, id, "submit", 1).await;
    let d = daftar(&penilai).await;
    assert_eq!(jenis(&d), ["skp_diajukan"], "{backend:?}: {d}");
    let n = d["item"].as_array().unwrap().iter().find(|n| n["peristiwa"] == "skp_diajukan").unwrap();
    assert_eq!(n["skp_id"], id);
    assert_eq!(n["dibaca"], false);
    assert_eq!(n["teks"]["id"], "Nur Aisyah mengajukan SKP 2026 untuk Anda tinjau.");
    assert_eq!(n["teks"]["en"], "Nur Aisyah submitted their 2026 SKP for your review.");
    assert!(jenis(&daftar(&pegawai).await).is_empty(), "the one who acted is not told");
    // Returned, submitted again, approved: the pegawai hears of each step taken by the penilai.
    langkah(&penilai, id, "return", 2).await;
    langkah(&pegawai, id, "submit", 3).await;
    langkah(&penilai, id, "approve", 4).await;
    let d = daftar(&pegawai).await;
    assert_eq!(jenis(&d), ["skp_disetujui", "skp_dikembalikan"], "newest first: {d}");
    assert_eq!(d["item"][0]["teks"]["id"], "SKP 2026 Anda disetujui oleh Siti Rahmawati.");
    assert_eq!(jenis(&daftar(&penilai).await), ["skp_diajukan", "skp_diajukan"]);
    // Someone else marking the pegawai's notification read changes nothing.
    let lain = app.login(DEMO_STAF3).await;
    let nid = d["item"][0]["id"].as_str().unwrap();
    assert!(jenis(&daftar(&lain).await).is_empty(), "a colleague sees none of it");
    let res = lain.post("/api/v1/notifikasi/baca").json(&json!({ "id": nid })).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let d = daftar(&pegawai).await;
    assert_eq!(d["item"][0]["id"], nid);
    assert_eq!(d["item"][0]["dibaca"], false, "another person's mark changed nothing");
    let belum = d["belum_dibaca"].as_i64().unwrap();
    assert!(belum >= 2, "{belum}");
    // The pegawai marks one, then all.
    let res = pegawai.post("/api/v1/notifikasi/baca").json(&json!({ "id": nid })).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let d = daftar(&pegawai).await;
    assert_eq!(d["belum_dibaca"].as_i64().unwrap(), belum - 1);
    assert_eq!(d["item"][0]["dibaca"], true);
    pegawai.post("/api/v1/notifikasi/baca").json(&json!({})).send().await.unwrap();
    assert_eq!(daftar(&pegawai).await["belum_dibaca"], 0);
    // The bell's count is the list's.
    let jumlah = |s: &Session| s.get("/api/v1/notifikasi/jumlah").send();
    let j: Value = jumlah(&pegawai).await.unwrap().json().await.unwrap();
    assert_eq!(j, json!({ "belum_dibaca": 0 }));
    let j: Value = jumlah(&penilai).await.unwrap().json().await.unwrap();
    assert_eq!(j["belum_dibaca"], daftar(&penilai).await["belum_dibaca"]);
    assert!(daftar(&penilai).await["belum_dibaca"].as_i64().unwrap() >= 2, "the penilai's are still unread");
    // A guest gets nothing.
    let res = app.client.get(app.url("/api/v1/notifikasi")).send().await.unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn a_reminder_reaches_only_a_subordinate_once_a_day() {
    for backend in backends() {
        a_reminder_reaches_only_a_subordinate_once_a_day_on(backend).await;
    }
}

async fn a_reminder_reaches_only_a_subordinate_once_a_day_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let db = app.connect().await;
    let (p2, o_peg, _o_pen, o_adm) = other_instansi(&db).await;
    let periode = periode_id(&app).await;
    let admin = app.login(DEMO_ADMIN).await;
    let staf2_id = pegawai_id(&admin, DEMO_STAF2).await;
    let staf3_id = pegawai_id(&admin, DEMO_STAF3).await;
    let penilai = app.login(DEMO_KABID1).await;
    let ingatkan = |s: &Session, pegawai: &str, periode: &str| {
        s.post("/api/v1/penilai/ingatkan").json(&json!({ "pegawai_id": pegawai, "periode_id": periode })).send()
    };
    // Nobody but the penilai: another penilai, a colleague, the admin, the
    // other instansi's admin; and not someone of another instansi.
    for (who, nip) in
        [("other penilai", DEMO_KABID2), ("colleague", DEMO_STAF3), ("admin", DEMO_ADMIN), ("admin there", &o_adm)]
    {
        let s = app.login(nip).await;
        assert_eq!(ingatkan(&s, &staf2_id, &periode).await.unwrap().status(), 404, "{backend:?}: {who}");
    }
    let o_peg_id: (String,) =
        sqlx::query_as("SELECT id FROM pegawai WHERE nip = $1").bind(&o_peg).fetch_one(db.pool()).await.unwrap();
    assert_eq!(ingatkan(&penilai, &o_peg_id.0, &p2).await.unwrap().status(), 404, "another instansi's pegawai");
    assert_eq!(ingatkan(&penilai, &o_peg_id.0, &periode).await.unwrap().status(), 404);
    let pegawai = app.login(DEMO_STAF2).await;
    assert!(jenis(&daftar(&pegawai).await).is_empty(), "none of the refused reached them");
    // The penilai's own subordinate: told once; again within a day is refused.
    assert_eq!(ingatkan(&penilai, &staf2_id, &periode).await.unwrap().status(), 204);
    let again = ingatkan(&penilai, &staf2_id, &periode).await.unwrap();
    assert_eq!(again.status(), 409);
    let body: Value = again.json().await.unwrap();
    assert_eq!(body["code"], "sudah_diingatkan");
    let d = daftar(&pegawai).await;
    assert_eq!(jenis(&d), ["pengingat"]);
    assert_eq!(d["item"][0]["teks"]["id"], "Siti Rahmawati mengingatkan Anda untuk menyusun dan mengajukan SKP 2026.");
    // A subordinate whose plan is submitted is not reminded.
    let staf3 = app.login(DEMO_STAF3).await;
    let skp: Value = create(&staf3, &periode, "Terselenggaranya pelatihan").await.json().await.unwrap();
    langkah(&staf3, skp["id"].as_str().unwrap(), "submit", 1).await;
    let res = ingatkan(&penilai, &staf3_id, &periode).await.unwrap();
    assert_eq!(res.status(), 409);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "sudah_diajukan");
}

#[tokio::test]
async fn the_deadline_reminder_comes_once_while_the_plan_is_not_set() {
    let app = spawn_app_with(Backend::Sqlite, None, true).await;
    let pegawai = app.login(DEMO_STAF2).await;
    // Whether the deadline of the seeded period is near or past today, by the same rules.
    let periode = domain::periode::PeriodeInput {
        id: "p".into(),
        tahun: "2026".into(),
        siklus: domain::periode::SiklusPeriodik::Triwulanan,
        rule_set: None,
        mulai: "2026-01-01".into(),
        selesai: "2026-12-31".into(),
    }
    .validate()
    .unwrap();
    // Only while the period runs (from 2027 the seeded 2026 period has ended: no reminder).
    let hari_ini = server::clock::hari_ini();
    let dekat = hari_ini.tahun() == 2026
        && domain::kalender::Kalender::nasional().sisa_hari_kerja(hari_ini, periode.batas_penetapan_skp()) <= 5;
    assert_eq!(periode.batas_penetapan_skp().to_string(), "2026-01-31", "the SKP deadline: the end of January");
    let tenggat = |d: &Value| d["item"].as_array().unwrap().iter().filter(|n| n["peristiwa"] == "tenggat_skp").count();
    assert_eq!(tenggat(&daftar(&pegawai).await), usize::from(dekat));
    assert_eq!(tenggat(&daftar(&pegawai).await), usize::from(dekat), "kept once, not once per look");
    // The head of the instansi has no penilai, so no plan to set: no reminder.
    let kepala = app.login(crate::helpers::DEMO_KEPALA).await;
    assert_eq!(tenggat(&daftar(&kepala).await), 0);
}
