use std::path::PathBuf;

use crate::helpers::{Backend, spawn_app_with};

/// A dist folder shaped like Trunk's output.
fn fake_dist() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let index = "<!doctype html><html lang=\"id\"><body>e-Kinerja index</body></html>";
    std::fs::write(dir.path().join("index.html"), index).unwrap();
    std::fs::write(dir.path().join("app-0123456789abcdef_bg.wasm"), vec![0u8; 4096]).unwrap();
    let js = "export function start() { return 'e-Kinerja'; }\n".repeat(100);
    std::fs::write(dir.path().join("app-0123456789abcdef.js"), js).unwrap();
    let path = dir.path().to_path_buf();
    (dir, path)
}

#[tokio::test]
async fn client_routes_fall_back_to_index_html_without_long_caching() {
    let (_dir, dist) = fake_dist();
    let app = spawn_app_with(Backend::Sqlite, Some(dist), false).await;
    for path in ["/", "/skp/2026", "/penilai/antrian"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert!(res.text().await.unwrap().contains("e-Kinerja index"), "{path}");
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_compressed() {
    let (_dir, dist) = fake_dist();
    let app = spawn_app_with(Backend::Sqlite, Some(dist), false).await;
    let res = app.client.get(app.url("/app-0123456789abcdef.js")).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(res.headers()["content-encoding"], "br");
}
