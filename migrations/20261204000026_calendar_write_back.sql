-- Write-back (issue 18, part 4): a doctor picks one connected CalDAV calendar to receive their
-- confirmed appointments; each change to one is pushed there once, through a durable queue.
ALTER TABLE external_calendars ADD COLUMN write_back INTEGER NOT NULL DEFAULT 0
    CHECK (write_back IN (0, 1));

-- One write-back calendar per doctor, and only a CalDAV one.
CREATE UNIQUE INDEX external_calendars_one_write_back ON external_calendars (doctor_id)
    WHERE write_back = 1;

CREATE TRIGGER external_calendars_write_back_caldav
BEFORE UPDATE OF write_back ON external_calendars
WHEN NEW.write_back = 1 AND NEW.kind <> 'caldav'
BEGIN
    SELECT RAISE(ABORT, 'MB_WRITE_BACK_CALDAV_ONLY');
END;

-- The queue: one row per appointment change and write-back calendar (the UNIQUE pair makes
-- each change pushed once, whatever retries), PUT of the event or DELETE of it.
CREATE TABLE calendar_pushes (
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
    UNIQUE (calendar_id, event_id),
    CHECK ((status IN ('done', 'failed')) = (finished_at IS NOT NULL))
) STRICT;

CREATE INDEX calendar_pushes_due ON calendar_pushes (status, run_at);

-- Derived data: a confirmed appointment (booked, accepted or moved while confirmed) is put in
-- the doctor's write-back calendar; one that stops taking place is deleted from it.
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
