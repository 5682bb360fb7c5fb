-- The REST API's tokens (issue 19).
--
-- The key access tokens are signed with (HS256), made once at the first start and kept here, so
-- tokens stay valid across restarts and no configuration is needed. Newest key signs.
CREATE TABLE api_signing_keys (
    id         INTEGER PRIMARY KEY,
    secret     BLOB    NOT NULL CHECK (length(secret) = 32),
    created_at INTEGER NOT NULL
) STRICT;

-- One sign-in of an API client: every access and refresh token it is given belongs to it, and
-- revoking it ends them all at once. `auth_version` is the user's at sign-in: a password change
-- or deactivation (which move the user's version on) ends the family.
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

-- Refresh tokens, stored as the SHA-256 of the token (the token itself is only ever sent).
-- Each is used once: refreshing marks it used and issues the family's next one. A family has at
-- most one unused token, so two refreshes racing with the same token cannot both succeed.
CREATE TABLE api_refresh_tokens (
    hash       BLOB    PRIMARY KEY CHECK (length(hash) = 32),
    family_id  INTEGER NOT NULL REFERENCES api_token_families (id),
    issued_at  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL CHECK (expires_at > issued_at),
    used_at    INTEGER
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX api_refresh_tokens_one_unused ON api_refresh_tokens (family_id)
    WHERE used_at IS NULL;

-- A used token stays used, and a revoked family stays revoked.
CREATE TRIGGER api_refresh_tokens_used_once
BEFORE UPDATE OF used_at ON api_refresh_tokens
WHEN OLD.used_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'refresh token already used');
END;
CREATE TRIGGER api_token_families_revoked_for_good
BEFORE UPDATE OF revoked_at, revoked_why ON api_token_families
WHEN OLD.revoked_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'token family already revoked');
END;
-- No new token for a revoked family.
CREATE TRIGGER api_refresh_tokens_live_family
BEFORE INSERT ON api_refresh_tokens
WHEN (SELECT revoked_at FROM api_token_families WHERE id = NEW.family_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'token family revoked');
END;
