-- One-time codes, the durable job queue and the development mail outbox.

-- Codes sent by email. Only an Argon2 hash of the code is stored. Sending a new code for the
-- same user and purpose supersedes the previous one; old rows stay so the hourly cap can count.
CREATE TABLE otp_codes (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    purpose         TEXT    NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    code_hash       TEXT    NOT NULL CHECK (code_hash LIKE '$argon2id$%'),
    -- The address the code went to (the new address when an email is being changed).
    email           TEXT    NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    issued_at       INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts BETWEEN 0 AND 1000),
    used_at         INTEGER,
    superseded      INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1))
) STRICT;

CREATE INDEX otp_codes_by_user ON otp_codes (user_id, purpose, issued_at);

-- At most one live code per user and purpose, whatever code path writes.
CREATE UNIQUE INDEX otp_codes_one_live ON otp_codes (user_id, purpose)
    WHERE used_at IS NULL AND superseded = 0;

-- Work done after the change that causes it, written in the same transaction (outbox pattern).
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('mail')),
    payload      TEXT    NOT NULL CHECK (json_valid(payload)),
    run_at       INTEGER NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'sending', 'done', 'failed', 'cancelled')),
    attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error   TEXT    CHECK (last_error IS NULL OR length(last_error) <= 2000),
    -- Makes enqueueing idempotent where a job must exist once (e.g. one reminder per time).
    dedupe_key   TEXT    UNIQUE,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    CHECK ((status IN ('done', 'failed', 'cancelled')) = (finished_at IS NOT NULL))
) STRICT;

CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'queued';
CREATE INDEX jobs_by_status ON jobs (status, id);

-- Mail "sent" by the development transport. A job delivers at most one message: the UNIQUE
-- job_id makes delivery and marking the job done one atomic step.
CREATE TABLE mail_outbox (
    id          INTEGER PRIMARY KEY,
    job_id      INTEGER NOT NULL UNIQUE REFERENCES jobs (id),
    to_address  TEXT    NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
    subject     TEXT    NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    text_body   TEXT    NOT NULL,
    html_body   TEXT    NOT NULL,
    message_id  TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX mail_outbox_by_address ON mail_outbox (to_address, id);
