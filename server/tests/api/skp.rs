//! The SKP planning API: the whole planning stage on both databases, and
//! the refusals (404, 403, 409, 422) that keep it honest.

use serde_json::{Value, json};

use crate::helpers::{
    Backend, DEMO_ADMIN, DEMO_KABID1, DEMO_KABID2, DEMO_KEPALA, DEMO_STAF2, DEMO_STAF3, Session, TestApp, backends,
    is_teks, spawn_app_with,
};
use crate::org::pegawai_id;

pub fn rencana(uraian: &str) -> Value {
    json!({
        "pendekatan": "kuantitatif",
        "rhk": [{
            "id": "r1",
            "uraian": uraian,
            "jenis": "utama",
            "rhk_atasan_id": "",
            "perspektif": null,
            "indikator": [{
                "id": "i1", "uraian": "Persentase usulan diklat yang diproses tepat waktu", "aspek": "kuantitas",
                "target": "90", "target_maks": "", "satuan": "persen", "polaritas": "normal"
            }]
        }],
        "lampiran": {
            "dukungan_sumber_daya": ["Aplikasi SIASN"],
            "skema_pertanggungjawaban": ["Laporan triwulanan"],
            "konsekuensi": ["Rekomendasi pengembangan kompetensi"]
        },
        "ekspektasi_khusus": []
    })
}

pub async fn periode_id(app: &TestApp) -> String {
    let db = app.connect().await;
    let (id,): (String,) =
        sqlx::query_as("SELECT id FROM periode WHERE tahun = 2026").fetch_one(db.pool()).await.unwrap();
    id
}

/// `POST /api/v1/skp` with the fixture plan described by `uraian`.
pub async fn create(s: &Session, periode: &str, uraian: &str) -> reqwest::Response {
    s.post("/api/v1/skp").json(&json!({ "periode_id": periode, "rencana": rencana(uraian) })).send().await.unwrap()
}

async fn act(s: &Session, id: &str, aksi: &str, version: i64, catatan: &str) -> reqwest::Response {
    s.post(&format!("/api/v1/skp/{id}/{aksi}"))
        .json(&json!({ "version": version, "catatan": catatan }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_planning_stage_runs_from_draft_to_approval() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let pegawai = app.login(DEMO_STAF2).await;
        let penilai = app.login(DEMO_KABID1).await;

        let res = create(&pegawai, &periode, "Terlaksananya pelatihan teknis").await;
        assert_eq!(res.status(), 201, "{backend:?}");
        let skp: Value = res.json().await.unwrap();
        let id = skp["id"].as_str().unwrap().to_owned();
        assert_eq!(skp["status"], "draf");
        assert_eq!(skp["version"], 1);
        assert_eq!(skp["akses"], "pegawai");

        // The penilai's queue shows the draft.
        let queue: Value = penilai
            .get(&format!("/api/v1/penilai/skp?periode_id={periode}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let mine = queue.as_array().unwrap().iter().find(|i| i["skp_id"] == id.as_str()).expect("in the queue");
        assert_eq!(mine["status"], "draf");
        assert_eq!(queue.as_array().unwrap().len(), 3, "kabid1 rates three pegawai");

        let submitted: Value = act(&pegawai, &id, "submit", 1, "").await.json().await.unwrap();
        assert_eq!(submitted["status"], "diajukan");

        let returned = act(&penilai, &id, "return", 2, "Target terlalu rendah; naikkan ke 95%.").await;
        assert_eq!(returned.status(), 200);
        let returned: Value = returned.json().await.unwrap();
        assert_eq!(returned["status"], "dikembalikan");
        assert_eq!(returned["akses"], "pejabat_penilai");

        let mut fixed = rencana("Terlaksananya pelatihan teknis");
        fixed["rhk"][0]["indikator"][0]["target"] = json!("95");
        let edited = pegawai
            .put(&format!("/api/v1/skp/{id}"))
            .json(&json!({ "version": 3, "rencana": fixed }))
            .send()
            .await
            .unwrap();
        assert_eq!(edited.status(), 200);
        let edited: Value = edited.json().await.unwrap();
        assert_eq!(edited["isian"]["rhk"][0]["indikator"][0]["target"], "95");

        assert_eq!(act(&pegawai, &id, "submit", 4, "").await.status(), 200);
        let approved: Value = act(&penilai, &id, "approve", 5, "").await.json().await.unwrap();
        assert_eq!(approved["status"], "ditetapkan");

        let history: Value =
            pegawai.get(&format!("/api/v1/skp/{id}/versi")).send().await.unwrap().json().await.unwrap();
        let aksi: Vec<&str> = history.as_array().unwrap().iter().map(|v| v["aksi"].as_str().unwrap()).collect();
        assert_eq!(aksi, ["create", "submit", "return", "update", "submit", "approve"]);
        assert_eq!(history[2]["skp"]["riwayat"][1]["catatan"], "Target terlalu rendah; naikkan ke 95%.");

        // An approved SKP is no longer editable by the pegawai.
        let locked = pegawai
            .put(&format!("/api/v1/skp/{id}"))
            .json(&json!({ "version": 6, "rencana": fixed }))
            .send()
            .await
            .unwrap();
        assert_eq!(locked.status(), 409);
        let body: Value = locked.json().await.unwrap();
        assert_eq!(body["code"], "not_editable");

        // Revised during the year: a reason is required; the pegawai edits
        // the revision, submits it, and the penilai sets it again.
        assert_eq!(act(&pegawai, &id, "revise", 6, "  ").await.status(), 422, "no reason, no revision");
        let revisi = act(&penilai, &id, "revise", 6, "Penugasan baru dari pimpinan.").await;
        assert_eq!(revisi.status(), 200);
        let revisi: Value = revisi.json().await.unwrap();
        assert_eq!(revisi["status"], "revisi");
        let mut baru = fixed.clone();
        baru["rhk"][0]["uraian"] = json!("Terlaksananya pelatihan teknis dan sertifikasi");
        let edited = pegawai
            .put(&format!("/api/v1/skp/{id}"))
            .json(&json!({ "version": 7, "rencana": baru }))
            .send()
            .await
            .unwrap();
        assert_eq!(edited.status(), 200, "a revision is editable");
        assert_eq!(act(&pegawai, &id, "submit", 8, "").await.status(), 200);
        let again: Value = act(&penilai, &id, "approve", 9, "").await.json().await.unwrap();
        assert_eq!(again["status"], "ditetapkan");
        assert_eq!(again["skp"]["rencana"]["rhk"][0]["uraian"], "Terlaksananya pelatihan teknis dan sertifikasi");
        let history: Value =
            pegawai.get(&format!("/api/v1/skp/{id}/versi")).send().await.unwrap().json().await.unwrap();
        let aksi: Vec<&str> = history.as_array().unwrap().iter().map(|v| v["aksi"].as_str().unwrap()).collect();
        assert_eq!(aksi[6..], ["revise", "update", "submit", "approve"], "{backend:?}");
        assert_eq!(
            history[5]["skp"]["rencana"]["rhk"][0]["uraian"], "Terlaksananya pelatihan teknis",
            "v6 kept as it was"
        );
    }
}

#[tokio::test]
async fn a_plan_returned_with_comments_per_rhk_comes_back_with_what_changed_since() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let pegawai = app.login(DEMO_STAF2).await;
        let penilai = app.login(DEMO_KABID1).await;
        let mut dua = rencana("Terlaksananya pelatihan teknis");
        dua["rhk"].as_array_mut().unwrap().push(json!({
            "id": "r2", "uraian": "Tersusunnya laporan kegiatan", "jenis": "utama", "rhk_atasan_id": "", "perspektif": null,
            "indikator": [{ "id": "i2", "uraian": "Laporan tersusun", "aspek": "kuantitas", "target": "12",
                "target_maks": "", "satuan": "laporan", "polaritas": "normal" }]
        }));
        let skp: Value = pegawai
            .post("/api/v1/skp")
            .json(&json!({ "periode_id": periode, "rencana": dua }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = skp["id"].as_str().unwrap().to_owned();
        let sejak = |s: &Session| {
            let path = format!("/api/v1/skp/{id}/sejak-dikembalikan");
            let s = s.clone();
            async move {
                let res = s.get(&path).send().await.unwrap();
                assert_eq!(res.status(), 200);
                res.json::<Value>().await.unwrap()
            }
        };
        assert_eq!(sejak(&penilai).await, Value::Null, "never returned");
        assert_eq!(act(&pegawai, &id, "submit", 1, "").await.status(), 200);

        let kirim = |komentar: Value, catatan: &str| {
            penilai
                .post(&format!("/api/v1/skp/{id}/return"))
                .json(&json!({ "version": 2, "catatan": catatan, "komentar_rhk": komentar }))
        };
        // Nothing said (an empty comment is nothing), an RHK not in the plan, a comment too long: refused.
        let kosong = kirim(json!({ "r1": "   " }), " ").send().await.unwrap();
        assert_eq!(kosong.status(), 422);
        let body: Value = kosong.json().await.unwrap();
        assert!(is_teks(&body["fields"]["catatan"][0]), "{body}");
        assert_eq!(kirim(json!({ "r9": "Apa ini?" }), "").send().await.unwrap().status(), 409);
        let panjang = kirim(json!({ "r1": "x".repeat(4001) }), "").send().await.unwrap();
        assert_eq!(panjang.status(), 422);
        // A comment on one RHK is enough; an empty one is dropped.
        let res =
            kirim(json!({ "r2": "Target 12 laporan terlalu rendah; naikkan.", "r1": "" }), "").send().await.unwrap();
        assert_eq!(res.status(), 200);
        let returned: Value = res.json().await.unwrap();
        let riwayat = returned["skp"]["riwayat"].as_array().unwrap();
        assert_eq!(
            riwayat.last().unwrap()["komentar_rhk"],
            json!({ "r2": "Target 12 laporan terlalu rendah; naikkan." })
        );
        assert!(riwayat.last().unwrap().get("catatan").is_none(), "no overall note was written");

        // The pegawai raises the target, adds an indicator to r1, and resubmits.
        let mut baru = dua.clone();
        baru["rhk"][1]["indikator"][0]["target"] = json!("15");
        baru["rhk"][0]["indikator"].as_array_mut().unwrap().push(json!({
            "id": "i3", "uraian": "Peserta lulus", "aspek": "kualitas", "target": "80", "target_maks": "",
            "satuan": "persen", "polaritas": "normal"
        }));
        let res = pegawai
            .put(&format!("/api/v1/skp/{id}"))
            .json(&json!({ "version": 3, "rencana": baru }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(act(&pegawai, &id, "submit", 4, "").await.status(), 200);

        let s = sejak(&penilai).await;
        assert_eq!(s["catatan"], Value::Null);
        assert_eq!(
            s["komentar_rhk"],
            json!([{ "rhk_id": "r2", "nomor": 2, "uraian": "Tersusunnya laporan kegiatan",
            "komentar": "Target 12 laporan terlalu rendah; naikkan." }])
        );
        let rhk = s["perubahan"]["rhk"].as_array().unwrap();
        let ringkas: Vec<(&str, &str)> =
            rhk.iter().map(|r| (r["rhk_id"].as_str().unwrap(), r["jenis"].as_str().unwrap())).collect();
        assert_eq!(ringkas, [("r1", "diubah"), ("r2", "diubah")], "{s}");
        assert_eq!(
            rhk[0]["bidang"],
            json!([{ "iki": 2, "bidang": "indikator", "lama": null,
            "baru": { "teks": "Peserta lulus" } }])
        );
        assert_eq!(rhk[1]["bidang"][0]["bidang"], "target");
        assert_eq!(rhk[1]["bidang"][0]["lama"]["target"], json!({ "min": 12.0, "max": 12.0, "satuan": "laporan" }));
        assert_eq!(rhk[1]["bidang"][0]["baru"]["target"]["min"], 15.0);
        assert_eq!(s["perubahan"]["tetap"], 0);
        // The pegawai reads the same; nobody outside the chain does (the matrix).
        assert_eq!(sejak(&pegawai).await, s);
        // Once set, and when a revision after that is submitted, the old
        // return is history, not what the penilai reads first.
        assert_eq!(act(&penilai, &id, "approve", 5, "").await.status(), 200);
        assert_eq!(sejak(&penilai).await, Value::Null, "set");
        assert_eq!(act(&pegawai, &id, "revise", 6, "Penugasan baru.").await.status(), 200);
        assert_eq!(act(&pegawai, &id, "submit", 7, "").await.status(), 200);
        assert_eq!(sejak(&penilai).await, Value::Null, "a revision submitted is not a return submitted again");
    }
}

#[tokio::test]
async fn after_a_mid_year_transfer_the_new_penilai_rates_the_skp_and_the_old_one_no_longer_can() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let pegawai = app.login(DEMO_STAF2).await;
        let lama = app.login(DEMO_KABID1).await;
        let baru = app.login(DEMO_KABID2).await;
        let admin = app.login(DEMO_ADMIN).await;
        let skp: Value = create(&pegawai, &periode, "Terlaksananya pelatihan teknis").await.json().await.unwrap();
        let id = skp["id"].as_str().unwrap().to_owned();
        assert_eq!(act(&pegawai, &id, "submit", 1, "").await.status(), 200);

        // The admin moves staf2 under kabid2 from 1 July.
        let moved = admin
            .put("/api/v1/org/atasan")
            .json(&json!({
                "periode_id": periode,
                "pegawai_id": pegawai_id(&admin, DEMO_STAF2).await,
                "penilai_id": pegawai_id(&admin, DEMO_KABID2).await,
                "atasan_penilai_id": pegawai_id(&admin, DEMO_KEPALA).await,
                "berlaku_mulai": "2026-07-01",
                "version": 1,
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(moved.status(), 200, "{backend:?}: {}", moved.text().await.unwrap());

        let in_queue = async |s: &Session| {
            let q: Value =
                s.get(&format!("/api/v1/penilai/skp?periode_id={periode}")).send().await.unwrap().json().await.unwrap();
            q.as_array().unwrap().iter().any(|i| i["skp_id"] == id.as_str())
        };
        assert!(in_queue(&baru).await && !in_queue(&lama).await, "{backend:?}: the queue follows the transfer");
        assert_eq!(lama.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().status(), 404, "{backend:?}");
        assert_eq!(
            act(&lama, &id, "approve", 2, "").await.status(),
            404,
            "{backend:?}: the old penilai cannot approve"
        );
        let seen: Value = baru.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(seen["akses"], "pejabat_penilai", "{backend:?}");
        let approved: Value = act(&baru, &id, "approve", 2, "").await.json().await.unwrap();
        assert_eq!(approved["status"], "ditetapkan", "{backend:?}");
    }
}

#[tokio::test]
async fn a_write_on_a_stale_version_gets_409_with_the_current_record() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let pegawai = app.login(DEMO_STAF2).await;
        let skp: Value = create(&pegawai, &periode, "Rencana awal").await.json().await.unwrap();
        let id = skp["id"].as_str().unwrap();
        let put = |uraian: &str, version: i64| {
            pegawai
                .put(&format!("/api/v1/skp/{id}"))
                .json(&json!({ "version": version, "rencana": rencana(uraian) }))
                .send()
        };
        assert_eq!(put("Dari laptop", 1).await.unwrap().status(), 200);
        let stale = put("Dari ponsel yang luring", 1).await.unwrap();
        assert_eq!(stale.status(), 409, "{backend:?}");
        let body: Value = stale.json().await.unwrap();
        assert_eq!(body["code"], "stale_version");
        assert_eq!(body["current"]["version"], 2);
        assert_eq!(body["current"]["isian"]["rhk"][0]["uraian"], "Dari laptop", "nothing was overwritten");
    }
}

#[tokio::test]
async fn a_replayed_idempotency_key_returns_the_first_result_and_changes_nothing() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let pegawai = app.login(DEMO_STAF2).await;
        let body = json!({ "periode_id": periode, "rencana": rencana("Sekali saja") });
        let send = |key: &str, body: &Value| {
            pegawai
                .client
                .post(format!("{}/api/v1/skp", pegawai.base))
                .header("cookie", &pegawai.cookie)
                .header("x-csrf-token", &pegawai.csrf)
                .header("idempotency-key", key)
                .json(body)
                .send()
        };
        let first = send("kunci-1", &body).await.unwrap();
        assert_eq!(first.status(), 201);
        let first: Value = first.json().await.unwrap();
        let again = send("kunci-1", &body).await.unwrap();
        assert_eq!(again.status(), 201, "{backend:?}");
        assert_eq!(again.headers()["idempotent-replayed"], "true");
        let again: Value = again.json().await.unwrap();
        assert_eq!(first, again);
        let other = send("kunci-1", &json!({ "periode_id": periode, "rencana": rencana("Isi lain") })).await.unwrap();
        assert_eq!(other.status(), 422);
        let list: Value = pegawai.get("/api/v1/skp").send().await.unwrap().json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1, "one SKP, not two");
        let missing = pegawai
            .client
            .post(format!("{}/api/v1/skp", pegawai.base))
            .header("cookie", &pegawai.cookie)
            .header("x-csrf-token", &pegawai.csrf)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(missing.status(), 422, "a change without a key is refused");
    }
}

#[tokio::test]
async fn nobody_outside_the_chain_can_reach_an_skp() {
    for backend in backends() {
        nobody_outside_the_chain_can_reach_an_skp_on(backend).await;
    }
}

async fn nobody_outside_the_chain_can_reach_an_skp_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let pegawai = app.login(DEMO_STAF2).await;
    let skp: Value = create(&pegawai, &periode, "Milik saya").await.json().await.unwrap();
    let id = skp["id"].as_str().unwrap();
    // A colleague and another unit's head: 404, as if it did not exist.
    for nip in [DEMO_STAF3, DEMO_KABID2] {
        let other = app.login(nip).await;
        assert_eq!(other.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().status(), 404, "{nip}");
        assert_eq!(act(&other, id, "approve", 1, "").await.status(), 404, "{nip}");
        assert_eq!(other.get(&format!("/api/v1/skp/{id}/versi")).send().await.unwrap().status(), 404);
    }
    // The atasan of the penilai reads it; the admin reads it but may not change it.
    let kepala = app.login(DEMO_KEPALA).await;
    let seen: Value = kepala.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(seen["akses"], "atasan_pejabat_penilai");
    let admin = app.login(DEMO_ADMIN).await;
    assert_eq!(admin.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().status(), 200);
    assert_eq!(act(&admin, id, "submit", 1, "").await.status(), 403);
    // The pegawai may not approve their own SKP.
    assert_eq!(act(&pegawai, id, "submit", 1, "").await.status(), 200);
    assert_eq!(act(&pegawai, id, "approve", 2, "").await.status(), 409);
}

#[tokio::test]
async fn invalid_plans_get_field_errors_in_both_languages() {
    for backend in backends() {
        invalid_plans_get_field_errors_in_both_languages_on(backend).await;
    }
}

async fn invalid_plans_get_field_errors_in_both_languages_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let pegawai = app.login(DEMO_STAF2).await;
    let mut bad = rencana("");
    bad["rhk"][0]["indikator"][0]["target"] = json!("sembilan puluh");
    let res = pegawai.post("/api/v1/skp").json(&json!({ "periode_id": periode, "rencana": bad })).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    let fields = body["fields"].as_object().unwrap();
    assert!(fields.contains_key("rhk[0].uraian"), "{fields:?}");
    assert!(fields.contains_key("rhk[0].indikator[0].target"), "{fields:?}");
    assert!(is_teks(&fields["rhk[0].uraian"][0]), "Indonesian and English: {fields:?}");
    // Submitting an empty draft names what is missing.
    let empty = pegawai.post("/api/v1/skp").json(&json!({ "periode_id": periode })).send().await.unwrap();
    assert_eq!(empty.status(), 201);
    let empty: Value = empty.json().await.unwrap();
    assert!(empty["kelengkapan"].as_object().unwrap().contains_key("rhk"));
    let refused = act(&pegawai, empty["id"].as_str().unwrap(), "submit", 1, "").await;
    assert_eq!(refused.status(), 422);
}

#[tokio::test]
async fn a_draft_saved_as_it_is_typed_keeps_what_was_typed_and_is_checked_on_submit() {
    for backend in backends() {
        a_draft_saved_as_it_is_typed_keeps_what_was_typed_and_is_checked_on_submit_on(backend).await;
    }
}

async fn a_draft_saved_as_it_is_typed_keeps_what_was_typed_and_is_checked_on_submit_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let pegawai = app.login(DEMO_STAF2).await;
    let skp: Value = create(&pegawai, &periode, "Terlaksananya pelatihan teknis").await.json().await.unwrap();
    let id = skp["id"].as_str().unwrap();
    let put = |version: i64, rencana: &Value, draf: bool| {
        pegawai
            .put(&format!("/api/v1/skp/{id}"))
            .json(&json!({ "version": version, "rencana": rencana, "draf": draf }))
            .send()
    };
    // Half typed: a second RHK with nothing in it yet, a target in words.
    let mut separuh = rencana("Terlaksananya pelatihan teknis");
    separuh["rhk"][0]["indikator"][0]["target"] = json!("sembilan");
    separuh["rhk"].as_array_mut().unwrap().push(json!({
        "id": "r2", "uraian": "", "jenis": "tambahan", "rhk_atasan_id": "", "perspektif": null,
        "indikator": [{ "id": "i2", "uraian": "", "aspek": "kuantitas", "target": "", "target_maks": "", "satuan": "", "polaritas": "normal" }]
    }));
    // Not as a draft: refused for its fields, as before.
    assert_eq!(put(1, &separuh, false).await.unwrap().status(), 422, "{backend:?}");
    // As a draft: kept as typed; the plan the rules read is still the last valid one.
    let res = put(1, &separuh, true).await.unwrap();
    assert_eq!(res.status(), 200, "{backend:?}");
    let saved: Value = res.json().await.unwrap();
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["isian"], separuh, "what was typed comes back as typed");
    assert_eq!(saved["skp"]["rencana"]["rhk"].as_array().unwrap().len(), 1, "the rules' plan is the last valid one");
    // Another device reads the draft as typed.
    let laptop = app.login(DEMO_STAF2).await;
    let read: Value = laptop.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(read["isian"], separuh);
    // Submitting checks what was typed: refused with its fields.
    let refused = act(&pegawai, id, "submit", 2, "").await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.unwrap();
    let fields = body["fields"].as_object().unwrap();
    assert!(fields.contains_key("rhk[0].indikator[0].target"), "{fields:?}");
    assert!(fields.contains_key("rhk[1].uraian"), "{fields:?}");
    assert!(is_teks(&fields["rhk[1].uraian"][0]), "{fields:?}");
    // Finished as a draft too: the rules' plan follows, and it submits.
    let mut selesai = rencana("Terlaksananya pelatihan teknis");
    selesai["rhk"][0]["indikator"][0]["target"] = json!("95");
    let res = put(2, &selesai, true).await.unwrap();
    assert_eq!(res.status(), 200);
    let saved: Value = res.json().await.unwrap();
    assert_eq!(saved["skp"]["rencana"]["rhk"][0]["indikator"][0]["target"]["min"], 95.0, "{saved}");
    // A draft may be incomplete, never beyond the sizes the rules allow.
    let mut besar = separuh.clone();
    besar["rhk"][1]["uraian"] = json!("x".repeat(5000));
    assert_eq!(put(3, &besar, true).await.unwrap().status(), 422, "a text far too long");
    let submitted = act(&pegawai, id, "submit", 3, "").await;
    assert_eq!(submitted.status(), 200);
    // A submitted SKP takes no draft either.
    assert_eq!(put(4, &separuh, true).await.unwrap().status(), 409);
    // Someone else's SKP takes no draft: still a 404.
    let other = app.login(DEMO_STAF3).await;
    let res = other
        .put(&format!("/api/v1/skp/{id}"))
        .json(&json!({ "version": 4, "rencana": separuh, "draf": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn a_draft_that_was_valid_then_broken_submits_the_plan_as_typed_not_the_old_one() {
    let app = spawn_app_with(Backend::Sqlite, None, true).await;
    let periode = periode_id(&app).await;
    let pegawai = app.login(DEMO_STAF2).await;
    let skp: Value = create(&pegawai, &periode, "Terlaksananya pelatihan teknis").await.json().await.unwrap();
    let id = skp["id"].as_str().unwrap();
    // The uraian emptied after a valid save: submitting must not submit the older valid plan.
    let mut rusak = rencana("Terlaksananya pelatihan teknis");
    rusak["rhk"][0]["uraian"] = json!("");
    let res = pegawai
        .put(&format!("/api/v1/skp/{id}"))
        .json(&json!({ "version": 1, "rencana": rusak, "draf": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(act(&pegawai, id, "submit", 2, "").await.status(), 422);
    let read: Value = pegawai.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(read["status"], "draf");
}

#[tokio::test]
async fn a_pegawai_drafts_before_the_atasan_and_sees_the_atasan_rhk_once_it_exists() {
    for backend in backends() {
        a_pegawai_drafts_before_the_atasan_and_sees_the_atasan_rhk_once_it_exists_on(backend).await;
    }
}

async fn a_pegawai_drafts_before_the_atasan_and_sees_the_atasan_rhk_once_it_exists_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let pegawai = app.login(DEMO_STAF2).await;
    let skp: Value = create(&pegawai, &periode, "Draf lebih dulu").await.json().await.unwrap();
    let id = skp["id"].as_str().unwrap();
    let before: Value =
        pegawai.get(&format!("/api/v1/skp/{id}/rhk-atasan")).send().await.unwrap().json().await.unwrap();
    assert_eq!(before["tersedia"], false);
    let kabid = app.login(DEMO_KABID1).await;
    assert_eq!(create(&kabid, &periode, "Meningkatnya kompetensi ASN").await.status(), 201);
    let after: Value = pegawai.get(&format!("/api/v1/skp/{id}/rhk-atasan")).send().await.unwrap().json().await.unwrap();
    assert_eq!(after["tersedia"], true);
    assert_eq!(after["rhk"][0]["uraian"], "Meningkatnya kompetensi ASN");

    // The link is checked against the atasan's SKP: an RHK it does not have
    // is a field error; one of its RHK is accepted.
    let link = |rhk_atasan: &str| {
        let mut r = rencana("Draf lebih dulu");
        r["rhk"][0]["rhk_atasan_id"] = json!(rhk_atasan);
        r
    };
    let put = |version: i64, rencana: Value| {
        pegawai.put(&format!("/api/v1/skp/{id}")).json(&json!({ "version": version, "rencana": rencana })).send()
    };
    let wrong = put(1, link("tidak-ada")).await.unwrap();
    assert_eq!(wrong.status(), 422, "{backend:?}");
    let wrong: Value = wrong.json().await.unwrap();
    assert!(wrong["fields"]["rhk[0].rhk_atasan_id"].is_array(), "{backend:?}: {wrong}");
    let linked = put(1, link(after["rhk"][0]["id"].as_str().unwrap())).await.unwrap();
    assert_eq!(linked.status(), 200, "{backend:?}");
    // Creating with a link before the atasan has an SKP is refused the same way.
    let staf3 = app.login(crate::helpers::DEMO_STAF5).await;
    let early = staf3
        .post("/api/v1/skp")
        .json(&json!({ "periode_id": periode, "rencana": link("apa-saja") }))
        .send()
        .await
        .unwrap();
    assert_eq!(early.status(), 422, "{backend:?}: kabid2 has no SKP yet");
}

#[tokio::test]
async fn a_read_serves_the_stored_json_exactly_as_the_write_answered_it() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let pegawai = app.login(DEMO_STAF2).await;
        let penilai = app.login(DEMO_KABID1).await;
        // An incomplete plan (no indicator), so `kelengkapan` is not empty.
        let mut plan = rencana("Rencana tanpa indikator");
        plan["rhk"][0]["indikator"] = json!([]);
        let created =
            pegawai.post("/api/v1/skp").json(&json!({ "periode_id": periode, "rencana": plan })).send().await.unwrap();
        assert_eq!(created.status(), 201);
        let created: Value = created.json().await.unwrap();
        let id = created["id"].as_str().unwrap().to_owned();
        assert!(created["kelengkapan"].as_object().is_some_and(|k| !k.is_empty()), "{created}");
        let read: Value = pegawai.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(read, created, "{backend:?}: the read and the write's answer differ");
        // The typed view parses it (the wire type is the contract).
        let typed: domain::api::SkpView = serde_json::from_value(read.clone()).unwrap();
        assert_eq!(typed.version, 1);
        // And so does the browser's lean reading of it, to the same plan and history.
        let baca: domain::api::SkpBaca = serde_json::from_value(read.clone()).unwrap();
        assert_eq!(baca.skp.rencana(), typed.skp.rencana());
        assert_eq!(baca.skp.riwayat(), typed.skp.riwayat());
        assert_eq!((baca.isian, baca.kelengkapan), (typed.isian, typed.kelengkapan));
        // The penilai's reading differs only in `akses`.
        let as_penilai: Value = penilai.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(as_penilai["akses"], "pejabat_penilai");
        let mut same = as_penilai.clone();
        same["akses"] = read["akses"].clone();
        assert_eq!(same, read);
        // A row written before `kelengkapan` was stored is read the slow way, same JSON.
        let db = app.connect().await;
        sqlx::query("UPDATE skp SET kelengkapan = NULL WHERE id = $1").bind(&id).execute(db.pool()).await.unwrap();
        let old_row: Value = pegawai.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(old_row, read, "{backend:?}");
    }
}

/// Reads made at the same time share queries (`db.skp_mentah`): each still
/// gets its own SKP (the same one twice when asked twice), a missing id
/// gets nothing, and a read after a write sees the write.
#[tokio::test]
async fn reads_made_together_each_get_their_own_skp() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let mut ids = Vec::new();
        for (nip, uraian) in [(DEMO_STAF2, "Satu"), (DEMO_STAF3, "Dua"), (DEMO_KABID1, "Tiga"), (DEMO_KABID2, "Empat")]
        {
            let s = app.login(nip).await;
            let res = create(&s, &periode, uraian).await;
            assert_eq!(res.status(), 201, "{backend:?}");
            let body: Value = res.json().await.unwrap();
            ids.push((body["id"].as_str().unwrap().to_owned(), uraian));
        }
        let db = app.connect().await;
        // 5 ids (not a power of two: the query is padded) straight to the store.
        let mut conn = db.pool().acquire().await.unwrap();
        let mut asked: Vec<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
        asked.push("tidak-ada");
        let rows = server::db::skp::find_mentah_banyak(&mut conn, &asked).await.unwrap();
        drop(conn);
        let mut found: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        found.sort_unstable();
        let mut want: Vec<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
        want.sort_unstable();
        assert_eq!(found, want, "{backend:?}");
        // 200 reads at once, every id many times, and a missing one.
        let reads = (0..200).map(|i| {
            let db = db.clone();
            let id = if i % 50 == 49 { "tidak-ada".to_owned() } else { ids[i % ids.len()].0.clone() };
            tokio::spawn(async move { (id.clone(), db.skp_mentah(&id).await) })
        });
        for read in reads.collect::<Vec<_>>() {
            let (id, got) = read.await.unwrap();
            let got = got.unwrap();
            match ids.iter().find(|(known, _)| *known == id) {
                Some((_, uraian)) => {
                    let row = got.unwrap_or_else(|| panic!("{backend:?}: {id} not found"));
                    assert_eq!(row.id, id);
                    assert!(row.dokumen.contains(uraian), "{backend:?}: {id} got another SKP's document");
                }
                None => assert!(got.is_none(), "{backend:?}: a missing id found something"),
            }
        }
        // A write acknowledged before a read is seen by it.
        let s = app.login(DEMO_STAF2).await;
        let (id, _) = &ids[0];
        let res = s
            .put(&format!("/api/v1/skp/{id}"))
            .json(&json!({ "version": 1, "rencana": rencana("Satu diubah") }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{backend:?}");
        let row = db.skp_mentah(id).await.unwrap().unwrap();
        assert_eq!(row.version, 2);
        assert!(row.dokumen.contains("Satu diubah"));
        db.close().await;
    }
}

#[tokio::test]
async fn an_skp_whose_penilai_has_no_atasan_is_edited_like_any_other() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        // kabid1 is rated by the head of the instansi, who has no penilai: no atasan pejabat penilai.
        let kabid = app.login(DEMO_KABID1).await;
        let skp: Value = create(&kabid, &periode, "Meningkatnya kompetensi ASN").await.json().await.unwrap();
        let id = skp["id"].as_str().unwrap();
        let db = app.connect().await;
        let (atasan,): (Option<String>,) = sqlx::query_as("SELECT atasan_penilai_id FROM skp WHERE id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(atasan, None, "{backend:?}");
        let edited = kabid
            .put(&format!("/api/v1/skp/{id}"))
            .json(&json!({ "version": 1, "rencana": rencana("Meningkatnya kompetensi ASN bidang") }))
            .send()
            .await
            .unwrap();
        assert_eq!(edited.status(), 200, "{backend:?}");
    }
}
