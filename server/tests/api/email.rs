//! E-mail for the notifications (issue 25): a real SMTP server, aiosmtpd
//! from PyPI (`scripts/tools.sh smtp` installs it in `.tools/smtp`), stores
//! what it receives in a maildir, and the test reads the messages there.
//! Each person sets their own address; a notification stored for someone
//! with an address is e-mailed, for someone without one it is not; a relay
//! that is down at first gets the e-mail once it is up.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use server::Application;
use server::config::{EmailArgs, ServeArgs, SmtpUrl};

use crate::helpers::{
    Backend, DEMO_KABID1, DEMO_STAF2, DEMO_STAF3, Session, TestApp, backends, fresh_db, is_teks, spawn_app_with,
};
use crate::skp::{create, periode_id};

const FROM: &str = "e-Kinerja <noreply@ekinerja.example.go.id>";
const PUBLIC_URL: &str = "https://ekinerja.example.go.id";

/// The Python that runs aiosmtpd: the project's own (`.tools/smtp`), else
/// the system's when it has the package. Missing: the tests fail with
/// CI=true, and are left out (said on stderr) on a developer's machine.
fn python() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let candidates = [root.join(".tools/smtp/bin/python"), PathBuf::from("python3")];
    let found = candidates.into_iter().find(|py| {
        Command::new(py)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if found.is_none() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true requires aiosmtpd for the e-mail tests: run scripts/tools.sh smtp");
        }
        eprintln!("NOT RUN: the e-mail tests need aiosmtpd (scripts/tools.sh smtp installs it)");
    }
    found
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// aiosmtpd on 127.0.0.1:`port`, keeping each message in a maildir.
struct Smtp {
    child: Child,
    dir: tempfile::TempDir,
}

impl Smtp {
    async fn start(python: &Path, port: u16) -> Smtp {
        let dir = tempfile::tempdir().unwrap();
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("maildir"))
            .stdout(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        let smtp = Smtp { child, dir };
        let until = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(Instant::now() < until, "aiosmtpd did not listen on {port}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        smtp
    }

    /// Every message received so far.
    fn messages(&self) -> Vec<Mail> {
        let new = self.dir.path().join("maildir/new");
        let mut files: Vec<_> =
            std::fs::read_dir(&new).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        files.sort();
        files.iter().map(|f| Mail::parse(&std::fs::read_to_string(f).unwrap())).collect()
    }

    /// Waits until `n` messages arrived (at most `secs` seconds).
    async fn wait_for(&self, n: usize, secs: u64) -> Vec<Mail> {
        let until = Instant::now() + Duration::from_secs(secs);
        loop {
            let m = self.messages();
            if m.len() >= n {
                return m;
            }
            assert!(Instant::now() < until, "{n} e-mail(s) expected, {} arrived", m.len());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One received message: its headers (unfolded) and body.
#[derive(Debug)]
struct Mail {
    headers: Vec<(String, String)>,
    body: String,
}

impl Mail {
    fn parse(raw: &str) -> Mail {
        let raw = raw.replace("\r\n", "\n");
        let (head, body) = raw.split_once("\n\n").expect("headers, a blank line, a body");
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.lines() {
            match headers.last_mut() {
                // A folded header goes on (RFC 5322 unfolding: only the line break goes).
                Some((_, v)) if line.starts_with([' ', '\t']) => v.push_str(line),
                _ => {
                    let (k, v) = line.split_once(':').expect("a header");
                    headers.push((k.to_ascii_lowercase(), v.trim().to_owned()));
                }
            }
        }
        Mail { headers, body: body.to_owned() }
    }

    fn header(&self, name: &str) -> &str {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default()
    }
}

/// The server with e-mail configured to the relay on `port`, demo seeded.
async fn spawn_app_with_smtp(backend: Backend, port: u16) -> TestApp {
    server::telemetry::init(server::config::LogFormat::Pretty);
    let db = fresh_db(backend).await;
    let (objek, berkas) = crate::helpers::objek_sementara();
    let args = ServeArgs {
        port: 0,
        dist: PathBuf::from("/nonexistent-dist"),
        berkas,
        email: EmailArgs {
            smtp_url: Some(SmtpUrl(format!("smtp://127.0.0.1:{port}"))),
            smtp_from: Some(FROM.into()),
            public_url: Some(PUBLIC_URL.into()),
        },
        ..ServeArgs::default()
    };
    let app = Application::build(&db.url, &args).await.expect("the application builds");
    let addr = app.local_addr();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    TestApp { addr, db, client, objek }
}

async fn set_email(s: &Session, email: &str) -> reqwest::Response {
    s.put("/api/v1/auth/email").json(&json!({ "email": email })).send().await.unwrap()
}

async fn langkah(s: &Session, id: &str, aksi: &str, version: i64) {
    let res = s
        .post(&format!("/api/v1/skp/{id}/{aksi}"))
        .json(&json!({ "version": version, "catatan": "Naikkan targetnya." }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{aksi}");
}

async fn outbox(app: &TestApp) -> Vec<(i64, Option<i64>)> {
    let db = app.connect().await;
    sqlx::query_as("SELECT attempts, sent FROM email_outbox ORDER BY dibuat").fetch_all(db.pool()).await.unwrap()
}

#[tokio::test]
async fn the_penilai_with_an_address_gets_the_submission_by_email_and_a_pegawai_without_one_none() {
    let Some(py) = python() else { return };
    for backend in backends() {
        let port = free_port();
        let smtp = Smtp::start(&py, port).await;
        let app = spawn_app_with_smtp(backend, port).await;
        let periode = periode_id(&app).await;
        let penilai = app.login(DEMO_KABID1).await;
        let pegawai = app.login(DEMO_STAF2).await;

        // The penilai sets an address: a malformed one is refused under its field.
        let res = set_email(&penilai, "siti@").await;
        assert_eq!(res.status(), 422, "{backend:?}");
        let body: Value = res.json().await.unwrap();
        assert!(is_teks(&body["fields"]["email"][0]), "{body}");
        let res = set_email(&penilai, "  siti.rahmawati@bkd.example.go.id ").await;
        assert_eq!(res.status(), 200);
        let saved: Value = res.json().await.unwrap();
        assert_eq!(saved, json!({ "email": "siti.rahmawati@bkd.example.go.id", "dikirim": true }));
        let read: Value = penilai.get("/api/v1/auth/email").send().await.unwrap().json().await.unwrap();
        assert_eq!(read, saved);
        let own: Value = pegawai.get("/api/v1/auth/email").send().await.unwrap().json().await.unwrap();
        assert_eq!(own, json!({ "email": null, "dikirim": true }), "each reads only their own");

        // The pegawai submits: the penilai is e-mailed, in both languages, Indonesian first.
        let skp: Value = create(&pegawai, &periode, "Terlaksananya pelatihan teknis").await.json().await.unwrap();
        let id = skp["id"].as_str().unwrap();
        langkah(&pegawai, id, "submit", 1).await;
        let mail = smtp.wait_for(1, 20).await;
        let m = &mail[0];
        assert_eq!(m.header("x-rcptto"), "siti.rahmawati@bkd.example.go.id", "{backend:?}: {m:?}");
        assert_eq!(m.header("to"), "siti.rahmawati@bkd.example.go.id");
        assert_eq!(m.header("from"), FROM);
        assert_eq!(m.header("subject"), "e-Kinerja: SKP diajukan untuk ditinjau / SKP submitted for review");
        assert_eq!(m.header("auto-submitted"), "auto-generated");
        let id_at = m.body.find("Nur Aisyah mengajukan SKP 2026 untuk Anda tinjau.").expect("the Indonesian text");
        let en_at = m.body.find("Nur Aisyah submitted their 2026 SKP for your review.").expect("the English text");
        assert!(id_at < en_at, "Indonesian first: {}", m.body);
        assert!(m.body.contains(&format!("{PUBLIC_URL}/notifikasi")), "{}", m.body);

        // Returned: the pegawai (no address) is told in the app only; submitted
        // again: the penilai's second e-mail, and no third one came.
        langkah(&penilai, id, "return", 2).await;
        langkah(&pegawai, id, "submit", 3).await;
        let mail = smtp.wait_for(2, 20).await;
        assert!(mail.iter().all(|m| m.header("x-rcptto") == "siti.rahmawati@bkd.example.go.id"), "{mail:?}");
        let jobs = outbox(&app).await;
        assert_eq!(jobs.len(), 2, "no job for the pegawai without an address: {jobs:?}");
        assert!(jobs.iter().all(|(attempts, sent)| *attempts == 1 && sent.is_some()), "{jobs:?}");
        let told: Value = pegawai.get("/api/v1/notifikasi").send().await.unwrap().json().await.unwrap();
        assert!(told["item"].as_array().unwrap().iter().any(|n| n["peristiwa"] == "skp_dikembalikan"), "{told}");

        // Cleared: nothing more is sent to it.
        let cleared: Value = set_email(&penilai, "").await.json().await.unwrap();
        assert_eq!(cleared, json!({ "email": null, "dikirim": true }));
        langkah(&penilai, id, "return", 4).await;
        langkah(&pegawai, id, "submit", 5).await;
        assert_eq!(outbox(&app).await.len(), 2, "no job once the address is cleared");
        assert_eq!(smtp.messages().len(), 2);

        // The penilai's reminder (another row of ATURAN, the same path)
        // reaches a subordinate who set an address.
        let staf3 = app.login(DEMO_STAF3).await;
        assert_eq!(set_email(&staf3, "agus@bkd.example.go.id").await.status(), 200);
        let staf3_id = staf3.pegawai_id.clone();
        let res = penilai
            .post("/api/v1/penilai/ingatkan")
            .json(&json!({ "pegawai_id": staf3_id, "periode_id": periode }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        let mail = smtp.wait_for(3, 20).await;
        let m = mail.iter().find(|m| m.header("x-rcptto") == "agus@bkd.example.go.id").expect("the reminder");
        assert_eq!(m.header("subject"), "e-Kinerja: Pengingat menyusun SKP / Reminder to draft your SKP");
        assert!(
            m.body.contains("Siti Rahmawati mengingatkan Anda untuk menyusun dan mengajukan SKP 2026."),
            "{}",
            m.body
        );
    }
}

#[tokio::test]
async fn an_email_the_relay_could_not_take_is_retried_until_it_arrives() {
    let Some(py) = python() else { return };
    for backend in backends() {
        let port = free_port();
        // No relay listens yet.
        let app = spawn_app_with_smtp(backend, port).await;
        let periode = periode_id(&app).await;
        let penilai = app.login(DEMO_KABID1).await;
        let pegawai = app.login(DEMO_STAF2).await;
        assert_eq!(set_email(&penilai, "siti.rahmawati@bkd.example.go.id").await.status(), 200);
        let skp: Value = create(&pegawai, &periode, "Terlaksananya pelatihan teknis").await.json().await.unwrap();
        // The request does not wait for the relay nor fail because of it.
        langkah(&pegawai, skp["id"].as_str().unwrap(), "submit", 1).await;
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let jobs = outbox(&app).await;
            if jobs.first().is_some_and(|(attempts, sent)| *attempts >= 1 && sent.is_none()) {
                break;
            }
            assert!(Instant::now() < until, "{backend:?}: the first attempt never failed: {jobs:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // The relay comes up: the job's next attempt delivers it, once.
        let smtp = Smtp::start(&py, port).await;
        let mail = smtp.wait_for(1, 30).await;
        assert_eq!(mail[0].header("x-rcptto"), "siti.rahmawati@bkd.example.go.id");
        let jobs = outbox(&app).await;
        assert_eq!(jobs.len(), 1);
        assert!(jobs[0].0 >= 2 && jobs[0].1.is_some(), "retried, then sent: {jobs:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(smtp.messages().len(), 1, "sent once");
    }
}

#[tokio::test]
async fn without_a_relay_nothing_is_queued_and_a_bad_relay_configuration_stops_the_start() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let penilai = app.login(DEMO_KABID1).await;
        let pegawai = app.login(DEMO_STAF2).await;
        // An address may be kept for later; the page says no e-mail is sent.
        let saved: Value = set_email(&penilai, "siti.rahmawati@bkd.example.go.id").await.json().await.unwrap();
        assert_eq!(saved, json!({ "email": "siti.rahmawati@bkd.example.go.id", "dikirim": false }));
        let skp: Value = create(&pegawai, &periode, "Terlaksananya pelatihan teknis").await.json().await.unwrap();
        langkah(&pegawai, skp["id"].as_str().unwrap(), "submit", 1).await;
        assert!(outbox(&app).await.is_empty(), "{backend:?}: nothing queued without a relay");
        // A guest reads and sets nothing.
        let res = app.client.get(app.url("/api/v1/auth/email")).send().await.unwrap();
        assert_eq!(res.status(), 401);
    }
    let db = fresh_db(Backend::Sqlite).await;
    let email = |url: &str, from: Option<&str>, public: Option<&str>| EmailArgs {
        smtp_url: Some(SmtpUrl(url.into())),
        smtp_from: from.map(str::to_owned),
        public_url: public.map(str::to_owned),
    };
    for (args, why) in [
        (email("smtps://relay.example.go.id", Some(FROM), Some(PUBLIC_URL)), "no TLS"),
        (email("smtp://relay.example.go.id", None, Some(PUBLIC_URL)), "EKINERJA_SMTP_FROM"),
        (email("smtp://relay.example.go.id", Some("not an address"), Some(PUBLIC_URL)), "EKINERJA_SMTP_FROM"),
        (email("smtp://relay.example.go.id", Some(FROM), None), "EKINERJA_PUBLIC_URL"),
    ] {
        let args = ServeArgs { port: 0, no_demo: true, email: args, ..ServeArgs::default() };
        let e = Application::build(&db.url, &args).await.err().expect(why);
        assert!(format!("{e:#}").contains(why), "{why}: {e:#}");
    }
}
