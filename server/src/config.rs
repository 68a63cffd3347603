//! Configuration by flags and environment (clap).

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "ekinerja", version, about = "e-Kinerja: manajemen kinerja ASN / ASN performance management")]
pub struct Cli {
    #[command(flatten)]
    pub database: DatabaseArgs,

    /// Log format: `pretty` for a terminal, `json` for collectors.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty, global = true)]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, seed the demo instansi when it is empty, and serve.
    Serve(ServeArgs),
    /// Apply the migrations and exit.
    Migrate,
    /// Seed the demo instansi into an empty database and exit.
    DemoSeed,
    /// Check (and with --terapkan apply) a SIASN-like CSV of pegawai; see README "Impor pegawai (CSV)".
    Import(ImportArgs),
    /// Create an admin account (and its instansi when new); the password comes
    /// from EKINERJA_ADMIN_PASSWORD or one line of stdin.
    CreateAdmin(CreateAdminArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The CSV file.
    pub file: PathBuf,
    /// The code of the instansi to import into.
    #[arg(long)]
    pub instansi: String,
    /// Apply the file; without it the file is only checked and nothing is written.
    #[arg(long)]
    pub terapkan: bool,
    /// Apply only the rows that pass and leave out the others (and the rows
    /// that depend on them), listed on stderr; without it, all or nothing.
    #[arg(long)]
    pub sebagian: bool,
    /// The period (id) whose atasan mapping to set; default: the current one.
    #[arg(long)]
    pub periode: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CreateAdminArgs {
    /// The code of the instansi (created when new).
    #[arg(long)]
    pub instansi: String,
    /// The instansi's name, needed when it is new.
    #[arg(long)]
    pub nama_instansi: Option<String>,
    /// The admin's NIP (PNS or PPPK).
    #[arg(long)]
    pub nip: String,
    /// The admin's name.
    #[arg(long)]
    pub nama: String,
    /// A super admin (all instansi) instead of an admin of this instansi.
    #[arg(long = "super")]
    pub super_admin: bool,
}

#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// `sqlite://data/ekinerja.db` (the default, created on first start) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/ekinerja.db", global = true)]
    pub database_url: String,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: IpAddr,

    /// Port to listen on; 0 picks a free one (printed at start).
    #[arg(long, env = "PORT", default_value_t = 8080)]
    pub port: u16,

    /// The built SPA (Trunk's `dist/`).
    #[arg(long, env = "EKINERJA_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Do not seed the demo instansi into an empty database.
    #[arg(long, env = "EKINERJA_NO_DEMO")]
    pub no_demo: bool,

    /// With the demo instansi, the year so far (`make run`): monthly
    /// documentation, three set SKPs in one unit and a 360 with three
    /// colleagues asked (`seed::seed_demo_kegiatan`).
    #[arg(long, env = "EKINERJA_DEMO_KEGIATAN")]
    pub demo_kegiatan: bool,

    /// How far the demo's year goes (implies `--demo-kegiatan`):
    /// `penilaian` (the year ended, the realisations recorded: rate the
    /// unit) or `tanda-tangan` (rated and finalised: sign the documents);
    /// the server's clock moves to 5 January of the next year unless
    /// `--tanggal` says otherwise (`seed::TahapDemo`).
    #[arg(long, env = "EKINERJA_DEMO_TAHAP", value_enum, default_value = "berjalan")]
    pub demo_tahap: crate::seed::TahapDemo,

    /// For demos and tests of a whole year only: the server's clock moved
    /// to this day (`YYYY-MM-DD`, WIB; the time of day kept), so that a
    /// year's deadlines can be passed (`clock::pindah_ke`).
    #[arg(long, value_parser = tanggal_iso)]
    pub tanggal: Option<domain::tanggal::Tanggal>,

    #[command(flatten)]
    pub security: SecurityArgs,

    #[command(flatten)]
    pub email: EmailArgs,

    #[command(flatten)]
    pub berkas: BerkasArgs,
}

/// Where evidence files are kept and how large they may be.
#[derive(Debug, Clone, Args)]
pub struct BerkasArgs {
    /// The object store of evidence files: a folder (created when missing),
    /// or `s3://bucket/prefix` for an S3-compatible bucket (credentials,
    /// region and `AWS_ENDPOINT` from the usual `AWS_*` variables; needs a
    /// server built with the `s3` feature, the default).
    #[arg(long, env = "EKINERJA_OBJEK", default_value = "data/berkas")]
    pub objek: String,
    /// The largest evidence file accepted, in bytes (default 10 MiB).
    #[arg(long, env = "EKINERJA_BUKTI_MAKS_BYTES", default_value_t = domain::skp::realisasi::MAKS_BERKAS_BAWAAN)]
    pub bukti_maks_bytes: u64,
    /// An upload that sends no byte for this many seconds is cut off (and
    /// nothing of it kept): a stalled phone, or someone holding uploads open.
    #[arg(long, env = "EKINERJA_BUKTI_JEDA_DETIK", default_value_t = 60)]
    pub bukti_jeda_detik: u64,
}

impl Default for BerkasArgs {
    fn default() -> Self {
        BerkasArgs {
            objek: "data/berkas".to_owned(),
            bukti_maks_bytes: domain::skp::realisasi::MAKS_BERKAS_BAWAAN,
            bukti_jeda_detik: 60,
        }
    }
}

/// E-mail for the notifications (off unless `--smtp-url` is set): see
/// README "E-mail".
#[derive(Debug, Clone, Default, Args)]
pub struct EmailArgs {
    /// The SMTP relay: `smtp://host:25`, plain SMTP (a relay on this machine
    /// or the instansi's network; TLS is not built in), with
    /// `user:password@` only for a relay on this machine (a password is
    /// never sent in clear over a network). Without it no e-mail is sent.
    #[arg(long, env = "EKINERJA_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<SmtpUrl>,
    /// The sender of the e-mails, e.g. `e-Kinerja <noreply@instansi.go.id>`
    /// (required with `--smtp-url`).
    #[arg(long, env = "EKINERJA_SMTP_FROM")]
    pub smtp_from: Option<String>,
    /// The address people open the app at, e.g. `https://ekinerja.instansi.go.id`:
    /// the e-mails link to it (required with `--smtp-url`).
    #[arg(long, env = "EKINERJA_PUBLIC_URL")]
    pub public_url: Option<String>,
}

/// The SMTP relay's URL, which may hold a password: never printed (`Debug`
/// shows the scheme only).
#[derive(Clone)]
pub struct SmtpUrl(pub String);

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = self.0.split_once("://").map_or("?", |(s, _)| s);
        write!(f, "SmtpUrl({scheme}://…)")
    }
}

impl std::str::FromStr for SmtpUrl {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(SmtpUrl(s.to_owned()))
    }
}

/// Session and login-throttling settings.
#[derive(Debug, Clone, Args)]
pub struct SecurityArgs {
    /// A session ends after this many seconds without a request.
    #[arg(long, env = "EKINERJA_SESSION_IDLE_SECS", default_value_t = 2 * 60 * 60)]
    pub session_idle_secs: i64,
    /// A session ends this many seconds after login, however active.
    #[arg(long, env = "EKINERJA_SESSION_MAX_SECS", default_value_t = 12 * 60 * 60)]
    pub session_absolute_secs: i64,
    /// Mark the session cookie `Secure` (set this when served over HTTPS, e.g. behind a TLS proxy).
    #[arg(long, env = "EKINERJA_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Failed logins allowed per account in the window.
    #[arg(long, env = "EKINERJA_LOGIN_MAX_FAILURES_ACCOUNT", default_value_t = 5)]
    pub login_max_failures_account: u32,
    /// Failed logins allowed per client address in the window.
    #[arg(long, env = "EKINERJA_LOGIN_MAX_FAILURES_ADDRESS", default_value_t = 30)]
    pub login_max_failures_address: u32,
    /// The throttling window in seconds.
    #[arg(long, env = "EKINERJA_LOGIN_WINDOW_SECS", default_value_t = 15 * 60)]
    pub login_window_secs: u64,
    /// Reverse proxies whose `X-Forwarded-For` names the client (comma-separated
    /// addresses): without this, behind a proxy every login would count
    /// against the proxy's one address.
    #[arg(long = "trusted-proxy", env = "EKINERJA_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<IpAddr>,
    /// The server's secret key (at least 32 characters): activation codes are
    /// stored as HMAC-SHA256 under it, so a copy of the database alone gives
    /// none of them up. Without it, the key is read from `--secret-file`.
    #[arg(long, env = "EKINERJA_SECRET", hide_env_values = true)]
    pub secret: Option<KunciRahasia>,
    /// Where the secret key is kept when `EKINERJA_SECRET` is not set: created
    /// on the first start (random, readable by its owner only). Keep it out of
    /// database backups.
    #[arg(long, env = "EKINERJA_SECRET_FILE", default_value = "data/ekinerja.secret")]
    pub secret_file: Option<PathBuf>,
    /// A 360's aggregate is shown this many minutes after its deadline
    /// passed (midnight WIB), not at once: a rater's change checked just
    /// before midnight and committed just after it is refused inside its
    /// write, and this wait makes sure no such write can still be running
    /// when the aggregate is first read (`clock::rilis_360`).
    #[arg(long, env = "EKINERJA_TENGGANG_360_MENIT", default_value_t = 10)]
    pub tenggang_360_menit: i64,
}

/// A secret from the configuration; never printed (`Debug` hides it).
#[derive(Clone)]
pub struct KunciRahasia(pub String);

impl std::fmt::Debug for KunciRahasia {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KunciRahasia(…)")
    }
}

impl std::str::FromStr for KunciRahasia {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if s.chars().count() < 32 {
            return Err("the secret must be at least 32 characters".into());
        }
        Ok(KunciRahasia(s.to_owned()))
    }
}

impl SecurityArgs {
    /// The key for keyed hashes: `secret`, else the file's (created when
    /// missing), else (tests, benchmarks: neither set) a random key for this
    /// process alone.
    pub fn kunci_server(&self) -> anyhow::Result<Vec<u8>> {
        use anyhow::Context;
        if let Some(KunciRahasia(s)) = &self.secret {
            return Ok(s.as_bytes().to_vec());
        }
        let Some(path) = &self.secret_file else {
            return Ok(rand::random::<[u8; 32]>().to_vec());
        };
        match std::fs::read_to_string(path) {
            Ok(s) if s.trim().len() >= 32 => return Ok(s.trim().as_bytes().to_vec()),
            Ok(_) => anyhow::bail!("the secret file {} holds fewer than 32 characters", path.display()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("reading the secret file {}", path.display())),
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let key = hex::encode(rand::random::<[u8; 32]>());
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path).with_context(|| format!("creating the secret file {}", path.display()))?;
        std::io::Write::write_all(&mut file, key.as_bytes()).context("writing the secret file")?;
        file.sync_all().context("writing the secret file")?;
        tracing::info!(path = %path.display(), "created the server's secret key");
        Ok(key.into_bytes())
    }
}

impl Default for SecurityArgs {
    fn default() -> Self {
        SecurityArgs {
            session_idle_secs: 2 * 60 * 60,
            session_absolute_secs: 12 * 60 * 60,
            secure_cookies: false,
            login_max_failures_account: 5,
            login_max_failures_address: 30,
            login_window_secs: 15 * 60,
            trusted_proxies: Vec::new(),
            secret: None,
            secret_file: None,
            tenggang_360_menit: 10,
        }
    }
}

impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8080,
            dist: PathBuf::from("dist"),
            no_demo: false,
            demo_kegiatan: false,
            demo_tahap: crate::seed::TahapDemo::Berjalan,
            tanggal: None,
            security: SecurityArgs::default(),
            email: EmailArgs::default(),
            berkas: BerkasArgs::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// A date as `--tanggal` takes it.
fn tanggal_iso(s: &str) -> Result<domain::tanggal::Tanggal, String> {
    domain::tanggal::Tanggal::parse_iso(s)
        .ok_or_else(|| format!("bukan tanggal YYYY-MM-DD / not a YYYY-MM-DD date: {s}"))
}
