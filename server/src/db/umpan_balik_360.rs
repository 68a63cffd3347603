//! The 360's tables: `pengaturan_360` (a period's deadline), `penilai_360`
//! (who rates whom) and `jawaban_360` (the answers, apart from the list, so
//! that answering changes nothing a ratee or penilai reads there).
//!
//! No function here reads an answer together with its rater's identity for
//! anyone but that rater ([`tugas`]); the aggregation reads a ratee's
//! answers by an opaque key ([`jawaban_dinilai`]). Error contexts name no
//! rater: a log line must not say who answered.

use anyhow::Context as _;
use domain::api::{Akses, PegawaiRingkas, StatusPenilai360};
use domain::umpan_balik::KelompokPenilai;
use sqlx::{Any, AnyConnection};

use super::error::DbResult;

/// A period's deadline as stored: (ISO date, version).
pub async fn pengaturan<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
) -> DbResult<Option<(String, i64)>> {
    Ok(sqlx::query_as("SELECT batas, version FROM pengaturan_360 WHERE periode_id = $1")
        .bind(periode_id)
        .fetch_optional(db)
        .await
        .context("reading a period's 360 deadline")?)
}

/// Refuses a change once the period's 360 has closed by `hari_ini`, read
/// inside the write (the deadline stored, else the period's last day
/// `akhir`): a change checked before midnight but written after it must not
/// alter what an aggregate already released was made of.
pub async fn tolak_bila_ditutup(
    c: &mut AnyConnection,
    periode_id: &str,
    akhir: domain::tanggal::Tanggal,
    hari_ini: domain::tanggal::Tanggal,
) -> DbResult<()> {
    let batas = pengaturan(&mut *c, periode_id)
        .await?
        .and_then(|(b, _)| domain::tanggal::Tanggal::parse_iso(&b))
        .unwrap_or(akhir);
    if domain::umpan_balik::ditutup(batas, hari_ini) {
        return Err(super::error::DbError::conflict(
            "umpan_balik_360_ditutup",
            "Umpan balik 360 periode ini sudah ditutup; tidak ada yang dapat diubah lagi.",
            "This period's 360 has closed; nothing can change any more.",
        ));
    }
    Ok(())
}

/// Sets the deadline based on `version` (0: none stored yet); `false` when
/// that is not the current version.
pub async fn set_pengaturan(
    c: &mut AnyConnection,
    periode_id: &str,
    instansi_id: &str,
    batas: &str,
    version: i64,
) -> DbResult<bool> {
    let q = if version == 0 {
        sqlx::query(
            "INSERT INTO pengaturan_360 (periode_id, instansi_id, batas, version) VALUES ($1, $2, $3, 1) \
             ON CONFLICT DO NOTHING",
        )
        .bind(periode_id)
        .bind(instansi_id)
        .bind(batas)
    } else {
        sqlx::query(
            "UPDATE pengaturan_360 SET batas = $1, version = version + 1 WHERE periode_id = $2 AND version = $3",
        )
        .bind(batas)
        .bind(periode_id)
        .bind(version)
    };
    Ok(q.execute(c).await.context("setting a period's 360 deadline")?.rows_affected() == 1)
}

/// One rater on a ratee's list, with the rater's name.
#[derive(Debug, Clone)]
pub struct PenilaiRow {
    pub id: String,
    pub instansi_id: String,
    pub periode_id: String,
    /// The ratee.
    pub pegawai_id: String,
    pub penilai: PegawaiRingkas,
    pub kelompok: KelompokPenilai,
    pub status: StatusPenilai360,
    pub diusulkan_oleh: Akses,
    /// The ratee's own proposal of this rater as the ratee sees it (group,
    /// status); `None` when the ratee did not propose them. See migration
    /// 0011 on `usulan_status`.
    pub usulan: Option<(KelompokPenilai, StatusPenilai360)>,
}

#[derive(Debug, sqlx::FromRow)]
struct StoredPenilai {
    id: String,
    instansi_id: String,
    periode_id: String,
    pegawai_id: String,
    penilai_id: String,
    kelompok: String,
    status: String,
    diusulkan_oleh: String,
    usulan_kelompok: Option<String>,
    usulan_status: Option<String>,
    nip: String,
    nama: String,
    jabatan: String,
}

const PENILAI_COLS: &str = "r.id, r.instansi_id, r.periode_id, r.pegawai_id, r.penilai_id, r.kelompok, r.status, \
     r.diusulkan_oleh, r.usulan_kelompok, r.usulan_status, p.nip, p.nama, p.jabatan FROM penilai_360 r JOIN pegawai p ON p.id = r.penilai_id";

pub fn kode_pengusul(a: Akses) -> &'static str {
    if a == Akses::Pegawai { "pegawai" } else { "pejabat_penilai" }
}

impl StoredPenilai {
    fn parse(self) -> DbResult<PenilaiRow> {
        let kelompok = KelompokPenilai::from_kode(&self.kelompok).context("a stored 360 rater's group is unknown")?;
        let status = StatusPenilai360::from_kode(&self.status).context("a stored 360 rater's status is unknown")?;
        let diusulkan_oleh = if self.diusulkan_oleh == "pegawai" { Akses::Pegawai } else { Akses::PejabatPenilai };
        let usulan = match (self.usulan_kelompok, self.usulan_status) {
            (Some(k), Some(s)) => Some((
                KelompokPenilai::from_kode(&k).context("a stored 360 proposal's group is unknown")?,
                StatusPenilai360::from_kode(&s).context("a stored 360 proposal's status is unknown")?,
            )),
            _ => None,
        };
        Ok(PenilaiRow {
            id: self.id,
            instansi_id: self.instansi_id,
            periode_id: self.periode_id,
            pegawai_id: self.pegawai_id,
            penilai: PegawaiRingkas { id: self.penilai_id, nip: self.nip, nama: self.nama, jabatan: self.jabatan },
            kelompok,
            status,
            diusulkan_oleh,
            usulan,
        })
    }
}

/// A ratee's raters in a period, by group, then name, then id: never in
/// the order they were added.
pub async fn daftar<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    pegawai_id: &str,
) -> DbResult<Vec<PenilaiRow>> {
    let rows: Vec<StoredPenilai> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PENILAI_COLS} WHERE r.periode_id = $1 AND r.pegawai_id = $2"
    )))
    .bind(periode_id)
    .bind(pegawai_id)
    .fetch_all(db)
    .await
    .context("reading a ratee's 360 raters")?;
    let mut out = rows.into_iter().map(StoredPenilai::parse).collect::<DbResult<Vec<_>>>()?;
    out.sort_by(|a, b| (a.kelompok, &a.penilai.nama, &a.id).cmp(&(b.kelompok, &b.penilai.nama, &b.id)));
    Ok(out)
}

pub async fn find<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, id: &str) -> DbResult<Option<PenilaiRow>> {
    let row: Option<StoredPenilai> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {PENILAI_COLS} WHERE r.id = $1")))
            .bind(id)
            .fetch_optional(db)
            .await
            .context("reading a 360 rater")?;
    row.map(StoredPenilai::parse).transpose()
}

/// Puts a rater on a ratee's list; `false` when they are on it already.
pub async fn tambah(c: &mut AnyConnection, r: &PenilaiRow) -> DbResult<bool> {
    let (usulan_kelompok, usulan_status) = r.usulan.map(|(k, s)| (k.kode(), s.kode())).unzip();
    let n = sqlx::query(
        "INSERT INTO penilai_360 (id, instansi_id, periode_id, pegawai_id, penilai_id, kelompok, status, \
         diusulkan_oleh, usulan_kelompok, usulan_status) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING",
    )
    .bind(&r.id)
    .bind(&r.instansi_id)
    .bind(&r.periode_id)
    .bind(&r.pegawai_id)
    .bind(&r.penilai.id)
    .bind(r.kelompok.kode())
    .bind(r.status.kode())
    .bind(kode_pengusul(r.diusulkan_oleh))
    .bind(usulan_kelompok)
    .bind(usulan_status)
    .execute(c)
    .await
    .context("adding a 360 rater")?
    .rows_affected();
    Ok(n == 1)
}

/// The ratee proposes rater `r` (a fresh line with `r.usulan` set): puts
/// them on the list, or, when the penilai already set them, marks the
/// penilai's line as also proposed by the ratee. The id of the line the
/// ratee now sees; `None` when the ratee had proposed them already.
pub async fn usulkan(c: &mut AnyConnection, r: &PenilaiRow) -> DbResult<Option<String>> {
    if tambah(&mut *c, r).await? {
        return Ok(Some(r.id.clone()));
    }
    let kelompok = r.usulan.map_or(r.kelompok, |u| u.0);
    let n = sqlx::query(
        "UPDATE penilai_360 SET usulan_kelompok = $1, usulan_status = 'diusulkan' \
         WHERE periode_id = $2 AND pegawai_id = $3 AND penilai_id = $4 AND usulan_status IS NULL",
    )
    .bind(kelompok.kode())
    .bind(&r.periode_id)
    .bind(&r.pegawai_id)
    .bind(&r.penilai.id)
    .execute(&mut *c)
    .await
    .context("proposing a 360 rater")?
    .rows_affected();
    if n != 1 {
        return Ok(None);
    }
    Ok(sqlx::query_scalar("SELECT id FROM penilai_360 WHERE periode_id = $1 AND pegawai_id = $2 AND penilai_id = $3")
        .bind(&r.periode_id)
        .bind(&r.pegawai_id)
        .bind(&r.penilai.id)
        .fetch_optional(c)
        .await
        .context("reading a proposed 360 rater")?)
}

/// The penilai confirms a line (and the ratee's proposal on it): `None`
/// when the line is gone, `Some(true)` when this confirmed a proposal (the
/// rater is to be asked now), `Some(false)` when the rater was asked already.
pub async fn konfirmasi(c: &mut AnyConnection, id: &str) -> DbResult<Option<bool>> {
    let n = sqlx::query(
        "UPDATE penilai_360 SET status = 'dikonfirmasi', \
         usulan_status = CASE WHEN usulan_status IS NULL THEN NULL ELSE 'dikonfirmasi' END \
         WHERE id = $1 AND status = 'diusulkan'",
    )
    .bind(id)
    .execute(&mut *c)
    .await
    .context("confirming a 360 rater")?
    .rows_affected();
    if n == 1 {
        return Ok(Some(true));
    }
    let n = sqlx::query(
        "UPDATE penilai_360 SET usulan_status = CASE WHEN usulan_status IS NULL THEN NULL ELSE 'dikonfirmasi' END \
         WHERE id = $1",
    )
    .bind(id)
    .execute(c)
    .await
    .context("confirming a 360 rater")?
    .rows_affected();
    Ok((n == 1).then_some(false))
}

/// Records that `penilai_id` is asked to rate `pegawai_id` in the period:
/// `true` the first time ever (they are to be told), `false` after.
pub async fn diminta(c: &mut AnyConnection, periode_id: &str, pegawai_id: &str, penilai_id: &str) -> DbResult<bool> {
    let n = sqlx::query(
        "INSERT INTO permintaan_360 (periode_id, pegawai_id, penilai_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(periode_id)
    .bind(pegawai_id)
    .bind(penilai_id)
    .execute(c)
    .await
    .context("recording a 360 request")?
    .rows_affected();
    Ok(n == 1)
}

/// The penilai takes a rater off the list, with their answer if they gave
/// one (the same statements either way); `false` when the line was gone.
pub async fn hapus(c: &mut AnyConnection, id: &str) -> DbResult<bool> {
    sqlx::query("DELETE FROM jawaban_360 WHERE penilai_360_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await
        .context("removing a 360 rater")?;
    let n = sqlx::query("DELETE FROM penilai_360 WHERE id = $1")
        .bind(id)
        .execute(c)
        .await
        .context("removing a 360 rater")?
        .rows_affected();
    Ok(n == 1)
}

/// The ratee withdraws their own proposal while it is not confirmed: the
/// line when they created it, or only their mark on a line the penilai set
/// (that rater stays). `false` when there was no such proposal (any more):
/// confirmed or gone in the meantime. A line with a proposal not yet
/// confirmed has no answer (only confirmed raters answer).
pub async fn tarik_usulan(c: &mut AnyConnection, id: &str) -> DbResult<bool> {
    let n = sqlx::query(
        "DELETE FROM penilai_360 WHERE id = $1 AND status = 'diusulkan' AND diusulkan_oleh = 'pegawai' \
         AND usulan_status = 'diusulkan'",
    )
    .bind(id)
    .execute(&mut *c)
    .await
    .context("withdrawing a 360 proposal")?
    .rows_affected();
    if n == 1 {
        return Ok(true);
    }
    let n = sqlx::query(
        "UPDATE penilai_360 SET usulan_kelompok = NULL, usulan_status = NULL \
         WHERE id = $1 AND diusulkan_oleh = 'pejabat_penilai' AND usulan_status = 'diusulkan'",
    )
    .bind(id)
    .execute(c)
    .await
    .context("withdrawing a 360 proposal")?
    .rows_affected();
    Ok(n == 1)
}

/// One request to a rater, with the rater's own answer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TugasRow {
    pub id: String,
    pub periode_id: String,
    pub pegawai_id: String,
    pub nip: String,
    pub nama: String,
    pub jabatan: String,
    pub kelompok: String,
    pub jawaban_version: Option<i64>,
    pub jawaban_isi: Option<String>,
}

/// The confirmed requests to `penilai_id` (of one period, or all), with
/// their own answers, by period and ratee name.
pub async fn tugas<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    penilai_id: &str,
    instansi_id: &str,
    periode_id: Option<&str>,
    id: Option<&str>,
) -> DbResult<Vec<TugasRow>> {
    Ok(sqlx::query_as(
        "SELECT r.id, r.periode_id, r.pegawai_id, p.nip, p.nama, p.jabatan, r.kelompok, \
         j.version AS jawaban_version, j.isi AS jawaban_isi \
         FROM penilai_360 r JOIN pegawai p ON p.id = r.pegawai_id \
         LEFT JOIN jawaban_360 j ON j.penilai_360_id = r.id \
         WHERE r.penilai_id = $1 AND r.instansi_id = $2 AND r.status = 'dikonfirmasi' \
         AND ($3 IS NULL OR r.periode_id = $3) AND ($4 IS NULL OR r.id = $4) \
         ORDER BY r.periode_id, p.nama, r.id",
    )
    .bind(penilai_id)
    .bind(instansi_id)
    .bind(periode_id)
    .bind(id)
    .fetch_all(db)
    .await
    .context("reading a rater's 360 requests")?)
}

/// Stores the rater's answer to request `t` based on `version` (0: the
/// first); `false` when that is not the current version, or when the line
/// is no longer there and confirmed for that rater (removed in the meantime:
/// the insert is conditional, so a removed line is a stale write, not a
/// foreign-key error).
pub async fn simpan_jawaban(c: &mut AnyConnection, t: &PenilaiRow, version: i64, isi: &str) -> DbResult<bool> {
    let q = if version == 0 {
        sqlx::query(
            "INSERT INTO jawaban_360 (penilai_360_id, instansi_id, periode_id, pegawai_id, kelompok, version, isi) \
             SELECT $1, $2, $3, $4, $5, 1, $6 WHERE EXISTS (SELECT 1 FROM penilai_360 r \
             WHERE r.id = $1 AND r.penilai_id = $7 AND r.status = 'dikonfirmasi') ON CONFLICT DO NOTHING",
        )
        .bind(&t.id)
        .bind(&t.instansi_id)
        .bind(&t.periode_id)
        .bind(&t.pegawai_id)
        .bind(t.kelompok.kode())
        .bind(isi)
        .bind(&t.penilai.id)
    } else {
        sqlx::query("UPDATE jawaban_360 SET isi = $1, version = version + 1 WHERE penilai_360_id = $2 AND version = $3")
            .bind(isi)
            .bind(&t.id)
            .bind(version)
    };
    Ok(q.execute(c).await.context("storing a 360 answer")?.rows_affected() == 1)
}

/// Every answer on a ratee in a period: (opaque key, group, answers JSON),
/// in key order. For the aggregation only. `tanpa` leaves out the answer
/// `tanpa` gave in a group other than atasan (the reader's own answer in an
/// anonymous group, which they could otherwise subtract from the aggregate).
pub async fn jawaban_dinilai<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    pegawai_id: &str,
    tanpa: &str,
) -> DbResult<Vec<(String, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT j.penilai_360_id, j.kelompok, j.isi FROM jawaban_360 j \
         JOIN penilai_360 r ON r.id = j.penilai_360_id AND r.status = 'dikonfirmasi' \
         WHERE j.periode_id = $1 AND j.pegawai_id = $2 AND (r.penilai_id <> $3 OR j.kelompok = 'atasan') \
         ORDER BY j.penilai_360_id",
    )
    .bind(periode_id)
    .bind(pegawai_id)
    .bind(tanpa)
    .fetch_all(db)
    .await
    .context("reading a ratee's 360 answers")?)
}
