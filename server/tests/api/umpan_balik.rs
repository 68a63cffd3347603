//! Issue 23, points 3 and 4: continuous feedback on a set SKP and the 360,
//! on both databases: the happy paths, conflicts, idempotent retries, the
//! refusals, and the anonymity of the 360 (nothing a ratee or a penilai can
//! read singles out a rater: see
//! [`nothing_a_ratee_or_penilai_reads_singles_out_a_rater`] and
//! [`after_the_deadline_an_answer_shows_only_through_the_threshold`]).

use std::collections::BTreeMap;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    Backend, DEMO_ADMIN, DEMO_KABID1, DEMO_KABID2, DEMO_KEPALA, DEMO_STAF2, DEMO_STAF3, DEMO_STAF5, Session, TestApp,
    backends, is_teks, spawn_app_with,
};
use crate::matrix::other_instansi;
use crate::org::{LAIN_NIP, LAIN_PASSWORD, with_key};
use crate::skp::{create, periode_id};

pub const DEMO_STAF1: &str = "199205082019031005"; // rated by the sekretaris
pub const DEMO_STAF4: &str = "199512302022032008"; // rated by kabid1
pub const DEMO_STAF6: &str = "199402202020122010"; // rated by kabid2

/// A set SKP of `pegawai` (created, submitted, approved by `penilai`).
pub async fn skp_ditetapkan(pegawai: &Session, penilai: &Session, periode: &str) -> String {
    let res = create(pegawai, periode, "Terlaksananya pelatihan teknis").await;
    assert_eq!(res.status(), 201);
    let skp: Value = res.json().await.unwrap();
    let id = skp["id"].as_str().unwrap().to_owned();
    for (s, aksi, v) in [(pegawai, "submit", 1), (penilai, "approve", 2)] {
        let res = s
            .post(&format!("/api/v1/skp/{id}/{aksi}"))
            .json(&json!({ "version": v, "catatan": "" }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{aksi}");
    }
    id
}

/// A scheduled sheet on the fixture plan (its one RHK `r1`) and one value.
fn lembar(skp_id: &str, ke: u8, version: i64, isi: &str) -> Value {
    json!({
        "skp_id": skp_id, "ke": ke, "bentuk": "berkala", "version": version,
        "item": [
            { "objek": { "jenis": "rhk", "rhk": "r1" }, "rating": "sesuai_ekspektasi", "isi": isi },
            { "objek": { "jenis": "perilaku", "nilai": "kolaboratif" }, "isi": "Aktif membantu rekan." },
        ]
    })
}

async fn kirim(s: &Session, method: Method, path: &str, body: &Value) -> (u16, Value) {
    let res = s.send(method, path).json(body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn baca(s: &Session, path: &str) -> (u16, Value) {
    let res = s.get(path).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn peristiwa(d: &Value) -> Vec<String> {
    d["item"].as_array().unwrap().iter().map(|n| n["peristiwa"].as_str().unwrap().to_owned()).collect()
}

// ---------------------------------------------------------------------------
// Continuous feedback
// ---------------------------------------------------------------------------

#[tokio::test]
async fn the_penilai_gives_a_unit_its_sub_period_feedback_and_the_pegawai_reads_it() {
    for backend in backends() {
        continuous_feedback_on(backend).await;
    }
}

async fn continuous_feedback_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let (staf2, staf3, staf4) = (app.login(DEMO_STAF2).await, app.login(DEMO_STAF3).await, app.login(DEMO_STAF4).await);
    let kabid1 = app.login(DEMO_KABID1).await;
    let skp2 = skp_ditetapkan(&staf2, &kabid1, &periode).await;
    let skp3 = skp_ditetapkan(&staf3, &kabid1, &periode).await;
    // staf4's plan is only a draft: no feedback on it, not in the queue.
    let draf: Value = create(&staf4, &periode, "Data pelatihan").await.json().await.unwrap();
    let draf = draf["id"].as_str().unwrap();

    let antrian = format!("/api/v1/penilai/umpan-balik?periode_id={periode}&ke=1");
    let (status, q) = baca(&kabid1, &antrian).await;
    assert_eq!(status, 200, "{backend:?}: {q}");
    assert_eq!(q["ke"], 1);
    assert!(is_teks(&q["label"]));
    let items = q["item"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{backend:?}: only the set SKPs: {q}");
    assert!(items.iter().all(|i| i["berkala"].is_null()));
    assert_eq!(items[0]["rhk"][0]["id"], "r1", "the sheet's form comes with the queue");

    // One write per subordinate, one after another, as on a tablet.
    let id2 = uuid::Uuid::new_v4().to_string();
    let key = uuid::Uuid::new_v4().to_string();
    let path2 = format!("/api/v1/umpan-balik/{id2}");
    let res = with_key(&kabid1, Method::PUT, &path2, &key).json(&lembar(&skp2, 1, 0, "Tepat waktu.")).send().await;
    let res = res.unwrap();
    assert_eq!(res.status(), 201, "{backend:?}");
    let first: Value = res.json().await.unwrap();
    assert_eq!((first["version"].as_i64(), first["peran"].as_str()), (Some(1), Some("pejabat_penilai")));
    // A retry of the same write (the tablet lost the answer) is the first answer, changing nothing.
    let res = with_key(&kabid1, Method::PUT, &path2, &key).json(&lembar(&skp2, 1, 0, "Tepat waktu.")).send().await;
    let res = res.unwrap();
    assert_eq!(res.status(), 201);
    assert!(res.headers().get("idempotent-replayed").is_some());
    assert_eq!(res.json::<Value>().await.unwrap(), first);

    // The queue moves staf2 after staf3, who still lacks it.
    let (_, q) = baca(&kabid1, &antrian).await;
    assert_eq!(q["item"][0]["skp_id"], skp3.as_str(), "{backend:?}: lacking first: {q}");
    assert_eq!(q["item"][1]["berkala"], json!({ "id": id2, "version": 1 }));
    // The sub-period by default is today's (or the nearest): a valid one.
    let (status, q) = baca(&kabid1, &format!("/api/v1/penilai/umpan-balik?periode_id={periode}")).await;
    assert_eq!(status, 200);
    assert!((1..=4).contains(&q["ke"].as_u64().unwrap()), "{q}");
    let (status, _) = baca(&kabid1, &format!("/api/v1/penilai/umpan-balik?periode_id={periode}&ke=9")).await;
    assert_eq!(status, 422);

    // Conflicts: a second scheduled sheet for the same sub-period, a stale version.
    let (status, body) = kirim(
        &kabid1,
        Method::PUT,
        &format!("/api/v1/umpan-balik/{}", uuid::Uuid::new_v4()),
        &lembar(&skp2, 1, 0, "x"),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("stale_version")), "{backend:?}: {body}");
    assert_eq!(body["current"]["id"], id2.as_str(), "the existing sheet comes back to edit");
    let (status, changed) = kirim(&kabid1, Method::PUT, &path2, &lembar(&skp2, 1, 1, "Tepat waktu dan rapi.")).await;
    assert_eq!((status, changed["version"].as_i64()), (200, Some(2)), "{backend:?}: {changed}");
    let (status, body) = kirim(&kabid1, Method::PUT, &path2, &lembar(&skp2, 1, 1, "Lama")).await;
    assert_eq!((status, body["current"]["version"].as_i64()), (409, Some(2)));

    // Refusals: the pegawai does not give their own; the rules of the sheet; a draft plan.
    let (status, _) =
        kirim(&staf2, Method::PUT, &format!("/api/v1/umpan-balik/{}", uuid::Uuid::new_v4()), &lembar(&skp2, 2, 0, "x"))
            .await;
    assert_eq!(status, 403);
    let mut tanpa_rhk = lembar(&skp3, 1, 0, "x");
    tanpa_rhk["item"].as_array_mut().unwrap().remove(0);
    for (body, field) in
        [(tanpa_rhk, "item"), (lembar(&skp3, 7, 0, "x"), "ke"), (lembar(&skp3, 1, 0, &"x".repeat(1001)), "item[0].isi")]
    {
        let (status, e) =
            kirim(&kabid1, Method::PUT, &format!("/api/v1/umpan-balik/{}", uuid::Uuid::new_v4()), &body).await;
        assert_eq!(status, 422, "{backend:?}: {e}");
        assert!(e["fields"].get(field).is_some(), "{field}: {e}");
    }
    let (status, e) =
        kirim(&kabid1, Method::PUT, &format!("/api/v1/umpan-balik/{}", uuid::Uuid::new_v4()), &lembar(draf, 1, 0, "x"))
            .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("skp_belum_ditetapkan")), "{backend:?}: {e}");

    // The atasan penilai gives incidental feedback too.
    let kepala = app.login(DEMO_KEPALA).await;
    let mut insidentil = lembar(&skp2, 2, 0, "Presentasi yang baik.");
    insidentil["bentuk"] = json!("insidentil");
    insidentil["item"].as_array_mut().unwrap().pop();
    let (status, ins) =
        kirim(&kepala, Method::PUT, &format!("/api/v1/umpan-balik/{}", uuid::Uuid::new_v4()), &insidentil).await;
    assert_eq!((status, ins["peran"].as_str()), (201, Some("atasan_pejabat_penilai")), "{backend:?}: {ins}");

    // The pegawai reads both, by sub-period; a colleague sees none.
    let (status, semua) = baca(&staf2, &format!("/api/v1/skp/{skp2}/umpan-balik")).await;
    assert_eq!(status, 200);
    let semua = semua.as_array().unwrap();
    assert_eq!(semua.len(), 2);
    assert_eq!(
        (semua[0]["ke"].as_u64(), semua[0]["item"][0]["isi"].as_str()),
        (Some(1), Some("Tepat waktu dan rapi."))
    );
    assert_eq!(semua[0]["pemberi"]["id"], kabid1.pegawai_id.as_str());
    assert_eq!(baca(&staf3, &format!("/api/v1/skp/{skp2}/umpan-balik")).await.0, 404);
    let d = baca(&staf2, "/api/v1/notifikasi").await.1;
    assert_eq!(peristiwa(&d).iter().filter(|p| *p == "umpan_balik_diberikan").count(), 2, "one per new sheet: {d}");

    // The pegawai asks for feedback: the penilai is told, once a day.
    let minta = json!({ "skp_id": skp3 });
    assert_eq!(kirim(&staf3, Method::POST, "/api/v1/permintaan-umpan-balik", &minta).await.0, 204);
    let (status, e) = kirim(&staf3, Method::POST, "/api/v1/permintaan-umpan-balik", &minta).await;
    assert_eq!((status, e["code"].as_str()), (409, Some("sudah_diminta")));
    assert_eq!(kirim(&staf2, Method::POST, "/api/v1/permintaan-umpan-balik", &minta).await.0, 404, "not theirs");
    assert_eq!(kirim(&staf4, Method::POST, "/api/v1/permintaan-umpan-balik", &json!({ "skp_id": draf })).await.0, 409);
    let d = baca(&kabid1, "/api/v1/notifikasi").await.1;
    assert!(peristiwa(&d).contains(&"umpan_balik_diminta".to_owned()), "{d}");

    // Through the offline outbox: staf3's sheet in a sync batch, and its resend.
    let id3 = uuid::Uuid::new_v4().to_string();
    let batch = json!({ "client_id": "tablet-kabid1", "mutations": [
        { "seq": 1, "idempotency_key": "ub-staf3-1", "method": "PUT", "path": format!("/api/v1/umpan-balik/{id3}"),
          "body": lembar(&skp3, 1, 0, "Perlu lebih cepat.") },
    ]});
    for replayed in [false, true] {
        let res = kabid1.post("/api/v1/sync").json(&batch).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let out: Value = res.json().await.unwrap();
        let r = &out["results"][0];
        assert_eq!((r["status"].as_u64(), r["replayed"].as_bool()), (Some(201), Some(replayed)), "{backend:?}: {r}");
    }
    let (_, q) = baca(&kabid1, &antrian).await;
    assert!(q["item"].as_array().unwrap().iter().all(|i| !i["berkala"].is_null()), "{q}");
    let db = app.connect().await;
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM umpan_balik_versi").fetch_one(db.pool()).await.unwrap();
    assert_eq!(n, 4, "{backend:?}: every version kept (two of staf2's berkala, kepala's, staf3's)");
}

// ---------------------------------------------------------------------------
// The 360
// ---------------------------------------------------------------------------

fn jawaban(rating: &str, catatan: &str) -> Value {
    let nilai = ["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"];
    Value::Array(nilai.iter().map(|n| json!({ "nilai": n, "rating": rating, "catatan": catatan })).collect())
}

async fn set_batas(admin: &Session, periode: &str, batas: &str, version: i64) -> (u16, Value) {
    kirim(
        admin,
        Method::PUT,
        &format!("/api/v1/org/periode/{periode}/pengaturan-360"),
        &json!({ "batas": batas, "version": version }),
    )
    .await
}

/// Opens the period's 360 until 2099 straight in the database (version 1),
/// whatever today is: the seed's period is 2026, and its default deadline,
/// the period's last day, passes with the real clock, after which the
/// admin's endpoint refuses every change.
async fn buka_360(app: &TestApp, periode: &str) {
    let db = app.connect().await;
    sqlx::query(
        "INSERT INTO pengaturan_360 (periode_id, instansi_id, batas, version) \
         SELECT id, instansi_id, '2099-12-31', 1 FROM periode WHERE id = $1",
    )
    .bind(periode)
    .execute(db.pool())
    .await
    .unwrap();
}

/// Adds `penilai` as a rater of `dinilai` (by the ratee or the penilai); the line's id.
async fn tambah(s: &Session, periode: &str, dinilai: &str, penilai: &str, kelompok: &str) -> String {
    let body = json!({ "periode_id": periode, "pegawai_id": dinilai, "penilai_id": penilai, "kelompok": kelompok });
    let (status, item) = kirim(s, Method::POST, "/api/v1/penilai-360", &body).await;
    assert_eq!(status, 201, "{item}");
    item["id"].as_str().unwrap().to_owned()
}

/// The rater's one request about `dinilai`.
async fn tugas_untuk(rater: &Session, dinilai: &str) -> Value {
    let (status, semua) = baca(rater, "/api/v1/tugas-360").await;
    assert_eq!(status, 200);
    semua.as_array().unwrap().iter().find(|t| t["pegawai"]["id"] == dinilai).cloned().expect("a request")
}

async fn jawab(rater: &Session, dinilai: &str, rating: &str, catatan: &str) -> Value {
    let t = tugas_untuk(rater, dinilai).await;
    let version = t["jawaban"]["version"].as_i64().unwrap_or(0);
    let (status, out) = kirim(
        rater,
        Method::PUT,
        &format!("/api/v1/tugas-360/{}", t["id"].as_str().unwrap()),
        &json!({ "version": version, "penilaian": jawaban(rating, catatan) }),
    )
    .await;
    assert_eq!(status, 200, "{out}");
    out
}

#[tokio::test]
async fn a_360_runs_from_proposals_to_the_aggregate_after_the_deadline() {
    for backend in backends() {
        a_360_on(backend).await;
    }
}

async fn a_360_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let admin = app.login(DEMO_ADMIN).await;
    let (ratee, kabid1) = (app.login(DEMO_STAF2).await, app.login(DEMO_KABID1).await);
    let (staf3, staf4, staf1) = (app.login(DEMO_STAF3).await, app.login(DEMO_STAF4).await, app.login(DEMO_STAF1).await);
    let dinilai = ratee.pegawai_id.clone();

    // The deadline: the period's last day until the admin sets one.
    let (status, p) = baca(&ratee, &format!("/api/v1/pengaturan-360?periode_id={periode}")).await;
    assert_eq!((status, p["batas"].as_str(), p["version"].as_i64()), (200, Some("2026-12-31"), Some(0)));
    buka_360(&app, &periode).await;
    assert_eq!(set_batas(&kabid1, &periode, "2099-12-31", 1).await.0, 403, "only the admin");
    assert_eq!(set_batas(&admin, &periode, "2025-12-31", 1).await.0, 422, "before the period");
    let (status, p) = set_batas(&admin, &periode, "2099-12-30", 1).await;
    assert_eq!((status, p["version"].as_i64(), p["ditutup"].as_bool()), (200, Some(2), Some(false)), "{p}");
    assert_eq!(set_batas(&admin, &periode, "2099-12-29", 1).await.0, 409, "stale");

    // The ratee proposes a peer; the penilai is told, and confirms.
    let usul = tambah(&ratee, &periode, &dinilai, &staf3.pegawai_id, "rekan").await;
    let d = baca(&kabid1, "/api/v1/notifikasi").await.1;
    assert!(peristiwa(&d).contains(&"usulan_penilai_360".to_owned()), "{d}");
    assert!(baca(&staf3, "/api/v1/tugas-360").await.1.as_array().unwrap().is_empty(), "not asked before confirmed");
    let (status, k) =
        kirim(&kabid1, Method::POST, &format!("/api/v1/penilai-360/{usul}/konfirmasi"), &json!(null)).await;
    assert_eq!((status, k["status"].as_str()), (200, Some("dikonfirmasi")), "{backend:?}: {k}");
    assert_eq!(
        kirim(&ratee, Method::POST, &format!("/api/v1/penilai-360/{usul}/konfirmasi"), &json!(null)).await.0,
        403
    );
    let d = baca(&staf3, "/api/v1/notifikasi").await.1;
    assert!(peristiwa(&d).contains(&"permintaan_360".to_owned()), "{d}");

    // Refused: oneself, a duplicate, the atasan group by the ratee or for a peer, a stranger.
    let coba = |penilai: &str, kelompok: &str| json!({ "periode_id": periode, "pegawai_id": dinilai, "penilai_id": penilai, "kelompok": kelompok });
    let cases = [
        (&ratee, coba(&dinilai, "rekan"), 422, "penilai_id"),
        (&ratee, coba(&staf3.pegawai_id, "bawahan"), 409, ""),
        (&ratee, coba(&kabid1.pegawai_id, "atasan"), 422, "kelompok"),
        (&kabid1, coba(&staf4.pegawai_id, "atasan"), 422, "kelompok"),
        (&kabid1, coba("tidak-ada", "rekan"), 422, "penilai_id"),
    ];
    for (s, body, expected, field) in cases {
        let (status, e) = kirim(s, Method::POST, "/api/v1/penilai-360", &body).await;
        assert_eq!(status, expected, "{backend:?}: {body} → {e}");
        assert!(field.is_empty() || e["fields"].get(field).is_some(), "{e}");
    }
    // The penilai sets more raters, themselves as atasan.
    tambah(&kabid1, &periode, &dinilai, &staf4.pegawai_id, "rekan").await;
    tambah(&kabid1, &periode, &dinilai, &staf1.pegawai_id, "rekan").await;
    tambah(&kabid1, &periode, &dinilai, &kabid1.pegawai_id, "atasan").await;

    // The ratee sees only whom they proposed, and how many each group has.
    let (status, mine) = baca(&ratee, &format!("/api/v1/penilai-360?periode_id={periode}&pegawai_id={dinilai}")).await;
    assert_eq!(status, 200);
    assert_eq!(mine["penilai"].as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine["jumlah"][1], json!({ "kelompok": "rekan", "dikonfirmasi": 3 }));
    let text = mine.to_string();
    for other in [&staf4, &staf1] {
        assert!(!text.contains(&other.pegawai_id), "{backend:?}: a rater the penilai set leaked to the ratee");
    }
    let (_, all) = baca(&kabid1, &format!("/api/v1/penilai-360?periode_id={periode}&pegawai_id={dinilai}")).await;
    assert_eq!(all["penilai"].as_array().unwrap().len(), 4);
    assert_eq!(all["penilai"][0]["kelompok"], "atasan", "by group, then name");

    // The raters answer; each sees only their own.
    let pertama = jawab(&staf3, &dinilai, "diatas_ekspektasi", "Selalu menolong tim").await;
    assert_eq!(pertama["jawaban"]["version"], 1);
    jawab(&staf4, &dinilai, "sesuai_ekspektasi", "Apik").await;
    jawab(&staf1, &dinilai, "diatas_ekspektasi", "").await;
    jawab(&kabid1, &dinilai, "sesuai_ekspektasi", "Catatan atasan").await;
    // A changed answer through the offline outbox, and its resend.
    let t1 = tugas_untuk(&staf1, &dinilai).await;
    let batch = json!({ "client_id": "hp-staf1", "mutations": [
        { "seq": 1, "idempotency_key": "360-staf1-2", "method": "PUT",
          "path": format!("/api/v1/tugas-360/{}", t1["id"].as_str().unwrap()),
          "body": { "version": 1, "penilaian": jawaban("diatas_ekspektasi", "Inisiatif tinggi") } },
    ]});
    for replayed in [false, true] {
        let out: Value = staf1.post("/api/v1/sync").json(&batch).send().await.unwrap().json().await.unwrap();
        let r = &out["results"][0];
        assert_eq!((r["status"].as_u64(), r["replayed"].as_bool()), (Some(200), Some(replayed)), "{backend:?}: {r}");
        assert_eq!(r["body"]["jawaban"]["version"], 2);
    }
    // The answer's content is kept nowhere but with the line: not in the idempotency store.
    let db = app.connect().await;
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM idempotensi WHERE respons LIKE '%Inisiatif%'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(n, 0, "{backend:?}: a rater's answer in the idempotency store");
    let t4 = tugas_untuk(&staf4, &dinilai).await;
    assert!(!t4.to_string().contains("Selalu menolong"), "another rater's answer");
    let t3 = tugas_untuk(&staf3, &dinilai).await;
    let path3 = format!("/api/v1/tugas-360/{}", t3["id"].as_str().unwrap());
    for (s, who) in [(&staf4, "another rater"), (&ratee, "the ratee"), (&kabid1, "the penilai"), (&admin, "the admin")]
    {
        let (status, _) =
            kirim(s, Method::PUT, &path3, &json!({ "version": 1, "penilaian": jawaban("dibawah_ekspektasi", "") }))
                .await;
        assert_eq!(status, 404, "{backend:?}: {who} writes a rater's answer");
        let (_, list) = baca(s, "/api/v1/tugas-360").await;
        assert!(!list.to_string().contains("Selalu menolong"), "{who} reads a rater's answer");
    }
    // Stale, incomplete, a huge comment.
    let (status, e) =
        kirim(&staf3, Method::PUT, &path3, &json!({ "version": 0, "penilaian": jawaban("sesuai_ekspektasi", "") }))
            .await;
    assert_eq!((status, e["current"]["jawaban"]["version"].as_i64()), (409, Some(1)), "{e}");
    let mut enam = jawaban("sesuai_ekspektasi", "");
    enam.as_array_mut().unwrap().pop();
    assert_eq!(kirim(&staf3, Method::PUT, &path3, &json!({ "version": 1, "penilaian": enam })).await.0, 422);
    let (status, e) = kirim(
        &staf3,
        Method::PUT,
        &path3,
        &json!({ "version": 1, "penilaian": jawaban("sesuai_ekspektasi", &"x".repeat(5000)) }),
    )
    .await;
    assert_eq!(status, 422, "{e}");
    assert!(e["fields"].get("penilaian[0].catatan").is_some(), "{e}");

    // Before the deadline nobody sees an aggregate.
    let hasil = format!("/api/v1/hasil-360?periode_id={periode}&pegawai_id={dinilai}");
    for s in [&ratee, &kabid1] {
        let (status, h) = baca(s, &hasil).await;
        assert_eq!(status, 200);
        assert!(h["untuk_pegawai"].is_null() && h["untuk_penilai"].is_null(), "{h}");
    }
    for s in [&staf3, &admin, &app.login(DEMO_KABID2).await] {
        assert_eq!(baca(s, &hasil).await.0, 404, "{backend:?}: only the ratee and the penilai");
    }

    // The admin closes it (a deadline in the past); then nothing changes.
    let (status, p) = set_batas(&admin, &periode, "2026-01-01", 2).await;
    assert_eq!((status, p["ditutup"].as_bool()), (200, Some(true)), "{p}");
    let tutup = |(status, e): (u16, Value)| {
        assert_eq!((status, e["code"].as_str()), (409, Some("umpan_balik_360_ditutup")), "{e}");
        assert!(is_teks(&e["message"]));
    };
    tutup(set_batas(&admin, &periode, "2099-12-31", 3).await);
    tutup(
        kirim(&staf3, Method::PUT, &path3, &json!({ "version": 1, "penilaian": jawaban("dibawah_ekspektasi", "") }))
            .await,
    );
    tutup(
        kirim(
            &kabid1,
            Method::POST,
            "/api/v1/penilai-360",
            &coba(&app.login(DEMO_STAF5).await.pegawai_id, "pihak_lain"),
        )
        .await,
    );
    tutup(kirim(&kabid1, Method::DELETE, &format!("/api/v1/penilai-360/{usul}"), &json!(null)).await);

    // The aggregate: the atasan attributed, the three peers as one block, comments sorted, nobody named.
    let (_, h) = baca(&ratee, &hasil).await;
    let v = &h["untuk_pegawai"];
    assert!(h["untuk_penilai"].is_null());
    let loyal = &v["per_nilai"][4];
    assert_eq!(loyal["nilai"], "loyal");
    let blok: Vec<(&str, u64)> = loyal["blok"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["sumber"].as_str().unwrap(), b["statistik"]["n"].as_u64().unwrap()))
        .collect();
    assert_eq!(blok, [("atasan", 1), ("rekan", 3)], "{backend:?}: {v}");
    let catatan = json!(["Apik", "Inisiatif tinggi", "Selalu menolong tim"]);
    assert_eq!(loyal["blok"][1]["catatan"], catatan, "sorted, not in the order given");
    let text = h.to_string();
    for s in [&staf3, &staf4, &staf1] {
        assert!(!text.contains(&s.pegawai_id), "{backend:?}: a rater id in the ratee's aggregate");
    }
    let (_, h) = baca(&kabid1, &hasil).await;
    assert!(h["untuk_pegawai"].is_null());
    assert!(h["untuk_penilai"]["saran"]["rating"].is_string(), "the advice: {h}");
    assert!(!h.to_string().contains(&staf3.pegawai_id));
}

// ---------------------------------------------------------------------------
// Anonymity: nothing singles out a rater
// ---------------------------------------------------------------------------

/// Everything a person can read about the 360 and their notifications: each
/// response's status, every header but `date`, and body.
async fn semua_yang_terbaca(s: &Session, periode: &str, dinilai: &str) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for path in [
        format!("/api/v1/penilai-360?periode_id={periode}&pegawai_id={dinilai}"),
        format!("/api/v1/hasil-360?periode_id={periode}&pegawai_id={dinilai}"),
        format!("/api/v1/pengaturan-360?periode_id={periode}"),
        "/api/v1/tugas-360".to_owned(),
        format!("/api/v1/tugas-360?periode_id={periode}"),
        "/api/v1/notifikasi".to_owned(),
        "/api/v1/notifikasi/jumlah".to_owned(),
        format!("/api/v1/penilai/umpan-balik?periode_id={periode}&ke=4"),
        format!("/api/v1/penilai/skp?periode_id={periode}"),
        "/api/v1/skp".to_owned(),
        "/api/v1/org/periode".to_owned(),
        "/api/v1/auth/me".to_owned(),
    ] {
        let res = s.get(&path).send().await.unwrap();
        let mut headers: BTreeMap<String, String> = BTreeMap::new();
        for (k, v) in res.headers() {
            if k != "date" {
                headers.insert(k.to_string(), v.to_str().unwrap_or("?").to_owned());
            }
        }
        let status = res.status().as_u16();
        let body = res.text().await.unwrap();
        out.insert(path, json!({ "status": status, "headers": headers, "body": body }));
    }
    out
}

/// A fresh demo app whose 2026 360 is open (until 2099), with staf2 to be
/// rated and kabid1, their penilai.
struct Terbuka {
    app: TestApp,
    periode: String,
    admin: Session,
    ratee: Session,
    kabid1: Session,
    dinilai: String,
}

async fn terbuka(backend: Backend) -> Terbuka {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let admin = app.login(DEMO_ADMIN).await;
    buka_360(&app, &periode).await;
    let (ratee, kabid1) = (app.login(DEMO_STAF2).await, app.login(DEMO_KABID1).await);
    let dinilai = ratee.pegawai_id.clone();
    Terbuka { app, periode, admin, ratee, kabid1, dinilai }
}

type Potret = (BTreeMap<String, Value>, BTreeMap<String, Value>);

/// What the ratee and the penilai can read now.
async fn potret(ratee: &Session, penilai: &Session, periode: &str, dinilai: &str) -> Potret {
    (semua_yang_terbaca(ratee, periode, dinilai).await, semua_yang_terbaca(penilai, periode, dinilai).await)
}

#[tokio::test]
async fn nothing_a_ratee_or_penilai_reads_singles_out_a_rater() {
    for backend in backends() {
        singles_out_nobody_on(backend).await;
    }
}

async fn singles_out_nobody_on(backend: Backend) {
    let Terbuka { app, periode, ratee, kabid1, dinilai, .. } = terbuka(backend).await;
    // N = 3 peers answered (one proposed by the ratee).
    let raters = [app.login(DEMO_STAF3).await, app.login(DEMO_STAF4).await, app.login(DEMO_STAF1).await];
    let usul = tambah(&ratee, &periode, &dinilai, &raters[0].pegawai_id, "rekan").await;
    assert_eq!(
        kirim(&kabid1, Method::POST, &format!("/api/v1/penilai-360/{usul}/konfirmasi"), &json!(null)).await.0,
        200
    );
    for r in &raters[1..] {
        tambah(&kabid1, &periode, &dinilai, &r.pegawai_id, "rekan").await;
    }
    for r in &raters {
        jawab(r, &dinilai, "sesuai_ekspektasi", "Baik").await;
    }
    let snapshot = || potret(&ratee, &kabid1, &periode, &dinilai);
    let n = snapshot().await;

    // One more rater, X, set by the penilai: seen on the penilai's list (they set X) ...
    let x = app.login(DEMO_STAF5).await;
    let x_line = tambah(&kabid1, &periode, &dinilai, &x.pegawai_id, "pihak_lain").await;
    let ditambah = snapshot().await;
    // ... and X answering, with a comment, changes nothing either can read: no status, no time, no count.
    jawab(&x, &dinilai, "dibawah_ekspektasi", "Komentar X yang rahasia").await;
    let dijawab = snapshot().await;
    for (sebelum, sesudah, siapa) in [(&ditambah.0, &dijawab.0, "ratee"), (&ditambah.1, &dijawab.1, "penilai")] {
        for (path, v) in sebelum {
            assert_eq!(Some(v), sesudah.get(path), "{backend:?}: the {siapa}'s {path} changed when X answered");
        }
    }
    // The ratee never learnt X was added: the penilai set X, so only the count moved.
    for (path, v) in &dijawab.0 {
        let body = v["body"].as_str().unwrap();
        assert!(
            !body.contains(&x.pegawai_id) && !body.contains(DEMO_STAF5),
            "{backend:?}: X named to the ratee in {path}"
        );
        assert!(!body.contains("rahasia"), "{backend:?}: X's comment in {path}");
    }
    // X's answer is stored (the aggregate will use it) ...
    let db = app.connect().await;
    let (jumlah,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM jawaban_360").fetch_one(db.pool()).await.unwrap();
    assert_eq!(jumlah, 4);
    // ... and removing X (the same 204 as for one who did not answer) leaves everything as with N raters.
    let res = kabid1.send(Method::DELETE, &format!("/api/v1/penilai-360/{x_line}")).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let dihapus = snapshot().await;
    assert_eq!(dihapus, n, "{backend:?}: after X is removed nothing differs from before X");
    let (jumlah,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM jawaban_360").fetch_one(db.pool()).await.unwrap();
    assert_eq!(jumlah, 3, "X's answer went with X");
    // A rater removed before answering gets the same 204.
    let y_line = tambah(&kabid1, &periode, &dinilai, &x.pegawai_id, "pihak_lain").await;
    let res = kabid1.send(Method::DELETE, &format!("/api/v1/penilai-360/{y_line}")).send().await.unwrap();
    assert_eq!((res.status().as_u16(), res.text().await.unwrap()), (204, String::new()));
    assert_eq!(snapshot().await, n, "{backend:?}");
}

/// One closed 360 of staf2 with `rekan` peers (of three) answered and X
/// (staf5) on the list in `kelompok`, answered or not; what the ratee and
/// the penilai read, with this world's generated ids replaced by names.
async fn dunia(backend: Backend, rekan: usize, kelompok: &str, x_menjawab: bool) -> Vec<(String, Value)> {
    let Terbuka { app, periode, admin, ratee, kabid1, dinilai } = terbuka(backend).await;
    let mut garis = Vec::new();
    for (nip, rating) in
        [(DEMO_STAF3, "diatas_ekspektasi"), (DEMO_STAF4, "sesuai_ekspektasi"), (DEMO_STAF1, "sesuai_ekspektasi")]
            .into_iter()
            .take(rekan)
    {
        let r = app.login(nip).await;
        garis.push(tambah(&kabid1, &periode, &dinilai, &r.pegawai_id, "rekan").await);
        jawab(&r, &dinilai, rating, &format!("Catatan {nip}")).await;
    }
    let x = app.login(DEMO_STAF5).await;
    garis.push(tambah(&kabid1, &periode, &dinilai, &x.pegawai_id, kelompok).await);
    if x_menjawab {
        jawab(&x, &dinilai, "dibawah_ekspektasi", "Komentar X").await;
    }
    assert_eq!(set_batas(&admin, &periode, "2026-01-01", 1).await.0, 200);
    let instansi = dinilai.split("-pegawai-").next().unwrap().to_owned();
    let mut out = Vec::new();
    for (siapa, s) in [("ratee", &ratee), ("penilai", &kabid1)] {
        for (path, v) in semua_yang_terbaca(s, &periode, &dinilai).await {
            if path.contains("notifikasi") || path.ends_with("/auth/me") {
                // Times and session tokens differ from world to world; compared within one world above.
                continue;
            }
            let mut text =
                serde_json::to_string(&v).unwrap().replace(&periode, "PERIODE").replace(&instansi, "INSTANSI");
            for (i, g) in garis.iter().enumerate() {
                text = text.replace(g, &format!("GARIS{i}"));
            }
            let path = path.replace(&periode, "PERIODE").replace(&instansi, "INSTANSI");
            out.push((format!("{siapa} {path}"), serde_json::from_str(&text).unwrap()));
        }
    }
    out
}

#[tokio::test]
async fn after_the_deadline_an_answer_shows_only_through_the_threshold() {
    for backend in backends() {
        // Alone in its group (pihak lain, 1 < 3) and not poolable (the peers are shown on
        // their own): whether X answered cannot be told from anything.
        let tanpa = dunia(backend, 3, "pihak_lain", false).await;
        let dengan = dunia(backend, 3, "pihak_lain", true).await;
        assert_eq!(tanpa, dengan, "{backend:?}: a suppressed answer showed");
        // Two peers and X alone in pihak lain: together three, but a group of one is never
        // pooled (the ratee knows the group sizes, so the pool's presence would say X
        // answered); nothing shows whether X answered.
        let tanpa = dunia(backend, 2, "pihak_lain", false).await;
        let dengan = dunia(backend, 2, "pihak_lain", true).await;
        assert_eq!(tanpa, dengan, "{backend:?}: a lone rater's answer showed through a pool");
        let hasil = dengan.iter().find(|(p, _)| p.starts_with("ratee") && p.contains("hasil-360")).unwrap();
        assert!(!hasil.1["body"].as_str().unwrap().contains(r#""sumber":"lainnya""#), "{backend:?}: {hasil:?}");
        // A fourth peer: the peers' block grows (what the threshold allows), and nothing else moves.
        let tanpa = dunia(backend, 3, "rekan", false).await;
        let dengan = dunia(backend, 3, "rekan", true).await;
        let paths = |w: &[(String, Value)]| w.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&tanpa), paths(&dengan), "{backend:?}: the same reads in both worlds");
        assert!(tanpa.iter().any(|(p, _)| p.contains("hasil-360")), "the aggregate is compared");
        for ((path, a), (_, b)) in tanpa.iter().zip(&dengan) {
            let mut a_body: Value = serde_json::from_str(a["body"].as_str().unwrap()).unwrap();
            let mut b_body: Value = serde_json::from_str(b["body"].as_str().unwrap()).unwrap();
            if path.contains("hasil-360") {
                let kunci = if path.starts_with("ratee") { "untuk_pegawai" } else { "untuk_penilai" };
                assert_ne!(a_body[kunci], b_body[kunci], "{backend:?}: the peers' block grows to 4");
                let n = |v: &Value| v["per_nilai"][0]["blok"][0]["statistik"]["n"].clone();
                let blok = if kunci == "untuk_pegawai" { &b_body[kunci] } else { &b_body[kunci]["umpan_balik"] };
                assert_eq!(n(blok), json!(4), "{blok}");
                a_body[kunci] = Value::Null;
                b_body[kunci] = Value::Null;
            }
            assert_eq!(a_body, b_body, "{backend:?}: {path} moved beyond the aggregate");
            assert_eq!(a["status"], b["status"]);
            let headers = |v: &Value| {
                let mut h = v["headers"].clone();
                h.as_object_mut().unwrap().remove("content-length");
                h
            };
            assert_eq!(headers(a), headers(b), "{backend:?}: {path}");
        }
    }
}

/// Logs: the rater's answer and the reads of the ratee and the penilai
/// write no rater's id, NIP, name or comment into any log line (captured at
/// debug level, the server's spans included).
#[tokio::test]
async fn no_log_line_names_a_rater_or_their_answer() {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Tangkap(Arc<Mutex<Vec<u8>>>);
    impl Write for Tangkap {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    let Terbuka { app, periode, ratee, kabid1, dinilai, .. } = terbuka(Backend::Sqlite).await;
    let rater = app.login(DEMO_STAF3).await;
    tambah(&kabid1, &periode, &dinilai, &rater.pegawai_id, "rekan").await;

    let tangkap = Tangkap::default();
    let writer = tangkap.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // The test's runtime runs the server on this thread: its logs come here.
    {
        let _guard = tracing::subscriber::set_default(subscriber);
        jawab(&rater, &dinilai, "dibawah_ekspektasi", "Komentar yang sangat rahasia").await;
        semua_yang_terbaca(&ratee, &periode, &dinilai).await;
        semua_yang_terbaca(&kabid1, &periode, &dinilai).await;
        let (status, _) =
            kirim(&rater, Method::PUT, "/api/v1/tugas-360/bukan-miliknya", &json!({ "version": 0, "penilaian": [] }))
                .await;
        assert_eq!(status, 404);
    }
    let log = String::from_utf8(tangkap.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("360 answer saved"), "the capture works: {log}");
    for rahasia in [rater.pegawai_id.as_str(), DEMO_STAF3, "Agus Setiawan", "sangat rahasia"] {
        assert!(!log.contains(rahasia), "a log line carries {rahasia}: {log}");
    }
}

// ---------------------------------------------------------------------------
// The reviewer's findings on the 360
// ---------------------------------------------------------------------------

fn tanpa_id(item: &Value) -> Value {
    let mut v = item.clone();
    v.as_object_mut().unwrap().remove("id");
    v["penilai"] = Value::Null;
    v
}

#[tokio::test]
async fn proposing_a_rater_the_penilai_set_looks_like_a_fresh_proposal() {
    for backend in backends() {
        proposing_a_set_rater_on(backend).await;
    }
}

async fn proposing_a_set_rater_on(backend: Backend) {
    let Terbuka { app, periode, ratee, kabid1, dinilai, .. } = terbuka(backend).await;
    let (diset, segar) = (app.login(DEMO_STAF4).await, app.login(DEMO_STAF3).await);
    let garis_penilai = tambah(&kabid1, &periode, &dinilai, &diset.pegawai_id, "pihak_lain").await;
    let daftar = format!("/api/v1/penilai-360?periode_id={periode}&pegawai_id={dinilai}");
    let sebelum = baca(&ratee, &daftar).await.1;

    let usul = |p: &str| json!({ "periode_id": periode, "pegawai_id": dinilai, "penilai_id": p, "kelompok": "rekan" });
    let (s1, a) = kirim(&ratee, Method::POST, "/api/v1/penilai-360", &usul(&diset.pegawai_id)).await;
    let (s2, b) = kirim(&ratee, Method::POST, "/api/v1/penilai-360", &usul(&segar.pegawai_id)).await;
    assert_eq!((s1, s2), (201, 201), "{backend:?}: {a} / {b}");
    assert_eq!(tanpa_id(&a), tanpa_id(&b), "{backend:?}: the same answer");
    assert_eq!((a["status"].as_str(), a["diusulkan_oleh"].as_str()), (Some("diusulkan"), Some("pegawai")));
    assert_eq!(a["penilai"]["id"], diset.pegawai_id.as_str());
    // Proposed twice by the ratee: a duplicate of their own, for either.
    for p in [&diset.pegawai_id, &segar.pegawai_id] {
        assert_eq!(kirim(&ratee, Method::POST, "/api/v1/penilai-360", &usul(p)).await.0, 409, "{backend:?}");
    }
    // The ratee's list: both alike, and the counts as before.
    let mine = baca(&ratee, &daftar).await.1;
    let items = mine["penilai"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{backend:?}: {mine}");
    let item = |id: &Value| items.iter().find(|i| i["id"] == *id).cloned().unwrap();
    assert_eq!((item(&a["id"]), item(&b["id"])), (a.clone(), b.clone()), "{backend:?}: listed as answered");
    assert_eq!(mine["jumlah"], sebelum["jumlah"]);
    // The penilai's rater stays theirs; the ratee's withdrawal takes off only the ratee's mark.
    for id in [&a["id"], &b["id"]] {
        let res = ratee.send(Method::DELETE, &format!("/api/v1/penilai-360/{}", id.as_str().unwrap())).send().await;
        assert_eq!(res.unwrap().status(), 204, "{backend:?}");
    }
    assert_eq!(baca(&ratee, &daftar).await.1, sebelum, "{backend:?}: as before the proposals");
    let all = baca(&kabid1, &daftar).await.1;
    let ids: Vec<&str> = all["penilai"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [garis_penilai.as_str()], "{backend:?}: {all}");
    assert_eq!(tugas_untuk(&diset, &dinilai).await["id"], garis_penilai.as_str(), "still asked");
    // Proposed again and confirmed: confirmed on the ratee's list too, the rater not asked twice.
    let lagi = tambah(&ratee, &periode, &dinilai, &diset.pegawai_id, "rekan").await;
    assert_eq!(lagi, garis_penilai);
    let (status, k) =
        kirim(&kabid1, Method::POST, &format!("/api/v1/penilai-360/{lagi}/konfirmasi"), &json!(null)).await;
    assert_eq!((status, k["status"].as_str()), (200, Some("dikonfirmasi")), "{backend:?}: {k}");
    let mine = baca(&ratee, &daftar).await.1;
    assert_eq!(mine["penilai"][0]["status"], "dikonfirmasi", "{mine}");
    assert_eq!(mine["penilai"][0]["kelompok"], "rekan", "as the ratee proposed");
    let d = baca(&diset, "/api/v1/notifikasi").await.1;
    assert_eq!(peristiwa(&d).iter().filter(|p| *p == "permintaan_360").count(), 1, "{backend:?}: {d}");
}

#[tokio::test]
async fn only_today_s_penilai_acts_and_confirming_rechecks_the_group_rule() {
    for backend in backends() {
        today_s_penilai_on(backend).await;
    }
}

async fn today_s_penilai_on(backend: Backend) {
    let Terbuka { app, periode, admin, ratee, kabid1, dinilai } = terbuka(backend).await;
    let db = app.connect().await;
    let (kabid2, staf3, staf4, staf1) = (
        app.login(DEMO_KABID2).await,
        app.login(DEMO_STAF3).await,
        app.login(DEMO_STAF4).await,
        app.login(DEMO_STAF1).await,
    );
    // A transfer set ahead: kabid2 rates staf2 from 2099 on, and has no power now.
    sqlx::query(
        "INSERT INTO atasan (id, instansi_id, periode_id, pegawai_id, penilai_id, atasan_penilai_id, berlaku_mulai) \
         SELECT 'nanti', instansi_id, periode_id, pegawai_id, $1, atasan_penilai_id, '2099-01-01' \
         FROM atasan WHERE periode_id = $2 AND pegawai_id = $3",
    )
    .bind(&kabid2.pegawai_id)
    .bind(&periode)
    .bind(&dinilai)
    .execute(db.pool())
    .await
    .unwrap();
    let daftar = format!("/api/v1/penilai-360?periode_id={periode}&pegawai_id={dinilai}");
    assert_eq!(baca(&kabid2, &daftar).await.0, 404, "{backend:?}: the future penilai");
    assert_eq!(baca(&kabid1, &daftar).await.0, 200, "{backend:?}: today's penilai");
    let body =
        json!({ "periode_id": periode, "pegawai_id": dinilai, "penilai_id": staf4.pegawai_id, "kelompok": "rekan" });
    assert_eq!(kirim(&kabid2, Method::POST, "/api/v1/penilai-360", &body).await.0, 404);
    // Today's penilai still sets raters.
    assert_eq!(kirim(&kabid1, Method::POST, "/api/v1/penilai-360", &body).await.0, 201);

    // Proposed as a peer, then made the ratee's atasan penilai: no longer confirmable as a peer.
    let usul = tambah(&ratee, &periode, &dinilai, &staf3.pegawai_id, "rekan").await;
    let kini = |kolom: &'static str, id: String| {
        let db = &db;
        let (periode, dinilai) = (periode.clone(), dinilai.clone());
        async move {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE atasan SET {kolom} = $1 WHERE periode_id = $2 AND pegawai_id = $3 AND id <> 'nanti'"
            )))
            .bind(id)
            .bind(periode)
            .bind(dinilai)
            .execute(db.pool())
            .await
            .unwrap();
        }
    };
    let atasan_lama: (Option<String>,) = sqlx::query_as(
        "SELECT atasan_penilai_id FROM atasan WHERE periode_id = $1 AND pegawai_id = $2 AND id <> 'nanti'",
    )
    .bind(&periode)
    .bind(&dinilai)
    .fetch_one(db.pool())
    .await
    .unwrap();
    kini("atasan_penilai_id", staf3.pegawai_id.clone()).await;
    let konfirmasi = format!("/api/v1/penilai-360/{usul}/konfirmasi");
    let (status, e) = kirim(&kabid1, Method::POST, &konfirmasi, &json!(null)).await;
    assert_eq!(status, 422, "{backend:?}: {e}");
    assert!(e["fields"].get("kelompok").is_some(), "{e}");
    kini("atasan_penilai_id", atasan_lama.0.unwrap()).await;
    assert_eq!(kirim(&kabid1, Method::POST, &konfirmasi, &json!(null)).await.0, 200);
    tambah(&kabid1, &periode, &dinilai, &staf1.pegawai_id, "rekan").await;
    for r in [&staf3, &staf4, &staf1] {
        jawab(r, &dinilai, "diatas_ekspektasi", "Baik").await;
    }

    // staf4, a peer who answered, becomes the penilai: their own answer is not in what they read.
    kini("penilai_id", staf4.pegawai_id.clone()).await;
    assert_eq!(set_batas(&admin, &periode, "2026-01-01", 1).await.0, 200);
    let hasil = format!("/api/v1/hasil-360?periode_id={periode}&pegawai_id={dinilai}");
    let (status, h) = baca(&staf4, &hasil).await;
    assert_eq!(status, 200, "{backend:?}: {h}");
    let blok = &h["untuk_penilai"]["umpan_balik"]["per_nilai"][0]["blok"];
    assert!(blok.is_array(), "{h}");
    assert!(
        blok.as_array().unwrap().iter().all(|b| b["statistik"]["n"] != 3),
        "{backend:?}: the penilai's own answer counted in the peers' block: {h}"
    );
    // The ratee still reads the three peers.
    let (_, h) = baca(&ratee, &hasil).await;
    assert_eq!(h["untuk_pegawai"]["per_nilai"][0]["blok"][0]["statistik"]["n"], 3, "{backend:?}: {h}");
}

#[tokio::test]
async fn writes_check_again_what_they_checked_before() {
    for backend in backends() {
        races_on(backend).await;
    }
}

async fn races_on(backend: Backend) {
    use server::db::umpan_balik_360 as store;
    let Terbuka { app, periode, ratee, kabid1, dinilai, .. } = terbuka(backend).await;
    let db = app.connect().await;
    let staf3 = app.login(DEMO_STAF3).await;
    // The ratee read their proposal as unconfirmed; the penilai confirms before the ratee removes it.
    let usul = tambah(&ratee, &periode, &dinilai, &staf3.pegawai_id, "rekan").await;
    let mut conn = db.pool().acquire().await.unwrap();
    assert_eq!(store::konfirmasi(&mut conn, &usul).await.unwrap(), Some(true));
    assert!(!store::tarik_usulan(&mut conn, &usul).await.unwrap(), "{backend:?}: a confirmed rater stays");
    assert!(store::find(db.pool(), &usul).await.unwrap().is_some());
    // The rater read the request; the penilai removes the line before the answer is stored.
    let row = store::find(db.pool(), &usul).await.unwrap().unwrap();
    let res = kabid1.send(Method::DELETE, &format!("/api/v1/penilai-360/{usul}")).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let stored = store::simpan_jawaban(&mut conn, &row, 0, "[]").await;
    assert!(matches!(stored, Ok(false)), "{backend:?}: a stale write, not an error: {stored:?}");
    // Gone: confirming or removing it again is a 404, not a 200 on nothing.
    assert_eq!(store::konfirmasi(&mut conn, &usul).await.unwrap(), None);
    let (status, _) =
        kirim(&kabid1, Method::POST, &format!("/api/v1/penilai-360/{usul}/konfirmasi"), &json!(null)).await;
    assert_eq!(status, 404);
    assert!(!store::hapus(&mut conn, &usul).await.unwrap());
}

#[tokio::test]
async fn proposals_and_requests_tell_once_and_proposals_have_their_own_cap() {
    for backend in backends() {
        flooding_on(backend).await;
    }
}

async fn flooding_on(backend: Backend) {
    let Terbuka { app, periode, ratee, kabid1, dinilai, .. } = terbuka(backend).await;
    let db = app.connect().await;
    let staf4 = app.login(DEMO_STAF4).await;
    // 16 more colleagues.
    let mut rekan = Vec::new();
    for i in 0..16 {
        let id = format!("x-rekan-{i}");
        sqlx::query(
            "INSERT INTO pegawai (id, instansi_id, nip, nama, jenis_pegawai, jenis_jabatan, jabatan, unit_id) \
             SELECT $1, instansi_id, $2, $3, 'pns', 'pelaksana', 'Staf', unit_id FROM pegawai WHERE id = $4",
        )
        .bind(&id)
        .bind(format!("1990010120200110{i:02}"))
        .bind(format!("Rekan {i}"))
        .bind(&dinilai)
        .execute(db.pool())
        .await
        .unwrap();
        rekan.push(id);
    }
    // Propose, withdraw, propose again: the penilai is told once.
    for _ in 0..3 {
        let id = tambah(&ratee, &periode, &dinilai, &rekan[0], "rekan").await;
        let res = ratee.send(Method::DELETE, &format!("/api/v1/penilai-360/{id}")).send().await.unwrap();
        assert_eq!(res.status(), 204);
    }
    let d = baca(&kabid1, "/api/v1/notifikasi").await.1;
    assert_eq!(peristiwa(&d).iter().filter(|p| *p == "usulan_penilai_360").count(), 1, "{backend:?}: {d}");
    // It names the subordinate who proposed (the app leads to their
    // raters, `/unit/360/{pegawai}`), and nothing of the rater proposed.
    let n = d["item"].as_array().unwrap().iter().find(|n| n["peristiwa"] == "usulan_penilai_360").unwrap();
    assert_eq!(n["pegawai_id"].as_str(), Some(dinilai.as_str()), "{backend:?}: {n}");
    assert!(!n.to_string().contains(&rekan[0]), "{backend:?}: {n}");
    // Set, removed, set again: the rater is asked once.
    for _ in 0..3 {
        let id = tambah(&kabid1, &periode, &dinilai, &staf4.pegawai_id, "rekan").await;
        let res = kabid1.send(Method::DELETE, &format!("/api/v1/penilai-360/{id}")).send().await.unwrap();
        assert_eq!(res.status(), 204);
    }
    let d = baca(&staf4, "/api/v1/notifikasi").await.1;
    assert_eq!(peristiwa(&d).iter().filter(|p| *p == "permintaan_360").count(), 1, "{backend:?}: {d}");
    // A rater's request names no one by id (it is sent by the penilai).
    assert!(d["item"].as_array().unwrap().iter().all(|n| n.get("pegawai_id").is_none()), "{backend:?}: {d}");
    // The ratee's proposals waiting: at most 15; the penilai still sets raters.
    for id in &rekan[..15] {
        tambah(&ratee, &periode, &dinilai, id, "rekan").await;
    }
    let body = json!({ "periode_id": periode, "pegawai_id": dinilai, "penilai_id": rekan[15], "kelompok": "rekan" });
    let (status, e) = kirim(&ratee, Method::POST, "/api/v1/penilai-360", &body).await;
    assert_eq!(status, 422, "{backend:?}: {e}");
    assert!(is_teks(&e["fields"]["penilai_id"][0]), "{e}");
    assert_eq!(kirim(&kabid1, Method::POST, "/api/v1/penilai-360", &body).await.0, 201, "{backend:?}: not blocked");
}

#[tokio::test]
async fn a_feedback_sheet_id_must_be_a_uuid() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let (staf2, kabid1) = (app.login(DEMO_STAF2).await, app.login(DEMO_KABID1).await);
        let skp = skp_ditetapkan(&staf2, &kabid1, &periode).await;
        let besar = uuid::Uuid::new_v4().to_string().to_uppercase();
        for id in ["bukan-uuid", "1", besar.as_str()] {
            let (status, e) =
                kirim(&kabid1, Method::PUT, &format!("/api/v1/umpan-balik/{id}"), &lembar(&skp, 1, 0, "x")).await;
            assert_eq!(status, 422, "{backend:?}: {id}: {e}");
            assert!(is_teks(&e["fields"]["id"][0]), "{e}");
        }
        let db = app.connect().await;
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM umpan_balik").fetch_one(db.pool()).await.unwrap();
        assert_eq!(n, 0);
    }
}

// ---------------------------------------------------------------------------
// The authorisation matrix of these endpoints
// ---------------------------------------------------------------------------

/// Every row a refusal must leave as it was.
async fn keadaan(app: &TestApp) -> Vec<String> {
    let db = app.connect().await;
    let mut all = Vec::new();
    for sql in [
        "SELECT id || ':' || CAST(version AS TEXT) || ':' || isi FROM umpan_balik ORDER BY id",
        "SELECT id || ':' || status || ':' || kelompok FROM penilai_360 ORDER BY id",
        "SELECT penilai_360_id || ':' || CAST(version AS TEXT) || ':' || isi FROM jawaban_360 ORDER BY penilai_360_id",
        "SELECT periode_id || ':' || batas FROM pengaturan_360 ORDER BY periode_id",
        "SELECT CAST(COUNT(*) AS TEXT) FROM notifikasi",
    ] {
        let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(db.pool()).await.unwrap();
        all.extend(rows.into_iter().map(|r| r.0));
    }
    all
}

/// The objects of one place: a set SKP with a sheet of feedback, and a 360
/// rater line whose rater answered.
struct Tempat {
    periode: String,
    dinilai: String,
    skp: String,
    lembar: String,
    garis: String,
}

async fn siapkan(app: &TestApp, pegawai: &Session, penilai: &Session, rater: &Session, periode: &str) -> Tempat {
    let skp = skp_ditetapkan(pegawai, penilai, periode).await;
    let lembar_id = uuid::Uuid::new_v4().to_string();
    let (status, _) =
        kirim(penilai, Method::PUT, &format!("/api/v1/umpan-balik/{lembar_id}"), &lembar(&skp, 1, 0, "Rahasia")).await;
    assert_eq!(status, 201);
    buka_360(app, periode).await;
    let garis = tambah(penilai, periode, &pegawai.pegawai_id, &rater.pegawai_id, "rekan").await;
    jawab(rater, &pegawai.pegawai_id, "sesuai_ekspektasi", "Rahasia").await;
    Tempat { periode: periode.to_owned(), dinilai: pegawai.pegawai_id.clone(), skp, lembar: lembar_id, garis }
}

/// Every endpoint of these two points on one place's objects: (method, path, body).
fn titik(t: &Tempat) -> Vec<(Method, String, Value)> {
    let (p, d) = (&t.periode, &t.dinilai);
    vec![
        (Method::PUT, format!("/api/v1/umpan-balik/{}", t.lembar), lembar(&t.skp, 1, 1, "Dibajak")),
        (Method::PUT, format!("/api/v1/umpan-balik/{}", uuid::Uuid::new_v4()), lembar(&t.skp, 2, 0, "Dibajak")),
        (Method::GET, format!("/api/v1/skp/{}/umpan-balik", t.skp), Value::Null),
        (Method::POST, "/api/v1/permintaan-umpan-balik".to_owned(), json!({ "skp_id": t.skp })),
        (Method::GET, format!("/api/v1/pengaturan-360?periode_id={p}"), Value::Null),
        (
            Method::PUT,
            format!("/api/v1/org/periode/{p}/pengaturan-360"),
            json!({ "batas": "2026-01-01", "version": 1 }),
        ),
        (Method::GET, format!("/api/v1/penilai-360?periode_id={p}&pegawai_id={d}"), Value::Null),
        (
            Method::POST,
            "/api/v1/penilai-360".to_owned(),
            json!({ "periode_id": p, "pegawai_id": d, "penilai_id": d, "kelompok": "rekan" }),
        ),
        (Method::POST, format!("/api/v1/penilai-360/{}/konfirmasi", t.garis), Value::Null),
        (Method::DELETE, format!("/api/v1/penilai-360/{}", t.garis), Value::Null),
        (
            Method::PUT,
            format!("/api/v1/tugas-360/{}", t.garis),
            json!({ "version": 1, "penilaian": jawaban("dibawah_ekspektasi", "Dibajak") }),
        ),
        (Method::GET, format!("/api/v1/hasil-360?periode_id={p}&pegawai_id={d}"), Value::Null),
    ]
}

#[tokio::test]
async fn every_role_is_refused_on_feedback_and_360_objects_not_theirs() {
    for backend in backends() {
        matrix_on(backend).await;
    }
}

async fn matrix_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let db = app.connect().await;
    let (p2, o_peg, o_pen, o_adm) = other_instansi(&db).await;
    // A rater there too.
    let hash = server::password::hash_blocking(server::seed::DEMO_PASSWORD).unwrap();
    sqlx::query(
        "INSERT INTO pegawai (id, instansi_id, nip, nama, jenis_pegawai, jenis_jabatan, jabatan, unit_id) \
         VALUES ('o-rek', 'i2', '198601012010011004', 'Rekan Lain', 'pns', 'pelaksana', 'Staf', 'u2')",
    )
    .execute(db.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO akun (pegawai_id, instansi_id, password_hash, peran) VALUES ('o-rek', 'i2', $1, 'pegawai')",
    )
    .bind(&hash)
    .execute(db.pool())
    .await
    .unwrap();
    // The plan fixture is a functional position's.
    sqlx::query("UPDATE pegawai SET jenis_jabatan = 'fungsional' WHERE id = 'o-peg'").execute(db.pool()).await.unwrap();
    let periode = periode_id(&app).await;
    let admin = app.login(DEMO_ADMIN).await;
    let here = siapkan(
        &app,
        &app.login(DEMO_STAF2).await,
        &app.login(DEMO_KABID1).await,
        &app.login(DEMO_STAF3).await,
        &periode,
    )
    .await;
    let admin_there = app.login(&o_adm).await;
    let there =
        siapkan(&app, &app.login(&o_peg).await, &app.login(&o_pen).await, &app.login("198601012010011004").await, &p2)
            .await;

    // Callers: a colleague of here (no part in either), another unit's penilai,
    // the rater of here's line (their own answer aside), the atasan penilai of
    // here's ratee (kepala: gives and reads feedback, no part in the 360), the
    // admin of here (refused on the 360 here, on everything there), the admin there,
    // and a super admin (of a third instansi: may read an SKP's feedback anywhere, as
    // an admin, but takes no part in any 360).
    let pusat = server::db::org::AdminBaru {
        kode_instansi: "PUSAT".into(),
        nama_instansi: Some("Kementerian Pusat".into()),
        nip: LAIN_NIP.into(),
        nama: "Super Admin".into(),
        super_admin: true,
        password: LAIN_PASSWORD.into(),
    };
    server::db::org::buat_admin(&db, &pusat).await.unwrap();
    let callers = [
        ("colleague", app.login(DEMO_STAF6).await),
        ("other penilai", app.login(DEMO_KABID2).await),
        ("rater", app.login(DEMO_STAF3).await),
        ("atasan penilai", app.login(DEMO_KEPALA).await),
        ("admin here", admin),
        ("admin there", admin_there.clone()),
        ("super admin", app.try_login(LAIN_NIP, LAIN_PASSWORD).await.ok().unwrap()),
    ];
    let before = keadaan(&app).await;
    for (who, caller) in &callers {
        for (place, t) in [("here", &here), ("there", &there)] {
            // The super admin administers every instansi (a 403 is theirs anywhere).
            let own_instansi = *who == "super admin" || ((place == "here") != (*who == "admin there"));
            for (method, path, body) in titik(t) {
                // What one's own instansi lets everyone (the deadline) or its admin (read an
                // SKP's feedback; set the deadline) do is not a refusal.
                // The rater's own answer, and the atasan penilai's feedback (a new sheet, reading
                // the sheets) here, are theirs too.
                let allowed = own_instansi
                    && (path.starts_with("/api/v1/pengaturan-360")
                        || (who.starts_with("admin")
                            && (path.ends_with("/umpan-balik") || path.contains("/org/periode/")))
                        || (*who == "rater" && place == "here" && path.starts_with("/api/v1/tugas-360/"))
                        || (*who == "super admin" && method == Method::GET && path.ends_with("/umpan-balik"))
                        || (*who == "atasan penilai"
                            && place == "here"
                            && (path.ends_with("/umpan-balik")
                                || (path.starts_with("/api/v1/umpan-balik/") && !path.ends_with(&t.lembar)))));
                if allowed {
                    continue;
                }
                let (status, b) = if method == Method::GET {
                    baca(caller, &path).await
                } else {
                    kirim(caller, method.clone(), &path, &body).await
                };
                assert!(matches!(status, 403 | 404), "{backend:?}: {who} → {method} {path} on {place}: {status} {b}");
                if status == 403 {
                    assert!(
                        own_instansi,
                        "{backend:?}: another instansi's object is a 404, never a 403: {who} {method} {path}"
                    );
                }
            }
        }
    }
    assert_eq!(keadaan(&app).await, before, "{backend:?}: a refusal changed nothing");
    // Own lists hold nothing of the others.
    for (who, caller) in &callers {
        for path in ["/api/v1/tugas-360".to_owned(), format!("/api/v1/penilai/umpan-balik?periode_id={periode}&ke=1")] {
            let (_, body) = baca(caller, &path).await;
            let text = body.to_string();
            for t in [&here, &there] {
                if *who == "rater" && std::ptr::eq(t, &here) && path.starts_with("/api/v1/tugas-360") {
                    continue; // their own request
                }
                assert!(!text.contains(&t.garis) && !text.contains(&t.skp), "{backend:?}: {who}'s {path}: {text}");
            }
        }
    }
    // The queue of another instansi's period is a 404.
    assert_eq!(baca(&callers[1].1, &format!("/api/v1/penilai/umpan-balik?periode_id={p2}")).await.0, 404);
}

#[tokio::test]
async fn a_ratee_finds_colleagues_of_their_own_instansi_only() {
    for backend in backends() {
        calon_on(backend).await;
    }
}

/// A colleague search: `POST /calon-penilai-360` with what is typed in the
/// body, with the CSRF token and without an Idempotency-Key (it reads).
async fn cari(s: &Session, q: &str) -> (u16, Value) {
    let res = s
        .client
        .post(format!("{}/api/v1/calon-penilai-360", s.base))
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .json(&json!({ "q": q }))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn calon_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let db = app.connect().await;
    // Another instansi with a pegawai of a name like a demo one.
    other_instansi(&db).await;
    sqlx::query("UPDATE pegawai SET nama = 'Agus Lain' WHERE id = 'o-peg'").execute(db.pool()).await.unwrap();
    let staf2 = app.login(DEMO_STAF2).await;
    let (status, d) = cari(&staf2, "agus").await;
    assert_eq!(status, 200, "{backend:?}: {d}");
    let nama: Vec<&str> = d.as_array().unwrap().iter().map(|p| p["nama"].as_str().unwrap()).collect();
    assert_eq!(nama, ["Agus Setiawan"], "{backend:?}: the caller's instansi only");
    let p = &d[0];
    // No NIP in the answer: a NIP holds its owner's birth date.
    assert!(p["id"].is_string() && p["jabatan"].is_string() && p["nip"] == "", "{p}");
    assert_eq!(p.as_object().unwrap().len(), 4, "id, nip (empty), nama and jabatan only: {p}");
    // By a whole NIP only: its start (a birth date) is refused, not searched.
    let (status, d) = cari(&staf2, DEMO_STAF3).await;
    assert_eq!((status, d.as_array().map(Vec::len)), (200, Some(1)), "{backend:?}: {d}");
    let (status, _) = cari(&staf2, &DEMO_STAF3[..8]).await;
    assert_eq!(status, 422, "{backend:?}: a NIP's start");
    let (_, d) = cari(&staf2, DEMO_STAF2).await;
    assert_eq!(d, json!([]), "{backend:?}: never the caller themselves");
    let (_, d) = cari(&staf2, "Nur Aisyah").await;
    assert_eq!(d, json!([]), "{backend:?}: the caller is left out");
    for q in ["ag", "  ag ", &"x".repeat(101), "agus\u{7}"] {
        let (status, e) = cari(&staf2, q).await;
        assert_eq!(status, 422, "{q:?}: {e}");
        assert!(e["fields"]["q"].is_array(), "{q:?}: said under the field: {e}");
    }
    // What is typed is never in the address: the old search by query is gone.
    let res = staf2.get("/api/v1/calon-penilai-360?q=agus").send().await.unwrap();
    assert_eq!(res.status(), 405, "{backend:?}: no search in a URL");
    // A POST like any other: the session's CSRF token is needed; nothing is stored for a key.
    let res = staf2
        .client
        .post(format!("{}/api/v1/calon-penilai-360", staf2.base))
        .header("cookie", &staf2.cookie)
        .json(&json!({ "q": "agus" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "{backend:?}: without the CSRF token");
    let (_, again) = cari(&staf2, "agus").await;
    let (status, berkunci) = {
        let res = staf2.post("/api/v1/calon-penilai-360").json(&json!({ "q": "agus" })).send().await.unwrap();
        (res.status().as_u16(), res.json::<Value>().await.unwrap())
    };
    assert_eq!((status, &berkunci), (200, &again), "{backend:?}: a key is ignored");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM idempotensi").fetch_one(db.pool()).await.unwrap();
    assert_eq!(n, 0, "{backend:?}: a search is not kept as a change");
    let res =
        app.client.post(format!("http://{}/api/v1/calon-penilai-360", app.addr)).json(&json!({ "q": "agus" })).send();
    assert_eq!(res.await.unwrap().status(), 401, "signed in only");
}

/// The 360's "closed" is checked again inside each write (not only before
/// it): a change checked before midnight but written after the deadline
/// passed is refused, so an aggregate already released cannot change under
/// a reader comparing two of them.
#[tokio::test]
async fn a_360_change_written_after_the_deadline_passed_is_refused_inside_the_write() {
    use domain::tanggal::Tanggal;
    use server::db::error::DbError;
    use server::db::umpan_balik_360::tolak_bila_ditutup;
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let db = app.connect().await;
        let mut c = db.pool().acquire().await.unwrap();
        let hari = |h: u8| Tanggal::new(2026, 12, h).unwrap();
        let akhir = hari(31);
        // By default the period's last day: open on it, closed the day after.
        assert!(tolak_bila_ditutup(&mut c, &periode, akhir, akhir).await.is_ok(), "{backend:?}");
        let e = tolak_bila_ditutup(&mut c, &periode, akhir, Tanggal::new(2027, 1, 1).unwrap()).await.unwrap_err();
        assert!(matches!(e, DbError::Conflict { code: "umpan_balik_360_ditutup", .. }), "{backend:?}: {e:?}");
        // A deadline the admin set counts instead (stored as the API stores it).
        sqlx::query(
            "INSERT INTO pengaturan_360 (periode_id, instansi_id, batas, version) \
             SELECT id, instansi_id, '2026-12-20', 1 FROM periode WHERE id = $1",
        )
        .bind(&periode)
        .execute(db.pool())
        .await
        .unwrap();
        assert!(tolak_bila_ditutup(&mut c, &periode, akhir, hari(20)).await.is_ok());
        assert!(tolak_bila_ditutup(&mut c, &periode, akhir, hari(21)).await.is_err(), "{backend:?}");
    }
}

/// The second guard to the check inside each write: the aggregate is
/// released only some minutes after the deadline passed (midnight WIB;
/// `--tenggang-360-menit`, 10 by default), so a write that was checked just
/// before midnight has committed or failed before anyone reads it.
#[tokio::test]
async fn the_aggregate_is_released_only_some_minutes_after_the_deadline_passed() {
    for backend in backends() {
        // Closed since the last midnight (WIB), by the server's clock; a
        // grace of two days has not passed yet whatever the hour.
        let kemarin = server::clock::hari_ini().tambah_hari(-1);
        assert!(
            server::clock::tutup_360(kemarin) <= server::clock::now()
                && !server::clock::rilis_360(kemarin, server::clock::now(), 2 * 86_400)
        );
        for (tenggang, batas, dirilis) in [(2 * 24 * 60, kemarin.to_string(), false), (10, "2026-01-01".into(), true)] {
            let app =
                crate::helpers::spawn_app_configured(backend, None, true, |a| a.security.tenggang_360_menit = tenggang)
                    .await;
            let periode = periode_id(&app).await;
            let (ratee, kabid1) = (app.login(DEMO_STAF2).await, app.login(DEMO_KABID1).await);
            let db = app.connect().await;
            sqlx::query(
                "INSERT INTO pengaturan_360 (periode_id, instansi_id, batas, version) \
                 SELECT id, instansi_id, $2, 1 FROM periode WHERE id = $1",
            )
            .bind(&periode)
            .bind(&batas)
            .execute(db.pool())
            .await
            .unwrap();
            let hasil = format!("/api/v1/hasil-360?periode_id={periode}&pegawai_id={}", ratee.pegawai_id);
            for (s, bagian) in [(&ratee, "untuk_pegawai"), (&kabid1, "untuk_penilai")] {
                let (status, h) = baca(s, &hasil).await;
                assert_eq!(status, 200, "{backend:?}: {h}");
                assert_eq!(h["pengaturan"]["ditutup"], true, "{backend:?}: closed either way: {h}");
                assert_eq!(!h[bagian].is_null(), dirilis, "{backend:?}: deadline {batas}, grace {tenggang} min: {h}");
            }
            // Nothing changes meanwhile: the 360 is closed to every write.
            let t = json!({ "periode_id": periode, "pegawai_id": ratee.pegawai_id,
                            "penilai_id": app.login(DEMO_STAF3).await.pegawai_id, "kelompok": "rekan" });
            let (status, e) = kirim(&kabid1, Method::POST, "/api/v1/penilai-360", &t).await;
            assert_eq!((status, e["code"].as_str()), (409, Some("umpan_balik_360_ditutup")), "{backend:?}: {e}");
        }
    }
}

/// Every answer about the 360's deadline carries the server's date (WIB):
/// the admin's "this closes the 360 now" question is asked against it,
/// never against the device's clock.
#[tokio::test]
async fn the_360_deadline_says_the_servers_date() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let admin = app.login(DEMO_ADMIN).await;
        let (status, p) = baca(&admin, &format!("/api/v1/pengaturan-360?periode_id={periode}")).await;
        assert_eq!(status, 200, "{p}");
        let hari_ini = server::clock::hari_ini().to_string();
        assert_eq!(p["hari_ini"].as_str(), Some(hari_ini.as_str()), "{backend:?}: {p}");
    }
}
