-- Paying for appointments, closing what was paid, and doctors' withdrawals. SQLite enforces,
-- whatever code writes:
-- * an appointment with a fee becomes a booking (pending/confirmed) only once its fee sits in
--   escrow from a posted payment for it, in the same transaction;
-- * an appointment has at most one live payment and at most one settlement or refund, and that
--   one takes out of escrow exactly what the payment put in (never more: refunds never exceed
--   what was paid);
-- * a paid appointment ends (rejected, cancelled, completed, no-show) only together with its
--   settlement or refund, so no fee is left in escrow or lost;
-- * a withdrawal request is decided once, and approved only with its posted withdrawal.

CREATE UNIQUE INDEX ledger_one_payment_per_appointment ON ledger_transactions (appointment_id)
    WHERE kind = 'payment' AND status <> 'declined';
CREATE UNIQUE INDEX ledger_one_closing_per_appointment ON ledger_transactions (appointment_id)
    WHERE kind IN ('settlement', 'refund') AND status <> 'declined';
CREATE INDEX ledger_transactions_by_created ON ledger_transactions (created_at, id);

-- What one appointment's posted transactions (plus the one being posted) left in escrow.
CREATE TRIGGER ledger_closing_empties_the_appointments_escrow
BEFORE UPDATE OF status ON ledger_transactions
WHEN NEW.status = 'posted' AND NEW.kind IN ('settlement', 'refund') AND NEW.appointment_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_ESCROW_MISMATCH')
    WHERE ifnull((SELECT sum(e.minor) FROM ledger_entries e
                  JOIN ledger_accounts a ON a.id = e.account_id AND a.kind = 'escrow'
                  JOIN ledger_transactions t ON t.id = e.transaction_id
                  WHERE t.appointment_id = NEW.appointment_id
                    AND (t.status = 'posted' OR t.id = NEW.id)), 0) <> 0;
END;

CREATE TRIGGER appointments_paid_before_booked
BEFORE UPDATE OF status ON appointments
WHEN OLD.status = 'held' AND NEW.status IN ('pending', 'confirmed') AND NEW.fee_minor > 0
 AND NOT EXISTS (
    SELECT 1 FROM ledger_transactions t
    JOIN ledger_entries e ON e.transaction_id = t.id
    JOIN ledger_accounts a ON a.id = e.account_id AND a.kind = 'escrow'
    WHERE t.appointment_id = NEW.id AND t.kind = 'payment' AND t.status = 'posted'
      AND e.minor = NEW.fee_minor AND a.currency = NEW.currency)
BEGIN
    SELECT RAISE(ABORT, 'MB_UNPAID');
END;

CREATE TRIGGER appointments_paid_fee_closed_on_ending
BEFORE UPDATE OF status ON appointments
WHEN NEW.status IN ('rejected', 'cancelled', 'completed', 'no_show') AND NEW.status IS NOT OLD.status
 AND EXISTS (SELECT 1 FROM ledger_transactions
             WHERE appointment_id = NEW.id AND kind = 'payment' AND status = 'posted')
 AND NOT EXISTS (SELECT 1 FROM ledger_transactions
                 WHERE appointment_id = NEW.id AND kind IN ('settlement', 'refund') AND status = 'posted')
BEGIN
    SELECT RAISE(ABORT, 'MB_ESCROW_NOT_CLOSED');
END;

CREATE TABLE withdrawal_requests (
    id             INTEGER PRIMARY KEY,
    doctor_id      INTEGER NOT NULL REFERENCES doctors (user_id),
    minor          INTEGER NOT NULL CHECK (minor > 0 AND minor <= 1000000000000),
    currency       TEXT    NOT NULL CHECK (currency IN ('USD', 'EUR', 'GBP', 'INR', 'AUD', 'CAD', 'CHF', 'JPY')),
    status         TEXT    NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected')),
    -- The admin's reason for a rejection.
    note           TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    transaction_id INTEGER UNIQUE REFERENCES ledger_transactions (id),
    created_at     INTEGER NOT NULL,
    decided_at     INTEGER,
    decided_by     INTEGER REFERENCES users (id),
    CHECK ((status = 'approved') = (transaction_id IS NOT NULL)),
    CHECK ((status = 'requested') = (decided_at IS NULL))
) STRICT;

CREATE INDEX withdrawal_requests_by_doctor ON withdrawal_requests (doctor_id, id);
CREATE INDEX withdrawal_requests_open ON withdrawal_requests (id) WHERE status = 'requested';

CREATE TRIGGER withdrawal_requests_decided_once
BEFORE UPDATE ON withdrawal_requests
BEGIN
    SELECT RAISE(ABORT, 'MB_WITHDRAWAL_DECIDED')
    WHERE OLD.status <> 'requested' OR NEW.doctor_id IS NOT OLD.doctor_id
       OR NEW.minor IS NOT OLD.minor OR NEW.currency IS NOT OLD.currency
       OR NEW.created_at IS NOT OLD.created_at;
    SELECT RAISE(ABORT, 'MB_WITHDRAWAL_UNPAID')
    WHERE NEW.status = 'approved' AND NOT EXISTS (
        SELECT 1 FROM ledger_transactions
        WHERE id = NEW.transaction_id AND kind = 'withdrawal' AND status = 'posted'
          AND user_id = NEW.doctor_id AND currency = NEW.currency);
END;

CREATE TRIGGER withdrawal_requests_are_kept
BEFORE DELETE ON withdrawal_requests
BEGIN
    SELECT RAISE(ABORT, 'MB_WITHDRAWAL_DECIDED');
END;

-- The amount a transaction is about (a deposit or fee asked for, even when declined), for
-- histories; fixed once written.
ALTER TABLE ledger_transactions ADD COLUMN requested_minor INTEGER NOT NULL DEFAULT 0
    CHECK (requested_minor >= 0 AND requested_minor <= 1000000000000);

CREATE TRIGGER ledger_requested_amount_fixed
BEFORE UPDATE OF requested_minor ON ledger_transactions
WHEN NEW.requested_minor IS NOT OLD.requested_minor
BEGIN
    SELECT RAISE(ABORT, 'MB_LEDGER_APPEND_ONLY');
END;
