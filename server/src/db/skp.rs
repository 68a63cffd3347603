//! The `skp` and `skp_versi` tables: the aggregate as JSON with its query
//! columns, and its history (one entry per saved version).

use anyhow::Context as _;
use domain::api::{Akses, PegawaiRingkas, SkpVersion};
use domain::skp::{AksiSkp, Skp, SkpInput, StatusSkp};
use sqlx::{Any, AnyConnection};

use super::error::{DbError, DbResult};
use super::idempotency::KeyRecord;
use crate::clock;

/// One stored SKP.
#[derive(Debug, Clone)]
pub struct SkpRow {
    pub id: String,
    pub instansi_id: String,
    pub periode_id: String,
    pub pegawai_id: String,
    pub penilai_id: String,
    pub atasan_penilai_id: Option<String>,
    pub version: i64,
    pub skp: Skp,
    pub isian: SkpInput,
}

/// An `skp` row as read, its documents still JSON text.
#[derive(Debug, sqlx::FromRow)]
struct Stored {
    id: String,
    instansi_id: String,
    periode_id: String,
    pegawai_id: String,
    penilai_id: String,
    atasan_penilai_id: Option<String>,
    version: i64,
    dokumen: String,
    isian: String,
}

const COLUMNS: &str = "id, instansi_id, periode_id, pegawai_id, penilai_id, atasan_penilai_id, version, dokumen, isian";

impl Stored {
    fn parse(self) -> DbResult<SkpRow> {
        let skp: Skp =
            serde_json::from_str(&self.dokumen).with_context(|| format!("stored SKP {} unreadable", self.id))?;
        let isian: SkpInput =
            serde_json::from_str(&self.isian).with_context(|| format!("stored SKP form {} unreadable", self.id))?;
        Ok(SkpRow {
            id: self.id,
            instansi_id: self.instansi_id,
            periode_id: self.periode_id,
            pegawai_id: self.pegawai_id,
            penilai_id: self.penilai_id,
            atasan_penilai_id: self.atasan_penilai_id,
            version: self.version,
            skp,
            isian,
        })
    }
}

pub async fn find<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, id: &str) -> DbResult<Option<SkpRow>> {
    let raw: Option<Stored> = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM skp WHERE id = $1")))
        .bind(id)
        .fetch_optional(db)
        .await
        .with_context(|| format!("reading SKP {id}"))?;
    raw.map(Stored::parse).transpose()
}

/// The SKP of a pegawai in a period, if they have one.
pub async fn find_for<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    pegawai_id: &str,
) -> DbResult<Option<SkpRow>> {
    let raw: Option<Stored> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM skp WHERE periode_id = $1 AND pegawai_id = $2"
    )))
    .bind(periode_id)
    .bind(pegawai_id)
    .fetch_optional(db)
    .await
    .context("reading a pegawai's SKP of a period")?;
    raw.map(Stored::parse).transpose()
}

/// An SKP with what a view and a change need about its pegawai, in one query.
#[derive(Debug, Clone)]
pub struct SkpLengkap {
    pub row: SkpRow,
    pub pegawai: PegawaiRingkas,
    /// The pegawai's `jenis_jabatan`, as stored.
    pub jenis_jabatan: String,
}

#[derive(Debug, sqlx::FromRow)]
struct StoredLengkap {
    #[sqlx(flatten)]
    skp: Stored,
    nip: String,
    nama: String,
    jabatan: String,
    jenis_jabatan: String,
}

pub async fn find_lengkap<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, id: &str) -> DbResult<Option<SkpLengkap>> {
    let raw: Option<StoredLengkap> = sqlx::query_as(
        "SELECT s.id, s.instansi_id, s.periode_id, s.pegawai_id, s.penilai_id, s.atasan_penilai_id, s.version, \
         s.dokumen, s.isian, p.nip, p.nama, p.jabatan, p.jenis_jabatan \
         FROM skp s JOIN pegawai p ON p.id = s.pegawai_id WHERE s.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
    .with_context(|| format!("reading SKP {id} with its pegawai"))?;
    let Some(r) = raw else { return Ok(None) };
    let row = r.skp.parse()?;
    let pegawai = PegawaiRingkas { id: row.pegawai_id.clone(), nip: r.nip, nama: r.nama, jabatan: r.jabatan };
    Ok(Some(SkpLengkap { row, pegawai, jenis_jabatan: r.jenis_jabatan }))
}

/// One line of a pegawai's own list of SKPs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SkpLine {
    pub id: String,
    pub periode_id: String,
    pub status: String,
    pub version: i64,
}

/// A pegawai's SKPs, of one period or all, by period.
pub async fn list_own<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    pegawai_id: &str,
    periode_id: Option<&str>,
) -> DbResult<Vec<SkpLine>> {
    Ok(sqlx::query_as(
        "SELECT id, periode_id, status, version FROM skp WHERE pegawai_id = $1 AND ($2 IS NULL OR periode_id = $2) ORDER BY periode_id",
    )
    .bind(pegawai_id)
    .bind(periode_id)
    .fetch_all(db)
    .await
    .context("listing a pegawai's SKPs")?)
}

/// One line of a pejabat penilai's queue: a current subordinate and their SKP, if any.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueueLine {
    pub pegawai_id: String,
    pub nip: String,
    pub nama: String,
    pub jabatan: String,
    pub skp_id: Option<String>,
    pub status: Option<String>,
    pub version: Option<i64>,
}

/// The current subordinates of a penilai in a period with their SKPs,
/// submitted first, then in revision, then by name.
pub async fn queue<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    penilai_id: &str,
    instansi_id: &str,
) -> DbResult<Vec<QueueLine>> {
    Ok(sqlx::query_as(
        "SELECT p.id AS pegawai_id, p.nip, p.nama, p.jabatan, s.id AS skp_id, s.status, s.version \
         FROM atasan a JOIN pegawai p ON p.id = a.pegawai_id \
         LEFT JOIN skp s ON s.periode_id = a.periode_id AND s.pegawai_id = a.pegawai_id \
         WHERE a.periode_id = $1 AND a.penilai_id = $2 AND a.instansi_id = $3 AND a.berlaku_sampai IS NULL \
         ORDER BY CASE s.status WHEN 'diajukan' THEN 0 WHEN 'revisi' THEN 1 ELSE 2 END, p.nama",
    )
    .bind(periode_id)
    .bind(penilai_id)
    .bind(instansi_id)
    .fetch_all(db)
    .await
    .context("reading a penilai's queue")?)
}

pub fn json<T: serde::Serialize>(v: &T) -> DbResult<String> {
    Ok(serde_json::to_string(v).context("serialising an SKP")?)
}

/// An SKP's stored JSON columns, serialised before the write job (so the
/// shared writer only runs SQL).
pub struct SkpJson {
    pub dokumen: String,
    pub isian: String,
    pub kelengkapan: String,
}

impl SkpJson {
    pub fn dari(row: &SkpRow) -> DbResult<Self> {
        Ok(SkpJson {
            dokumen: json(&row.skp)?,
            isian: json(&row.isian)?,
            kelengkapan: json(&row.skp.rencana().kelengkapan())?,
        })
    }
}

/// Inserts a new SKP (version 1) and its first history entry.
pub async fn insert(tx: &mut AnyConnection, row: &SkpRow, j: &SkpJson, oleh: &str) -> DbResult<()> {
    let inserted = sqlx::query(
        "INSERT INTO skp (id, instansi_id, periode_id, pegawai_id, penilai_id, atasan_penilai_id, status, version, dokumen, isian, kelengkapan, diubah) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11) ON CONFLICT (periode_id, pegawai_id) DO NOTHING",
    )
    .bind(&row.id)
    .bind(&row.instansi_id)
    .bind(&row.periode_id)
    .bind(&row.pegawai_id)
    .bind(&row.penilai_id)
    .bind(&row.atasan_penilai_id)
    .bind(row.skp.status().kode())
    .bind(&j.dokumen)
    .bind(&j.isian)
    .bind(&j.kelengkapan)
    .bind(clock::now())
    .execute(&mut *tx)
    .await
    .context("inserting an SKP")?
    .rows_affected();
    if inserted == 0 {
        return Err(DbError::conflict(
            "skp_exists",
            "Anda sudah memiliki SKP untuk periode ini.",
            "You already have an SKP for this period.",
        ));
    }
    insert_version(tx, &row.perubahan(), AksiSkp::Create, oleh, &j.dokumen).await
}

/// What an update writes beside the serialised documents: which SKP, the
/// version the change was based on, and the status it leaves.
pub struct Perubahan {
    pub id: String,
    pub instansi_id: String,
    pub version: i64,
    pub status: &'static str,
    /// Who rated it when it was read: a transfer since then (which moves
    /// the SKP to another penilai without a new version) makes the change a
    /// 409, so a decision read before the transfer is not taken after it.
    pub penilai_id: String,
    pub atasan_penilai_id: Option<String>,
}

impl SkpRow {
    pub fn perubahan(&self) -> Perubahan {
        Perubahan {
            id: self.id.clone(),
            instansi_id: self.instansi_id.clone(),
            version: self.version,
            status: self.skp.status().kode(),
            penilai_id: self.penilai_id.clone(),
            atasan_penilai_id: self.atasan_penilai_id.clone(),
        }
    }

    pub fn pihak(&self) -> Pihak<'_> {
        Pihak {
            pegawai_id: &self.pegawai_id,
            penilai_id: &self.penilai_id,
            atasan_penilai_id: self.atasan_penilai_id.as_deref(),
            instansi_id: &self.instansi_id,
        }
    }
}

/// Who an SKP belongs to and who rates it: what authorisation looks at.
#[derive(Clone, Copy, Debug)]
pub struct Pihak<'a> {
    pub pegawai_id: &'a str,
    pub penilai_id: &'a str,
    pub atasan_penilai_id: Option<&'a str>,
    pub instansi_id: &'a str,
}

/// An SKP as stored, its JSON documents unparsed: what a read serves.
#[derive(Debug, Clone)]
pub struct SkpMentah {
    pub id: String,
    pub instansi_id: String,
    pub periode_id: String,
    pub pegawai_id: String,
    pub penilai_id: String,
    pub atasan_penilai_id: Option<String>,
    pub version: i64,
    pub status: String,
    pub dokumen: String,
    pub isian: String,
    /// `None` on rows written before migration 0004.
    pub kelengkapan: Option<String>,
    pub pegawai: PegawaiRingkas,
}

impl SkpMentah {
    pub fn pihak(&self) -> Pihak<'_> {
        Pihak {
            pegawai_id: &self.pegawai_id,
            penilai_id: &self.penilai_id,
            atasan_penilai_id: self.atasan_penilai_id.as_deref(),
            instansi_id: &self.instansi_id,
        }
    }

    /// The `SkpView` JSON for a reader with `akses`, written around the
    /// stored documents without parsing them: they were serialised by this
    /// server when the SKP was written, so they are copied as they are
    /// (checked only to be a JSON object or array). Same JSON, field for
    /// field, as serialising the `SkpView`.
    pub fn view_json(&self, akses: Akses) -> DbResult<String> {
        // Rows from before migration 0004 have no stored kelengkapan: compute it once here.
        let dihitung;
        let kelengkapan = match &self.kelengkapan {
            Some(k) => k.as_str(),
            None => {
                let skp: Skp = serde_json::from_str(&self.dokumen)
                    .with_context(|| format!("stored SKP {} unreadable", self.id))?;
                dihitung = json(&skp.rencana().kelengkapan())?;
                dihitung.as_str()
            }
        };
        let utuh = |what: &str, s: &str| -> DbResult<()> {
            match (s.as_bytes().first(), s.as_bytes().last()) {
                (Some(b'{'), Some(b'}')) | (Some(b'['), Some(b']')) => Ok(()),
                _ => Err(anyhow::anyhow!("stored SKP {}: {what} is not a JSON object or array", self.id).into()),
            }
        };
        utuh("dokumen", &self.dokumen)?;
        utuh("isian", &self.isian)?;
        utuh("kelengkapan", kelengkapan)?;
        let mut out = Vec::with_capacity(self.dokumen.len() + self.isian.len() + kelengkapan.len() + 512);
        let nilai = |out: &mut Vec<u8>, kunci: &str, v: &dyn erased::Tulis| -> DbResult<()> {
            out.extend_from_slice(kunci.as_bytes());
            v.tulis(out).map_err(|e| anyhow::anyhow!("serialising SKP {}: {e}", self.id).into())
        };
        nilai(&mut out, "{\"id\":", &self.id.as_str())?;
        nilai(&mut out, ",\"version\":", &self.version)?;
        nilai(&mut out, ",\"periode_id\":", &self.periode_id.as_str())?;
        nilai(&mut out, ",\"status\":", &self.status.as_str())?;
        nilai(&mut out, ",\"akses\":", &akses)?;
        nilai(&mut out, ",\"pegawai\":", &self.pegawai)?;
        for (kunci, isi) in [(",\"skp\":", &self.dokumen), (",\"isian\":", &self.isian)] {
            out.extend_from_slice(kunci.as_bytes());
            out.extend_from_slice(isi.as_bytes());
        }
        out.extend_from_slice(b",\"kelengkapan\":");
        out.extend_from_slice(kelengkapan.as_bytes());
        out.push(b'}');
        String::from_utf8(out).map_err(|e| anyhow::anyhow!("serialising SKP {}: {e}", self.id).into())
    }
}

/// One JSON value written into a buffer, whatever its type.
mod erased {
    pub trait Tulis {
        fn tulis(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
    }

    impl<T: serde::Serialize> Tulis for T {
        fn tulis(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
            serde_json::to_writer(out, self)
        }
    }
}

/// The largest number of SKPs read by one query (see [`super::baca`]).
pub const BACA_SEKALIGUS: usize = 64;

/// The read query for `n` ids (`n` a power of two up to [`BACA_SEKALIGUS`]).
fn sql_mentah(n: usize) -> String {
    let daftar: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
    format!(
        "SELECT s.id, s.instansi_id, s.periode_id, s.pegawai_id, s.penilai_id, s.atasan_penilai_id, s.version, \
         s.status, s.dokumen, s.isian, s.kelengkapan, p.nip, p.nama, p.jabatan \
         FROM skp s JOIN pegawai p ON p.id = s.pegawai_id WHERE s.id IN ({})",
        daftar.join(", ")
    )
}

/// SKPs with their pegawai, their documents unparsed, in one query; ids not
/// found are missing from the answer. The id list is padded (with its first
/// id) to a power of two, so a connection prepares at most seven shapes of
/// the query.
pub async fn find_mentah_banyak(db: &mut AnyConnection, ids: &[&str]) -> Result<Vec<SkpMentah>, sqlx::Error> {
    use std::sync::OnceLock;
    static SQL: OnceLock<Vec<String>> = OnceLock::new();
    let sql = SQL.get_or_init(|| (0..=BACA_SEKALIGUS.trailing_zeros()).map(|k| sql_mentah(1 << k)).collect());
    let Some(first) = ids.first() else { return Ok(Vec::new()) };
    assert!(ids.len() <= BACA_SEKALIGUS, "at most {BACA_SEKALIGUS} ids per read");
    let n = ids.len().next_power_of_two();
    let mut q = sqlx::query_as::<_, StoredMentah>(sqlx::AssertSqlSafe(sql[n.trailing_zeros() as usize].as_str()));
    for i in 0..n {
        q = q.bind(*ids.get(i).unwrap_or(first));
    }
    Ok(q.fetch_all(db).await?.into_iter().map(StoredMentah::into_mentah).collect())
}

/// A row of the shared read, as the query gives it.
#[derive(Debug, sqlx::FromRow)]
struct StoredMentah {
    id: String,
    instansi_id: String,
    periode_id: String,
    pegawai_id: String,
    penilai_id: String,
    atasan_penilai_id: Option<String>,
    version: i64,
    status: String,
    dokumen: String,
    isian: String,
    kelengkapan: Option<String>,
    nip: String,
    nama: String,
    jabatan: String,
}

impl StoredMentah {
    fn into_mentah(self) -> SkpMentah {
        SkpMentah {
            pegawai: PegawaiRingkas {
                id: self.pegawai_id.clone(),
                nip: self.nip,
                nama: self.nama,
                jabatan: self.jabatan,
            },
            id: self.id,
            instansi_id: self.instansi_id,
            periode_id: self.periode_id,
            pegawai_id: self.pegawai_id,
            penilai_id: self.penilai_id,
            atasan_penilai_id: self.atasan_penilai_id,
            version: self.version,
            status: self.status,
            dokumen: self.dokumen,
            isian: self.isian,
            kelengkapan: self.kelengkapan,
        }
    }
}

/// The head of every insert into an SKP's history (its values follow).
macro_rules! insert_version {
    () => {
        "INSERT INTO skp_versi (skp_id, version, instansi_id, aksi, oleh, status, dokumen, dibuat)"
    };
}

/// Saves a changed SKP, already serialised, with its history entry and the
/// request's answer (`jawaban`, 200) under its idempotency key (`kunci`), if nobody
/// changed the SKP since `p.version`; returns the new version.
///
/// One round trip (it runs on the shared SQLite writer, where every
/// statement is a hand-off to SQLite's thread): SQLite takes the three
/// statements in one query (parameters are numbered across them), each
/// writing only when the one before it did (`changes()`); PostgreSQL takes
/// one statement (the update's `RETURNING` feeds both inserts). A stale
/// version, or a penilai moved by a transfer since the SKP was read, writes
/// nothing; a key stored meanwhile by another request leaves
/// the update undone by the job's savepoint (the job fails).
pub async fn update_json(
    tx: &mut AnyConnection,
    p: &Perubahan,
    j: &SkpJson,
    aksi: AksiSkp,
    oleh: &str,
    kunci: &KeyRecord,
    jawaban: &str,
) -> DbResult<i64> {
    macro_rules! update {
        () => {
            "UPDATE skp SET status = $1, version = $2, dokumen = $3, isian = $4, kelengkapan = $5, diubah = $6 \
             WHERE id = $7 AND version = $8 AND penilai_id = $17 AND atasan_penilai_id IS NOT DISTINCT FROM $18"
        };
    }
    macro_rules! history {
        () => {
            concat!(insert_version!(), " SELECT $7, $2, $9, $10, $11, $1, $3, $6")
        };
    }
    macro_rules! answer {
        () => {
            "INSERT INTO idempotensi (pemilik, kunci, instansi_id, hash_permintaan, status, respons, dibuat) \
             SELECT $12, $13, $14, $15, 200, $16, $6"
        };
    }
    // Rows written when all went through: SQLite counts each statement's, PostgreSQL the last one's.
    let (sql, all) = if tx.backend_name() == "PostgreSQL" {
        let sql = concat!(
            "WITH u AS (",
            update!(),
            " RETURNING id), h AS (",
            history!(),
            " FROM u) ",
            answer!(),
            " FROM u ON CONFLICT (pemilik, kunci) DO NOTHING"
        );
        (sql, 1)
    } else {
        let sql = concat!(
            update!(),
            "; ",
            history!(),
            " WHERE changes() = 1; ",
            answer!(),
            " WHERE changes() = 1 ON CONFLICT (pemilik, kunci) DO NOTHING"
        );
        (sql, 3)
    };
    let next = p.version + 1;
    let written = sqlx::query(sql)
        .bind(p.status)
        .bind(next)
        .bind(&j.dokumen)
        .bind(&j.isian)
        .bind(&j.kelengkapan)
        .bind(clock::now())
        .bind(&p.id)
        .bind(p.version)
        .bind(&p.instansi_id)
        .bind(aksi.kode())
        .bind(oleh)
        .bind(&kunci.owner)
        .bind(&kunci.key)
        .bind(&kunci.instansi_id)
        .bind(&kunci.request_hash)
        .bind(jawaban)
        .bind(&p.penilai_id)
        .bind(&p.atasan_penilai_id)
        .execute(&mut *tx)
        .await
        .with_context(|| format!("saving SKP {}", p.id))?
        .rows_affected();
    if written != all {
        // Nothing written (stale) — or the update without its answer: the key
        // was stored meanwhile; the job fails and its savepoint undoes it, and
        // the middleware replays the answer stored with the key.
        return Err(DbError::conflict(
            "concurrent_update",
            "SKP baru saja diubah orang lain; muat ulang.",
            "The SKP was just changed by someone else; reload.",
        ));
    }
    Ok(next)
}

/// One history entry: `p.version` is the version this entry records.
async fn insert_version(
    tx: &mut AnyConnection,
    p: &Perubahan,
    aksi: AksiSkp,
    oleh: &str,
    dokumen: &str,
) -> DbResult<()> {
    sqlx::query(concat!(insert_version!(), " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"))
        .bind(&p.id)
        .bind(p.version)
        .bind(&p.instansi_id)
        .bind(aksi.kode())
        .bind(oleh)
        .bind(p.status)
        .bind(dokumen)
        .bind(clock::now())
        .execute(&mut *tx)
        .await
        .context("recording an SKP's history")?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
struct StoredHistory {
    version: i64,
    aksi: String,
    oleh: String,
    status: String,
    dibuat: i64,
    dokumen: String,
}

/// The SKP as the last change by `aksi` saved it (`None`: no such change).
pub async fn versi_terakhir_dengan<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    skp_id: &str,
    aksi: AksiSkp,
) -> DbResult<Option<Skp>> {
    let dokumen: Option<(String,)> = sqlx::query_as(
        "SELECT dokumen FROM skp_versi WHERE skp_id = $1 AND aksi IN ($2, $3) ORDER BY version DESC LIMIT 1",
    )
    .bind(skp_id)
    .bind(aksi.kode())
    // Versions written before the actions' names were unified.
    .bind(if aksi == AksiSkp::Return { "return_with_notes" } else { aksi.kode() })
    .fetch_optional(db)
    .await
    .with_context(|| format!("reading the last {} of SKP {skp_id}", aksi.kode()))?;
    dokumen
        .map(|(d,)| serde_json::from_str(&d).with_context(|| format!("a stored version of SKP {skp_id} unreadable")))
        .transpose()
        .map_err(Into::into)
}

/// Every saved version of an SKP, oldest first.
pub async fn versions<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, skp_id: &str) -> DbResult<Vec<SkpVersion>> {
    let rows: Vec<StoredHistory> = sqlx::query_as(
        "SELECT version, aksi, oleh, status, dibuat, dokumen FROM skp_versi WHERE skp_id = $1 ORDER BY version",
    )
    .bind(skp_id)
    .fetch_all(db)
    .await
    .with_context(|| format!("reading the history of SKP {skp_id}"))?;
    rows.into_iter()
        .map(|r| {
            let skp = serde_json::from_str(&r.dokumen)
                .with_context(|| format!("stored version {} of SKP {skp_id} unreadable", r.version))?;
            let aksi = AksiSkp::parse(&r.aksi).with_context(|| {
                format!("stored version {} of SKP {skp_id}: unknown action {:?}", r.version, r.aksi)
            })?;
            let status = StatusSkp::parse(&r.status).with_context(|| {
                format!("stored version {} of SKP {skp_id}: unknown status {:?}", r.version, r.status)
            })?;
            Ok(SkpVersion { version: r.version, aksi, oleh: r.oleh, status, dibuat: r.dibuat, skp })
        })
        .collect()
}
