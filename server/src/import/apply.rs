//! Applying a checked file in one transaction: all its rows or none, or,
//! when the admin chooses so (`sebagian`), the rows that pass (all of them or
//! none) and a report of those left out. Units are created as needed, pegawai are upserted by NIP (only what changed is
//! written, so a re-import changes nothing), and the atasan mapping of the
//! period is set. A dry run does the same and rolls back, so its counts are
//! exactly what applying would do.
//!
//! The whole file is one job on the database writer ([`Db::write`]): on
//! SQLite other writes queue behind it for its few seconds instead of
//! failing on the file's lock.

use std::collections::HashMap;

use std::sync::Arc;

use domain::api::{Laporan, PeriodeView, Ringkasan, Segmen};
use domain::pegawai::JenisJabatan;
use domain::tanggal::Tanggal;
use domain::teks::Teks;
use sqlx::{AnyConnection, Connection};

use super::{BarisImpor, Konteks, Mentah, baca, periksa};
use crate::db::idempotency::{self as keys, KeyRecord};
use crate::db::org::{self, RencanaSegmen, new_id, rencana_segmen};
use crate::db::{Db, DbError, DbResult};

/// Rows per multi-row INSERT.
const BATCH: usize = org::INSERT_BATCH;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file has {} problems", .0.total)]
    Berkas(Laporan),
    #[error("no such period in this instansi")]
    PeriodeTidakAda,
    /// The database or the write failed (or, with a key, the key was stored
    /// meanwhile by another request): nothing was changed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Db(e.into())
    }
}

impl From<anyhow::Error> for ImportError {
    fn from(e: anyhow::Error) -> Self {
        ImportError::Db(e.into())
    }
}

/// Where and how to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub instansi_id: String,
    /// The period whose atasan mapping to set; `None`: the one running today, else the latest.
    pub periode_id: Option<String>,
    /// False: check and count only, write nothing.
    pub terapkan: bool,
    /// True: apply the rows that pass and leave out the others (and the
    /// rows that depend on them); false (the default): all or nothing.
    pub sebagian: bool,
    /// Today, for a mid-period change of atasan.
    pub hari_ini: Tanggal,
    /// Who imports: the admin (API) or the operator (command line), for the
    /// mapping's history and its checks.
    pub oleh: Importer,
}

/// Who runs an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Importer {
    /// An admin through the API (their pegawai id).
    Admin(String),
    /// The operator on the command line.
    Operator,
}

/// Progress of the apply step: (rows done, rows in all).
pub type Kemajuan = Arc<dyn Fn(u64, u64) + Send + Sync>;

/// Reads, checks and (when `opsi.terapkan`) applies a CSV file in one job on
/// the writer. With `kunci` (a request's Idempotency-Key) the summary is
/// stored as the key's answer in the same write.
pub async fn apply_csv(
    db: &Db,
    opsi: ImportOptions,
    data: Vec<u8>,
    kemajuan: Kemajuan,
    kunci: Option<KeyRecord>,
) -> Result<Ringkasan, ImportError> {
    let mentah = tokio::task::spawn_blocking(move || baca(&data))
        .await
        .map_err(|e| anyhow::anyhow!("reading task: {e}"))?
        .map_err(ImportError::Berkas)?;
    let instansi_id = opsi.instansi_id.clone();
    let hasil = db
        .write(move |c| {
            Box::pin(async move {
                // The file's changes sit in their own savepoint: kept when
                // applying, undone for a dry run or a refused file. The key's
                // answer is written beside it, so a dry run's is kept too.
                let mut sp = c.begin().await?;
                let hasil = apply_in(&mut sp, &opsi, mentah, &*kemajuan).await;
                match &hasil {
                    Ok(_) if opsi.terapkan => sp.commit().await?,
                    _ => sp.rollback().await?,
                }
                match hasil {
                    Ok(r) => {
                        if let Some(k) = &kunci {
                            keys::save_json(c, k, 200, &r).await?;
                        }
                        Ok(Ok(r))
                    }
                    Err(ImportError::Db(e)) => Err(e),
                    Err(e) => Ok(Err(e)),
                }
            })
        })
        .await??;
    if hasil.terapkan {
        tracing::info!(
            instansi_id = %instansi_id,
            baris = hasil.baris,
            dilewati = hasil.baris_dilewati,
            dibuat = hasil.dibuat,
            diubah = hasil.diubah,
            unit_dibuat = hasil.unit_dibuat,
            atasan_diubah = hasil.atasan_diubah,
            "pegawai imported"
        );
    }
    Ok(hasil)
}

async fn apply_in(
    conn: &mut AnyConnection,
    opsi: &ImportOptions,
    mentah: Mentah,
    kemajuan: &(dyn Fn(u64, u64) + Send + Sync),
) -> Result<Ringkasan, ImportError> {
    let instansi_id = opsi.instansi_id.as_str();
    // On PostgreSQL this orders imports of one instansi (on SQLite the writer
    // holds the file's write lock already).
    if !org::lock_instansi(conn, instansi_id).await? {
        return Err(anyhow::anyhow!("unknown instansi").into());
    }
    let periode: Option<PeriodeView> = match &opsi.periode_id {
        Some(id) => match org::periode(conn, id).await? {
            Some((instansi, p)) if instansi == instansi_id => Some(p),
            _ => return Err(ImportError::PeriodeTidakAda),
        },
        None => org::periode_berjalan(conn, instansi_id, opsi.hari_ini).await?,
    };
    let pegawai = org::pegawai_instansi_semua(conn, instansi_id).await?;
    let segmen = match &periode {
        Some(p) => org::segmen_periode(conn, &p.id).await?,
        None => Vec::new(),
    };
    let id_ke_nip: HashMap<&str, &str> = pegawai.iter().map(|p| (p.id.as_str(), p.nip.as_str())).collect();
    let mut terbuka: HashMap<&str, &Segmen> = HashMap::new();
    let mut sampai_terakhir: HashMap<&str, &str> = HashMap::new();
    for s in &segmen {
        match &s.berlaku_sampai {
            None => {
                terbuka.insert(s.pegawai_id.as_str(), s);
            }
            Some(sampai) => {
                let e = sampai_terakhir.entry(s.pegawai_id.as_str()).or_insert(sampai.as_str());
                if sampai.as_str() > *e {
                    *e = sampai.as_str();
                }
            }
        }
    }

    // What the checks need from the database.
    let mut konteks = Konteks::default();
    for p in &pegawai {
        let atasan = terbuka
            .get(p.id.as_str())
            .and_then(|s| s.penilai_id.as_deref())
            .and_then(|id| id_ke_nip.get(id))
            .map(|n| (*n).to_owned());
        konteks.terdaftar.insert(p.nip.clone(), atasan);
        if let Some(j) = JenisJabatan::from_kode(&p.jenis_jabatan) {
            konteks.jabatan_terdaftar.insert(p.nip.clone(), j);
        }
    }
    if let Importer::Admin(id) = &opsi.oleh {
        // An admin of another instansi (a super admin) is in no row of this one.
        konteks.pengimpor = Some(match id_ke_nip.get(id.as_str()) {
            Some(nip) => (*nip).to_owned(),
            None => org::nip_of(conn, id).await?.unwrap_or_default(),
        });
    }
    let asing: Vec<String> = mentah.nip_disebut().into_iter().filter(|n| !konteks.terdaftar.contains_key(n)).collect();
    konteks.instansi_lain.extend(org::nip_instansi_lain(conn, instansi_id, &asing).await?);
    let mut berkas = periksa(mentah, &konteks, opsi.sebagian).map_err(ImportError::Berkas)?;

    let mut r = Ringkasan {
        terapkan: opsi.terapkan,
        baris: berkas.baris.len() + berkas.baris_dilewati,
        sebagian: opsi.sebagian,
        baris_diterapkan: berkas.baris.len(),
        baris_dilewati: berkas.baris_dilewati,
        dilewati: std::mem::take(&mut berkas.dilewati),
        ..Ringkasan::default()
    };
    let total = berkas.baris.len() as u64;

    // Units: resolve every path below the top unit, creating what is missing.
    let mut units = Units::load(conn, instansi_id).await?;
    r.unit_dibuat += units.pastikan_puncak(conn, instansi_id).await?;
    let mut unit_baris = Vec::with_capacity(berkas.baris.len());
    for b in &berkas.baris {
        let (id, dibuat) = units.resolve(conn, instansi_id, &b.unit).await?;
        r.unit_dibuat += dibuat;
        unit_baris.push(id);
    }

    // Pegawai: upsert by NIP, writing only what changed.
    let lama: HashMap<&str, &org::PegawaiRow> = pegawai.iter().map(|p| (p.nip.as_str(), p)).collect();
    let mut nip_ke_id: HashMap<String, String> = pegawai.iter().map(|p| (p.nip.clone(), p.id.clone())).collect();
    let mut baru: Vec<Vec<Option<String>>> = Vec::new();
    for (i, (b, unit_id)) in berkas.baris.iter().zip(&unit_baris).enumerate() {
        match lama.get(b.nip.as_str()) {
            Some(p) => {
                let sama = p.nama == b.nama
                    && p.jenis_pegawai == b.jenis_pegawai.kode()
                    && p.jenis_jabatan == b.jenis_jabatan.kode()
                    && p.jabatan == b.jabatan
                    && &p.unit_id == unit_id;
                if sama {
                    r.tidak_berubah += 1;
                } else {
                    let data = org::DataPegawai {
                        nama: &b.nama,
                        jenis_pegawai: b.jenis_pegawai.kode(),
                        jenis_jabatan: b.jenis_jabatan.kode(),
                        jabatan: &b.jabatan,
                        unit_id,
                    };
                    org::update_pegawai(conn, &p.id, &data).await?;
                    r.diubah += 1;
                }
            }
            None => {
                let id = new_id();
                nip_ke_id.insert(b.nip.as_str().to_owned(), id.clone());
                baru.push(vec![
                    Some(id),
                    Some(instansi_id.to_owned()),
                    Some(b.nip.as_str().to_owned()),
                    Some(b.nama.clone()),
                    Some(b.jenis_pegawai.kode().to_owned()),
                    Some(b.jenis_jabatan.kode().to_owned()),
                    Some(b.jabatan.clone()),
                    Some(unit_id.clone()),
                ]);
                r.dibuat += 1;
                if baru.len() == BATCH {
                    org::insert_pegawai_batch(conn, &std::mem::take(&mut baru)).await?;
                }
            }
        }
        if i % 1000 == 999 {
            kemajuan(i as u64 + 1, total);
        }
    }
    org::insert_pegawai_batch(conn, &baru).await?;
    kemajuan(total, total);

    // The atasan mapping of the period.
    match &periode {
        None => r.peringatan.push(Teks::new(
            "Instansi belum punya periode; kolom nip_atasan tidak diterapkan. Buat periode lalu impor ulang.",
            "The instansi has no period yet; nip_atasan was not applied. Create a period and import again.",
        )),
        Some(p) => {
            r.periode_id = Some(p.id.clone());
            r.atasan_diubah =
                set_atasan(conn, instansi_id, p, opsi, &berkas.baris, &nip_ke_id, &terbuka, &sampai_terakhir).await?;
        }
    }
    Ok(r)
}

#[allow(clippy::too_many_arguments)]
async fn set_atasan(
    conn: &mut AnyConnection,
    instansi_id: &str,
    periode: &PeriodeView,
    opsi: &ImportOptions,
    baris: &[BarisImpor],
    nip_ke_id: &HashMap<String, String>,
    terbuka: &HashMap<&str, &Segmen>,
    sampai_terakhir: &HashMap<&str, &str>,
) -> Result<usize, ImportError> {
    let (Some(mulai), Some(selesai)) = (Tanggal::parse_iso(&periode.mulai), Tanggal::parse_iso(&periode.selesai))
    else {
        return Err(anyhow::anyhow!("period {} has unreadable dates", periode.id).into());
    };
    // A change found now takes effect today (kept within the period).
    let sejak = opsi.hari_ini.max(mulai).min(selesai);
    let oleh = match &opsi.oleh {
        Importer::Admin(id) => org::Pengubah { pegawai_id: Some(id), sumber: "impor" },
        Importer::Operator => org::Pengubah { pegawai_id: None, sumber: "cli" },
    };
    // Every change goes to the mapping's history, in batches.
    let mut riwayat: Vec<org::RiwayatBaru> = Vec::new();
    let atasan_berkas: HashMap<&str, Option<&str>> =
        baris.iter().map(|b| (b.nip.as_str(), b.nip_atasan.as_deref())).collect();
    let id_of = |nip: &str| nip_ke_id.get(nip).map(String::as_str);
    let mut diubah = 0;
    let mut baru: Vec<Vec<Option<String>>> = Vec::new();
    for b in baris {
        let Some(pegawai_id) = id_of(b.nip.as_str()) else { continue };
        let penilai = b.nip_atasan.as_deref().and_then(id_of);
        let atasan_penilai = match b.nip_atasan.as_deref() {
            None => None,
            Some(n) => match atasan_berkas.get(n) {
                Some(a) => a.and_then(id_of),
                None => penilai.and_then(|id| terbuka.get(id)).and_then(|s| s.penilai_id.as_deref()),
            },
        };
        let open = terbuka.get(pegawai_id).copied();
        if open.is_none() && penilai.is_none() && atasan_penilai.is_none() {
            continue;
        }
        let dari = match open {
            Some(s) => sejak.max(Tanggal::parse_iso(&s.berlaku_mulai).unwrap_or(mulai)),
            None => sampai_terakhir
                .get(pegawai_id)
                .and_then(|t| Tanggal::parse_iso(t))
                .map(|t| t.tambah_hari(1).min(selesai))
                .unwrap_or(mulai),
        };
        let rencana = rencana_segmen(open, penilai, atasan_penilai, dari);
        if rencana == RencanaSegmen::TidakBerubah {
            continue;
        }
        let s = org::SegmenBaru {
            instansi_id,
            periode_id: &periode.id,
            pegawai_id,
            penilai_id: penilai,
            atasan_penilai_id: atasan_penilai,
            mulai: dari,
        };
        riwayat.push(org::riwayat_baris(&s, open, &oleh));
        if riwayat.len() == BATCH {
            org::catat_riwayat(conn, &std::mem::take(&mut riwayat)).await?;
        }
        match &rencana {
            RencanaSegmen::TidakBerubah | RencanaSegmen::Ubah { .. } | RencanaSegmen::TutupLaluBuka { .. } => {
                org::terapkan_rencana(conn, &rencana, &s).await?;
            }
            RencanaSegmen::Buka => {
                baru.push(vec![
                    Some(new_id()),
                    Some(instansi_id.to_owned()),
                    Some(periode.id.clone()),
                    Some(pegawai_id.to_owned()),
                    penilai.map(str::to_owned),
                    atasan_penilai.map(str::to_owned),
                    Some(dari.to_string()),
                ]);
                if baru.len() == BATCH {
                    org::insert_atasan_batch(conn, &std::mem::take(&mut baru)).await?;
                }
            }
        }
        diubah += 1;
    }
    org::insert_atasan_batch(conn, &baru).await?;
    org::catat_riwayat(conn, &riwayat).await?;
    if diubah > 0 {
        org::skp_ikut_atasan(conn, &periode.id, None).await?;
    }
    Ok(diubah)
}

/// The instansi's units, by (parent, name).
struct Units {
    by_parent: HashMap<(Option<String>, String), String>,
    /// The top unit: id and name.
    puncak: Option<(String, String)>,
}

impl Units {
    async fn load(conn: &mut AnyConnection, instansi_id: &str) -> DbResult<Units> {
        let rows = org::units_by_id(conn, instansi_id).await?;
        let nama_instansi = org::nama_instansi(conn, instansi_id).await?;
        let roots: Vec<&org::UnitRow> = rows.iter().filter(|r| r.induk_id.is_none()).collect();
        // One root is the top; among several, the one named as the instansi, else the first by id.
        let puncak =
            roots.iter().find(|r| r.nama == nama_instansi).or(roots.first()).map(|r| (r.id.clone(), r.nama.clone()));
        let mut by_parent = HashMap::with_capacity(rows.len());
        for org::UnitRow { id, induk_id, nama } in rows {
            by_parent.entry((induk_id, nama)).or_insert(id);
        }
        Ok(Units { by_parent, puncak })
    }

    /// Creates the top unit (named as the instansi) when there is none.
    async fn pastikan_puncak(&mut self, conn: &mut AnyConnection, instansi_id: &str) -> DbResult<usize> {
        if self.puncak.is_some() {
            return Ok(0);
        }
        let nama = org::nama_instansi(conn, instansi_id).await?;
        let id = new_id();
        org::insert_unit(conn, &id, instansi_id, None, &nama).await?;
        self.by_parent.insert((None, nama.clone()), id.clone());
        self.puncak = Some((id, nama));
        Ok(1)
    }

    /// The id of the unit at `path` below the top unit, and how many units were created.
    async fn resolve(
        &mut self,
        conn: &mut AnyConnection,
        instansi_id: &str,
        path: &[String],
    ) -> DbResult<(String, usize)> {
        let (puncak_id, puncak_nama) = self.puncak.clone().unwrap_or_default();
        let path = match path.split_first() {
            Some((first, rest)) if *first == puncak_nama => rest,
            _ => path,
        };
        let mut kini = puncak_id;
        let mut dibuat = 0;
        for nama in path {
            let key = (Some(kini.clone()), nama.clone());
            kini = match self.by_parent.get(&key) {
                Some(id) => id.clone(),
                None => {
                    let id = new_id();
                    org::insert_unit(conn, &id, instansi_id, Some(&kini), nama).await?;
                    self.by_parent.insert(key, id.clone());
                    dibuat += 1;
                    id
                }
            };
        }
        Ok((kini, dibuat))
    }
}
