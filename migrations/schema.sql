-- The current schema of MediBook's SQLite database, in one place: every table with its
-- indexes and triggers, as the migrations leave it (a test compares this file with a freshly
-- migrated database, ignoring lines that start with "--"). Change the schema with a new
-- migration, then update this file.

-- ==== specialties ====
-- The medical specialties a doctor practises (seeded by the first migration; doctors.specialty_id); admins
-- add, rename and retire them (retired_at: kept by its doctors, offered to nobody new).

CREATE TABLE specialties (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 2 AND 80)
, retired_at INTEGER) STRICT;

-- Derived data: a renamed specialty's doctors are found under the new name (admins rename in
-- src/server/services/specialties.rs); tests/api/specialties.rs
-- (admins_add_and_rename_specialties_and_the_directory_follows_a_rename).
CREATE TRIGGER doctor_search_on_specialty_rename
AFTER UPDATE OF name ON specialties
WHEN NEW.name IS NOT OLD.name COLLATE BINARY
BEGIN
    UPDATE doctor_search SET specialty = NEW.name
     WHERE rowid IN (SELECT user_id FROM doctors WHERE specialty_id = NEW.id);
END;

-- Invariant: specialties are retired, never deleted (MB_SPECIALTIES_KEPT): doctors keep theirs.
-- Safety net: no code path deletes one; tests/api/specialties.rs
-- (a_retired_specialty_stays_on_its_doctors_and_is_chosen_by_nobody_new).
CREATE TRIGGER specialties_are_kept
BEFORE DELETE ON specialties
BEGIN
    SELECT RAISE(ABORT, 'MB_SPECIALTIES_KEPT');
END;

-- ==== users ====
-- Every account (patient, doctor or admin): username, email, contact details, Argon2 password hash,
-- active flag, auth_version (bumped to end all sessions), the zone a patient reads times in, and the
-- optional mails they receive (reminders, review invitations).

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    role           TEXT    NOT NULL CHECK (role IN ('patient', 'doctor', 'admin')),
    username       TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 3 AND 32),
    email          TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),
    full_name      TEXT    NOT NULL CHECK (length(full_name) BETWEEN 2 AND 100),
    phone          TEXT    CHECK (phone IS NULL OR length(phone) BETWEEN 7 AND 16),
    date_of_birth  TEXT    CHECK (date_of_birth IS NULL OR date(date_of_birth) = date_of_birth),
    password_hash  TEXT    NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    is_active      INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    -- Bumped whenever every existing session must end (deactivation, password change).
    auth_version   INTEGER NOT NULL DEFAULT 1 CHECK (auth_version >= 1),
    email_verified_at INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    time_zone      TEXT    CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64),
    -- When the person closed the account; their personal data was erased then.
    closed_at      INTEGER, mail_reminders INTEGER NOT NULL DEFAULT 1 CHECK (mail_reminders IN (0, 1)), mail_review_requests INTEGER NOT NULL DEFAULT 1 CHECK (mail_review_requests IN (0, 1)),
    -- Patients and doctors give phone and date of birth (admins created from the CLI may
    -- not), until they close their account.
    CHECK (role = 'admin' OR closed_at IS NOT NULL OR (phone IS NOT NULL AND date_of_birth IS NOT NULL)),
    -- A closed account keeps no contact or birth date and cannot sign in.
    CHECK (closed_at IS NULL OR (is_active = 0 AND phone IS NULL AND date_of_birth IS NULL
                                 AND time_zone IS NULL AND email_verified_at IS NULL))
) STRICT;

-- Derived data: a closed account's calendar feed is deleted in the closing transaction, so its
-- address answers 404 (src/server/calendar/feeds.rs also serves only active, open accounts);
-- tests/api/calendar_feeds.rs.
CREATE TRIGGER calendar_feeds_gone_with_account
AFTER UPDATE OF closed_at ON users
WHEN NEW.closed_at IS NOT NULL
BEGIN
    DELETE FROM calendar_feeds WHERE user_id = NEW.id;
END;

-- Cache invalidation: a doctor deactivated or reactivated leaves or rejoins the directory, so their
-- cached availability (doctor_availability) is recomputed by src/server/directory/availability_cache.rs.
CREATE TRIGGER doctor_availability_on_user_active AFTER UPDATE OF is_active ON users
WHEN NEW.role = 'doctor' BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.id;
END;

-- Derived data: a doctor's new name is searchable at once (doctor_search).
CREATE TRIGGER doctor_search_on_rename AFTER UPDATE OF full_name ON users
WHEN NEW.role = 'doctor' BEGIN
    UPDATE doctor_search SET name = NEW.full_name WHERE rowid = NEW.id;
END;

-- Derived data: (same) when the account is suspended, reactivated or closed.
CREATE TRIGGER doctors_listed_on_user_active AFTER UPDATE OF is_active ON users BEGIN
    UPDATE doctors SET listed = (verified_at IS NOT NULL AND NEW.is_active = 1)
     WHERE user_id = NEW.id;
END;

-- Derived data: a closed account's provider identities are deleted with its personal data, so
-- the identity can sign up again (tests/api/provider_sign_in.rs).
CREATE TRIGGER provider_identities_gone_with_account
AFTER UPDATE OF closed_at ON users
WHEN NEW.closed_at IS NOT NULL AND OLD.closed_at IS NULL
BEGIN
    DELETE FROM provider_identities WHERE user_id = NEW.id;
END;

-- Invariant: a closed account is never edited or reopened (MB_ACCOUNT_CLOSED); its personal data
-- was erased by src/server/services/account_closing.rs.
CREATE TRIGGER users_closed_for_good
BEFORE UPDATE ON users
WHEN OLD.closed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_ACCOUNT_CLOSED');
END;

-- Invariant: a user's role never changes once the account exists (MB_ROLE_IMMUTABLE). Safety net:
-- nothing writes users.role after src/server/users.rs (insert, insert_admin); it keeps the
-- insert-time role checks (doctors_require_doctor_role, appointments_patient_is_a_patient) true for
-- good. No test in tests/api raises it.
CREATE TRIGGER users_role_is_immutable
BEFORE UPDATE OF role ON users
WHEN NEW.role IS NOT OLD.role
BEGIN
    SELECT RAISE(ABORT, 'MB_ROLE_IMMUTABLE');
END;

-- ==== doctors ====
-- A doctor account's professional details: specialty, licence, who verified them and when, public
-- profile, fee, and booking policy (zone, slot length, buffers, notice, horizon, auto-confirm).

CREATE TABLE doctors (
    user_id        INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    specialty_id   INTEGER NOT NULL REFERENCES specialties (id),
    licence_number TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(licence_number) BETWEEN 4 AND 32),
    verified_at    INTEGER,
    verified_by    INTEGER REFERENCES users (id), bio TEXT NOT NULL DEFAULT '' CHECK (length(bio) <= 2000), years_of_experience INTEGER NOT NULL DEFAULT 0
    CHECK (years_of_experience BETWEEN 0 AND 70), fee_minor INTEGER NOT NULL DEFAULT 5000
    CHECK (fee_minor BETWEEN 0 AND 10000000), currency TEXT NOT NULL DEFAULT 'USD'
    CHECK (currency IN ('USD', 'EUR', 'GBP', 'INR', 'AUD', 'CAD', 'CHF', 'JPY')), location TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 200), time_zone TEXT NOT NULL DEFAULT 'UTC'
    CHECK (length(time_zone) BETWEEN 1 AND 64), slot_minutes INTEGER NOT NULL DEFAULT 30
    CHECK (slot_minutes BETWEEN 5 AND 240), buffer_before_minutes INTEGER NOT NULL DEFAULT 0
    CHECK (buffer_before_minutes BETWEEN 0 AND 120), buffer_after_minutes INTEGER NOT NULL DEFAULT 0
    CHECK (buffer_after_minutes BETWEEN 0 AND 120), min_notice_minutes INTEGER NOT NULL DEFAULT 120
    CHECK (min_notice_minutes BETWEEN 0 AND 43200), horizon_days INTEGER NOT NULL DEFAULT 60
    CHECK (horizon_days BETWEEN 1 AND 365), auto_confirm INTEGER NOT NULL DEFAULT 0 CHECK (auto_confirm IN (0, 1)), practice_location_id INTEGER REFERENCES locations (id), photo_id INTEGER REFERENCES photos (id), listed INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 1)),
    CHECK ((verified_at IS NULL) = (verified_by IS NULL))
) STRICT;

CREATE INDEX doctors_by_experience ON doctors (years_of_experience DESC);

CREATE INDEX doctors_by_fee ON doctors ((fee_minor * CASE currency WHEN 'JPY' THEN 100 ELSE 1 END));

CREATE INDEX doctors_by_practice_location ON doctors (practice_location_id);

CREATE INDEX doctors_by_specialty ON doctors (specialty_id) WHERE verified_at IS NOT NULL;

CREATE INDEX doctors_listed ON doctors (listed);

-- Derived data: every doctor has a cached-availability row, due for computing (version 1 > 0).
CREATE TRIGGER doctor_availability_for_new_doctor AFTER INSERT ON doctors BEGIN
    INSERT INTO doctor_availability (doctor_id) VALUES (NEW.user_id);
END;

-- Cache invalidation: zone, slot rules, notice, horizon and verification move free times.
-- tests/api/availability_cache.rs compares the cache with the engine after random changes.
CREATE TRIGGER doctor_availability_on_settings
AFTER UPDATE OF verified_at, time_zone, slot_minutes, buffer_before_minutes, buffer_after_minutes,
    min_notice_minutes, horizon_days ON doctors BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.user_id;
END;

-- Derived data: every doctor has a ratings row (zero reviews).
CREATE TRIGGER doctor_ratings_for_new_doctor AFTER INSERT ON doctors BEGIN
    INSERT INTO doctor_ratings (doctor_id) VALUES (NEW.user_id);
END;

-- Derived data: a removed doctor leaves the search index.
CREATE TRIGGER doctor_search_on_delete AFTER DELETE ON doctors BEGIN
    DELETE FROM doctor_search WHERE rowid = OLD.user_id;
END;

-- Derived data: a new doctor is indexed with their name, specialty, bio and the names (English and
-- local) of their practice place and every place above it (codes extend their parent's code).
CREATE TRIGGER doctor_search_on_insert AFTER INSERT ON doctors BEGIN
    INSERT INTO doctor_search (rowid, name, specialty, bio, place)
    SELECT NEW.user_id,
           (SELECT full_name FROM users WHERE id = NEW.user_id),
           (SELECT name FROM specialties WHERE id = NEW.specialty_id),
           NEW.bio,
           (SELECT ifnull(group_concat(a.name_en || ' ' || a.name_local, ' '), '')
              FROM locations l JOIN locations a
                ON a.code = l.code OR substr(l.code, 1, length(a.code) + 1) = a.code || '.'
             WHERE l.id = NEW.practice_location_id);
END;

-- (same)
CREATE TRIGGER doctor_search_on_update
AFTER UPDATE OF bio, specialty_id, practice_location_id ON doctors BEGIN
    DELETE FROM doctor_search WHERE rowid = OLD.user_id;
    INSERT INTO doctor_search (rowid, name, specialty, bio, place)
    SELECT NEW.user_id,
           (SELECT full_name FROM users WHERE id = NEW.user_id),
           (SELECT name FROM specialties WHERE id = NEW.specialty_id),
           NEW.bio,
           (SELECT ifnull(group_concat(a.name_en || ' ' || a.name_local, ' '), '')
              FROM locations l JOIN locations a
                ON a.code = l.code OR substr(l.code, 1, length(a.code) + 1) = a.code || '.'
             WHERE l.id = NEW.practice_location_id);
END;

-- Invariant: no doctor moves onto a retired specialty; one who has it keeps it
-- (MB_SPECIALTY_RETIRED). src/server/services/doctor_profile.rs checks first (doctors.rs,
-- specialty_offered); tests/api/specialties.rs
-- (a_retired_specialty_stays_on_its_doctors_and_is_chosen_by_nobody_new).
CREATE TRIGGER doctors_changed_specialty_not_retired
BEFORE UPDATE OF specialty_id ON doctors
WHEN NEW.specialty_id IS NOT OLD.specialty_id
 AND (SELECT retired_at FROM specialties WHERE id = NEW.specialty_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_SPECIALTY_RETIRED');
END;

-- Derived data: doctors.listed (verified and active) for the directory, set when the row arrives.
CREATE TRIGGER doctors_listed_on_insert AFTER INSERT ON doctors BEGIN
    UPDATE doctors SET listed = (NEW.verified_at IS NOT NULL
        AND (SELECT is_active FROM users WHERE id = NEW.user_id) = 1)
     WHERE user_id = NEW.user_id;
END;

-- Derived data: (same) when verification is granted or withdrawn.
CREATE TRIGGER doctors_listed_on_verification AFTER UPDATE OF verified_at ON doctors BEGIN
    UPDATE doctors SET listed = (NEW.verified_at IS NOT NULL
        AND (SELECT is_active FROM users WHERE id = NEW.user_id) = 1)
     WHERE user_id = NEW.user_id;
END;

-- Invariant: no new doctor registers under a retired specialty (MB_SPECIALTY_RETIRED).
-- src/server/services/register.rs checks first (doctors.rs, specialty_offered); tests/api/specialties.rs
-- (a_retired_specialty_stays_on_its_doctors_and_is_chosen_by_nobody_new).
CREATE TRIGGER doctors_new_specialty_not_retired
BEFORE INSERT ON doctors
WHEN (SELECT retired_at FROM specialties WHERE id = NEW.specialty_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_SPECIALTY_RETIRED');
END;

-- Invariant: a doctors row belongs to a user whose role is 'doctor' (MB_DOCTOR_ROLE_REQUIRED).
-- Safety net: src/server/doctors.rs (insert) is only called for doctor accounts, by
-- src/server/services/register.rs (register) and src/server/seed.rs (ensure_doctor). No test in
-- tests/api raises it.
CREATE TRIGGER doctors_require_doctor_role
BEFORE INSERT ON doctors
WHEN (SELECT role FROM users WHERE id = NEW.user_id) IS NOT 'doctor'
BEGIN
    SELECT RAISE(ABORT, 'MB_DOCTOR_ROLE_REQUIRED');
END;

-- Invariant: a doctor's photo is one they uploaded (MB_PHOTO_NOT_OWN). Safety net: the photo
-- service stores and links a photo in one transaction for its uploader.
CREATE TRIGGER doctors_show_their_own_photo
BEFORE UPDATE OF photo_id ON doctors
WHEN NEW.photo_id IS NOT NULL
 AND (SELECT owner_id FROM photos WHERE id = NEW.photo_id) IS NOT NEW.user_id
BEGIN
    SELECT RAISE(ABORT, 'MB_PHOTO_NOT_OWN');
END;

-- Invariant: only an active admin is recorded as a doctor's verifier (MB_VERIFIER_NOT_ADMIN); UPDATE only, so an
-- INSERT with verified_by (src/server/seed.rs ensure_doctor) is not checked. Safety net for src/server/doctors.rs
-- (mark_verified) via services/accounts_admin.rs (verify_doctor); no test raises it. mark_verified writes
-- verified_by only while it is NULL, so re-verifying a doctor whose verifier has since left is a no-op.
CREATE TRIGGER doctors_verified_by_admin
BEFORE UPDATE OF verified_by ON doctors
WHEN NEW.verified_by IS NOT NULL
 AND (SELECT role FROM users WHERE id = NEW.verified_by AND is_active = 1) IS NOT 'admin'
BEGIN
    SELECT RAISE(ABORT, 'MB_VERIFIER_NOT_ADMIN');
END;

-- ==== working_hours ====
-- A doctor's repeating weekly hours: working intervals per ISO weekday, in local wall-clock
-- minutes.

CREATE TABLE working_hours (
    doctor_id    INTEGER NOT NULL REFERENCES doctors (user_id) ON DELETE CASCADE,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: Monday = 1
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (end_minute > start_minute),
    PRIMARY KEY (doctor_id, weekday, start_minute)
) STRICT, WITHOUT ROWID;

-- Cache invalidation: weekly hours move free times.
CREATE TRIGGER doctor_availability_on_hours_delete AFTER DELETE ON working_hours BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = OLD.doctor_id;
END;

-- (same)
CREATE TRIGGER doctor_availability_on_hours_insert AFTER INSERT ON working_hours BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

-- Invariant: a doctor's working intervals on one weekday never overlap (MB_HOURS_OVERLAP). Safety net:
-- src/server/schedules.rs (replace_weekly_hours), from services/schedule_editing.rs (save_weekly_hours) and
-- services/register.rs (start_schedule), writes DayHours the domain already checked; tests/api/scheduling.rs
-- (invalid_schedule_edits_are_refused_at_the_field_and_write_nothing) sees the field error.
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

-- ==== date_overrides ====
-- A dated exception to a doctor's weekly hours: a day off, or a day with its own hours (override_hours);
-- src/server/schedules.rs (put_override) replaces one as a whole (delete, then insert).

CREATE TABLE date_overrides (
    doctor_id  INTEGER NOT NULL REFERENCES doctors (user_id) ON DELETE CASCADE,
    date       TEXT    NOT NULL CHECK (date(date) = date),
    is_day_off INTEGER NOT NULL CHECK (is_day_off IN (0, 1)),
    PRIMARY KEY (doctor_id, date)
) STRICT, WITHOUT ROWID;

-- Cache invalidation: date overrides move free times.
CREATE TRIGGER doctor_availability_on_override_delete AFTER DELETE ON date_overrides BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = OLD.doctor_id;
END;

-- (same)
CREATE TRIGGER doctor_availability_on_override_insert AFTER INSERT ON date_overrides BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

-- ==== override_hours ====
-- The working intervals of a date override that is not a day off (deleted with it by cascade).

CREATE TABLE override_hours (
    doctor_id    INTEGER NOT NULL,
    date         TEXT    NOT NULL,
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (end_minute > start_minute),
    PRIMARY KEY (doctor_id, date, start_minute),
    FOREIGN KEY (doctor_id, date) REFERENCES date_overrides (doctor_id, date) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- (same)
CREATE TRIGGER doctor_availability_on_override_hours_insert AFTER INSERT ON override_hours BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

-- Invariant: the intervals of one date override never overlap (MB_HOURS_OVERLAP). Safety net:
-- src/server/schedules.rs (put_override), from services/schedule_editing.rs (put_override), inserts
-- DayHours the domain already checked. No test in tests/api raises it.
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

-- Invariant: a date override that is a day off has no working hours (MB_DAY_OFF_HAS_NO_HOURS).
-- Safety net: src/server/schedules.rs (put_override) inserts hours only for DayRule::Hours (and
-- never UPDATEs date_overrides.is_day_off, which this does not watch). No test in tests/api raises
-- it.
CREATE TRIGGER override_hours_not_on_day_off
BEFORE INSERT ON override_hours
WHEN (SELECT is_day_off FROM date_overrides WHERE doctor_id = NEW.doctor_id AND date = NEW.date) = 1
BEGIN
    SELECT RAISE(ABORT, 'MB_DAY_OFF_HAS_NO_HOURS');
END;

-- ==== time_off ====
-- A doctor's days away (first_day..last_day inclusive, local dates) with an optional note.

CREATE TABLE time_off (
    id        INTEGER PRIMARY KEY,
    doctor_id INTEGER NOT NULL REFERENCES doctors (user_id) ON DELETE CASCADE,
    first_day TEXT    NOT NULL CHECK (date(first_day) = first_day),
    last_day  TEXT    NOT NULL CHECK (date(last_day) = last_day),
    note      TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    CHECK (last_day >= first_day)
) STRICT;

CREATE INDEX time_off_by_doctor ON time_off (doctor_id, last_day);

-- Cache invalidation: time off moves free times.
CREATE TRIGGER doctor_availability_on_time_off_delete AFTER DELETE ON time_off BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = OLD.doctor_id;
END;

-- (same)
CREATE TRIGGER doctor_availability_on_time_off_insert AFTER INSERT ON time_off BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

-- ==== appointments ====
-- Every hold and booking, kept forever: doctor, patient, time and blocked span (buffers at booking),
-- status, hold expiry, reason, the fee agreed when held, and who made the last change (status_by).

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
    updated_at      INTEGER NOT NULL, status_by TEXT
    CHECK (status_by IS NULL OR status_by IN ('patient', 'doctor', 'admin', 'system')), fee_minor INTEGER NOT NULL DEFAULT 0
    CHECK (fee_minor BETWEEN 0 AND 10000000), currency TEXT NOT NULL DEFAULT 'USD'
    CHECK (currency IN ('USD', 'EUR', 'GBP', 'INR', 'AUD', 'CAD', 'CHF', 'JPY')), earliest_start_at INTEGER, hold_key TEXT
    CHECK (hold_key IS NULL OR length(hold_key) BETWEEN 8 AND 40),
    CHECK (end_at > start_at),
    CHECK (blocked_from <= start_at AND blocked_until >= end_at),
    CHECK ((status = 'held') = (hold_expires_at IS NOT NULL)),
    CHECK (patient_id <> doctor_id),
    UNIQUE (patient_id, idempotency_key)
) STRICT;

CREATE INDEX appointments_by_created ON appointments (created_at, status, doctor_id, start_at, patient_id);

CREATE INDEX appointments_by_doctor ON appointments (doctor_id, start_at);

CREATE INDEX appointments_by_patient ON appointments (patient_id, start_at);

CREATE INDEX appointments_by_start ON appointments (start_at, doctor_id, status, end_at);

CREATE INDEX appointments_doctor_active ON appointments (doctor_id, start_at)
    WHERE status IN ('held', 'pending', 'confirmed');

CREATE INDEX appointments_held ON appointments (hold_expires_at) WHERE status = 'held';

CREATE UNIQUE INDEX appointments_hold_once_per_key
    ON appointments (patient_id, hold_key) WHERE hold_key IS NOT NULL;

CREATE INDEX appointments_patient_active ON appointments (patient_id, start_at)
    WHERE status IN ('held', 'pending', 'confirmed');

-- Invariant: appointments are never deleted (events, notices, jobs and the ledger point at them).
-- Safety net: no code path deletes appointments; tests/api/appointment_invariants.rs
-- (cancelled_times_free_up_and_only_legal_changes_are_accepted) checks MB_APPOINTMENTS_ARE_KEPT.
CREATE TRIGGER appointments_are_kept
BEFORE DELETE ON appointments
BEGIN
    SELECT RAISE(ABORT, 'MB_APPOINTMENTS_ARE_KEPT');
END;

-- Invariant: when an appointment leaves 'confirmed', its queued reminder jobs are cancelled (dedupe keys freed).
-- Relied on by src/server/services/change_appointment.rs (change_appointment), which writes no job itself;
-- src/server/mail/compose.rs (reminder) also skips a non-confirmed one as a backstop. tests/api/notices.rs
-- (with_the_clock_moved_each_confirmed_appointment_is_reminded_once_at_its_current_time) counts the cancelled jobs.
CREATE TRIGGER appointments_cancel_reminders
AFTER UPDATE OF status ON appointments
WHEN OLD.status = 'confirmed' AND NEW.status IS NOT 'confirmed'
BEGIN
    UPDATE jobs SET status = 'cancelled', finished_at = NEW.updated_at, dedupe_key = NULL
    WHERE reminder_for = NEW.id AND status = 'queued';
END;

-- Invariant: a new hold first releases lapsed holds and the patient's other hold (one statement), then no active
-- appointment may overlap the doctor's buffered time (MB_DOCTOR_OVERLAP) or the patient's (MB_PATIENT_OVERLAP). Relied
-- on by src/server/booking/hold.rs (hold_slot) via src/server/appointments.rs (insert_hold), which read no busy times:
-- src/server/db/trigger_code.rs (TriggerCode::DoctorOverlap -> "just taken", PatientOverlap -> PatientBusy).
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

-- Invariant: no status change or move makes two active appointments overlap the doctor's buffered time
-- (MB_DOCTOR_OVERLAP). The referee for src/server/booking/reschedule.rs (reschedule_appointment) via
-- appointments.rs (move_to) -> "just taken" (db/trigger_code.rs), since others' stored buffers may differ; a safety
-- net for appointments.rs (book_hold). tests/api/appointment_invariants.rs checks a move onto a booked time.
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

-- Guarantees: the earliest booked start only ever moves earlier, so no write can turn a late
-- cancellation into an early one. Safety net: only appointments_remember_earliest_start writes
-- it; tests/api/payments.rs (moving_a_late_visit_further_out_never_buys_a_full_refund) checks it.
CREATE TRIGGER appointments_earliest_start_never_later
BEFORE UPDATE OF earliest_start_at ON appointments
WHEN OLD.earliest_start_at IS NOT NULL
 AND (NEW.earliest_start_at IS NULL OR NEW.earliest_start_at > OLD.earliest_start_at)
BEGIN
    SELECT RAISE(ABORT, 'MB_EARLIEST_START_KEPT');
END;

-- Invariant: one patient holds at most booking_limits.max_future_appointments upcoming booked
-- visits (MB_TOO_MANY_APPOINTMENTS, a 409 the booking page words), checked when the hold is
-- taken (so the patient hears it before paying). Safety net: the _on_booking trigger checks again
-- inside the booking write, so holds taken side by side cannot pass the cap together;
-- tests/api/abuse_limits.rs.
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

-- Invariant: the same cap inside the held -> booked write (MB_TOO_MANY_APPOINTMENTS). Safety
-- net: SQLite runs one write at a time, so of two holds taken side by side only one books.
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

-- Invariant: status changes follow the lifecycle: held -> pending/confirmed/released, pending ->
-- confirmed/rejected/cancelled, confirmed -> cancelled/completed/no_show (MB_ILLEGAL_TRANSITION). Safety net:
-- services/change_appointment.rs checks domain::booking::lifecycle first, booking/release.rs and book_hold only
-- touch holds; tests/api/appointment_invariants.rs (cancelled_times_free_up_and_only_legal_changes_are_accepted).
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

-- Invariant: every new appointment gets its first appointment_events row (NULL -> status, actor =
-- status_by). Audit trail: no src/server code reads this first row by itself (notices start at the
-- next one); the chain is checked by tests/api/random_sequences.rs (check_invariants),
-- tests/api/lifecycle.rs and tests/api/authorization.rs.
CREATE TRIGGER appointments_log_insert
AFTER INSERT ON appointments
BEGIN
    INSERT INTO appointment_events (appointment_id, from_status, to_status, start_at, at, actor)
    VALUES (NEW.id, NULL, NEW.status, NEW.start_at, NEW.updated_at, NEW.status_by);
END;

-- Invariant: every status change or move appends an appointment_events row (old -> new, start, actor =
-- status_by), so each UPDATE in src/server/appointments.rs sets status_by. Relied on by
-- appointment_events_notify, src/server/mail/compose.rs (notice) and src/server/notifications.rs (list,
-- the notice's start time); tests/api/lifecycle.rs and tests/api/random_sequences.rs check the chain.
CREATE TRIGGER appointments_log_update
AFTER UPDATE OF status, start_at ON appointments
WHEN NEW.status IS NOT OLD.status OR NEW.start_at IS NOT OLD.start_at
BEGIN
    INSERT INTO appointment_events (appointment_id, from_status, to_status, start_at, at, actor)
    VALUES (NEW.id, OLD.status, NEW.status, NEW.start_at, NEW.updated_at, NEW.status_by);
END;

-- Invariant: a move never lands on the doctor's own busy time (MB_EXTERNAL_BUSY, answered "just
-- taken"). Safety net: the reschedule page offers only free times (busy_for_doctor reads
-- external_busy); tests/api/own_calendars.rs.
CREATE TRIGGER appointments_move_not_on_external_busy
BEFORE UPDATE OF start_at, blocked_from, blocked_until ON appointments
WHEN NEW.status IN ('held', 'pending', 'confirmed')
  AND (NEW.blocked_from IS NOT OLD.blocked_from OR NEW.blocked_until IS NOT OLD.blocked_until)
  AND EXISTS (SELECT 1 FROM external_busy b
              WHERE b.doctor_id = NEW.doctor_id
                AND b.start_at < NEW.blocked_until AND b.start_at > NEW.blocked_from - 172800
                AND b.end_at > NEW.blocked_from)
BEGIN
    SELECT RAISE(ABORT, 'MB_EXTERNAL_BUSY');
END;

-- Invariant: an appointment's times move only while it is held, pending or confirmed
-- (MB_ILLEGAL_TRANSITION). Safety net: src/server/booking/reschedule.rs (reschedule_appointment)
-- answers AppointmentChanged first; tests/api/appointment_invariants.rs
-- (cancelled_times_free_up_and_only_legal_changes_are_accepted).
CREATE TRIGGER appointments_move_only_when_active
BEFORE UPDATE OF start_at, end_at ON appointments
WHEN (NEW.start_at IS NOT OLD.start_at OR NEW.end_at IS NOT OLD.end_at)
  AND OLD.status NOT IN ('held', 'pending', 'confirmed')
BEGIN
    SELECT RAISE(ABORT, 'MB_ILLEGAL_TRANSITION');
END;

-- Invariant: a hold never lands on the doctor's own busy time, read from their calendars
-- (MB_EXTERNAL_BUSY). Pieces are at most two days long, so the start index bounds the search.
-- Safety net: the booking page offers only free times; tests/api/own_calendars.rs.
CREATE TRIGGER appointments_not_on_external_busy
BEFORE INSERT ON appointments
WHEN NEW.status IN ('held', 'pending', 'confirmed')
  AND EXISTS (SELECT 1 FROM external_busy b
              WHERE b.doctor_id = NEW.doctor_id
                AND b.start_at < NEW.blocked_until AND b.start_at > NEW.blocked_from - 172800
                AND b.end_at > NEW.blocked_from)
BEGIN
    SELECT RAISE(ABORT, 'MB_EXTERNAL_BUSY');
END;

-- Invariant: nobody books with a closed account, patient or doctor (MB_ACCOUNT_CLOSED).
CREATE TRIGGER appointments_not_with_closed_accounts
BEFORE INSERT ON appointments
WHEN (SELECT closed_at FROM users WHERE id = NEW.patient_id) IS NOT NULL
  OR (SELECT closed_at FROM users WHERE id = NEW.doctor_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_ACCOUNT_CLOSED');
END;

-- Invariant: a hold with a fee becomes pending/confirmed only if a posted payment for it put exactly that fee
-- in escrow, in the same transaction (MB_UNPAID). Guard behind src/server/booking/pay.rs (from_wallet, by_card:
-- ledger post, then appointments.rs book_hold) and booking/confirm.rs (book_free); not expected to fire.
-- tests/api/payments.rs (a_booking_is_paid_in_the_same_step_and_an_unpaid_or_uncovered_one_writes_nothing).
CREATE TRIGGER appointments_paid_before_booked
BEFORE UPDATE OF status ON appointments
WHEN OLD.status = 'held' AND NEW.status IN ('pending', 'confirmed') AND NEW.fee_minor > 0
 AND NOT EXISTS (
    SELECT 1 FROM ledger_transactions t
    JOIN ledger_entries e ON e.transaction_id = t.id
    JOIN ledger_accounts a ON a.id = e.account_id AND a.kind = 'escrow'
    WHERE t.appointment_id = NEW.id AND t.kind = 'payment' AND t.status = 'posted'
      AND e.minor = NEW.fee_minor AND a.currency = NEW.currency)
BEGIN
    SELECT RAISE(ABORT, 'MB_UNPAID');
END;

-- Invariant: a paid appointment ends (rejected, cancelled, completed, no_show) only with its settlement or refund
-- posted, so no fee stays in escrow (MB_ESCROW_NOT_CLOSED). Safety net for src/server/services/change_appointment.rs
-- (change_appointment), which calls src/server/payments/closing.rs (close_escrow) before appointments.rs
-- (set_status). No test raises it; tests/api/payments.rs covers the closing path.
CREATE TRIGGER appointments_paid_fee_closed_on_ending
BEFORE UPDATE OF status ON appointments
WHEN NEW.status IN ('rejected', 'cancelled', 'completed', 'no_show') AND NEW.status IS NOT OLD.status
 AND EXISTS (SELECT 1 FROM ledger_transactions
             WHERE appointment_id = NEW.id AND kind = 'payment' AND status = 'posted')
 AND NOT EXISTS (SELECT 1 FROM ledger_transactions
                 WHERE appointment_id = NEW.id AND kind IN ('settlement', 'refund') AND status = 'posted')
BEGIN
    SELECT RAISE(ABORT, 'MB_ESCROW_NOT_CLOSED');
END;

-- Invariant: an appointment's doctor, patient and created_at never change
-- (MB_APPOINTMENT_PARTIES_FIXED). Safety net: no UPDATE in src/server/appointments.rs writes them
-- (access via domain::booking::actor_for trusts them); tests/api/appointment_invariants.rs
-- (cancelled_times_free_up_and_only_legal_changes_are_accepted).
CREATE TRIGGER appointments_parties_fixed
BEFORE UPDATE OF doctor_id, patient_id, created_at ON appointments
WHEN NEW.doctor_id IS NOT OLD.doctor_id OR NEW.patient_id IS NOT OLD.patient_id
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'MB_APPOINTMENT_PARTIES_FIXED');
END;

-- Invariant: no status change or move puts a patient in two overlapping active appointments
-- (MB_PATIENT_OVERLAP). Relied on by src/server/booking/reschedule.rs (reschedule_appointment), whose own
-- check only covers the doctor: src/server/db/trigger_code.rs (TriggerCode::PatientOverlap -> PatientBusy),
-- as tests/api/lifecycle.rs (rescheduling_moves_to_a_free_slot_atomically_and_frees_the_old_time) expects.
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

-- Invariant: appointments are only for users whose role is 'patient' (MB_PATIENT_ROLE_REQUIRED).
-- Safety net: src/server/booking/hold.rs (hold_slot) is only reached by patients
-- (src/api/hold_slot.rs); tests/api/appointment_invariants.rs
-- (sqlite_refuses_overlaps_for_a_doctor_with_buffers_and_for_a_patient_across_doctors).
CREATE TRIGGER appointments_patient_is_a_patient
BEFORE INSERT ON appointments
WHEN (SELECT role FROM users WHERE id = NEW.patient_id) IS NOT 'patient'
BEGIN
    SELECT RAISE(ABORT, 'MB_PATIENT_ROLE_REQUIRED');
END;

-- Guarantees: a moved appointment remembers the earliest start it was booked for.
-- Relied on by: src/server/appointments.rs (facts: earliest_start) and
-- src/server/payments/closing.rs (close_escrow measures the refund cut-off from it).
CREATE TRIGGER appointments_remember_earliest_start
AFTER UPDATE OF start_at ON appointments
WHEN NEW.start_at <> OLD.start_at
BEGIN
    UPDATE appointments
       SET earliest_start_at = MIN(COALESCE(OLD.earliest_start_at, OLD.start_at), NEW.start_at)
     WHERE id = NEW.id;
END;

-- Invariant: a confirmed appointment has one queued reminder mail job per reminder_offsets entry still ahead of
-- its start; a move replaces them. No Rust code enqueues reminders: confirming (services/change_appointment.rs,
-- appointments.rs book_hold) or moving (booking/reschedule.rs) relies on it, as do src/server/jobs.rs and
-- src/server/mail/compose.rs (reminder); tests/api/notices.rs (several_reminder_offsets_each_send_once).
CREATE TRIGGER appointments_schedule_reminders
AFTER UPDATE OF status, start_at ON appointments
WHEN NEW.status = 'confirmed' AND (OLD.status IS NOT 'confirmed' OR NEW.start_at IS NOT OLD.start_at)
BEGIN
    UPDATE jobs SET status = 'cancelled', finished_at = NEW.updated_at, dedupe_key = NULL
    WHERE reminder_for = NEW.id AND status = 'queued';
    INSERT INTO jobs (kind, payload, run_at, created_at, reminder_for, dedupe_key)
    SELECT 'mail',
           json_object('template', 'reminder', 'appointment_id', NEW.id,
                       'start_at', NEW.start_at, 'minutes_before', o.minutes_before),
           NEW.start_at - o.minutes_before * 60, NEW.updated_at, NEW.id,
           'reminder:' || NEW.id || ':' || NEW.start_at || ':' || o.minutes_before
    FROM reminder_offsets o
    WHERE NEW.start_at - o.minutes_before * 60 > NEW.updated_at;
END;

-- Cache invalidation: an appointment taking or freeing time (any status or time change) moves free
-- times; a hold lapsing with no write is covered by fresh_until.
CREATE TRIGGER doctor_availability_on_appointment_change
AFTER UPDATE OF status, start_at, end_at, blocked_from, blocked_until, hold_expires_at ON appointments
BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id IN (OLD.doctor_id, NEW.doctor_id);
END;

-- (same)
CREATE TRIGGER doctor_availability_on_appointment_insert AFTER INSERT ON appointments BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

-- ==== appointment_events ====
-- The append-only log of every appointment's creation, status changes and moves (from, to, start,
-- when, actor), written only by triggers: the audit trail, and what notices are made from.

CREATE TABLE appointment_events (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments (id),
    from_status    TEXT,
    to_status      TEXT    NOT NULL,
    start_at       INTEGER NOT NULL,
    at             INTEGER NOT NULL
, actor TEXT) STRICT;

CREATE INDEX appointment_events_by_appointment ON appointment_events (appointment_id);

-- Invariant: appointment events are never deleted (MB_EVENTS_APPEND_ONLY). Safety net: no code path
-- deletes events; tests/api/appointment_invariants.rs
-- (cancelled_times_free_up_and_only_legal_changes_are_accepted).
CREATE TRIGGER appointment_events_append_only_delete
BEFORE DELETE ON appointment_events
BEGIN
    SELECT RAISE(ABORT, 'MB_EVENTS_APPEND_ONLY');
END;

-- Invariant: appointment events are never rewritten (MB_EVENTS_APPEND_ONLY). Safety net: no code
-- path updates events; no test in tests/api raises it.
CREATE TRIGGER appointment_events_append_only_update
BEFORE UPDATE ON appointment_events
BEGIN
    SELECT RAISE(ABORT, 'MB_EVENTS_APPEND_ONLY');
END;

-- Invariant: each change to pending/confirmed/rejected/cancelled/completed/no-show, or move, notifies
-- the patient, and the doctor of a new booking or of a cancellation/move they did not make. No Rust code writes
-- these: src/server/notifications.rs (list, unread_count) and src/server/mail/compose.rs (notice)
-- rely on it; tests/api/notices.rs (each_change_mails_and_notifies_the_right_people_in_their_zone).
CREATE TRIGGER appointment_events_notify
AFTER INSERT ON appointment_events
WHEN NEW.from_status IS NOT NULL
 AND NEW.to_status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show')
BEGIN
    INSERT INTO notifications (user_id, appointment_id, event_id, kind, audience, created_at)
    SELECT CASE who.audience WHEN 'patient' THEN a.patient_id ELSE a.doctor_id END,
           a.id, NEW.id, what.kind, who.audience, NEW.at
    FROM appointments a,
         (SELECT CASE
              WHEN NEW.from_status = NEW.to_status THEN 'rescheduled'
              WHEN NEW.from_status = 'held' AND NEW.to_status = 'pending' THEN 'requested'
              WHEN NEW.from_status = 'held' AND NEW.to_status = 'confirmed' THEN 'booked'
              ELSE NEW.to_status
          END AS kind) what,
         (SELECT 'patient' AS audience UNION ALL SELECT 'doctor') who
    WHERE a.id = NEW.appointment_id
      AND (who.audience = 'patient'
           OR what.kind IN ('requested', 'booked')
           OR (what.kind IN ('cancelled', 'rescheduled') AND NEW.actor IS NOT 'doctor'));
END;

-- Derived data: each change that makes an appointment confirmed (or ends a confirmed one) queues
-- one push to the doctor's write-back calendar (UNIQUE per change); sent by
-- src/server/calendar/push.rs; tests/api/own_calendars.rs.
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

-- ==== jobs ====
-- The durable job queue (outbox pattern): mail jobs written in the same transaction as their cause, by
-- code (one-time codes) or by triggers (notices, reminders); run by src/server/jobs.rs (run_one_step).

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('mail')),
    payload      TEXT    NOT NULL CHECK (json_valid(payload)),
    run_at       INTEGER NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'sending', 'done', 'failed', 'cancelled')),
    attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error   TEXT    CHECK (last_error IS NULL OR length(last_error) <= 2000),
    -- Makes enqueueing idempotent where a job must exist once (e.g. one reminder per time).
    dedupe_key   TEXT    UNIQUE,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER, reminder_for INTEGER REFERENCES appointments (id), sent_via TEXT CHECK (sent_via IS NULL OR sent_via IN ('outbox', 'smtp')),
    CHECK ((status IN ('done', 'failed', 'cancelled')) = (finished_at IS NOT NULL))
) STRICT;

CREATE INDEX jobs_by_status ON jobs (status, id);

CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'queued';

CREATE INDEX jobs_reminders ON jobs (reminder_for) WHERE reminder_for IS NOT NULL AND status = 'queued';

-- ==== mail_outbox ====
-- Mail "sent" by the development transport (src/server/mail/outbox.rs, store): at most one per job.

CREATE TABLE mail_outbox (
    id          INTEGER PRIMARY KEY,
    job_id      INTEGER NOT NULL UNIQUE REFERENCES jobs (id),
    to_address  TEXT    NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
    subject     TEXT    NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    text_body   TEXT    NOT NULL,
    html_body   TEXT    NOT NULL,
    message_id  TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
, calendar_body TEXT) STRICT;

CREATE INDEX mail_outbox_by_address ON mail_outbox (to_address, id);

-- ==== otp_codes ====
-- One-time codes mailed to verify an email, reset a password or change an email (Argon2 hash only);
-- used and superseded rows are kept so the hourly cap can count them.

CREATE TABLE "otp_codes" (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    purpose         TEXT    NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
    code_hash       TEXT    NOT NULL CHECK (code_hash LIKE '$argon2id$%'),
    email           TEXT    NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    issued_at       INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts BETWEEN 0 AND 1000),
    used_at         INTEGER,
    superseded      INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1))
) STRICT;

CREATE INDEX otp_codes_by_user ON otp_codes (user_id, purpose, issued_at);

CREATE UNIQUE INDEX otp_codes_one_live ON otp_codes (user_id, purpose)
    WHERE used_at IS NULL AND superseded = 0;

-- ==== reminder_offsets ====
-- When reminders go out, in minutes before the start: rewritten from the config at start-up by
-- src/server/jobs.rs (set_reminder_offsets), read by the appointments_schedule_reminders trigger.

CREATE TABLE reminder_offsets (
    minutes_before INTEGER PRIMARY KEY CHECK (minutes_before BETWEEN 1 AND 20160)
) STRICT;

-- ==== notifications ====
-- What a user is told about their appointments in the app (read or not): change notices written by
-- appointment_events_notify, reminders by src/server/mail/delivered.rs (record) once mailed.

CREATE TABLE notifications (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id),
    appointment_id INTEGER NOT NULL REFERENCES appointments (id),
    -- The change it tells of (NULL for a reminder).
    event_id       INTEGER REFERENCES appointment_events (id),
    kind           TEXT    NOT NULL CHECK (kind IN
                       ('requested', 'booked', 'confirmed', 'rejected', 'cancelled', 'rescheduled', 'reminder',
                        'completed', 'no_show')),
    audience       TEXT    NOT NULL CHECK (audience IN ('patient', 'doctor')),
    created_at     INTEGER NOT NULL,
    read_at        INTEGER,
    CHECK ((kind = 'reminder') = (event_id IS NULL)),
    UNIQUE (event_id, audience)
) STRICT;

CREATE INDEX notifications_by_user ON notifications (user_id, id);

CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- Invariant: every notice but a reminder gets a 'notice' mail job in the same transaction. Relied
-- on by src/server/jobs.rs (run_one_step) and src/server/mail/compose.rs (notice) through
-- MailTemplate::Notice (src/server/mail/templates.rs); tests/api/notices.rs
-- (each_change_mails_and_notifies_the_right_people_in_their_zone).
CREATE TRIGGER notifications_mail
AFTER INSERT ON notifications
WHEN NEW.kind <> 'reminder'
BEGIN
    INSERT INTO jobs (kind, payload, run_at, created_at)
    VALUES ('mail', json_object('template', 'notice', 'notification_id', NEW.id),
            NEW.created_at, NEW.created_at);
END;

-- ==== ledger_accounts ====
-- Double-entry accounts per currency: a patient's wallet, a doctor's earnings, and the shared escrow,
-- platform_fees and outside (cards, payouts) accounts; balance is a trigger-kept cache of the entries.

CREATE TABLE ledger_accounts (
    id       INTEGER PRIMARY KEY,
    kind     TEXT    NOT NULL CHECK (kind IN ('wallet', 'escrow', 'earnings', 'platform_fees', 'outside')),
    -- The patient (wallet) or doctor (earnings) it belongs to.
    user_id  INTEGER REFERENCES users (id),
    currency TEXT    NOT NULL CHECK (currency IN ('USD', 'EUR', 'GBP', 'INR', 'AUD', 'CAD', 'CHF', 'JPY')),
    -- The sum of its entries, kept by trigger (the reconciliation check compares the two).
    balance  INTEGER NOT NULL DEFAULT 0,
    CHECK ((kind IN ('wallet', 'earnings')) = (user_id IS NOT NULL)),
    CHECK (kind IN ('outside', 'platform_fees') OR balance >= 0)
) STRICT;

CREATE UNIQUE INDEX ledger_accounts_one_per_owner ON ledger_accounts (kind, ifnull(user_id, 0), currency);

-- ==== ledger_transactions ====
-- One money movement (deposit, payment, settlement, refund, withdrawal): written 'pending' to
-- reserve its idempotency key, then posted with balanced entries or declined without any.

CREATE TABLE ledger_transactions (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('deposit', 'payment', 'settlement', 'refund', 'withdrawal')),
    currency        TEXT    NOT NULL CHECK (currency IN ('USD', 'EUR', 'GBP', 'INR', 'AUD', 'CAD', 'CHF', 'JPY')),
    -- The user who caused it (patient paying, doctor withdrawing, …).
    user_id         INTEGER REFERENCES users (id),
    appointment_id  INTEGER REFERENCES appointments (id),
    -- A retry or double click carrying the same key finds the first transaction.
    idempotency_key TEXT    UNIQUE CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 8 AND 80),
    -- Why (a refund's policy reason, a decline message, …); shown in histories.
    reason          TEXT    NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
    -- Only the last four digits of a card are ever stored.
    card_last4      TEXT    CHECK (card_last4 IS NULL OR (length(card_last4) = 4 AND card_last4 NOT GLOB '*[^0-9]*')),
    created_at      INTEGER NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'posted', 'declined'))
, requested_minor INTEGER NOT NULL DEFAULT 0
    CHECK (requested_minor >= 0 AND requested_minor <= 1000000000000)) STRICT;

CREATE UNIQUE INDEX ledger_one_closing_per_appointment ON ledger_transactions (appointment_id)
    WHERE kind IN ('settlement', 'refund') AND status <> 'declined';

CREATE UNIQUE INDEX ledger_one_payment_per_appointment ON ledger_transactions (appointment_id)
    WHERE kind = 'payment' AND status <> 'declined';

CREATE INDEX ledger_transactions_by_appointment ON ledger_transactions (appointment_id)
    WHERE appointment_id IS NOT NULL;

CREATE INDEX ledger_transactions_by_created ON ledger_transactions (created_at, id);

CREATE INDEX ledger_transactions_by_user ON ledger_transactions (user_id, id);

-- Invariant: posting an appointment's settlement or refund leaves exactly zero of its fee in escrow
-- (MB_LEDGER_ESCROW_MISMATCH). Safety net for src/server/payments/closing.rs (close_escrow,
-- refund_lapsed_hold), which take out what payments/ledger.rs (escrow_of) says is held; also reached
-- from booking/pay.rs (by_card) and payments/recovery.rs (settle_pending). No test raises it.
CREATE TRIGGER ledger_closing_empties_the_appointments_escrow
BEFORE UPDATE OF status ON ledger_transactions
WHEN NEW.status = 'posted' AND NEW.kind IN ('settlement', 'refund') AND NEW.appointment_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_ESCROW_MISMATCH')
    WHERE ifnull((SELECT sum(e.minor) FROM ledger_entries e
                  JOIN ledger_accounts a ON a.id = e.account_id AND a.kind = 'escrow'
                  JOIN ledger_transactions t ON t.id = e.transaction_id
                  WHERE t.appointment_id = NEW.appointment_id
                    AND (t.status = 'posted' OR t.id = NEW.id)), 0) <> 0;
END;

-- Invariant: a transaction's requested amount never changes once written (MB_LEDGER_APPEND_ONLY).
-- Safety net, mostly redundant: ledger_transactions_settle_once already refuses every UPDATE but
-- the pending -> settled one. src/server/payments/recovery.rs (settle_pending) posts
-- requested_minor as the amount charged. No test raises it.
CREATE TRIGGER ledger_requested_amount_fixed
BEFORE UPDATE OF requested_minor ON ledger_transactions
WHEN NEW.requested_minor IS NOT OLD.requested_minor
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;

-- Invariant: ledger transactions are never deleted (MB_LEDGER_APPEND_ONLY). Safety net: no code
-- path deletes them; tests/api/ledger_invariants.rs
-- (sqlite_refuses_unbalanced_overdrawn_mixed_or_rewritten_money).
CREATE TRIGGER ledger_transactions_are_never_deleted
BEFORE DELETE ON ledger_transactions
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;

-- Invariant: a pending transaction is settled once, as posted (entries summing to zero) or declined (no
-- entries), and its kind, currency, user, appointment, key and created_at never change
-- (MB_LEDGER_APPEND_ONLY, MB_LEDGER_UNBALANCED). Safety net for src/server/payments/ledger.rs (post,
-- decline); tests/api/ledger_invariants.rs (sqlite_refuses_unbalanced_overdrawn_mixed_or_rewritten_money).
CREATE TRIGGER ledger_transactions_settle_once
BEFORE UPDATE ON ledger_transactions
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY')
    WHERE OLD.status <> 'pending' OR NEW.status = 'pending'
       OR NEW.kind IS NOT OLD.kind OR NEW.currency IS NOT OLD.currency
       OR NEW.user_id IS NOT OLD.user_id OR NEW.appointment_id IS NOT OLD.appointment_id
       OR NEW.idempotency_key IS NOT OLD.idempotency_key OR NEW.created_at IS NOT OLD.created_at;
    SELECT RAISE(ABORT, 'MB_LEDGER_UNBALANCED')
    WHERE NEW.status = 'posted'
      AND (NOT EXISTS (SELECT 1 FROM ledger_entries WHERE transaction_id = NEW.id)
           OR (SELECT sum(minor) FROM ledger_entries WHERE transaction_id = NEW.id) <> 0);
    SELECT RAISE(ABORT, 'MB_LEDGER_UNBALANCED')
    WHERE NEW.status = 'declined' AND EXISTS (SELECT 1 FROM ledger_entries WHERE transaction_id = NEW.id);
END;

-- Derived data: each posted settlement or refund of an appointment adds its revenue row (gross = the
-- earnings and platform-fee legs, net = the earnings leg). Relied on by src/server/reports/analytics.rs
-- (revenue); tests/api/analytics.rs checks the revenue series against a scenario built in the test.
CREATE TRIGGER revenue_facts_on_posting
AFTER UPDATE OF status ON ledger_transactions
WHEN NEW.status = 'posted' AND NEW.kind IN ('settlement', 'refund') AND NEW.appointment_id IS NOT NULL
BEGIN
    INSERT INTO revenue_facts (transaction_id, at, doctor_id, currency, gross, net)
    SELECT NEW.id, NEW.created_at, ap.doctor_id, NEW.currency,
           ifnull((SELECT sum(e.minor) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
                   WHERE e.transaction_id = NEW.id AND a.kind IN ('earnings', 'platform_fees')), 0),
           ifnull((SELECT sum(e.minor) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
                   WHERE e.transaction_id = NEW.id AND a.kind = 'earnings'), 0)
    FROM appointments ap WHERE ap.id = NEW.appointment_id;
END;

-- ==== ledger_entries ====
-- The legs of a transaction: a signed amount in minor units on one account (a posted transaction's
-- legs sum to zero). Never changed or deleted.

CREATE TABLE ledger_entries (
    id             INTEGER PRIMARY KEY,
    transaction_id INTEGER NOT NULL REFERENCES ledger_transactions (id),
    account_id     INTEGER NOT NULL REFERENCES ledger_accounts (id),
    minor          INTEGER NOT NULL CHECK (minor <> 0 AND abs(minor) <= 1000000000000)
) STRICT;

CREATE INDEX ledger_entries_by_account ON ledger_entries (account_id, id);

CREATE INDEX ledger_entries_by_transaction ON ledger_entries (transaction_id);

-- Invariant: ledger entries are never rewritten (MB_LEDGER_APPEND_ONLY). Safety net: no code path
-- updates entries; tests/api/ledger_invariants.rs
-- (sqlite_refuses_unbalanced_overdrawn_mixed_or_rewritten_money).
CREATE TRIGGER ledger_entries_are_kept
BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;

-- Invariant: ledger entries are never deleted (MB_LEDGER_APPEND_ONLY). Safety net: no code path
-- deletes entries; tests/api/ledger_invariants.rs
-- (sqlite_refuses_unbalanced_overdrawn_mixed_or_rewritten_money).
CREATE TRIGGER ledger_entries_are_never_deleted
BEFORE DELETE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;

-- Invariant: ledger_accounts.balance is the sum of its entries, and the balance CHECK refuses an overdrawn
-- wallet, earnings or escrow. Relied on by src/server/payments/ledger.rs (balance, reconcile; post refuses
-- overdrafts), booking/pay.rs (live_hold), services/deposit.rs, services/withdrawals.rs, payments/history.rs and
-- earnings.rs (balances); tests/api/ledger_invariants.rs (a_balanced_transaction_moves_the_cached_balances).
CREATE TRIGGER ledger_entries_move_balance
AFTER INSERT ON ledger_entries
BEGIN
    UPDATE ledger_accounts SET balance = balance + NEW.minor WHERE id = NEW.account_id;
END;

-- Invariant: entries go only into a pending transaction (MB_LEDGER_CLOSED), on accounts in the
-- transaction's currency (MB_LEDGER_CURRENCY). Safety net for src/server/payments/ledger.rs (post),
-- which writes into the transaction just reserved, on accounts of its currency;
-- tests/api/ledger_invariants.rs (sqlite_refuses_unbalanced_overdrawn_mixed_or_rewritten_money).
CREATE TRIGGER ledger_entries_open_and_same_currency
BEFORE INSERT ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_CLOSED')
    WHERE (SELECT status FROM ledger_transactions WHERE id = NEW.transaction_id) IS NOT 'pending';
    SELECT RAISE(ABORT, 'MB_LEDGER_CURRENCY')
    WHERE (SELECT currency FROM ledger_accounts WHERE id = NEW.account_id)
          IS NOT (SELECT currency FROM ledger_transactions WHERE id = NEW.transaction_id);
END;

-- ==== withdrawal_requests ====
-- A doctor's request to be paid some of their earnings, decided once by an admin: approved together
-- with its posted withdrawal transaction, or rejected with a note.

CREATE TABLE withdrawal_requests (
    id             INTEGER PRIMARY KEY,
    doctor_id      INTEGER NOT NULL REFERENCES doctors (user_id),
    minor          INTEGER NOT NULL CHECK (minor > 0 AND minor <= 1000000000000),
    currency       TEXT    NOT NULL CHECK (currency IN ('USD', 'EUR', 'GBP', 'INR', 'AUD', 'CAD', 'CHF', 'JPY')),
    status         TEXT    NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected')),
    -- The admin's reason for a rejection.
    note           TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    transaction_id INTEGER UNIQUE REFERENCES ledger_transactions (id),
    created_at     INTEGER NOT NULL,
    decided_at     INTEGER,
    decided_by     INTEGER REFERENCES users (id), idempotency_key TEXT
    CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 8 AND 40),
    CHECK ((status = 'approved') = (transaction_id IS NOT NULL)),
    CHECK ((status = 'requested') = (decided_at IS NULL))
) STRICT;

CREATE INDEX withdrawal_requests_by_doctor ON withdrawal_requests (doctor_id, id);

CREATE UNIQUE INDEX withdrawal_requests_once_per_key
    ON withdrawal_requests (doctor_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE INDEX withdrawal_requests_open ON withdrawal_requests (id) WHERE status = 'requested';

-- Invariant: withdrawal requests are never deleted (MB_WITHDRAWAL_DECIDED). Safety net: no code
-- path deletes them; no test in tests/api raises it.
CREATE TRIGGER withdrawal_requests_are_kept
BEFORE DELETE ON withdrawal_requests
BEGIN
    SELECT RAISE(ABORT, 'MB_WITHDRAWAL_DECIDED');
END;

-- Invariant: a request is decided once (doctor, amount, currency, created_at fixed) and approved only with a
-- posted withdrawal of that doctor and currency (MB_WITHDRAWAL_DECIDED, MB_WITHDRAWAL_UNPAID; the amount is not
-- compared). Safety net for src/server/services/withdrawals.rs (decide), which reads the status first and posts
-- before it updates; tests/api/payments.rs sees "decided once" answered by that code, not by this trigger.
CREATE TRIGGER withdrawal_requests_decided_once
BEFORE UPDATE ON withdrawal_requests
BEGIN
    SELECT RAISE(ABORT, 'MB_WITHDRAWAL_DECIDED')
    WHERE OLD.status <> 'requested' OR NEW.doctor_id IS NOT OLD.doctor_id
       OR NEW.minor IS NOT OLD.minor OR NEW.currency IS NOT OLD.currency
       OR NEW.created_at IS NOT OLD.created_at;
    SELECT RAISE(ABORT, 'MB_WITHDRAWAL_UNPAID')
    WHERE NEW.status = 'approved' AND NOT EXISTS (
        SELECT 1 FROM ledger_transactions
        WHERE id = NEW.transaction_id AND kind = 'withdrawal' AND status = 'posted'
          AND user_id = NEW.doctor_id AND currency = NEW.currency);
END;

-- ==== sign_in_failures ====
-- Wrong passwords per sign-in name (`user:<id>` or `login:<name>`), counted before each check
-- so parallel guesses cannot outrun the backoff; kept across restarts.

CREATE TABLE sign_in_failures (
    key        TEXT    PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 300),
    failures   INTEGER NOT NULL CHECK (failures >= 0),
    last_at    INTEGER NOT NULL
) STRICT;

-- ==== booking_limits ====
-- The clinic's booking limits, written at start-up from Leptos.toml (one row).

CREATE TABLE booking_limits (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    max_future_appointments INTEGER NOT NULL CHECK (max_future_appointments >= 1)
) STRICT;

-- ==== location_levels ====

-- Places in a country's administrative hierarchy (division › district › upazila / thana in
-- Bangladesh), loaded from the data file shipped in the binary, keyed by a stable code.
-- What each depth is called in a country, in English and the local language.
CREATE TABLE location_levels (
    country    TEXT    NOT NULL CHECK (length(country) = 2),
    depth      INTEGER NOT NULL CHECK (depth BETWEEN 1 AND 6),
    name_en    TEXT    NOT NULL CHECK (length(name_en) BETWEEN 1 AND 60),
    name_local TEXT    NOT NULL CHECK (length(name_local) BETWEEN 1 AND 60),
    PRIMARY KEY (country, depth)
) STRICT;

-- ==== location_sets ====

-- The version of each country's data last loaded.
CREATE TABLE location_sets (
    country TEXT PRIMARY KEY CHECK (length(country) = 2),
    version TEXT NOT NULL CHECK (length(version) BETWEEN 1 AND 200)
) STRICT;

-- ==== locations ====

CREATE TABLE locations (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE CHECK (length(code) BETWEEN 2 AND 60),
    country    TEXT    NOT NULL CHECK (length(country) = 2),
    parent_id  INTEGER REFERENCES locations (id),
    depth      INTEGER NOT NULL CHECK (depth BETWEEN 1 AND 6),
    name_en    TEXT    NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
    name_local TEXT    NOT NULL CHECK (length(name_local) BETWEEN 1 AND 100),
    CHECK ((depth = 1) = (parent_id IS NULL))
) STRICT;

CREATE INDEX locations_by_parent ON locations (parent_id, name_en);

CREATE UNIQUE INDEX locations_name_per_parent ON locations (country, ifnull(parent_id, 0), name_en);

-- A place sits one level below its parent, in the same country, at a named level.
CREATE TRIGGER locations_fit_hierarchy_on_insert
BEFORE INSERT ON locations
BEGIN
    SELECT RAISE(ABORT, 'MB_LOCATION_HIERARCHY')
     WHERE NOT EXISTS (SELECT 1 FROM location_levels WHERE country = NEW.country AND depth = NEW.depth)
        OR (NEW.parent_id IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM locations p
               WHERE p.id = NEW.parent_id AND p.depth = NEW.depth - 1 AND p.country = NEW.country));
END;

-- A place never moves in the hierarchy (only its names change).
CREATE TRIGGER locations_keep_place_in_hierarchy
BEFORE UPDATE OF parent_id, depth, country, code ON locations
BEGIN
    SELECT RAISE(ABORT, 'MB_LOCATION_HIERARCHY');
END;

-- The search index follows the places.
CREATE TRIGGER locations_search_on_delete AFTER DELETE ON locations BEGIN
    INSERT INTO locations_search (locations_search, rowid, name_en, name_local)
    VALUES ('delete', OLD.id, OLD.name_en, OLD.name_local);
END;

-- (same)
CREATE TRIGGER locations_search_on_insert AFTER INSERT ON locations BEGIN
    INSERT INTO locations_search (rowid, name_en, name_local)
    VALUES (NEW.id, NEW.name_en, NEW.name_local);
END;

-- (same)
CREATE TRIGGER locations_search_on_update AFTER UPDATE OF name_en, name_local ON locations BEGIN
    INSERT INTO locations_search (locations_search, rowid, name_en, name_local)
    VALUES ('delete', OLD.id, OLD.name_en, OLD.name_local);
    INSERT INTO locations_search (rowid, name_en, name_local)
    VALUES (NEW.id, NEW.name_en, NEW.name_local);
END;

-- ==== locations_search ====

CREATE VIRTUAL TABLE locations_search USING fts5 (
    name_en, name_local,
    content = 'locations', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
    prefix = '2 3'
);

-- ==== languages ====
-- Languages a doctor can consult in (ISO 639-1 codes, English and own names; seeded).

CREATE TABLE languages (
    code       TEXT PRIMARY KEY CHECK (length(code) = 2 AND code = lower(code)),
    name_en    TEXT NOT NULL UNIQUE CHECK (length(name_en) BETWEEN 2 AND 40),
    name_local TEXT NOT NULL CHECK (length(name_local) BETWEEN 1 AND 40)
) STRICT;

-- ==== doctor_languages ====
-- The languages each doctor consults in (the directory's language filter).

CREATE TABLE doctor_languages (
    doctor_id INTEGER NOT NULL REFERENCES doctors (user_id) ON DELETE CASCADE,
    language  TEXT    NOT NULL REFERENCES languages (code),
    PRIMARY KEY (doctor_id, language)
) STRICT, WITHOUT ROWID;

CREATE INDEX doctor_languages_by_language ON doctor_languages (language, doctor_id);

-- ==== doctor_search ====
-- Full-text index of listed and unlisted doctors (rowid = user id): name, specialty, bio and place
-- names in both languages; Latin diacritics folded, prefixes indexed. Kept by triggers.

CREATE VIRTUAL TABLE doctor_search USING fts5 (
    name, specialty, bio, place,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
    prefix = '2 3'
);

-- ==== reviews ====
-- Patients' reviews of their completed visits: stars, text, anonymity, the doctor's one answer,
-- and an admin's hiding with its reason.

CREATE TABLE reviews (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL UNIQUE REFERENCES appointments (id),
    doctor_id      INTEGER NOT NULL REFERENCES doctors (user_id),
    patient_id     INTEGER NOT NULL REFERENCES users (id),
    stars          INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    body           TEXT    NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
    anonymous      INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    reply          TEXT    CHECK (reply IS NULL OR length(reply) BETWEEN 1 AND 2000),
    replied_at     INTEGER,
    hidden_at      INTEGER,
    hidden_by      INTEGER REFERENCES users (id),
    hidden_reason  TEXT    CHECK (hidden_reason IS NULL OR length(hidden_reason) BETWEEN 3 AND 500),
    CHECK (updated_at >= created_at),
    CHECK ((reply IS NULL) = (replied_at IS NULL)),
    CHECK ((hidden_at IS NULL) = (hidden_by IS NULL)),
    CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL))
) STRICT;

CREATE INDEX reviews_by_doctor ON reviews (doctor_id, created_at DESC, id DESC);

CREATE INDEX reviews_by_patient ON reviews (patient_id);

-- Derived data: doctor_ratings counts visible reviews per star in the writing transaction;
-- tests/api/reviews.rs recounts after concurrent reviews.
CREATE TRIGGER doctor_ratings_count_new_review AFTER INSERT ON reviews
WHEN NEW.hidden_at IS NULL BEGIN
    UPDATE doctor_ratings SET
        stars_1 = stars_1 + (NEW.stars = 1), stars_2 = stars_2 + (NEW.stars = 2),
        stars_3 = stars_3 + (NEW.stars = 3), stars_4 = stars_4 + (NEW.stars = 4),
        stars_5 = stars_5 + (NEW.stars = 5)
     WHERE doctor_id = NEW.doctor_id;
END;

-- Derived data: a changed star count, or a review hidden or restored, moves the counts.
CREATE TRIGGER doctor_ratings_recount_changed_review AFTER UPDATE OF stars, hidden_at ON reviews BEGIN
    UPDATE doctor_ratings SET
        stars_1 = stars_1 - (OLD.hidden_at IS NULL AND OLD.stars = 1) + (NEW.hidden_at IS NULL AND NEW.stars = 1),
        stars_2 = stars_2 - (OLD.hidden_at IS NULL AND OLD.stars = 2) + (NEW.hidden_at IS NULL AND NEW.stars = 2),
        stars_3 = stars_3 - (OLD.hidden_at IS NULL AND OLD.stars = 3) + (NEW.hidden_at IS NULL AND NEW.stars = 3),
        stars_4 = stars_4 - (OLD.hidden_at IS NULL AND OLD.stars = 4) + (NEW.hidden_at IS NULL AND NEW.stars = 4),
        stars_5 = stars_5 - (OLD.hidden_at IS NULL AND OLD.stars = 5) + (NEW.hidden_at IS NULL AND NEW.stars = 5)
     WHERE doctor_id = NEW.doctor_id;
END;

-- Invariant: a doctor answers a review once, in public (MB_REVIEW_ALREADY_ANSWERED).
CREATE TRIGGER reviews_answered_once
BEFORE UPDATE OF reply, replied_at ON reviews
WHEN OLD.reply IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_ALREADY_ANSWERED');
END;

-- Invariant: reviews are never deleted, only hidden by an admin (MB_REVIEW_NOT_ELIGIBLE).
CREATE TRIGGER reviews_are_kept
BEFORE DELETE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_NOT_ELIGIBLE');
END;

-- Invariant: a review's stars, text and anonymity change only within 14 days of writing it
-- (MB_REVIEW_EDIT_CLOSED); updated_at is the service's clock.
CREATE TRIGGER reviews_edit_within_14_days
BEFORE UPDATE OF stars, body, anonymous ON reviews
WHEN (NEW.stars IS NOT OLD.stars OR NEW.body IS NOT OLD.body OR NEW.anonymous IS NOT OLD.anonymous)
 AND (NEW.updated_at > OLD.created_at + 14 * 86400 OR NEW.updated_at < OLD.updated_at)
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_EDIT_CLOSED');
END;

-- Invariant: only an active admin hides a review (MB_REVIEW_MODERATOR_NOT_ADMIN).
CREATE TRIGGER reviews_hidden_by_admin
BEFORE UPDATE OF hidden_by ON reviews
WHEN NEW.hidden_by IS NOT NULL
 AND (SELECT role FROM users WHERE id = NEW.hidden_by AND is_active = 1) IS NOT 'admin'
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_MODERATOR_NOT_ADMIN');
END;

-- Invariant: a review stays with its visit, doctor and patient (MB_REVIEW_NOT_ELIGIBLE).
CREATE TRIGGER reviews_keep_their_visit
BEFORE UPDATE OF appointment_id, doctor_id, patient_id, created_at ON reviews
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_NOT_ELIGIBLE');
END;

-- Invariant: a review is written by the patient of a completed appointment, with its doctor, once
-- per appointment (UNIQUE appointment_id) (MB_REVIEW_NOT_ELIGIBLE).
CREATE TRIGGER reviews_need_own_completed_visit
BEFORE INSERT ON reviews
WHEN NOT EXISTS (
    SELECT 1 FROM appointments a
     WHERE a.id = NEW.appointment_id AND a.patient_id = NEW.patient_id
       AND a.doctor_id = NEW.doctor_id AND a.status = 'completed')
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_NOT_ELIGIBLE');
END;

-- ==== doctor_ratings ====
-- Each doctor's visible reviews counted per star, with count and average generated; kept by
-- the review triggers in the writing transaction.

CREATE TABLE doctor_ratings (
    doctor_id INTEGER PRIMARY KEY REFERENCES doctors (user_id) ON DELETE CASCADE,
    stars_1   INTEGER NOT NULL DEFAULT 0 CHECK (stars_1 >= 0),
    stars_2   INTEGER NOT NULL DEFAULT 0 CHECK (stars_2 >= 0),
    stars_3   INTEGER NOT NULL DEFAULT 0 CHECK (stars_3 >= 0),
    stars_4   INTEGER NOT NULL DEFAULT 0 CHECK (stars_4 >= 0),
    stars_5   INTEGER NOT NULL DEFAULT 0 CHECK (stars_5 >= 0),
    count     INTEGER GENERATED ALWAYS AS (stars_1 + stars_2 + stars_3 + stars_4 + stars_5) STORED,
    average   REAL GENERATED ALWAYS AS (
        CASE WHEN stars_1 + stars_2 + stars_3 + stars_4 + stars_5 = 0 THEN NULL
             ELSE (stars_1 + 2.0 * stars_2 + 3.0 * stars_3 + 4.0 * stars_4 + 5.0 * stars_5)
                  / (stars_1 + stars_2 + stars_3 + stars_4 + stars_5) END) STORED
) STRICT;

CREATE INDEX doctor_ratings_by_average ON doctor_ratings (average DESC, count DESC);

-- ==== doctor_availability ====
-- Each doctor's first free slot, cached for the directory: version (bumped by triggers on every
-- write that moves free times), the version computed from, and fresh_until (time-driven changes).
-- src/server/directory/availability_cache.rs keeps it.

CREATE TABLE doctor_availability (
    doctor_id        INTEGER PRIMARY KEY REFERENCES doctors (user_id) ON DELETE CASCADE,
    version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    computed_version INTEGER NOT NULL DEFAULT 0 CHECK (computed_version <= version),
    next_free_at     INTEGER,
    fresh_until      INTEGER NOT NULL DEFAULT 0
, soonest INTEGER
    GENERATED ALWAYS AS (ifnull(next_free_at, 9223372036854775807)) VIRTUAL) STRICT;

CREATE INDEX doctor_availability_by_fresh_until ON doctor_availability (fresh_until);

CREATE INDEX doctor_availability_by_soonest ON doctor_availability (soonest);

CREATE INDEX doctor_availability_stale ON doctor_availability (doctor_id)
    WHERE computed_version < version;

-- ==== doctor_free_days ====
-- The local days with a free slot within each doctor's horizon (the directory's "free on" filter).

CREATE TABLE doctor_free_days (
    doctor_id INTEGER NOT NULL REFERENCES doctors (user_id) ON DELETE CASCADE,
    day       TEXT    NOT NULL CHECK (date(day) = day),
    PRIMARY KEY (doctor_id, day)
) STRICT, WITHOUT ROWID;

CREATE INDEX doctor_free_days_by_day ON doctor_free_days (day, doctor_id);

-- ==== patient_profiles ====
-- A patient's own details beyond the account: blood group, address, emergency contact, allergies
-- and long-term conditions.

CREATE TABLE patient_profiles (
    user_id            INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    blood_group        TEXT    CHECK (blood_group IS NULL OR blood_group IN
                                 ('A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-')),
    location_id        INTEGER REFERENCES locations (id),
    address            TEXT    NOT NULL DEFAULT '' CHECK (length(address) <= 200),
    emergency_name     TEXT    NOT NULL DEFAULT '' CHECK (length(emergency_name) <= 100),
    emergency_relation TEXT    NOT NULL DEFAULT '' CHECK (length(emergency_relation) <= 40),
    emergency_phone    TEXT    CHECK (emergency_phone IS NULL OR length(emergency_phone) BETWEEN 7 AND 16),
    allergies          TEXT    NOT NULL DEFAULT '' CHECK (length(allergies) <= 1000),
    conditions         TEXT    NOT NULL DEFAULT '' CHECK (length(conditions) <= 1000),
    updated_at         INTEGER NOT NULL,
    -- An emergency contact is a name and a phone number, or nothing.
    CHECK ((emergency_name = '') = (emergency_phone IS NULL)),
    CHECK (emergency_name <> '' OR emergency_relation = '')
) STRICT;

-- Invariant: only patients have a patient profile (MB_PATIENT_ROLE_REQUIRED).
CREATE TRIGGER patient_profiles_for_patients
BEFORE INSERT ON patient_profiles
WHEN (SELECT role FROM users WHERE id = NEW.user_id) IS NOT 'patient'
BEGIN
    SELECT RAISE(ABORT, 'MB_PATIENT_ROLE_REQUIRED');
END;

-- ==== photos ====
-- Profile photos, re-encoded (metadata stripped) in two square sizes, named in URLs by hash.

CREATE TABLE photos (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER NOT NULL REFERENCES users (id),
    hash       TEXT    NOT NULL UNIQUE CHECK (length(hash) = 32 AND hash NOT GLOB '*[^0-9a-f]*'),
    card       BLOB    NOT NULL CHECK (length(card) BETWEEN 1 AND 262144),
    profile    BLOB    NOT NULL CHECK (length(profile) BETWEEN 1 AND 1048576),
    created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX photos_by_owner ON photos (owner_id);

-- ==== record_views ====
-- Who opened which patient's record, and when: written by src/server/record_views.rs (log) before
-- a doctor or an admin reads a patient's details; shown to the patient on their account page.

CREATE TABLE record_views (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES users (id),
    viewer_id  INTEGER NOT NULL REFERENCES users (id),
    at         INTEGER NOT NULL
) STRICT;

CREATE INDEX record_views_by_patient ON record_views (patient_id, at DESC, id DESC);

-- Invariant: the record access log is never deleted from (MB_RECORD_VIEWS_APPEND_ONLY). Safety net: no
-- code path deletes; tests/api/patient_records.rs (opening_a_record_is_logged_for_the_patient).
CREATE TRIGGER record_views_append_only_delete
BEFORE DELETE ON record_views
BEGIN
    SELECT RAISE(ABORT, 'MB_RECORD_VIEWS_APPEND_ONLY');
END;

-- Invariant: the record access log is never rewritten (MB_RECORD_VIEWS_APPEND_ONLY). Safety net: no code
-- path updates; tests/api/patient_records.rs (opening_a_record_is_logged_for_the_patient).
CREATE TRIGGER record_views_append_only_update
BEFORE UPDATE ON record_views
BEGIN
    SELECT RAISE(ABORT, 'MB_RECORD_VIEWS_APPEND_ONLY');
END;

-- Invariant: a patient's record is opened only by an admin or a doctor with a pending, confirmed, completed
-- or no-show appointment with them (MB_RECORD_NOT_YOURS, answered as "not found"). This is the rule:
-- src/server/services/patient_details.rs (open) logs before reading and has no check of its own;
-- tests/api/patient_records.rs (the_record_access_matrix).
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

-- ==== visit_notes ====
-- A doctor's notes on a visit: the summary the patient reads and the private note only its author reads
-- (src/server/services/visit_notes.rs); editable until a day after the visit, then addenda.

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

-- Invariant: only the visit's own doctor writes its note, while it is confirmed, completed or no-show
-- (MB_NOTE_NOT_ALLOWED). src/server/services/visit_notes.rs checks first; tests/api/visit_notes.rs
-- (only_the_visits_doctor_writes_its_note_and_the_private_part_stays_theirs).
CREATE TRIGGER visit_notes_by_the_visits_doctor
BEFORE INSERT ON visit_notes
WHEN NOT EXISTS (SELECT 1 FROM appointments
                 WHERE id = NEW.appointment_id AND doctor_id = NEW.doctor_id
                   AND status IN ('confirmed', 'completed', 'no_show'))
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTE_NOT_ALLOWED');
END;

-- Invariant: a note changes only until 24 hours after the visit ends, never backdated (MB_NOTE_CLOSED);
-- tests/api/visit_notes.rs (a_note_closes_a_day_after_the_visit_and_addenda_follow).
CREATE TRIGGER visit_notes_changed_within_a_day
BEFORE UPDATE ON visit_notes
WHEN NEW.updated_at > (SELECT end_at + 86400 FROM appointments WHERE id = NEW.appointment_id)
  OR NEW.updated_at < OLD.updated_at
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTE_CLOSED');
END;

-- Invariant: a note stays with its visit, author and creation time (MB_NOTE_NOT_ALLOWED). Safety net: no
-- code path changes them; tests/api/visit_notes.rs (notes_and_addenda_are_kept).
CREATE TRIGGER visit_notes_keep_their_visit
BEFORE UPDATE OF appointment_id, doctor_id, created_at ON visit_notes
WHEN NEW.appointment_id IS NOT OLD.appointment_id OR NEW.doctor_id IS NOT OLD.doctor_id
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTE_NOT_ALLOWED');
END;

-- Invariant: notes are part of the medical record and never deleted (MB_NOTES_KEPT). Safety net;
-- tests/api/visit_notes.rs (notes_and_addenda_are_kept).
CREATE TRIGGER visit_notes_kept
BEFORE DELETE ON visit_notes
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTES_KEPT');
END;

-- Invariant: a note is first written no later than 24 hours after the visit ends (MB_NOTE_CLOSED);
-- tests/api/visit_notes.rs (a_note_closes_a_day_after_the_visit_and_addenda_follow).
CREATE TRIGGER visit_notes_written_within_a_day
BEFORE INSERT ON visit_notes
WHEN NEW.updated_at > (SELECT end_at + 86400 FROM appointments WHERE id = NEW.appointment_id)
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTE_CLOSED');
END;

-- ==== visit_note_addenda ====
-- What a doctor adds to a visit's notes after their day of editing: public or private, append-only.

CREATE TABLE visit_note_addenda (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments (id),
    doctor_id      INTEGER NOT NULL REFERENCES users (id),
    private        INTEGER NOT NULL CHECK (private IN (0, 1)),
    body           TEXT    NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    at             INTEGER NOT NULL
) STRICT;

CREATE INDEX visit_note_addenda_by_appointment ON visit_note_addenda (appointment_id, id);

-- Invariant: addenda come from the visit's doctor once the note's day of editing is over
-- (MB_NOTE_NOT_ALLOWED); tests/api/visit_notes.rs (a_note_closes_a_day_after_the_visit_and_addenda_follow).
CREATE TRIGGER visit_note_addenda_after_the_note_closes
BEFORE INSERT ON visit_note_addenda
WHEN NOT EXISTS (SELECT 1 FROM appointments
                 WHERE id = NEW.appointment_id AND doctor_id = NEW.doctor_id
                   AND status IN ('confirmed', 'completed', 'no_show')
                   AND NEW.at > end_at + 86400)
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTE_NOT_ALLOWED');
END;

-- Invariant: addenda are never deleted (MB_NOTES_KEPT). Safety net; tests/api/visit_notes.rs
-- (a_note_closes_a_day_after_the_visit_and_addenda_follow).
CREATE TRIGGER visit_note_addenda_append_only_delete
BEFORE DELETE ON visit_note_addenda
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTES_KEPT');
END;

-- Invariant: addenda are never rewritten (MB_NOTES_KEPT). Safety net; tests/api/visit_notes.rs
-- (a_note_closes_a_day_after_the_visit_and_addenda_follow).
CREATE TRIGGER visit_note_addenda_append_only_update
BEFORE UPDATE ON visit_note_addenda
BEGIN
    SELECT RAISE(ABORT, 'MB_NOTES_KEPT');
END;

-- ==== report_months ====
-- The clinic months whose reports were generated (src/server/reports/generation.rs), once each.

CREATE TABLE report_months (
    month        TEXT    PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
    generated_at INTEGER NOT NULL,
    doctors      INTEGER NOT NULL CHECK (doctors >= 0)
) STRICT;

-- Invariant: a generated month is never removed (MB_REPORTS_KEPT). Safety net: no code path does;
-- tests/api/monthly_reports.rs (a_month_is_reported_once_and_missed_months_are_caught_up).
CREATE TRIGGER report_months_kept_delete
BEFORE DELETE ON report_months
BEGIN
    SELECT RAISE(ABORT, 'MB_REPORTS_KEPT');
END;

-- Invariant: a generated month is never rewritten (MB_REPORTS_KEPT). Safety net: no code path does;
-- tests/api/monthly_reports.rs (a_month_is_reported_once_and_missed_months_are_caught_up).
CREATE TRIGGER report_months_kept_update
BEFORE UPDATE ON report_months
BEGIN
    SELECT RAISE(ABORT, 'MB_REPORTS_KEPT');
END;

-- ==== monthly_reports ====
-- Each doctor's figures for a generated month (JSON of domain::report::Figures), written with the month.

CREATE TABLE monthly_reports (
    month     TEXT    NOT NULL REFERENCES report_months (month),
    doctor_id INTEGER NOT NULL REFERENCES users (id),
    currency  TEXT    NOT NULL CHECK (length(currency) = 3),
    figures   TEXT    NOT NULL CHECK (json_valid(figures)),
    PRIMARY KEY (month, doctor_id)
) STRICT;

CREATE INDEX monthly_reports_by_doctor ON monthly_reports (doctor_id, month);

-- Invariant: a report is never removed (MB_REPORTS_KEPT). Safety net: no code path does;
-- tests/api/monthly_reports.rs (a_month_is_reported_once_and_missed_months_are_caught_up).
CREATE TRIGGER monthly_reports_kept_delete
BEFORE DELETE ON monthly_reports
BEGIN
    SELECT RAISE(ABORT, 'MB_REPORTS_KEPT');
END;

-- Invariant: a report's figures are never rewritten (MB_REPORTS_KEPT). Safety net: no code path does;
-- tests/api/monthly_reports.rs (a_month_is_reported_once_and_missed_months_are_caught_up).
CREATE TRIGGER monthly_reports_kept_update
BEFORE UPDATE ON monthly_reports
BEGIN
    SELECT RAISE(ABORT, 'MB_REPORTS_KEPT');
END;

-- ==== card_refunds ====
-- Wallet credit a patient sends back to a deposit's card: taken from the wallet first (a posted
-- withdrawal), then refunded by the processor; sent, or failed and put back (returned_id).

CREATE TABLE card_refunds (
    -- The 'withdrawal' transaction that took the money from the wallet.
    transaction_id INTEGER PRIMARY KEY REFERENCES ledger_transactions (id),
    -- The card deposit whose charge is refunded.
    deposit_id     INTEGER NOT NULL REFERENCES ledger_transactions (id),
    patient_id     INTEGER NOT NULL REFERENCES users (id),
    minor          INTEGER NOT NULL CHECK (minor > 0),
    status         TEXT    NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'failed')),
    -- For a failed refund: the transaction that put the money back in the wallet.
    returned_id    INTEGER REFERENCES ledger_transactions (id),
    created_at     INTEGER NOT NULL,
    settled_at     INTEGER,
    CHECK ((status = 'sending') = (settled_at IS NULL)),
    CHECK ((status = 'failed') = (returned_id IS NOT NULL))
) STRICT;

CREATE INDEX card_refunds_by_deposit ON card_refunds (deposit_id);

CREATE INDEX card_refunds_sending ON card_refunds (transaction_id) WHERE status = 'sending';

-- Invariant: refunds are never deleted (MB_REFUND_SETTLED). Safety net: no code path deletes one.
CREATE TRIGGER card_refunds_are_kept
BEFORE DELETE ON card_refunds
BEGIN
    SELECT RAISE(ABORT, 'MB_REFUND_SETTLED');
END;

-- Invariant: a refund is settled once, from sending to sent or failed, and what it is never changes
-- (MB_REFUND_SETTLED). src/server/payments/card_refunds.rs (settle) reads the status first; tests/api/
-- card_refunds.rs (a_refund_the_bank_refuses_puts_the_money_back_and_so_does_one_a_crash_cut_short).
CREATE TRIGGER card_refunds_settle_once
BEFORE UPDATE ON card_refunds
WHEN OLD.status <> 'sending' OR NEW.transaction_id IS NOT OLD.transaction_id
  OR NEW.deposit_id IS NOT OLD.deposit_id OR NEW.patient_id IS NOT OLD.patient_id
  OR NEW.minor IS NOT OLD.minor OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'MB_REFUND_SETTLED');
END;

-- Invariant: credit goes back to the patient's own posted card deposit, through their own withdrawal of
-- the same amount, and a deposit's refunds (but failed ones) never exceed it (MB_REFUND_EXCEEDS_DEPOSIT).
-- src/server/services/card_refund.rs (send_back) checks first, in the same BEGIN IMMEDIATE;
-- tests/api/card_refunds.rs (twenty_concurrent_sends_of_ten_from_a_fifty_deposit_send_exactly_five).
CREATE TRIGGER card_refunds_within_the_deposit
BEFORE INSERT ON card_refunds
WHEN NOT EXISTS (SELECT 1 FROM ledger_transactions d
                 WHERE d.id = NEW.deposit_id AND d.kind = 'deposit' AND d.status = 'posted'
                   AND d.user_id = NEW.patient_id AND d.card_last4 IS NOT NULL)
  OR NEW.minor + ifnull((SELECT sum(minor) FROM card_refunds
                         WHERE deposit_id = NEW.deposit_id AND status <> 'failed'), 0)
     > (SELECT requested_minor FROM ledger_transactions WHERE id = NEW.deposit_id)
  OR NOT EXISTS (SELECT 1 FROM ledger_transactions w
                 WHERE w.id = NEW.transaction_id AND w.kind = 'withdrawal'
                   AND w.user_id = NEW.patient_id AND w.requested_minor = NEW.minor)
BEGIN
    SELECT RAISE(ABORT, 'MB_REFUND_EXCEEDS_DEPOSIT');
END;

-- ==== revenue_facts ====
-- One narrow row per posted settlement or refund of an appointment (when, whose visit, currency, gross,
-- net), written by trigger from the ledger, so the analytics dashboard sums revenue over one index.

CREATE TABLE revenue_facts (
    transaction_id INTEGER PRIMARY KEY REFERENCES ledger_transactions (id),
    at             INTEGER NOT NULL,
    doctor_id      INTEGER NOT NULL REFERENCES users (id),
    currency       TEXT    NOT NULL,
    gross          INTEGER NOT NULL,
    net            INTEGER NOT NULL
) STRICT;

CREATE INDEX revenue_facts_by_doctor ON revenue_facts (doctor_id, currency, at, gross, net);

CREATE INDEX revenue_facts_by_time ON revenue_facts (currency, at, gross, net);

-- Invariant: revenue rows are never deleted (MB_LEDGER_APPEND_ONLY). Safety net: no code path deletes them.
CREATE TRIGGER revenue_facts_are_kept_delete
BEFORE DELETE ON revenue_facts
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;

-- Invariant: revenue rows are never rewritten (MB_LEDGER_APPEND_ONLY), like the ledger they come from.
-- Safety net: no code path updates them.
CREATE TRIGGER revenue_facts_are_kept_update
BEFORE UPDATE ON revenue_facts
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;

-- ==== calendar_feeds ====
-- One secret calendar subscription address per person (issue 18): only a SHA-256 of its token is
-- kept; a new address replaces the hash, so the old one answers 404 at once. patient_names: a
-- doctor's choice to see patients' names in the feed (otherwise "Appointment").

CREATE TABLE calendar_feeds (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id),
    token_hash    BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    patient_names INTEGER NOT NULL DEFAULT 0 CHECK (patient_names IN (0, 1)),
    created_at    INTEGER NOT NULL
) STRICT;

-- Invariant: only a doctor's feed names patients (MB_FEED_NAMES_DOCTORS_ONLY). Safety net:
-- src/server/calendar/feeds.rs offers the choice to doctors only; tests/api/calendar_feeds.rs.
CREATE TRIGGER calendar_feeds_names_for_doctors
BEFORE INSERT ON calendar_feeds
WHEN NEW.patient_names = 1
  AND NOT EXISTS (SELECT 1 FROM doctors WHERE user_id = NEW.user_id)
BEGIN
    SELECT RAISE(ABORT, 'MB_FEED_NAMES_DOCTORS_ONLY');
END;

-- Invariant: as above, when the choice is changed (MB_FEED_NAMES_DOCTORS_ONLY).
CREATE TRIGGER calendar_feeds_names_for_doctors_update
BEFORE UPDATE OF patient_names ON calendar_feeds
WHEN NEW.patient_names = 1
  AND NOT EXISTS (SELECT 1 FROM doctors WHERE user_id = NEW.user_id)
BEGIN
    SELECT RAISE(ABORT, 'MB_FEED_NAMES_DOCTORS_ONLY');
END;

-- ==== external_calendars ====
-- Doctors' own calendars (issue 18): an ICS address or a CalDAV collection, read for busy times;
-- the CalDAV password sealed under calendar.secret_key; sync state and the last error.

CREATE TABLE external_calendars (
    id               INTEGER PRIMARY KEY,
    doctor_id        INTEGER NOT NULL REFERENCES doctors (user_id),
    kind             TEXT    NOT NULL CHECK (kind IN ('ics', 'caldav')),
    url              TEXT    NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
    label            TEXT    NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
    username         TEXT    CHECK (username IS NULL OR length(username) BETWEEN 1 AND 200),
    sealed_password  BLOB,
    -- The last answer's ETag (ICS) or the collection's sync-token (CalDAV).
    etag             TEXT,
    sync_token       TEXT,
    next_sync_at     INTEGER NOT NULL,
    last_attempt_at  INTEGER,
    last_success_at  INTEGER,
    -- The last failure, as a code the page words (cleared by a success) and its detail.
    error_code       TEXT    CHECK (error_code IS NULL OR error_code IN
                         ('unauthorized', 'not_found', 'timeout', 'unreachable', 'malformed',
                          'too_large', 'refused_address', 'server_error', 'redirect')),
    error_detail     TEXT    CHECK (error_detail IS NULL OR length(error_detail) <= 500),
    -- Bumped whenever its busy times were replaced (the availability cache follows).
    busy_version     INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL, write_back INTEGER NOT NULL DEFAULT 0
    CHECK (write_back IN (0, 1)), expanded_at INTEGER,
    CHECK ((kind = 'caldav') = (username IS NOT NULL AND sealed_password IS NOT NULL)),
    CHECK ((error_code IS NULL) = (error_detail IS NULL))
) STRICT;

CREATE INDEX external_calendars_by_doctor ON external_calendars (doctor_id);

CREATE INDEX external_calendars_due ON external_calendars (next_sync_at);

CREATE UNIQUE INDEX external_calendars_one_write_back ON external_calendars (doctor_id)
    WHERE write_back = 1;

-- Derived data: new busy times from a doctor's calendar make their cached availability stale.
CREATE TRIGGER doctor_availability_on_external_busy
AFTER UPDATE OF busy_version ON external_calendars
WHEN NEW.busy_version <> OLD.busy_version
BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

-- Derived data: a removed calendar frees its busy times, so the cache is recomputed.
CREATE TRIGGER doctor_availability_on_external_calendar_delete
AFTER DELETE ON external_calendars
BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = OLD.doctor_id;
END;

-- Invariant: appointments are written back to a CalDAV calendar only
-- (MB_WRITE_BACK_CALDAV_ONLY). Safety net: the page offers it on CalDAV calendars only.
CREATE TRIGGER external_calendars_write_back_caldav
BEFORE UPDATE OF write_back ON external_calendars
WHEN NEW.write_back = 1 AND NEW.kind <> 'caldav'
BEGIN
    SELECT RAISE(ABORT, 'MB_WRITE_BACK_CALDAV_ONLY');
END;

-- ==== external_resources ====
-- Each object of a connected calendar with its ETag (one row for an ICS address).

CREATE TABLE external_resources (
    calendar_id INTEGER NOT NULL REFERENCES external_calendars (id) ON DELETE CASCADE,
    href        TEXT    NOT NULL CHECK (length(href) BETWEEN 1 AND 2000),
    etag        TEXT,
    PRIMARY KEY (calendar_id, href)
) STRICT, WITHOUT ROWID;

-- ==== external_busy ====
-- Busy intervals per resource, recurrences expanded, in pieces of at most two days.

CREATE TABLE external_busy (
    calendar_id INTEGER NOT NULL,
    href        TEXT    NOT NULL,
    doctor_id   INTEGER NOT NULL,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    CHECK (end_at > start_at AND end_at - start_at <= 172800),
    FOREIGN KEY (calendar_id, href) REFERENCES external_resources (calendar_id, href) ON DELETE CASCADE
) STRICT;

CREATE INDEX external_busy_by_doctor ON external_busy (doctor_id, start_at);

CREATE INDEX external_busy_by_resource ON external_busy (calendar_id, href);

-- ==== calendar_pushes ====
-- The write-back queue: one PUT or DELETE per appointment change and write-back calendar.

CREATE TABLE "calendar_pushes" (
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

CREATE INDEX calendar_pushes_due ON calendar_pushes (status, run_at);

-- ==== api_signing_keys ====
-- The key REST access tokens are signed with (HS256), made at the first start; newest signs.

CREATE TABLE api_signing_keys (
    id         INTEGER PRIMARY KEY,
    secret     BLOB    NOT NULL CHECK (length(secret) = 32),
    created_at INTEGER NOT NULL
) STRICT;

-- ==== api_token_families ====
-- One sign-in of an API client; revoking it ends all its tokens. `auth_version` is the user's
-- at sign-in (a password change or deactivation ends the family).

CREATE TABLE api_token_families (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    auth_version INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER,
    revoked_why  TEXT    CHECK (revoked_why IN ('revoked', 'reused', 'outdated')),
    CHECK ((revoked_at IS NULL) = (revoked_why IS NULL))
) STRICT;

CREATE INDEX api_token_families_by_user ON api_token_families (user_id);

-- A revoked family stays revoked.
CREATE TRIGGER api_token_families_revoked_for_good
BEFORE UPDATE OF revoked_at, revoked_why ON api_token_families
WHEN OLD.revoked_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'token family already revoked');
END;

-- ==== api_refresh_tokens ====
-- Refresh tokens by SHA-256 of the token; each used once; at most one unused per family.

CREATE TABLE api_refresh_tokens (
    hash       BLOB    PRIMARY KEY CHECK (length(hash) = 32),
    family_id  INTEGER NOT NULL REFERENCES api_token_families (id),
    issued_at  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL CHECK (expires_at > issued_at),
    used_at    INTEGER
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX api_refresh_tokens_one_unused ON api_refresh_tokens (family_id)
    WHERE used_at IS NULL;

-- No new token for a revoked family.
CREATE TRIGGER api_refresh_tokens_live_family
BEFORE INSERT ON api_refresh_tokens
WHEN (SELECT revoked_at FROM api_token_families WHERE id = NEW.family_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'token family revoked');
END;

-- A used token stays used.
CREATE TRIGGER api_refresh_tokens_used_once
BEFORE UPDATE OF used_at ON api_refresh_tokens
WHEN OLD.used_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'refresh token already used');
END;

-- ==== api_personal_tokens ====
-- Personal access tokens (server-to-server), issued by an admin for an account with scopes;
-- stored as SHA-256; end when revoked, expired, or the account is deactivated or its password
-- changes.

CREATE TABLE api_personal_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT    NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    scopes       TEXT    NOT NULL CHECK (length(scopes) BETWEEN 1 AND 500),
    hash         BLOB    NOT NULL UNIQUE CHECK (length(hash) = 32),
    auth_version INTEGER NOT NULL,
    issued_by    INTEGER NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER CHECK (expires_at IS NULL OR expires_at > created_at),
    revoked_at   INTEGER
, idempotency_key TEXT
    CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 8 AND 40)) STRICT;

CREATE INDEX api_personal_tokens_by_user ON api_personal_tokens (user_id);

CREATE UNIQUE INDEX api_personal_tokens_once_per_key
    ON api_personal_tokens (issued_by, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- A token is what it was issued as: only `revoked_at` may change, once.
CREATE TRIGGER api_personal_tokens_fixed
BEFORE UPDATE ON api_personal_tokens
WHEN NEW.user_id IS NOT OLD.user_id OR NEW.name IS NOT OLD.name OR NEW.scopes IS NOT OLD.scopes
  OR NEW.hash IS NOT OLD.hash OR NEW.auth_version IS NOT OLD.auth_version
  OR NEW.issued_by IS NOT OLD.issued_by OR NEW.created_at IS NOT OLD.created_at
  OR NEW.expires_at IS NOT OLD.expires_at OR NEW.idempotency_key IS NOT OLD.idempotency_key
  OR OLD.revoked_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a personal token only changes by being revoked, once');
END;

-- ==== provider_identities ====
-- Which OpenID Connect identity (issuer + subject, never the email) belongs to which account.

CREATE TABLE provider_identities (
    issuer     TEXT    NOT NULL CHECK (length(issuer) BETWEEN 1 AND 512),
    subject    TEXT    NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    -- The verified email the provider gave when the identity was linked.
    email      TEXT    NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    linked_at  INTEGER NOT NULL,
    PRIMARY KEY (issuer, subject),
    -- One identity per provider and account: a second one (a recycled address at the provider)
    -- cannot be linked beside the first.
    UNIQUE (user_id, issuer)
) STRICT;
