-- Every change of the atasan mapping, append-only: who made it (the admin's
-- pegawai id; NULL for the operator's command line), from where (`api`,
-- `impor`, `cli`), when (unix seconds), and who rated the pegawai before and
-- after, from which date. Deciding who rates whom decides who approves an
-- SKP, so each change must be answerable afterwards.
CREATE TABLE atasan_riwayat (
    id                     TEXT PRIMARY KEY,
    instansi_id            TEXT NOT NULL REFERENCES instansi (id),
    periode_id             TEXT NOT NULL REFERENCES periode (id),
    pegawai_id             TEXT NOT NULL REFERENCES pegawai (id),
    diubah_oleh            TEXT REFERENCES pegawai (id),
    sumber                 TEXT NOT NULL CHECK (sumber IN ('api', 'impor', 'cli')),
    waktu                  BIGINT NOT NULL,
    penilai_sebelum        TEXT,
    atasan_penilai_sebelum TEXT,
    penilai_sesudah        TEXT,
    atasan_penilai_sesudah TEXT,
    berlaku_mulai          TEXT NOT NULL
);
CREATE INDEX atasan_riwayat_periode_pegawai ON atasan_riwayat (periode_id, pegawai_id);
