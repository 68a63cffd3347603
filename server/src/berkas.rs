//! Evidence files in the object store (`object_store`): the local
//! filesystem under the data folder by default, an S3-compatible bucket by
//! configuration (`EKINERJA_OBJEK=s3://bucket/prefix`, built with the `s3`
//! feature) when several app servers run.
//!
//! An upload is streamed: its first bytes are held until its kind is known
//! ([`JenisBerkas::dari_isi`]), then it goes to the store in parts of
//! [`Berkas::potongan`] bytes (hashed on the way), so a file is never held
//! whole in memory. It is written under a temporary key
//! (`sementara/<uuid>`) and moved to its own key only once whole and of an
//! accepted kind; anything refused or cut off is aborted and deleted. Keys
//! are made of ids only, never of a name a user gave.

use std::sync::Arc;

use anyhow::Context as _;
use axum::body::{Body, Bytes};
use domain::skp::JenisBerkas;
use domain::skp::realisasi::{ArsipDitolak, EKOR_ZIP, direktori_pusat, entri_pertama_zip, periksa_arsip};
use futures_util::StreamExt as _;
use object_store::path::Path;
use object_store::{MultipartUpload, ObjectStore, ObjectStoreExt as _, PutPayload};
use sha2::{Digest, Sha256};

use crate::config::BerkasArgs;

/// The store and the limits of uploads.
#[derive(Clone, Debug)]
pub struct Berkas {
    store: Arc<dyn ObjectStore>,
    /// Every key starts with this (the data folder, or the bucket's prefix).
    akar: Path,
    /// The largest file accepted, in bytes.
    pub maks: u64,
    /// The size of each part sent to the store (the most of a file held in
    /// memory at once, besides its first bytes).
    pub potongan: usize,
    /// The folder of a local store (`None`: a bucket).
    folder: Option<std::path::PathBuf>,
    /// The longest wait for the next bytes of an upload before it is cut off.
    jeda_maks: std::time::Duration,
}

/// Where uploads are written until they are whole.
const SEMENTARA: &str = "sementara";

/// Why an upload was not stored (nothing of it remains).
#[derive(Debug, thiserror::Error)]
pub enum GagalUnggah {
    #[error("larger than the limit")]
    TerlaluBesar,
    #[error("not an accepted kind of file")]
    JenisDitolak,
    #[error("empty")]
    Kosong,
    #[error("the upload was cut off")]
    Terputus,
    #[error("an office document with macros")]
    BerisiMakro,
    #[error(transparent)]
    Store(#[from] anyhow::Error),
}

/// A file stored whole under a temporary key, waiting to be moved to its own.
#[derive(Debug)]
pub struct Diterima {
    pub sementara: Path,
    pub jenis: JenisBerkas,
    pub ukuran: u64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
}

/// A part of the local store: small, so an upload in flight holds little
/// memory (`scripts/bench-upload.sh`: 1.0–1.7 MiB of resident memory per
/// upload in flight, hyper's buffers included; the budget is 2 MiB).
const POTONGAN_LOKAL: usize = 128 * 1024;
/// S3 refuses parts under 5 MiB (but the last).
#[cfg(feature = "s3")]
const POTONGAN_S3: usize = 5 * 1024 * 1024;

impl Berkas {
    /// The store the configuration names: a folder (created when missing),
    /// or with the `s3` feature an `s3://bucket/prefix` URL whose
    /// credentials, region and endpoint come from the usual `AWS_*`
    /// variables (`AWS_ENDPOINT` for an S3-compatible server).
    pub fn dari_config(args: &BerkasArgs) -> anyhow::Result<Self> {
        let tujuan = args.objek.trim();
        let jeda_maks = std::time::Duration::from_secs(args.bukti_jeda_detik.max(1));
        if let Some(rest) = tujuan.strip_prefix("s3://") {
            return Ok(Berkas { jeda_maks, ..Self::s3(tujuan, rest, args.bukti_maks_bytes)? });
        }
        std::fs::create_dir_all(tujuan).with_context(|| format!("creating the object folder {tujuan}"))?;
        // Folders emptied by a delete go too, up to this one.
        let store = object_store::local::LocalFileSystem::new_with_prefix(tujuan)
            .with_context(|| format!("the object folder {tujuan}"))?
            .with_automatic_cleanup(true)
            // An upload is acknowledged only once durable (as the database is).
            .with_fsync(true);
        Ok(Berkas {
            store: Arc::new(store),
            akar: Path::default(),
            maks: args.bukti_maks_bytes,
            potongan: POTONGAN_LOKAL,
            folder: Some(std::path::PathBuf::from(tujuan)),
            jeda_maks,
        })
    }

    #[cfg(feature = "s3")]
    fn s3(url: &str, rest: &str, maks: u64) -> anyhow::Result<Self> {
        let prefix = rest.split_once('/').map(|(_, p)| p).unwrap_or("");
        let store = object_store::aws::AmazonS3Builder::from_env()
            .with_url(url)
            .build()
            .context("configuring the S3 object store (EKINERJA_OBJEK, AWS_*)")?;
        Ok(Berkas {
            store: Arc::new(store),
            akar: Path::from(prefix),
            maks,
            potongan: POTONGAN_S3,
            folder: None,
            jeda_maks: std::time::Duration::from_secs(60),
        })
    }

    #[cfg(not(feature = "s3"))]
    fn s3(_: &str, _: &str, _: u64) -> anyhow::Result<Self> {
        anyhow::bail!("EKINERJA_OBJEK names an S3 bucket, but this server was built without the `s3` feature")
    }

    /// The store's key of `kunci` (parts separated by `/`, each an id).
    fn lokasi(&self, kunci: &str) -> Path {
        kunci.split('/').fold(self.akar.clone(), |p, bagian| p.join(bagian))
    }

    /// The key an evidence file is kept under: ids only.
    pub fn kunci_bukti(instansi_id: &str, skp_id: &str, bukti_id: &str) -> String {
        format!("bukti/{instansi_id}/{skp_id}/{bukti_id}")
    }

    /// Receives an upload's body: checks its kind on its first bytes and its
    /// size as it comes, and stores it whole under a temporary key. On any
    /// failure nothing of it remains in the store.
    ///
    /// `panjang` is the length the request declared: a body that ends
    /// before it (a connection dropped mid-upload) is cut off, whatever the
    /// transport made of it.
    pub async fn terima(&self, body: Body, panjang: Option<u64>) -> Result<Diterima, GagalUnggah> {
        let mut stream = body.into_data_stream();
        let jeda = self.jeda_maks;
        // The next bytes, or the upload is cut off when none come in time.
        macro_rules! berikut {
            () => {
                tokio::time::timeout(jeda, stream.next()).await.unwrap_or(Some(Err(axum::Error::new("stalled"))))
            };
        }
        let mut awal: Vec<u8> = Vec::new();
        let mut ukuran: u64 = 0;
        // The first bytes, until the kind can be told (or the file ends).
        let mut sisa: Option<Bytes> = None;
        while awal.len() < JenisBerkas::BACA_AWAL {
            match berikut!() {
                None => break,
                Some(Err(_)) => return Err(GagalUnggah::Terputus),
                Some(Ok(chunk)) => {
                    ukuran += chunk.len() as u64;
                    if ukuran > self.maks {
                        return Err(GagalUnggah::TerlaluBesar);
                    }
                    let muat = (JenisBerkas::BACA_AWAL - awal.len()).min(chunk.len());
                    awal.extend_from_slice(&chunk[..muat]);
                    if muat < chunk.len() {
                        sisa = Some(chunk.slice(muat..));
                    }
                }
            }
        }
        let utuh = |ukuran: u64| panjang.is_none_or(|n| n == ukuran);
        if ukuran == 0 {
            return Err(if utuh(0) { GagalUnggah::Kosong } else { GagalUnggah::Terputus });
        }
        let jenis = JenisBerkas::dari_isi(&awal).ok_or(GagalUnggah::JenisDitolak)?;
        // An office document is judged again once whole, by the central
        // directory a reader opens: the entry it begins with is kept for that.
        let pertama: Option<Vec<u8>> = jenis.arsip().then(|| entri_pertama_zip(&awal).unwrap_or_default().to_vec());
        let sementara = self.lokasi(&format!("{SEMENTARA}/{}", uuid::Uuid::new_v4()));
        let upload = self.store.put_multipart(&sementara).await.context("starting an upload")?;
        let mut tulis = Tulis { upload, buffer: Vec::new(), potongan: self.potongan };
        let mut hash = Sha256::new();
        let hasil = async {
            hash.update(&awal);
            tulis.tambah(&awal).await?;
            drop(awal);
            if let Some(chunk) = sisa.take() {
                hash.update(&chunk);
                tulis.tambah(&chunk).await?;
            }
            while let Some(chunk) = berikut!() {
                let chunk = chunk.map_err(|_| GagalUnggah::Terputus)?;
                ukuran += chunk.len() as u64;
                if ukuran > self.maks {
                    return Err(GagalUnggah::TerlaluBesar);
                }
                hash.update(&chunk);
                tulis.tambah(&chunk).await?;
            }
            if !utuh(ukuran) {
                return Err(GagalUnggah::Terputus);
            }
            tulis.selesai().await
        }
        .await;
        let hasil = match (hasil, &pertama) {
            (Ok(()), Some(pertama)) => match self.periksa_arsip(&sementara, jenis, ukuran, pertama).await {
                Ok(()) => Ok(()),
                Err(e) => {
                    tracing::info!(why = %e, "upload refused");
                    self.hapus_lokasi(&sementara).await;
                    return Err(e);
                }
            },
            (hasil, _) => hasil,
        };
        match hasil {
            Ok(()) => Ok(Diterima { sementara, jenis, ukuran, sha256: hex::encode(hash.finalize()) }),
            Err(e) => {
                tracing::info!(why = %e, "upload refused");
                if let Err(batal) = tulis.upload.abort().await {
                    tracing::warn!(error = %batal, "could not abort a refused upload");
                }
                // (The local store leaves nothing after an abort; a store
                // that completed meanwhile would: delete to be sure.)
                self.hapus_lokasi(&sementara).await;
                Err(e)
            }
        }
    }

    /// An office document, once whole, judged by its central directory
    /// (read back from the store: the end record, then the directory).
    async fn periksa_arsip(
        &self,
        lokasi: &Path,
        jenis: JenisBerkas,
        ukuran: u64,
        pertama: &[u8],
    ) -> Result<(), GagalUnggah> {
        /// A central directory larger than this is no office document's.
        const MAKS_PUSAT: u64 = 1024 * 1024;
        let dari = ukuran.saturating_sub(EKOR_ZIP);
        let ekor = self.store.get_range(lokasi, dari..ukuran).await.context("reading an upload's end")?;
        let (awal, panjang) = direktori_pusat(&ekor).ok_or(GagalUnggah::JenisDitolak)?;
        let akhir = awal.checked_add(panjang).filter(|a| *a <= ukuran && panjang <= MAKS_PUSAT);
        let akhir = akhir.ok_or(GagalUnggah::JenisDitolak)?;
        let pusat = if awal >= dari {
            ekor.slice((awal - dari) as usize..(akhir - dari) as usize)
        } else {
            self.store.get_range(lokasi, awal..akhir).await.context("reading an upload's central directory")?
        };
        periksa_arsip(jenis, &pusat, pertama).map_err(|e| match e {
            ArsipDitolak::BukanDokumen => GagalUnggah::JenisDitolak,
            ArsipDitolak::BerisiMakro => GagalUnggah::BerisiMakro,
        })
    }

    /// Moves a received file to its own key.
    pub async fn simpan(&self, diterima: &Diterima, kunci: &str) -> anyhow::Result<()> {
        self.store.rename(&diterima.sementara, &self.lokasi(kunci)).await.context("moving an upload to its key")
    }

    /// Deletes a received file that will not be kept.
    pub async fn buang(&self, diterima: &Diterima) {
        self.hapus_lokasi(&diterima.sementara).await;
    }

    /// Deletes the object under `kunci` (logged, not failed, when it cannot be:
    /// an orphan object is invisible, a record without its object is not).
    pub async fn hapus(&self, kunci: &str) {
        self.hapus_lokasi(&self.lokasi(kunci)).await;
    }

    async fn hapus_lokasi(&self, lokasi: &Path) {
        match self.store.delete(lokasi).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => tracing::warn!(error = %e, "could not delete an object"),
        }
    }

    /// Deletes what uploads interrupted by a stop of the server left under
    /// the temporary key (older than `umur`: an upload may be running).
    /// For a bucket, the multipart uploads such a stop left unfinished are
    /// the bucket's lifecycle rule's (`AbortIncompleteMultipartUpload`).
    pub async fn sapu_sementara(&self, umur: std::time::Duration) -> anyhow::Result<usize> {
        let batas = std::time::SystemTime::now() - umur;
        if let Some(folder) = &self.folder {
            // The local store's own listing skips its staging files (`…#n`): read the folder.
            let dir = folder.join(SEMENTARA);
            return tokio::task::spawn_blocking(move || {
                let mut n = 0;
                for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    let lama = e.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < batas);
                    if lama && e.file_type().is_ok_and(|t| t.is_file()) && std::fs::remove_file(e.path()).is_ok() {
                        n += 1;
                    }
                }
                n
            })
            .await
            .context("sweeping the temporary uploads");
        }
        let batas = i64::try_from(batas.duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs())?;
        let prefix = self.lokasi(SEMENTARA);
        let lama: Vec<Path> = self
            .store
            .list(Some(&prefix))
            .filter_map(|m| async move { m.ok().filter(|m| m.last_modified.timestamp() < batas).map(|m| m.location) })
            .collect()
            .await;
        for lokasi in &lama {
            self.hapus_lokasi(lokasi).await;
        }
        Ok(lama.len())
    }

    /// The content under `kunci`, as a stream for a response body; `None`
    /// when there is no such object (a record whose object was lost).
    pub async fn baca(&self, kunci: &str) -> anyhow::Result<Option<Body>> {
        match self.store.get(&self.lokasi(kunci)).await {
            Ok(hasil) => Ok(Some(Body::from_stream(hasil.into_stream()))),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(anyhow::Error::from(e).context("reading an evidence file")),
        }
    }
}

/// An upload in progress: bytes gathered into parts of `potongan`, each
/// sent (and awaited) before the next is gathered.
struct Tulis {
    upload: Box<dyn MultipartUpload>,
    buffer: Vec<u8>,
    potongan: usize,
}

impl Tulis {
    async fn tambah(&mut self, mut data: &[u8]) -> Result<(), GagalUnggah> {
        while !data.is_empty() {
            // The next part's buffer is taken only once the last one was
            // written: never two parts in memory at once.
            if self.buffer.capacity() == 0 {
                self.buffer.reserve_exact(self.potongan);
            }
            let muat = (self.potongan - self.buffer.len()).min(data.len());
            self.buffer.extend_from_slice(&data[..muat]);
            data = &data[muat..];
            if self.buffer.len() == self.potongan {
                self.kirim().await?;
            }
        }
        Ok(())
    }

    async fn kirim(&mut self) -> Result<(), GagalUnggah> {
        let part = std::mem::take(&mut self.buffer);
        self.upload.put_part(PutPayload::from(part)).await.context("storing a part of an upload")?;
        Ok(())
    }

    async fn selesai(&mut self) -> Result<(), GagalUnggah> {
        if !self.buffer.is_empty() {
            self.kirim().await?;
        }
        self.upload.complete().await.context("completing an upload")?;
        Ok(())
    }
}
