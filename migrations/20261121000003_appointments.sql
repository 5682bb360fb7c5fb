-- Appointments and the invariants SQLite itself enforces, whatever code path writes:
-- no two active appointments (held, pending, confirmed) overlap for the same doctor (including
-- the doctor's buffers captured at booking) or for the same patient (with any doctor); only
-- legal status changes happen; appointments are never deleted; every change is logged.
-- Expired holds must be released (status 'released') before checking, in the same transaction.

CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY,
    doctor_id       INTEGER NOT NULL REFERENCES doctors (user_id),
    patient_id      INTEGER NOT NULL REFERENCES users (id),
    start_at        INTEGER NOT NULL,
    end_at          INTEGER NOT NULL,
    -- start_at minus the doctor's buffer before / end_at plus the buffer after, at booking time.
    blocked_from    INTEGER NOT NULL,
    blocked_until   INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN
                        ('held', 'pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show', 'released')),
    hold_expires_at INTEGER,
    reason          TEXT    NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
    status_note     TEXT    NOT NULL DEFAULT '' CHECK (length(status_note) <= 500),
    idempotency_key TEXT    CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 8 AND 80),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (end_at > start_at),
    CHECK (blocked_from <= start_at AND blocked_until >= end_at),
    CHECK ((status = 'held') = (hold_expires_at IS NOT NULL)),
    CHECK (patient_id <> doctor_id),
    UNIQUE (patient_id, idempotency_key)
) STRICT;

CREATE INDEX appointments_doctor_active ON appointments (doctor_id, start_at)
    WHERE status IN ('held', 'pending', 'confirmed');
CREATE INDEX appointments_patient_active ON appointments (patient_id, start_at)
    WHERE status IN ('held', 'pending', 'confirmed');

CREATE TRIGGER appointments_patient_is_a_patient
BEFORE INSERT ON appointments
WHEN (SELECT role FROM users WHERE id = NEW.patient_id) IS NOT 'patient'
BEGIN
    SELECT RAISE(ABORT, 'MB_PATIENT_ROLE_REQUIRED');
END;

CREATE TRIGGER appointments_doctor_free_on_insert
BEFORE INSERT ON appointments
WHEN NEW.status IN ('held', 'pending', 'confirmed') AND EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.doctor_id = NEW.doctor_id AND a.status IN ('held', 'pending', 'confirmed')
      AND ((NEW.start_at < a.blocked_until AND NEW.end_at > a.blocked_from)
        OR (a.start_at < NEW.blocked_until AND a.end_at > NEW.blocked_from))
)
BEGIN
    SELECT RAISE(ABORT, 'MB_DOCTOR_OVERLAP');
END;

CREATE TRIGGER appointments_patient_free_on_insert
BEFORE INSERT ON appointments
WHEN NEW.status IN ('held', 'pending', 'confirmed') AND EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.patient_id = NEW.patient_id AND a.status IN ('held', 'pending', 'confirmed')
      AND NEW.start_at < a.end_at AND NEW.end_at > a.start_at
)
BEGIN
    SELECT RAISE(ABORT, 'MB_PATIENT_OVERLAP');
END;

CREATE TRIGGER appointments_doctor_free_on_update
BEFORE UPDATE OF status, start_at, end_at, blocked_from, blocked_until, doctor_id ON appointments
WHEN NEW.status IN ('held', 'pending', 'confirmed') AND EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.id <> NEW.id AND a.doctor_id = NEW.doctor_id AND a.status IN ('held', 'pending', 'confirmed')
      AND ((NEW.start_at < a.blocked_until AND NEW.end_at > a.blocked_from)
        OR (a.start_at < NEW.blocked_until AND a.end_at > NEW.blocked_from))
)
BEGIN
    SELECT RAISE(ABORT, 'MB_DOCTOR_OVERLAP');
END;

CREATE TRIGGER appointments_patient_free_on_update
BEFORE UPDATE OF status, start_at, end_at, patient_id ON appointments
WHEN NEW.status IN ('held', 'pending', 'confirmed') AND EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.id <> NEW.id AND a.patient_id = NEW.patient_id AND a.status IN ('held', 'pending', 'confirmed')
      AND NEW.start_at < a.end_at AND NEW.end_at > a.start_at
)
BEGIN
    SELECT RAISE(ABORT, 'MB_PATIENT_OVERLAP');
END;

-- The lifecycle (mirrors domain::booking::lifecycle).
CREATE TRIGGER appointments_legal_transitions
BEFORE UPDATE OF status ON appointments
WHEN NEW.status IS NOT OLD.status AND NOT (
       (OLD.status = 'held' AND NEW.status IN ('pending', 'confirmed', 'released'))
    OR (OLD.status = 'pending' AND NEW.status IN ('confirmed', 'rejected', 'cancelled'))
    OR (OLD.status = 'confirmed' AND NEW.status IN ('cancelled', 'completed', 'no_show'))
)
BEGIN
    SELECT RAISE(ABORT, 'MB_ILLEGAL_TRANSITION');
END;

-- Who and when never change; times move only while the appointment is active (reschedule).
CREATE TRIGGER appointments_parties_fixed
BEFORE UPDATE OF doctor_id, patient_id, created_at ON appointments
WHEN NEW.doctor_id IS NOT OLD.doctor_id OR NEW.patient_id IS NOT OLD.patient_id
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'MB_APPOINTMENT_PARTIES_FIXED');
END;

CREATE TRIGGER appointments_move_only_when_active
BEFORE UPDATE OF start_at, end_at ON appointments
WHEN (NEW.start_at IS NOT OLD.start_at OR NEW.end_at IS NOT OLD.end_at)
  AND OLD.status NOT IN ('held', 'pending', 'confirmed')
BEGIN
    SELECT RAISE(ABORT, 'MB_ILLEGAL_TRANSITION');
END;

CREATE TRIGGER appointments_are_kept
BEFORE DELETE ON appointments
BEGIN
    SELECT RAISE(ABORT, 'MB_APPOINTMENTS_ARE_KEPT');
END;

-- Every status change and move, for audits and for checking legality after the fact.
CREATE TABLE appointment_events (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments (id),
    from_status    TEXT,
    to_status      TEXT    NOT NULL,
    start_at       INTEGER NOT NULL,
    at             INTEGER NOT NULL
) STRICT;

CREATE INDEX appointment_events_by_appointment ON appointment_events (appointment_id);

CREATE TRIGGER appointments_log_insert
AFTER INSERT ON appointments
BEGIN
    INSERT INTO appointment_events (appointment_id, from_status, to_status, start_at, at)
    VALUES (NEW.id, NULL, NEW.status, NEW.start_at, NEW.updated_at);
END;

CREATE TRIGGER appointments_log_update
AFTER UPDATE OF status, start_at ON appointments
WHEN NEW.status IS NOT OLD.status OR NEW.start_at IS NOT OLD.start_at
BEGIN
    INSERT INTO appointment_events (appointment_id, from_status, to_status, start_at, at)
    VALUES (NEW.id, OLD.status, NEW.status, NEW.start_at, NEW.updated_at);
END;

CREATE TRIGGER appointment_events_append_only_update
BEFORE UPDATE ON appointment_events
BEGIN
    SELECT RAISE(ABORT, 'MB_EVENTS_APPEND_ONLY');
END;

CREATE TRIGGER appointment_events_append_only_delete
BEFORE DELETE ON appointment_events
BEGIN
    SELECT RAISE(ABORT, 'MB_EVENTS_APPEND_ONLY');
END;
