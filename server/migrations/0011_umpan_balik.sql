-- Issue 23, points 3 and 4: continuous feedback and the 360.
-- Portable SQL for SQLite and PostgreSQL, as 0001 says. Nothing here
-- depends on the realisasi tables (0010).

-- Continuous feedback (umpan balik berkelanjutan, RULES.md §3.3): one sheet
-- per giver, subordinate's set SKP, sub-period (`ke`, the calendar month or
-- quarter) and form. `isi` is the sheet's items as JSON
-- (domain::skp::umpan_balik::ItemUmpanBalik: per RHK and per BerAKHLAK
-- value). Scheduled (berkala) feedback is once per giver, SKP and
-- sub-period; incidental feedback as often as given. Times: unix seconds.
CREATE TABLE umpan_balik (
    id          TEXT PRIMARY KEY,
    instansi_id TEXT NOT NULL REFERENCES instansi (id),
    periode_id  TEXT NOT NULL REFERENCES periode (id),
    skp_id      TEXT NOT NULL REFERENCES skp (id),
    pegawai_id  TEXT NOT NULL REFERENCES pegawai (id),
    pemberi_id  TEXT NOT NULL REFERENCES pegawai (id),
    ke          INTEGER NOT NULL,
    bentuk      TEXT NOT NULL CHECK (bentuk IN ('berkala', 'insidentil')),
    version     BIGINT NOT NULL,
    isi         TEXT NOT NULL,
    dibuat      BIGINT NOT NULL,
    diubah      BIGINT NOT NULL
);
CREATE INDEX umpan_balik_skp ON umpan_balik (skp_id, ke);
CREATE INDEX umpan_balik_pemberi ON umpan_balik (periode_id, pemberi_id, ke);
CREATE UNIQUE INDEX umpan_balik_berkala_sekali ON umpan_balik (skp_id, ke, pemberi_id) WHERE bentuk = 'berkala';

-- Every version of every sheet, append-only (as skp_versi).
CREATE TABLE umpan_balik_versi (
    umpan_balik_id TEXT NOT NULL REFERENCES umpan_balik (id),
    version        BIGINT NOT NULL,
    instansi_id    TEXT NOT NULL,
    oleh           TEXT NOT NULL,
    isi            TEXT NOT NULL,
    dibuat         BIGINT NOT NULL,
    PRIMARY KEY (umpan_balik_id, version)
);

-- The 360 of a period: the last day raters may answer (ISO date, WIB). No
-- row: the period's last day. Once the day has passed the 360 is closed for
-- good: its raters, answers and this date stay as they are, and only then
-- do the ratee and the penilai see the aggregate.
CREATE TABLE pengaturan_360 (
    periode_id  TEXT PRIMARY KEY REFERENCES periode (id),
    instansi_id TEXT NOT NULL REFERENCES instansi (id),
    batas       TEXT NOT NULL,
    version     BIGINT NOT NULL
);

-- Who rates whom in a period's 360: proposed by the ratee (`diusulkan`,
-- `diusulkan_oleh` 'pegawai') and confirmed by the penilai, or set by the
-- penilai. No time column: nothing here may order or date a rater.
-- `usulan_kelompok` and `usulan_status` are the ratee's own proposal of this
-- rater as the ratee sees it (NULL: the ratee did not propose them). On a
-- line the ratee created they equal `kelompok` and `status`; on a line the
-- penilai set, they record that the ratee proposed the same person later,
-- so that proposing someone the penilai already set looks exactly like a
-- fresh proposal and tells the ratee nothing.
CREATE TABLE penilai_360 (
    id              TEXT PRIMARY KEY,
    instansi_id     TEXT NOT NULL REFERENCES instansi (id),
    periode_id      TEXT NOT NULL REFERENCES periode (id),
    pegawai_id      TEXT NOT NULL REFERENCES pegawai (id),
    penilai_id      TEXT NOT NULL REFERENCES pegawai (id),
    kelompok        TEXT NOT NULL CHECK (kelompok IN ('atasan', 'rekan', 'bawahan', 'pihak_lain')),
    status          TEXT NOT NULL CHECK (status IN ('diusulkan', 'dikonfirmasi')),
    diusulkan_oleh  TEXT NOT NULL CHECK (diusulkan_oleh IN ('pegawai', 'pejabat_penilai')),
    usulan_kelompok TEXT CHECK (usulan_kelompok IN ('atasan', 'rekan', 'bawahan', 'pihak_lain')),
    usulan_status   TEXT CHECK (usulan_status IN ('diusulkan', 'dikonfirmasi')),
    UNIQUE (periode_id, pegawai_id, penilai_id)
);
CREATE INDEX penilai_360_penilai ON penilai_360 (penilai_id, periode_id);

-- Who has been asked to rate whom in a period, ever: a rater is asked (told)
-- once per ratee and period, however often they are removed and added again.
CREATE TABLE permintaan_360 (
    periode_id TEXT NOT NULL REFERENCES periode (id),
    pegawai_id TEXT NOT NULL REFERENCES pegawai (id),
    penilai_id TEXT NOT NULL REFERENCES pegawai (id),
    PRIMARY KEY (periode_id, pegawai_id, penilai_id)
);

-- A rater's answer (the seven values as JSON, domain::umpan_balik::JawabanNilai),
-- kept apart from the list above so that answering changes nothing a ratee or
-- penilai reads there (no status, no version, no time). No time column
-- either; removing the rater removes the answer.
CREATE TABLE jawaban_360 (
    penilai_360_id TEXT PRIMARY KEY REFERENCES penilai_360 (id),
    instansi_id    TEXT NOT NULL REFERENCES instansi (id),
    periode_id     TEXT NOT NULL REFERENCES periode (id),
    pegawai_id     TEXT NOT NULL REFERENCES pegawai (id),
    kelompok       TEXT NOT NULL,
    version        BIGINT NOT NULL,
    isi            TEXT NOT NULL
);
CREATE INDEX jawaban_360_dinilai ON jawaban_360 (periode_id, pegawai_id);
