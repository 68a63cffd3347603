//! Building the app and running it: `app()` is what tests call directly,
//! `Application` binds a port (0 picks a free one) and serves until stopped.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Response, header};
use domain::teks::Teks;
use tokio::net::TcpListener;
use tower::util::MapResponseLayer;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;

use crate::config::ServeArgs;
use crate::db::Db;
use crate::error::ApiError;
use crate::state::AppState;
use crate::{email, error, idempotency, openapi, routes, seed, spa};

/// The strict policy the app satisfies: only our own scripts, wasm allowed to compile.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The largest JSON body a route accepts unless it says otherwise.
pub const JSON_BODY_LIMIT: usize = idempotency::MAX_JSON_BODY;

/// The whole HTTP surface: the API under `/api/v1`, the SPA everywhere else.
pub fn app(state: AppState, dist: Option<PathBuf>) -> Router {
    let idempotency = idempotency::Lapisan::new(state.inner.sessions.clone(), state.db.clone());
    // Server errors are logged once, here (around the routes and the
    // idempotency layer, so also for the changes `/sync` replays), never by
    // the trace layer below.
    let api_routes = routes::router()
        .layer(idempotency)
        .layer(MapResponseLayer::new(error::log_internal))
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT));
    // Routes are registered with their documentation (`OpenApiRouter`): the
    // served routes and `/api/v1/openapi.json` cannot drift apart.
    let (api, doc) = OpenApiRouter::new().nest("/api/v1", api_routes).split_for_parts();
    let api = api.with_state(state.clone());
    let (sync, sync_doc) = routes::sync::router(api.clone()).split_for_parts();
    // The public check of a signed PDF, as a page (no script): its answers
    // are pages, so it joins after the API's error shape.
    let halaman = crate::cek_halaman::router(state.clone());
    let api = api
        .merge(sync.with_state(state))
        .merge(openapi::router([doc, sync_doc]))
        // After the routes: what axum answers by itself (405, a path that is not UTF-8) in our shape too.
        .layer(MapResponseLayer::new(error_shape))
        .merge(halaman);
    let router = match dist {
        Some(dist) => api.merge(spa::router(&dist)),
        None => api,
    };
    router
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(KUALITAS_KOMPRESI)
                .compress_when(DefaultPredicate::new().and(bukan_lampiran)),
        )
        // One pass for all the security headers (six nested layers cost a
        // measurable share of a small read).
        .layer(MapResponseLayer::new(security_headers))
        .layer(TraceLayer::new_for_http().on_failure(()))
}

/// Compression is done on the fly for every answer: the default (brotli
/// quality 11) costs seconds of CPU for a few hundred kilobytes; quality 4
/// gets most of the gain for JSON and the SPA at a small share of the cost.
const KUALITAS_KOMPRESI: CompressionLevel = CompressionLevel::Precise(4);

/// Files served as attachments (evidence up to 10 MiB, mostly PDF, images,
/// office documents: already compressed) are sent as stored: compressing
/// them would stall the server for next to no gain.
fn bukan_lampiran(
    _: axum::http::StatusCode,
    _: axum::http::Version,
    headers: &axum::http::HeaderMap,
    _: &axum::http::Extensions,
) -> bool {
    !headers.contains_key(header::CONTENT_DISPOSITION)
}

/// Every error of the API in the one error shape (`{code, message}`, JSON):
/// the answers axum gives by itself before a handler runs (405 with an empty
/// body, a path parameter that is not UTF-8 as `text/plain`) are rewritten;
/// ours, already JSON, pass as they are. Headers such as `Allow` stay.
fn error_shape(res: axum::response::Response) -> axum::response::Response {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if json {
        return res;
    }
    let sendiri = |code: &str, message| error::ErrorBody { code: code.to_owned(), message, ..Default::default() };
    let body = match status.as_u16() {
        405 => sendiri(
            "method_not_allowed",
            Teks::new("Metode ini tidak didukung di alamat ini.", "This method is not supported here."),
        ),
        404 => ApiError::NotFound.body(),
        413 => ApiError::TooLarge.body(),
        415 => sendiri(
            "unsupported_media_type",
            Teks::new("Jenis isi kiriman tidak didukung.", "Unsupported content type."),
        ),
        s if s >= 500 => ApiError::Internal(anyhow::anyhow!("HTTP {s} without an error body")).body(),
        _ => sendiri("bad_request", Teks::new("Permintaan tidak valid.", "The request is not valid.")),
    };
    let (mut parts, _) = res.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let body = serde_json::to_vec(&body).unwrap_or_default();
    axum::response::Response::from_parts(parts, axum::body::Body::from(body))
}

/// Sets the security headers a response does not already carry.
fn security_headers<B>(mut res: Response<B>) -> Response<B> {
    let headers = res.headers_mut();
    let all = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ];
    for (name, value) in all {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    res
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    db: Db,
    /// The demo instansi was seeded into the empty database just now.
    pub seeded: bool,
}

impl Application {
    /// Connects and migrates the database, seeds the demo instansi into an
    /// empty one (unless told not to), and binds the port.
    pub async fn build(database_url: &str, args: &ServeArgs) -> anyhow::Result<Self> {
        // The server's day: moved for a demo's later stage or a test of the year.
        let hari = args.tanggal.or(args.demo_tahap.tanggal());
        if let Some(tanggal) = hari {
            crate::clock::pindah_ke(tanggal);
            tracing::warn!(%tanggal, "the server's clock is moved (--tanggal): for demos and tests only");
        }
        let db = Db::connect(database_url).await?;
        db.migrate().await?;
        let seeded = !args.no_demo && seed::seed_demo_if_empty(&db).await?;
        let dist = match spa::check_dist(&args.dist) {
            Ok(dist) => Some(dist),
            Err(why) => {
                tracing::warn!("{why}; serving the API only");
                None
            }
        };
        let kunci = args.security.kunci_server()?;
        let email = email::start(&db, &args.email)?;
        let berkas = crate::berkas::Berkas::dari_config(&args.berkas)?;
        let sapu = berkas.clone();
        tokio::spawn(async move {
            // What uploads cut short by the last stop left (an hour old: none is still running).
            match sapu.sapu_sementara(std::time::Duration::from_secs(60 * 60)).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(berkas = n, "removed unfinished uploads"),
                Err(e) => tracing::warn!(error = %e, "could not sweep unfinished uploads"),
            }
        });
        let state = AppState::new(db.clone(), args.security.clone(), kunci, email, berkas);
        idempotency::purge(&db).await?;
        let purger = db.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(6 * 60 * 60));
            loop {
                every.tick().await;
                if let Err(e) = idempotency::purge(&purger).await {
                    tracing::warn!(error = %e, "purge failed");
                }
            }
        });
        let router = app(state, dist);
        if seeded && (args.demo_kegiatan || args.demo_tahap != seed::TahapDemo::Berjalan) {
            // The year so far, through the API (its rules, its history rows):
            // for a later stage, planned in January and completed on the stage's day.
            if let (Some(_), Some(januari)) = (hari, args.demo_tahap.awal()) {
                crate::clock::pindah_ke(januari);
            }
            seed::seed_demo_kegiatan(&db, &router).await?;
            if let Some(hari) = hari {
                crate::clock::pindah_ke(hari);
            }
            seed::seed_demo_tahap(&router, args.demo_tahap).await?;
        }
        if !args.no_demo {
            seed::print_demo_accounts(&db).await?;
        }
        let addr = SocketAddr::new(args.host, args.port);
        let listener = TcpListener::bind(addr).await.with_context(|| format!("binding {addr}"))?;
        Ok(Application { listener, router, db, seeded })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// Serves until Ctrl-C or SIGTERM, lets requests in flight finish, then
    /// closes the database cleanly (a WAL checkpoint on SQLite).
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let service = self.router.into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service).with_graceful_shutdown(shutdown_signal()).await.context("serving")?;
        self.db.close().await;
        tracing::info!("stopped cleanly");
        Ok(())
    }

    /// Closes the database without serving (`demo-seed`).
    pub async fn close(self) {
        self.db.close().await;
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested");
}
