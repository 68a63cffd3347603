//! Bad input gets a clear 4xx in our error shape, never a crash, and never
//! loses what was saved. Hostile text is stored verbatim and returned as JSON.

use serde_json::{Value, json};

use crate::helpers::{Backend, DEMO_STAF2, backends, is_teks, spawn_app_with};
use crate::skp::{create, periode_id, rencana};

#[tokio::test]
async fn malformed_and_mistyped_bodies_are_refused_with_the_error_shape() {
    for backend in backends() {
        malformed_and_mistyped_bodies_are_refused_with_the_error_shape_on(backend).await;
    }
}

async fn malformed_and_mistyped_bodies_are_refused_with_the_error_shape_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let s = app.login(DEMO_STAF2).await;
    let huge = "x".repeat(2 * 1024 * 1024);
    let cases: Vec<(String, &str, u16, &str)> = vec![
        ("{\"periode_id\": ".into(), "application/json", 400, "truncated JSON"),
        ("not json at all".into(), "application/json", 400, "not JSON"),
        (json!({ "periode_id": 12 }).to_string(), "application/json", 422, "a number where text belongs"),
        (
            json!({ "periode_id": periode, "rencana": "teks" }).to_string(),
            "application/json",
            422,
            "text where an object belongs",
        ),
        (json!({ "periode_id": periode, "siapa": "saya" }).to_string(), "application/json", 422, "an unknown field"),
        (
            json!({ "periode_id": format!("{periode}\u{0007}") }).to_string(),
            "application/json",
            422,
            "a control character",
        ),
        (json!({ "periode_id": periode }).to_string(), "text/plain", 415, "not sent as JSON"),
        (json!({ "periode_id": huge }).to_string(), "application/json", 413, "a 2 MiB body"),
    ];
    for (body, content_type, status, why) in cases {
        let res = s.post("/api/v1/skp").header("content-type", content_type).body(body).send().await.unwrap();
        assert_eq!(res.status().as_u16(), status, "{why}");
        let err: Value = res.json().await.unwrap_or_else(|_| panic!("{why}: the error body is JSON"));
        assert!(err["code"].is_string() && is_teks(&err["message"]), "{why}: {err}");
    }
    let list: Value = s.get("/api/v1/skp").send().await.unwrap().json().await.unwrap();
    assert_eq!(list, json!([]), "nothing was created by bad input");
}

#[tokio::test]
async fn script_and_sql_text_is_stored_verbatim_and_returned_as_json() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let s = app.login(DEMO_STAF2).await;
        let hostile = "<script>alert('x')</script>'); DROP TABLE skp; -- \"kutip\" & ☃";
        let res = s
            .post("/api/v1/skp")
            .json(&json!({ "periode_id": periode, "rencana": rencana(hostile) }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{backend:?}");
        assert_eq!(res.headers()["content-type"], "application/json");
        let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
        let back = s.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().text().await.unwrap();
        let back: Value = serde_json::from_str(&back).unwrap();
        assert_eq!(back["isian"]["rhk"][0]["uraian"], hostile);
        // The table is still there, of course.
        assert_eq!(
            s.get("/api/v1/skp").send().await.unwrap().json::<Value>().await.unwrap().as_array().unwrap().len(),
            1
        );
    }
}

#[tokio::test]
async fn a_refused_edit_never_loses_what_was_saved() {
    for backend in backends() {
        a_refused_edit_never_loses_what_was_saved_on(backend).await;
    }
}

async fn a_refused_edit_never_loses_what_was_saved_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let s = app.login(DEMO_STAF2).await;
    let skp: Value = create(&s, &periode, "Tersimpan").await.json().await.unwrap();
    let id = skp["id"].as_str().unwrap();
    let mut bad = rencana("");
    bad["rhk"][0]["indikator"][0]["target"] = json!("-5");
    let res = s.put(&format!("/api/v1/skp/{id}")).json(&json!({ "version": 1, "rencana": bad })).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let now: Value = s.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(now["version"], 1);
    assert_eq!(now["isian"]["rhk"][0]["uraian"], "Tersimpan");
}

#[tokio::test]
async fn a_bad_query_is_a_400_in_the_error_shape() {
    for backend in backends() {
        a_bad_query_is_a_400_in_the_error_shape_on(backend).await;
    }
}

async fn a_bad_query_is_a_400_in_the_error_shape_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let s = app.login(crate::helpers::DEMO_KABID1).await;
    let res = s.get("/api/v1/penilai/skp").send().await.unwrap();
    assert_eq!(res.status(), 400, "periode_id is required");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "bad_query");
}
