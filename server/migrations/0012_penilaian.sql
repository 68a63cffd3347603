-- Issue 24: the evaluation. Portable SQL for SQLite and PostgreSQL, as 0001
-- says. Times: unix seconds. Evaluations are named by their token
-- (`periodik-3`, `tahunan`: domain::periode::PeriodeEvaluasi::kode).

-- A subordinate's rating per evaluation. The rating itself lives in the SKP
-- document (domain::skp::Skp::penilaian, saved like every SKP change, aksi
-- `record_evaluation` / `replace_evaluation`); this row is its query copy
-- (the predikat, for the unit's distribution) and keeps the rating as it
-- was first given (`isi_awal`, `predikat_awal`) beside the one that stands
-- after a calibration or an objection (`isi`, `predikat`).
-- `perilaku_per_nilai`: the rating per BerAKHLAK value (JSON object);
-- `angka_kredit`: domain::angka_kredit::AngkaKredit as JSON, for a
-- functional position only. `dinilai_oleh`: who rated last.
CREATE TABLE penilaian (
    skp_id             TEXT NOT NULL REFERENCES skp (id),
    evaluasi           TEXT NOT NULL,
    instansi_id        TEXT NOT NULL REFERENCES instansi (id),
    periode_id         TEXT NOT NULL REFERENCES periode (id),
    pegawai_id         TEXT NOT NULL REFERENCES pegawai (id),
    dinilai_oleh       TEXT NOT NULL REFERENCES pegawai (id),
    predikat           TEXT NOT NULL,
    predikat_awal      TEXT NOT NULL,
    isi                TEXT NOT NULL,
    isi_awal           TEXT NOT NULL,
    perilaku_per_nilai TEXT NOT NULL,
    angka_kredit       TEXT,
    dibuat             BIGINT NOT NULL,
    diubah             BIGINT NOT NULL,
    PRIMARY KEY (skp_id, evaluasi)
);
CREATE INDEX penilaian_periode ON penilaian (periode_id, evaluasi);

-- The organisation's predikat of a unit for one evaluation of a period
-- (RULES.md §2.1.4), set by the instansi admin or the unit's head; every
-- version kept.
CREATE TABLE predikat_organisasi (
    unit_id     TEXT NOT NULL REFERENCES unit_kerja (id),
    periode_id  TEXT NOT NULL REFERENCES periode (id),
    evaluasi    TEXT NOT NULL,
    instansi_id TEXT NOT NULL REFERENCES instansi (id),
    predikat    TEXT NOT NULL CHECK (predikat IN ('istimewa', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang')),
    version     BIGINT NOT NULL,
    oleh        TEXT NOT NULL REFERENCES pegawai (id),
    diubah      BIGINT NOT NULL,
    PRIMARY KEY (unit_id, periode_id, evaluasi)
);
CREATE TABLE predikat_organisasi_versi (
    unit_id     TEXT NOT NULL,
    periode_id  TEXT NOT NULL,
    evaluasi    TEXT NOT NULL,
    version     BIGINT NOT NULL,
    instansi_id TEXT NOT NULL,
    predikat    TEXT NOT NULL,
    oleh        TEXT NOT NULL,
    dibuat      BIGINT NOT NULL,
    PRIMARY KEY (unit_id, periode_id, evaluasi, version)
);

-- A period's evaluation settings: whether the distribution pattern warns or
-- blocks (domain::distribusi::ModeDistribusi). No row: `peringatan`.
CREATE TABLE pengaturan_penilaian (
    periode_id      TEXT PRIMARY KEY REFERENCES periode (id),
    instansi_id     TEXT NOT NULL REFERENCES instansi (id),
    mode_distribusi TEXT NOT NULL CHECK (mode_distribusi IN ('peringatan', 'blokir')),
    version         BIGINT NOT NULL
);

-- A penilai's unit finalised for one evaluation: the distribution as it
-- stood (`jumlah`: domain::distribusi::JumlahPredikat as JSON), whether it
-- fitted the pattern, and the reason recorded when it did not.
CREATE TABLE finalisasi_distribusi (
    periode_id          TEXT NOT NULL REFERENCES periode (id),
    evaluasi            TEXT NOT NULL,
    penilai_id          TEXT NOT NULL REFERENCES pegawai (id),
    instansi_id         TEXT NOT NULL REFERENCES instansi (id),
    unit_id             TEXT NOT NULL REFERENCES unit_kerja (id),
    predikat_organisasi TEXT NOT NULL,
    mode_distribusi     TEXT NOT NULL,
    jumlah              TEXT NOT NULL,
    sesuai_pola         BIGINT NOT NULL,
    alasan              TEXT,
    dibuat              BIGINT NOT NULL,
    PRIMARY KEY (periode_id, evaluasi, penilai_id)
);

-- The evaluation documents (Formats D.1.1–D.1.3) as
-- domain::skp::dokumen::DokumenEvaluasi JSON, one per SKP and evaluation.
-- `sha256_pdf`: the hash of the signed PDF, once documents are rendered.
CREATE TABLE dokumen_evaluasi (
    id          TEXT PRIMARY KEY,
    instansi_id TEXT NOT NULL REFERENCES instansi (id),
    periode_id  TEXT NOT NULL REFERENCES periode (id),
    skp_id      TEXT NOT NULL REFERENCES skp (id),
    evaluasi    TEXT NOT NULL,
    status      TEXT NOT NULL,
    version     BIGINT NOT NULL,
    dokumen     TEXT NOT NULL,
    sha256_pdf  TEXT,
    dibuat      BIGINT NOT NULL,
    diubah      BIGINT NOT NULL,
    UNIQUE (skp_id, evaluasi)
);
CREATE INDEX dokumen_evaluasi_periode ON dokumen_evaluasi (periode_id, status);

-- Every step of every document, append-only: who (`oleh`, a pegawai id), in
-- which role, when, and the document as the step left it.
CREATE TABLE dokumen_evaluasi_versi (
    dokumen_id  TEXT NOT NULL REFERENCES dokumen_evaluasi (id),
    version     BIGINT NOT NULL,
    instansi_id TEXT NOT NULL,
    aksi        TEXT NOT NULL,
    oleh        TEXT NOT NULL,
    peran       TEXT NOT NULL,
    status      TEXT NOT NULL,
    dokumen     TEXT NOT NULL,
    dibuat      BIGINT NOT NULL,
    PRIMARY KEY (dokumen_id, version)
);

-- The instansi's holidays beyond the national ones the domain ships
-- (domain::kalender): a new year's SKB, regional holidays. A date here
-- replaces the built-in one.
CREATE TABLE hari_libur (
    instansi_id TEXT NOT NULL REFERENCES instansi (id),
    tanggal     TEXT NOT NULL,
    nama        TEXT NOT NULL,
    jenis       TEXT NOT NULL CHECK (jenis IN ('libur_nasional', 'cuti_bersama', 'libur_instansi')),
    perkiraan   BIGINT NOT NULL,
    PRIMARY KEY (instansi_id, tanggal)
);
