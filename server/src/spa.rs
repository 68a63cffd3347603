//! Serves the built SPA: hashed assets with long immutable caching, every
//! other path that is not a file falls back to `index.html` (client routes).

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, header};
use axum::middleware::{self, Next};
use tower_http::services::{ServeDir, ServeFile};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

pub fn router(dist: &Path) -> Router {
    // The app is several wasm builds (the app's `page::Bundle`), so that no
    // first load carries a page it does not show: the home build at the
    // root, each other in the folder its pages' paths start with
    // (`dist/skp` for `/skp/…`, `dist/penilai`, `dist/admin`). Every path
    // under a folder that is not a file falls back to that folder's
    // `index.html`; every other path to the root's.
    let mut router = Router::new();
    for name in builds(dist) {
        router = router.nest_service(&format!("/{name}"), serve(&dist.join(&name)));
    }
    router.fallback_service(serve(dist)).layer(middleware::from_fn(cache_control))
}

/// The folders of `dist` that hold a build (an `index.html`), by name.
fn builds(dist: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("index.html").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// One build's files; a path that is not a file gets its `index.html`.
fn serve(dist: &Path) -> ServeDir<ServeFile> {
    // The build writes `.br` and `.gz` copies of every asset (brotli at its
    // best quality, once): sent as they are to a browser that accepts them.
    ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true)
        .fallback(ServeFile::new(dist.join("index.html")).precompressed_br().precompressed_gzip())
}

async fn cache_control(req: Request<Body>, next: Next) -> Response<Body> {
    let immutable = is_hashed_asset(req.uri().path());
    let mut res = next.run(req).await;
    if res.status().is_success() || res.status().as_u16() == 304 {
        // A hashed name that is not (yet) a file gets the fallback page:
        // never kept for a year under the asset's name.
        let html = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
        let value = if immutable && !html { IMMUTABLE } else { REVALIDATE };
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}

/// Trunk names built files `name-<hex hash>.ext` (and `name-<hash>_bg.wasm`);
/// the hash is a u64 in hex without leading zeros, so 12 to 16 digits.
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default().trim_end_matches("_bg");
    match stem.rsplit_once('-') {
        Some((_, hash)) => hash.len() >= 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

/// The dist folder to serve, checked at start so a missing build says so plainly.
pub fn check_dist(dist: &Path) -> Result<PathBuf, String> {
    let index = dist.join("index.html");
    if !index.is_file() {
        return Err(format!("{} not found: build the SPA first (`make run` does it)", index.display()));
    }
    Ok(dist.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_folder_with_an_index_is_a_build_served_under_its_name() {
        let dist = tempfile::tempdir().unwrap();
        for dir in ["skp", "penilai", "bukan-build"] {
            std::fs::create_dir(dist.path().join(dir)).unwrap();
        }
        for index in ["index.html", "skp/index.html", "penilai/index.html"] {
            std::fs::write(dist.path().join(index), "<!doctype html>").unwrap();
        }
        std::fs::write(dist.path().join("bukan-build/app.js"), "").unwrap();
        assert_eq!(builds(dist.path()), ["penilai", "skp"]);
        assert_eq!(builds(&dist.path().join("tidak-ada")), Vec::<String>::new());
    }

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_hashed_asset("/app-8d1e2c3b4a5f6e7d_bg.wasm"));
        assert!(is_hashed_asset("/app-8d1e2c3b4a5f6e7d.js"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(is_hashed_asset("/style-ca018b0769cfbdc.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/rekap"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/e-kinerja.svg"));
    }
}
