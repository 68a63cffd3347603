//! Organisation data: the unit tree, pegawai search, periods, the atasan
//! mapping as dated segments, activation codes, and the first admin account.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use domain::api::{
    AtasanHalaman, AtasanItem, Halaman, KodeAktivasi, PegawaiItem, PeriodeView, Segmen, StatusAkun, UnitNode,
};
use domain::nip::{JenisPegawai, Nip};
use domain::periode::{Periode, PeriodeId, SiklusPeriodik};
use domain::rule_set::RuleSet;
use domain::tanggal::Tanggal;
use rand::RngCore;
use sqlx::AnyConnection;
use uuid::Uuid;

use domain::api::PeranAkun;
use domain::error::FieldErrors;
use domain::teks::Teks;

use super::Db;
use super::error::{DbError, DbResult};
use crate::clock;
use crate::password::{self, hash_kode};

pub fn new_id() -> String {
    Uuid::new_v4().to_string()
}

/// A stored code this build does not know: the row cannot be read.
fn tidak_dikenal(kolom: &str, kode: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unknown {kolom} {kode:?}").into())
}

// ---------------------------------------------------------------- units

/// A unit as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnitRow {
    pub id: String,
    pub induk_id: Option<String>,
    pub nama: String,
}

/// The unit tree of an instansi: its roots, children sorted by name.
pub async fn unit_tree(conn: &mut AnyConnection, instansi_id: &str) -> DbResult<Vec<UnitNode>> {
    let units: Vec<UnitRow> =
        sqlx::query_as("SELECT id, induk_id, nama FROM unit_kerja WHERE instansi_id = $1 ORDER BY nama, id")
            .bind(instansi_id)
            .fetch_all(&mut *conn)
            .await
            .context("reading the units")?;
    let counts: Vec<(String, i64)> =
        sqlx::query_as("SELECT unit_id, COUNT(*) FROM pegawai WHERE instansi_id = $1 GROUP BY unit_id")
            .bind(instansi_id)
            .fetch_all(&mut *conn)
            .await
            .context("counting the pegawai per unit")?;
    let counts: HashMap<String, i64> = counts.into_iter().collect();
    let ids: HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, u) in units.iter().enumerate() {
        match u.induk_id.as_deref().filter(|p| ids.contains(p)) {
            Some(p) => children.entry(p).or_default().push(i),
            None => roots.push(i),
        }
    }
    // Built iteratively from the deepest units up, so a deep tree cannot
    // overflow the stack; units in a cycle of parents are unreachable and left out.
    let mut order = Vec::new();
    let mut stack: Vec<usize> = roots.clone();
    let mut seen = HashSet::new();
    while let Some(i) = stack.pop() {
        if !seen.insert(i) {
            continue;
        }
        order.push(i);
        if let Some(c) = children.get(units[i].id.as_str()) {
            stack.extend(c.iter().copied());
        }
    }
    let mut built: HashMap<usize, UnitNode> = HashMap::new();
    for &i in order.iter().rev() {
        let u = &units[i];
        let anak =
            children.get(u.id.as_str()).map(|c| c.iter().filter_map(|j| built.remove(j)).collect()).unwrap_or_default();
        let node = UnitNode {
            id: u.id.clone(),
            nama: u.nama.clone(),
            induk_id: u.induk_id.clone(),
            jumlah_pegawai: counts.get(&u.id).copied().unwrap_or(0),
            anak,
        };
        built.insert(i, node);
    }
    Ok(roots.into_iter().filter_map(|i| built.remove(&i)).collect())
}

/// The instansi a unit belongs to, if the unit exists.
pub async fn unit_instansi(conn: &mut AnyConnection, unit_id: &str) -> DbResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT instansi_id FROM unit_kerja WHERE id = $1")
        .bind(unit_id)
        .fetch_optional(conn)
        .await
        .context("reading a unit's instansi")?)
}

// ---------------------------------------------------------------- pegawai

/// A pegawai as the admin's search lists them, with their unit and account.
#[derive(Debug, sqlx::FromRow)]
struct PegawaiStored {
    id: String,
    nip: String,
    nama: String,
    jenis_pegawai: String,
    jenis_jabatan: String,
    jabatan: String,
    unit_id: String,
    unit_nama: String,
    /// Set when the pegawai has an account.
    akun_pegawai_id: Option<String>,
    password_hash: Option<String>,
    peran: Option<String>,
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
fn like_escape(s: &str) -> String {
    s.chars().fold(String::with_capacity(s.len()), |mut out, c| {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

/// Pegawai of an instansi whose name contains `q` (any case) or whose NIP
/// starts with it, in the unit `unit_id` or below; sorted by name then NIP.
pub async fn cari_pegawai(
    conn: &mut AnyConnection,
    instansi_id: &str,
    q: &str,
    unit_id: &str,
    limit: i64,
    offset: i64,
) -> DbResult<Halaman<PegawaiItem>> {
    let q = q.trim();
    let nama_pola = format!("%{}%", like_escape(&q.to_lowercase()));
    let nip_pola = format!("{}%", like_escape(&q.chars().filter(|c| !c.is_whitespace()).collect::<String>()));
    const FROM: &str = "WITH RECURSIVE sub (id) AS ( \
           SELECT id FROM unit_kerja WHERE id = $2 AND instansi_id = $1 \
           UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id) \
         SELECT {cols} FROM pegawai p JOIN unit_kerja u ON u.id = p.unit_id \
         LEFT JOIN akun a ON a.pegawai_id = p.id \
         WHERE p.instansi_id = $1 AND ($2 = '' OR p.unit_id IN (SELECT id FROM sub)) \
           AND ($3 = '' OR LOWER(p.nama) LIKE $4 ESCAPE '\\' OR p.nip LIKE $5 ESCAPE '\\')";
    let count_sql = FROM.replace("{cols}", "COUNT(*)");
    let (total,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(count_sql))
        .bind(instansi_id)
        .bind(unit_id)
        .bind(q)
        .bind(&nama_pola)
        .bind(&nip_pola)
        .fetch_one(&mut *conn)
        .await
        .context("counting the pegawai found")?;
    let list_sql = format!(
        "{} ORDER BY p.nama, p.nip LIMIT $6 OFFSET $7",
        FROM.replace(
            "{cols}",
            "p.id, p.nip, p.nama, p.jenis_pegawai, p.jenis_jabatan, p.jabatan, p.unit_id, u.nama AS unit_nama, \
             a.pegawai_id AS akun_pegawai_id, a.password_hash, a.peran"
        )
    );
    let rows: Vec<PegawaiStored> = sqlx::query_as(sqlx::AssertSqlSafe(list_sql))
        .bind(instansi_id)
        .bind(unit_id)
        .bind(q)
        .bind(&nama_pola)
        .bind(&nip_pola)
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await
        .context("searching pegawai")?;
    let items = rows
        .into_iter()
        .map(|r| {
            let status_akun = match (&r.akun_pegawai_id, &r.password_hash) {
                (None, _) => StatusAkun::TidakAda,
                (Some(_), None) => StatusAkun::BelumAktivasi,
                (Some(_), Some(_)) => StatusAkun::Aktif,
            };
            let peran = match r.peran.as_deref() {
                None => None,
                Some(p) => Some(PeranAkun::parse(p).ok_or_else(|| tidak_dikenal("peran", p))?),
            };
            Ok(PegawaiItem {
                peran,
                id: r.id,
                nip: r.nip,
                nama: r.nama,
                jenis_pegawai: r.jenis_pegawai,
                jenis_jabatan: r.jenis_jabatan,
                jabatan: r.jabatan,
                unit_id: r.unit_id,
                unit_nama: r.unit_nama,
                status_akun,
            })
        })
        .collect::<sqlx::Result<_>>()
        .context("reading the pegawai found")?;
    Ok(Halaman { total, limit, offset, items })
}

/// `$from, $from+1, …` (n of them).
pub fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

// ---------------------------------------------------------------- the import's bulk reads and writes

/// Locks the instansi row for the rest of the transaction (on PostgreSQL
/// this orders imports of one instansi; on SQLite the writer holds the
/// file's write lock already). Returns whether the instansi exists.
pub async fn lock_instansi(conn: &mut AnyConnection, instansi_id: &str) -> DbResult<bool> {
    let n = sqlx::query("UPDATE instansi SET kode = kode WHERE id = $1")
        .bind(instansi_id)
        .execute(&mut *conn)
        .await
        .context("locking the instansi")?
        .rows_affected();
    Ok(n > 0)
}

/// The instansi's name.
pub async fn nama_instansi(conn: &mut AnyConnection, instansi_id: &str) -> DbResult<String> {
    Ok(sqlx::query_scalar("SELECT nama FROM instansi WHERE id = $1")
        .bind(instansi_id)
        .fetch_one(&mut *conn)
        .await
        .context("reading the instansi's name")?)
}

/// The instansi's units, by id.
pub async fn units_by_id(conn: &mut AnyConnection, instansi_id: &str) -> DbResult<Vec<UnitRow>> {
    Ok(sqlx::query_as("SELECT id, induk_id, nama FROM unit_kerja WHERE instansi_id = $1 ORDER BY id")
        .bind(instansi_id)
        .fetch_all(&mut *conn)
        .await
        .context("reading the units")?)
}

pub async fn insert_unit(
    conn: &mut AnyConnection,
    id: &str,
    instansi_id: &str,
    induk_id: Option<&str>,
    nama: &str,
) -> DbResult<()> {
    sqlx::query("INSERT INTO unit_kerja (id, instansi_id, induk_id, nama) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(instansi_id)
        .bind(induk_id)
        .bind(nama)
        .execute(&mut *conn)
        .await
        .context("creating a unit")?;
    Ok(())
}

/// A pegawai as stored (what an import compares its rows with).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PegawaiRow {
    pub id: String,
    pub nip: String,
    pub nama: String,
    pub jenis_pegawai: String,
    pub jenis_jabatan: String,
    pub jabatan: String,
    pub unit_id: String,
}

/// Every pegawai of the instansi.
pub async fn pegawai_instansi_semua(conn: &mut AnyConnection, instansi_id: &str) -> DbResult<Vec<PegawaiRow>> {
    Ok(sqlx::query_as(
        "SELECT id, nip, nama, jenis_pegawai, jenis_jabatan, jabatan, unit_id FROM pegawai WHERE instansi_id = $1",
    )
    .bind(instansi_id)
    .fetch_all(&mut *conn)
    .await
    .context("reading the instansi's pegawai")?)
}

/// A pegawai's NIP, if the pegawai exists.
pub async fn nip_of(conn: &mut AnyConnection, pegawai_id: &str) -> DbResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT nip FROM pegawai WHERE id = $1")
        .bind(pegawai_id)
        .fetch_optional(&mut *conn)
        .await
        .context("reading a pegawai's NIP")?)
}

/// Those of `nips` registered at another instansi than `instansi_id`.
pub async fn nip_instansi_lain(conn: &mut AnyConnection, instansi_id: &str, nips: &[String]) -> DbResult<Vec<String>> {
    let mut found = Vec::new();
    // Within both databases' limits on bound parameters.
    for chunk in nips.chunks(500) {
        let sql =
            format!("SELECT nip FROM pegawai WHERE instansi_id <> $1 AND nip IN ({})", placeholders(2, chunk.len()));
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(instansi_id);
        for n in chunk {
            q = q.bind(n.as_str());
        }
        let rows: Vec<String> = q.fetch_all(&mut *conn).await.context("looking for NIPs of other instansi")?;
        found.extend(rows);
    }
    Ok(found)
}

/// What an import sets on a pegawai.
pub struct DataPegawai<'a> {
    pub nama: &'a str,
    pub jenis_pegawai: &'a str,
    pub jenis_jabatan: &'a str,
    pub jabatan: &'a str,
    pub unit_id: &'a str,
}

pub async fn update_pegawai(conn: &mut AnyConnection, id: &str, p: &DataPegawai<'_>) -> DbResult<()> {
    sqlx::query(
        "UPDATE pegawai SET nama = $1, jenis_pegawai = $2, jenis_jabatan = $3, jabatan = $4, \
         unit_id = $5, version = version + 1 WHERE id = $6",
    )
    .bind(p.nama)
    .bind(p.jenis_pegawai)
    .bind(p.jenis_jabatan)
    .bind(p.jabatan)
    .bind(p.unit_id)
    .bind(id)
    .execute(&mut *conn)
    .await
    .context("updating a pegawai")?;
    Ok(())
}

/// Rows per multi-row INSERT.
pub const INSERT_BATCH: usize = 200;

/// New pegawai, each `[id, instansi_id, nip, nama, jenis_pegawai, jenis_jabatan, jabatan, unit_id]`.
pub async fn insert_pegawai_batch(conn: &mut AnyConnection, rows: &[Vec<Option<String>>]) -> DbResult<()> {
    const HEAD: &str =
        "INSERT INTO pegawai (id, instansi_id, nip, nama, jenis_pegawai, jenis_jabatan, jabatan, unit_id) VALUES ";
    insert_batch(conn, HEAD, rows).await.context("inserting imported pegawai")?;
    Ok(())
}

/// New atasan segments (version 1), each
/// `[id, instansi_id, periode_id, pegawai_id, penilai_id, atasan_penilai_id, berlaku_mulai]`.
pub async fn insert_atasan_batch(conn: &mut AnyConnection, rows: &[Vec<Option<String>>]) -> DbResult<()> {
    const HEAD: &str = "INSERT INTO atasan (id, instansi_id, periode_id, pegawai_id, penilai_id, \
                        atasan_penilai_id, berlaku_mulai) VALUES ";
    insert_batch(conn, HEAD, rows).await.context("inserting imported atasan segments")?;
    Ok(())
}

/// One multi-row INSERT per [`INSERT_BATCH`] rows (text or NULL values).
async fn insert_batch(conn: &mut AnyConnection, head: &str, rows: &[Vec<Option<String>>]) -> sqlx::Result<()> {
    use std::fmt::Write as _;
    for chunk in rows.chunks(INSERT_BATCH) {
        let mut sql = String::with_capacity(head.len() + chunk.len() * 64);
        sql.push_str(head);
        let mut n = 0;
        for (i, row) in chunk.iter().enumerate() {
            sql.push_str(if i == 0 { "(" } else { ", (" });
            for j in 0..row.len() {
                n += 1;
                let _ = write!(sql, "{}${n}", if j == 0 { "" } else { ", " });
            }
            sql.push(')');
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for row in chunk {
            for v in row {
                q = q.bind(v.as_deref());
            }
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------- periods

/// A period as stored.
#[derive(Debug, sqlx::FromRow)]
struct PeriodeStored {
    id: String,
    instansi_id: String,
    tahun: i64,
    rule_set: String,
    siklus: String,
    mulai: String,
    selesai: String,
    version: i64,
}

const PERIODE_COLS: &str =
    "id, instansi_id, CAST(tahun AS BIGINT) AS tahun, rule_set, siklus, mulai, selesai, version FROM periode";

impl PeriodeStored {
    /// The instansi and the view; a code this build does not know is an error.
    fn parse(self) -> DbResult<(String, PeriodeView)> {
        let rule_set = RuleSet::from_kode(&self.rule_set).ok_or_else(|| tidak_dikenal("rule_set", &self.rule_set))?;
        let siklus = SiklusPeriodik::from_kode(&self.siklus).ok_or_else(|| tidak_dikenal("siklus", &self.siklus))?;
        let view = PeriodeView {
            id: self.id,
            tahun: self.tahun,
            rule_set,
            siklus,
            mulai: self.mulai,
            selesai: self.selesai,
            version: self.version,
        };
        Ok((self.instansi_id, view))
    }
}

pub async fn daftar_periode(conn: &mut AnyConnection, instansi_id: &str) -> DbResult<Vec<PeriodeView>> {
    let rows: Vec<PeriodeStored> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PERIODE_COLS} WHERE instansi_id = $1 ORDER BY tahun DESC"
    )))
    .bind(instansi_id)
    .fetch_all(conn)
    .await
    .context("listing the periods")?;
    rows.into_iter().map(|r| Ok(r.parse()?.1)).collect()
}

/// A period and the instansi it belongs to.
pub async fn periode(conn: &mut AnyConnection, id: &str) -> DbResult<Option<(String, PeriodeView)>> {
    let row: Option<PeriodeStored> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {PERIODE_COLS} WHERE id = $1")))
            .bind(id)
            .fetch_optional(conn)
            .await
            .with_context(|| format!("reading period {id}"))?;
    row.map(PeriodeStored::parse).transpose()
}

/// The period an operation without an explicit one means: the one holding
/// `hari_ini`, else the latest.
pub async fn periode_berjalan(
    conn: &mut AnyConnection,
    instansi_id: &str,
    hari_ini: Tanggal,
) -> DbResult<Option<PeriodeView>> {
    let semua = daftar_periode(conn, instansi_id).await?;
    let hari = hari_ini.to_string();
    let kini = semua.iter().position(|p| p.mulai <= hari && hari <= p.selesai).unwrap_or(0);
    Ok(semua.into_iter().nth(kini))
}

/// Saves a new period; 409 `periode_exists` when the instansi has one for the year.
pub async fn simpan_periode(conn: &mut AnyConnection, instansi_id: &str, p: &Periode) -> DbResult<PeriodeView> {
    let ada: Option<String> = sqlx::query_scalar("SELECT id FROM periode WHERE instansi_id = $1 AND tahun = $2")
        .bind(instansi_id)
        .bind(i64::from(p.tahun()))
        .fetch_optional(&mut *conn)
        .await
        .context("looking for the year's period")?;
    if ada.is_some() {
        return Err(DbError::conflict(
            "periode_exists",
            format!("Periode tahun {} sudah ada.", p.tahun()),
            format!("A period for {} already exists.", p.tahun()),
        ));
    }
    let row = PeriodeView {
        id: p.id().as_str().to_owned(),
        tahun: i64::from(p.tahun()),
        rule_set: p.rule_set(),
        siklus: p.siklus(),
        mulai: p.mulai().to_string(),
        selesai: p.selesai().to_string(),
        version: 1,
    };
    sqlx::query(
        "INSERT INTO periode (id, instansi_id, tahun, rule_set, siklus, mulai, selesai) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&row.id)
    .bind(instansi_id)
    .bind(row.tahun)
    .bind(row.rule_set.kode())
    .bind(row.siklus.kode())
    .bind(&row.mulai)
    .bind(&row.selesai)
    .execute(conn)
    .await
    .context("inserting a period")?;
    Ok(row)
}

// ---------------------------------------------------------------- atasan

/// A segment of the atasan mapping as stored.
#[derive(Debug, sqlx::FromRow)]
struct SegmenStored {
    id: String,
    pegawai_id: String,
    penilai_id: Option<String>,
    atasan_penilai_id: Option<String>,
    berlaku_mulai: String,
    berlaku_sampai: Option<String>,
    version: i64,
}

impl From<SegmenStored> for Segmen {
    fn from(r: SegmenStored) -> Segmen {
        Segmen {
            id: r.id,
            pegawai_id: r.pegawai_id,
            penilai_id: r.penilai_id,
            atasan_penilai_id: r.atasan_penilai_id,
            berlaku_mulai: r.berlaku_mulai,
            berlaku_sampai: r.berlaku_sampai,
            version: r.version,
        }
    }
}

const SEGMEN_COLS: &str =
    "id, pegawai_id, penilai_id, atasan_penilai_id, berlaku_mulai, berlaku_sampai, version FROM atasan";

/// Every segment of a period, by pegawai, earliest first.
pub async fn segmen_periode(conn: &mut AnyConnection, periode_id: &str) -> DbResult<Vec<Segmen>> {
    let rows: Vec<SegmenStored> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {SEGMEN_COLS} WHERE periode_id = $1 ORDER BY pegawai_id, berlaku_mulai"
    )))
    .bind(periode_id)
    .fetch_all(conn)
    .await
    .context("reading a period's atasan mapping")?;
    Ok(rows.into_iter().map(Segmen::from).collect())
}

pub async fn segmen_pegawai(conn: &mut AnyConnection, periode_id: &str, pegawai_id: &str) -> DbResult<Vec<Segmen>> {
    let rows: Vec<SegmenStored> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {SEGMEN_COLS} WHERE periode_id = $1 AND pegawai_id = $2 ORDER BY berlaku_mulai"
    )))
    .bind(periode_id)
    .bind(pegawai_id)
    .fetch_all(conn)
    .await
    .context("reading a pegawai's atasan segments")?;
    Ok(rows.into_iter().map(Segmen::from).collect())
}

/// What setting a pegawai's atasan from date `mulai` does to their segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RencanaSegmen {
    /// The open segment already says so.
    TidakBerubah,
    /// The open segment starts on `mulai` (or later): corrected in place.
    Ubah { id: String },
    /// A transfer: the open segment ends the day before, a new one starts.
    /// The new one continues the version, so the open segment's version
    /// always grows and a client's stale view is caught.
    TutupLaluBuka { id: String, sampai: String, version: i64 },
    /// No open segment: a new one starts.
    Buka,
}

/// Plans the change to a pegawai's segments (`terbuka`: the one without an
/// end). A `mulai` before the open segment's start corrects that segment.
pub fn rencana_segmen(
    terbuka: Option<&Segmen>,
    penilai_id: Option<&str>,
    atasan_penilai_id: Option<&str>,
    mulai: Tanggal,
) -> RencanaSegmen {
    let Some(s) = terbuka else { return RencanaSegmen::Buka };
    if s.penilai_id.as_deref() == penilai_id && s.atasan_penilai_id.as_deref() == atasan_penilai_id {
        return RencanaSegmen::TidakBerubah;
    }
    match Tanggal::parse_iso(&s.berlaku_mulai) {
        Some(awal) if awal < mulai => RencanaSegmen::TutupLaluBuka {
            id: s.id.clone(),
            sampai: mulai.tambah_hari(-1).to_string(),
            version: s.version + 1,
        },
        _ => RencanaSegmen::Ubah { id: s.id.clone() },
    }
}

/// The new segment values of one pegawai in a period.
pub struct SegmenBaru<'a> {
    pub instansi_id: &'a str,
    pub periode_id: &'a str,
    pub pegawai_id: &'a str,
    pub penilai_id: Option<&'a str>,
    pub atasan_penilai_id: Option<&'a str>,
    pub mulai: Tanggal,
}

/// Carries out a plan (one pegawai; the import batches its own inserts).
pub async fn terapkan_rencana(conn: &mut AnyConnection, rencana: &RencanaSegmen, s: &SegmenBaru<'_>) -> DbResult<()> {
    match rencana {
        RencanaSegmen::TidakBerubah => {}
        RencanaSegmen::Ubah { id } => {
            sqlx::query(
                "UPDATE atasan SET penilai_id = $1, atasan_penilai_id = $2, version = version + 1 WHERE id = $3",
            )
            .bind(s.penilai_id)
            .bind(s.atasan_penilai_id)
            .bind(id)
            .execute(&mut *conn)
            .await
            .context("correcting an atasan segment")?;
        }
        RencanaSegmen::TutupLaluBuka { id, sampai, version } => {
            sqlx::query("UPDATE atasan SET berlaku_sampai = $1, version = version + 1 WHERE id = $2")
                .bind(sampai)
                .bind(id)
                .execute(&mut *conn)
                .await
                .context("closing an atasan segment")?;
            buka_segmen(conn, s, *version).await?;
        }
        RencanaSegmen::Buka => buka_segmen(conn, s, 1).await?,
    }
    Ok(())
}

/// Sets one pegawai's atasan from `s.mulai`, on the segments as they are now:
/// 409 when `version` is not the open segment's (`current` holds the
/// segments) or the date lies before what is already set. Returns whether
/// anything changed and the segments after the change.
pub async fn set_atasan(
    conn: &mut AnyConnection,
    s: &SegmenBaru<'_>,
    version: Option<i64>,
    oleh: &Pengubah<'_>,
) -> DbResult<(bool, Vec<Segmen>)> {
    let segmen = segmen_pegawai(conn, s.periode_id, s.pegawai_id).await?;
    let terbuka = segmen.iter().find(|s| s.berlaku_sampai.is_none());
    let mulai = s.mulai.to_string();
    if let (Some(t), Some(v)) = (terbuka, version)
        && t.version != v
    {
        return Err(DbError::Stale(serde_json::to_value(&segmen)?));
    }
    if let Some(t) = terbuka
        && t.berlaku_mulai > mulai
    {
        return Err(DbError::conflict(
            "segment_order",
            format!(
                "Susunan atasan saat ini berlaku sejak {0}; perubahan harus mulai {0} atau sesudahnya.",
                t.berlaku_mulai
            ),
            format!("The current mapping holds from {}; a change must start on or after it.", t.berlaku_mulai),
        ));
    }
    if let Some(sampai) = segmen.iter().filter_map(|s| s.berlaku_sampai.as_deref()).max()
        && terbuka.is_none()
        && sampai >= mulai.as_str()
    {
        return Err(DbError::conflict(
            "segment_order",
            format!("Periode ini sudah diatur sampai {sampai}; mulai sesudahnya."),
            format!("The mapping is set up to {sampai}; start after it."),
        ));
    }
    let rencana = rencana_segmen(terbuka, s.penilai_id, s.atasan_penilai_id, s.mulai);
    if rencana == RencanaSegmen::TidakBerubah {
        return Ok((false, segmen));
    }
    terapkan_rencana(conn, &rencana, s).await?;
    catat_riwayat(conn, &[riwayat_baris(s, terbuka, oleh)]).await?;
    skp_ikut_atasan(conn, s.periode_id, Some(s.pegawai_id)).await?;
    Ok((true, segmen_pegawai(conn, s.periode_id, s.pegawai_id).await?))
}

/// Who changes the atasan mapping, for its history.
#[derive(Clone, Copy, Debug)]
pub struct Pengubah<'a> {
    /// The admin's pegawai id; `None` for the operator's command line.
    pub pegawai_id: Option<&'a str>,
    /// `api`, `impor` or `cli`.
    pub sumber: &'static str,
}

/// One change for `atasan_riwayat` (see the migration).
#[derive(Clone, Debug)]
pub struct RiwayatBaru {
    instansi_id: String,
    periode_id: String,
    pegawai_id: String,
    diubah_oleh: Option<String>,
    sumber: &'static str,
    sebelum: (Option<String>, Option<String>),
    sesudah: (Option<String>, Option<String>),
    berlaku_mulai: String,
}

/// The history row of a change of `s` from the open segment `sebelum`.
pub fn riwayat_baris(s: &SegmenBaru<'_>, sebelum: Option<&Segmen>, oleh: &Pengubah<'_>) -> RiwayatBaru {
    RiwayatBaru {
        instansi_id: s.instansi_id.to_owned(),
        periode_id: s.periode_id.to_owned(),
        pegawai_id: s.pegawai_id.to_owned(),
        diubah_oleh: oleh.pegawai_id.map(str::to_owned),
        sumber: oleh.sumber,
        sebelum: (sebelum.and_then(|x| x.penilai_id.clone()), sebelum.and_then(|x| x.atasan_penilai_id.clone())),
        sesudah: (s.penilai_id.map(str::to_owned), s.atasan_penilai_id.map(str::to_owned)),
        berlaku_mulai: s.mulai.to_string(),
    }
}

/// Appends changes to the mapping's history, in batches (an import records
/// every change it makes), all with one time.
pub async fn catat_riwayat(conn: &mut AnyConnection, rows: &[RiwayatBaru]) -> DbResult<()> {
    const KOLOM: usize = 12;
    let waktu = clock::now();
    // Within both databases' limits on bound parameters.
    for chunk in rows.chunks(500) {
        let mut sql = String::from(
            "INSERT INTO atasan_riwayat (id, instansi_id, periode_id, pegawai_id, diubah_oleh, sumber, waktu, \
             penilai_sebelum, atasan_penilai_sebelum, penilai_sesudah, atasan_penilai_sesudah, berlaku_mulai) VALUES ",
        );
        for i in 0..chunk.len() {
            sql.push_str(if i == 0 { "(" } else { ", (" });
            let n = i * KOLOM;
            let params: Vec<String> = (1..=KOLOM).map(|k| format!("${}", n + k)).collect();
            sql.push_str(&params.join(", "));
            sql.push(')');
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for r in chunk {
            q = q
                .bind(new_id())
                .bind(r.instansi_id.as_str())
                .bind(r.periode_id.as_str())
                .bind(r.pegawai_id.as_str())
                .bind(r.diubah_oleh.as_deref())
                .bind(r.sumber)
                .bind(waktu)
                .bind(r.sebelum.0.as_deref())
                .bind(r.sebelum.1.as_deref())
                .bind(r.sesudah.0.as_deref())
                .bind(r.sesudah.1.as_deref())
                .bind(r.berlaku_mulai.as_str());
        }
        q.execute(&mut *conn).await.context("recording the atasan mapping's history")?;
    }
    Ok(())
}

/// The recorded changes of one pegawai's mapping in a period, newest first.
pub async fn riwayat_atasan(
    conn: &mut AnyConnection,
    periode_id: &str,
    pegawai_id: &str,
) -> DbResult<Vec<domain::api::RiwayatAtasan>> {
    #[derive(sqlx::FromRow)]
    struct Stored {
        diubah_oleh: Option<String>,
        diubah_oleh_nama: Option<String>,
        sumber: String,
        waktu: i64,
        penilai_sebelum: Option<String>,
        atasan_penilai_sebelum: Option<String>,
        penilai_sesudah: Option<String>,
        atasan_penilai_sesudah: Option<String>,
        berlaku_mulai: String,
    }
    let rows: Vec<Stored> = sqlx::query_as(
        "SELECT r.diubah_oleh, p.nama AS diubah_oleh_nama, r.sumber, r.waktu, r.penilai_sebelum, r.atasan_penilai_sebelum, \
         r.penilai_sesudah, r.atasan_penilai_sesudah, r.berlaku_mulai \
         FROM atasan_riwayat r LEFT JOIN pegawai p ON p.id = r.diubah_oleh \
         WHERE r.periode_id = $1 AND r.pegawai_id = $2 ORDER BY r.waktu DESC, r.id",
    )
    .bind(periode_id)
    .bind(pegawai_id)
    .fetch_all(conn)
    .await
    .context("reading the atasan mapping's history")?;
    Ok(rows
        .into_iter()
        .map(|r| domain::api::RiwayatAtasan {
            diubah_oleh: r.diubah_oleh,
            diubah_oleh_nama: r.diubah_oleh_nama,
            sumber: r.sumber,
            waktu: r.waktu,
            penilai_sebelum: r.penilai_sebelum,
            atasan_penilai_sebelum: r.atasan_penilai_sebelum,
            penilai_sesudah: r.penilai_sesudah,
            atasan_penilai_sesudah: r.atasan_penilai_sesudah,
            berlaku_mulai: r.berlaku_mulai,
        })
        .collect())
}

/// Makes the SKPs of a period (of one pegawai, or all) follow the open
/// segment of their pegawai's atasan mapping: after a transfer the new
/// pejabat penilai (and atasan pejabat penilai) is the one who may open,
/// return and approve the SKP — the same person whose queue lists it — and
/// the previous one no longer can. The dated segments keep who it was
/// before. A segment without a penilai leaves the SKP's as it was.
/// Returns how many SKPs changed hands.
pub async fn skp_ikut_atasan(conn: &mut AnyConnection, periode_id: &str, pegawai_id: Option<&str>) -> DbResult<u64> {
    // The open segment of the SKP's pegawai, when it names someone else.
    const SEGMEN: &str = "FROM atasan a WHERE a.periode_id = skp.periode_id AND a.pegawai_id = skp.pegawai_id \
                          AND a.berlaku_sampai IS NULL AND a.penilai_id IS NOT NULL";
    let sql = format!(
        "UPDATE skp SET penilai_id = (SELECT a.penilai_id {SEGMEN}), atasan_penilai_id = (SELECT a.atasan_penilai_id {SEGMEN}) \
         WHERE skp.periode_id = $1 {} AND EXISTS (SELECT 1 {SEGMEN} AND (a.penilai_id <> skp.penilai_id \
         OR a.atasan_penilai_id IS DISTINCT FROM skp.atasan_penilai_id))",
        if pegawai_id.is_some() { "AND skp.pegawai_id = $2" } else { "" }
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(periode_id);
    if let Some(p) = pegawai_id {
        q = q.bind(p);
    }
    Ok(q.execute(conn).await.context("moving SKPs to their new penilai")?.rows_affected())
}

async fn buka_segmen(conn: &mut AnyConnection, s: &SegmenBaru<'_>, version: i64) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO atasan (id, instansi_id, periode_id, pegawai_id, penilai_id, atasan_penilai_id, berlaku_mulai, \
         version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(s.instansi_id)
    .bind(s.periode_id)
    .bind(s.pegawai_id)
    .bind(s.penilai_id)
    .bind(s.atasan_penilai_id)
    .bind(s.mulai.to_string())
    .bind(version)
    .execute(conn)
    .await
    .context("opening an atasan segment")?;
    Ok(())
}

/// The head of the instansi (pimpinan) in a period, who has no pejabat
/// penilai by design: the one pegawai with a `jpt` position in a top unit (a
/// unit without a parent) and no current pejabat penilai. The schema marks
/// no head, so this is the marker; when two or more pegawai fit it, none is
/// taken for the head, so that no missing penilai goes unflagged (the admin
/// maps the others, and the one left is the head).
pub async fn pimpinan(conn: &mut AnyConnection, instansi_id: &str, periode_id: &str) -> DbResult<Option<String>> {
    let calon: Vec<String> = sqlx::query_scalar(
        "SELECT p.id FROM pegawai p JOIN unit_kerja u ON u.id = p.unit_id \
         WHERE p.instansi_id = $1 AND p.jenis_jabatan = 'jpt' AND u.induk_id IS NULL \
         AND NOT EXISTS (SELECT 1 FROM atasan s WHERE s.periode_id = $2 AND s.pegawai_id = p.id \
         AND s.berlaku_sampai IS NULL AND s.penilai_id IS NOT NULL) LIMIT 2",
    )
    .bind(instansi_id)
    .bind(periode_id)
    .fetch_all(&mut *conn)
    .await
    .context("finding the head of the instansi")?;
    Ok(match calon.as_slice() {
        [satu] => Some(satu.clone()),
        _ => None,
    })
}

/// The mapping of a period, paged by pegawai: those without a current
/// pejabat penilai first (the head of the instansi, [`pimpinan`], not among
/// them), then by name and NIP.
pub async fn daftar_atasan(
    conn: &mut AnyConnection,
    instansi_id: &str,
    periode_id: &str,
    limit: i64,
    offset: i64,
) -> DbResult<AtasanHalaman> {
    // 1 for a pegawai with a current pejabat penilai, or the head ($3: none is "").
    const TANPA: &str = "CASE WHEN p.id = $3 OR EXISTS (SELECT 1 FROM atasan s WHERE s.periode_id = $2 \
                         AND s.pegawai_id = p.id AND s.berlaku_sampai IS NULL AND s.penilai_id IS NOT NULL) \
                         THEN 1 ELSE 0 END";
    let kepala = pimpinan(conn, instansi_id, periode_id).await?;
    let kepala_id = kepala.as_deref().unwrap_or_default();
    let (total, ada): (i64, i64) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*), CAST(COALESCE(SUM({TANPA}), 0) AS BIGINT) FROM pegawai p WHERE p.instansi_id = $1"
    )))
    .bind(instansi_id)
    .bind(periode_id)
    .bind(kepala_id)
    .fetch_one(&mut *conn)
    .await
    .context("counting the mapping")?;
    #[derive(sqlx::FromRow)]
    struct Baris {
        id: String,
        nip: String,
        nama: String,
        unit_id: String,
        unit_nama: String,
        ada: i64,
    }
    let halaman: Vec<Baris> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT p.id, p.nip, p.nama, p.unit_id, u.nama AS unit_nama, CAST({TANPA} AS BIGINT) AS ada FROM pegawai p \
         JOIN unit_kerja u ON u.id = p.unit_id WHERE p.instansi_id = $1 \
         ORDER BY ada, p.nama, p.nip LIMIT $4 OFFSET $5"
    )))
    .bind(instansi_id)
    .bind(periode_id)
    .bind(kepala_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await
    .context("reading a page of the mapping")?;
    let mut items = Vec::new();
    if !halaman.is_empty() {
        let sql = format!(
            "SELECT a.id, a.pegawai_id, a.penilai_id, a.atasan_penilai_id, a.berlaku_mulai, a.berlaku_sampai, \
             a.version, pn.nama AS penilai_nama, apn.nama AS atasan_penilai_nama FROM atasan a \
             LEFT JOIN pegawai pn ON pn.id = a.penilai_id LEFT JOIN pegawai apn ON apn.id = a.atasan_penilai_id \
             WHERE a.periode_id = $1 AND a.pegawai_id IN ({}) ORDER BY a.berlaku_mulai",
            placeholders(2, halaman.len())
        );
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(periode_id);
        for h in &halaman {
            query = query.bind(h.id.as_str());
        }
        #[derive(sqlx::FromRow)]
        struct SegmenBernama {
            #[sqlx(flatten)]
            segmen: SegmenStored,
            penilai_nama: Option<String>,
            atasan_penilai_nama: Option<String>,
        }
        let segmen: Vec<SegmenBernama> = query.fetch_all(&mut *conn).await.context("reading the page's segments")?;
        let mut per_pegawai: HashMap<&str, Vec<&SegmenBernama>> = HashMap::new();
        for s in &segmen {
            per_pegawai.entry(s.segmen.pegawai_id.as_str()).or_default().push(s);
        }
        for h in &halaman {
            let base = AtasanItem {
                pegawai_id: h.id.clone(),
                nip: h.nip.clone(),
                nama: h.nama.clone(),
                unit_id: h.unit_id.clone(),
                unit_nama: h.unit_nama.clone(),
                tanpa_penilai: h.ada == 0,
                pimpinan: kepala.as_deref() == Some(h.id.as_str()),
                segmen_id: None,
                penilai_id: None,
                penilai_nama: None,
                atasan_penilai_id: None,
                atasan_penilai_nama: None,
                berlaku_mulai: None,
                berlaku_sampai: None,
                version: None,
            };
            match per_pegawai.get(h.id.as_str()) {
                None => items.push(base),
                Some(list) => {
                    for s in list {
                        let g = &s.segmen;
                        items.push(AtasanItem {
                            segmen_id: Some(g.id.clone()),
                            penilai_id: g.penilai_id.clone(),
                            penilai_nama: s.penilai_nama.clone(),
                            atasan_penilai_id: g.atasan_penilai_id.clone(),
                            atasan_penilai_nama: s.atasan_penilai_nama.clone(),
                            berlaku_mulai: Some(g.berlaku_mulai.clone()),
                            berlaku_sampai: g.berlaku_sampai.clone(),
                            version: Some(g.version),
                            ..base.clone()
                        });
                    }
                }
            }
        }
    }
    Ok(AtasanHalaman { total, tanpa_penilai: total - ada, limit, offset, items })
}

/// The id of the instansi with this code, if any.
pub async fn instansi_by_kode(pool: &sqlx::AnyPool, kode: &str) -> DbResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT id FROM instansi WHERE kode = $1")
        .bind(kode)
        .fetch_optional(pool)
        .await
        .context("looking up an instansi by code")?)
}

/// Whether an instansi with this id exists.
pub async fn instansi_ada(pool: &sqlx::AnyPool, instansi_id: &str) -> DbResult<bool> {
    let row: Option<String> = sqlx::query_scalar("SELECT id FROM instansi WHERE id = $1")
        .bind(instansi_id)
        .fetch_optional(pool)
        .await
        .context("looking up an instansi")?;
    Ok(row.is_some())
}

/// A pegawai's instansi and kind of position.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PegawaiJabatan {
    pub instansi_id: String,
    /// As stored: `jpt`, `administrasi`, …
    pub jenis_jabatan: String,
}

pub async fn pegawai_jabatan<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    pegawai_id: &str,
) -> DbResult<Option<PegawaiJabatan>> {
    Ok(sqlx::query_as("SELECT instansi_id, jenis_jabatan FROM pegawai WHERE id = $1")
        .bind(pegawai_id)
        .fetch_optional(db)
        .await
        .context("reading a pegawai's position")?)
}

/// The instansi of a pegawai, if the pegawai exists.
pub async fn pegawai_instansi(conn: &mut AnyConnection, pegawai_id: &str) -> DbResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT instansi_id FROM pegawai WHERE id = $1")
        .bind(pegawai_id)
        .fetch_optional(conn)
        .await
        .context("reading a pegawai's instansi")?)
}

/// The instansi of a period, if the period exists.
pub async fn periode_instansi<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    periode_id: &str,
) -> DbResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT instansi_id FROM periode WHERE id = $1")
        .bind(periode_id)
        .fetch_optional(db)
        .await
        .context("reading a period's instansi")?)
}

/// What the SKP list shows of a pegawai.
pub async fn pegawai_ringkas<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    id: &str,
) -> DbResult<domain::api::PegawaiRingkas> {
    #[derive(sqlx::FromRow)]
    struct Stored {
        nip: String,
        nama: String,
        jabatan: String,
    }
    let p: Stored = sqlx::query_as("SELECT nip, nama, jabatan FROM pegawai WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
        .with_context(|| format!("reading pegawai {id}"))?;
    Ok(domain::api::PegawaiRingkas { id: id.to_owned(), nip: p.nip, nama: p.nama, jabatan: p.jabatan })
}

/// Who rates a pegawai in a period: the latest segment's penilai (if one is
/// set) and atasan penilai; `None` without a segment.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PenilaiOf {
    pub penilai_id: Option<String>,
    pub atasan_penilai_id: Option<String>,
}

pub async fn penilai_terakhir<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    periode_id: &str,
    pegawai_id: &str,
) -> DbResult<Option<PenilaiOf>> {
    Ok(sqlx::query_as(
        "SELECT penilai_id, atasan_penilai_id FROM atasan WHERE periode_id = $1 AND pegawai_id = $2 \
         ORDER BY berlaku_mulai DESC LIMIT 1",
    )
    .bind(periode_id)
    .bind(pegawai_id)
    .fetch_optional(db)
    .await
    .context("reading a pegawai's penilai")?)
}

/// Who rates a pegawai in a period on `hari` (the server's today): the
/// segment in force that day, the latest one begun by then. A segment dated
/// later (a transfer set ahead) gives its penilai nothing yet. When no
/// segment has begun (a period not yet started), the first one: nobody else
/// could hold the role before it. [`penilai_terakhir`] is the period's last
/// segment, whatever today is (who will approve an SKP plan).
pub async fn penilai_berlaku<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    periode_id: &str,
    pegawai_id: &str,
    hari: domain::tanggal::Tanggal,
) -> DbResult<Option<PenilaiOf>> {
    Ok(sqlx::query_as(
        "SELECT penilai_id, atasan_penilai_id FROM atasan WHERE periode_id = $1 AND pegawai_id = $2 \
         ORDER BY CASE WHEN berlaku_mulai <= $3 THEN 0 ELSE 1 END, \
         CASE WHEN berlaku_mulai <= $3 THEN berlaku_mulai END DESC, berlaku_mulai LIMIT 1",
    )
    .bind(periode_id)
    .bind(pegawai_id)
    .bind(hari.to_string())
    .fetch_optional(db)
    .await
    .context("reading a pegawai's penilai")?)
}

/// Whether the pegawai is someone's pejabat penilai now: a current line of
/// the atasan mapping in one of the instansi's periods (by the index on
/// period and penilai).
pub async fn menilai<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    pegawai_id: &str,
    instansi_id: &str,
) -> DbResult<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM atasan WHERE periode_id IN (SELECT id FROM periode WHERE instansi_id = $2) \
         AND penilai_id = $1 AND instansi_id = $2 AND berlaku_sampai IS NULL",
    )
    .bind(pegawai_id)
    .bind(instansi_id)
    .fetch_one(db)
    .await
    .context("checking whether a pegawai rates anyone")?;
    Ok(n > 0)
}

// ---------------------------------------------------------------- activation

/// The activation-code alphabet: no 0/O and no 1/I, 32 symbols (5 bits each).
pub const ALFABET_KODE: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
pub const PANJANG_KODE: usize = 10;
/// Codes stay valid this long.
pub const MASA_KODE_SECS: i64 = 30 * 24 * 60 * 60;
/// The most pegawai one request may name.
pub const MAKS_AKTIVASI: usize = 10_000;

/// A fresh code: 10 symbols, 50 random bits.
pub fn kode_aktivasi() -> String {
    let mut bytes = [0u8; PANJANG_KODE];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| char::from(ALFABET_KODE[usize::from(b & 31)])).collect()
}

/// A pegawai who may get a code, with their account if they have one.
#[derive(Debug, sqlx::FromRow)]
struct Calon {
    id: String,
    nip: String,
    nama: String,
    instansi_id: String,
    /// Set when the pegawai has an account.
    akun_pegawai_id: Option<String>,
    password_hash: Option<String>,
}

/// Issues one-time codes (stored as hashes only) for the named pegawai of the
/// instansi, or for all of its pegawai who have not set a password yet, and
/// creates their accounts when missing. Returns the codes in clear: the only time.
pub async fn buat_kode_aktivasi(
    conn: &mut AnyConnection,
    kunci_server: &[u8],
    instansi_id: &str,
    pegawai_ids: Option<&[String]>,
) -> DbResult<(Vec<KodeAktivasi>, i64)> {
    const COLS: &str = "SELECT p.id, p.nip, p.nama, p.instansi_id, a.pegawai_id AS akun_pegawai_id, a.password_hash \
                        FROM pegawai p LEFT JOIN akun a ON a.pegawai_id = p.id";
    let calon: Vec<Calon> = match pegawai_ids {
        None => sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{COLS} WHERE p.instansi_id = $1 AND (a.pegawai_id IS NULL OR (a.password_hash IS NULL AND a.aktif = 1))"
        )))
        .bind(instansi_id)
        .fetch_all(&mut *conn)
        .await
        .context("reading the pegawai without a password")?,
        Some(ids) => {
            if ids.len() > MAKS_AKTIVASI {
                return Err(DbError::Invalid(FieldErrors::new().with(
                    "pegawai_ids",
                    Teks::new(
                        format!("Paling banyak {MAKS_AKTIVASI} pegawai sekali minta."),
                        format!("At most {MAKS_AKTIVASI} per request."),
                    ),
                )));
            }
            let mut unik: Vec<&String> = Vec::new();
            let mut seen = HashSet::new();
            for id in ids {
                if seen.insert(id) {
                    unik.push(id);
                }
            }
            let mut found: Vec<Calon> = Vec::with_capacity(unik.len());
            for chunk in unik.chunks(500) {
                let sql = format!("{COLS} WHERE p.id IN ({})", placeholders(1, chunk.len()));
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                for id in chunk {
                    q = q.bind(id.as_str());
                }
                found.extend(q.fetch_all(&mut *conn).await.context("reading the pegawai named")?);
            }
            // Another instansi's pegawai do not exist for this caller.
            found.retain(|c| c.instansi_id == instansi_id);
            if found.len() != unik.len() {
                return Err(DbError::NotFound);
            }
            let mut fields = FieldErrors::new();
            for (i, id) in ids.iter().enumerate() {
                if let Some(c) = found.iter().find(|c| &c.id == id)
                    && c.password_hash.is_some()
                {
                    fields.add(
                        format!("pegawai_ids[{i}]"),
                        Teks::new(
                            "Akun ini sudah diaktifkan (sudah punya kata sandi).",
                            "This account is already activated.",
                        ),
                    );
                }
            }
            if !fields.is_empty() {
                return Err(DbError::Invalid(fields));
            }
            found
        }
    };
    let berakhir = clock::now() + MASA_KODE_SECS;
    let mut hasil = Vec::with_capacity(calon.len());
    for Calon { id, nip, nama, akun_pegawai_id, .. } in calon {
        let kode = kode_aktivasi();
        let hash = hash_kode(kunci_server, &kode);
        if akun_pegawai_id.is_some() {
            sqlx::query(
                "UPDATE akun SET kode_aktivasi_hash = $1, kode_aktivasi_berakhir = $2, version = version + 1 \
                 WHERE pegawai_id = $3",
            )
            .bind(&hash)
            .bind(berakhir)
            .bind(&id)
            .execute(&mut *conn)
            .await
            .context("renewing an activation code")?;
        } else {
            sqlx::query(
                "INSERT INTO akun (pegawai_id, instansi_id, password_hash, peran, kode_aktivasi_hash, \
                 kode_aktivasi_berakhir) VALUES ($1, $2, NULL, 'pegawai', $3, $4)",
            )
            .bind(&id)
            .bind(instansi_id)
            .bind(&hash)
            .bind(berakhir)
            .execute(&mut *conn)
            .await
            .context("creating an account with an activation code")?;
        }
        hasil.push(KodeAktivasi { pegawai_id: id, nip, nama, kode });
    }
    hasil.sort_by(|a, b| (&a.nama, &a.nip).cmp(&(&b.nama, &b.nip)));
    Ok((hasil, berakhir))
}

// ---------------------------------------------------------------- first admin

/// `ekinerja create-admin`: an admin account, with its instansi when new.
#[derive(Debug, Clone)]
pub struct AdminBaru {
    pub kode_instansi: String,
    pub nama_instansi: Option<String>,
    pub nip: String,
    pub nama: String,
    pub super_admin: bool,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminDibuat {
    pub instansi_id: String,
    pub instansi_baru: bool,
    pub pegawai_id: String,
    pub pegawai_baru: bool,
    pub akun_baru: bool,
    pub peran: PeranAkun,
}

/// Creates (or updates) an admin account: the instansi with a top unit and
/// the current year's period when the instansi is new, the pegawai when
/// missing, and the account with its password and role.
pub async fn buat_admin(db: &Db, a: &AdminBaru) -> anyhow::Result<AdminDibuat> {
    let kode = a.kode_instansi.trim();
    if kode.is_empty() || kode.len() > 32 || !kode.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        anyhow::bail!(
            "kode instansi harus 1–32 huruf, angka, '-' atau '_' / the instansi code must be 1–32 letters, digits, '-' or '_'"
        );
    }
    let (nip, jenis) = match Nip::parse_pns(&a.nip) {
        Ok(n) => (n, JenisPegawai::Pns),
        Err(_) => match Nip::parse_pppk(&a.nip) {
            Ok(n) => (n, JenisPegawai::Pppk),
            Err(e) => {
                let t = e.pesan();
                anyhow::bail!("{} / {}", t.id, t.en)
            }
        },
    };
    let nama = a.nama.trim();
    if nama.is_empty() || nama.chars().count() > domain::pegawai::MAKS_NAMA {
        anyhow::bail!("nama wajib diisi, paling banyak 200 karakter / the name is required, at most 200 characters");
    }
    if let Err(t) = domain::password::check_new_password(nip.as_str(), &a.password) {
        anyhow::bail!("{} / {}", t.id, t.en);
    }
    let hash = password::hash(a.password.clone()).await.context("hashing the admin's password")?;
    let peran = if a.super_admin { PeranAkun::SuperAdmin } else { PeranAkun::AdminInstansi };

    let mut tx = db.pool().begin().await.context("beginning the admin's transaction")?;
    let instansi: Option<String> = sqlx::query_scalar("SELECT id FROM instansi WHERE kode = $1")
        .bind(kode)
        .fetch_optional(&mut *tx)
        .await
        .context("looking up the instansi")?;
    let (instansi_id, instansi_baru) = match instansi {
        Some(id) => (id, false),
        None => {
            let Some(nama_instansi) = a.nama_instansi.as_deref().map(str::trim).filter(|n| !n.is_empty()) else {
                anyhow::bail!(
                    "instansi {kode} belum ada; beri --nama-instansi untuk membuatnya / instansi {kode} does not exist; give --nama-instansi to create it"
                );
            };
            let id = new_id();
            sqlx::query("INSERT INTO instansi (id, instansi_id, kode, nama) VALUES ($1, $1, $2, $3)")
                .bind(&id)
                .bind(kode)
                .bind(nama_instansi)
                .execute(&mut *tx)
                .await
                .context("creating the instansi")?;
            sqlx::query("INSERT INTO unit_kerja (id, instansi_id, induk_id, nama) VALUES ($1, $2, NULL, $3)")
                .bind(new_id())
                .bind(&id)
                .bind(nama_instansi)
                .execute(&mut *tx)
                .await
                .context("creating its top unit")?;
            let tahun = clock::hari_ini().tahun();
            let periode = Periode::tahunan(PeriodeId::new(new_id()), tahun, SiklusPeriodik::Triwulanan)
                .context("the current year has a period")?;
            simpan_periode(&mut tx, &id, &periode).await.map_err(|e| anyhow::anyhow!("creating the period: {e}"))?;
            (id, true)
        }
    };
    #[derive(sqlx::FromRow)]
    struct Terdaftar {
        id: String,
        instansi_id: String,
    }
    let pegawai: Option<Terdaftar> = sqlx::query_as("SELECT id, instansi_id FROM pegawai WHERE nip = $1")
        .bind(nip.as_str())
        .fetch_optional(&mut *tx)
        .await
        .context("looking up the NIP")?;
    let (pegawai_id, pegawai_baru) = match pegawai {
        Some(p) if p.instansi_id == instansi_id => (p.id, false),
        Some(_) => anyhow::bail!("NIP ini terdaftar di instansi lain / this NIP is registered at another instansi"),
        None => {
            let root: Option<String> = sqlx::query_scalar(
                "SELECT id FROM unit_kerja WHERE instansi_id = $1 AND induk_id IS NULL ORDER BY id LIMIT 1",
            )
            .bind(&instansi_id)
            .fetch_optional(&mut *tx)
            .await
            .context("finding the top unit")?;
            let unit_id = match root {
                Some(u) => u,
                None => {
                    let u = new_id();
                    let nama_instansi: String = sqlx::query_scalar("SELECT nama FROM instansi WHERE id = $1")
                        .bind(&instansi_id)
                        .fetch_one(&mut *tx)
                        .await
                        .context("reading the instansi's name")?;
                    sqlx::query("INSERT INTO unit_kerja (id, instansi_id, induk_id, nama) VALUES ($1, $2, NULL, $3)")
                        .bind(&u)
                        .bind(&instansi_id)
                        .bind(&nama_instansi)
                        .execute(&mut *tx)
                        .await
                        .context("creating the top unit")?;
                    u
                }
            };
            let id = new_id();
            sqlx::query(
                "INSERT INTO pegawai (id, instansi_id, nip, nama, jenis_pegawai, jenis_jabatan, jabatan, unit_id) \
                 VALUES ($1, $2, $3, $4, $5, 'pelaksana', 'Admin Instansi', $6)",
            )
            .bind(&id)
            .bind(&instansi_id)
            .bind(nip.as_str())
            .bind(nama)
            .bind(jenis.kode())
            .bind(&unit_id)
            .execute(&mut *tx)
            .await
            .context("creating the admin's pegawai")?;
            (id, true)
        }
    };
    let akun: Option<String> = sqlx::query_scalar("SELECT pegawai_id FROM akun WHERE pegawai_id = $1")
        .bind(&pegawai_id)
        .fetch_optional(&mut *tx)
        .await
        .context("looking up the account")?;
    let akun_baru = akun.is_none();
    if akun_baru {
        sqlx::query("INSERT INTO akun (pegawai_id, instansi_id, password_hash, peran) VALUES ($1, $2, $3, $4)")
            .bind(&pegawai_id)
            .bind(&instansi_id)
            .bind(&hash)
            .bind(peran.as_str())
            .execute(&mut *tx)
            .await
            .context("creating the account")?;
    } else {
        sqlx::query(
            "UPDATE akun SET password_hash = $1, peran = $2, aktif = 1, kode_aktivasi_hash = NULL, \
             kode_aktivasi_berakhir = NULL, version = version + 1 WHERE pegawai_id = $3",
        )
        .bind(&hash)
        .bind(peran.as_str())
        .bind(&pegawai_id)
        .execute(&mut *tx)
        .await
        .context("updating the account")?;
    }
    tx.commit().await.context("committing the admin account")?;
    tracing::info!(instansi_id = %instansi_id, pegawai_id = %pegawai_id, instansi_baru, akun_baru, "admin account set");
    Ok(AdminDibuat { instansi_id, instansi_baru, pegawai_id, pegawai_baru, akun_baru, peran })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segmen(mulai: &str, penilai: Option<&str>) -> Segmen {
        Segmen {
            id: "s1".into(),
            pegawai_id: "p".into(),
            penilai_id: penilai.map(str::to_owned),
            atasan_penilai_id: None,
            berlaku_mulai: mulai.into(),
            berlaku_sampai: None,
            version: 1,
        }
    }

    fn tgl(s: &str) -> Tanggal {
        Tanggal::parse_iso(s).unwrap()
    }

    #[test]
    fn a_transfer_closes_the_open_segment_the_day_before_and_a_correction_edits_it() {
        let s = segmen("2026-01-01", Some("a"));
        let table = [
            (Some(&s), Some("a"), tgl("2026-07-01"), RencanaSegmen::TidakBerubah),
            (
                Some(&s),
                Some("b"),
                tgl("2026-07-01"),
                RencanaSegmen::TutupLaluBuka { id: "s1".into(), sampai: "2026-06-30".into(), version: 2 },
            ),
            (Some(&s), Some("b"), tgl("2026-01-01"), RencanaSegmen::Ubah { id: "s1".into() }),
            (Some(&s), None, tgl("2025-12-01"), RencanaSegmen::Ubah { id: "s1".into() }),
            (None, Some("b"), tgl("2026-03-01"), RencanaSegmen::Buka),
        ];
        for (terbuka, penilai, mulai, expected) in table {
            assert_eq!(rencana_segmen(terbuka, penilai, None, mulai), expected, "{penilai:?} {mulai}");
        }
    }

    #[test]
    fn activation_codes_are_ten_unambiguous_symbols() {
        for _ in 0..200 {
            let k = kode_aktivasi();
            assert_eq!(k.len(), PANJANG_KODE);
            assert!(k.chars().all(|c| ALFABET_KODE.contains(&(c as u8))), "{k}");
            assert!(!k.contains(['0', 'O', '1', 'I']), "{k}");
        }
        assert_ne!(kode_aktivasi(), kode_aktivasi());
    }

    #[test]
    fn like_patterns_escape_their_wildcards() {
        assert_eq!(like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
