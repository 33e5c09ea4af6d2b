-- Contracts and fulfilment: contract registration (签约登记) from an award,
-- amendments (变更), termination, milestones (履约节点), payments, deliverables
-- and their review, final acceptance (验收) with its certificate, and the two
-- sides' ratings of each other. Owned by internal/contract; the stored files
-- themselves are internal/files' (files.id).

-- The rules of fulfilment the platform administrator keeps, beside
-- procurement's (DESIGN.md's defaults). Durations are working days unless
-- named in calendar days.
CREATE TABLE contract_rules (
    id                         boolean PRIMARY KEY DEFAULT true CHECK (id),
    -- An amendment raising the price by more than this percentage is flagged.
    price_increase_flag_percent int NOT NULL DEFAULT 10 CHECK (price_increase_flag_percent BETWEEN 1 AND 100),
    -- Unpaid this many calendar days after acceptance: shown and flagged
    -- (the regulation on payments to small and medium enterprises).
    payment_days               int NOT NULL DEFAULT 30 CHECK (payment_days BETWEEN 1 AND 365),
    -- Ratings stay open this many calendar days after completion.
    rating_days                int NOT NULL DEFAULT 30 CHECK (rating_days BETWEEN 1 AND 365),
    -- Submitted deliverables are kept under object-lock retention this long.
    retention_years            int NOT NULL DEFAULT 10 CHECK (retention_years BETWEEN 1 AND 100),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    updated_by                 bigint REFERENCES users (id)
);
INSERT INTO contract_rules DEFAULT VALUES;

-- A contract, registered from an award. One party registers it (prefilled
-- from the award, with the contract document); the other confirms it.
CREATE TABLE contracts (
    id                 bigserial PRIMARY KEY,
    code               text   NOT NULL UNIQUE,
    announcement_id    bigint NOT NULL REFERENCES announcements (id),
    selection_id       bigint NOT NULL UNIQUE REFERENCES selections (id),
    owner_id           bigint NOT NULL REFERENCES organisations (id),
    agency_id          bigint NOT NULL REFERENCES organisations (id),
    item_id            bigint NOT NULL REFERENCES service_items (id),
    region_code        text   NOT NULL REFERENCES regions (code),
    title              text   NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
    -- The ceiling of the announcement, kept for savings and for amendments.
    ceiling_fen        bigint NOT NULL CHECK (ceiling_fen > 0),
    -- The deal price; null only before registration of a direct selection,
    -- whose price is agreed at the contract.
    price_fen          bigint CHECK (price_fen > 0),
    scope              text   NOT NULL DEFAULT '' CHECK (length(scope) <= 5000),
    service_workdays   int    NOT NULL CHECK (service_workdays BETWEEN 1 AND 1000),
    status             text   NOT NULL DEFAULT 'awaiting_registration'
        CHECK (status IN ('awaiting_registration', 'pending_confirmation', 'active', 'completed', 'terminated')),
    -- Registration is due by this time (contract_register_workdays after the award).
    register_by        timestamptz NOT NULL,
    late_warned_at     timestamptz,
    document_file_id   bigint REFERENCES files (id),
    signed_on          date,
    starts_on          date,
    due_on             date,
    registered_by_org  bigint REFERENCES organisations (id),
    registered_by      bigint REFERENCES users (id),
    registered_at      timestamptz,
    confirmed_by       bigint REFERENCES users (id),
    confirmed_at       timestamptz,
    accepted_at        timestamptz,
    completed_at       timestamptz,
    terminated_at      timestamptz,
    terminated_by      bigint REFERENCES users (id),
    termination_reason text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (status IN ('awaiting_registration') OR (price_fen IS NOT NULL AND document_file_id IS NOT NULL
                                                   AND registered_at IS NOT NULL)),
    CHECK (status <> 'terminated' OR length(termination_reason) > 0)
);
CREATE INDEX contracts_owner_idx ON contracts (owner_id, id DESC);
CREATE INDEX contracts_agency_idx ON contracts (agency_id, id DESC);
CREATE INDEX contracts_status_idx ON contracts (status, register_by);

-- Amendments (变更), proposed by one party and confirmed by the other.
CREATE TABLE contract_amendments (
    id                   bigserial PRIMARY KEY,
    contract_id          bigint NOT NULL REFERENCES contracts (id),
    kind                 text   NOT NULL CHECK (kind IN ('price', 'period', 'scope')),
    reason               text   NOT NULL CHECK (length(reason) BETWEEN 2 AND 2000),
    old_price_fen        bigint,
    new_price_fen        bigint CHECK (new_price_fen > 0),
    old_service_workdays int,
    new_service_workdays int CHECK (new_service_workdays BETWEEN 1 AND 1000),
    old_scope            text,
    new_scope            text CHECK (length(new_scope) <= 5000),
    status               text   NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected', 'withdrawn')),
    -- A price increase over the rules' percentage, for regulators.
    flagged              boolean NOT NULL DEFAULT false,
    proposed_by_org      bigint NOT NULL REFERENCES organisations (id),
    proposed_by          bigint NOT NULL REFERENCES users (id),
    decided_by           bigint REFERENCES users (id),
    decided_at           timestamptz,
    decision_note        text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'price' OR new_price_fen IS NOT NULL),
    CHECK (kind <> 'period' OR new_service_workdays IS NOT NULL),
    CHECK (kind <> 'scope' OR new_scope IS NOT NULL)
);
CREATE INDEX contract_amendments_contract_idx ON contract_amendments (contract_id, id);
CREATE UNIQUE INDEX contract_amendments_pending_idx ON contract_amendments (contract_id) WHERE status = 'pending';

-- Milestones (履约节点): due dates in working days from the start, derived
-- from the committed service period and editable by agreement.
CREATE TABLE milestones (
    id           bigserial PRIMARY KEY,
    contract_id  bigint NOT NULL REFERENCES contracts (id),
    seq          int    NOT NULL CHECK (seq >= 1),
    name         text   NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- Working days after the start by which it is due.
    workdays     int    NOT NULL CHECK (workdays BETWEEN 1 AND 1000),
    due_on       date   NOT NULL,
    -- The last milestone's acceptance is the final acceptance (验收).
    final        boolean NOT NULL DEFAULT false,
    accepted_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (contract_id, seq)
);
CREATE UNIQUE INDEX milestones_final_idx ON milestones (contract_id) WHERE final;

-- Payments the owner records against the contract.
CREATE TABLE contract_payments (
    id           bigserial PRIMARY KEY,
    contract_id  bigint NOT NULL REFERENCES contracts (id),
    amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
    paid_on      date   NOT NULL,
    note         text   NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    recorded_by  bigint NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contract_payments_contract_idx ON contract_payments (contract_id);

-- A submission of deliverables for a milestone: version 1, 2, … Each
-- re-upload after a return is a new version. Files are attached while the
-- submission is a draft ('uploading'), then submitted, then accepted or
-- returned with comments.
CREATE TABLE submissions (
    id            bigserial PRIMARY KEY,
    contract_id   bigint NOT NULL REFERENCES contracts (id),
    milestone_id  bigint NOT NULL REFERENCES milestones (id),
    version       int    NOT NULL CHECK (version >= 1),
    status        text   NOT NULL DEFAULT 'uploading' CHECK (status IN ('uploading', 'submitted', 'accepted', 'returned')),
    note          text   NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    comments      text,
    created_by    bigint NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    submitted_at  timestamptz,
    decided_by    bigint REFERENCES users (id),
    decided_at    timestamptz,
    UNIQUE (milestone_id, version),
    CHECK (status <> 'returned' OR length(comments) > 0)
);
CREATE UNIQUE INDEX submissions_open_idx ON submissions (milestone_id) WHERE status IN ('uploading', 'submitted');

-- The files of a submission (internal/files' records, purpose deliverable).
CREATE TABLE submission_files (
    submission_id bigint NOT NULL REFERENCES submissions (id),
    file_id       bigint NOT NULL UNIQUE REFERENCES files (id),
    PRIMARY KEY (submission_id, file_id)
);

-- The acceptance certificate issued at final acceptance, found by its code
-- (the QR code's link) on the public authenticity page.
CREATE TABLE acceptance_certificates (
    contract_id  bigint PRIMARY KEY REFERENCES contracts (id),
    code         text   NOT NULL UNIQUE,
    file_id      bigint REFERENCES files (id),
    issued_at    timestamptz NOT NULL
);

-- The owner's rating of the agency, once per contract, 1–5 on five
-- dimensions.
CREATE TABLE agency_ratings (
    contract_id  bigint PRIMARY KEY REFERENCES contracts (id),
    agency_id    bigint NOT NULL REFERENCES organisations (id),
    quality      smallint NOT NULL CHECK (quality BETWEEN 1 AND 5),
    timeliness   smallint NOT NULL CHECK (timeliness BETWEEN 1 AND 5),
    attitude     smallint NOT NULL CHECK (attitude BETWEEN 1 AND 5),
    fees         smallint NOT NULL CHECK (fees BETWEEN 1 AND 5),
    conduct      smallint NOT NULL CHECK (conduct BETWEEN 1 AND 5),
    comment      text     NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    rated_by     bigint   NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL
);
CREATE INDEX agency_ratings_agency_idx ON agency_ratings (agency_id);

-- The agency's rating of the owner, once per contract.
CREATE TABLE owner_ratings (
    contract_id  bigint PRIMARY KEY REFERENCES contracts (id),
    owner_id     bigint NOT NULL REFERENCES organisations (id),
    clarity      smallint NOT NULL CHECK (clarity BETWEEN 1 AND 5),
    cooperation  smallint NOT NULL CHECK (cooperation BETWEEN 1 AND 5),
    payment      smallint NOT NULL CHECK (payment BETWEEN 1 AND 5),
    comment      text     NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    rated_by     bigint   NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL
);
CREATE INDEX owner_ratings_owner_idx ON owner_ratings (owner_id);

-- Each agency's credit score (信用分), recomputed when its inputs change, in
-- hundredths of a point, with the breakdown shown beside it.
CREATE TABLE credit_scores (
    agency_id    bigint PRIMARY KEY REFERENCES organisations (id),
    score        int    NOT NULL CHECK (score BETWEEN 0 AND 10000),
    breakdown    jsonb  NOT NULL,
    computed_at  timestamptz NOT NULL
);
