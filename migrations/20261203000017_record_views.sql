-- Who opened which patient's record, and when: written before a doctor or an admin reads a
-- patient's details, kept for good, and shown to the patient on their account page.
CREATE TABLE record_views (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES users (id),
    viewer_id  INTEGER NOT NULL REFERENCES users (id),
    at         INTEGER NOT NULL
) STRICT;

CREATE INDEX record_views_by_patient ON record_views (patient_id, at DESC, id DESC);

-- A patient's record is opened only by an admin or by a doctor they have an appointment with,
-- past or future (not a cancelled, declined or released one) (MB_RECORD_NOT_YOURS): the
-- server reads a record only after this row is written, so the rule and the log are one.
CREATE TRIGGER record_views_only_by_their_doctors_and_admins
BEFORE INSERT ON record_views
WHEN NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.patient_id AND role = 'patient')
  OR NOT (
       EXISTS (SELECT 1 FROM users WHERE id = NEW.viewer_id AND role = 'admin')
    OR EXISTS (SELECT 1 FROM appointments
               WHERE doctor_id = NEW.viewer_id AND patient_id = NEW.patient_id
                 AND status IN ('pending', 'confirmed', 'completed', 'no_show')))
BEGIN
    SELECT RAISE(ABORT, 'MB_RECORD_NOT_YOURS');
END;

-- The log is never rewritten (MB_RECORD_VIEWS_APPEND_ONLY).
CREATE TRIGGER record_views_append_only_update
BEFORE UPDATE ON record_views
BEGIN
    SELECT RAISE(ABORT, 'MB_RECORD_VIEWS_APPEND_ONLY');
END;

-- The log is never deleted from (MB_RECORD_VIEWS_APPEND_ONLY).
CREATE TRIGGER record_views_append_only_delete
BEFORE DELETE ON record_views
BEGIN
    SELECT RAISE(ABORT, 'MB_RECORD_VIEWS_APPEND_ONLY');
END;
