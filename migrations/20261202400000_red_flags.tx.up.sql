-- Red flags (风险提示) of integrity risks, raised by supervision as the
-- events behind them happen (procurement's and contract's change hooks) and
-- reviewed by regulators with a note. Owned by internal/supervision; the
-- rules behind each kind are in docs/redflags.md.

CREATE TABLE red_flags (
    id              bigserial PRIMARY KEY,
    kind            text   NOT NULL CHECK (kind IN ('single_registrant', 'agency_concentration', 'price_near_ceiling',
                                                    'identical_quotes', 'abnormally_low_quote', 'direct_splitting',
                                                    'amendment_price_increase', 'late_deliverable')),
    -- What the flag is about, e.g. announcement:12, item:3:agency:7,
    -- owner:5:item:3. While a flag is open, a new trigger of the same kind
    -- about the same subject updates it instead of raising another.
    subject         text   NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    announcement_id bigint REFERENCES announcements (id),
    contract_id     bigint REFERENCES contracts (id),
    owner_id        bigint REFERENCES organisations (id),
    agency_id       bigint REFERENCES organisations (id),
    item_id         bigint REFERENCES service_items (id),
    region_code     text   REFERENCES regions (code),
    -- The title of the announcement or contract at the time, for the list.
    title           text   NOT NULL DEFAULT '',
    -- The facts that triggered the flag (amounts in fen, ids to link to).
    evidence        jsonb  NOT NULL DEFAULT '{}',
    raised_at       timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    reviewed_at     timestamptz,
    reviewed_by     bigint REFERENCES users (id),
    review_note     text CHECK (length(review_note) <= 2000),
    CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL)),
    CHECK (reviewed_at IS NULL OR length(review_note) > 0)
);
CREATE UNIQUE INDEX red_flags_open_idx ON red_flags (kind, subject) WHERE reviewed_at IS NULL;
CREATE INDEX red_flags_list_idx ON red_flags (raised_at DESC, id DESC);
CREATE INDEX red_flags_announcement_idx ON red_flags (announcement_id) WHERE announcement_id IS NOT NULL;
CREATE INDEX red_flags_contract_idx ON red_flags (contract_id) WHERE contract_id IS NOT NULL;
