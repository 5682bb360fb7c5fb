-- Calendar subscriptions and invitations (issue 18).
--
-- One secret subscription address per person: only a SHA-256 of its token is kept, so the
-- address is shown once, when it is made; making a new one replaces the hash and the old
-- address answers 404 at once. A doctor may choose to see patients' names in their feed.
CREATE TABLE calendar_feeds (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id),
    token_hash    BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    patient_names INTEGER NOT NULL DEFAULT 0 CHECK (patient_names IN (0, 1)),
    created_at    INTEGER NOT NULL
) STRICT;

-- Only a doctor's feed names patients.
CREATE TRIGGER calendar_feeds_names_for_doctors
BEFORE INSERT ON calendar_feeds
WHEN NEW.patient_names = 1
  AND NOT EXISTS (SELECT 1 FROM doctors WHERE user_id = NEW.user_id)
BEGIN
    SELECT RAISE(ABORT, 'MB_FEED_NAMES_DOCTORS_ONLY');
END;

CREATE TRIGGER calendar_feeds_names_for_doctors_update
BEFORE UPDATE OF patient_names ON calendar_feeds
WHEN NEW.patient_names = 1
  AND NOT EXISTS (SELECT 1 FROM doctors WHERE user_id = NEW.user_id)
BEGIN
    SELECT RAISE(ABORT, 'MB_FEED_NAMES_DOCTORS_ONLY');
END;

-- A closed account's feed goes with it, in the closing transaction.
CREATE TRIGGER calendar_feeds_gone_with_account
AFTER UPDATE OF closed_at ON users
WHEN NEW.closed_at IS NOT NULL
BEGIN
    DELETE FROM calendar_feeds WHERE user_id = NEW.id;
END;

-- The development outbox keeps a mail's calendar invitation (iTIP), as SMTP would carry it.
ALTER TABLE mail_outbox ADD COLUMN calendar_body TEXT;
