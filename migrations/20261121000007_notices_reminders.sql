-- Notices of appointment changes (in-app and by mail), reminders, a patient's time zone for
-- mail, changing one's email address by code, and how each mail job was sent.
-- Everything that follows from an appointment change is written by triggers, so it is in the
-- same transaction as the change whatever code path makes it.

-- Codes may now also prove a new address when a user changes their email.
CREATE TABLE otp_codes_new (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    purpose         TEXT    NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
    code_hash       TEXT    NOT NULL CHECK (code_hash LIKE '$argon2id$%'),
    email           TEXT    NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    issued_at       INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts BETWEEN 0 AND 1000),
    used_at         INTEGER,
    superseded      INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1))
) STRICT;
INSERT INTO otp_codes_new SELECT * FROM otp_codes;
DROP TABLE otp_codes;
ALTER TABLE otp_codes_new RENAME TO otp_codes;
CREATE INDEX otp_codes_by_user ON otp_codes (user_id, purpose, issued_at);
CREATE UNIQUE INDEX otp_codes_one_live ON otp_codes (user_id, purpose)
    WHERE used_at IS NULL AND superseded = 0;

-- The zone a patient reads times in (mails, reminders); NULL: the doctor's zone.
ALTER TABLE users ADD COLUMN time_zone TEXT CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64);

-- The appointment a queued reminder is for (so a cancel or a move can find it), and the
-- transport that took the job: after a crash, a job left 'sending' through SMTP may have been
-- delivered and is never sent again automatically.
ALTER TABLE jobs ADD COLUMN reminder_for INTEGER REFERENCES appointments (id);
ALTER TABLE jobs ADD COLUMN sent_via TEXT CHECK (sent_via IS NULL OR sent_via IN ('outbox', 'smtp'));
CREATE INDEX jobs_reminders ON jobs (reminder_for) WHERE reminder_for IS NOT NULL AND status = 'queued';

-- When reminders go out, in minutes before the start; written from Leptos.toml at start-up.
CREATE TABLE reminder_offsets (
    minutes_before INTEGER PRIMARY KEY CHECK (minutes_before BETWEEN 1 AND 20160)
) STRICT;
INSERT INTO reminder_offsets (minutes_before) VALUES (1440);

-- What a user is told about their appointments, in the app (read or not) and by mail.
CREATE TABLE notifications (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id),
    appointment_id INTEGER NOT NULL REFERENCES appointments (id),
    -- The change it tells of (NULL for a reminder).
    event_id       INTEGER REFERENCES appointment_events (id),
    kind           TEXT    NOT NULL CHECK (kind IN
                       ('requested', 'booked', 'confirmed', 'rejected', 'cancelled', 'rescheduled', 'reminder')),
    audience       TEXT    NOT NULL CHECK (audience IN ('patient', 'doctor')),
    created_at     INTEGER NOT NULL,
    read_at        INTEGER,
    CHECK ((kind = 'reminder') = (event_id IS NULL)),
    UNIQUE (event_id, audience)
) STRICT;

CREATE INDEX notifications_by_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- Who hears of which change: the patient of every one; the doctor of a new booking, and of a
-- cancellation or a move the doctor did not make.
CREATE TRIGGER appointment_events_notify
AFTER INSERT ON appointment_events
WHEN NEW.from_status IS NOT NULL AND NEW.to_status IN ('pending', 'confirmed', 'rejected', 'cancelled')
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

-- Every notice but a reminder (which is itself a mail job) is also mailed.
CREATE TRIGGER notifications_mail
AFTER INSERT ON notifications
WHEN NEW.kind <> 'reminder'
BEGIN
    INSERT INTO jobs (kind, payload, run_at, created_at)
    VALUES ('mail', json_object('template', 'notice', 'notification_id', NEW.id),
            NEW.created_at, NEW.created_at);
END;

-- A confirmed appointment gets one reminder per offset still in the future; a move replaces
-- them; leaving 'confirmed' (cancelled, completed, no-show) cancels them.
CREATE TRIGGER appointments_schedule_reminders
AFTER UPDATE OF status, start_at ON appointments
WHEN NEW.status = 'confirmed' AND (OLD.status IS NOT 'confirmed' OR NEW.start_at IS NOT OLD.start_at)
BEGIN
    UPDATE jobs SET status = 'cancelled', finished_at = NEW.updated_at, dedupe_key = NULL
    WHERE reminder_for = NEW.id AND status = 'queued';
    INSERT INTO jobs (kind, payload, run_at, created_at, reminder_for, dedupe_key)
    SELECT 'mail',
           json_object('template', 'reminder', 'appointment_id', NEW.id,
                       'start_at', NEW.start_at, 'minutes_before', o.minutes_before),
           NEW.start_at - o.minutes_before * 60, NEW.updated_at, NEW.id,
           'reminder:' || NEW.id || ':' || NEW.start_at || ':' || o.minutes_before
    FROM reminder_offsets o
    WHERE NEW.start_at - o.minutes_before * 60 > NEW.updated_at;
END;

CREATE TRIGGER appointments_cancel_reminders
AFTER UPDATE OF status ON appointments
WHEN OLD.status = 'confirmed' AND NEW.status IS NOT 'confirmed'
BEGIN
    UPDATE jobs SET status = 'cancelled', finished_at = NEW.updated_at, dedupe_key = NULL
    WHERE reminder_for = NEW.id AND status = 'queued';
END;
