-- A patient sends unused wallet credit back to the card of one of their deposits.
--
-- The money leaves the wallet first, in a posted 'withdrawal' transaction (so the balance CHECK
-- refuses an overdraft whatever runs at the same time); then the processor refunds the
-- deposit's charge. Should it refuse, a posted 'refund' transaction of the same amount puts the
-- money back. A crash in between leaves the row 'sending': the next start asks the processor
-- (src/server/payments/recovery.rs) and marks it sent, or failed and put back.
CREATE TABLE card_refunds (
    -- The 'withdrawal' transaction that took the money from the wallet.
    transaction_id INTEGER PRIMARY KEY REFERENCES ledger_transactions (id),
    -- The card deposit whose charge is refunded.
    deposit_id     INTEGER NOT NULL REFERENCES ledger_transactions (id),
    patient_id     INTEGER NOT NULL REFERENCES users (id),
    minor          INTEGER NOT NULL CHECK (minor > 0),
    status         TEXT    NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'failed')),
    -- For a failed refund: the transaction that put the money back in the wallet.
    returned_id    INTEGER REFERENCES ledger_transactions (id),
    created_at     INTEGER NOT NULL,
    settled_at     INTEGER,
    CHECK ((status = 'sending') = (settled_at IS NULL)),
    CHECK ((status = 'failed') = (returned_id IS NOT NULL))
) STRICT;

CREATE INDEX card_refunds_by_deposit ON card_refunds (deposit_id);

CREATE INDEX card_refunds_sending ON card_refunds (transaction_id) WHERE status = 'sending';

CREATE TRIGGER card_refunds_within_the_deposit
BEFORE INSERT ON card_refunds
WHEN NOT EXISTS (SELECT 1 FROM ledger_transactions d
                 WHERE d.id = NEW.deposit_id AND d.kind = 'deposit' AND d.status = 'posted'
                   AND d.user_id = NEW.patient_id AND d.card_last4 IS NOT NULL)
  OR NEW.minor + ifnull((SELECT sum(minor) FROM card_refunds
                         WHERE deposit_id = NEW.deposit_id AND status <> 'failed'), 0)
     > (SELECT requested_minor FROM ledger_transactions WHERE id = NEW.deposit_id)
  OR NOT EXISTS (SELECT 1 FROM ledger_transactions w
                 WHERE w.id = NEW.transaction_id AND w.kind = 'withdrawal'
                   AND w.user_id = NEW.patient_id AND w.requested_minor = NEW.minor)
BEGIN
    SELECT RAISE(ABORT, 'MB_REFUND_EXCEEDS_DEPOSIT');
END;

CREATE TRIGGER card_refunds_settle_once
BEFORE UPDATE ON card_refunds
WHEN OLD.status <> 'sending' OR NEW.transaction_id IS NOT OLD.transaction_id
  OR NEW.deposit_id IS NOT OLD.deposit_id OR NEW.patient_id IS NOT OLD.patient_id
  OR NEW.minor IS NOT OLD.minor OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'MB_REFUND_SETTLED');
END;

CREATE TRIGGER card_refunds_are_kept
BEFORE DELETE ON card_refunds
BEGIN
    SELECT RAISE(ABORT, 'MB_REFUND_SETTLED');
END;
