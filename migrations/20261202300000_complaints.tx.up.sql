-- Complaints (投诉) to regulators, owned by internal/supervision: filed by a
-- registrant or an owner against an announcement, a selection or a
-- contract; accepted or rejected for review; decided upheld or dismissed
-- within the rules' complaint_answer_workdays; threaded messages between
-- the parties and the regulator; the decision published in summary.
CREATE TABLE complaints (
    id               bigserial PRIMARY KEY,
    target_kind      text        NOT NULL CHECK (target_kind IN ('announcement', 'selection', 'contract')),
    target_id        bigint      NOT NULL,
    -- The procedure the complaint is about, and what the dashboard groups
    -- by, copied from the target when the complaint is filed.
    announcement_id  bigint      NOT NULL,
    contract_id      bigint,
    owner_id         bigint      NOT NULL,
    agency_id        bigint,
    item_id          bigint      NOT NULL,
    region_code      text        NOT NULL,
    subject_code     text        NOT NULL,
    subject_title    text        NOT NULL,
    complainant_org  bigint      NOT NULL,
    complainant_user bigint      NOT NULL,
    respondent_org   bigint      NOT NULL,
    grounds          text        NOT NULL CHECK (char_length(grounds) BETWEEN 10 AND 5000),
    status           text        NOT NULL DEFAULT 'filed'
                     CHECK (status IN ('filed', 'accepted', 'rejected', 'upheld', 'dismissed')),
    filed_at         timestamptz NOT NULL,
    decide_by        timestamptz NOT NULL,
    reviewed_at      timestamptz,
    reviewed_by      bigint,
    review_note      text,
    suspended        boolean     NOT NULL DEFAULT false,
    decided_at       timestamptz,
    decided_by       bigint,
    reasoning        text,
    summary          text,
    selection_voided boolean     NOT NULL DEFAULT false,
    updated_at       timestamptz NOT NULL,
    CHECK ((status IN ('upheld', 'dismissed')) = (decided_at IS NOT NULL))
);
CREATE INDEX complaints_announcement ON complaints (announcement_id);
-- One open complaint per complainant and subject.
CREATE UNIQUE INDEX complaints_open_once ON complaints (complainant_org, target_kind, target_id)
    WHERE status IN ('filed', 'accepted');
CREATE INDEX complaints_complainant ON complaints (complainant_org, id DESC);
CREATE INDEX complaints_respondent ON complaints (respondent_org, id DESC);
CREATE INDEX complaints_owner ON complaints (owner_id, id DESC);
CREATE INDEX complaints_filed ON complaints (filed_at);
CREATE INDEX complaints_decided ON complaints (decided_at) WHERE decided_at IS NOT NULL;

-- Evidence: files the complainant uploaded (purpose complaint_evidence).
CREATE TABLE complaint_files (
    complaint_id bigint NOT NULL REFERENCES complaints (id),
    file_id      bigint NOT NULL REFERENCES files (id),
    PRIMARY KEY (complaint_id, file_id)
);

-- The thread between the complainant, the respondent and the regulator.
CREATE TABLE complaint_messages (
    id          bigserial PRIMARY KEY,
    complaint_id bigint      NOT NULL REFERENCES complaints (id),
    author_user bigint      NOT NULL,
    author_org  bigint      NOT NULL,
    role        text        NOT NULL CHECK (role IN ('complainant', 'respondent', 'owner', 'regulator')),
    body        text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
    created_at  timestamptz NOT NULL
);
CREATE INDEX complaint_messages_thread ON complaint_messages (complaint_id, id);

-- procurement: a procedure suspended by a regulator while a complaint is
-- reviewed: not closed, chosen, selected or awarded until resumed.
ALTER TABLE announcements ADD COLUMN suspended_at timestamptz;

-- contract: upheld complaints against an agency, deducted from its credit
-- score (docs/credit.md).
CREATE TABLE credit_complaints (
    complaint_id bigint      PRIMARY KEY,
    agency_id    bigint      NOT NULL,
    upheld_at    timestamptz NOT NULL
);
CREATE INDEX credit_complaints_agency ON credit_complaints (agency_id, upheld_at);

-- files: complaint evidence is a purpose of its own. The constraint is
-- recreated whole with every purpose known.
ALTER TABLE files DROP CONSTRAINT IF EXISTS files_purpose_check;
ALTER TABLE files ADD CONSTRAINT files_purpose_check CHECK (purpose IN (
    'qualification_scan', 'announcement_attachment', 'contract_document',
    'deliverable', 'acceptance_certificate', 'complaint_evidence'));
