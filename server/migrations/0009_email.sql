-- E-mail for the same events as the bell (issue 25), when the server is
-- configured with an SMTP relay.
--
-- `pegawai.email`: the address a person set on their account page (NULL:
-- none, and no e-mail is sent to them).
ALTER TABLE pegawai ADD COLUMN email TEXT;

-- The outbox: one job per notification to be e-mailed, written in the same
-- transaction as the notification, sent afterwards by a background task.
-- The address and the text are read when the job is sent (an address
-- cleared meanwhile is not written to). Times are unix milliseconds.
--   attempts      tries so far
--   next_attempt  when it is due (also the lease while one server sends it)
--   sent          when the relay took it (NULL: not yet)
--   failed        when it was given up (refused by the relay, too old, no
--                 address any more)
CREATE TABLE email_outbox (
    id            TEXT PRIMARY KEY,
    instansi_id   TEXT NOT NULL REFERENCES instansi (id),
    notifikasi_id TEXT NOT NULL REFERENCES notifikasi (id),
    dibuat        BIGINT NOT NULL,
    attempts      BIGINT NOT NULL DEFAULT 0,
    next_attempt  BIGINT NOT NULL,
    sent          BIGINT,
    failed        BIGINT
);
-- What the sender reads: the pending jobs by when they are due.
CREATE INDEX email_outbox_pending ON email_outbox (next_attempt) WHERE sent IS NULL AND failed IS NULL;
