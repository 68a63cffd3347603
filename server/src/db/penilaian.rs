//! The evaluation's tables (migration 0012): `penilaian` (the query copy of
//! each rating, with the first one), `penilaian_lama` (0015: a former rule
//! set's numeric rating), `predikat_organisasi` (+ `_versi`),
//! `pengaturan_penilaian`, `finalisasi_distribusi` and `hari_libur`.

use anyhow::Context as _;
use domain::kalender::{HariLibur, JenisLibur};
use domain::tanggal::Tanggal;
use sqlx::{Any, AnyConnection};

use super::error::DbResult;

/// One stored rating.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PenilaianRow {
    pub skp_id: String,
    pub evaluasi: String,
    pub instansi_id: String,
    pub periode_id: String,
    pub pegawai_id: String,
    pub dinilai_oleh: String,
    pub predikat: String,
    pub predikat_awal: String,
    pub isi: String,
    pub isi_awal: String,
    pub perilaku_per_nilai: String,
    pub angka_kredit: Option<String>,
    pub dibuat: i64,
    pub diubah: i64,
}

const PENILAIAN_COLS: &str = "skp_id, evaluasi, instansi_id, periode_id, pegawai_id, dinilai_oleh, predikat, \
                              predikat_awal, isi, isi_awal, perilaku_per_nilai, angka_kredit, dibuat, diubah";

/// Stores a rating: the first one of an SKP's evaluation also as the
/// original (`isi_awal`, `predikat_awal`), a later one over the current only.
pub async fn simpan_penilaian(c: &mut AnyConnection, r: &PenilaianRow) -> DbResult<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO penilaian ({PENILAIAN_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         ON CONFLICT (skp_id, evaluasi) DO UPDATE SET dinilai_oleh = excluded.dinilai_oleh, \
         predikat = excluded.predikat, isi = excluded.isi, perilaku_per_nilai = excluded.perilaku_per_nilai, \
         angka_kredit = excluded.angka_kredit, diubah = excluded.diubah"
    )))
    .bind(&r.skp_id)
    .bind(&r.evaluasi)
    .bind(&r.instansi_id)
    .bind(&r.periode_id)
    .bind(&r.pegawai_id)
    .bind(&r.dinilai_oleh)
    .bind(&r.predikat)
    .bind(&r.predikat_awal)
    .bind(&r.isi)
    .bind(&r.isi_awal)
    .bind(&r.perilaku_per_nilai)
    .bind(&r.angka_kredit)
    .bind(r.dibuat)
    .bind(r.diubah)
    .execute(&mut *c)
    .await
    .with_context(|| format!("storing the rating of SKP {}", r.skp_id))?;
    Ok(())
}

/// The stored ratings of an SKP: of one evaluation, or (`None`) every one.
async fn baca_penilaian<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    skp_id: &str,
    evaluasi: Option<&str>,
) -> DbResult<Vec<PenilaianRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PENILAIAN_COLS} FROM penilaian WHERE skp_id = $1 AND evaluasi = COALESCE($2, evaluasi) \
         ORDER BY evaluasi"
    )))
    .bind(skp_id)
    .bind(evaluasi)
    .fetch_all(db)
    .await
    .with_context(|| format!("reading the ratings of SKP {skp_id}"))?)
}

/// The rating of one evaluation of an SKP.
pub async fn penilaian<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    skp_id: &str,
    evaluasi: &str,
) -> DbResult<Option<PenilaianRow>> {
    Ok(baca_penilaian(db, skp_id, Some(evaluasi)).await?.pop())
}

/// Every rating of an SKP.
pub async fn penilaian_skp<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    skp_id: &str,
) -> DbResult<Vec<PenilaianRow>> {
    baca_penilaian(db, skp_id, None).await
}

/// One stored numeric rating of a former rule set (migration 0015).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PenilaianLamaRow {
    pub skp_id: String,
    pub evaluasi: String,
    pub instansi_id: String,
    pub periode_id: String,
    pub pegawai_id: String,
    pub dinilai_oleh: String,
    pub rule_set: String,
    /// The nilai in hundredths.
    pub nilai_x100: i64,
    pub sebutan: String,
    pub isi: String,
    pub dibuat: i64,
    pub diubah: i64,
}

const PENILAIAN_LAMA_COLS: &str = "skp_id, evaluasi, instansi_id, periode_id, pegawai_id, dinilai_oleh, rule_set, \
                                   nilai_x100, sebutan, isi, dibuat, diubah";

/// Stores a numeric rating (a correction replaces it; `dibuat` stays).
pub async fn simpan_penilaian_lama(c: &mut AnyConnection, r: &PenilaianLamaRow) -> DbResult<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO penilaian_lama ({PENILAIAN_LAMA_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (skp_id, evaluasi) DO UPDATE SET dinilai_oleh = excluded.dinilai_oleh, \
         nilai_x100 = excluded.nilai_x100, sebutan = excluded.sebutan, isi = excluded.isi, diubah = excluded.diubah"
    )))
    .bind(&r.skp_id)
    .bind(&r.evaluasi)
    .bind(&r.instansi_id)
    .bind(&r.periode_id)
    .bind(&r.pegawai_id)
    .bind(&r.dinilai_oleh)
    .bind(&r.rule_set)
    .bind(r.nilai_x100)
    .bind(&r.sebutan)
    .bind(&r.isi)
    .bind(r.dibuat)
    .bind(r.diubah)
    .execute(&mut *c)
    .await
    .with_context(|| format!("storing the numeric rating of SKP {}", r.skp_id))?;
    Ok(())
}

/// The numeric rating of an SKP's evaluation, if any.
pub async fn penilaian_lama<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    skp_id: &str,
    evaluasi: &str,
) -> DbResult<Option<PenilaianLamaRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PENILAIAN_LAMA_COLS} FROM penilaian_lama WHERE skp_id = $1 AND evaluasi = $2"
    )))
    .bind(skp_id)
    .bind(evaluasi)
    .fetch_optional(db)
    .await
    .with_context(|| format!("reading the numeric rating of SKP {skp_id}"))?)
}

/// A numeric rating as its pegawai lists it: with the period's year and the
/// rater's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PenilaianLamaPegawaiRow {
    #[sqlx(flatten)]
    pub row: PenilaianLamaRow,
    pub tahun: i64,
    pub penilai: Option<String>,
}

/// Every numeric rating of `pegawai_id` in `instansi_id` (any period), the
/// latest year first (the caller orders the evaluations within a year).
pub async fn penilaian_lama_pegawai(
    pool: &sqlx::AnyPool,
    instansi_id: &str,
    pegawai_id: &str,
) -> DbResult<Vec<PenilaianLamaPegawaiRow>> {
    Ok(sqlx::query_as(
        "SELECT pl.skp_id, pl.evaluasi, pl.instansi_id, pl.periode_id, pl.pegawai_id, pl.dinilai_oleh, pl.rule_set, \
         pl.nilai_x100, pl.sebutan, pl.isi, pl.dibuat, pl.diubah, CAST(pr.tahun AS BIGINT) AS tahun, \
         p.nama AS penilai FROM penilaian_lama pl JOIN periode pr ON pr.id = pl.periode_id \
         LEFT JOIN pegawai p ON p.id = pl.dinilai_oleh \
         WHERE pl.pegawai_id = $1 AND pl.instansi_id = $2 ORDER BY pr.tahun DESC, pl.skp_id, pl.evaluasi",
    )
    .bind(pegawai_id)
    .bind(instansi_id)
    .fetch_all(pool)
    .await
    .context("reading a pegawai's numeric ratings")?)
}

/// A unit's organisation predikat for one evaluation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PredikatOrganisasiRow {
    pub unit_id: String,
    pub periode_id: String,
    pub evaluasi: String,
    pub instansi_id: String,
    pub predikat: String,
    pub version: i64,
    pub oleh: String,
    pub diubah: i64,
}

const PO_COLS: &str = "unit_id, periode_id, evaluasi, instansi_id, predikat, version, oleh, diubah";

pub async fn predikat_organisasi<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    unit_id: &str,
    periode_id: &str,
    evaluasi: &str,
) -> DbResult<Option<PredikatOrganisasiRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PO_COLS} FROM predikat_organisasi WHERE unit_id = $1 AND periode_id = $2 AND evaluasi = $3"
    )))
    .bind(unit_id)
    .bind(periode_id)
    .bind(evaluasi)
    .fetch_optional(db)
    .await
    .context("reading an organisation predikat")?)
}

/// A unit's organisation predikat of a period, every evaluation.
pub async fn daftar_predikat_organisasi<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    unit_id: &str,
    periode_id: &str,
) -> DbResult<Vec<PredikatOrganisasiRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PO_COLS} FROM predikat_organisasi WHERE unit_id = $1 AND periode_id = $2 ORDER BY evaluasi"
    )))
    .bind(unit_id)
    .bind(periode_id)
    .fetch_all(db)
    .await
    .context("listing a unit's organisation predikat")?)
}

/// Sets a unit's organisation predikat if it is still at version `dasar`
/// (0: not set yet), with its history entry; whether it was written.
pub async fn set_predikat_organisasi(c: &mut AnyConnection, r: &PredikatOrganisasiRow, dasar: i64) -> DbResult<bool> {
    let n = if dasar == 0 {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO predikat_organisasi ({PO_COLS}) VALUES ($1, $2, $3, $4, $5, 1, $6, $7) \
             ON CONFLICT (unit_id, periode_id, evaluasi) DO NOTHING"
        )))
        .bind(&r.unit_id)
        .bind(&r.periode_id)
        .bind(&r.evaluasi)
        .bind(&r.instansi_id)
        .bind(&r.predikat)
        .bind(&r.oleh)
        .bind(r.diubah)
        .execute(&mut *c)
        .await
    } else {
        sqlx::query(
            "UPDATE predikat_organisasi SET predikat = $1, version = $2, oleh = $3, diubah = $4 \
             WHERE unit_id = $5 AND periode_id = $6 AND evaluasi = $7 AND version = $8",
        )
        .bind(&r.predikat)
        .bind(dasar + 1)
        .bind(&r.oleh)
        .bind(r.diubah)
        .bind(&r.unit_id)
        .bind(&r.periode_id)
        .bind(&r.evaluasi)
        .bind(dasar)
        .execute(&mut *c)
        .await
    }
    .context("setting an organisation predikat")?
    .rows_affected();
    if n != 1 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO predikat_organisasi_versi (unit_id, periode_id, evaluasi, version, instansi_id, predikat, oleh, \
         dibuat) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&r.unit_id)
    .bind(&r.periode_id)
    .bind(&r.evaluasi)
    .bind(dasar + 1)
    .bind(&r.instansi_id)
    .bind(&r.predikat)
    .bind(&r.oleh)
    .bind(r.diubah)
    .execute(&mut *c)
    .await
    .context("recording an organisation predikat's history")?;
    Ok(true)
}

/// A period's distribution mode and its version (`None`: never set).
pub async fn pengaturan<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
) -> DbResult<Option<(String, i64)>> {
    Ok(sqlx::query_as("SELECT mode_distribusi, version FROM pengaturan_penilaian WHERE periode_id = $1")
        .bind(periode_id)
        .fetch_optional(db)
        .await
        .context("reading a period's evaluation settings")?)
}

/// Sets a period's distribution mode if still at version `dasar`; whether written.
pub async fn set_pengaturan(
    c: &mut AnyConnection,
    periode_id: &str,
    instansi_id: &str,
    mode: &str,
    dasar: i64,
) -> DbResult<bool> {
    let n = if dasar == 0 {
        sqlx::query(
            "INSERT INTO pengaturan_penilaian (periode_id, instansi_id, mode_distribusi, version) \
             VALUES ($1, $2, $3, 1) ON CONFLICT (periode_id) DO NOTHING",
        )
        .bind(periode_id)
        .bind(instansi_id)
        .bind(mode)
        .execute(&mut *c)
        .await
    } else {
        sqlx::query(
            "UPDATE pengaturan_penilaian SET mode_distribusi = $1, version = $2 WHERE periode_id = $3 AND version = $4",
        )
        .bind(mode)
        .bind(dasar + 1)
        .bind(periode_id)
        .bind(dasar)
        .execute(&mut *c)
        .await
    }
    .context("setting a period's evaluation settings")?
    .rows_affected();
    Ok(n == 1)
}

/// One current subordinate of a penilai, their SKP and its rating for an evaluation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BawahanRow {
    pub pegawai_id: String,
    pub nip: String,
    pub nama: String,
    pub jabatan: String,
    pub skp_id: Option<String>,
    pub status: Option<String>,
    pub version: Option<i64>,
    pub predikat: Option<String>,
    pub predikat_awal: Option<String>,
    /// A former rule set's numeric rating: the nilai in hundredths and its sebutan.
    pub nilai_x100: Option<i64>,
    pub sebutan: Option<String>,
}

/// A penilai's current subordinates in a period, by name.
pub async fn bawahan<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    penilai_id: &str,
    instansi_id: &str,
    evaluasi: &str,
) -> DbResult<Vec<BawahanRow>> {
    Ok(sqlx::query_as(
        "SELECT p.id AS pegawai_id, p.nip, p.nama, p.jabatan, s.id AS skp_id, s.status, s.version, \
         n.predikat, n.predikat_awal, l.nilai_x100, l.sebutan \
         FROM atasan a JOIN pegawai p ON p.id = a.pegawai_id \
         LEFT JOIN skp s ON s.periode_id = a.periode_id AND s.pegawai_id = a.pegawai_id \
         LEFT JOIN penilaian n ON n.skp_id = s.id AND n.evaluasi = $4 \
         LEFT JOIN penilaian_lama l ON l.skp_id = s.id AND l.evaluasi = $4 \
         WHERE a.periode_id = $1 AND a.penilai_id = $2 AND a.instansi_id = $3 AND a.berlaku_sampai IS NULL \
         ORDER BY p.nama, p.id",
    )
    .bind(periode_id)
    .bind(penilai_id)
    .bind(instansi_id)
    .bind(evaluasi)
    .fetch_all(db)
    .await
    .context("reading a penilai's subordinates")?)
}

/// The unit a pegawai belongs to.
pub async fn unit_of<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, pegawai_id: &str) -> DbResult<Option<String>> {
    let r: Option<(String,)> = sqlx::query_as("SELECT unit_id FROM pegawai WHERE id = $1")
        .bind(pegawai_id)
        .fetch_optional(db)
        .await
        .context("reading a pegawai's unit")?;
    Ok(r.map(|(u,)| u))
}

/// Whether the pegawai leads the unit from one level above in the period
/// (RULES.md §2.1.4: the leader above sets a unit's predikat organisasi):
/// they belong to the unit's parent and are the current pejabat penilai or
/// atasan pejabat penilai of someone in the unit. Never a member of the unit itself: the penilai whose
/// distribution the predikat judges would set their own limits (and pass a
/// blocking pattern with "istimewa").
pub async fn atasan_unit<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    pegawai_id: &str,
    unit_id: &str,
) -> DbResult<bool> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM pegawai p JOIN unit_kerja u ON u.id = $2 \
         WHERE p.id = $1 AND u.induk_id IS NOT NULL AND p.unit_id = u.induk_id AND EXISTS \
         (SELECT 1 FROM atasan a JOIN pegawai b ON b.id = a.pegawai_id \
          WHERE a.periode_id = $3 AND (a.penilai_id = p.id OR a.atasan_penilai_id = p.id) \
          AND a.berlaku_sampai IS NULL AND b.unit_id = $2)",
    )
    .bind(pegawai_id)
    .bind(unit_id)
    .bind(periode_id)
    .fetch_one(db)
    .await
    .context("checking a unit's leader above")?;
    Ok(n > 0)
}

/// The units whose leader one level above `pegawai_id` is in a period (the
/// ones [`atasan_unit`] allows), by name: `(id, nama)`.
pub async fn unit_bawahan<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    pegawai_id: &str,
) -> DbResult<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.nama FROM unit_kerja u JOIN pegawai p ON p.id = $1 \
         WHERE u.induk_id IS NOT NULL AND p.unit_id = u.induk_id AND EXISTS \
         (SELECT 1 FROM atasan a JOIN pegawai b ON b.id = a.pegawai_id \
          WHERE a.periode_id = $2 AND (a.penilai_id = p.id OR a.atasan_penilai_id = p.id) \
          AND a.berlaku_sampai IS NULL AND b.unit_id = u.id) \
         ORDER BY u.nama, u.id",
    )
    .bind(pegawai_id)
    .bind(periode_id)
    .fetch_all(db)
    .await
    .context("listing the units a leader sets the predikat of")?)
}

/// A penilai's unit finalised for an evaluation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FinalisasiRow {
    pub periode_id: String,
    pub evaluasi: String,
    pub penilai_id: String,
    pub instansi_id: String,
    pub unit_id: String,
    pub predikat_organisasi: String,
    pub mode_distribusi: String,
    pub jumlah: String,
    pub sesuai_pola: i64,
    pub alasan: Option<String>,
    pub dibuat: i64,
}

const FIN_COLS: &str = "periode_id, evaluasi, penilai_id, instansi_id, unit_id, predikat_organisasi, mode_distribusi, \
                        jumlah, sesuai_pola, alasan, dibuat";

pub async fn finalisasi<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    evaluasi: &str,
    penilai_id: &str,
) -> DbResult<Option<FinalisasiRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FIN_COLS} FROM finalisasi_distribusi WHERE periode_id = $1 AND evaluasi = $2 AND penilai_id = $3"
    )))
    .bind(periode_id)
    .bind(evaluasi)
    .bind(penilai_id)
    .fetch_optional(db)
    .await
    .context("reading a unit's finalisation")?)
}

/// Whether any penilai of the unit finalised the evaluation.
pub async fn unit_difinalisasi<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    unit_id: &str,
    periode_id: &str,
    evaluasi: &str,
) -> DbResult<bool> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM finalisasi_distribusi WHERE unit_id = $1 AND periode_id = $2 AND evaluasi = $3",
    )
    .bind(unit_id)
    .bind(periode_id)
    .bind(evaluasi)
    .fetch_one(db)
    .await
    .context("checking a unit's finalisation")?;
    Ok(n > 0)
}

/// Records a finalisation; `false` when the unit was finalised meanwhile.
pub async fn insert_finalisasi(c: &mut AnyConnection, r: &FinalisasiRow) -> DbResult<bool> {
    let n = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO finalisasi_distribusi ({FIN_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (periode_id, evaluasi, penilai_id) DO NOTHING"
    )))
    .bind(&r.periode_id)
    .bind(&r.evaluasi)
    .bind(&r.penilai_id)
    .bind(&r.instansi_id)
    .bind(&r.unit_id)
    .bind(&r.predikat_organisasi)
    .bind(&r.mode_distribusi)
    .bind(&r.jumlah)
    .bind(r.sesuai_pola)
    .bind(&r.alasan)
    .bind(r.dibuat)
    .execute(&mut *c)
    .await
    .context("recording a unit's finalisation")?
    .rows_affected();
    Ok(n == 1)
}

/// Fails the write job unless the unit's organisation predikat is still at
/// `version` (0: not set), and takes its row lock (on PostgreSQL) for the
/// rest of the transaction: a change waits for this write, then sees it.
pub async fn predikat_organisasi_masih(
    c: &mut AnyConnection,
    unit_id: &str,
    periode_id: &str,
    evaluasi: &str,
    version: i64,
) -> DbResult<()> {
    let sama = if version == 0 {
        predikat_organisasi(&mut *c, unit_id, periode_id, evaluasi).await?.is_none()
    } else {
        sqlx::query(
            "UPDATE predikat_organisasi SET version = version \
             WHERE unit_id = $1 AND periode_id = $2 AND evaluasi = $3 AND version = $4",
        )
        .bind(unit_id)
        .bind(periode_id)
        .bind(evaluasi)
        .bind(version)
        .execute(&mut *c)
        .await
        .context("locking an organisation predikat")?
        .rows_affected()
            == 1
    };
    if !sama {
        return Err(super::DbError::conflict(
            "concurrent_update",
            "Predikat organisasi unit baru saja diubah; muat ulang lalu periksa sebarannya lagi.",
            "The unit's organisation predikat was just changed; reload and check the distribution again.",
        ));
    }
    Ok(())
}

/// Fails the write job unless the SKP is still at `version`, and takes its
/// row lock (on PostgreSQL) for the rest of the transaction: a rating read
/// before is still the one that stands.
pub async fn skp_masih(c: &mut AnyConnection, skp_id: &str, version: i64) -> DbResult<()> {
    let n = sqlx::query("UPDATE skp SET version = version WHERE id = $1 AND version = $2")
        .bind(skp_id)
        .bind(version)
        .execute(&mut *c)
        .await
        .with_context(|| format!("locking SKP {skp_id}"))?
        .rows_affected();
    if n != 1 {
        return Err(super::DbError::conflict(
            "concurrent_update",
            "Penilaian seorang pegawai baru saja diubah; muat ulang.",
            "A rating was just changed; reload.",
        ));
    }
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
struct LiburRow {
    tanggal: String,
    nama: String,
    jenis: String,
    perkiraan: i64,
}

pub fn jenis_libur_kode(j: JenisLibur) -> &'static str {
    match j {
        JenisLibur::LiburNasional => "libur_nasional",
        JenisLibur::CutiBersama => "cuti_bersama",
        JenisLibur::LiburInstansi => "libur_instansi",
    }
}

/// The instansi's own holidays.
pub async fn hari_libur<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    instansi_id: &str,
) -> DbResult<Vec<HariLibur>> {
    let rows: Vec<LiburRow> = sqlx::query_as(
        "SELECT tanggal, nama, jenis, perkiraan FROM hari_libur WHERE instansi_id = $1 ORDER BY tanggal",
    )
    .bind(instansi_id)
    .fetch_all(db)
    .await
    .context("reading the instansi's holidays")?;
    rows.into_iter()
        .map(|r| {
            let tanggal =
                Tanggal::parse_iso(&r.tanggal).with_context(|| format!("a stored holiday {:?}", r.tanggal))?;
            let jenis = match r.jenis.as_str() {
                "libur_nasional" => JenisLibur::LiburNasional,
                "cuti_bersama" => JenisLibur::CutiBersama,
                _ => JenisLibur::LiburInstansi,
            };
            Ok(HariLibur { tanggal, nama: r.nama, jenis, perkiraan: r.perkiraan != 0 })
        })
        .collect()
}

/// Adds holidays to the instansi's calendar (a date already there is
/// replaced), each also to the history with who added it and when.
pub async fn tambah_hari_libur(
    c: &mut AnyConnection,
    instansi_id: &str,
    libur: &[HariLibur],
    oleh: &str,
) -> DbResult<()> {
    let now = crate::clock::now();
    for l in libur {
        sqlx::query(
            "INSERT INTO hari_libur_riwayat (instansi_id, tanggal, nama, jenis, oleh, dibuat) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(instansi_id)
        .bind(l.tanggal.to_string())
        .bind(&l.nama)
        .bind(jenis_libur_kode(l.jenis))
        .bind(oleh)
        .bind(now)
        .execute(&mut *c)
        .await
        .context("recording a holiday's history")?;
        sqlx::query(
            "INSERT INTO hari_libur (instansi_id, tanggal, nama, jenis, perkiraan) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (instansi_id, tanggal) DO UPDATE SET nama = excluded.nama, jenis = excluded.jenis, \
             perkiraan = excluded.perkiraan",
        )
        .bind(instansi_id)
        .bind(l.tanggal.to_string())
        .bind(&l.nama)
        .bind(jenis_libur_kode(l.jenis))
        .bind(i64::from(l.perkiraan))
        .execute(&mut *c)
        .await
        .context("storing a holiday")?;
    }
    Ok(())
}
