-- Early warnings (预警) over the marketplace's time limits, owned by
-- internal/supervision. The rules are data the platform administrator edits:
-- for each kind of time limit, how many working days before it a warning
-- turns yellow and how many working days after it the warning turns red.

CREATE TABLE warning_rules (
    rule                   text PRIMARY KEY CHECK (rule IN ('direct_choice', 'contract_registration',
                               'milestone_overdue', 'acceptance_delayed', 'qualification_expiring')),
    enabled                boolean NOT NULL DEFAULT true,
    -- For a time limit counted here rather than stored by its capability
    -- (the owner's review of a submitted deliverable): working days after
    -- the start. 0 for the others.
    due_workdays           int NOT NULL DEFAULT 0 CHECK (due_workdays BETWEEN 0 AND 60),
    -- Yellow once the deadline is this many working days away or nearer
    -- (0: on the day it falls due).
    yellow_before_workdays int NOT NULL DEFAULT 0 CHECK (yellow_before_workdays BETWEEN 0 AND 60),
    -- Red once this many further working days have passed after the
    -- deadline (0: as soon as it passes).
    red_after_workdays     int NOT NULL DEFAULT 3 CHECK (red_after_workdays BETWEEN 0 AND 60),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    updated_by             bigint REFERENCES users (id)
);
INSERT INTO warning_rules (rule, due_workdays, yellow_before_workdays, red_after_workdays) VALUES
    ('direct_choice',          0, 1,  0),
    ('contract_registration',  0, 0,  3),
    ('milestone_overdue',      0, 0,  3),
    ('acceptance_delayed',     5, 0,  3),
    ('qualification_expiring', 0, 20, 0);

-- A warning: one late (or nearly late) thing. It stays open while the
-- thing is due and clears itself (cleared_at) when it is done or no longer
-- due; cleared warnings are kept as the record of what was late. The
-- subject is the row of the capability that owns the time limit (an
-- announcement, contract, milestone, submission or qualification), so no
-- foreign key names it.
CREATE TABLE warnings (
    id              bigserial PRIMARY KEY,
    rule            text   NOT NULL REFERENCES warning_rules (rule),
    subject_id      bigint NOT NULL,
    announcement_id bigint,
    contract_id     bigint,
    owner_id        bigint,
    agency_id       bigint,
    region_code     text,
    code            text   NOT NULL DEFAULT '',
    title           text   NOT NULL DEFAULT '',
    due_at          timestamptz NOT NULL,
    level           text   NOT NULL CHECK (level IN ('yellow', 'red')),
    raised_at       timestamptz NOT NULL,
    red_at          timestamptz,
    cleared_at      timestamptz,
    updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX warnings_open_idx ON warnings (rule, subject_id) WHERE cleared_at IS NULL;
CREATE INDEX warnings_queue_idx ON warnings (due_at, id) WHERE cleared_at IS NULL;
CREATE INDEX warnings_owner_idx ON warnings (owner_id, id DESC);
CREATE INDEX warnings_agency_idx ON warnings (agency_id, id DESC);
CREATE INDEX warnings_contract_idx ON warnings (contract_id) WHERE cleared_at IS NULL;
CREATE INDEX warnings_announcement_idx ON warnings (announcement_id) WHERE cleared_at IS NULL;
