-- What the platform administrator changed on an organisation and its users,
-- kept for the record: an organisation's name or credit code (corrected after
-- a typo or a re-registration), a user's role, a password reset. Who did it,
-- when (marketplace clock) and the old and new values; a reset password is
-- never recorded, only that it was reset.
CREATE TABLE organisation_changes (
    id              bigserial PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    user_id         bigint REFERENCES users (id),
    field           text NOT NULL CHECK (field IN ('name', 'credit_code', 'role', 'password_reset')),
    old_value       text NOT NULL DEFAULT '',
    new_value       text NOT NULL DEFAULT '',
    changed_by      bigint NOT NULL REFERENCES users (id),
    changed_at      timestamptz NOT NULL,
    CHECK ((field IN ('role', 'password_reset')) = (user_id IS NOT NULL))
);
CREATE INDEX organisation_changes_org_idx ON organisation_changes (organisation_id, changed_at DESC, id DESC);

-- A user whose password an administrator reset must choose a new one at the
-- next sign-in: the temporary one was seen by someone else.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
