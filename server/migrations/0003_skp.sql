-- SKP: the domain aggregate (domain::skp::Skp) stored as one JSON document,
-- with the columns that queries and authorisation need kept beside it.
-- `isian` is the form as last typed (domain::skp::SkpInput), for the editor.
CREATE TABLE skp (
    id                TEXT PRIMARY KEY,
    instansi_id       TEXT NOT NULL REFERENCES instansi (id),
    periode_id        TEXT NOT NULL REFERENCES periode (id),
    pegawai_id        TEXT NOT NULL REFERENCES pegawai (id),
    penilai_id        TEXT NOT NULL REFERENCES pegawai (id),
    atasan_penilai_id TEXT REFERENCES pegawai (id),
    status            TEXT NOT NULL,
    version           BIGINT NOT NULL,
    dokumen           TEXT NOT NULL,
    isian             TEXT NOT NULL,
    diubah            BIGINT NOT NULL,
    UNIQUE (periode_id, pegawai_id)
);
CREATE INDEX skp_penilai ON skp (periode_id, penilai_id);

-- Every version of every SKP, append-only: the full history.
CREATE TABLE skp_versi (
    skp_id      TEXT NOT NULL REFERENCES skp (id),
    version     BIGINT NOT NULL,
    instansi_id TEXT NOT NULL,
    aksi        TEXT NOT NULL,
    oleh        TEXT NOT NULL,              -- pegawai id of who did it
    status      TEXT NOT NULL,
    dokumen     TEXT NOT NULL,
    dibuat      BIGINT NOT NULL,
    PRIMARY KEY (skp_id, version)
);
