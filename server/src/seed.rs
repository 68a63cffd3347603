//! The demo instansi for `make run`: a few units, a supervisor chain and a
//! dozen pegawai. Seeding only ever touches an empty database.

use anyhow::Context;
use uuid::Uuid;

use crate::db::Db;
use crate::password;

pub const DEMO_KODE: &str = "DEMO";
/// Printed at start; only the demo instansi uses it.
pub const DEMO_PASSWORD: &str = "demo-ekinerja";

struct DemoPegawai {
    kunci: &'static str,
    nip: &'static str,
    nama: &'static str,
    jenis_jabatan: &'static str,
    jabatan: &'static str,
    unit: &'static str,
    penilai: Option<&'static str>,
    peran: &'static str,
}

const UNITS: [(&str, &str, Option<&str>); 4] = [
    ("kepala", "Badan Kepegawaian Demo", None),
    ("sekretariat", "Sekretariat", Some("kepala")),
    ("pengembangan", "Bidang Pengembangan Kompetensi", Some("kepala")),
    ("penilaian", "Bidang Penilaian Kinerja", Some("kepala")),
];

#[rustfmt::skip]
const PEGAWAI: [DemoPegawai; 12] = [
    DemoPegawai { kunci: "kepala", nip: "197204152000032001", nama: "Dr. Rina Wulandari", jenis_jabatan: "jpt", jabatan: "Kepala Badan", unit: "kepala", penilai: None, peran: "pegawai" },
    DemoPegawai { kunci: "sekretaris", nip: "197811202003121002", nama: "Ahmad Fauzi", jenis_jabatan: "administrasi", jabatan: "Sekretaris", unit: "sekretariat", penilai: Some("kepala"), peran: "pegawai" },
    DemoPegawai { kunci: "kabid1", nip: "198001102005012003", nama: "Siti Rahmawati", jenis_jabatan: "administrasi", jabatan: "Kepala Bidang Pengembangan Kompetensi", unit: "pengembangan", penilai: Some("kepala"), peran: "pegawai" },
    DemoPegawai { kunci: "kabid2", nip: "198206252006041001", nama: "Budi Santoso", jenis_jabatan: "administrasi", jabatan: "Kepala Bidang Penilaian Kinerja", unit: "penilaian", penilai: Some("kepala"), peran: "pegawai" },
    DemoPegawai { kunci: "admin", nip: "199003152015032004", nama: "Dewi Lestari", jenis_jabatan: "pelaksana", jabatan: "Pengelola Data Kepegawaian", unit: "sekretariat", penilai: Some("sekretaris"), peran: "admin_instansi" },
    DemoPegawai { kunci: "staf1", nip: "199205082019031005", nama: "Rizky Pratama", jenis_jabatan: "pelaksana", jabatan: "Pengadministrasi Umum", unit: "sekretariat", penilai: Some("sekretaris"), peran: "pegawai" },
    DemoPegawai { kunci: "staf2", nip: "198811232014022006", nama: "Nur Aisyah", jenis_jabatan: "fungsional", jabatan: "Analis SDM Aparatur Ahli Pertama", unit: "pengembangan", penilai: Some("kabid1"), peran: "pegawai" },
    DemoPegawai { kunci: "staf3", nip: "199107172017011007", nama: "Agus Setiawan", jenis_jabatan: "fungsional", jabatan: "Widyaiswara Ahli Muda", unit: "pengembangan", penilai: Some("kabid1"), peran: "pegawai" },
    DemoPegawai { kunci: "staf4", nip: "199512302022032008", nama: "Putri Maharani", jenis_jabatan: "pelaksana", jabatan: "Pengolah Data Pelatihan", unit: "pengembangan", penilai: Some("kabid1"), peran: "pegawai" },
    DemoPegawai { kunci: "staf5", nip: "198709142012121009", nama: "Hendra Gunawan", jenis_jabatan: "fungsional", jabatan: "Analis Kinerja Ahli Pertama", unit: "penilaian", penilai: Some("kabid2"), peran: "pegawai" },
    DemoPegawai { kunci: "staf6", nip: "199402202020122010", nama: "Maya Sari", jenis_jabatan: "pelaksana", jabatan: "Pengelola Data Kinerja", unit: "penilaian", penilai: Some("kabid2"), peran: "pegawai" },
    DemoPegawai { kunci: "staf7", nip: "199606112023211011", nama: "Yusuf Hidayat", jenis_jabatan: "pelaksana", jabatan: "Operator Layanan Operasional (PPPK)", unit: "penilaian", penilai: Some("kabid2"), peran: "pegawai" },
];

/// Seeds the demo instansi in one transaction when no instansi exists yet.
/// Returns whether it seeded.
pub async fn seed_demo_if_empty(db: &Db) -> anyhow::Result<bool> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM instansi").fetch_one(db.pool()).await.context("counting instansi")?;
    if count > 0 {
        return Ok(false);
    }
    let hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let instansi = Uuid::new_v4().to_string();
    let periode = Uuid::new_v4().to_string();
    let unit_id = |k: &str| -> String { format!("{instansi}-unit-{k}") };
    let pegawai_id = |k: &str| -> String { format!("{instansi}-pegawai-{k}") };

    let mut tx = db.pool().begin().await?;
    sqlx::query("INSERT INTO instansi (id, instansi_id, kode, nama) VALUES ($1, $1, $2, $3)")
        .bind(&instansi)
        .bind(DEMO_KODE)
        .bind("Badan Kepegawaian Demo")
        .execute(&mut *tx)
        .await?;
    for (kunci, nama, induk) in UNITS {
        sqlx::query("INSERT INTO unit_kerja (id, instansi_id, induk_id, nama) VALUES ($1, $2, $3, $4)")
            .bind(unit_id(kunci))
            .bind(&instansi)
            .bind(induk.map(unit_id))
            .bind(nama)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO periode (id, instansi_id, tahun, rule_set, siklus, mulai, selesai) \
         VALUES ($1, $2, 2026, 'permenpanrb_6_2022', 'triwulanan', '2026-01-01', '2026-12-31')",
    )
    .bind(&periode)
    .bind(&instansi)
    .execute(&mut *tx)
    .await?;
    for p in &PEGAWAI {
        let jenis = if p.jabatan.contains("(PPPK)") { "pppk" } else { "pns" };
        sqlx::query(
            "INSERT INTO pegawai (id, instansi_id, nip, nama, jenis_pegawai, jenis_jabatan, jabatan, unit_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(pegawai_id(p.kunci))
        .bind(&instansi)
        .bind(p.nip)
        .bind(p.nama)
        .bind(jenis)
        .bind(p.jenis_jabatan)
        .bind(p.jabatan)
        .bind(unit_id(p.unit))
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO akun (pegawai_id, instansi_id, password_hash, peran) VALUES ($1, $2, $3, $4)")
            .bind(pegawai_id(p.kunci))
            .bind(&instansi)
            .bind(&hash)
            .bind(p.peran)
            .execute(&mut *tx)
            .await?;
    }
    for p in &PEGAWAI {
        let atasan_penilai = p.penilai.and_then(|k| PEGAWAI.iter().find(|q| q.kunci == k)).and_then(|q| q.penilai);
        sqlx::query(
            "INSERT INTO atasan (id, instansi_id, periode_id, pegawai_id, penilai_id, atasan_penilai_id, berlaku_mulai) \
             VALUES ($1, $2, $3, $4, $5, $6, '2026-01-01')",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(&instansi)
        .bind(&periode)
        .bind(pegawai_id(p.kunci))
        .bind(p.penilai.map(pegawai_id))
        .bind(atasan_penilai.map(pegawai_id))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await.context("committing the demo seed")?;
    tracing::info!(pegawai = PEGAWAI.len(), "demo instansi seeded");
    Ok(true)
}

/// Prints the demo accounts when the demo instansi exists.
pub async fn print_demo_accounts(db: &Db) -> anyhow::Result<()> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT p.nip, p.nama, p.jabatan, a.peran FROM pegawai p \
         JOIN akun a ON a.pegawai_id = p.id JOIN instansi i ON i.id = p.instansi_id \
         WHERE i.kode = $1 ORDER BY p.nip",
    )
    .bind(DEMO_KODE)
    .fetch_all(db.pool())
    .await
    .context("listing demo accounts")?;
    if rows.is_empty() {
        return Ok(());
    }
    println!("Akun demo / demo accounts (kata sandi / password: {DEMO_PASSWORD}):");
    for (nip, nama, jabatan, peran) in rows {
        let peran = if peran == "admin_instansi" { "  [admin instansi]" } else { "" };
        println!("  NIP {nip}  {nama} — {jabatan}{peran}");
    }
    Ok(())
}
