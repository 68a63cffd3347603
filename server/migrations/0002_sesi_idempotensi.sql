-- Server-side sessions: only the SHA-256 of the 128-bit token is stored.
-- Times are unix seconds (BIGINT on both dialects).
CREATE TABLE sesi (
    token_hash     TEXT PRIMARY KEY,
    instansi_id    TEXT NOT NULL REFERENCES instansi (id),
    pegawai_id     TEXT NOT NULL REFERENCES pegawai (id),
    csrf_token     TEXT NOT NULL,
    dibuat         BIGINT NOT NULL,
    aktif_terakhir BIGINT NOT NULL,
    berakhir       BIGINT NOT NULL              -- absolute expiry
);
CREATE INDEX sesi_pegawai ON sesi (pegawai_id);

-- Idempotency keys of mutations, per owner: a replay returns the stored
-- first response. Kept at least 30 days (purged after 35).
CREATE TABLE idempotensi (
    pemilik         TEXT NOT NULL,              -- pegawai id of the caller
    kunci           TEXT NOT NULL,              -- the client's Idempotency-Key
    instansi_id     TEXT NOT NULL,
    hash_permintaan TEXT NOT NULL,              -- SHA-256 of method, path and body
    status          BIGINT NOT NULL,            -- 0 while the first request runs
    respons         TEXT,
    dibuat          BIGINT NOT NULL,
    PRIMARY KEY (pemilik, kunci)
);
CREATE INDEX idempotensi_dibuat ON idempotensi (dibuat);

-- One-time activation codes for imported pegawai (hash only).
ALTER TABLE akun ADD COLUMN kode_aktivasi_hash TEXT;
ALTER TABLE akun ADD COLUMN kode_aktivasi_berakhir BIGINT;
