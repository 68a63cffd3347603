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
    // The other builds, each in its folder (the app's `page::Bundle`).
    for (build, isi) in [("admin", "konsol admin"), ("skp", "editor SKP"), ("penilai", "penilaian")] {
        let folder = dir.path().join(build);
        std::fs::create_dir(&folder).unwrap();
        let index = format!("<!doctype html><html lang=\"id\"><body>{isi}</body></html>");
        std::fs::write(folder.join("index.html"), index).unwrap();
        std::fs::write(folder.join(format!("{build}-0123456789abcdef_bg.wasm")), vec![1u8; 4096]).unwrap();
    }
    let path = dir.path().to_path_buf();
    (dir, path)
}

#[tokio::test]
async fn client_routes_fall_back_to_index_html_without_long_caching() {
    let (_dir, dist) = fake_dist();
    let app = spawn_app_with(Backend::Sqlite, Some(dist), false).await;
    for (path, isi) in [
        ("/", "e-Kinerja index"),
        ("/masuk", "e-Kinerja index"),
        ("/skp/2026", "editor SKP"),
        ("/penilai", "penilaian"),
        ("/penilai/skp/x1", "penilaian"),
        ("/skpx/1", "e-Kinerja index"),
    ] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert!(res.text().await.unwrap().contains(isi), "{path}");
    }
    // A hostile path never leaves the build's folder.
    for path in ["/skp/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/skp/..%2f..%2fetc/passwd", "/penilai/%2e%2e/index.html"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert!(!res.text().await.unwrap().contains("root:"), "{path}");
    }
    // A hashed name that is not a file (a deploy half copied) gets the page, never cached for a year.
    let res = app.client.get(app.url("/app-fedcba9876543210_bg.wasm")).send().await.unwrap();
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let res = app.client.get(app.url("/skp/skp-0123456789abcdef_bg.wasm")).send().await.unwrap();
    assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(res.bytes().await.unwrap().len(), 4096);
}

#[tokio::test]
async fn the_admin_console_is_served_from_its_own_build() {
    let (_dir, dist) = fake_dist();
    let app = spawn_app_with(Backend::Sqlite, Some(dist), false).await;
    for path in ["/admin", "/admin/", "/admin/impor", "/admin?periode=p1"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert!(res.text().await.unwrap().contains("konsol admin"), "{path}");
    }
    let res = app.client.get(app.url("/admin/admin-0123456789abcdef_bg.wasm")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(res.bytes().await.unwrap().len(), 4096);
    // Paths that only begin like it are the app's.
    let res = app.client.get(app.url("/administrasi")).send().await.unwrap();
    assert!(res.text().await.unwrap().contains("e-Kinerja index"));
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

#[tokio::test]
async fn the_builds_precompressed_copies_are_sent_as_they_are() {
    let (_dir, dist) = fake_dist();
    // Stand-ins for the build's `.br` / `.gz` copies: distinct bytes, so the
    // test sees which file was sent (on-the-fly compression would differ).
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm.br"), b"precompressed-br").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm.gz"), b"precompressed-gz").unwrap();
    let app = spawn_app_with(Backend::Sqlite, Some(dist), false).await;
    let get = |enc: &'static str| {
        app.client.get(app.url("/app-0123456789abcdef_bg.wasm")).header("accept-encoding", enc).send()
    };
    let br = get("gzip, br").await.unwrap();
    assert_eq!(br.status(), 200);
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(br.bytes().await.unwrap().as_ref(), b"precompressed-br");
    let gz = get("gzip").await.unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert_eq!(gz.bytes().await.unwrap().as_ref(), b"precompressed-gz");
    // Without an accepted encoding: the file itself.
    let plain = get("identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().len(), 4096);
}
