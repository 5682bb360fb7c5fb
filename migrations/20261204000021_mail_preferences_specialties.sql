-- Mail that completes the story, what a person may turn off, and the clinic's specialty list.
--
-- 1. Patients hear when a visit is completed (with its summary and, unless they said no, an
--    invitation to review it) or marked as missed: two more notice kinds. SQLite cannot alter a
--    CHECK, so the table's stored definition is rewritten (SQLite's documented procedure for
--    constraint changes that leave the file format alone, as in migration 16); every existing
--    row satisfies the wider CHECK.
-- 2. Reminders and review invitations can be turned off (security and booking mail cannot).
-- 3. Admins add, rename and retire specialties; a retired one stays on the doctors who have it
--    but is offered to nobody new.

ALTER TABLE users ADD COLUMN mail_reminders INTEGER NOT NULL DEFAULT 1 CHECK (mail_reminders IN (0, 1));
ALTER TABLE users ADD COLUMN mail_review_requests INTEGER NOT NULL DEFAULT 1 CHECK (mail_review_requests IN (0, 1));

PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = 'CREATE TABLE notifications (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id),
    appointment_id INTEGER NOT NULL REFERENCES appointments (id),
    -- The change it tells of (NULL for a reminder).
    event_id       INTEGER REFERENCES appointment_events (id),
    kind           TEXT    NOT NULL CHECK (kind IN
                       (''requested'', ''booked'', ''confirmed'', ''rejected'', ''cancelled'', ''rescheduled'', ''reminder'',
                        ''completed'', ''no_show'')),
    audience       TEXT    NOT NULL CHECK (audience IN (''patient'', ''doctor'')),
    created_at     INTEGER NOT NULL,
    read_at        INTEGER,
    CHECK ((kind = ''reminder'') = (event_id IS NULL)),
    UNIQUE (event_id, audience)
) STRICT'
 WHERE type = 'table' AND name = 'notifications';
PRAGMA writable_schema = RESET;
PRAGMA writable_schema = OFF;

DROP TRIGGER appointment_events_notify;
CREATE TRIGGER appointment_events_notify
AFTER INSERT ON appointment_events
WHEN NEW.from_status IS NOT NULL
 AND NEW.to_status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show')
BEGIN
    INSERT INTO notifications (user_id, appointment_id, event_id, kind, audience, created_at)
    SELECT CASE who.audience WHEN 'patient' THEN a.patient_id ELSE a.doctor_id END,
           a.id, NEW.id, what.kind, who.audience, NEW.at
    FROM appointments a,
         (SELECT CASE
              WHEN NEW.from_status = NEW.to_status THEN 'rescheduled'
              WHEN NEW.from_status = 'held' AND NEW.to_status = 'pending' THEN 'requested'
              WHEN NEW.from_status = 'held' AND NEW.to_status = 'confirmed' THEN 'booked'
              ELSE NEW.to_status
          END AS kind) what,
         (SELECT 'patient' AS audience UNION ALL SELECT 'doctor') who
    WHERE a.id = NEW.appointment_id
      AND (who.audience = 'patient'
           OR what.kind IN ('requested', 'booked')
           OR (what.kind IN ('cancelled', 'rescheduled') AND NEW.actor IS NOT 'doctor'));
END;

ALTER TABLE specialties ADD COLUMN retired_at INTEGER;

CREATE TRIGGER specialties_are_kept
BEFORE DELETE ON specialties
BEGIN
    SELECT RAISE(ABORT, 'MB_SPECIALTIES_KEPT');
END;

CREATE TRIGGER doctors_new_specialty_not_retired
BEFORE INSERT ON doctors
WHEN (SELECT retired_at FROM specialties WHERE id = NEW.specialty_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_SPECIALTY_RETIRED');
END;

CREATE TRIGGER doctors_changed_specialty_not_retired
BEFORE UPDATE OF specialty_id ON doctors
WHEN NEW.specialty_id IS NOT OLD.specialty_id
 AND (SELECT retired_at FROM specialties WHERE id = NEW.specialty_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_SPECIALTY_RETIRED');
END;

CREATE TRIGGER doctor_search_on_specialty_rename
AFTER UPDATE OF name ON specialties
WHEN NEW.name IS NOT OLD.name COLLATE BINARY
BEGIN
    UPDATE doctor_search SET specialty = NEW.name
     WHERE rowid IN (SELECT user_id FROM doctors WHERE specialty_id = NEW.id);
END;
