-- The directory's counts and sorts read as few rows as they can: whether a doctor is listed is
-- a column of `doctors` (no join to `users` per candidate), and each sort has an index that
-- can drive the scan, so a first page stops after 20 matches instead of sorting everyone.

-- 1 when the doctor is verified and their account active: the directory lists exactly these.
-- Kept by the triggers below in the transaction that verifies, suspends or reactivates.
ALTER TABLE doctors ADD COLUMN listed INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 1));

UPDATE doctors SET listed = (verified_at IS NOT NULL
    AND (SELECT is_active FROM users WHERE id = doctors.user_id) = 1);

CREATE INDEX doctors_listed ON doctors (listed);
CREATE INDEX doctors_by_fee ON doctors ((fee_minor * CASE currency WHEN 'JPY' THEN 100 ELSE 1 END));
CREATE INDEX doctors_by_experience ON doctors (years_of_experience DESC);

-- A new doctor row may arrive already verified (seeding, imports).
CREATE TRIGGER doctors_listed_on_insert AFTER INSERT ON doctors BEGIN
    UPDATE doctors SET listed = (NEW.verified_at IS NOT NULL
        AND (SELECT is_active FROM users WHERE id = NEW.user_id) = 1)
     WHERE user_id = NEW.user_id;
END;

-- (same) when verification is granted or withdrawn.
CREATE TRIGGER doctors_listed_on_verification AFTER UPDATE OF verified_at ON doctors BEGIN
    UPDATE doctors SET listed = (NEW.verified_at IS NOT NULL
        AND (SELECT is_active FROM users WHERE id = NEW.user_id) = 1)
     WHERE user_id = NEW.user_id;
END;

-- (same) when the account is suspended, reactivated or closed.
CREATE TRIGGER doctors_listed_on_user_active AFTER UPDATE OF is_active ON users BEGIN
    UPDATE doctors SET listed = (verified_at IS NOT NULL AND NEW.is_active = 1)
     WHERE user_id = NEW.id;
END;

-- "Soonest available" as one ascending key: doctors with no free time last.
ALTER TABLE doctor_availability ADD COLUMN soonest INTEGER
    GENERATED ALWAYS AS (ifnull(next_free_at, 9223372036854775807)) VIRTUAL;

DROP INDEX doctor_availability_by_next_free;
CREATE INDEX doctor_availability_by_soonest ON doctor_availability (soonest);
