-- Agencies joining the marketplace (入驻): profile, qualifications,
-- practitioners, service listings, the reviews of all of them, documents and
-- sanctions.

ALTER TABLE organisations DROP CONSTRAINT organisations_status_check;
ALTER TABLE organisations ADD CONSTRAINT organisations_status_check
    CHECK (status IN ('active', 'pending_review'));

-- Documents stored in MinIO. The SHA-256 is of the exact bytes stored.
CREATE TABLE files (
    id              bigserial PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    purpose         text   NOT NULL CHECK (purpose IN ('qualification_scan')),
    object_key      text   NOT NULL UNIQUE,
    version_id      text   NOT NULL,
    sha256          text   NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes      bigint NOT NULL CHECK (size_bytes > 0),
    content_type    text   NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    filename        text   NOT NULL,
    uploaded_by     bigint NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_organisation_idx ON files (organisation_id);

-- Every presigned link handed out, and to whom.
CREATE TABLE file_downloads (
    id         bigserial PRIMARY KEY,
    file_id    bigint NOT NULL REFERENCES files (id),
    user_id    bigint NOT NULL REFERENCES users (id),
    issued_at  timestamptz NOT NULL DEFAULT now()
);

-- The agency's application. status is the state of the latest submission;
-- the organisation becomes active when a profile is first approved.
CREATE TABLE agency_profiles (
    organisation_id      bigint PRIMARY KEY REFERENCES organisations (id),
    legal_representative text NOT NULL DEFAULT '',
    address              text NOT NULL DEFAULT '',
    introduction         text NOT NULL DEFAULT '',
    status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
    submitted_at         timestamptz,
    decided_at           timestamptz,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE qualifications (
    id              bigserial PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    type_id         bigint NOT NULL,
    level_code      text   NOT NULL,
    certificate_no  text   NOT NULL CHECK (length(certificate_no) BETWEEN 1 AND 60),
    issuer          text   NOT NULL CHECK (length(issuer) BETWEEN 1 AND 100),
    valid_from      date   NOT NULL,
    valid_to        date   NOT NULL,
    scope           text   NOT NULL DEFAULT '',
    file_id         bigint NOT NULL REFERENCES files (id),
    status          text   NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
    expiry_warned_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (type_id, level_code) REFERENCES qualification_levels (type_id, code),
    CHECK (valid_to >= valid_from)
);
CREATE INDEX qualifications_organisation_idx ON qualifications (organisation_id);
CREATE INDEX qualifications_expiry_idx ON qualifications (valid_to) WHERE status = 'approved';

-- ID numbers are stored whole (the regulator may need to check them) and
-- shown masked.
CREATE TABLE practitioners (
    id              bigserial PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    name            text   NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    certificate_no  text   NOT NULL DEFAULT '',
    id_number       text   NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organisation_id, id_number)
);

-- A listing offers one catalogue item. The approved terms stay public while
-- a change is under review in the pending_* columns.
CREATE TABLE listings (
    id                     bigserial PRIMARY KEY,
    organisation_id        bigint NOT NULL REFERENCES organisations (id),
    item_id                bigint NOT NULL REFERENCES service_items (id),
    approved_fee_reference text,
    approved_commitment    text,
    approved_at            timestamptz,
    pending_fee_reference  text,
    pending_commitment     text,
    pending_status         text CHECK (pending_status IN ('draft', 'submitted', 'rejected')),
    pending_submitted_at   timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organisation_id, item_id),
    CHECK (approved_at IS NOT NULL OR pending_status IS NOT NULL)
);
CREATE INDEX listings_item_idx ON listings (item_id) WHERE approved_at IS NOT NULL;

-- Every submission and decision, kept as history.
CREATE TABLE review_events (
    id              bigserial PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    subject         text   NOT NULL CHECK (subject IN ('profile', 'qualification', 'listing')),
    subject_id      bigint NOT NULL,
    action          text   NOT NULL CHECK (action IN ('submitted', 'approved', 'rejected')),
    reason          text   NOT NULL DEFAULT '',
    actor_id        bigint NOT NULL REFERENCES users (id),
    snapshot        jsonb  NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (action <> 'rejected' OR length(reason) > 0)
);
CREATE INDEX review_events_subject_idx ON review_events (subject, subject_id, created_at);
CREATE INDEX review_events_organisation_idx ON review_events (organisation_id, created_at);

-- Sanctions by regulators. A suspension ends at ends_at by itself; a
-- blacklisting may have no end.
CREATE TABLE sanctions (
    id              bigserial PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    kind            text   NOT NULL CHECK (kind IN ('suspension', 'blacklist')),
    reason          text   NOT NULL CHECK (length(reason) BETWEEN 2 AND 1000),
    legal_basis     text   NOT NULL CHECK (length(legal_basis) BETWEEN 2 AND 500),
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz,
    imposed_by      bigint NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    lifted_at       timestamptz,
    lifted_by       bigint REFERENCES users (id),
    lift_reason     text,
    CHECK (kind = 'blacklist' OR ends_at IS NOT NULL),
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX sanctions_organisation_idx ON sanctions (organisation_id);

-- Messages to an organisation (e.g. a qualification about to expire).
CREATE TABLE notifications (
    id              bigserial PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    kind            text   NOT NULL,
    params          jsonb  NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    read_at         timestamptz
);
CREATE INDEX notifications_organisation_idx ON notifications (organisation_id, created_at DESC);

-- Regulators in charge of profiles as a whole (the government service
-- bureau) are marked; items name their own regulator.
ALTER TABLE organisations ADD COLUMN reviews_agencies boolean NOT NULL DEFAULT false;
