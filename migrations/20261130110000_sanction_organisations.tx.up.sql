-- Who imposed and who lifted a sanction, as organisations: only the
-- imposing regulator (or the government service bureau) may lift it, and
-- both are shown with the sanction. Recorded at the time of the act.
ALTER TABLE sanctions
    ADD COLUMN imposed_by_organisation_id bigint REFERENCES organisations (id),
    ADD COLUMN lifted_by_organisation_id  bigint REFERENCES organisations (id);

UPDATE sanctions s SET imposed_by_organisation_id = u.organisation_id FROM users u WHERE u.id = s.imposed_by;
UPDATE sanctions s SET lifted_by_organisation_id = u.organisation_id FROM users u WHERE u.id = s.lifted_by;

ALTER TABLE sanctions
    ALTER COLUMN imposed_by_organisation_id SET NOT NULL,
    ADD CONSTRAINT sanctions_lifted_by_organisation CHECK ((lifted_by IS NULL) = (lifted_by_organisation_id IS NULL));
