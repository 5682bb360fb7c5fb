-- Sign-in with an OpenID Connect provider (issue 19): which provider identity (issuer and
-- subject, never the email, which a provider may give to someone else later) belongs to which
-- account. A new patient gets one when signing up through the provider; an existing account
-- only after its password is proved.
CREATE TABLE provider_identities (
    issuer     TEXT    NOT NULL CHECK (length(issuer) BETWEEN 1 AND 512),
    subject    TEXT    NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    -- The verified email the provider gave when the identity was linked.
    email      TEXT    NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    linked_at  INTEGER NOT NULL,
    PRIMARY KEY (issuer, subject),
    -- One identity per provider and account: a second one (a recycled address at the provider)
    -- cannot be linked beside the first.
    UNIQUE (user_id, issuer)
) STRICT;

-- A closed account keeps no personal data, so its provider identities go with it (and the
-- identity can sign up again).
CREATE TRIGGER provider_identities_gone_with_account
AFTER UPDATE OF closed_at ON users
WHEN NEW.closed_at IS NOT NULL AND OLD.closed_at IS NULL
BEGIN
    DELETE FROM provider_identities WHERE user_id = NEW.id;
END;
