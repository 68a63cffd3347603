//! The command line: `serve` (the default), `migrate`, `demo-seed`, `import`, `create-admin`.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Parser;
use domain::api::Laporan;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::{Cli, Command, CreateAdminArgs, ImportArgs, ServeArgs};
use crate::db::Db;
use crate::db::org::{AdminBaru, buat_admin};
use crate::import::apply::{ImportError, ImportOptions, Importer, apply_csv};
use crate::{Application, clock, telemetry};

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
            // The whole app, unserved: the demo's year is made through its API.
            let args = ServeArgs { port: 0, demo_kegiatan: true, ..ServeArgs::default() };
            let app = Application::build(url, &args).await?;
            if !app.seeded {
                println!(
                    "basis data sudah berisi data; tidak diubah / the database already holds data; left unchanged"
                );
            }
            app.close().await;
            Ok(())
        }
        Command::Import(args) => import(url, args).await,
        Command::CreateAdmin(args) => create_admin(url, args).await,
    }
}

/// Files larger than this get a progress bar (on a terminal).
const BESAR: u64 = 256 * 1024;

async fn import(url: &str, args: ImportArgs) -> anyhow::Result<()> {
    let data = std::fs::read(&args.file).with_context(|| format!("membaca / reading {}", args.file.display()))?;
    let db = Db::connect(url).await?;
    db.migrate().await?;
    let instansi = crate::db::org::instansi_by_kode(db.pool(), &args.instansi).await?;
    let Some(instansi_id) = instansi else {
        anyhow::bail!("instansi {} tidak ada / instansi {} does not exist", args.instansi, args.instansi);
    };
    let bar = if data.len() as u64 > BESAR { ProgressBar::new_spinner() } else { ProgressBar::hidden() };
    bar.set_message("memeriksa berkas / checking the file");
    bar.enable_steady_tick(Duration::from_millis(120));
    let gaya = ProgressStyle::with_template("{bar:40} {pos}/{len} baris / rows  {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    let bergaya = std::sync::Once::new();
    let batang = bar.clone();
    let kemajuan = Arc::new(move |done: u64, total: u64| {
        bergaya.call_once(|| {
            batang.set_style(gaya.clone());
            batang.set_message("");
        });
        batang.set_length(total);
        batang.set_position(done);
    });
    let opsi = ImportOptions {
        instansi_id,
        periode_id: args.periode.clone(),
        terapkan: args.terapkan,
        sebagian: args.sebagian,
        hari_ini: clock::hari_ini(),
        oleh: Importer::Operator,
    };
    let mulai = Instant::now();
    let hasil = apply_csv(&db, opsi, data, kemajuan, None).await;
    bar.finish_and_clear();
    db.close().await;
    let detik = mulai.elapsed().as_secs_f64();
    match hasil {
        Ok(r) => {
            let judul = if r.terapkan {
                "Impor selesai / import applied"
            } else {
                "Pemeriksaan selesai, tidak ada yang diubah (tambahkan --terapkan untuk menerapkan) / \
                 check passed, nothing changed (add --terapkan to apply)"
            };
            println!("{judul} ({detik:.1} s)");
            println!(
                "  baris / rows: {}\n  pegawai dibuat / created: {}\n  diubah / changed: {}\n  \
                 tidak berubah / unchanged: {}\n  unit dibuat / units created: {}\n  atasan diubah / atasan set: {}",
                r.baris, r.dibuat, r.diubah, r.tidak_berubah, r.unit_dibuat, r.atasan_diubah
            );
            if r.sebagian {
                println!(
                    "  baris diterapkan / rows applied: {}\n  baris dilewati / rows left out: {}",
                    r.baris_diterapkan, r.baris_dilewati
                );
            }
            for p in &r.peringatan {
                eprintln!("peringatan / warning: {} / {}", p.id, p.en);
            }
            if r.baris_dilewati > 0 {
                eprintln!(
                    "{} baris dilewati, tidak diterapkan / {} rows left out, not applied:",
                    r.baris_dilewati, r.baris_dilewati
                );
                eprint!("{}", tabel_laporan(&r.dilewati));
            }
            Ok(())
        }
        Err(ImportError::Berkas(l)) => {
            eprint!("{}", tabel_laporan(&l));
            let ringkas = crate::import::ringkas_laporan(&l);
            anyhow::bail!("{} / {}", ringkas.id, ringkas.en)
        }
        Err(ImportError::PeriodeTidakAda) => {
            anyhow::bail!("periode tidak ada di instansi ini / no such period in this instansi")
        }
        Err(ImportError::Db(e)) => Err(e.into()),
    }
}

/// The report as a plain-text table, one problem per line.
pub fn tabel_laporan(l: &Laporan) -> String {
    let lebar_kolom = l.kesalahan.iter().map(|k| k.kolom.len()).max().unwrap_or(5).max(5);
    let lebar_oleh = l.kesalahan.iter().map(|k| k.diperbaiki_oleh.id.chars().count()).max().unwrap_or(15).max(15);
    let mut out =
        format!("{:>6}  {:<lebar_kolom$}  {:<lebar_oleh$}  Kesalahan / Problem\n", "Baris", "Kolom", "Diperbaiki oleh");
    for k in &l.kesalahan {
        out.push_str(&format!(
            "{:>6}  {:<lebar_kolom$}  {:<lebar_oleh$}  {} / {}\n",
            k.baris, k.kolom, k.diperbaiki_oleh.id, k.pesan.id, k.pesan.en
        ));
    }
    if l.total > l.kesalahan.len() {
        out.push_str(&format!(
            "… dan {} kesalahan lain / and {} more problems\n",
            l.total - l.kesalahan.len(),
            l.total - l.kesalahan.len()
        ));
    }
    out
}

async fn create_admin(url: &str, args: CreateAdminArgs) -> anyhow::Result<()> {
    let password = match std::env::var("EKINERJA_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                eprint!("Kata sandi admin / admin password: ");
                std::io::stderr().flush().ok();
            }
            let mut line = String::new();
            stdin.lock().read_line(&mut line).context("membaca kata sandi / reading the password")?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let db = Db::connect(url).await?;
    db.migrate().await?;
    let hasil = buat_admin(
        &db,
        &AdminBaru {
            kode_instansi: args.instansi.clone(),
            nama_instansi: args.nama_instansi,
            nip: args.nip,
            nama: args.nama,
            super_admin: args.super_admin,
            password,
        },
    )
    .await;
    db.close().await;
    let a = hasil?;
    if a.instansi_baru {
        println!(
            "instansi {} dibuat, dengan unit puncak dan periode tahun ini / created, with a top unit and this year's period",
            args.instansi
        );
    }
    let peran = match a.peran {
        domain::api::PeranAkun::SuperAdmin => "super admin",
        _ => "admin instansi",
    };
    if a.akun_baru {
        println!("akun {peran} dibuat / {peran} account created");
    } else {
        println!("akun diperbarui menjadi {peran}, kata sandi diganti / account updated to {peran}, password replaced");
    }
    Ok(())
}
