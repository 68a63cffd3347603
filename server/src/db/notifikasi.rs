//! The `notifikasi` table: what each person was told, read by them only.

use anyhow::Context as _;
use sqlx::AnyConnection;

use super::DbResult;

/// A notification to store.
#[derive(Debug, Clone)]
pub struct Baru {
    pub instansi_id: String,
    pub penerima_id: String,
    pub jenis: &'static str,
    pub skp_id: Option<String>,
    pub periode_id: String,
    pub dari_id: Option<String>,
    /// Unix milliseconds.
    pub dibuat: i64,
}

/// The notifications of `peristiwa`: one per person
/// [`domain::notifikasi::ATURAN`] names, as `siapa` finds them for this
/// event (`None`: nobody in that place), never the one who caused it (`oleh`).
pub fn kabar(
    peristiwa: domain::notifikasi::Peristiwa,
    siapa: impl Fn(domain::notifikasi::Penerima) -> Option<String>,
    oleh: &str,
    instansi_id: &str,
    periode_id: &str,
    skp_id: Option<&str>,
) -> Vec<Baru> {
    let dibuat = crate::clock::now_ms();
    peristiwa
        .penerima()
        .filter_map(siapa)
        .filter(|penerima| penerima != oleh)
        .map(|penerima_id| Baru {
            instansi_id: instansi_id.to_owned(),
            penerima_id,
            jenis: peristiwa.kode(),
            skp_id: skp_id.map(str::to_owned),
            periode_id: periode_id.to_owned(),
            dari_id: Some(oleh.to_owned()),
            dibuat,
        })
        .collect()
}

/// Stores a notification; one that may be kept once only (the deadline
/// reminder) and is there already is not stored again. With `email` (the
/// server sends e-mail), its e-mail is queued in the same transaction when
/// the person has an address ([`super::email::enqueue`]).
pub async fn tambah(c: &mut AnyConnection, n: &Baru, email: bool) -> DbResult<()> {
    let id = uuid::Uuid::new_v4().to_string();
    let stored = sqlx::query(
        "INSERT INTO notifikasi (id, instansi_id, penerima_id, jenis, skp_id, periode_id, dari_id, dibuat) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(&n.instansi_id)
    .bind(&n.penerima_id)
    .bind(n.jenis)
    .bind(&n.skp_id)
    .bind(&n.periode_id)
    .bind(&n.dari_id)
    .bind(n.dibuat)
    .execute(&mut *c)
    .await
    .context("storing a notification")?;
    if email && stored.rows_affected() == 1 {
        super::email::enqueue(c, &id, &n.penerima_id, n.dibuat).await?;
    }
    Ok(())
}

/// One stored notification, with the name of who did it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Tersimpan {
    pub id: String,
    pub jenis: String,
    pub skp_id: Option<String>,
    pub tahun: i64,
    /// Who did it (their id), and their name.
    pub dari_id: Option<String>,
    pub dari: Option<String>,
    pub dibuat: i64,
    pub dibaca: Option<i64>,
}

/// The newest `batas` notifications of `penerima_id`, newest first.
pub async fn daftar(pool: &sqlx::AnyPool, penerima_id: &str, batas: i64) -> DbResult<Vec<Tersimpan>> {
    Ok(sqlx::query_as(
        "SELECT n.id, n.jenis, n.skp_id, CAST(pr.tahun AS BIGINT) AS tahun, n.dari_id, p.nama AS dari, n.dibuat, \
         n.dibaca FROM notifikasi n JOIN periode pr ON pr.id = n.periode_id LEFT JOIN pegawai p ON p.id = n.dari_id \
         WHERE n.penerima_id = $1 ORDER BY n.dibuat DESC, n.id DESC LIMIT $2",
    )
    .bind(penerima_id)
    .bind(batas)
    .fetch_all(pool)
    .await
    .context("reading notifications")?)
}

pub async fn belum_dibaca(pool: &sqlx::AnyPool, penerima_id: &str) -> DbResult<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM notifikasi WHERE penerima_id = $1 AND dibaca IS NULL")
        .bind(penerima_id)
        .fetch_one(pool)
        .await
        .context("counting unread notifications")?;
    Ok(n)
}

/// Marks `penerima_id`'s notification `id` read, or all of theirs (`None`).
/// Another person's id changes nothing.
pub async fn tandai_dibaca(c: &mut AnyConnection, penerima_id: &str, id: Option<&str>, pada: i64) -> DbResult<u64> {
    let q = match id {
        Some(id) => {
            sqlx::query("UPDATE notifikasi SET dibaca = $1 WHERE penerima_id = $2 AND id = $3 AND dibaca IS NULL")
                .bind(pada)
                .bind(penerima_id)
                .bind(id.to_owned())
        }
        None => sqlx::query("UPDATE notifikasi SET dibaca = $1 WHERE penerima_id = $2 AND dibaca IS NULL")
            .bind(pada)
            .bind(penerima_id),
    };
    Ok(q.execute(c).await.context("marking notifications read")?.rows_affected())
}

/// Whether `penerima_id` was told of `jenis` for `periode_id` (by `dari_id`,
/// when given) since `sejak` (unix ms): a reminder is not repeated.
pub async fn ada_sejak(
    pool: &sqlx::AnyPool,
    penerima_id: &str,
    jenis: &str,
    periode_id: &str,
    dari_id: Option<&str>,
    sejak: i64,
) -> DbResult<bool> {
    let sql = if dari_id.is_some() {
        "SELECT COUNT(*) FROM notifikasi WHERE penerima_id = $1 AND jenis = $2 AND periode_id = $3 \
         AND dibuat >= $4 AND dari_id = $5"
    } else {
        "SELECT COUNT(*) FROM notifikasi WHERE penerima_id = $1 AND jenis = $2 AND periode_id = $3 AND dibuat >= $4"
    };
    let mut q = sqlx::query_as(sql).bind(penerima_id).bind(jenis).bind(periode_id).bind(sejak);
    if let Some(d) = dari_id {
        q = q.bind(d);
    }
    let (n,): (i64,) = q.fetch_one(pool).await.context("looking for an earlier notification")?;
    Ok(n > 0)
}
