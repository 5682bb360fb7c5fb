-- Review of issue 18's first cut.
--
-- 1. When a calendar's busy times were last expanded from its whole content: an unchanged
--    calendar (304, or a sync-token with no changes) is read whole again after a week, so a
--    recurring event keeps blocking the far end of the booking horizon.
ALTER TABLE external_calendars ADD COLUMN expanded_at INTEGER;

-- 2. The availability cache is made stale only when busy times really changed (a 304 also
--    writes busy_version, unchanged).
DROP TRIGGER doctor_availability_on_external_busy;
CREATE TRIGGER doctor_availability_on_external_busy
AFTER UPDATE OF busy_version ON external_calendars
WHEN NEW.busy_version <> OLD.busy_version
BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

-- 3. A calendar that stops receiving appointments has them deleted from it: a 'delete' may now
--    follow the 'put' of the same change (unique per change, calendar and action).
DROP TRIGGER appointment_events_push_to_calendar;
CREATE TABLE calendar_pushes_new (
    id             INTEGER PRIMARY KEY,
    calendar_id    INTEGER NOT NULL REFERENCES external_calendars (id) ON DELETE CASCADE,
    appointment_id INTEGER NOT NULL REFERENCES appointments (id),
    event_id       INTEGER NOT NULL REFERENCES appointment_events (id),
    action         TEXT    NOT NULL CHECK (action IN ('put', 'delete')),
    status         TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'done', 'failed')),
    attempts       INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    run_at         INTEGER NOT NULL,
    last_error     TEXT    CHECK (last_error IS NULL OR length(last_error) <= 500),
    finished_at    INTEGER,
    UNIQUE (calendar_id, event_id, action),
    CHECK ((status IN ('done', 'failed')) = (finished_at IS NOT NULL))
) STRICT;
INSERT INTO calendar_pushes_new SELECT * FROM calendar_pushes;
DROP TABLE calendar_pushes;
ALTER TABLE calendar_pushes_new RENAME TO calendar_pushes;
CREATE INDEX calendar_pushes_due ON calendar_pushes (status, run_at);
CREATE TRIGGER appointment_events_push_to_calendar
AFTER INSERT ON appointment_events
WHEN NEW.to_status = 'confirmed'
  OR (NEW.from_status = 'confirmed' AND NEW.to_status IN ('cancelled', 'rejected'))
BEGIN
    INSERT INTO calendar_pushes (calendar_id, appointment_id, event_id, action, run_at)
    SELECT c.id, NEW.appointment_id, NEW.id,
           CASE WHEN NEW.to_status = 'confirmed' THEN 'put' ELSE 'delete' END, NEW.at
    FROM external_calendars c JOIN appointments a ON a.doctor_id = c.doctor_id
    WHERE a.id = NEW.appointment_id AND c.write_back = 1;
END;
