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
    /// The object store's folder (evidence files), removed on drop.
    pub objek: tempfile::TempDir,
}

/// A fresh folder for the object store, and the configuration naming it.
pub fn objek_sementara() -> (tempfile::TempDir, server::config::BerkasArgs) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let args =
        server::config::BerkasArgs { objek: dir.path().display().to_string(), ..server::config::BerkasArgs::default() };
    (dir, args)
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
    spawn_app_configured(backend, dist, demo, |_| {}).await
}

/// [`spawn_app_with`], its configuration adjusted by `ubah` first.
pub async fn spawn_app_configured(
    backend: Backend,
    dist: Option<PathBuf>,
    demo: bool,
    ubah: impl FnOnce(&mut ServeArgs),
) -> TestApp {
    telemetry::init(server::config::LogFormat::Pretty);
    let db = fresh_db(backend).await;
    let (objek, berkas) = objek_sementara();
    let mut args = ServeArgs {
        port: 0,
        dist: dist.unwrap_or_else(|| PathBuf::from("/nonexistent-dist")),
        no_demo: !demo,
        berkas,
        ..ServeArgs::default()
    };
    ubah(&mut args);
    let app = Application::build(&db.url, &args).await.expect("the application builds");
    let addr = app.local_addr();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
    TestApp { addr, db, client, objek }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, None, false).await
}

/// A signed-in client: sends the session cookie, the CSRF token, and a
/// fresh Idempotency-Key on every change unless the test gives one.
#[derive(Clone)]
pub struct Session {
    pub base: String,
    pub cookie: String,
    pub csrf: String,
    pub pegawai_id: String,
    pub client: reqwest::Client,
}

pub const DEMO_ADMIN: &str = "199003152015032004";
pub const DEMO_KEPALA: &str = "197204152000032001";
pub const DEMO_KABID1: &str = "198001102005012003";
pub const DEMO_KABID2: &str = "198206252006041001";
pub const DEMO_STAF2: &str = "198811232014022006"; // rated by kabid1
pub const DEMO_STAF3: &str = "199107172017011007"; // rated by kabid1
pub const DEMO_STAF5: &str = "198709142012121009"; // rated by kabid2

impl TestApp {
    pub async fn login(&self, nip: &str) -> Session {
        self.try_login(nip, server::seed::DEMO_PASSWORD).await.expect("demo login")
    }

    pub async fn try_login(&self, nip: &str, password: &str) -> Result<Session, reqwest::Response> {
        let res = self
            .client
            .post(self.url("/api/v1/auth/login"))
            .json(&serde_json::json!({ "nip": nip, "password": password }))
            .send()
            .await
            .expect("login request");
        if res.status() != 200 {
            return Err(res);
        }
        let cookie = res
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_owned();
        let body: serde_json::Value = res.json().await.expect("session json");
        Ok(Session {
            base: format!("http://{}", self.addr),
            cookie,
            csrf: body["csrf_token"].as_str().expect("csrf").to_owned(),
            pegawai_id: body["pegawai_id"].as_str().expect("id").to_owned(),
            client: self.client.clone(),
        })
    }
}

impl Session {
    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client.get(format!("{}{}", self.base, path)).header("cookie", &self.cookie)
    }

    /// A change with the CSRF token and a fresh Idempotency-Key.
    pub fn send(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}{}", self.base, path))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
    }

    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.send(reqwest::Method::POST, path)
    }

    pub fn put(&self, path: &str) -> reqwest::RequestBuilder {
        self.send(reqwest::Method::PUT, path)
    }
}

/// A user-facing message on the wire: `{ "id": …, "en": … }`, both written.
pub fn is_teks(v: &serde_json::Value) -> bool {
    let sisi = |k: &str| v[k].as_str().is_some_and(|s| !s.trim().is_empty());
    v.as_object().is_some_and(|o| o.len() == 2) && sisi("id") && sisi("en")
}
