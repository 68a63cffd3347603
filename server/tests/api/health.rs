use serde_json::Value;

use crate::helpers::{Backend, backends, spawn_app};

#[tokio::test]
async fn health_names_the_version_and_the_database_kind() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let res = app.client.get(app.url("/api/v1/health")).send().await.unwrap();
        assert_eq!(res.status(), 200, "{backend:?}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["status"], "ok");
        assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
        let expected = if backend == Backend::Sqlite { "sqlite" } else { "postgres" };
        assert_eq!(body["database"], expected);
    }
}

#[tokio::test]
async fn every_response_carries_the_strict_security_headers() {
    for backend in backends() {
        every_response_carries_the_strict_security_headers_on(backend).await;
    }
}

async fn every_response_carries_the_strict_security_headers_on(backend: Backend) {
    let app = spawn_app(backend).await;
    let res = app.client.get(app.url("/api/v1/health")).send().await.unwrap();
    let csp = res.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.headers()["x-frame-options"], "DENY");
    // All six, on an answer and on an error alike.
    for path in ["/api/v1/health", "/api/v1/tidak-ada"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        let h = res.headers();
        assert!(h.contains_key("content-security-policy"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["permissions-policy"], "camera=(), microphone=(), geolocation=()", "{path}");
        assert_eq!(h["cross-origin-opener-policy"], "same-origin", "{path}");
    }
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404_not_the_spa() {
    for backend in backends() {
        an_unknown_api_path_is_a_json_404_not_the_spa_on(backend).await;
    }
}

async fn an_unknown_api_path_is_a_json_404_not_the_spa_on(backend: Backend) {
    let app = spawn_app(backend).await;
    let res = app.client.get(app.url("/api/v1/tidak-ada")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "not_found");
}
