-- The REST API honours an Idempotency-Key on the last two POSTs that create something without
-- one (issue 19): a retried hold answers the hold it placed, and a retried personal-token issue
-- answers the token it issued, however often (or concurrently) the retry is sent.
ALTER TABLE appointments ADD COLUMN hold_key TEXT
    CHECK (hold_key IS NULL OR length(hold_key) BETWEEN 8 AND 40);
CREATE UNIQUE INDEX appointments_hold_once_per_key
    ON appointments (patient_id, hold_key) WHERE hold_key IS NOT NULL;

ALTER TABLE api_personal_tokens ADD COLUMN idempotency_key TEXT
    CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 8 AND 40);
CREATE UNIQUE INDEX api_personal_tokens_once_per_key
    ON api_personal_tokens (issued_by, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- A token is what it was issued as, its key included: only `revoked_at` may change, once.
DROP TRIGGER api_personal_tokens_fixed;
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
