//! The offline outbox: a batch of queued changes replayed in order, each
//! with its own result, never applied twice.

use serde_json::{Value, json};

use crate::helpers::{Backend, DEMO_KABID1, DEMO_STAF2, backends, is_teks, spawn_app_with};
use crate::skp::{create, periode_id, rencana};

#[tokio::test]
async fn an_outbox_batch_is_applied_in_order_and_a_resend_changes_nothing() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let pegawai = app.login(DEMO_STAF2).await;
        // Created online; then edited twice and submitted while offline.
        let skp: Value = create(&pegawai, &periode, "Versi awal").await.json().await.unwrap();
        let id = skp["id"].as_str().unwrap();
        let batch = json!({
            "client_id": "tablet-1",
            "mutations": [
                { "seq": 1, "idempotency_key": "k-1", "method": "PUT", "path": format!("/api/v1/skp/{id}"),
                  "body": { "version": 1, "rencana": rencana("Diubah di kereta") } },
                { "seq": 2, "idempotency_key": "k-2", "method": "PUT", "path": format!("/api/v1/skp/{id}"),
                  "body": { "version": 1, "rencana": rencana("Perubahan basi") } },
                { "seq": 3, "idempotency_key": "k-3", "method": "POST", "path": format!("/api/v1/skp/{id}/submit"),
                  "body": { "version": 2 } },
                { "seq": 4, "idempotency_key": "k-4", "method": "POST", "path": "/api/v1/auth/logout", "body": {} }
            ]
        });
        let send = || pegawai.post("/api/v1/sync").json(&batch).send();
        let res = send().await.unwrap();
        assert_eq!(res.status(), 200, "{backend:?}");
        let out: Value = res.json().await.unwrap();
        let statuses: Vec<u64> =
            out["results"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
        // The stale edit is refused, and so is the submission made after it
        // (of a plan that had that edit); auth is not syncable.
        assert_eq!(statuses, [200, 409, 409, 422]);
        assert_eq!(out["results"][1]["body"]["code"], "stale_version");
        assert_eq!(out["results"][2]["body"]["code"], "earlier_refused");
        assert!(is_teks(&out["results"][2]["body"]["message"]));

        // The response was lost; the tablet sends the same batch again.
        let again: Value = send().await.unwrap().json().await.unwrap();
        assert_eq!(again["results"][0]["replayed"], true);
        assert_eq!(again["results"][0]["body"], out["results"][0]["body"]);
        assert_eq!(again["results"][2]["status"], 409, "still not applied");
        let now: Value = pegawai.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(now["version"], 2, "applied once, and nothing on top of the refused edit");
        assert_eq!(now["isian"]["rhk"][0]["uraian"], "Diubah di kereta");
        assert_eq!(now["status"], "draf");
    }
}

#[tokio::test]
async fn a_batch_out_of_order_or_for_someone_else_is_refused() {
    for backend in backends() {
        a_batch_out_of_order_or_for_someone_else_is_refused_on(backend).await;
    }
}

async fn a_batch_out_of_order_or_for_someone_else_is_refused_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let pegawai = app.login(DEMO_STAF2).await;
    let bad = json!({ "client_id": "hp", "mutations": [
        { "seq": 2, "idempotency_key": "a", "method": "POST", "path": "/api/v1/skp", "body": {} },
        { "seq": 1, "idempotency_key": "b", "method": "POST", "path": "/api/v1/skp", "body": {} }
    ]});
    assert_eq!(pegawai.post("/api/v1/sync").json(&bad).send().await.unwrap().status(), 422);

    // Someone else's SKP cannot be reached through sync either.
    let skp: Value = create(&pegawai, &periode, "Milik staf2").await.json().await.unwrap();
    let kabid = app.login(DEMO_KABID1).await;
    let id = skp["id"].as_str().unwrap();
    let hijack = json!({ "client_id": "x", "mutations": [
        { "seq": 1, "idempotency_key": "h", "method": "PUT", "path": format!("/api/v1/skp/{id}"),
          "body": { "version": 1, "rencana": rencana("Diubah penilai?") } }
    ]});
    let out: Value = kabid.post("/api/v1/sync").json(&hijack).send().await.unwrap().json().await.unwrap();
    assert_eq!(out["results"][0]["status"], 409, "a penilai may not edit a draft: {out}");
    // Without a session, nothing at all.
    let anon = app.client.post(app.url("/api/v1/sync")).json(&hijack).send().await.unwrap();
    assert_eq!(anon.status(), 401);
}

#[tokio::test]
async fn a_batch_sent_after_a_newer_one_from_the_same_client_is_not_applied() {
    for backend in backends() {
        let (_app, pegawai, id) = crate::tulis::skp_baru(backend).await;
        let edit = |seq: u64, key: &str, version: i64, uraian: &str| {
            json!({ "seq": seq, "idempotency_key": key, "method": "PUT", "path": format!("/api/v1/skp/{id}"),
                    "body": { "version": version, "rencana": rencana(uraian) } })
        };
        let sync = |client: &str, mutations: Vec<Value>| {
            let body = json!({ "client_id": client, "mutations": mutations });
            let pegawai = pegawai.clone();
            async move {
                let res = pegawai.post("/api/v1/sync").json(&body).send().await.unwrap();
                assert_eq!(res.status(), 200);
                res.json::<Value>().await.unwrap()
            }
        };
        // The newer batch arrives first.
        let newer = sync("hp", vec![edit(5, "k-5", 1, "Batch baru")]).await;
        assert_eq!(newer["results"][0]["status"], 200, "{backend:?}: {newer}");
        // Then an older one (seq 3, never applied): refused, nothing changes.
        let older = sync("hp", vec![edit(3, "k-3", 2, "Batch lama")]).await;
        assert_eq!(older["results"][0]["status"], 409, "{backend:?}: {older}");
        assert_eq!(older["results"][0]["body"]["code"], "out_of_order");
        assert!(is_teks(&older["results"][0]["body"]["message"]), "the one error shape: {older}");
        // The newer batch sent again: its key answers, as before.
        let again = sync("hp", vec![edit(5, "k-5", 1, "Batch baru")]).await;
        assert_eq!(
            (again["results"][0]["status"].as_u64(), again["results"][0]["replayed"].as_bool()),
            (Some(200), Some(true))
        );
        // Another client of the same person has its own order.
        let other = sync("laptop", vec![edit(1, "l-1", 2, "Dari laptop")]).await;
        assert_eq!(other["results"][0]["status"], 200, "{backend:?}: {other}");
        let now: Value = pegawai.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(
            (now["version"].as_i64(), now["isian"]["rhk"][0]["uraian"].as_str()),
            (Some(3), Some("Dari laptop"))
        );
        // The order goes on from where it is.
        let next = sync("hp", vec![edit(6, "k-6", 3, "Lanjut")]).await;
        assert_eq!(next["results"][0]["status"], 200, "{backend:?}: {next}");
        // A change refused for good (a pegawai may not map atasan) does not hold back the next one.
        let refused = json!({ "seq": 7, "idempotency_key": "k-7", "method": "PUT", "path": "/api/v1/org/atasan",
                              "body": { "periode_id": "p", "pegawai_id": "x", "berlaku_mulai": "2026-07-01" } });
        let mixed = sync("hp", vec![refused, edit(8, "k-8", 4, "Sesudah penolakan")]).await;
        let statuses: Vec<u64> =
            mixed["results"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
        assert_eq!(statuses, [403, 200], "{backend:?}: {mixed}");
    }
}

#[tokio::test]
async fn a_change_made_on_top_of_a_refused_one_is_not_applied_to_another_devices_version() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let pegawai = app.login(DEMO_STAF2).await;
        let skp: Value = create(&pegawai, &periode, "Versi awal").await.json().await.unwrap();
        let id = skp["id"].as_str().unwrap();
        let path = format!("/api/v1/skp/{id}");
        // The laptop saves version 2 while the phone, offline, saved twice
        // on version 1 (its outbox chained the second on the first: 2).
        let laptop = pegawai
            .put(&path)
            .header("idempotency-key", "laptop-1")
            .json(&json!({ "version": 1, "rencana": rencana("Dari laptop") }))
            .send()
            .await
            .unwrap();
        assert_eq!(laptop.status(), 200, "{backend:?}");
        let batch = json!({
            "client_id": "ponsel-1",
            "mutations": [
                { "seq": 1, "idempotency_key": "p-1", "method": "PUT", "path": path,
                  "body": { "version": 1, "rencana": rencana("Dari ponsel") } },
                { "seq": 2, "idempotency_key": "p-2", "method": "PUT", "path": path,
                  "body": { "version": 2, "rencana": rencana("Dari ponsel, lagi") } }
            ]
        });
        let out: Value = pegawai.post("/api/v1/sync").json(&batch).send().await.unwrap().json().await.unwrap();
        assert_eq!(out["results"][0]["body"]["code"], "stale_version", "{backend:?}");
        assert_eq!(out["results"][1]["status"], 409);
        assert_eq!(out["results"][1]["body"]["code"], "earlier_refused");
        let now: Value = pegawai.get(&path).send().await.unwrap().json().await.unwrap();
        assert_eq!(now["version"], 2, "the laptop's version stands");
        assert_eq!(now["isian"]["rhk"][0]["uraian"], "Dari laptop");
    }
}
