//! The command line: `serve` (the default), `migrate`, `demo-seed`.

use std::process::ExitCode;

use clap::Parser;

use crate::config::{Cli, Command, ServeArgs};
use crate::db::Db;
use crate::{Application, seed, telemetry};

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(cli.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ekinerja: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let url = &cli.database.database_url;
    match cli.command.unwrap_or_else(|| Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => {
            let app = Application::build(url, &args).await?;
            let addr = app.local_addr();
            tracing::info!(%addr, "listening");
            println!("e-Kinerja berjalan di / is running at http://{addr}/  (Ctrl-C untuk berhenti / to stop)");
            app.run_until_stopped().await
        }
        Command::Migrate => {
            let db = Db::connect(url).await?;
            db.migrate().await?;
            db.close().await;
            println!("migrasi selesai / migrations applied");
            Ok(())
        }
        Command::DemoSeed => {
            let db = Db::connect(url).await?;
            db.migrate().await?;
            let seeded = seed::seed_demo_if_empty(&db).await?;
            if !seeded {
                println!(
                    "basis data sudah berisi data; tidak diubah / the database already holds data; left unchanged"
                );
            }
            seed::print_demo_accounts(&db).await?;
            db.close().await;
            Ok(())
        }
    }
}
