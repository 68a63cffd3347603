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
}

impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs { host: IpAddr::from([127, 0, 0, 1]), port: 8080, dist: PathBuf::from("dist"), no_demo: false }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}
