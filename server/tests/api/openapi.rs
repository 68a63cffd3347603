//! `GET /api/v1/openapi.json`: the document covers every route the server
//! serves. Three lists must agree: the routes found in the source (`.route(…)`
//! calls and `routes!(…)` with their `#[utoipa::path]`), the operations of the
//! served document, and [`ROUTES`], kept by hand. The live server must also
//! answer each documented operation (not 404/405) and refuse the others (405).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, DEMO_ADMIN, backends, spawn_app, spawn_app_with};

/// Every (method, path) the server serves under `/api/v1`. A new route goes
/// here, with its `#[utoipa::path]`.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/health"),
    ("GET", "/api/v1/openapi.json"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/logout"),
    ("GET", "/api/v1/auth/me"),
    ("GET", "/api/v1/auth/session"),
    ("POST", "/api/v1/auth/password"),
    ("POST", "/api/v1/auth/aktivasi"),
    ("GET", "/api/v1/auth/email"),
    ("PUT", "/api/v1/auth/email"),
    ("GET", "/api/v1/org/unit"),
    ("GET", "/api/v1/org/pegawai"),
    ("GET", "/api/v1/org/periode"),
    ("POST", "/api/v1/org/periode"),
    ("GET", "/api/v1/org/atasan"),
    ("PUT", "/api/v1/org/atasan"),
    ("GET", "/api/v1/org/atasan/riwayat"),
    ("POST", "/api/v1/admin/aktivasi"),
    ("POST", "/api/v1/admin/import"),
    ("GET", "/api/v1/skp"),
    ("POST", "/api/v1/skp"),
    ("GET", "/api/v1/skp/{id}"),
    ("PUT", "/api/v1/skp/{id}"),
    ("POST", "/api/v1/skp/{id}/submit"),
    ("POST", "/api/v1/skp/{id}/approve"),
    ("POST", "/api/v1/skp/{id}/return"),
    ("POST", "/api/v1/skp/{id}/revise"),
    ("GET", "/api/v1/skp/{id}/versi"),
    ("GET", "/api/v1/skp/{id}/rhk-atasan"),
    ("GET", "/api/v1/skp/{id}/sejak-dikembalikan"),
    ("GET", "/api/v1/skp/{id}/realisasi"),
    ("PUT", "/api/v1/skp/{id}/realisasi"),
    ("POST", "/api/v1/skp/{id}/bukti"),
    ("GET", "/api/v1/bukti/{id}"),
    ("DELETE", "/api/v1/bukti/{id}"),
    ("GET", "/api/v1/realisasi/belum"),
    ("GET", "/api/v1/penilai/skp"),
    ("POST", "/api/v1/penilai/ingatkan"),
    ("GET", "/api/v1/notifikasi"),
    ("GET", "/api/v1/notifikasi/jumlah"),
    ("POST", "/api/v1/notifikasi/baca"),
    ("POST", "/api/v1/preview"),
    ("POST", "/api/v1/sync"),
    ("PUT", "/api/v1/umpan-balik/{id}"),
    ("GET", "/api/v1/skp/{id}/umpan-balik"),
    ("POST", "/api/v1/permintaan-umpan-balik"),
    ("GET", "/api/v1/penilai/umpan-balik"),
    ("GET", "/api/v1/pengaturan-360"),
    ("PUT", "/api/v1/org/periode/{id}/pengaturan-360"),
    ("GET", "/api/v1/penilai-360"),
    ("POST", "/api/v1/penilai-360"),
    ("POST", "/api/v1/calon-penilai-360"),
    ("DELETE", "/api/v1/penilai-360/{id}"),
    ("POST", "/api/v1/penilai-360/{id}/konfirmasi"),
    ("GET", "/api/v1/tugas-360"),
    ("PUT", "/api/v1/tugas-360/{id}"),
    ("GET", "/api/v1/hasil-360"),
    ("GET", "/api/v1/skp/{id}/penilaian"),
    ("PUT", "/api/v1/skp/{id}/penilaian"),
    ("PUT", "/api/v1/skp/{id}/penilaian-lama"),
    ("GET", "/api/v1/penilaian-lama"),
    ("GET", "/api/v1/unit/{id}/predikat-organisasi"),
    ("PUT", "/api/v1/unit/{id}/predikat-organisasi"),
    ("GET", "/api/v1/penilai/unit-bawahan"),
    ("GET", "/api/v1/pengaturan-penilaian"),
    ("PUT", "/api/v1/org/periode/{id}/pengaturan-penilaian"),
    ("GET", "/api/v1/penilai/distribusi"),
    ("POST", "/api/v1/penilai/distribusi/finalisasi"),
    ("GET", "/api/v1/skp/{id}/angka-kredit"),
    ("GET", "/api/v1/kalender"),
    ("POST", "/api/v1/org/hari-libur"),
    ("GET", "/api/v1/dokumen-evaluasi/{id}"),
    ("GET", "/api/v1/skp/{id}/dokumen-evaluasi"),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/sign_by_penilai"),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/deliver"),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/sign_by_pegawai"),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/file_keberatan"),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/reply_keberatan"),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/decide_keberatan"),
    ("POST", "/api/v1/dokumen-evaluasi/{id}/report"),
    ("POST", "/api/v1/skp/{id}/take-over"),
    ("GET", "/api/v1/antrian-evaluasi"),
    ("GET", "/api/v1/dokumen-evaluasi/{id}/pdf"),
    ("GET", "/api/v1/skp/{id}/pdf"),
    ("POST", "/api/v1/cek-dokumen"),
];

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type Routes = BTreeSet<(String, String)>;

fn hand_list() -> Routes {
    let set: Routes = ROUTES.iter().map(|(m, p)| ((*m).to_owned(), (*p).to_owned())).collect();
    assert_eq!(set.len(), ROUTES.len(), "ROUTES lists a route twice");
    set
}

async fn fetch_document() -> Value {
    let app = spawn_app(Backend::Sqlite).await;
    // No session: the document is public.
    let res = app.client.get(app.url("/api/v1/openapi.json")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    res.json().await.unwrap()
}

/// The (method, path) operations of a document.
fn operations(doc: &Value) -> Routes {
    let mut ops = Routes::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in METHODS {
            if item.get(method.to_ascii_lowercase()).is_some() {
                ops.insert((method.to_owned(), path.clone()));
            }
        }
    }
    ops
}

fn missing(a: &Routes, b: &Routes) -> Vec<String> {
    a.difference(b).map(|(m, p)| format!("{m} {p}")).collect()
}

#[tokio::test]
async fn the_document_is_openapi_3_1_and_names_the_api_and_its_version() {
    let doc = fetch_document().await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "{}", doc["openapi"]);
    assert_eq!(doc["info"]["title"], "e-Kinerja API");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    let scheme = &doc["components"]["securitySchemes"]["ekinerja_sesi"];
    assert_eq!(
        scheme,
        &json!({"type": "apiKey", "in": "cookie", "name": "ekinerja_sesi", "description": scheme["description"]})
    );
}

#[tokio::test]
async fn every_served_route_is_documented_and_nothing_else() {
    let doc = fetch_document().await;
    let documented = operations(&doc);
    let by_hand = hand_list();
    let in_source = scan_source(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(
        missing(&in_source, &documented).is_empty(),
        "routes served but not in the OpenAPI document (register them with `routes!()` and `#[utoipa::path]`): {:?}",
        missing(&in_source, &documented)
    );
    assert!(
        missing(&documented, &in_source).is_empty(),
        "documented but not served: {:?}",
        missing(&documented, &in_source)
    );
    assert!(missing(&in_source, &by_hand).is_empty(), "served but not in ROUTES: {:?}", missing(&in_source, &by_hand));
    assert!(missing(&by_hand, &in_source).is_empty(), "in ROUTES but not served: {:?}", missing(&by_hand, &in_source));
}

/// Each operation says what it needs and every error it can answer, in the one error shape.
#[tokio::test]
async fn every_operation_declares_its_parameters_headers_and_errors() {
    let doc = fetch_document().await;
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let tags: BTreeSet<&str> =
        doc["tags"].as_array().expect("tags").iter().map(|t| t["name"].as_str().unwrap()).collect();
    for (method, path) in operations(&doc) {
        let op = &doc["paths"][&path][method.to_ascii_lowercase()];
        let here = format!("{method} {path}");
        let op_tags = op["tags"].as_array().unwrap_or_else(|| panic!("{here}: no tag"));
        assert!(op_tags.iter().all(|t| tags.contains(t.as_str().unwrap())), "{here}: an undeclared tag");
        let params: Vec<(&str, &str)> = op["parameters"]
            .as_array()
            .map(|ps| ps.iter().map(|p| (p["name"].as_str().unwrap(), p["in"].as_str().unwrap())).collect())
            .unwrap_or_default();
        for name in path.split('{').skip(1).map(|s| s.split('}').next().unwrap()) {
            assert!(params.contains(&(name, "path")), "{here}: path parameter {name} undeclared");
        }
        let responses = op["responses"].as_object().unwrap();
        assert!(responses.keys().any(|s| s.starts_with('2')), "{here}: no success response");
        let has = |status: &str| responses.contains_key(status);
        assert!(has("500"), "{here}: no 500");
        for (status, r) in responses.iter().filter(|(s, _)| !s.starts_with('2')) {
            let schema = &r["content"]["application/json"]["schema"];
            assert!(is_error_body(schema, schemas), "{here} {status}: not the ErrorBody shape: {schema}");
        }
        let signed_in = op["security"]
            .as_array()
            .is_some_and(|s| !s.is_empty() && s.iter().all(|r| r.get("ekinerja_sesi").is_some()));
        let change = method != "GET";
        if signed_in {
            assert!(has("401"), "{here}: no 401");
        }
        if signed_in && change {
            assert!(params.contains(&("X-CSRF-Token", "header")), "{here}: X-CSRF-Token undeclared");
            assert!(has("403"), "{here}: no 403");
        }
        // The reads sent as a POST (the colleague search: what is typed stays
        // out of the address) take no key, and must not say they do.
        let exempt = ["/api/v1/auth/", "/api/v1/preview", "/api/v1/sync", "/api/v1/calon-penilai-360"]
            .iter()
            .any(|p| path.starts_with(p));
        if signed_in && change && !exempt {
            assert!(params.contains(&("Idempotency-Key", "header")), "{here}: Idempotency-Key undeclared");
            assert!(has("409") && has("422"), "{here}: no 409/422 for the key");
        }
        if exempt {
            assert!(!params.contains(&("Idempotency-Key", "header")), "{here}: takes no Idempotency-Key");
        }
        if op.get("requestBody").is_some() {
            for status in ["400", "413", "415", "422"] {
                assert!(has(status), "{here}: takes a body but declares no {status}");
            }
        }
        if params.iter().any(|(_, place)| *place == "path") {
            assert!(has("404"), "{here}: no 404");
        }
    }
    // Signing in is throttled.
    for path in ["/api/v1/auth/login", "/api/v1/auth/aktivasi"] {
        let r = &doc["paths"][path]["post"]["responses"]["429"];
        assert!(r["headers"].get("Retry-After").is_some(), "{path}: 429 without Retry-After");
    }
}

/// `ErrorBody`, or a schema built on it (`allOf` with `ErrorBody`).
fn is_error_body(schema: &Value, schemas: &serde_json::Map<String, Value>) -> bool {
    let target = |s: &Value| s["$ref"].as_str().map(|r| r.trim_start_matches("#/components/schemas/").to_owned());
    match target(schema).as_deref() {
        Some("ErrorBody") => true,
        Some(name) => schemas[name]["allOf"]
            .as_array()
            .is_some_and(|parts| parts.iter().any(|p| target(p).as_deref() == Some("ErrorBody"))),
        None => false,
    }
}

/// The live server agrees with the document: each documented operation is
/// routed (never 404 for a path without parameters, never 405), and every
/// other method on a documented path is 405.
#[tokio::test]
async fn the_server_answers_exactly_the_documented_methods() {
    for backend in backends() {
        the_server_answers_exactly_the_documented_methods_on(backend).await;
    }
}

async fn the_server_answers_exactly_the_documented_methods_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let doc: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    let documented = operations(&doc);
    let session = app.login(DEMO_ADMIN).await;
    let mut by_path: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (method, path) in &documented {
        by_path.entry(path.clone()).or_default().insert(method.clone());
    }
    let mut probes: Vec<(String, String, bool)> = Vec::new();
    for (path, methods) in &by_path {
        for method in METHODS {
            probes.push((method.to_owned(), path.clone(), methods.contains(method)));
        }
    }
    // Signing out last, so the session holds for the other probes.
    probes.sort_by_key(|(m, p, _)| (m == "POST" && p == "/api/v1/auth/logout", p.clone(), m.clone()));
    for (method, path, served) in probes {
        let concrete: String = path
            .split('/')
            .map(|seg| if seg.starts_with('{') { "tidak-ada" } else { seg })
            .collect::<Vec<_>>()
            .join("/");
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let req = if m == Method::GET { session.get(&concrete) } else { session.send(m, &concrete).json(&json!({})) };
        let status = req.send().await.unwrap().status().as_u16();
        if served {
            assert_ne!(status, 405, "{method} {path} is documented but the server refuses the method");
            if !path.contains('{') {
                assert_ne!(status, 404, "{method} {path} is documented but not routed");
            }
        } else {
            assert_eq!(status, 405, "{method} {path} is served but not documented (or misrouted)");
        }
    }
}

// ------------------------------------------------------------ the source scan

/// The (method, full path) of every route registered in `src`: plain axum
/// `.route("…", get(…).post(…))` calls, and `routes!(a, b)` whose handlers
/// carry `#[utoipa::path(method, path = "…")]`. Paths in `src/routes/` are
/// relative to `/api/v1` unless they start with `/api/`; elsewhere only
/// `/api/…` paths count (the SPA is not part of the API).
fn scan_source(src: &Path) -> Routes {
    let files = rust_files(src);
    let mut handlers: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for (file, text) in &files {
        for (name, method, path) in utoipa_paths(text) {
            handlers.entry(name).or_default().push((file.clone(), method, path));
        }
    }
    let mut routes = Routes::new();
    for (file, text) in &files {
        let in_routes = file.contains("/routes/");
        let full = |p: &str| -> Option<String> {
            if p.starts_with("/api/") {
                Some(p.to_owned())
            } else if in_routes {
                Some(format!("/api/v1{p}"))
            } else {
                None
            }
        };
        for (path, methods) in plain_routes(text) {
            for method in methods {
                if let Some(p) = full(&path) {
                    routes.insert((method, p));
                }
            }
        }
        for name in routes_macro_handlers(text) {
            let found =
                handlers.get(&name).unwrap_or_else(|| panic!("{file}: routes!({name}) without #[utoipa::path]"));
            let (_, method, path) = found
                .iter()
                .find(|(f, _, _)| f == file)
                .or_else(|| (found.len() == 1).then(|| &found[0]))
                .unwrap_or_else(|| panic!("{file}: routes!({name}) is ambiguous: {found:?}"));
            let p = if path.starts_with("/api/") { path.clone() } else { format!("/api/v1{path}") };
            routes.insert((method.to_ascii_uppercase(), p));
        }
    }
    assert!(routes.len() >= 10, "the source scan found almost nothing: {routes:?}");
    routes
}

/// Every `.rs` file under `dir`, with comment lines removed.
fn rust_files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let code: Vec<&str> = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
                out.push((path.display().to_string(), code.join("\n")));
            }
        }
    }
    out.sort();
    out
}

/// The text inside the parentheses that open at `open` (the index of `(`),
/// skipping parentheses inside string literals.
fn inside_parens(text: &str, open: usize) -> &str {
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    for (i, c) in text[open..].char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced parentheses after {}", &text[open..(open + 40).min(text.len())]);
}

fn first_string(s: &str) -> Option<String> {
    let start = s.find('"')? + 1;
    let len = s[start..].find('"')?;
    Some(s[start..start + len].to_owned())
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `.route("/x", get(a).post(b))` → `("/x", ["GET", "POST"])`.
fn plain_routes(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(".route(") {
        let args = inside_parens(text, at + ".route".len());
        let path = first_string(args).expect("a .route( with a literal path");
        let after_path = &args[args.find(',').expect(".route(path, methods)") + 1..];
        let mut methods = Vec::new();
        for m in ["get", "post", "put", "patch", "delete"] {
            for (i, _) in after_path.match_indices(&format!("{m}(")) {
                if !after_path[..i].ends_with(is_ident) {
                    methods.push(m.to_ascii_uppercase());
                }
            }
        }
        assert!(!methods.is_empty(), "no method found in .route({args})");
        out.push((path, methods));
    }
    out
}

/// `#[utoipa::path(post, path = "/x", …)] async fn name(` → `(name, post, /x)`.
fn utoipa_paths(text: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("#[utoipa::path(") {
        let args = inside_parens(text, at + "#[utoipa::path".len());
        let method = args.split(',').next().unwrap().trim().to_owned();
        let path_at = args.find("path =").expect("#[utoipa::path] without path");
        let path = first_string(&args[path_at..]).unwrap();
        let rest = &text[at..];
        let fn_at = rest.find("fn ").expect("a handler after #[utoipa::path]") + 3;
        let name: String = rest[fn_at..].chars().take_while(|c| is_ident(*c)).collect();
        out.push((name, method, path));
    }
    out
}

/// `routes!(a, module::b)` → `[a, b]`.
fn routes_macro_handlers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("routes!(") {
        let args = inside_parens(text, at + "routes!".len());
        out.extend(args.split(',').map(|s| s.trim().rsplit("::").next().unwrap().to_owned()).filter(|s| !s.is_empty()));
    }
    out
}

#[test]
fn the_source_scan_reads_both_ways_of_registering_a_route() {
    let text = r#"
        Router::new()
            .route("/a/{id}", get(one).put(two))
            .route("/api/v1/b", post(three).layer(DefaultBodyLimit::max(5)));
        OpenApiRouter::new().routes(routes!(four, m::five));
        #[utoipa::path(get, path = "/c", tag = "x")]
        async fn four() {}
        /// Docs.
        #[utoipa::path(
            delete,
            path = "/c",
        )]
        pub async fn five() {}
    "#;
    assert_eq!(
        plain_routes(text),
        vec![
            ("/a/{id}".to_owned(), vec!["GET".to_owned(), "PUT".to_owned()]),
            ("/api/v1/b".to_owned(), vec!["POST".to_owned()])
        ]
    );
    assert_eq!(routes_macro_handlers(text), vec!["four", "five"]);
    assert_eq!(
        utoipa_paths(text),
        vec![
            ("four".to_owned(), "get".to_owned(), "/c".to_owned()),
            ("five".to_owned(), "delete".to_owned(), "/c".to_owned())
        ]
    );
}
