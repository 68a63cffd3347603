-- The deadline reminder is kept once per person and period, also when two
-- requests ask for it at once (the insert does nothing on a conflict).
CREATE UNIQUE INDEX notifikasi_tenggat_sekali ON notifikasi (penerima_id, periode_id) WHERE jenis = 'tenggat_skp';
