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

    #[command(flatten)]
    pub security: SecurityArgs,
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
            security: SecurityArgs::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}
