-- Wallet payments: an append-only, double-entry ledger. Amounts are integer minor units.
-- SQLite enforces, whatever code writes: entries are never changed or deleted; each account's
-- cached balance moves with every entry; wallets, doctors' earnings and escrow never go below
-- zero; a transaction is posted only when its entries sum to zero, declined only without
-- entries, and once settled either way it never changes or takes entries; an idempotency key is
-- used once. A transaction is written 'pending' first (reserving its idempotency key) while a
-- card is charged, then posted or declined.

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
) STRICT;

CREATE INDEX ledger_transactions_by_user ON ledger_transactions (user_id, id);
CREATE INDEX ledger_transactions_by_appointment ON ledger_transactions (appointment_id)
    WHERE appointment_id IS NOT NULL;

CREATE TABLE ledger_entries (
    id             INTEGER PRIMARY KEY,
    transaction_id INTEGER NOT NULL REFERENCES ledger_transactions (id),
    account_id     INTEGER NOT NULL REFERENCES ledger_accounts (id),
    minor          INTEGER NOT NULL CHECK (minor <> 0 AND abs(minor) <= 1000000000000)
) STRICT;

CREATE INDEX ledger_entries_by_transaction ON ledger_entries (transaction_id);
CREATE INDEX ledger_entries_by_account ON ledger_entries (account_id, id);

CREATE TRIGGER ledger_entries_open_and_same_currency
BEFORE INSERT ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_CLOSED')
    WHERE (SELECT status FROM ledger_transactions WHERE id = NEW.transaction_id) IS NOT 'pending';
    SELECT RAISE(ABORT, 'MB_LEDGER_CURRENCY')
    WHERE (SELECT currency FROM ledger_accounts WHERE id = NEW.account_id)
          IS NOT (SELECT currency FROM ledger_transactions WHERE id = NEW.transaction_id);
END;

-- The cached balance moves with every entry; the account's CHECK refuses a negative wallet,
-- earnings or escrow and so aborts the whole statement.
CREATE TRIGGER ledger_entries_move_balance
AFTER INSERT ON ledger_entries
BEGIN
    UPDATE ledger_accounts SET balance = balance + NEW.minor WHERE id = NEW.account_id;
END;

CREATE TRIGGER ledger_entries_are_kept
BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;

CREATE TRIGGER ledger_entries_are_never_deleted
BEFORE DELETE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;

-- A pending transaction is posted (balanced, not empty) or declined (no entries), once.
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

CREATE TRIGGER ledger_transactions_are_never_deleted
BEFORE DELETE ON ledger_transactions
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;
