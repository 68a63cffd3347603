//! The authorisation matrix: every SKP endpoint, called by every role on
//! another person's object (same instansi) and on another instansi's object,
//! is refused, and a refusal never changes anything.

use reqwest::Method;
use serde_json::{Value, json};
use server::db::Db;

use crate::helpers::{DEMO_ADMIN, DEMO_KABID2, DEMO_KEPALA, DEMO_STAF3, Session, TestApp, backends, spawn_app_with};
use crate::skp::{periode_id, rencana};

/// A second instansi with a pegawai, their penilai and an admin, all with the demo password.
pub async fn other_instansi(db: &Db) -> (String, String, String, String) {
    let hash = server::password::hash_blocking(server::seed::DEMO_PASSWORD).unwrap();
    let q = |sql: &'static str| sqlx::query(sql);
    q("INSERT INTO instansi (id, instansi_id, kode, nama) VALUES ('i2', 'i2', 'LAIN', 'Instansi Lain')")
        .execute(db.pool())
        .await
        .unwrap();
    q("INSERT INTO unit_kerja (id, instansi_id, nama) VALUES ('u2', 'i2', 'Unit Lain')")
        .execute(db.pool())
        .await
        .unwrap();
    q("INSERT INTO periode (id, instansi_id, tahun, rule_set, siklus, mulai, selesai) \
       VALUES ('p2', 'i2', 2026, 'permenpanrb_6_2022', 'bulanan', '2026-01-01', '2026-12-31')")
    .execute(db.pool())
    .await
    .unwrap();
    for (id, nip, peran) in [
        ("o-peg", "198501012010011001", "pegawai"),
        ("o-pen", "197901012005011002", "pegawai"),
        ("o-adm", "199001012015012003", "admin_instansi"),
    ] {
        sqlx::query(
            "INSERT INTO pegawai (id, instansi_id, nip, nama, jenis_pegawai, jenis_jabatan, jabatan, unit_id) \
             VALUES ($1, 'i2', $2, 'Pegawai Lain', 'pns', 'pelaksana', 'Staf', 'u2')",
        )
        .bind(id)
        .bind(nip)
        .execute(db.pool())
        .await
        .unwrap();
        sqlx::query("INSERT INTO akun (pegawai_id, instansi_id, password_hash, peran) VALUES ($1, 'i2', $2, $3)")
            .bind(id)
            .bind(&hash)
            .bind(peran)
            .execute(db.pool())
            .await
            .unwrap();
    }
    q("INSERT INTO atasan (id, instansi_id, periode_id, pegawai_id, penilai_id, berlaku_mulai) \
       VALUES ('a2', 'i2', 'p2', 'o-peg', 'o-pen', '2026-01-01')")
    .execute(db.pool())
    .await
    .unwrap();
    ("p2".into(), "198501012010011001".into(), "197901012005011002".into(), "199001012015012003".into())
}

async fn skp_of(s: &Session, periode: &str) -> Value {
    let res = s
        .post("/api/v1/skp")
        .json(&json!({ "periode_id": periode, "rencana": rencana("Rahasia") }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    res.json().await.unwrap()
}

/// Every SKP endpoint on one object: (method, path, body).
fn endpoints(id: &str, periode: &str) -> Vec<(Method, String, Value)> {
    let v = json!({ "version": 1, "catatan": "coba" });
    vec![
        (Method::GET, format!("/api/v1/skp/{id}"), Value::Null),
        (Method::PUT, format!("/api/v1/skp/{id}"), json!({ "version": 1, "rencana": rencana("Dibajak") })),
        (Method::POST, format!("/api/v1/skp/{id}/submit"), v.clone()),
        (Method::POST, format!("/api/v1/skp/{id}/approve"), v.clone()),
        (Method::POST, format!("/api/v1/skp/{id}/return"), v.clone()),
        (Method::POST, format!("/api/v1/skp/{id}/revise"), v.clone()),
        (Method::GET, format!("/api/v1/skp/{id}/versi"), Value::Null),
        (Method::GET, format!("/api/v1/skp/{id}/rhk-atasan"), Value::Null),
        (Method::GET, format!("/api/v1/skp/{id}/sejak-dikembalikan"), Value::Null),
        (Method::GET, format!("/api/v1/skp/{id}/realisasi"), Value::Null),
        (
            Method::PUT,
            format!("/api/v1/skp/{id}/realisasi"),
            json!({ "version": 1, "realisasi": crate::realisasi::realisasi(1, "99", "Dibajak") }),
        ),
        (Method::POST, format!("/api/v1/skp/{id}/bukti?indikator_id=i1&evaluasi=periodik-1"), Value::Null),
        (
            Method::POST,
            "/api/v1/skp".to_owned(),
            json!({ "periode_id": periode, "rencana": rencana("Di periode orang") }),
        ),
    ]
}

async fn call(s: &Session, method: &Method, path: &str, body: &Value) -> u16 {
    let req = if *method == Method::GET {
        s.get(path)
    } else if path.contains("/bukti?") {
        // A real file: a refusal must be the authorisation's, not the file's.
        s.send(method.clone(), path).header("content-type", "application/pdf").body(crate::realisasi::PDF.to_vec())
    } else {
        s.send(method.clone(), path).json(body)
    };
    req.send().await.unwrap().status().as_u16()
}

async fn version_of(app: &TestApp, id: &str) -> i64 {
    let db = app.connect().await;
    let (v,): (i64,) =
        sqlx::query_as("SELECT version FROM skp WHERE id = $1").bind(id).fetch_one(db.pool()).await.unwrap();
    v
}

#[tokio::test]
async fn every_role_is_refused_on_objects_that_are_not_theirs() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let db = app.connect().await;
        let (p2, o_peg, _o_pen, o_adm) = other_instansi(&db).await;
        let periode = periode_id(&app).await;

        // The targets: a colleague's SKP here (staf2, rated by kabid1) and a pegawai's SKP there.
        let staf2 = app.login(crate::helpers::DEMO_STAF2).await;
        let here = skp_of(&staf2, &periode).await;
        let lain = app.login(&o_peg).await;
        let there = skp_of(&lain, &p2).await;

        // Callers: a colleague, another unit's penilai, and this instansi's admin (refused there);
        // the other instansi's admin (refused here).
        let callers = [
            ("colleague", app.login(DEMO_STAF3).await, true),
            ("other penilai", app.login(DEMO_KABID2).await, true),
            ("admin here", app.login(DEMO_ADMIN).await, false),
            ("admin there", app.login(&o_adm).await, true),
        ];
        for (who, caller, refuse_here) in &callers {
            let targets: Vec<(&str, &Value, &str)> = if *refuse_here && *who != "admin there" {
                vec![("here", &here, periode.as_str()), ("there", &there, p2.as_str())]
            } else if *who == "admin there" {
                vec![("here", &here, periode.as_str())]
            } else {
                vec![("there", &there, p2.as_str())]
            };
            for (place, skp, target_periode) in targets {
                let id = skp["id"].as_str().unwrap();
                let cross_instansi = (place == "there") != (*who == "admin there");
                for (method, path, body) in endpoints(id, target_periode) {
                    if path == "/api/v1/skp" && !cross_instansi {
                        continue; // creating one's own SKP in one's own period is allowed
                    }
                    let status = call(caller, &method, &path, &body).await;
                    // Creating an SKP in another instansi's period is a 422 (unknown period);
                    // anything else about someone else's SKP is a 404, as if it did not exist.
                    let refused = if path == "/api/v1/skp" { status == 422 } else { status == 404 };
                    assert!(refused, "{backend:?}: {who} → {method} {path} on {place}: got {status}");
                }
                assert_eq!(version_of(&app, id).await, 1, "a refusal changed nothing");
                let bukti = (crate::realisasi::jumlah_bukti(&app).await, crate::realisasi::berkas_di(app.objek.path()));
                assert_eq!(bukti, (0, Vec::<String>::new()), "{backend:?}: {who} on {place}: no evidence stored");
            }
        }
        // The queue of another instansi's period is empty for everyone here.
        let kabid2 = &callers[1].1;
        let queue: Value =
            kabid2.get(&format!("/api/v1/penilai/skp?periode_id={p2}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(queue, json!([]));
        // The head of the instansi (atasan of kabid1, not of staf2's chain end) does see staf2's SKP:
        // the atasan pejabat penilai is in the chain.
        let kepala = app.login(DEMO_KEPALA).await;
        assert_eq!(
            call(&kepala, &Method::GET, &format!("/api/v1/skp/{}", here["id"].as_str().unwrap()), &Value::Null).await,
            200
        );
    }
}

/// How a route is guarded, for [`every_route_is_in_the_matrix`].
#[derive(Clone, Copy, Debug, PartialEq)]
enum Jaga {
    /// Open to anyone (health, the document, sign-in, activation, preview).
    Publik,
    /// Acts only on the caller's own session or own records.
    Diri,
    /// An admin's, on their own instansi only.
    Admin,
    /// On one SKP: [`every_role_is_refused_on_objects_that_are_not_theirs`].
    Skp,
    /// The caller's own queue as pejabat penilai.
    Antrian,
    /// Replays mutations through the guarded routes.
    Sync,
    /// Feedback on one SKP, one ratee's 360, one rater's request, one
    /// period's 360 deadline:
    /// `umpan_balik::every_role_is_refused_on_feedback_and_360_objects_not_theirs`.
    UmpanBalik,
    /// On one evidence file: [`every_role_is_refused_on_evidence_that_is_not_theirs`].
    Bukti,
    /// The evaluation (a rating, a unit's predikat and distribution, a
    /// document, the calendar, the queues):
    /// `penilaian::every_role_is_refused_on_evaluation_objects_not_theirs`.
    Penilaian,
}

/// Every route with its guard; [`every_route_is_in_the_matrix`] keeps this
/// equal to the OpenAPI test's list, so a new route cannot skip the matrix.
const MATRIKS: &[(&str, &str, Jaga)] = &[
    ("GET", "/api/v1/health", Jaga::Publik),
    ("GET", "/api/v1/openapi.json", Jaga::Publik),
    ("POST", "/api/v1/auth/login", Jaga::Publik),
    ("GET", "/api/v1/auth/session", Jaga::Publik),
    ("POST", "/api/v1/auth/aktivasi", Jaga::Publik),
    ("POST", "/api/v1/preview", Jaga::Publik),
    ("POST", "/api/v1/auth/logout", Jaga::Diri),
    ("GET", "/api/v1/auth/me", Jaga::Diri),
    ("POST", "/api/v1/auth/password", Jaga::Diri),
    // The caller's own address: `email::the_penilai_with_an_address_gets_the_submission_by_email_and_a_pegawai_without_one_none`.
    ("GET", "/api/v1/auth/email", Jaga::Diri),
    ("PUT", "/api/v1/auth/email", Jaga::Diri),
    ("GET", "/api/v1/org/periode", Jaga::Diri),
    ("GET", "/api/v1/skp", Jaga::Diri),
    ("POST", "/api/v1/skp", Jaga::Skp),
    ("GET", "/api/v1/org/unit", Jaga::Admin),
    ("GET", "/api/v1/org/pegawai", Jaga::Admin),
    ("POST", "/api/v1/org/periode", Jaga::Admin),
    ("GET", "/api/v1/org/atasan", Jaga::Admin),
    ("PUT", "/api/v1/org/atasan", Jaga::Admin),
    ("GET", "/api/v1/org/atasan/riwayat", Jaga::Admin),
    ("POST", "/api/v1/admin/aktivasi", Jaga::Admin),
    ("POST", "/api/v1/admin/import", Jaga::Admin),
    ("GET", "/api/v1/skp/{id}", Jaga::Skp),
    ("PUT", "/api/v1/skp/{id}", Jaga::Skp),
    ("POST", "/api/v1/skp/{id}/submit", Jaga::Skp),
    ("POST", "/api/v1/skp/{id}/approve", Jaga::Skp),
    ("POST", "/api/v1/skp/{id}/return", Jaga::Skp),
    ("POST", "/api/v1/skp/{id}/revise", Jaga::Skp),
    ("GET", "/api/v1/skp/{id}/versi", Jaga::Skp),
    ("GET", "/api/v1/skp/{id}/rhk-atasan", Jaga::Skp),
    ("GET", "/api/v1/skp/{id}/sejak-dikembalikan", Jaga::Skp),
    ("GET", "/api/v1/skp/{id}/realisasi", Jaga::Skp),
    ("PUT", "/api/v1/skp/{id}/realisasi", Jaga::Skp),
    ("POST", "/api/v1/skp/{id}/bukti", Jaga::Skp),
    ("GET", "/api/v1/bukti/{id}", Jaga::Bukti),
    ("DELETE", "/api/v1/bukti/{id}", Jaga::Bukti),
    // The caller's own SKP: `realisasi::a_realisation_is_saved_per_sub_period_with_its_preview_and_history`.
    ("GET", "/api/v1/realisasi/belum", Jaga::Diri),
    ("GET", "/api/v1/penilai/skp", Jaga::Antrian),
    // The subordinate of the caller as penilai only: `notifikasi::a_reminder_reaches_only_a_subordinate_once_a_day`.
    ("POST", "/api/v1/penilai/ingatkan", Jaga::Antrian),
    // The caller's own notifications: `notifikasi::each_person_reads_and_marks_only_their_own`.
    ("GET", "/api/v1/notifikasi", Jaga::Diri),
    ("GET", "/api/v1/notifikasi/jumlah", Jaga::Diri),
    ("POST", "/api/v1/notifikasi/baca", Jaga::Diri),
    ("POST", "/api/v1/sync", Jaga::Sync),
    ("PUT", "/api/v1/umpan-balik/{id}", Jaga::UmpanBalik),
    ("GET", "/api/v1/skp/{id}/umpan-balik", Jaga::UmpanBalik),
    ("POST", "/api/v1/permintaan-umpan-balik", Jaga::UmpanBalik),
    // The caller's own queue (lists nothing of others: the same test).
    ("GET", "/api/v1/penilai/umpan-balik", Jaga::Antrian),
    ("GET", "/api/v1/pengaturan-360", Jaga::UmpanBalik),
    ("PUT", "/api/v1/org/periode/{id}/pengaturan-360", Jaga::UmpanBalik),
    ("GET", "/api/v1/penilai-360", Jaga::UmpanBalik),
    ("POST", "/api/v1/penilai-360", Jaga::UmpanBalik),
    ("DELETE", "/api/v1/penilai-360/{id}", Jaga::UmpanBalik),
    ("POST", "/api/v1/penilai-360/{id}/konfirmasi", Jaga::UmpanBalik),
    // Colleagues of the caller's own instansi only:
    // `umpan_balik::a_ratee_finds_colleagues_of_their_own_instansi_only`.
    ("POST", "/api/v1/calon-penilai-360", Jaga::Diri),
    // The caller's own requests as a rater (lists nothing of others: the same test).
    ("GET", "/api/v1/tugas-360", Jaga::Diri),
    ("PUT", "/api/v1/tugas-360/{id}", Jaga::UmpanBalik),
    ("GET", "/api/v1/hasil-360", Jaga::UmpanBalik),
    // The evaluation: `penilaian::every_role_is_refused_on_evaluation_objects_not_theirs`.
    ("GET", "/api/v1/skp/{id}/penilaian", Jaga::Penilaian),
    ("PUT", "/api/v1/skp/{id}/penilaian", Jaga::Penilaian),
    ("PUT", "/api/v1/skp/{id}/penilaian-lama", Jaga::Penilaian),
    // The caller's own numeric evaluations (lists nothing of others):
    // `penilaian::the_pegawai_reads_their_own_numeric_evaluations_and_is_told_of_each`.
    ("GET", "/api/v1/penilaian-lama", Jaga::Diri),
    ("GET", "/api/v1/unit/{id}/predikat-organisasi", Jaga::Penilaian),
    ("PUT", "/api/v1/unit/{id}/predikat-organisasi", Jaga::Penilaian),
    // The caller's own units as leader: `penilaian::the_leader_above_lists_the_units_whose_predikat_they_set`.
    ("GET", "/api/v1/penilai/unit-bawahan", Jaga::Penilaian),
    ("GET", "/api/v1/pengaturan-penilaian", Jaga::Penilaian),
    ("PUT", "/api/v1/org/periode/{id}/pengaturan-penilaian", Jaga::Penilaian),
    ("GET", "/api/v1/penilai/distribusi", Jaga::Penilaian),
    ("POST", "/api/v1/penilai/distribusi/finalisasi", Jaga::Penilaian),
    ("GET", "/api/v1/skp/{id}/angka-kredit", Jaga::Penilaian),
    ("GET", "/api/v1/kalender", Jaga::Penilaian),
    ("POST", "/api/v1/org/hari-libur", Jaga::Penilaian),
    ("GET", "/api/v1/dokumen-evaluasi/{id}", Jaga::Penilaian),
    ("GET", "/api/v1/skp/{id}/dokumen-evaluasi", Jaga::Penilaian),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/sign_by_penilai", Jaga::Penilaian),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/deliver", Jaga::Penilaian),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/sign_by_pegawai", Jaga::Penilaian),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/file_keberatan", Jaga::Penilaian),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/reply_keberatan", Jaga::Penilaian),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/decide_keberatan", Jaga::Penilaian),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/report", Jaga::Penilaian),
    ("POST", "/api/v1/skp/{id}/take-over", Jaga::Penilaian),
    ("GET", "/api/v1/antrian-evaluasi", Jaga::Penilaian),
    // The PDFs: `pdf::a_signed_document_is_recorded_served_and_checked_by_anyone`
    // (a colleague, another penilai) and `pdf::another_instansi_never_reads_the_pdf`.
    ("GET", "/api/v1/dokumen-evaluasi/{id}/pdf", Jaga::Penilaian),
    ("GET", "/api/v1/skp/{id}/pdf", Jaga::Penilaian),
    // Anyone holding a PDF checks it; an unknown hash is only "not found".
    ("POST", "/api/v1/cek-dokumen", Jaga::Publik),
];

#[test]
fn every_route_is_in_the_matrix() {
    let mine: std::collections::BTreeSet<(&str, &str)> = MATRIKS.iter().map(|(m, p, _)| (*m, *p)).collect();
    let all: std::collections::BTreeSet<(&str, &str)> = crate::openapi::ROUTES.iter().copied().collect();
    assert_eq!(mine, all, "a route is missing from (or extra in) the authorisation matrix");
    assert_eq!(mine.len(), MATRIKS.len(), "a route is listed twice");
}

/// A request as a guest (no cookie), a real body where one is needed.
async fn tamu(app: &TestApp, method: &str, path: &str) -> u16 {
    let path = path.replace("{id}", "x");
    let m = Method::from_bytes(method.as_bytes()).unwrap();
    let req = app.client.request(m, app.url(&path)).header("idempotency-key", uuid::Uuid::new_v4().to_string());
    req.json(&json!({})).send().await.unwrap().status().as_u16()
}

/// Every row version of the organisation tables and the accounts, for
/// "a refusal changed nothing".
async fn org_versions(app: &TestApp) -> Vec<String> {
    let db = app.connect().await;
    let mut all = Vec::new();
    for sql in [
        "SELECT id || ':' || version FROM pegawai ORDER BY id",
        "SELECT id || ':' || version FROM atasan ORDER BY id",
        "SELECT id || ':' || version FROM periode ORDER BY id",
        "SELECT id || ':' || version FROM unit_kerja ORDER BY id",
        "SELECT pegawai_id || ':' || COALESCE(password_hash, '') || ':' || COALESCE(kode_aktivasi_hash, '') \
         FROM akun ORDER BY pegawai_id",
    ] {
        let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(db.pool()).await.unwrap();
        all.extend(rows.into_iter().map(|r| r.0));
    }
    all
}

#[tokio::test]
async fn every_other_route_refuses_guests_non_admins_and_other_instansi() {
    for backend in backends() {
        every_other_route_refuses_on(backend).await;
    }
}

async fn every_other_route_refuses_on(backend: crate::helpers::Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let db = app.connect().await;
    let (p2, o_peg, _o_pen, o_adm) = other_instansi(&db).await;
    let periode = periode_id(&app).await;
    let admin = app.login(DEMO_ADMIN).await;
    let staf2_id = crate::org::pegawai_id(&admin, crate::helpers::DEMO_STAF2).await;
    let kabid2_id = crate::org::pegawai_id(&admin, DEMO_KABID2).await;
    let staf2 = app.login(crate::helpers::DEMO_STAF2).await;
    let here = skp_of(&staf2, &periode).await;
    let here_id = here["id"].as_str().unwrap().to_owned();
    let lain = app.login(&o_peg).await;
    let there = skp_of(&lain, &p2).await;
    let there_id = there["id"].as_str().unwrap().to_owned();

    // A guest gets 401 on everything that is not public.
    for (method, path, jaga) in MATRIKS {
        if *jaga != Jaga::Publik {
            assert_eq!(tamu(&app, method, path).await, 401, "{backend:?}: a guest → {method} {path}");
        }
    }

    let before = org_versions(&app).await;
    // A pegawai and a penilai get 403 on every admin route, and change nothing.
    let colleague = app.login(DEMO_STAF3).await;
    let penilai = app.login(DEMO_KABID2).await;
    let csv = format!(
        "nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan\r\n{};Dibajak;pns;Staf;pelaksana;Unit Lain;",
        crate::helpers::DEMO_STAF2
    );
    let admin_calls = |s: &Session| {
        let s = s.clone();
        let (periode, staf2_id, kabid2_id, csv) = (periode.clone(), staf2_id.clone(), kabid2_id.clone(), csv.clone());
        async move {
            vec![
                ("GET /org/unit", s.get("/api/v1/org/unit").send().await.unwrap()),
                ("GET /org/pegawai", s.get("/api/v1/org/pegawai?q=1988").send().await.unwrap()),
                (
                    "POST /org/periode",
                    s.post("/api/v1/org/periode")
                        .json(&json!({ "tahun": 2031, "rule_set": "permenpanrb_6_2022", "siklus": "bulanan" }))
                        .send()
                        .await
                        .unwrap(),
                ),
                ("GET /org/atasan", s.get(&format!("/api/v1/org/atasan?periode_id={periode}")).send().await.unwrap()),
                (
                    "GET /org/atasan/riwayat",
                    s.get(&format!("/api/v1/org/atasan/riwayat?periode_id={periode}&pegawai_id={staf2_id}"))
                        .send()
                        .await
                        .unwrap(),
                ),
                (
                    "PUT /org/atasan",
                    s.put("/api/v1/org/atasan")
                        .json(&json!({ "periode_id": periode, "pegawai_id": staf2_id, "penilai_id": kabid2_id,
                                       "berlaku_mulai": "2026-07-01" }))
                        .send()
                        .await
                        .unwrap(),
                ),
                (
                    "POST /admin/aktivasi",
                    s.post("/api/v1/admin/aktivasi").json(&json!({ "pegawai_ids": [staf2_id] })).send().await.unwrap(),
                ),
                (
                    "POST /admin/import",
                    s.post("/api/v1/admin/import?terapkan=true")
                        .header("content-type", "text/csv")
                        .body(csv)
                        .send()
                        .await
                        .unwrap(),
                ),
            ]
        }
    };
    // Every admin route of the matrix is among these calls.
    let called: std::collections::BTreeSet<(String, String)> = admin_calls(&colleague)
        .await
        .into_iter()
        .map(|(call, _)| {
            let (m, p) = call.split_once(' ').unwrap();
            (m.to_owned(), format!("/api/v1{p}"))
        })
        .collect();
    let admin_routes: std::collections::BTreeSet<(String, String)> = MATRIKS
        .iter()
        .filter(|(_, _, jaga)| *jaga == Jaga::Admin)
        .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(called, admin_routes, "an admin route is not called by the refusal checks below");
    for (who, s) in [("pegawai", &colleague), ("penilai", &penilai)] {
        for (call, res) in admin_calls(s).await {
            assert_eq!(res.status(), 403, "{backend:?}: {who} → {call}");
        }
    }
    assert_eq!(org_versions(&app).await, before, "{backend:?}: a refusal changed nothing");

    // The other instansi's admin, aimed at this instansi's objects: nothing
    // of here is seen or changed.
    let admin_there = app.login(&o_adm).await;
    for (call, res) in admin_calls(&admin_there).await {
        let status = res.status().as_u16();
        let body = res.text().await.unwrap();
        match call {
            // Their own tree, people and (new) period: nothing of here in it.
            "GET /org/unit" | "GET /org/pegawai" | "POST /org/periode" => {
                assert!(status < 300, "{backend:?}: admin there → {call}: {status} {body}");
                assert!(
                    !body.contains(&staf2_id) && !body.contains("Sekretariat"),
                    "{backend:?}: {call} leaks: {body}"
                );
            }
            "GET /org/atasan" | "PUT /org/atasan" | "GET /org/atasan/riwayat" => {
                assert_eq!(status, 404, "{backend:?}: admin there → {call}")
            }
            // No code for a pegawai of here.
            "POST /admin/aktivasi" => assert!(
                status >= 400 || !body.contains(&staf2_id),
                "{backend:?}: admin there → {call}: {status} {body}"
            ),
            // Here's NIP is not theirs to import over: a row error, nothing written.
            "POST /admin/import" => assert_eq!(status, 422, "{backend:?}: admin there → {call}: {body}"),
            other => unreachable!("{other}"),
        }
    }
    // A transfer of here's pegawai into their period is refused too.
    let res = admin_there
        .put("/api/v1/org/atasan")
        .json(
            &json!({ "periode_id": p2, "pegawai_id": staf2_id, "penilai_id": "o-pen", "berlaku_mulai": "2026-07-01" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "{backend:?}");
    let after: Vec<String> = org_versions(&app).await;
    let periode_baru = after.len() - before.len();
    assert_eq!(periode_baru, 1, "{backend:?}: only the other admin's own new period was written");
    assert!(before.iter().all(|v| after.contains(v)), "{backend:?}: nothing of here changed");

    // Lists of one's own: someone else's SKP is never in them.
    for (who, s) in [("colleague", &colleague), ("penilai", &penilai), ("admin there", &admin_there), ("lain", &lain)] {
        let mine = s.get("/api/v1/skp").send().await.unwrap().text().await.unwrap();
        assert!(!mine.contains(&here_id), "{backend:?}: {who}'s GET /skp lists staf2's SKP");
        let periods = s.get("/api/v1/org/periode").send().await.unwrap().text().await.unwrap();
        let own_instansi = who == "admin there" || who == "lain";
        assert_eq!(periods.contains(&periode), !own_instansi, "{backend:?}: {who}'s GET /org/periode");
        for p in [&periode, &p2] {
            let q = s.get(&format!("/api/v1/penilai/skp?periode_id={p}")).send().await.unwrap().text().await.unwrap();
            assert!(!q.contains(&here_id) && !q.contains(&there_id), "{backend:?}: {who}'s queue of {p}: {q}");
        }
    }

    // Sync replays through the same guards: a change to someone else's SKP is
    // a 404 inside the batch, and changes nothing.
    for (who, s, target) in [
        ("colleague", &colleague, &here_id),
        ("admin there", &admin_there, &here_id),
        ("colleague", &colleague, &there_id),
    ] {
        let res = s
            .post("/api/v1/sync")
            .json(&json!({ "client_id": format!("matriks-{who}-{target}"), "mutations": [
                { "seq": 1, "idempotency_key": uuid::Uuid::new_v4().to_string(), "method": "PUT",
                  "path": format!("/api/v1/skp/{target}"), "body": { "version": 1, "rencana": rencana("Dibajak") } },
                { "seq": 2, "idempotency_key": uuid::Uuid::new_v4().to_string(), "method": "POST",
                  "path": format!("/api/v1/skp/{target}/approve"), "body": { "version": 1, "catatan": "" } },
            ]}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{backend:?}");
        let out: Value = res.json().await.unwrap();
        for r in out["results"].as_array().unwrap() {
            assert_eq!(r["status"], 404, "{backend:?}: {who} via sync on {target}: {r}");
        }
        assert_eq!(version_of(&app, target).await, 1, "{backend:?}: a refused sync changed nothing");
    }
}

/// Every evidence endpoint, called by every role on an evidence file that is
/// not theirs to see (a colleague's here, a pegawai's in another instansi),
/// is a 404; the penilai and the admin, who may read it, may not delete it;
/// and no refusal changes anything (records and objects).
#[tokio::test]
async fn every_role_is_refused_on_evidence_that_is_not_theirs() {
    use crate::realisasi::{PDF, berkas_di, jumlah_bukti, skp_ditetapkan, unggah};
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let db = app.connect().await;
        let (p2, o_peg, o_pen, o_adm) = other_instansi(&db).await;
        let periode = periode_id(&app).await;
        let staf2 = app.login(crate::helpers::DEMO_STAF2).await;
        let kabid1 = app.login(crate::helpers::DEMO_KABID1).await;
        let (here_skp, _) = skp_ditetapkan(&staf2, &kabid1, &periode).await;
        let lain = app.login(&o_peg).await;
        let (there_skp, _) = skp_ditetapkan(&lain, &app.login(&o_pen).await, &p2).await;
        let mut ids = Vec::new();
        for (s, skp) in [(&staf2, &here_skp), (&lain, &there_skp)] {
            let res = unggah(s, skp, "periodik-1", "bukti.pdf", PDF.to_vec()).await;
            assert_eq!(res.status(), 201, "{backend:?}");
            ids.push(res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned());
        }
        let (here, there) = (&ids[0], &ids[1]);
        let before = (jumlah_bukti(&app).await, berkas_di(app.objek.path()));

        // (who, evidence, the status each of GET and DELETE gets)
        let cases = [
            ("colleague", app.login(DEMO_STAF3).await, here, (404, 404)),
            ("another unit's penilai", app.login(DEMO_KABID2).await, here, (404, 404)),
            ("the other instansi's admin", app.login(&o_adm).await, here, (404, 404)),
            ("the other instansi's pegawai", lain.clone(), here, (404, 404)),
            ("this instansi's admin", app.login(DEMO_ADMIN).await, there, (404, 404)),
            ("staf2, the owner here", staf2.clone(), there, (404, 404)),
            ("the penilai", kabid1.clone(), here, (200, 409)),
            ("the atasan penilai", app.login(DEMO_KEPALA).await, here, (200, 409)),
            ("this instansi's admin", app.login(DEMO_ADMIN).await, here, (200, 403)),
        ];
        for (who, s, bukti, (get, delete)) in &cases {
            let path = format!("/api/v1/bukti/{bukti}");
            let res = s.get(&path).send().await.unwrap();
            assert_eq!(res.status(), *get, "{backend:?}: {who} → GET {path}");
            if *get != 200 {
                assert!(!res.text().await.unwrap().contains("PDF"), "{backend:?}: {who} read the content");
            }
            assert_eq!(call(s, &Method::DELETE, &path, &Value::Null).await, *delete, "{backend:?}: {who} → DELETE");
        }
        // The same through an outbox batch.
        let res = app
            .login(DEMO_STAF3)
            .await
            .post("/api/v1/sync")
            .json(&json!({ "client_id": "matriks-bukti", "mutations": [
                { "seq": 1, "idempotency_key": uuid::Uuid::new_v4().to_string(), "method": "DELETE",
                  "path": format!("/api/v1/bukti/{here}"), "body": null },
            ]}))
            .send()
            .await
            .unwrap();
        let out: Value = res.json().await.unwrap();
        assert_eq!(out["results"][0]["status"], 404, "{backend:?}: {out}");
        assert_eq!((jumlah_bukti(&app).await, berkas_di(app.objek.path())), before, "{backend:?}: nothing changed");
    }
}
