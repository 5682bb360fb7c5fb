-- Closing an account: `users.closed_at`, and the rule that a closed account holds no personal
-- data (no phone, no date of birth, no zone, inactive) and never opens again.
--
-- The column is added as usual. The CHECK that every patient and doctor has a phone and a birth
-- date must now spare closed accounts, and SQLite cannot alter a CHECK. Rebuilding `users`
-- needs foreign keys off, which cannot be switched inside the transaction sqlx runs each
-- migration in; so the table's stored definition is rewritten instead (SQLite's documented
-- procedure for constraint changes that leave the file format alone: writable_schema, then a
-- schema reset; the ADD COLUMN has bumped the schema version, so every other connection
-- reloads it). Existing rows satisfy both new CHECKs (closed_at is NULL everywhere).
ALTER TABLE users ADD COLUMN closed_at INTEGER;

PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = 'CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    role           TEXT    NOT NULL CHECK (role IN (''patient'', ''doctor'', ''admin'')),
    username       TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 3 AND 32),
    email          TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),
    full_name      TEXT    NOT NULL CHECK (length(full_name) BETWEEN 2 AND 100),
    phone          TEXT    CHECK (phone IS NULL OR length(phone) BETWEEN 7 AND 16),
    date_of_birth  TEXT    CHECK (date_of_birth IS NULL OR date(date_of_birth) = date_of_birth),
    password_hash  TEXT    NOT NULL CHECK (password_hash LIKE ''$argon2id$%''),
    is_active      INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    -- Bumped whenever every existing session must end (deactivation, password change).
    auth_version   INTEGER NOT NULL DEFAULT 1 CHECK (auth_version >= 1),
    email_verified_at INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    time_zone      TEXT    CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64),
    -- When the person closed the account; their personal data was erased then.
    closed_at      INTEGER,
    -- Patients and doctors give phone and date of birth (admins created from the CLI may
    -- not), until they close their account.
    CHECK (role = ''admin'' OR closed_at IS NOT NULL OR (phone IS NOT NULL AND date_of_birth IS NOT NULL)),
    -- A closed account keeps no contact or birth date and cannot sign in.
    CHECK (closed_at IS NULL OR (is_active = 0 AND phone IS NULL AND date_of_birth IS NULL
                                 AND time_zone IS NULL AND email_verified_at IS NULL))
) STRICT'
 WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = RESET;
PRAGMA writable_schema = OFF;

-- A closed account stays closed: no reactivation, new address, name or password
-- (MB_ACCOUNT_CLOSED). Sessions were ended when it closed.
CREATE TRIGGER users_closed_for_good
BEFORE UPDATE ON users
WHEN OLD.closed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_ACCOUNT_CLOSED');
END;

-- Nobody books with a closed account, whatever code writes (MB_ACCOUNT_CLOSED).
CREATE TRIGGER appointments_not_with_closed_accounts
BEFORE INSERT ON appointments
WHEN (SELECT closed_at FROM users WHERE id = NEW.patient_id) IS NOT NULL
  OR (SELECT closed_at FROM users WHERE id = NEW.doctor_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_ACCOUNT_CLOSED');
END;
