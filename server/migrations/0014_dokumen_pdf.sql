-- Issue 24 point 4: the signing trail of the evaluation documents. Portable
-- SQL for SQLite and PostgreSQL, as 0001 says (BYTEA: PostgreSQL's bytes;
-- SQLite keeps a blob as it is under any declared type). Times: unix seconds.
--
-- One row per signing act (the penilai signs, the pegawai signs, the atasan
-- takes over, the atasan decides an objection): the exact PDF bytes the
-- signer signed, their SHA-256 (lowercase hex, the key anyone holding the
-- file checks it by), who (`oleh`, a pegawai id), in which role, the action,
-- the document version the act produced, its format (D.1.1–D.1.3) and the
-- day printed on it. `dokumen_evaluasi.sha256_pdf` names the latest one.
CREATE TABLE dokumen_pdf (
    sha256      TEXT PRIMARY KEY,
    dokumen_id  TEXT NOT NULL REFERENCES dokumen_evaluasi (id),
    version     BIGINT NOT NULL,
    instansi_id TEXT NOT NULL REFERENCES instansi (id),
    format      TEXT NOT NULL,
    aksi        TEXT NOT NULL,
    oleh        TEXT NOT NULL REFERENCES pegawai (id),
    peran       TEXT NOT NULL,
    tanggal     TEXT NOT NULL,
    ukuran      BIGINT NOT NULL,
    pdf         BYTEA NOT NULL,
    dibuat      BIGINT NOT NULL,
    UNIQUE (dokumen_id, version)
);
