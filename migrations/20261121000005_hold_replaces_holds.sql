-- Placing a hold releases, in the same statement, every hold whose time is up and the
-- patient's current hold (a patient holds one slot at a time); only then are overlaps checked.
-- One trigger instead of three, because SQLite promises no order between separate triggers.
-- A hold is then a single INSERT inside its BEGIN IMMEDIATE transaction, and whatever code
-- path inserts appointments gets the same behaviour.

DROP TRIGGER appointments_doctor_free_on_insert;
DROP TRIGGER appointments_patient_free_on_insert;

CREATE TRIGGER appointments_checked_on_insert
BEFORE INSERT ON appointments
BEGIN
    UPDATE appointments
    SET status = 'released', hold_expires_at = NULL, updated_at = NEW.created_at,
        status_by = CASE WHEN hold_expires_at <= NEW.created_at THEN 'system' ELSE 'patient' END
    WHERE NEW.status = 'held' AND status = 'held'
      AND (hold_expires_at <= NEW.created_at OR patient_id = NEW.patient_id);

    SELECT RAISE(ABORT, 'MB_DOCTOR_OVERLAP')
    WHERE NEW.status IN ('held', 'pending', 'confirmed') AND EXISTS (
        SELECT 1 FROM appointments a
        WHERE a.doctor_id = NEW.doctor_id AND a.status IN ('held', 'pending', 'confirmed')
          AND ((NEW.start_at < a.blocked_until AND NEW.end_at > a.blocked_from)
            OR (a.start_at < NEW.blocked_until AND a.end_at > NEW.blocked_from))
    );

    SELECT RAISE(ABORT, 'MB_PATIENT_OVERLAP')
    WHERE NEW.status IN ('held', 'pending', 'confirmed') AND EXISTS (
        SELECT 1 FROM appointments a
        WHERE a.patient_id = NEW.patient_id AND a.status IN ('held', 'pending', 'confirmed')
          AND NEW.start_at < a.end_at AND NEW.end_at > a.start_at
    );
END;
