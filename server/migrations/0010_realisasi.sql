-- Realisasi (issue 23): the realisations themselves live in the SKP document
-- (`skp.dokumen`, domain::skp::Skp::realisasi), saved like every SKP change
-- (a new version and its `skp_versi` entry, aksi `record_realisasi`).
--
-- The server's own preview of one evaluation of an SKP (`evaluasi`:
-- `periodik-3`, `tahunan`; domain::periode::PeriodeEvaluasi::kode),
-- recomputed with the domain at each save of a realisation of that
-- evaluation and written in the same transaction: what the evaluation reads.
-- `skp_version` is the SKP version it was computed on.
CREATE TABLE realisasi_preview (
    skp_id      TEXT NOT NULL REFERENCES skp (id),
    evaluasi    TEXT NOT NULL,
    instansi_id TEXT NOT NULL,
    skp_version BIGINT NOT NULL,
    preview     TEXT NOT NULL,
    diubah      BIGINT NOT NULL,
    PRIMARY KEY (skp_id, evaluasi)
);

-- Evidence files (bukti dukung) of a realisation: one row per stored
-- object. `objek` is the object's key in the store, made of ids only (never a
-- name a user gave); `nama` is the chosen file name, for display only.
-- `jenis` is read from the bytes (domain::skp::JenisBerkas). A row exists
-- only for an object stored whole: it is written after the object, in the
-- same transaction as the upload's Idempotency-Key answer.
CREATE TABLE bukti (
    id           TEXT PRIMARY KEY,
    instansi_id  TEXT NOT NULL REFERENCES instansi (id),
    skp_id       TEXT NOT NULL REFERENCES skp (id),
    indikator_id TEXT NOT NULL,
    evaluasi     TEXT NOT NULL,
    pemilik_id   TEXT NOT NULL REFERENCES pegawai (id),
    nama         TEXT NOT NULL,
    jenis        TEXT NOT NULL,
    ukuran       BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    objek        TEXT NOT NULL,
    dibuat       BIGINT NOT NULL
);
CREATE INDEX bukti_skp ON bukti (skp_id, evaluasi);
