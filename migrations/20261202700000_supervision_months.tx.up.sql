-- The dashboard's monthly summary (月度汇总) of supervision_facts: the
-- counts and sums of the facts of one calendar month (Asia/Shanghai) per
-- region, owner, agency (0: none yet) and service item. Statement triggers
-- on supervision_facts keep it in the transaction that changes the facts,
-- so it always equals them; the figures read whole months from here and
-- only a period's partial edge months from the facts. Owned by
-- internal/supervision.
CREATE TABLE supervision_months (
    month          date   NOT NULL,
    region_code    text   NOT NULL,
    owner_id       bigint NOT NULL,
    agency_id      bigint NOT NULL,
    item_id        bigint NOT NULL,
    published      bigint NOT NULL DEFAULT 0,
    selections     bigint NOT NULL DEFAULT 0,
    contracts      bigint NOT NULL DEFAULT 0,
    completed      bigint NOT NULL DEFAULT 0,
    on_time        bigint NOT NULL DEFAULT 0,
    deal_fen       bigint NOT NULL DEFAULT 0,
    ceiling_fen    bigint NOT NULL DEFAULT 0,
    awaiting_price bigint NOT NULL DEFAULT 0,
    complaints     bigint NOT NULL DEFAULT 0,
    upheld         bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (month, region_code, owner_id, agency_id, item_id)
);

-- supervision_months_apply adds (sign 1) or removes (sign -1) the facts of a
-- statement's transition table, grouped, in key order.
CREATE FUNCTION supervision_months_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO supervision_months AS m
        SELECT date_trunc('month', f.day)::date, f.region_code, f.owner_id, coalesce(f.agency_id, 0), f.item_id,
            -count(*) FILTER (WHERE f.kind = 'published'),
            -count(*) FILTER (WHERE f.kind = 'awarded'),
            -count(*) FILTER (WHERE f.kind = 'registered'),
            -count(*) FILTER (WHERE f.kind = 'completed'),
            -count(*) FILTER (WHERE f.kind = 'completed' AND f.on_time),
            -coalesce(sum(f.deal_fen) FILTER (WHERE f.kind = 'awarded'), 0),
            -coalesce(sum(f.ceiling_fen) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NOT NULL), 0),
            -count(*) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NULL),
            -count(*) FILTER (WHERE f.kind = 'complaint'),
            -count(*) FILTER (WHERE f.kind = 'complaint' AND f.upheld)
        FROM old_facts f
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (month, region_code, owner_id, agency_id, item_id) DO UPDATE SET
            published = m.published + excluded.published, selections = m.selections + excluded.selections,
            contracts = m.contracts + excluded.contracts, completed = m.completed + excluded.completed,
            on_time = m.on_time + excluded.on_time, deal_fen = m.deal_fen + excluded.deal_fen,
            ceiling_fen = m.ceiling_fen + excluded.ceiling_fen, awaiting_price = m.awaiting_price + excluded.awaiting_price,
            complaints = m.complaints + excluded.complaints, upheld = m.upheld + excluded.upheld;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO supervision_months AS m
        SELECT date_trunc('month', f.day)::date, f.region_code, f.owner_id, coalesce(f.agency_id, 0), f.item_id,
            count(*) FILTER (WHERE f.kind = 'published'),
            count(*) FILTER (WHERE f.kind = 'awarded'),
            count(*) FILTER (WHERE f.kind = 'registered'),
            count(*) FILTER (WHERE f.kind = 'completed'),
            count(*) FILTER (WHERE f.kind = 'completed' AND f.on_time),
            coalesce(sum(f.deal_fen) FILTER (WHERE f.kind = 'awarded'), 0),
            coalesce(sum(f.ceiling_fen) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NOT NULL), 0),
            count(*) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NULL),
            count(*) FILTER (WHERE f.kind = 'complaint'),
            count(*) FILTER (WHERE f.kind = 'complaint' AND f.upheld)
        FROM new_facts f
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (month, region_code, owner_id, agency_id, item_id) DO UPDATE SET
            published = m.published + excluded.published, selections = m.selections + excluded.selections,
            contracts = m.contracts + excluded.contracts, completed = m.completed + excluded.completed,
            on_time = m.on_time + excluded.on_time, deal_fen = m.deal_fen + excluded.deal_fen,
            ceiling_fen = m.ceiling_fen + excluded.ceiling_fen, awaiting_price = m.awaiting_price + excluded.awaiting_price,
            complaints = m.complaints + excluded.complaints, upheld = m.upheld + excluded.upheld;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER supervision_months_insert AFTER INSERT ON supervision_facts
    REFERENCING NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION supervision_months_apply();
CREATE TRIGGER supervision_months_update AFTER UPDATE ON supervision_facts
    REFERENCING OLD TABLE AS old_facts NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION supervision_months_apply();
CREATE TRIGGER supervision_months_delete AFTER DELETE ON supervision_facts
    REFERENCING OLD TABLE AS old_facts FOR EACH STATEMENT EXECUTE FUNCTION supervision_months_apply();

-- The facts already kept, summed once.
INSERT INTO supervision_months
SELECT date_trunc('month', f.day)::date, f.region_code, f.owner_id, coalesce(f.agency_id, 0), f.item_id,
    count(*) FILTER (WHERE f.kind = 'published'),
    count(*) FILTER (WHERE f.kind = 'awarded'),
    count(*) FILTER (WHERE f.kind = 'registered'),
    count(*) FILTER (WHERE f.kind = 'completed'),
    count(*) FILTER (WHERE f.kind = 'completed' AND f.on_time),
    coalesce(sum(f.deal_fen) FILTER (WHERE f.kind = 'awarded'), 0),
    coalesce(sum(f.ceiling_fen) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NOT NULL), 0),
    count(*) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NULL),
    count(*) FILTER (WHERE f.kind = 'complaint'),
    count(*) FILTER (WHERE f.kind = 'complaint' AND f.upheld)
FROM supervision_facts f
GROUP BY 1, 2, 3, 4, 5;
