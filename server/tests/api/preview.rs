//! Parity: every golden vector through `POST /api/v1/preview` gives exactly
//! what the domain computes in-process (and so what the browser previews).

use serde_json::{Value, json};

use crate::helpers::{Backend, backends, spawn_app};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors");

#[tokio::test]
async fn the_server_preview_matches_the_domain_for_every_golden_vector() {
    for backend in backends() {
        the_server_preview_matches_the_domain_for_every_golden_vector_on(backend).await;
    }
}

async fn the_server_preview_matches_the_domain_for_every_golden_vector_on(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut cases = 0;
    let mut files: Vec<_> = std::fs::read_dir(VECTORS)
        .expect("the repository's vectors/ folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let request = json!({ "kind": doc["kind"], "input": case["input"] });
            let res = app.client.post(app.url("/api/v1/preview")).json(&request).send().await.unwrap();
            let status = res.status();
            let server: Value = res.json().await.unwrap();
            let permintaan: domain::kalkulator::Permintaan = serde_json::from_value(request.clone()).unwrap();
            match domain::kalkulator::hitung(&permintaan) {
                Ok(local) => {
                    assert_eq!(status, 200, "{} / {}", path.display(), case["name"]);
                    assert_eq!(server, serde_json::to_value(local).unwrap(), "{} / {}", path.display(), case["name"]);
                }
                Err(_) => assert_eq!(status, 422, "{} / {}", path.display(), case["name"]),
            }
            cases += 1;
        }
    }
    assert!(cases >= 90, "ran {cases} cases");
}

#[tokio::test]
async fn an_unknown_kind_or_a_bad_input_is_a_422_not_a_crash() {
    for backend in backends() {
        an_unknown_kind_or_a_bad_input_is_a_422_not_a_crash_on(backend).await;
    }
}

async fn an_unknown_kind_or_a_bad_input_is_a_422_not_a_crash_on(backend: Backend) {
    let app = spawn_app(backend).await;
    for body in [
        json!({ "kind": "tidak_ada", "input": {} }),
        json!({ "kind": "capaian_iki", "input": { "target_min": "sembilan" } }),
        json!({ "kind": "capaian_iki", "input": { "target_min": 0, "target_max": 0, "realisasi": 5, "polaritas": "normal" } }),
    ] {
        let res = app.client.post(app.url("/api/v1/preview")).json(&body).send().await.unwrap();
        assert_eq!(res.status(), 422, "{body}");
        let err: Value = res.json().await.unwrap();
        assert_eq!(err["code"], "validation");
    }
}
