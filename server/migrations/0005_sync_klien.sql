-- Where each offline client's outbox stands: the highest `seq` the server
-- has taken from it (per person and client). A change not applied yet whose
-- seq is not above it arrived after later ones (an old batch sent again
-- after a newer one) and is refused, so an outbox is never applied out of
-- order; a change already applied is answered from its Idempotency-Key.
CREATE TABLE sync_klien (
    pemilik      TEXT NOT NULL,              -- pegawai id of the caller
    client_id    TEXT NOT NULL,
    instansi_id  TEXT NOT NULL,
    seq_terakhir BIGINT NOT NULL,
    diubah       BIGINT NOT NULL,
    PRIMARY KEY (pemilik, client_id)
);
