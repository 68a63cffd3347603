-- Issue 24 point 1: the numeric evaluation of a former rule set's period
-- (PermenPANRB 8/2021: nilai kinerja and predikat; PP 46/2011: nilai
-- prestasi kerja and sebutan). Portable SQL for SQLite and PostgreSQL, as
-- 0001 says. Times: unix seconds.
--
-- The rating itself lives in the SKP document (domain::skp::Skp::
-- penilaian_lama, saved like every SKP change, aksi `record_evaluation`);
-- this row is its query copy for the penilai's list: the final nilai in
-- hundredths (`nilai_x100`: 89.2 is 8920, rounded half away from zero, as
-- the form prints two decimals), its predikat or sebutan code
-- (`sangat_baik` … `buruk`), the rule set, and the record as JSON (`isi`:
-- domain::skp::PenilaianLama). `dinilai_oleh`: who rated last.
CREATE TABLE penilaian_lama (
    skp_id       TEXT NOT NULL REFERENCES skp (id),
    evaluasi     TEXT NOT NULL,
    instansi_id  TEXT NOT NULL REFERENCES instansi (id),
    periode_id   TEXT NOT NULL REFERENCES periode (id),
    pegawai_id   TEXT NOT NULL REFERENCES pegawai (id),
    dinilai_oleh TEXT NOT NULL REFERENCES pegawai (id),
    rule_set     TEXT NOT NULL CHECK (rule_set IN ('permenpanrb_8_2021', 'pp_46_2011')),
    nilai_x100   BIGINT NOT NULL,
    sebutan      TEXT NOT NULL,
    isi          TEXT NOT NULL,
    dibuat       BIGINT NOT NULL,
    diubah       BIGINT NOT NULL,
    PRIMARY KEY (skp_id, evaluasi)
);
CREATE INDEX penilaian_lama_periode ON penilaian_lama (periode_id, evaluasi);
