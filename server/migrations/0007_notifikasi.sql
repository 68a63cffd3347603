-- Being told (issue 25): one row per person told of an event. Who is told
-- of what is `domain::notifikasi::ATURAN`, not a column here. The text is
-- rendered when read, in the reader's language, from `jenis`, the name of
-- who did it (`dari_id`) and the period's year. `dibuat`/`dibaca`:
-- unix milliseconds (NULL: unread).
CREATE TABLE notifikasi (
    id          TEXT PRIMARY KEY,
    instansi_id TEXT NOT NULL REFERENCES instansi (id),
    penerima_id TEXT NOT NULL REFERENCES pegawai (id),
    jenis       TEXT NOT NULL,
    skp_id      TEXT,
    periode_id  TEXT NOT NULL REFERENCES periode (id),
    dari_id     TEXT REFERENCES pegawai (id),
    dibuat      BIGINT NOT NULL,
    dibaca      BIGINT
);
CREATE INDEX notifikasi_penerima ON notifikasi (penerima_id, dibuat);
