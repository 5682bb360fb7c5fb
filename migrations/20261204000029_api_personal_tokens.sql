-- Personal access tokens for server-to-server use of the REST API (issue 19): an admin issues
-- one for an account, with scopes; only its SHA-256 is kept. It ends when revoked, when it
-- expires, when the account is deactivated, or when the account's password changes (the auth
-- version it was issued under moves on).
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
) STRICT;
CREATE INDEX api_personal_tokens_by_user ON api_personal_tokens (user_id);

-- A token is what it was issued as: only `revoked_at` may change, once.
CREATE TRIGGER api_personal_tokens_fixed
BEFORE UPDATE ON api_personal_tokens
WHEN NEW.user_id IS NOT OLD.user_id OR NEW.name IS NOT OLD.name OR NEW.scopes IS NOT OLD.scopes
  OR NEW.hash IS NOT OLD.hash OR NEW.auth_version IS NOT OLD.auth_version
  OR NEW.issued_by IS NOT OLD.issued_by OR NEW.created_at IS NOT OLD.created_at
  OR NEW.expires_at IS NOT OLD.expires_at OR OLD.revoked_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a personal token only changes by being revoked, once');
END;
