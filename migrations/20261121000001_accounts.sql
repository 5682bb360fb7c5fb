-- Accounts, roles and doctors' credentials.
-- Instants are INTEGER unix seconds (UTC). Text columns carry length CHECKs so that no code path
-- can store what the domain parsers would refuse.

CREATE TABLE specialties (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 2 AND 80)
) STRICT;

INSERT INTO specialties (name) VALUES
    ('Cardiology'), ('Dermatology'), ('Orthopedics'), ('Pediatrics'), ('Internal Medicine'),
    ('Neurology'), ('Psychiatry'), ('Ophthalmology'), ('Gynecology'), ('ENT (Otolaryngology)'),
    ('Endocrinology'), ('Gastroenterology'), ('Pulmonology'), ('Urology'), ('General Practice');

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
    -- Patients and doctors give phone and date of birth; admins created from the CLI may not.
    CHECK (role = 'admin' OR (phone IS NOT NULL AND date_of_birth IS NOT NULL))
) STRICT;

CREATE TABLE doctors (
    user_id        INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    specialty_id   INTEGER NOT NULL REFERENCES specialties (id),
    licence_number TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(licence_number) BETWEEN 4 AND 32),
    verified_at    INTEGER,
    verified_by    INTEGER REFERENCES users (id),
    CHECK ((verified_at IS NULL) = (verified_by IS NULL))
) STRICT;

CREATE INDEX doctors_by_specialty ON doctors (specialty_id) WHERE verified_at IS NOT NULL;

-- A doctors row belongs to a user whose role is doctor, whatever code writes it.
CREATE TRIGGER doctors_require_doctor_role
BEFORE INSERT ON doctors
WHEN (SELECT role FROM users WHERE id = NEW.user_id) IS NOT 'doctor'
BEGIN
    SELECT RAISE(ABORT, 'MB_DOCTOR_ROLE_REQUIRED');
END;

-- Roles never change: a patient cannot become an admin by an UPDATE.
CREATE TRIGGER users_role_is_immutable
BEFORE UPDATE OF role ON users
WHEN NEW.role IS NOT OLD.role
BEGIN
    SELECT RAISE(ABORT, 'MB_ROLE_IMMUTABLE');
END;

-- Only an active admin can verify a doctor.
CREATE TRIGGER doctors_verified_by_admin
BEFORE UPDATE OF verified_by ON doctors
WHEN NEW.verified_by IS NOT NULL
 AND (SELECT role FROM users WHERE id = NEW.verified_by AND is_active = 1) IS NOT 'admin'
BEGIN
    SELECT RAISE(ABORT, 'MB_VERIFIER_NOT_ADMIN');
END;
