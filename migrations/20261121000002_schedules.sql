-- Doctors' profiles, weekly hours, date overrides and time off.
-- Rules are local wall-clock minutes (0..1440) in the doctor's IANA time zone.

ALTER TABLE doctors ADD COLUMN bio TEXT NOT NULL DEFAULT '' CHECK (length(bio) <= 2000);
ALTER TABLE doctors ADD COLUMN years_of_experience INTEGER NOT NULL DEFAULT 0
    CHECK (years_of_experience BETWEEN 0 AND 70);
ALTER TABLE doctors ADD COLUMN fee_minor INTEGER NOT NULL DEFAULT 5000
    CHECK (fee_minor BETWEEN 0 AND 10000000);
ALTER TABLE doctors ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD'
    CHECK (currency IN ('USD', 'EUR', 'GBP', 'INR', 'AUD', 'CAD', 'CHF', 'JPY'));
ALTER TABLE doctors ADD COLUMN location TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 200);
ALTER TABLE doctors ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC'
    CHECK (length(time_zone) BETWEEN 1 AND 64);
ALTER TABLE doctors ADD COLUMN slot_minutes INTEGER NOT NULL DEFAULT 30
    CHECK (slot_minutes BETWEEN 5 AND 240);
ALTER TABLE doctors ADD COLUMN buffer_before_minutes INTEGER NOT NULL DEFAULT 0
    CHECK (buffer_before_minutes BETWEEN 0 AND 120);
ALTER TABLE doctors ADD COLUMN buffer_after_minutes INTEGER NOT NULL DEFAULT 0
    CHECK (buffer_after_minutes BETWEEN 0 AND 120);
ALTER TABLE doctors ADD COLUMN min_notice_minutes INTEGER NOT NULL DEFAULT 120
    CHECK (min_notice_minutes BETWEEN 0 AND 43200);
ALTER TABLE doctors ADD COLUMN horizon_days INTEGER NOT NULL DEFAULT 60
    CHECK (horizon_days BETWEEN 1 AND 365);
ALTER TABLE doctors ADD COLUMN auto_confirm INTEGER NOT NULL DEFAULT 0 CHECK (auto_confirm IN (0, 1));

CREATE TABLE working_hours (
    doctor_id    INTEGER NOT NULL REFERENCES doctors (user_id) ON DELETE CASCADE,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: Monday = 1
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (end_minute > start_minute),
    PRIMARY KEY (doctor_id, weekday, start_minute)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER working_hours_never_overlap
BEFORE INSERT ON working_hours
WHEN EXISTS (
    SELECT 1 FROM working_hours w
    WHERE w.doctor_id = NEW.doctor_id AND w.weekday = NEW.weekday
      AND w.start_minute < NEW.end_minute AND NEW.start_minute < w.end_minute
)
BEGIN
    SELECT RAISE(ABORT, 'MB_HOURS_OVERLAP');
END;

CREATE TABLE date_overrides (
    doctor_id  INTEGER NOT NULL REFERENCES doctors (user_id) ON DELETE CASCADE,
    date       TEXT    NOT NULL CHECK (date(date) = date),
    is_day_off INTEGER NOT NULL CHECK (is_day_off IN (0, 1)),
    PRIMARY KEY (doctor_id, date)
) STRICT, WITHOUT ROWID;

CREATE TABLE override_hours (
    doctor_id    INTEGER NOT NULL,
    date         TEXT    NOT NULL,
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (end_minute > start_minute),
    PRIMARY KEY (doctor_id, date, start_minute),
    FOREIGN KEY (doctor_id, date) REFERENCES date_overrides (doctor_id, date) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TRIGGER override_hours_never_overlap
BEFORE INSERT ON override_hours
WHEN EXISTS (
    SELECT 1 FROM override_hours o
    WHERE o.doctor_id = NEW.doctor_id AND o.date = NEW.date
      AND o.start_minute < NEW.end_minute AND NEW.start_minute < o.end_minute
)
BEGIN
    SELECT RAISE(ABORT, 'MB_HOURS_OVERLAP');
END;

-- A day off has no hours.
CREATE TRIGGER override_hours_not_on_day_off
BEFORE INSERT ON override_hours
WHEN (SELECT is_day_off FROM date_overrides WHERE doctor_id = NEW.doctor_id AND date = NEW.date) = 1
BEGIN
    SELECT RAISE(ABORT, 'MB_DAY_OFF_HAS_NO_HOURS');
END;

CREATE TABLE time_off (
    id        INTEGER PRIMARY KEY,
    doctor_id INTEGER NOT NULL REFERENCES doctors (user_id) ON DELETE CASCADE,
    first_day TEXT    NOT NULL CHECK (date(first_day) = first_day),
    last_day  TEXT    NOT NULL CHECK (date(last_day) = last_day),
    note      TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    CHECK (last_day >= first_day)
) STRICT;

CREATE INDEX time_off_by_doctor ON time_off (doctor_id, last_day);
