-- Revenue per settled visit, for the analytics dashboard: one narrow row per posted settlement
-- or refund of an appointment — when, whose visit, the currency, what the doctor and the clinic
-- kept together (gross) and what the doctor kept (net) — written by trigger as the ledger posts
-- it, so summing a range reads one covering index instead of joining transactions, entries and
-- accounts. Existing postings are copied once below.
CREATE TABLE revenue_facts (
    transaction_id INTEGER PRIMARY KEY REFERENCES ledger_transactions (id),
    at             INTEGER NOT NULL,
    doctor_id      INTEGER NOT NULL REFERENCES users (id),
    currency       TEXT    NOT NULL,
    gross          INTEGER NOT NULL,
    net            INTEGER NOT NULL
) STRICT;

CREATE INDEX revenue_facts_by_time ON revenue_facts (currency, at, gross, net);

CREATE INDEX revenue_facts_by_doctor ON revenue_facts (doctor_id, currency, at, gross, net);

INSERT INTO revenue_facts (transaction_id, at, doctor_id, currency, gross, net)
SELECT t.id, t.created_at, ap.doctor_id, t.currency,
       ifnull((SELECT sum(e.minor) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
               WHERE e.transaction_id = t.id AND a.kind IN ('earnings', 'platform_fees')), 0),
       ifnull((SELECT sum(e.minor) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
               WHERE e.transaction_id = t.id AND a.kind = 'earnings'), 0)
FROM ledger_transactions t JOIN appointments ap ON ap.id = t.appointment_id
WHERE t.status = 'posted' AND t.kind IN ('settlement', 'refund');

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

CREATE TRIGGER revenue_facts_are_kept_update
BEFORE UPDATE ON revenue_facts
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;

CREATE TRIGGER revenue_facts_are_kept_delete
BEFORE DELETE ON revenue_facts
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;
