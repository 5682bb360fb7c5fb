-- The earliest start an appointment was booked for. The refund cut-off of a patient's
-- cancellation is measured from it, so moving a visit later never buys a better refund.
-- NULL: never moved (the earliest start is start_at).
ALTER TABLE appointments ADD COLUMN earliest_start_at INTEGER;

CREATE TRIGGER appointments_remember_earliest_start
AFTER UPDATE OF start_at ON appointments
WHEN NEW.start_at <> OLD.start_at
BEGIN
    UPDATE appointments
       SET earliest_start_at = MIN(COALESCE(OLD.earliest_start_at, OLD.start_at), NEW.start_at)
     WHERE id = NEW.id;
END;

CREATE TRIGGER appointments_earliest_start_never_later
BEFORE UPDATE OF earliest_start_at ON appointments
WHEN OLD.earliest_start_at IS NOT NULL
 AND (NEW.earliest_start_at IS NULL OR NEW.earliest_start_at > OLD.earliest_start_at)
BEGIN
    SELECT RAISE(ABORT, 'MB_EARLIEST_START_KEPT');
END;
