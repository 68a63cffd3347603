-- Issue 24 (review): the authority over an evaluation document and the
-- history of the holiday calendar. Portable SQL for SQLite and PostgreSQL,
-- as 0001 says.

-- Who rates and who decides are fixed when the document is made: the
-- penilai and atasan penilai of the SKP at that moment. A later re-mapping
-- (a transfer, an admin's correction) no longer changes who signs a
-- pending document or decides a pending objection. Existing documents take
-- their SKP's parties as they stand now (the best record there is).
-- `atasan_penilai_id` NULL: the SKP had no atasan penilai; the instansi
-- admin then decides an objection as the instansi's official (recorded).
ALTER TABLE dokumen_evaluasi ADD COLUMN penilai_id TEXT REFERENCES pegawai (id);
ALTER TABLE dokumen_evaluasi ADD COLUMN atasan_penilai_id TEXT REFERENCES pegawai (id);
UPDATE dokumen_evaluasi SET
    penilai_id = (SELECT s.penilai_id FROM skp s WHERE s.id = dokumen_evaluasi.skp_id),
    atasan_penilai_id = (SELECT s.atasan_penilai_id FROM skp s WHERE s.id = dokumen_evaluasi.skp_id);
CREATE INDEX dokumen_evaluasi_penilai ON dokumen_evaluasi (periode_id, penilai_id);
CREATE INDEX dokumen_evaluasi_atasan ON dokumen_evaluasi (periode_id, atasan_penilai_id);

-- Every holiday an admin added, append-only: who (`oleh`, a pegawai id) and
-- when (`dibuat`, unix seconds), also when it replaced an earlier entry of
-- the same date in `hari_libur`.
CREATE TABLE hari_libur_riwayat (
    instansi_id TEXT NOT NULL REFERENCES instansi (id),
    tanggal     TEXT NOT NULL,
    nama        TEXT NOT NULL,
    jenis       TEXT NOT NULL,
    oleh        TEXT NOT NULL REFERENCES pegawai (id),
    dibuat      BIGINT NOT NULL
);
CREATE INDEX hari_libur_riwayat_instansi ON hari_libur_riwayat (instansi_id, tanggal);
