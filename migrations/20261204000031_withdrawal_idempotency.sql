-- A withdrawal requested through the REST API carries the client's Idempotency-Key (issue 19):
-- the same key asks once, however often a retry sends it.
ALTER TABLE withdrawal_requests ADD COLUMN idempotency_key TEXT
    CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 8 AND 40);
CREATE UNIQUE INDEX withdrawal_requests_once_per_key
    ON withdrawal_requests (doctor_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
