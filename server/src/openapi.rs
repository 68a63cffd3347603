//! The OpenAPI 3.1 document of `/api/v1`, served at `GET /api/v1/openapi.json`
//! without a session.
//!
//! Each handler carries its `#[utoipa::path]` and is registered with
//! utoipa-axum's `routes!()`, so a route cannot be served without its entry.
//! What a whole class of operations shares is added here once, by
//! [`document`], unless the handler already declares that status:
//!
//! - every operation: 500;
//! - a JSON body: 400 (not JSON), 413, 415, 422 (`fields` names the fields);
//! - query parameters: 400; path parameters: 404;
//! - the `ekinerja_sesi` cookie: 401; a change also needs `X-CSRF-Token` (403 without);
//! - a change outside `/auth/…`, `/preview`, `/sync` and the colleague
//!   search `/calon-penilai-360` (a read sent as a POST) also needs
//!   `Idempotency-Key` (422 when missing or reused with another body, 409
//!   while the first request with the key still runs), and its replay carries
//!   `Idempotent-Replayed: true`;
//! - a 429 carries `Retry-After`.
//!
//! Every error body is [`ErrorBody`].

use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;
use axum::{Extension, Router};
use utoipa::openapi::path::{HttpMethod, Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{Object, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Components, ContentBuilder, Header, Info, OpenApi, Paths, Ref, RefOr, Required, Response, Tag};
use utoipa::{PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::session::COOKIE;
use crate::error::ErrorBody;

/// The title of the document.
pub const TITLE: &str = "e-Kinerja API";
/// The name of the cookie security scheme (the session cookie's name).
pub const SESSION_SCHEME: &str = COOKIE;

/// The tags, one per route module, in the order a reader meets them.
const TAGS: &[(&str, &str)] = &[
    ("health", "Is the server up, which version, which database."),
    ("auth", "Sign in and out, the session, passwords and activation."),
    ("org", "The organisation of the caller's instansi, activation codes and the CSV import (admins)."),
    ("skp", "Planning an SKP: drafts, submission, approval, returns, revisions, the penilai's queue."),
    (
        "realisasi",
        "Realisations of a set SKP per documentation sub-period, what is still undocumented, and their evidence files.",
    ),
    ("notifikasi", "What each person was told (the bell), and a penilai's reminder to a subordinate."),
    ("umpan_balik", "Continuous feedback on a set SKP per sub-period, requests for it, the penilai's queue."),
    ("umpan_balik_360", "The 360: raters, their answers until the deadline, the anonymous aggregate."),
    (
        "penilaian",
        "The evaluation: ratings, the organisation's predikat and the distribution pattern, angka kredit, the holiday calendar.",
    ),
    ("dokumen", "The evaluation documents' signatures, objections and take-overs; each person's evaluation queue."),
    ("preview", "The rule calculator the browser runs, for clients without WASM."),
    ("sync", "An offline client's outbox, replayed in order."),
    ("openapi", "This document."),
];

/// The JSON of the finished document, rendered once at start-up.
#[derive(Clone)]
struct Dokumen(Bytes);

/// `GET /api/v1/openapi.json`, assembled from the documents of the routers
/// the server serves (`parts`) and this route's own.
pub fn router(parts: impl IntoIterator<Item = OpenApi>) -> Router {
    let (router, own) = OpenApiRouter::new().routes(routes!(openapi_json)).split_for_parts();
    let doc = document(parts.into_iter().chain([own]));
    let json = doc.to_json().expect("an OpenAPI document has string keys only, so it serialises");
    router.layer(Extension(Dokumen(Bytes::from(json))))
}

/// This document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "openapi",
    responses((status = 200, description = "The OpenAPI 3.1 document of `/api/v1`.", body = Object))
)]
async fn openapi_json(Extension(Dokumen(json)): Extension<Dokumen>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], json)
}

/// The paths of `parts` under the title, version, tags and security scheme,
/// with the shared parameters and error responses of each class of operation.
pub fn document(parts: impl IntoIterator<Item = OpenApi>) -> OpenApi {
    let mut info = Info::new(TITLE, env!("CARGO_PKG_VERSION"));
    info.description = Some(
        "The JSON API of e-Kinerja. Every error is an `ErrorBody`; every message (`message`, each of `fields`) is `{ \"id\": Bahasa Indonesia, \"en\": English }`."
            .to_owned(),
    );
    let mut doc = OpenApi::new(info, Paths::new());
    for part in parts {
        doc.merge(part);
    }
    let components = doc.components.get_or_insert_with(Components::default);
    components.add_security_scheme(
        SESSION_SCHEME,
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            SESSION_SCHEME,
            "The session cookie set by `POST /api/v1/auth/login` (HttpOnly, SameSite=Strict).",
        ))),
    );
    components.schemas.insert(ErrorBody::name().into_owned(), ErrorBody::schema());
    let mut schemas = Vec::new();
    ErrorBody::schemas(&mut schemas);
    for (name, schema) in schemas {
        components.schemas.entry(name).or_insert(schema);
    }
    doc.tags = Some(
        TAGS.iter()
            .map(|(name, description)| {
                let mut tag = Tag::new(*name);
                tag.description = Some((*description).to_owned());
                tag
            })
            .collect(),
    );
    for (path, item) in doc.paths.paths.iter_mut() {
        for (method, op) in [
            (HttpMethod::Get, &mut item.get),
            (HttpMethod::Post, &mut item.post),
            (HttpMethod::Put, &mut item.put),
            (HttpMethod::Patch, &mut item.patch),
            (HttpMethod::Delete, &mut item.delete),
        ] {
            if let Some(op) = op {
                complete(path, &method, op);
            }
        }
    }
    doc
}

/// Adds what the class of `op` implies (see the module documentation).
fn complete(path: &str, method: &HttpMethod, op: &mut Operation) {
    let change = !matches!(method, HttpMethod::Get);
    let security = op.security.as_deref().unwrap_or_default();
    let signed_in = !security.is_empty() && !security.contains(&SecurityRequirement::default());
    let params = op.parameters.as_deref().unwrap_or_default();
    let has = |place: ParameterIn| {
        params.iter().any(
            |p| matches!(p, RefOr::T(p) if std::mem::discriminant(&p.parameter_in) == std::mem::discriminant(&place)),
        )
    };
    let (query, path_params) = (has(ParameterIn::Query), has(ParameterIn::Path));
    let json_body = matches!(&op.request_body, Some(RefOr::T(b)) if b.content.contains_key("application/json"));
    let inner = path.strip_prefix("/api/v1").unwrap_or(path);
    let idempotent = change && signed_in && !crate::idempotency::exempt(inner);

    if signed_in && change {
        header_param(op, "X-CSRF-Token", "The session's `csrf_token` (from login or `GET /api/v1/auth/me`).");
    }
    if idempotent {
        header_param(
            op,
            "Idempotency-Key",
            "1–100 visible ASCII characters, new for each change. A replay with the same body returns the \
             first response (with `Idempotent-Replayed: true`) and changes nothing; kept at least 30 days.",
        );
        for (status, response) in op.responses.responses.iter_mut() {
            if let (true, RefOr::T(r)) = (status.starts_with('2'), response) {
                r.headers.entry("Idempotent-Replayed".to_owned()).or_insert_with(|| {
                    described_header("`true` when this is the stored response to an earlier request with the key.")
                });
            }
        }
    }

    let mut errors: Vec<(u16, &str)> = Vec::new();
    if json_body {
        errors.push((400, "The body is not JSON."));
    }
    if query {
        errors.push((400, "The query parameters cannot be read."));
    }
    if signed_in {
        errors.push((401, "Not signed in, or the session ended."));
    }
    if signed_in && change {
        errors.push((403, "Not allowed, or the `X-CSRF-Token` header is missing or wrong."));
    }
    if path_params {
        errors.push((404, "Not found, or not the caller's to see."));
    }
    if idempotent {
        errors.push((409, "A request with this `Idempotency-Key` is still running."));
    }
    if json_body {
        errors.push((413, "The body is too large."));
        errors.push((415, "The body is not `application/json`."));
    }
    match (json_body, idempotent) {
        (true, true) => errors.push((422, "Invalid fields (see `fields`), or a missing or reused `Idempotency-Key`.")),
        (true, false) => errors.push((422, "Invalid fields (see `fields`).")),
        (false, true) => errors.push((422, "A missing or reused `Idempotency-Key`.")),
        (false, false) => {}
    }
    errors.push((500, "A server error; nothing about it is revealed."));
    for (status, description) in errors {
        op.responses.responses.entry(status.to_string()).or_insert_with(|| RefOr::T(error_response(description)));
    }
    if let Some(RefOr::T(r)) = op.responses.responses.get_mut("429") {
        r.headers
            .entry("Retry-After".to_owned())
            .or_insert_with(|| described_header("Seconds to wait before trying again."));
    }
}

/// A response whose body is the one error shape.
pub fn error_response(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build())
        .build()
}

fn described_header(description: &str) -> RefOr<Header> {
    let mut h = Header::new(Object::with_type(Type::String));
    h.description = Some(description.to_owned());
    RefOr::T(h)
}

fn header_param(op: &mut Operation, name: &str, description: &str) {
    let params = op.parameters.get_or_insert_with(Vec::new);
    let present = params.iter().any(|p| matches!(p, RefOr::T(p) if p.name.eq_ignore_ascii_case(name)));
    if !present {
        let p: Parameter = ParameterBuilder::new()
            .name(name)
            .parameter_in(ParameterIn::Header)
            .required(Required::True)
            .description(Some(description))
            .schema(Some(Object::with_type(Type::String)))
            .build();
        params.push(RefOr::T(p));
    }
}
