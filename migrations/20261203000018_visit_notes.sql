-- A doctor's notes on a visit: the summary the patient reads (the diagnosis in plain words,
-- advice, a follow-up in N weeks) and a private note that only the writing doctor reads.
-- Written by the visit's doctor while it is confirmed (or completed, or marked no-show), and
-- changed until 24 hours after the visit's end; after that only addenda are added.
CREATE TABLE visit_notes (
    appointment_id  INTEGER PRIMARY KEY REFERENCES appointments (id),
    doctor_id       INTEGER NOT NULL REFERENCES users (id),
    diagnosis       TEXT    NOT NULL CHECK (length(diagnosis) <= 2000),
    advice          TEXT    NOT NULL CHECK (length(advice) <= 4000),
    follow_up_weeks INTEGER CHECK (follow_up_weeks BETWEEN 1 AND 52),
    private_note    TEXT    NOT NULL CHECK (length(private_note) <= 4000),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL CHECK (updated_at >= created_at)
) STRICT;

-- Only the visit's own doctor writes its note, while the visit stands (MB_NOTE_NOT_ALLOWED).
CREATE TRIGGER visit_notes_by_the_visits_doctor
BEFORE INSERT ON visit_notes
WHEN NOT EXISTS (SELECT 1 FROM appointments
                 WHERE id = NEW.appointment_id AND doctor_id = NEW.doctor_id
                   AND status IN ('confirmed', 'completed', 'no_show'))
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTE_NOT_ALLOWED');
END;

-- A note is written and changed until 24 hours after the visit ends, never backdated
-- (MB_NOTE_CLOSED).
CREATE TRIGGER visit_notes_written_within_a_day
BEFORE INSERT ON visit_notes
WHEN NEW.updated_at > (SELECT end_at + 86400 FROM appointments WHERE id = NEW.appointment_id)
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTE_CLOSED');
END;

-- The same window for changes (MB_NOTE_CLOSED).
CREATE TRIGGER visit_notes_changed_within_a_day
BEFORE UPDATE ON visit_notes
WHEN NEW.updated_at > (SELECT end_at + 86400 FROM appointments WHERE id = NEW.appointment_id)
  OR NEW.updated_at < OLD.updated_at
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTE_CLOSED');
END;

-- A note stays with its visit and its author (MB_NOTE_NOT_ALLOWED).
CREATE TRIGGER visit_notes_keep_their_visit
BEFORE UPDATE OF appointment_id, doctor_id, created_at ON visit_notes
WHEN NEW.appointment_id IS NOT OLD.appointment_id OR NEW.doctor_id IS NOT OLD.doctor_id
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTE_NOT_ALLOWED');
END;

-- Notes are part of the medical record: never deleted (MB_NOTES_KEPT).
CREATE TRIGGER visit_notes_kept
BEFORE DELETE ON visit_notes
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTES_KEPT');
END;

-- What the doctor adds once the note is closed: for the patient to read, or private.
CREATE TABLE visit_note_addenda (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments (id),
    doctor_id      INTEGER NOT NULL REFERENCES users (id),
    private        INTEGER NOT NULL CHECK (private IN (0, 1)),
    body           TEXT    NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    at             INTEGER NOT NULL
) STRICT;

CREATE INDEX visit_note_addenda_by_appointment ON visit_note_addenda (appointment_id, id);

-- Addenda come from the visit's doctor, once the note's day of editing is over
-- (MB_NOTE_NOT_ALLOWED).
CREATE TRIGGER visit_note_addenda_after_the_note_closes
BEFORE INSERT ON visit_note_addenda
WHEN NOT EXISTS (SELECT 1 FROM appointments
                 WHERE id = NEW.appointment_id AND doctor_id = NEW.doctor_id
                   AND status IN ('confirmed', 'completed', 'no_show')
                   AND NEW.at > end_at + 86400)
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTE_NOT_ALLOWED');
END;

-- Addenda are never rewritten (MB_NOTES_KEPT).
CREATE TRIGGER visit_note_addenda_append_only_update
BEFORE UPDATE ON visit_note_addenda
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTES_KEPT');
END;

-- Addenda are never deleted (MB_NOTES_KEPT).
CREATE TRIGGER visit_note_addenda_append_only_delete
BEFORE DELETE ON visit_note_addenda
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTES_KEPT');
END;
