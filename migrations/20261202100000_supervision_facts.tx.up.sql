-- The dashboard's facts (统计事实): one row per counted event, written by
-- supervision's change hooks in the transaction of the change itself, so
-- the statistics are never behind what they count and never scan the
-- procurement and contract tables. Owned by internal/supervision.
--
--   published   an announcement's first publication (subject: announcement)
--   awarded     an announcement reaching awarded (subject: announcement);
--               deal_fen is null until a direct selection's contract is
--               registered with the agreed price
--   registered  a contract becoming active (subject: contract)
--   completed   a contract becoming completed (subject: contract); on_time
--               says whether it completed by its due date
--   complaint   a complaint filed (subject: complaint); upheld once decided
CREATE TABLE supervision_facts (
    id              bigserial PRIMARY KEY,
    kind            text   NOT NULL CHECK (kind IN ('published', 'awarded', 'registered', 'completed', 'complaint')),
    subject_id      bigint NOT NULL,
    at              timestamptz NOT NULL,
    -- The Asia/Shanghai date of at: periods are dates in Shanghai.
    day             date   NOT NULL,
    announcement_id bigint NOT NULL,
    contract_id     bigint,
    code            text   NOT NULL DEFAULT '',
    title           text   NOT NULL DEFAULT '',
    region_code     text   NOT NULL,
    owner_id        bigint NOT NULL,
    agency_id       bigint,
    item_id         bigint NOT NULL,
    method          text   NOT NULL DEFAULT '',
    ceiling_fen     bigint CHECK (ceiling_fen > 0),
    deal_fen        bigint CHECK (deal_fen > 0),
    on_time         boolean,
    upheld          boolean,
    UNIQUE (kind, subject_id)
);
-- Figures for a period: every kind is read by day range, the sums covered.
CREATE INDEX supervision_facts_day_idx ON supervision_facts (kind, day)
    INCLUDE (region_code, owner_id, agency_id, item_id, ceiling_fen, deal_fen, on_time, upheld);
CREATE INDEX supervision_facts_announcement_idx ON supervision_facts (announcement_id);
