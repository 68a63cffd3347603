//! E-mail for the notifications, when the server is configured with an SMTP
//! relay (`config::EmailArgs`; README "E-mail").
//!
//! Who is told of what is `domain::notifikasi::ATURAN`, as for the bell:
//! every notification stored for a person who set an address queues one
//! e-mail in the same transaction (`db::notifikasi::tambah`, the
//! `email_outbox` table). A background task sends what is due with lettre's
//! async SMTP transport, marks it sent, and retries a failure with a growing
//! pause; a request never waits for it nor fails because of it. Several
//! servers on one database share the outbox: each attempt is claimed first.
//!
//! The logs name jobs by id, never an address, a name or the relay's answer
//! (which may quote the address): only its status code.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use domain::notifikasi::Peristiwa;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use tokio::sync::Notify;

use crate::clock;
use crate::config::EmailArgs;
use crate::db::Db;
use crate::db::email::{self as store, Job, Outcome};

/// Jobs read at once.
const BATCH: i64 = 20;
/// An attempt in progress keeps others off its job this long (then a crashed
/// sender's job is tried again).
const LEASE_MS: i64 = 10 * 60 * 1000;
/// The longest pause between two attempts of one job.
const MAX_BACKOFF_MS: i64 = 60 * 60 * 1000;
/// An e-mail not sent by then is no longer news: given up (the bell has it).
const GIVE_UP_MS: i64 = 2 * 24 * 60 * 60 * 1000;
/// The outbox is read at least this often (jobs queued by another server).
const POLL: Duration = Duration::from_secs(60);
/// One SMTP exchange at most this long.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// Sent and given-up jobs are deleted after this long.
const KEEP_MS: i64 = 35 * 24 * 60 * 60 * 1000;

/// The handle the routes hold: whether e-mail is on, and a way to wake the
/// sender after a job was queued.
#[derive(Clone, Debug, Default)]
pub struct Outbox {
    /// `None`: off (no sender, nothing queued).
    wake: Option<Arc<Notify>>,
}

impl Outbox {
    /// Whether a notification stored now also queues its e-mail.
    pub fn on(&self) -> bool {
        self.wake.is_some()
    }

    /// The sender looks at the outbox now (instead of at its next poll).
    pub fn wake(&self) {
        if let Some(w) = &self.wake {
            w.notify_one();
        }
    }
}

/// What the sender needs, checked at start: a bad configuration stops the
/// server there, not at the first e-mail.
struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
}

/// Starts the sender when `args` configures a relay; an outbox that is off
/// otherwise.
pub fn start(db: &Db, args: &EmailArgs) -> anyhow::Result<Outbox> {
    let Some(url) = &args.smtp_url else {
        if args.smtp_from.is_some() || args.public_url.is_some() {
            tracing::warn!("EKINERJA_SMTP_FROM / EKINERJA_PUBLIC_URL are set but EKINERJA_SMTP_URL is not: no e-mail");
        }
        return Ok(Outbox::default());
    };
    let from =
        args.smtp_from.as_deref().context("EKINERJA_SMTP_FROM (--smtp-from) is needed with EKINERJA_SMTP_URL")?;
    let from: Mailbox = from.parse().with_context(|| {
        format!("EKINERJA_SMTP_FROM is not an address such as `e-Kinerja <noreply@instansi.go.id>`: {from:?}")
    })?;
    let public_url = args
        .public_url
        .as_deref()
        .context("EKINERJA_PUBLIC_URL (--public-url) is needed with EKINERJA_SMTP_URL: the e-mails link to the app")?;
    anyhow::ensure!(
        public_url.starts_with("https://") || public_url.starts_with("http://"),
        "EKINERJA_PUBLIC_URL must start with https:// (or http://)"
    );
    let sender =
        Sender { transport: transport(&url.0)?, from, public_url: public_url.trim_end_matches('/').to_owned() };
    let wake = Arc::new(Notify::new());
    tokio::spawn(run(db.clone(), sender, wake.clone()));
    tracing::info!("e-mail notifications on");
    Ok(Outbox { wake: Some(wake) })
}

/// The relay from `EKINERJA_SMTP_URL`: `smtp://[user:password@]host[:port]`.
/// SMTP over TLS is not built in (it would add a TLS stack the server has
/// no other use for): a relay on this machine or the instansi's network
/// carries the mail on (README "E-mail").
fn transport(url: &str) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    use lettre::transport::smtp::authentication::Credentials;
    let u = url::Url::parse(url).context("EKINERJA_SMTP_URL is not a URL such as smtp://127.0.0.1:25")?;
    anyhow::ensure!(
        u.scheme() == "smtp" && !u.query_pairs().any(|(k, _)| k == "tls"),
        "EKINERJA_SMTP_URL: only smtp://host:port (no TLS: smtps:// and ?tls= are not supported; \
         send through a relay on this machine or the instansi's network, README \"E-mail\")"
    );
    let host = u.host_str().filter(|h| !h.is_empty()).context("EKINERJA_SMTP_URL names no host")?;
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(u.port().unwrap_or(25));
    if !u.username().is_empty() {
        // Plain SMTP sends the password as it is: only to this machine.
        // (An `smtp://` URL's host is opaque to the url crate: read as text.)
        let h = host.trim_start_matches('[').trim_end_matches(']');
        let lokal = h.eq_ignore_ascii_case("localhost") || h.parse::<std::net::IpAddr>().is_ok_and(|a| a.is_loopback());
        anyhow::ensure!(
            lokal,
            "EKINERJA_SMTP_URL: a user and password go only to a relay on this machine (127.0.0.1 or localhost): \
             plain SMTP would send the password in clear over the network"
        );
        let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
        builder = builder.credentials(Credentials::new(decode(u.username()), decode(u.password().unwrap_or_default())));
    }
    Ok(builder.timeout(Some(SMTP_TIMEOUT)).build())
}

/// The sender's loop: whatever is due, then a pause until the next job is
/// due, a new one is queued, or the next poll.
async fn run(db: Db, sender: Sender, wake: Arc<Notify>) {
    let mut last_purge = 0;
    loop {
        let now = clock::now_ms();
        if now - last_purge > 6 * 60 * 60 * 1000 {
            last_purge = now;
            if let Err(e) = db.write(move |c| Box::pin(async move { store::purge(c, now - KEEP_MS).await })).await {
                tracing::warn!(error = %e, "purging the e-mail outbox failed");
            }
        }
        let pause = match send_due(&db, &sender).await {
            // A full batch: there may be more due right away.
            Ok(n) if n >= BATCH as usize => Duration::ZERO,
            Ok(_) => match store::next_due(db.pool()).await {
                // Never a busy loop, whatever is due.
                Ok(Some(t)) => Duration::from_millis((t - clock::now_ms()).clamp(250, POLL.as_millis() as i64) as u64),
                Ok(None) => POLL,
                Err(e) => {
                    tracing::warn!(error = %e, "reading the e-mail outbox failed");
                    POLL
                }
            },
            Err(e) => {
                tracing::warn!(error = %e, "reading the e-mail outbox failed");
                POLL
            }
        };
        if !pause.is_zero() {
            let _ = tokio::time::timeout(pause, wake.notified()).await;
        }
    }
}

/// Sends the jobs due now, one after another; how many were read.
async fn send_due(db: &Db, sender: &Sender) -> anyhow::Result<usize> {
    let jobs = store::due(db.pool(), clock::now_ms(), BATCH).await?;
    let n = jobs.len();
    for job in jobs {
        let now = clock::now_ms();
        let claimed = {
            let job = job.clone();
            db.write(move |c| Box::pin(async move { store::claim(c, &job, now + LEASE_MS).await })).await?
        };
        if !claimed {
            continue;
        }
        let outcome = attempt(sender, &job).await;
        let id = job.id.clone();
        db.write(move |c| Box::pin(async move { store::record(c, &id, outcome, clock::now_ms()).await }))
            .await
            .context("recording an e-mail attempt")?;
    }
    Ok(n)
}

/// One attempt at `job` (already claimed, so `job.attempts + 1` is this one).
async fn attempt(sender: &Sender, job: &Job) -> Outcome {
    let now = clock::now_ms();
    let id = job.id.as_str();
    let attempts = job.attempts + 1;
    let Some(email) = &job.email else {
        tracing::info!(job = id, "e-mail dropped: the address was removed");
        return Outcome::Failed;
    };
    if now - job.dibuat > GIVE_UP_MS {
        tracing::warn!(job = id, attempts, "e-mail given up: not sent within two days");
        return Outcome::Failed;
    }
    let Some(peristiwa) = Peristiwa::dari_kode(&job.jenis) else {
        // Queued by a newer build: left for it.
        return Outcome::RetryAt(now + MAX_BACKOFF_MS);
    };
    let message = match message(sender, email, peristiwa, job) {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(job = id, error = %e, "e-mail given up: it cannot be built");
            return Outcome::Failed;
        }
    };
    match sender.transport.send(message).await {
        Ok(_) => {
            tracing::info!(job = id, attempts, "e-mail sent");
            Outcome::Sent
        }
        Err(e) if e.is_permanent() => {
            let code = e.status().map(|c| c.to_string());
            tracing::warn!(job = id, attempts, code, "e-mail refused by the relay; given up");
            Outcome::Failed
        }
        Err(e) => {
            let at = now + backoff_ms(attempts);
            let code = e.status().map(|c| c.to_string());
            tracing::warn!(job = id, attempts, code, kind = kind(&e), retry_at = at, "e-mail not sent; will retry");
            Outcome::RetryAt(at)
        }
    }
}

/// The pause after the `attempts`-th failed attempt: 2 s, 4 s, 8 s, … up to an hour.
fn backoff_ms(attempts: i64) -> i64 {
    (1_000i64 << attempts.clamp(1, 22)).min(MAX_BACKOFF_MS)
}

/// What kind of failure, without its text (which may quote the address).
fn kind(e: &lettre::transport::smtp::Error) -> &'static str {
    if e.is_transient() {
        "transient"
    } else if e.is_timeout() {
        "timeout"
    } else if e.is_client() {
        "client"
    } else {
        "connection"
    }
}

fn message(sender: &Sender, to: &str, peristiwa: Peristiwa, job: &Job) -> anyhow::Result<Message> {
    let to: Mailbox = to.parse().context("the stored address does not parse")?;
    let (subject, body) = compose(peristiwa, job.dari.as_deref().unwrap_or("e-Kinerja"), job.tahun, &sender.public_url);
    Message::builder()
        .from(sender.from.clone())
        .to(to)
        .subject(subject)
        .message_id(None)
        .header(ContentType::TEXT_PLAIN)
        // Not a person writing: auto-responders stay quiet (RFC 3834).
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Auto-Submitted"), "auto-generated".into()))
        .body(body)
        .context("building the message")
}

/// The subject and plain-text body of the e-mail for `peristiwa`: the
/// domain's texts, Indonesian first, then English, each with the link to
/// the app's notifications, and how to stop them.
pub fn compose(peristiwa: Peristiwa, dari: &str, tahun: i64, public_url: &str) -> (String, String) {
    let judul = peristiwa.judul();
    let teks = peristiwa.teks(dari, tahun);
    let tautan = format!("{public_url}/notifikasi");
    let akun = format!("{public_url}/akun");
    let subject = format!("e-Kinerja: {} / {}", judul.id, judul.en);
    let body = format!(
        "{id}\n\nBuka e-Kinerja: {tautan}\n\n---\n\n{en}\n\nOpen e-Kinerja: {tautan}\n\n---\n\
         E-mail ini dikirim otomatis oleh e-Kinerja ke alamat yang Anda simpan di akun Anda.\n\
         Untuk berhenti menerimanya, hapus alamat itu di {akun}\n\
         Sent automatically by e-Kinerja to the address you saved on your account.\n\
         To stop these e-mails, remove it at {akun}\n",
        id = teks.id,
        en = teks.en,
    );
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_email_says_it_in_indonesian_first_then_english_with_the_link() {
        let (subject, body) = compose(Peristiwa::SkpDiajukan, "Nur Aisyah", 2026, "https://ekinerja.instansi.go.id");
        assert_eq!(subject, "e-Kinerja: SKP diajukan untuk ditinjau / SKP submitted for review");
        let id = body.find("Nur Aisyah mengajukan SKP 2026 untuk Anda tinjau.").expect("Indonesian");
        let en = body.find("Nur Aisyah submitted their 2026 SKP for your review.").expect("English");
        assert!(id < en, "Indonesian first");
        assert!(body.contains("Buka e-Kinerja: https://ekinerja.instansi.go.id/notifikasi"));
        assert!(body.contains("https://ekinerja.instansi.go.id/akun"));
        assert!(body.is_ascii() && body.lines().all(|l| l.len() < 100), "plain 7-bit text");
    }

    #[test]
    fn the_pause_doubles_from_two_seconds_up_to_an_hour() {
        let pauses: Vec<i64> = (1..=13).map(backoff_ms).collect();
        assert_eq!(&pauses[..5], &[2_000, 4_000, 8_000, 16_000, 32_000]);
        assert_eq!(pauses[11], 3_600_000);
        assert_eq!(backoff_ms(1_000), 3_600_000, "no overflow");
    }

    #[test]
    fn every_address_the_account_page_accepts_the_mailer_accepts() {
        for a in [
            "nama@instansi.go.id",
            "Siti.Rahma+skp@bkn.go.id",
            "a_b-c@sub-domain.example.co.id",
            "x!#$%&'*/=?^`{|}~@y.z",
        ] {
            let email = domain::email::Email::parse(a).expect(a);
            assert!(email.as_str().parse::<Mailbox>().is_ok(), "{a}");
        }
    }

    // The pooled transport starts a task: a runtime is needed.
    #[tokio::test]
    async fn the_relay_url_is_checked_at_start() {
        assert!(transport("smtp://127.0.0.1:2525").is_ok());
        assert!(transport("smtp://user:p%40ss@127.0.0.1:2525").is_ok());
        assert!(transport("smtp://user:p%40ss@localhost").is_ok());
        // A password in clear goes nowhere but this machine.
        let Err(e) = transport("smtp://user:p%40ss@relay.instansi.go.id") else {
            panic!("a password over the network")
        };
        assert!(e.to_string().contains("only to a relay on this machine"), "{e}");
        assert!(transport("not a url").is_err());
        assert!(transport("smtp://").is_err());
        for url in ["smtps://relay.instansi.go.id", "smtp://relay.instansi.go.id:587?tls=required"] {
            let Err(e) = transport(url) else { panic!("{url} accepted") };
            let e = e.to_string();
            assert!(e.contains("no TLS"), "{e}");
        }
    }
}
