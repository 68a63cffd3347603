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
        (
            Method::POST,
            "/api/v1/skp".to_owned(),
            json!({ "periode_id": periode, "rencana": rencana("Di periode orang") }),
        ),
    ]
}

async fn call(s: &Session, method: &Method, path: &str, body: &Value) -> u16 {
    let req = if *method == Method::GET { s.get(path) } else { s.send(method.clone(), path).json(body) };
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
