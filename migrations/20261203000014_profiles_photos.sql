-- Editable profiles: a patient's contact, address and medical details; doctors' photos.

-- A patient's own details beyond the account (one row per patient, written when first saved).
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

CREATE TRIGGER patient_profiles_for_patients
BEFORE INSERT ON patient_profiles
WHEN (SELECT role FROM users WHERE id = NEW.user_id) IS NOT 'patient'
BEGIN
    SELECT RAISE(ABORT, 'MB_PATIENT_ROLE_REQUIRED');
END;

-- A profile photo, re-encoded by us (metadata gone) in two square sizes; `hash` (of the
-- profile-sized bytes) names it in URLs, so a new photo is a new URL and old ones cache forever.
CREATE TABLE photos (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER NOT NULL REFERENCES users (id),
    hash       TEXT    NOT NULL UNIQUE CHECK (length(hash) = 32 AND hash NOT GLOB '*[^0-9a-f]*'),
    card       BLOB    NOT NULL CHECK (length(card) BETWEEN 1 AND 262144),
    profile    BLOB    NOT NULL CHECK (length(profile) BETWEEN 1 AND 1048576),
    created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX photos_by_owner ON photos (owner_id);

ALTER TABLE doctors ADD COLUMN photo_id INTEGER REFERENCES photos (id);

CREATE TRIGGER doctors_show_their_own_photo
BEFORE UPDATE OF photo_id ON doctors
WHEN NEW.photo_id IS NOT NULL
 AND (SELECT owner_id FROM photos WHERE id = NEW.photo_id) IS NOT NEW.user_id
BEGIN
    SELECT RAISE(ABORT, 'MB_PHOTO_NOT_OWN');
END;
