//! The API benchmark (DESIGN.md "Budgets"): figures, never pass/fail, never
//! a timed test. Run it through `scripts/bench-api.sh` (a release build).
//!
//! For each backend (`sqlite`, `postgres`; both by default) it starts the
//! real application in this process on 127.0.0.1, port 0, against a fresh
//! database (a temp file, or `CREATE DATABASE ekb_<pid>_<n>` dropped at the
//! end), seeds 64 extra pegawai under the demo kabid, signs in 64 sessions,
//! creates one SKP each, and measures with 64 concurrent clients:
//!
//! - reads: `GET /api/v1/skp/{own id}`, against a bare axum JSON handler
//!   (one route returning the same SKP view as a `serde_json::Value`) on
//!   another port of the same process, in alternating rounds whose counts are
//!   summed: the ratio is the read budget (≥ 50 %);
//! - durable writes: `PUT /api/v1/skp/{own id}` (each client keeps its own
//!   version), against raw single-row inserts, each in its own transaction,
//!   into the same database through a pool opened like the app's
//!   (`Db::connect`: WAL + synchronous=FULL on SQLite). Budget on SQLite:
//!   ≥ 5,000 acknowledged writes/s, p99 ≤ 50 ms.
//!
//! Settings (environment): `BENCH_CLIENTS` (64), `BENCH_WARMUP_SECS` (2),
//! `BENCH_SECS` (10), `BENCH_PG_URL` (postgres://postgres@127.0.0.1:5432/test),
//! `BENCH_DIR` (where the SQLite file goes; the system temp dir).
//! Arguments: the backends to run, e.g. `sqlite` or `sqlite postgres`.
//! A watchdog ends the process if a run overruns its bound.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use server::Application;
use server::config::{SecurityArgs, ServeArgs};
use server::db::{Db, DbKind};
use sqlx::Executor;
use sqlx::any::AnyPoolOptions;
use tokio::task::{JoinHandle, JoinSet};

const DEMO_KABID1: &str = "198001102005012003";
const ERROR_EXAMPLES: usize = 5;
/// Reads are measured in this many alternating rounds of app and bare.
const READ_ROUNDS: u32 = 4;

#[derive(Clone, Copy)]
struct Cfg {
    clients: usize,
    warmup: Duration,
    measure: Duration,
}

fn env_u64(name: &str, default: u64) -> anyhow::Result<u64> {
    match std::env::var(name) {
        Ok(v) => v.trim().parse().with_context(|| format!("{name} must be a whole number, got {v:?}")),
        Err(_) => Ok(default),
    }
}

fn main() -> anyhow::Result<()> {
    let cfg = Cfg {
        clients: usize::try_from(env_u64("BENCH_CLIENTS", 64)?.clamp(1, 1024))?,
        warmup: Duration::from_secs(env_u64("BENCH_WARMUP_SECS", 2)?),
        measure: Duration::from_secs(env_u64("BENCH_SECS", 10)?.max(1)),
    };
    let mut backends: Vec<String> = std::env::args().skip(1).collect();
    if backends.is_empty() {
        backends = vec!["sqlite".into(), "postgres".into()];
    }
    for b in &backends {
        if b != "sqlite" && b != "postgres" {
            bail!("unknown backend {b:?}: use sqlite and/or postgres");
        }
    }
    // Four measured scenarios per backend plus set-up; anything beyond this is a hang.
    let per_backend = (cfg.warmup + cfg.measure) * 4 + Duration::from_secs(120);
    let limit = per_backend * u32::try_from(backends.len()).unwrap_or(2);
    std::thread::spawn(move || {
        std::thread::sleep(limit);
        eprintln!("bench_api: still running after {} s; giving up", limit.as_secs());
        std::process::exit(3);
    });

    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let mut rows = Vec::new();
        let mut notes = Vec::new();
        for (n, backend) in backends.iter().enumerate() {
            let (r, note) = run_backend(backend, n, cfg).await.with_context(|| format!("the {backend} run"))?;
            rows.extend(r);
            notes.push(note);
        }
        print_report(&rows, &notes, cfg);
        anyhow::Ok(())
    })?;
    // The servers run on spawned tasks; dropping the runtime ends them.
    runtime.shutdown_timeout(Duration::from_secs(2));
    Ok(())
}

// ---------------------------------------------------------------- databases

/// A fresh database for one backend; the PostgreSQL one is dropped by `cleanup`.
struct BenchDb {
    url: String,
    pg: Option<(String, String)>, // admin url, database name
    _dir: Option<tempfile::TempDir>,
}

async fn fresh_db(backend: &str, n: usize) -> anyhow::Result<BenchDb> {
    if backend == "sqlite" {
        let base = std::env::var_os("BENCH_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
        let dir = tempfile::Builder::new().prefix("ekinerja-bench-").tempdir_in(&base)?;
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        return Ok(BenchDb { url, pg: None, _dir: Some(dir) });
    }
    let admin = std::env::var("BENCH_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new().max_connections(1).connect(&admin).await.context("connecting to PostgreSQL")?;
    // Databases of earlier runs whose process is gone (a crash, a kill).
    let names: Vec<(String,)> =
        sqlx::query_as("SELECT datname::text FROM pg_database WHERE datname LIKE 'ekb\\_%'").fetch_all(&pool).await?;
    for (name,) in names {
        let pid = name.split('_').nth(1).unwrap_or_default();
        if !pid.is_empty() && !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = pool.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).await;
        }
    }
    let name = format!("ekb_{}_{n}", std::process::id());
    pool.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.context("CREATE DATABASE")?;
    pool.close().await;
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).context("BENCH_PG_URL names no database")?;
    Ok(BenchDb { url: format!("{base}/{name}"), pg: Some((admin, name)), _dir: None })
}

impl BenchDb {
    async fn cleanup(&self) {
        if let Some((admin, name)) = &self.pg {
            match AnyPoolOptions::new().max_connections(1).connect(admin).await {
                Ok(pool) => {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    if let Err(e) = pool.execute(sqlx::AssertSqlSafe(sql)).await {
                        eprintln!("bench_api: could not drop {name}: {e}");
                    }
                    pool.close().await;
                }
                Err(e) => eprintln!("bench_api: could not drop {name}: {e}"),
            }
        }
    }
}

/// 64 (or `clients`) pegawai with accounts, rated by the demo kabid1 in the
/// 2026 period; returns their NIPs and the period id.
async fn seed_clients(db: &Db, clients: usize) -> anyhow::Result<(Vec<String>, String)> {
    let (periode,): (String,) =
        sqlx::query_as("SELECT id FROM periode WHERE tahun = 2026").fetch_one(db.pool()).await.context("the period")?;
    let (instansi, penilai, unit): (String, String, String) =
        sqlx::query_as("SELECT instansi_id, id, unit_id FROM pegawai WHERE nip = $1")
            .bind(DEMO_KABID1)
            .fetch_one(db.pool())
            .await
            .context("the demo kabid")?;
    let (atasan_penilai,): (Option<String>,) =
        sqlx::query_as("SELECT penilai_id FROM atasan WHERE periode_id = $1 AND pegawai_id = $2")
            .bind(&periode)
            .bind(&penilai)
            .fetch_one(db.pool())
            .await?;
    let hash = tokio::task::spawn_blocking(|| server::password::hash_blocking(server::seed::DEMO_PASSWORD)).await??;
    let mut nips = Vec::with_capacity(clients);
    let mut tx = db.pool().begin().await?;
    for i in 0..clients {
        let id = format!("bench-pegawai-{i:04}");
        let nip = format!("19900101202001{:04}", 1000 + i); // 18 digits
        sqlx::query(
            "INSERT INTO pegawai (id, instansi_id, nip, nama, jenis_pegawai, jenis_jabatan, jabatan, unit_id) \
             VALUES ($1, $2, $3, $4, 'pns', 'pelaksana', 'Pengolah Data Beban', $5)",
        )
        .bind(&id)
        .bind(&instansi)
        .bind(&nip)
        .bind(format!("Pegawai Beban {i}"))
        .bind(&unit)
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO akun (pegawai_id, instansi_id, password_hash, peran) VALUES ($1, $2, $3, 'pegawai')")
            .bind(&id)
            .bind(&instansi)
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO atasan (id, instansi_id, periode_id, pegawai_id, penilai_id, atasan_penilai_id, berlaku_mulai) \
             VALUES ($1, $2, $3, $4, $5, $6, '2026-01-01')",
        )
        .bind(format!("bench-atasan-{i:04}"))
        .bind(&instansi)
        .bind(&periode)
        .bind(&id)
        .bind(&penilai)
        .bind(&atasan_penilai)
        .execute(&mut *tx)
        .await?;
        nips.push(nip);
    }
    tx.commit().await?;
    Ok((nips, periode))
}

// ------------------------------------------------------------------ clients

#[derive(Clone)]
struct Session {
    base: String,
    cookie: String,
    csrf: String,
    client: reqwest::Client,
}

fn http_client(clients: usize) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(clients * 2)
        .timeout(Duration::from_secs(30))
        .build()?)
}

async fn login(client: reqwest::Client, base: String, nip: String) -> anyhow::Result<Session> {
    let res = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({ "nip": nip, "password": server::seed::DEMO_PASSWORD }))
        .send()
        .await?;
    if res.status() != 200 {
        bail!("login of {nip}: {} {}", res.status(), res.text().await.unwrap_or_default());
    }
    let cookie = res
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .context("no session cookie")?
        .to_owned();
    let body: Value = res.json().await?;
    let csrf = body["csrf_token"].as_str().context("no csrf_token")?.to_owned();
    Ok(Session { base, cookie, csrf, client })
}

impl Session {
    fn change(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
    }
}

fn rencana(uraian: &str) -> Value {
    json!({
        "pendekatan": "kuantitatif",
        "rhk": [{
            "id": "r1",
            "uraian": uraian,
            "jenis": "utama",
            "rhk_atasan_id": "",
            "perspektif": null,
            "indikator": [{
                "id": "i1", "uraian": "Persentase usulan diklat yang diproses tepat waktu", "aspek": "kuantitas",
                "target": "90", "target_maks": "", "satuan": "persen", "polaritas": "normal"
            }]
        }],
        "lampiran": {
            "dukungan_sumber_daya": ["Aplikasi SIASN"],
            "skema_pertanggungjawaban": ["Laporan triwulanan"],
            "konsekuensi": ["Rekomendasi pengembangan kompetensi"]
        },
        "ekspektasi_khusus": []
    })
}

#[derive(Deserialize)]
struct Versioned {
    id: String,
    version: i64,
}

async fn create_skp(s: &Session, periode: &str) -> anyhow::Result<Versioned> {
    let res = s
        .change(reqwest::Method::POST, "/api/v1/skp")
        .json(&json!({ "periode_id": periode, "rencana": rencana("Terlaksananya pelatihan teknis") }))
        .send()
        .await?;
    if res.status() != 201 {
        bail!("creating an SKP: {} {}", res.status(), res.text().await.unwrap_or_default());
    }
    Ok(res.json().await?)
}

// --------------------------------------------------------------------- load

/// One request of a scenario: `Ok` for a 2xx, `Err` with what went wrong otherwise.
trait Op: Send + 'static {
    fn once(&mut self) -> impl Future<Output = Result<(), String>> + Send;
}

#[derive(Default)]
struct Measured {
    latencies: Vec<Duration>,
    errors: usize,
    examples: Vec<String>,
}

impl Measured {
    fn extend(&mut self, other: Measured) {
        self.latencies.extend(other.latencies);
        self.errors += other.errors;
        for e in other.examples {
            if self.examples.len() < ERROR_EXAMPLES {
                self.examples.push(e);
            }
        }
    }
}

/// Runs one op per client concurrently: `warmup` unmeasured, then `measure`;
/// counts the requests that start and finish inside the measured window.
async fn run_load<O: Op>(ops: Vec<O>, cfg: Cfg) -> Measured {
    let start = Instant::now();
    let from = start + cfg.warmup;
    let until = from + cfg.measure;
    let mut set = JoinSet::new();
    for mut op in ops {
        set.spawn(async move {
            let mut m = Measured { latencies: Vec::with_capacity(16 * 1024), errors: 0, examples: Vec::new() };
            loop {
                let t0 = Instant::now();
                if t0 >= until {
                    break;
                }
                let r = op.once().await;
                let t1 = Instant::now();
                if t0 >= from && t1 <= until {
                    m.latencies.push(t1 - t0);
                    if let Err(e) = r {
                        m.errors += 1;
                        if m.examples.len() < ERROR_EXAMPLES {
                            m.examples.push(e);
                        }
                    }
                }
            }
            m
        });
    }
    let mut all = Measured { latencies: Vec::new(), errors: 0, examples: Vec::new() };
    while let Some(r) = set.join_next().await {
        match r {
            Ok(m) => {
                all.latencies.extend(m.latencies);
                all.errors += m.errors;
                for e in m.examples {
                    if all.examples.len() < ERROR_EXAMPLES {
                        all.examples.push(e);
                    }
                }
            }
            Err(e) => {
                all.errors += 1;
                all.examples.push(format!("client task failed: {e}"));
            }
        }
    }
    all
}

async fn http_outcome(res: Result<reqwest::Response, reqwest::Error>) -> Result<Bytes, String> {
    let res = res.map_err(|e| format!("transport: {e}"))?;
    let status = res.status();
    let body = res.bytes().await.map_err(|e| format!("{status}, body unreadable: {e}"))?;
    if !status.is_success() {
        let text = String::from_utf8_lossy(&body);
        let short: String = text.chars().take(200).collect();
        return Err(format!("{status}: {short}"));
    }
    Ok(body)
}

struct Get {
    session: Session,
    url: String,
}

impl Op for Get {
    async fn once(&mut self) -> Result<(), String> {
        let res = self.session.client.get(&self.url).header("cookie", &self.session.cookie).send().await;
        http_outcome(res).await.map(|_| ())
    }
}

struct Put {
    session: Session,
    path: String,
    version: i64,
    n: u64,
}

impl Op for Put {
    async fn once(&mut self) -> Result<(), String> {
        self.n += 1;
        let body = json!({ "version": self.version, "rencana": rencana(&format!("Terlaksananya pelatihan teknis ke-{}", self.n)) });
        let res = self.session.change(reqwest::Method::PUT, &self.path).json(&body).send().await;
        match http_outcome(res).await {
            Ok(b) => {
                let v: Versioned = serde_json::from_slice(&b).map_err(|e| format!("200 but unreadable: {e}"))?;
                self.version = v.version;
                Ok(())
            }
            Err(e) => {
                // Re-read the version so one failure does not make every later request stale.
                let url = format!("{}{}", self.session.base, self.path);
                let res = self.session.client.get(url).header("cookie", &self.session.cookie).send().await;
                if let Ok(b) = http_outcome(res).await
                    && let Ok(v) = serde_json::from_slice::<Versioned>(&b)
                {
                    self.version = v.version;
                }
                Err(e)
            }
        }
    }
}

struct RawInsert {
    db: Db,
    client: i64,
    seq: i64,
    payload: Arc<String>,
}

impl Op for RawInsert {
    async fn once(&mut self) -> Result<(), String> {
        self.seq += 1;
        let run = async {
            let mut tx = self.db.pool().begin().await?;
            sqlx::query("INSERT INTO bench_tulis (id, klien, urutan, isi, dibuat) VALUES ($1, $2, $3, $4, $5)")
                .bind(uuid::Uuid::new_v4().to_string())
                .bind(self.client)
                .bind(self.seq)
                .bind(self.payload.as_str())
                .bind(server::clock::now())
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        };
        run.await.map_err(|e: sqlx::Error| format!("sqlx: {e}"))
    }
}

// ----------------------------------------------------------------- scenarios

struct Row {
    backend: String,
    scenario: &'static str,
    requests: usize,
    errors: usize,
    throughput: f64,
    p50_ms: f64,
    p99_ms: f64,
    ratio: String,
    examples: Vec<String>,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    // Nearest rank.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1].as_secs_f64() * 1e3
}

fn row(backend: &str, scenario: &'static str, mut m: Measured, cfg: Cfg) -> Row {
    m.latencies.sort_unstable();
    let requests = m.latencies.len();
    Row {
        backend: backend.to_owned(),
        scenario,
        requests,
        errors: m.errors,
        // Acknowledged (2xx) answers per second of the measured window.
        throughput: (requests - m.errors) as f64 / cfg.measure.as_secs_f64(),
        p50_ms: percentile(&m.latencies, 50.0),
        p99_ms: percentile(&m.latencies, 99.0),
        ratio: String::new(),
        examples: m.examples,
    }
}

async fn bare_json(State(v): State<Arc<Value>>) -> Json<Value> {
    Json(v.as_ref().clone())
}

/// The bare baseline: one route returning `view` as JSON, on its own port 0.
async fn spawn_bare(view: Value) -> anyhow::Result<(SocketAddr, JoinHandle<()>)> {
    let router = Router::new().route("/skp", get(bare_json)).with_state(Arc::new(view));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            eprintln!("bench_api: the bare server stopped: {e}");
        }
    });
    Ok((addr, task))
}

async fn run_backend(backend: &str, n: usize, cfg: Cfg) -> anyhow::Result<(Vec<Row>, String)> {
    eprintln!("[bench] {backend}: preparing a fresh database");
    let bench_db = fresh_db(backend, n).await?;
    let result = measure_backend(backend, &bench_db, cfg).await;
    bench_db.cleanup().await;
    result
}

async fn measure_backend(backend: &str, bench_db: &BenchDb, cfg: Cfg) -> anyhow::Result<(Vec<Row>, String)> {
    let args = ServeArgs {
        port: 0,
        no_demo: false,
        dist: PathBuf::from("/nonexistent-dist"),
        security: SecurityArgs {
            login_max_failures_account: 1_000_000,
            login_max_failures_address: 1_000_000,
            ..SecurityArgs::default()
        },
        ..ServeArgs::default()
    };
    let app = Application::build(&bench_db.url, &args).await.context("building the application")?;
    let addr = app.local_addr();
    anyhow::ensure!(addr.ip().is_loopback(), "the app must listen on loopback, got {addr}");
    let app_task = tokio::spawn(app.run_until_stopped());
    let base = format!("http://{addr}");

    let db = Db::connect(&bench_db.url).await?;
    let note = database_note(&db, bench_db).await;
    eprintln!("[bench] {backend}: seeding {} pegawai, signing in, creating SKPs", cfg.clients);
    let (nips, periode) = seed_clients(&db, cfg.clients).await?;
    let client = http_client(cfg.clients)?;
    let mut set = JoinSet::new();
    for nip in nips {
        let (client, base, periode) = (client.clone(), base.clone(), periode.clone());
        set.spawn(async move {
            let s = login(client, base, nip).await?;
            let skp = create_skp(&s, &periode).await?;
            anyhow::Ok((s, skp))
        });
    }
    let mut sessions = Vec::new();
    while let Some(r) = set.join_next().await {
        sessions.push(r??);
    }

    // The SKP view as a reader gets it: the bare handler serves the same JSON.
    let (s0, skp0) = &sessions[0];
    let res = s0.client.get(format!("{base}/api/v1/skp/{}", skp0.id)).header("cookie", &s0.cookie).send().await?;
    anyhow::ensure!(res.status() == 200, "reading an SKP: {}", res.status());
    let view_bytes = res.bytes().await?;
    let view: Value = serde_json::from_slice(&view_bytes)?;
    let (bare_addr, bare_task) = spawn_bare(view).await?;
    let note = format!("{note}; SKP view {} bytes", view_bytes.len());

    let mut rows = Vec::new();
    // The app and the bare handler alternate in rounds (app first, then bare
    // first, …) and their counts are summed: a drift of the machine during
    // the run (another process, CPU frequency) weighs on both alike.
    let app_ops = || -> Vec<Get> {
        sessions
            .iter()
            .map(|(s, skp)| Get { session: s.clone(), url: format!("{base}/api/v1/skp/{}", skp.id) })
            .collect()
    };
    let bare_ops = || -> Vec<Get> {
        sessions.iter().map(|(s, _)| Get { session: s.clone(), url: format!("http://{bare_addr}/skp") }).collect()
    };
    let round = Cfg { measure: cfg.measure / READ_ROUNDS, warmup: cfg.warmup / READ_ROUNDS, ..cfg };
    let (mut app_m, mut bare_m) = (Measured::default(), Measured::default());
    for r in 0..READ_ROUNDS {
        eprintln!("[bench] {backend}: reads, round {} of {READ_ROUNDS} (app and bare axum)", r + 1);
        if r % 2 == 0 {
            app_m.extend(run_load(app_ops(), round).await);
            bare_m.extend(run_load(bare_ops(), round).await);
        } else {
            bare_m.extend(run_load(bare_ops(), round).await);
            app_m.extend(run_load(app_ops(), round).await);
        }
    }
    let measured = Cfg { measure: round.measure * READ_ROUNDS, ..cfg };
    let mut app_read = row(backend, "read GET /skp/{id}", app_m, measured);
    let mut bare_read = row(backend, "read bare axum JSON", bare_m, measured);
    bare_task.abort();
    app_read.ratio = format!("{:.0} % of bare", 100.0 * app_read.throughput / bare_read.throughput);
    bare_read.ratio = "baseline".into();

    eprintln!("[bench] {backend}: durable writes (app)");
    let ops: Vec<Put> = sessions
        .iter()
        .map(|(s, skp)| Put { session: s.clone(), path: format!("/api/v1/skp/{}", skp.id), version: skp.version, n: 0 })
        .collect();
    let mut app_write = row(backend, "write PUT /skp/{id}", run_load(ops, cfg).await, cfg);
    app_task.abort();

    eprintln!("[bench] {backend}: raw durable inserts");
    sqlx::query(
        "CREATE TABLE bench_tulis (id TEXT PRIMARY KEY, klien BIGINT NOT NULL, urutan BIGINT NOT NULL, \
         isi TEXT NOT NULL, dibuat BIGINT NOT NULL)",
    )
    .execute(db.pool())
    .await?;
    let payload = Arc::new("x".repeat(512));
    let ops: Vec<RawInsert> = (0..cfg.clients)
        .map(|i| RawInsert {
            db: db.clone(),
            client: i64::try_from(i).unwrap_or_default(),
            seq: 0,
            payload: payload.clone(),
        })
        .collect();
    let mut raw = row(backend, "raw INSERT, own tx", run_load(ops, cfg).await, cfg);
    app_write.ratio = format!("{:.0} % of raw", 100.0 * app_write.throughput / raw.throughput);
    raw.ratio = "baseline".into();
    db.close().await;

    rows.extend([app_read, bare_read, app_write, raw]);
    Ok((rows, format!("{backend}: {note}")))
}

/// What makes the durable figures comparable: where SQLite writes, and
/// PostgreSQL's durability settings.
async fn database_note(db: &Db, bench_db: &BenchDb) -> String {
    match db.kind() {
        DbKind::Sqlite => {
            let mode: (String,) =
                sqlx::query_as("PRAGMA journal_mode").fetch_one(db.pool()).await.unwrap_or(("?".into(),));
            let sync: (i64,) = sqlx::query_as("PRAGMA synchronous").fetch_one(db.pool()).await.unwrap_or((-1,));
            let file = bench_db.url.trim_start_matches("sqlite://");
            format!("file {file}, journal_mode={}, synchronous={} (2 = FULL)", mode.0, sync.0)
        }
        DbKind::Postgres => {
            let mut parts = Vec::new();
            for setting in ["server_version", "fsync", "synchronous_commit", "wal_sync_method", "commit_delay"] {
                let v: Result<(String,), _> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!("SHOW {setting}"))).fetch_one(db.pool()).await;
                parts.push(format!("{setting}={}", v.map(|v| v.0).unwrap_or_else(|_| "?".into())));
            }
            parts.join(", ")
        }
    }
}

// ------------------------------------------------------------------- report

fn print_report(rows: &[Row], notes: &[String], cfg: Cfg) {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    println!();
    println!(
        "e-Kinerja API benchmark: {} concurrent clients, {} s warm-up + {} s measured per scenario, \
         loopback, client and server in one process ({cores} cores)",
        cfg.clients,
        cfg.warmup.as_secs(),
        cfg.measure.as_secs()
    );
    for n in notes {
        println!("  {n}");
    }
    println!();
    println!(
        "{:<9} {:<22} {:>9} {:>7} {:>13} {:>8} {:>8}  ratio",
        "backend", "scenario", "requests", "errors", "throughput/s", "p50 ms", "p99 ms"
    );
    println!("{}", "-".repeat(98));
    for r in rows {
        println!(
            "{:<9} {:<22} {:>9} {:>7} {:>13.0} {:>8.2} {:>8.2}  {}",
            r.backend, r.scenario, r.requests, r.errors, r.throughput, r.p50_ms, r.p99_ms, r.ratio
        );
    }
    println!();
    println!("throughput/s counts 2xx answers (raw: committed inserts) in the measured window; errors are non-2xx.");
    for r in rows.iter().filter(|r| !r.examples.is_empty()) {
        println!("errors, {} {}:", r.backend, r.scenario);
        for e in &r.examples {
            println!("  {e}");
        }
    }
    println!();
    println!("budgets (DESIGN.md; figures, not a pass/fail gate):");
    for r in rows.iter().filter(|r| r.scenario.starts_with("read GET")) {
        let bare = rows.iter().find(|b| b.backend == r.backend && b.scenario.starts_with("read bare"));
        if let Some(b) = bare {
            let pct = 100.0 * r.throughput / b.throughput;
            println!(
                "  {:<9} reads ≥ 50 % of bare axum: {pct:.0} % → {}",
                r.backend,
                if pct >= 50.0 { "met" } else { "NOT met" }
            );
        }
    }
    for r in rows.iter().filter(|r| r.scenario.starts_with("write PUT")) {
        let met = r.throughput >= 5000.0 && r.p99_ms <= 50.0;
        let applies = if r.backend == "sqlite" { "" } else { " (the budget is stated for SQLite)" };
        println!(
            "  {:<9} durable writes ≥ 5,000/s, p99 ≤ 50 ms: {:.0}/s, p99 {:.1} ms → {}{applies}",
            r.backend,
            r.throughput,
            r.p99_ms,
            if met { "met" } else { "NOT met" }
        );
    }
}
