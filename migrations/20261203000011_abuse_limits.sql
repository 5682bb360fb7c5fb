-- Wrong passwords per sign-in name, counted before each check, so that parallel guesses
-- cannot outrun the backoff and a restart does not reset it. The key is `user:<id>` for an
-- existing account, else `login:<name as typed, lower case>`: unknown names are throttled the
-- same way, so the throttle tells nothing about which accounts exist.
CREATE TABLE sign_in_failures (
    key        TEXT    PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 300),
    failures   INTEGER NOT NULL CHECK (failures >= 0),
    last_at    INTEGER NOT NULL
) STRICT;

-- The clinic's booking limits (written at start-up from Leptos.toml; one row).
CREATE TABLE booking_limits (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    max_future_appointments INTEGER NOT NULL CHECK (max_future_appointments >= 1)
) STRICT;

INSERT INTO booking_limits (id, max_future_appointments) VALUES (1, 10);

CREATE TRIGGER appointments_future_per_patient_capped
BEFORE INSERT ON appointments
WHEN NEW.status = 'held'
 AND (SELECT COUNT(*) FROM appointments
       WHERE patient_id = NEW.patient_id AND status IN ('pending', 'confirmed')
         AND start_at > NEW.created_at)
     >= (SELECT max_future_appointments FROM booking_limits WHERE id = 1)
BEGIN
    SELECT RAISE(ABORT, 'MB_TOO_MANY_APPOINTMENTS');
END;

-- The same cap where a hold becomes a booking: two holds taken side by side both passed the
-- check above, but SQLite runs one booking write at a time, so the second one is refused here.
CREATE TRIGGER appointments_future_per_patient_capped_on_booking
BEFORE UPDATE OF status ON appointments
WHEN OLD.status = 'held' AND NEW.status IN ('pending', 'confirmed')
 AND (SELECT COUNT(*) FROM appointments
       WHERE patient_id = NEW.patient_id AND id <> NEW.id AND status IN ('pending', 'confirmed')
         AND start_at > NEW.created_at)
     >= (SELECT max_future_appointments FROM booking_limits WHERE id = 1)
BEGIN
    SELECT RAISE(ABORT, 'MB_TOO_MANY_APPOINTMENTS');
END;
