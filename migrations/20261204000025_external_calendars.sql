-- Doctors' own calendars (issue 18, part 3): busy times read from an ICS address or a CalDAV
-- calendar keep patients off those hours.
--
-- A CalDAV password is stored sealed (ChaCha20-Poly1305 with the server's calendar key from the
-- environment) and never shown again. ETag / sync-token let an unchanged calendar cost one
-- request. A failed sync records its error and keeps the busy times of the last good one.
CREATE TABLE external_calendars (
    id               INTEGER PRIMARY KEY,
    doctor_id        INTEGER NOT NULL REFERENCES doctors (user_id),
    kind             TEXT    NOT NULL CHECK (kind IN ('ics', 'caldav')),
    url              TEXT    NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
    label            TEXT    NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
    username         TEXT    CHECK (username IS NULL OR length(username) BETWEEN 1 AND 200),
    sealed_password  BLOB,
    -- The last answer's ETag (ICS) or the collection's sync-token (CalDAV).
    etag             TEXT,
    sync_token       TEXT,
    next_sync_at     INTEGER NOT NULL,
    last_attempt_at  INTEGER,
    last_success_at  INTEGER,
    -- The last failure, as a code the page words (cleared by a success) and its detail.
    error_code       TEXT    CHECK (error_code IS NULL OR error_code IN
                         ('unauthorized', 'not_found', 'timeout', 'unreachable', 'malformed',
                          'too_large', 'refused_address', 'server_error', 'redirect')),
    error_detail     TEXT    CHECK (error_detail IS NULL OR length(error_detail) <= 500),
    -- Bumped whenever its busy times were replaced (the availability cache follows).
    busy_version     INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    CHECK ((kind = 'caldav') = (username IS NOT NULL AND sealed_password IS NOT NULL)),
    CHECK ((error_code IS NULL) = (error_detail IS NULL))
) STRICT;

CREATE INDEX external_calendars_by_doctor ON external_calendars (doctor_id);

CREATE INDEX external_calendars_due ON external_calendars (next_sync_at);

-- Each resource (one ICS address; one CalDAV object) with its ETag, so a CalDAV sync fetches
-- only what changed.
CREATE TABLE external_resources (
    calendar_id INTEGER NOT NULL REFERENCES external_calendars (id) ON DELETE CASCADE,
    href        TEXT    NOT NULL CHECK (length(href) BETWEEN 1 AND 2000),
    etag        TEXT,
    PRIMARY KEY (calendar_id, href)
) STRICT, WITHOUT ROWID;

-- Busy intervals (UTC seconds) of each resource, recurrences expanded; none longer than two
-- days (longer events are stored in pieces), so an overlap search reads a bounded index range.
CREATE TABLE external_busy (
    calendar_id INTEGER NOT NULL,
    href        TEXT    NOT NULL,
    doctor_id   INTEGER NOT NULL,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    CHECK (end_at > start_at AND end_at - start_at <= 172800),
    FOREIGN KEY (calendar_id, href) REFERENCES external_resources (calendar_id, href) ON DELETE CASCADE
) STRICT;

CREATE INDEX external_busy_by_doctor ON external_busy (doctor_id, start_at);

CREATE INDEX external_busy_by_resource ON external_busy (calendar_id, href);

-- The doctor's cached availability is recomputed when busy times change or a calendar goes.
CREATE TRIGGER doctor_availability_on_external_busy
AFTER UPDATE OF busy_version ON external_calendars
BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

CREATE TRIGGER doctor_availability_on_external_calendar_delete
AFTER DELETE ON external_calendars
BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = OLD.doctor_id;
END;

-- A hold (or a move) never lands on a doctor's own busy time, whatever the page showed.
CREATE TRIGGER appointments_not_on_external_busy
BEFORE INSERT ON appointments
WHEN NEW.status IN ('held', 'pending', 'confirmed')
  AND EXISTS (SELECT 1 FROM external_busy b
              WHERE b.doctor_id = NEW.doctor_id
                AND b.start_at < NEW.blocked_until AND b.start_at > NEW.blocked_from - 172800
                AND b.end_at > NEW.blocked_from)
BEGIN
    SELECT RAISE(ABORT, 'MB_EXTERNAL_BUSY');
END;

CREATE TRIGGER appointments_move_not_on_external_busy
BEFORE UPDATE OF start_at, blocked_from, blocked_until ON appointments
WHEN NEW.status IN ('held', 'pending', 'confirmed')
  AND (NEW.blocked_from IS NOT OLD.blocked_from OR NEW.blocked_until IS NOT OLD.blocked_until)
  AND EXISTS (SELECT 1 FROM external_busy b
              WHERE b.doctor_id = NEW.doctor_id
                AND b.start_at < NEW.blocked_until AND b.start_at > NEW.blocked_from - 172800
                AND b.end_at > NEW.blocked_from)
BEGIN
    SELECT RAISE(ABORT, 'MB_EXTERNAL_BUSY');
END;
