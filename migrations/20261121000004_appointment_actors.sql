-- Who made each status change, and the fee agreed at booking time (a doctor changing their fee
-- later does not change booked appointments).

ALTER TABLE appointments ADD COLUMN status_by TEXT
    CHECK (status_by IS NULL OR status_by IN ('patient', 'doctor', 'admin', 'system'));
ALTER TABLE appointments ADD COLUMN fee_minor INTEGER NOT NULL DEFAULT 0
    CHECK (fee_minor BETWEEN 0 AND 10000000);
ALTER TABLE appointments ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD'
    CHECK (currency IN ('USD', 'EUR', 'GBP', 'INR', 'AUD', 'CAD', 'CHF', 'JPY'));

ALTER TABLE appointment_events ADD COLUMN actor TEXT;

DROP TRIGGER appointments_log_insert;
CREATE TRIGGER appointments_log_insert
AFTER INSERT ON appointments
BEGIN
    INSERT INTO appointment_events (appointment_id, from_status, to_status, start_at, at, actor)
    VALUES (NEW.id, NULL, NEW.status, NEW.start_at, NEW.updated_at, NEW.status_by);
END;

DROP TRIGGER appointments_log_update;
CREATE TRIGGER appointments_log_update
AFTER UPDATE OF status, start_at ON appointments
WHEN NEW.status IS NOT OLD.status OR NEW.start_at IS NOT OLD.start_at
BEGIN
    INSERT INTO appointment_events (appointment_id, from_status, to_status, start_at, at, actor)
    VALUES (NEW.id, OLD.status, NEW.status, NEW.start_at, NEW.updated_at, NEW.status_by);
END;

-- Lists of one doctor's or one patient's appointments by time, whatever their status.
CREATE INDEX appointments_by_doctor ON appointments (doctor_id, start_at);
CREATE INDEX appointments_by_patient ON appointments (patient_id, start_at);
CREATE INDEX appointments_by_start ON appointments (start_at);
-- Expired holds are released at the start of every booking transaction.
CREATE INDEX appointments_held ON appointments (hold_expires_at) WHERE status = 'held';
