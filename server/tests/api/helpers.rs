use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use server::config::ServeArgs;
use server::db::Db;
use server::{Application, telemetry};
use sqlx::Executor;
use sqlx::any::AnyPoolOptions;

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backends this run covers: SQLite always, PostgreSQL when configured.
pub fn backends() -> Vec<Backend> {
    let mut v = vec![Backend::Sqlite];
    if std::env::var("EKINERJA_TEST_PG").is_ok() {
        v.push(Backend::Postgres);
    } else if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true requires PostgreSQL: set EKINERJA_TEST_PG");
    }
    v
}

/// A fresh, empty database; dropped (PostgreSQL) or deleted (SQLite) on drop.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub async fn fresh_db(backend: Backend) -> TestDb {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("a temp dir");
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            TestDb { url, _dir: Some(dir) }
        }
        Backend::Postgres => {
            let admin = std::env::var("EKINERJA_TEST_PG").expect("EKINERJA_TEST_PG");
            sqlx::any::install_default_drivers();
            let pool = AnyPoolOptions::new().max_connections(1).connect(&admin).await.expect("connect to PostgreSQL");
            sweep_stale_databases(&pool).await;
            let name = format!("ekt_{}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed), nanos());
            pool.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.expect("create a test database");
            pool.close().await;
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).expect("a database URL");
            TestDb { url: format!("{base}/{name}"), _dir: None }
        }
    }
}

/// Drops the test databases of test processes that are gone (a test that
/// failed, or any earlier run), so they never pile up.
async fn sweep_stale_databases(pool: &sqlx::AnyPool) {
    let names: Vec<(String,)> = sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE 'ekt_%'")
        .fetch_all(pool)
        .await
        .unwrap_or_default();
    for (name,) in names {
        let pid = name.split('_').nth(1).unwrap_or_default();
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = pool.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).await;
        }
    }
}

fn nanos() -> u32 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or_default()
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub db: TestDb,
    pub client: reqwest::Client,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn connect(&self) -> Db {
        Db::connect(&self.db.url).await.expect("connect to the test database")
    }
}

/// Starts the real server on port 0 against a fresh database, with `dist`
/// (or no SPA), and the demo seed unless `demo` is false.
pub async fn spawn_app_with(backend: Backend, dist: Option<PathBuf>, demo: bool) -> TestApp {
    telemetry::init(server::config::LogFormat::Pretty);
    let db = fresh_db(backend).await;
    let args = ServeArgs {
        port: 0,
        dist: dist.unwrap_or_else(|| PathBuf::from("/nonexistent-dist")),
        no_demo: !demo,
        ..ServeArgs::default()
    };
    let app = Application::build(&db.url, &args).await.expect("the application builds");
    let addr = app.local_addr();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
    TestApp { addr, db, client }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, None, false).await
}
