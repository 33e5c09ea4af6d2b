-- The dashboard's monthly totals per single dimension (月度分项汇总): the
-- counts and sums of the facts of one calendar month (Asia/Shanghai) in
-- all (dim 'all', key ''), and per region, owner, agency ('' for none yet)
-- and service item alone. An unfiltered dashboard — the usual one, by
-- month and by one of those — reads a few rows a month from here instead
-- of every combination in supervision_months. The same statement triggers
-- keep both tables with the facts, in the transaction that changes them.
-- Owned by internal/supervision.
CREATE TABLE supervision_month_keys (
    month          date   NOT NULL,
    dim            text   NOT NULL CHECK (dim IN ('all', 'region', 'owner', 'agency', 'item')),
    key            text   NOT NULL,
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
    PRIMARY KEY (month, dim, key)
);

-- supervision_months_apply removes (old rows) and adds (new rows) the facts
-- of a statement's transition tables to both summaries, grouped, in key
-- order.
CREATE OR REPLACE FUNCTION supervision_months_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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
        INSERT INTO supervision_month_keys AS m
        SELECT date_trunc('month', f.day)::date, d.dim, d.key,
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
        FROM old_facts f CROSS JOIN LATERAL (VALUES ('all', ''), ('region', f.region_code), ('owner', f.owner_id::text),
            ('agency', coalesce(f.agency_id::text, '')), ('item', f.item_id::text)) AS d (dim, key)
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (month, dim, key) DO UPDATE SET
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
        INSERT INTO supervision_month_keys AS m
        SELECT date_trunc('month', f.day)::date, d.dim, d.key,
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
        FROM new_facts f CROSS JOIN LATERAL (VALUES ('all', ''), ('region', f.region_code), ('owner', f.owner_id::text),
            ('agency', coalesce(f.agency_id::text, '')), ('item', f.item_id::text)) AS d (dim, key)
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (month, dim, key) DO UPDATE SET
            published = m.published + excluded.published, selections = m.selections + excluded.selections,
            contracts = m.contracts + excluded.contracts, completed = m.completed + excluded.completed,
            on_time = m.on_time + excluded.on_time, deal_fen = m.deal_fen + excluded.deal_fen,
            ceiling_fen = m.ceiling_fen + excluded.ceiling_fen, awaiting_price = m.awaiting_price + excluded.awaiting_price,
            complaints = m.complaints + excluded.complaints, upheld = m.upheld + excluded.upheld;
    END IF;
    RETURN NULL;
END
$$;

-- The facts already kept, summed once.
INSERT INTO supervision_month_keys
SELECT date_trunc('month', f.day)::date, d.dim, d.key,
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
FROM supervision_facts f CROSS JOIN LATERAL (VALUES ('all', ''), ('region', f.region_code), ('owner', f.owner_id::text),
    ('agency', coalesce(f.agency_id::text, '')), ('item', f.item_id::text)) AS d (dim, key)
GROUP BY 1, 2, 3;
