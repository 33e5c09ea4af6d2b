-- Procurement: owners' investment projects and the intermediary services they
-- plan, announcements and their rounds, sealed registrations, selections with
-- their draws, publicity and objections. Owned by internal/procurement.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The marketplace rules (DESIGN.md's defaults), one row the platform
-- administrator edits. Durations are working days; money is fen.
CREATE TABLE procurement_rules (
    id                         boolean PRIMARY KEY DEFAULT true CHECK (id),
    direct_limit_fen           bigint NOT NULL DEFAULT 10000000 CHECK (direct_limit_fen > 0),
    max_ceiling_fen            bigint NOT NULL DEFAULT 100000000000 CHECK (max_ceiling_fen > 0),
    min_registrants            int    NOT NULL DEFAULT 3 CHECK (min_registrants BETWEEN 1 AND 100),
    min_registrants_direct     int    NOT NULL DEFAULT 1 CHECK (min_registrants_direct BETWEEN 1 AND 100),
    registration_workdays      int    NOT NULL DEFAULT 3 CHECK (registration_workdays BETWEEN 1 AND 60),
    direct_choice_workdays     int    NOT NULL DEFAULT 3 CHECK (direct_choice_workdays BETWEEN 1 AND 60),
    publicity_workdays         int    NOT NULL DEFAULT 3 CHECK (publicity_workdays BETWEEN 1 AND 60),
    objection_answer_workdays  int    NOT NULL DEFAULT 3 CHECK (objection_answer_workdays BETWEEN 1 AND 60),
    complaint_answer_workdays  int    NOT NULL DEFAULT 10 CHECK (complaint_answer_workdays BETWEEN 1 AND 120),
    contract_register_workdays int    NOT NULL DEFAULT 5 CHECK (contract_register_workdays BETWEEN 1 AND 60),
    abnormal_low_percent       int    NOT NULL DEFAULT 50 CHECK (abnormal_low_percent BETWEEN 1 AND 99),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    updated_by                 bigint REFERENCES users (id)
);
INSERT INTO procurement_rules DEFAULT VALUES;

-- Investment projects (投资项目库). The code is the national project code
-- YYYY-AAAAAA-BB-CC-NNNNNN: year, six-digit division (in Dali), industry,
-- type, serial.
CREATE TABLE projects (
    id                   bigserial PRIMARY KEY,
    owner_id             bigint NOT NULL REFERENCES organisations (id),
    code                 text   NOT NULL UNIQUE CHECK (code ~ '^[0-9]{4}-5329[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{6}$'),
    name                 text   NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
    region_code          text   NOT NULL REFERENCES regions (code),
    total_investment_fen bigint NOT NULL CHECK (total_investment_fen >= 0),
    stage                text   NOT NULL CHECK (stage IN ('planning', 'approval', 'design', 'construction', 'completed')),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_owner_idx ON projects (owner_id, id DESC);

-- The intermediary services a project will need (预备服务项目).
CREATE TABLE project_services (
    id           bigserial PRIMARY KEY,
    project_id   bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    item_id      bigint NOT NULL REFERENCES service_items (id),
    planned_date date,
    note         text   NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, item_id)
);

-- An announcement is one round of procurement of one planned service. A
-- failed round may be relisted as the next round (previous_id). The code
-- and ocid are given at publication.
CREATE TABLE announcements (
    id                    bigserial PRIMARY KEY,
    owner_id              bigint NOT NULL REFERENCES organisations (id),
    project_id            bigint NOT NULL REFERENCES projects (id),
    project_service_id    bigint NOT NULL REFERENCES project_services (id),
    item_id               bigint NOT NULL REFERENCES service_items (id),
    region_code           text   NOT NULL REFERENCES regions (code),
    round                 int    NOT NULL DEFAULT 1 CHECK (round >= 1),
    previous_id           bigint UNIQUE REFERENCES announcements (id),
    code                  text   UNIQUE,
    ocid                  text   UNIQUE,
    title                 text   NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
    description           text   NOT NULL CHECK (length(description) <= 5000),
    practitioner_requirements text NOT NULL DEFAULT '' CHECK (length(practitioner_requirements) <= 2000),
    ceiling_fen           bigint NOT NULL CHECK (ceiling_fen > 0),
    -- The price a random draw's winner is paid (≤ ceiling).
    stated_price_fen      bigint CHECK (stated_price_fen > 0 AND stated_price_fen <= ceiling_fen),
    method                text   NOT NULL CHECK (method IN ('direct', 'random', 'lowest', 'comprehensive')),
    -- Comprehensive review's weights, percent, summing to 100.
    weight_price          int CHECK (weight_price BETWEEN 0 AND 100),
    weight_credit         int CHECK (weight_credit BETWEEN 0 AND 100),
    weight_rating         int CHECK (weight_rating BETWEEN 0 AND 100),
    service_workdays      int    NOT NULL CHECK (service_workdays BETWEEN 1 AND 1000),
    registration_deadline timestamptz,
    status                text   NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'open', 'closed', 'failed', 'in_publicity', 'awarded', 'cancelled')),
    -- The draw's commitment SHA-256(secret), public from publication; the
    -- secret itself is sealed until the draw reveals it.
    draw_commitment       bytea,
    draw_secret_sealed    bytea,
    -- The number of current registrations: the one fact about them that is
    -- public before the deadline.
    registrant_count      int    NOT NULL DEFAULT 0 CHECK (registrant_count >= 0),
    published_at          timestamptz,
    closed_at             timestamptz,
    -- Direct selection: the owner chooses by this time.
    choose_by             timestamptz,
    cancelled_at          timestamptz,
    cancel_reason         text,
    failed_at             timestamptz,
    fail_reason           text,
    awarded_at            timestamptz,
    created_by            bigint NOT NULL REFERENCES users (id),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (method <> 'random' OR status = 'draft' OR stated_price_fen IS NOT NULL),
    CHECK (method <> 'comprehensive' OR status = 'draft'
           OR coalesce(weight_price, 0) + coalesce(weight_credit, 0) + coalesce(weight_rating, 0) = 100),
    CHECK (status = 'draft' OR (code IS NOT NULL AND ocid IS NOT NULL AND published_at IS NOT NULL
                                AND registration_deadline IS NOT NULL AND draw_commitment IS NOT NULL)),
    CHECK (status <> 'cancelled' OR length(cancel_reason) > 0)
);
CREATE INDEX announcements_owner_idx ON announcements (owner_id, id DESC);
CREATE INDEX announcements_project_idx ON announcements (project_id);
-- The public notice list: published announcements, newest first, keyset-paged.
CREATE INDEX announcements_public_idx ON announcements (published_at DESC, id DESC) WHERE status <> 'draft';
CREATE INDEX announcements_item_idx ON announcements (item_id, published_at DESC, id DESC) WHERE status <> 'draft';
CREATE INDEX announcements_region_idx ON announcements (region_code, published_at DESC, id DESC) WHERE status <> 'draft';
CREATE INDEX announcements_status_idx ON announcements (status, registration_deadline);
-- Full-text search that works for Chinese words: trigrams over the title and
-- description (a two-character word needs the LIKE fallback the package uses).
CREATE INDEX announcements_search_idx ON announcements
    USING gin ((title || ' ' || description) gin_trgm_ops) WHERE status <> 'draft';

-- Qualifications required, copied from the item at publication so later
-- catalogue edits do not change a published announcement.
CREATE TABLE announcement_requirements (
    announcement_id bigint NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
    type_id         bigint NOT NULL REFERENCES qualification_types (id),
    level_code      text   NOT NULL,
    PRIMARY KEY (announcement_id, type_id)
);

-- Agencies the owner excludes (回避), each with a reason.
CREATE TABLE announcement_avoidances (
    announcement_id bigint NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
    agency_id       bigint NOT NULL REFERENCES organisations (id),
    reason          text   NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
    PRIMARY KEY (announcement_id, agency_id)
);

-- Attachments: files already stored through internal/files.
CREATE TABLE announcement_files (
    announcement_id bigint NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
    file_id         bigint NOT NULL REFERENCES files (id),
    PRIMARY KEY (announcement_id, file_id)
);

-- Registrations (报名). The quote and a low quote's justification are sealed
-- (AES-256-GCM under the announcement's key) until the deadline; quote_fen
-- is filled in only when registration has closed.
CREATE TABLE registrations (
    id                   bigserial PRIMARY KEY,
    announcement_id      bigint NOT NULL REFERENCES announcements (id),
    agency_id            bigint NOT NULL REFERENCES organisations (id),
    registered_by        bigint NOT NULL REFERENCES users (id),
    status               text   NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'withdrawn')),
    quote_sealed         bytea,
    justification_sealed bytea,
    quote_fen            bigint CHECK (quote_fen > 0),
    justification        text,
    -- Decided when registration closes: eligibility is judged again then.
    eligible             boolean,
    ineligible_reason    text,
    -- Comprehensive review's score in hundredths of a point (0–10000), and
    -- the rank of the registration in the selection (1 = first).
    score                int CHECK (score BETWEEN 0 AND 10000),
    rank                 int CHECK (rank >= 1),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    withdrawn_at         timestamptz,
    UNIQUE (announcement_id, agency_id)
);
CREATE INDEX registrations_agency_idx ON registrations (agency_id, id DESC);

-- Idempotency keys of registration requests: a retried request with the same
-- key returns the first answer instead of acting twice.
CREATE TABLE registration_requests (
    agency_id       bigint NOT NULL REFERENCES organisations (id),
    idempotency_key text   NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 100),
    request_hash    bytea  NOT NULL,
    registration_id bigint REFERENCES registrations (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_id, idempotency_key)
);

-- A selection of an announcement's winner. An upheld objection voids it and
-- the next selection (the next ranked, or a new draw) takes its place.
CREATE TABLE selections (
    id                 bigserial PRIMARY KEY,
    announcement_id    bigint NOT NULL REFERENCES announcements (id),
    seq                int    NOT NULL CHECK (seq >= 1),
    method             text   NOT NULL CHECK (method IN ('direct', 'random', 'lowest', 'comprehensive')),
    winner_id          bigint NOT NULL REFERENCES registrations (id),
    -- The deal price: the stated price (random), the winner's quote (lowest,
    -- comprehensive), or null until the contract for direct selection.
    deal_price_fen     bigint CHECK (deal_price_fen > 0),
    reason             text,
    -- The draw's revealed inputs and result (draw-v1), where one was drawn.
    draw_secret        bytea,
    draw_candidates    jsonb,
    draw_order         jsonb,
    status             text   NOT NULL DEFAULT 'in_publicity' CHECK (status IN ('in_publicity', 'voided', 'awarded')),
    selected_by        bigint REFERENCES users (id),
    selected_at        timestamptz NOT NULL,
    publicity_ends_at  timestamptz NOT NULL,
    voided_at          timestamptz,
    UNIQUE (announcement_id, seq),
    CHECK (method <> 'direct' OR length(reason) > 0)
);
CREATE UNIQUE INDEX selections_current_idx ON selections (announcement_id) WHERE status <> 'voided';

-- Objections (质疑) by registrants during publicity, answered by the owner.
CREATE TABLE objections (
    id              bigserial PRIMARY KEY,
    selection_id    bigint NOT NULL REFERENCES selections (id),
    registration_id bigint NOT NULL REFERENCES registrations (id),
    grounds         text   NOT NULL CHECK (length(grounds) BETWEEN 10 AND 5000),
    status          text   NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'upheld', 'dismissed')),
    answer          text,
    answer_by       timestamptz NOT NULL,
    answered_at     timestamptz,
    answered_by     bigint REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (selection_id, registration_id),
    CHECK (status = 'pending' OR length(answer) > 0)
);
