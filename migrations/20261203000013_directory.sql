-- The doctor directory: practice places, languages, a full-text index, ratings from reviews of
-- completed visits, and each doctor's next free time kept up to date for "soonest available".

-- Languages a doctor can consult in (ISO 639-1).
CREATE TABLE languages (
    code       TEXT PRIMARY KEY CHECK (length(code) = 2 AND code = lower(code)),
    name_en    TEXT NOT NULL UNIQUE CHECK (length(name_en) BETWEEN 2 AND 40),
    name_local TEXT NOT NULL CHECK (length(name_local) BETWEEN 1 AND 40)
) STRICT;

INSERT INTO languages (code, name_en, name_local) VALUES
    ('bn', 'Bangla', 'বাংলা'), ('en', 'English', 'English'), ('hi', 'Hindi', 'हिन्दी'),
    ('ur', 'Urdu', 'اردو'), ('ar', 'Arabic', 'العربية'), ('zh', 'Chinese', '中文'),
    ('fr', 'French', 'Français'), ('de', 'German', 'Deutsch'), ('es', 'Spanish', 'Español'),
    ('ja', 'Japanese', '日本語');

CREATE TABLE doctor_languages (
    doctor_id INTEGER NOT NULL REFERENCES doctors (user_id) ON DELETE CASCADE,
    language  TEXT    NOT NULL REFERENCES languages (code),
    PRIMARY KEY (doctor_id, language)
) STRICT, WITHOUT ROWID;

CREATE INDEX doctor_languages_by_language ON doctor_languages (language, doctor_id);

-- The place a doctor practises (any level of the hierarchy; `location` stays the street line).
ALTER TABLE doctors ADD COLUMN practice_location_id INTEGER REFERENCES locations (id);

CREATE INDEX doctors_by_practice_location ON doctors (practice_location_id);

-- Full-text search over a doctor's name, specialty, bio and the names (both languages) of their
-- practice place and every place above it. rowid = the doctor's user id. Kept by the triggers
-- below, whatever code writes; Latin diacritics folded, prefixes indexed.
CREATE VIRTUAL TABLE doctor_search USING fts5 (
    name, specialty, bio, place,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
    prefix = '2 3'
);

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

CREATE TRIGGER doctor_search_on_rename AFTER UPDATE OF full_name ON users
WHEN NEW.role = 'doctor' BEGIN
    UPDATE doctor_search SET name = NEW.full_name WHERE rowid = NEW.id;
END;

CREATE TRIGGER doctor_search_on_delete AFTER DELETE ON doctors BEGIN
    DELETE FROM doctor_search WHERE rowid = OLD.user_id;
END;

INSERT INTO doctor_search (rowid, name, specialty, bio, place)
SELECT d.user_id, u.full_name, s.name, d.bio, ''
  FROM doctors d JOIN users u ON u.id = d.user_id JOIN specialties s ON s.id = d.specialty_id;

-- Reviews: one per completed appointment, by its patient.
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

CREATE TRIGGER reviews_need_own_completed_visit
BEFORE INSERT ON reviews
WHEN NOT EXISTS (
    SELECT 1 FROM appointments a
     WHERE a.id = NEW.appointment_id AND a.patient_id = NEW.patient_id
       AND a.doctor_id = NEW.doctor_id AND a.status = 'completed')
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_NOT_ELIGIBLE');
END;

CREATE TRIGGER reviews_keep_their_visit
BEFORE UPDATE OF appointment_id, doctor_id, patient_id, created_at ON reviews
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_NOT_ELIGIBLE');
END;

CREATE TRIGGER reviews_edit_within_14_days
BEFORE UPDATE OF stars, body, anonymous ON reviews
WHEN (NEW.stars IS NOT OLD.stars OR NEW.body IS NOT OLD.body OR NEW.anonymous IS NOT OLD.anonymous)
 AND (NEW.updated_at > OLD.created_at + 14 * 86400 OR NEW.updated_at < OLD.updated_at)
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_EDIT_CLOSED');
END;

CREATE TRIGGER reviews_answered_once
BEFORE UPDATE OF reply, replied_at ON reviews
WHEN OLD.reply IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_ALREADY_ANSWERED');
END;

CREATE TRIGGER reviews_hidden_by_admin
BEFORE UPDATE OF hidden_by ON reviews
WHEN NEW.hidden_by IS NOT NULL
 AND (SELECT role FROM users WHERE id = NEW.hidden_by AND is_active = 1) IS NOT 'admin'
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_MODERATOR_NOT_ADMIN');
END;

CREATE TRIGGER reviews_are_kept
BEFORE DELETE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'MB_REVIEW_NOT_ELIGIBLE');
END;

-- Each doctor's visible (not hidden) reviews counted per star, kept by the triggers below in the
-- transaction that writes the review.
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

INSERT INTO doctor_ratings (doctor_id) SELECT user_id FROM doctors;

CREATE TRIGGER doctor_ratings_for_new_doctor AFTER INSERT ON doctors BEGIN
    INSERT INTO doctor_ratings (doctor_id) VALUES (NEW.user_id);
END;

CREATE TRIGGER doctor_ratings_count_new_review AFTER INSERT ON reviews
WHEN NEW.hidden_at IS NULL BEGIN
    UPDATE doctor_ratings SET
        stars_1 = stars_1 + (NEW.stars = 1), stars_2 = stars_2 + (NEW.stars = 2),
        stars_3 = stars_3 + (NEW.stars = 3), stars_4 = stars_4 + (NEW.stars = 4),
        stars_5 = stars_5 + (NEW.stars = 5)
     WHERE doctor_id = NEW.doctor_id;
END;

CREATE TRIGGER doctor_ratings_recount_changed_review AFTER UPDATE OF stars, hidden_at ON reviews BEGIN
    UPDATE doctor_ratings SET
        stars_1 = stars_1 - (OLD.hidden_at IS NULL AND OLD.stars = 1) + (NEW.hidden_at IS NULL AND NEW.stars = 1),
        stars_2 = stars_2 - (OLD.hidden_at IS NULL AND OLD.stars = 2) + (NEW.hidden_at IS NULL AND NEW.stars = 2),
        stars_3 = stars_3 - (OLD.hidden_at IS NULL AND OLD.stars = 3) + (NEW.hidden_at IS NULL AND NEW.stars = 3),
        stars_4 = stars_4 - (OLD.hidden_at IS NULL AND OLD.stars = 4) + (NEW.hidden_at IS NULL AND NEW.stars = 4),
        stars_5 = stars_5 - (OLD.hidden_at IS NULL AND OLD.stars = 5) + (NEW.hidden_at IS NULL AND NEW.stars = 5)
     WHERE doctor_id = NEW.doctor_id;
END;

-- Each doctor's first free slot and the local days with a free slot, cached for the directory's
-- "soonest available" sort and "free on date" filter. Every write that can move a doctor's free
-- times bumps `version` (the triggers below); the availability worker recomputes a doctor whose
-- `computed_version` is behind or whose `fresh_until` has passed (a slot starting inside the
-- notice period, a hold expiring, the horizon moving), and stores its answer only if `version`
-- did not move meanwhile.
CREATE TABLE doctor_availability (
    doctor_id        INTEGER PRIMARY KEY REFERENCES doctors (user_id) ON DELETE CASCADE,
    version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    computed_version INTEGER NOT NULL DEFAULT 0 CHECK (computed_version <= version),
    next_free_at     INTEGER,
    fresh_until      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX doctor_availability_stale ON doctor_availability (doctor_id)
    WHERE computed_version < version;
CREATE INDEX doctor_availability_by_fresh_until ON doctor_availability (fresh_until);
CREATE INDEX doctor_availability_by_next_free ON doctor_availability (next_free_at);

CREATE TABLE doctor_free_days (
    doctor_id INTEGER NOT NULL REFERENCES doctors (user_id) ON DELETE CASCADE,
    day       TEXT    NOT NULL CHECK (date(day) = day),
    PRIMARY KEY (doctor_id, day)
) STRICT, WITHOUT ROWID;

CREATE INDEX doctor_free_days_by_day ON doctor_free_days (day, doctor_id);

INSERT INTO doctor_availability (doctor_id) SELECT user_id FROM doctors;

CREATE TRIGGER doctor_availability_for_new_doctor AFTER INSERT ON doctors BEGIN
    INSERT INTO doctor_availability (doctor_id) VALUES (NEW.user_id);
END;

CREATE TRIGGER doctor_availability_on_settings
AFTER UPDATE OF verified_at, time_zone, slot_minutes, buffer_before_minutes, buffer_after_minutes,
    min_notice_minutes, horizon_days ON doctors BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.user_id;
END;

CREATE TRIGGER doctor_availability_on_hours_insert AFTER INSERT ON working_hours BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

CREATE TRIGGER doctor_availability_on_hours_delete AFTER DELETE ON working_hours BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = OLD.doctor_id;
END;

CREATE TRIGGER doctor_availability_on_override_insert AFTER INSERT ON date_overrides BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

CREATE TRIGGER doctor_availability_on_override_delete AFTER DELETE ON date_overrides BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = OLD.doctor_id;
END;

CREATE TRIGGER doctor_availability_on_override_hours_insert AFTER INSERT ON override_hours BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

CREATE TRIGGER doctor_availability_on_time_off_insert AFTER INSERT ON time_off BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

CREATE TRIGGER doctor_availability_on_time_off_delete AFTER DELETE ON time_off BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = OLD.doctor_id;
END;

CREATE TRIGGER doctor_availability_on_appointment_insert AFTER INSERT ON appointments BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.doctor_id;
END;

CREATE TRIGGER doctor_availability_on_appointment_change
AFTER UPDATE OF status, start_at, end_at, blocked_from, blocked_until, hold_expires_at ON appointments
BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id IN (OLD.doctor_id, NEW.doctor_id);
END;

-- A deactivated doctor leaves the directory; reactivated, they come back.
CREATE TRIGGER doctor_availability_on_user_active AFTER UPDATE OF is_active ON users
WHEN NEW.role = 'doctor' BEGIN
    UPDATE doctor_availability SET version = version + 1 WHERE doctor_id = NEW.id;
END;
