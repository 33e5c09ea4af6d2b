-- One body for the three summaries' upkeep: supervision_summaries_add adds
-- direction (1 or -1) times the facts to supervision_months,
-- supervision_month_keys and supervision_day_keys, grouped, in key order, so
-- that concurrent transactions lock summary rows in one order. The trigger
-- function calls it with a statement's old facts (-1) and new facts (1);
-- before, it repeated each summary's statement for both. Owned by
-- internal/supervision.
CREATE FUNCTION supervision_summaries_add(facts supervision_facts[], direction bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO supervision_months AS m
    SELECT date_trunc('month', f.day)::date, f.region_code, f.owner_id, coalesce(f.agency_id, 0), f.item_id,
        direction * count(*) FILTER (WHERE f.kind = 'published'),
        direction * count(*) FILTER (WHERE f.kind = 'awarded'),
        direction * count(*) FILTER (WHERE f.kind = 'registered'),
        direction * count(*) FILTER (WHERE f.kind = 'completed'),
        direction * count(*) FILTER (WHERE f.kind = 'completed' AND f.on_time),
        direction * coalesce(sum(f.deal_fen) FILTER (WHERE f.kind = 'awarded'), 0),
        direction * coalesce(sum(f.ceiling_fen) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NOT NULL), 0),
        direction * count(*) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NULL),
        direction * count(*) FILTER (WHERE f.kind = 'complaint'),
        direction * count(*) FILTER (WHERE f.kind = 'complaint' AND f.upheld)
    FROM unnest(facts) f
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, region_code, owner_id, agency_id, item_id) DO UPDATE SET
        published = m.published + excluded.published, selections = m.selections + excluded.selections,
        contracts = m.contracts + excluded.contracts, completed = m.completed + excluded.completed,
        on_time = m.on_time + excluded.on_time, deal_fen = m.deal_fen + excluded.deal_fen,
        ceiling_fen = m.ceiling_fen + excluded.ceiling_fen, awaiting_price = m.awaiting_price + excluded.awaiting_price,
        complaints = m.complaints + excluded.complaints, upheld = m.upheld + excluded.upheld;

    -- The keyed summaries, a month's and a day's, from one grouping by day.
    WITH per_day AS (
        SELECT f.day, d.dim, d.key,
            direction * count(*) FILTER (WHERE f.kind = 'published') AS published,
            direction * count(*) FILTER (WHERE f.kind = 'awarded') AS selections,
            direction * count(*) FILTER (WHERE f.kind = 'registered') AS contracts,
            direction * count(*) FILTER (WHERE f.kind = 'completed') AS completed,
            direction * count(*) FILTER (WHERE f.kind = 'completed' AND f.on_time) AS on_time,
            direction * coalesce(sum(f.deal_fen) FILTER (WHERE f.kind = 'awarded'), 0) AS deal_fen,
            direction * coalesce(sum(f.ceiling_fen) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NOT NULL), 0) AS ceiling_fen,
            direction * count(*) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NULL) AS awaiting_price,
            direction * count(*) FILTER (WHERE f.kind = 'complaint') AS complaints,
            direction * count(*) FILTER (WHERE f.kind = 'complaint' AND f.upheld) AS upheld
        FROM unnest(facts) f CROSS JOIN LATERAL (VALUES ('all', ''), ('region', f.region_code), ('owner', f.owner_id::text),
            ('agency', coalesce(f.agency_id::text, '')), ('item', f.item_id::text)) AS d (dim, key)
        GROUP BY 1, 2, 3
    ), months AS (
        INSERT INTO supervision_month_keys AS m
        SELECT date_trunc('month', day)::date, dim, key, sum(published), sum(selections), sum(contracts), sum(completed),
            sum(on_time), sum(deal_fen), sum(ceiling_fen), sum(awaiting_price), sum(complaints), sum(upheld)
        FROM per_day GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (month, dim, key) DO UPDATE SET
            published = m.published + excluded.published, selections = m.selections + excluded.selections,
            contracts = m.contracts + excluded.contracts, completed = m.completed + excluded.completed,
            on_time = m.on_time + excluded.on_time, deal_fen = m.deal_fen + excluded.deal_fen,
            ceiling_fen = m.ceiling_fen + excluded.ceiling_fen, awaiting_price = m.awaiting_price + excluded.awaiting_price,
            complaints = m.complaints + excluded.complaints, upheld = m.upheld + excluded.upheld
    )
    INSERT INTO supervision_day_keys AS m
    SELECT * FROM per_day ORDER BY 1, 2, 3
    ON CONFLICT (day, dim, key) DO UPDATE SET
        published = m.published + excluded.published, selections = m.selections + excluded.selections,
        contracts = m.contracts + excluded.contracts, completed = m.completed + excluded.completed,
        on_time = m.on_time + excluded.on_time, deal_fen = m.deal_fen + excluded.deal_fen,
        ceiling_fen = m.ceiling_fen + excluded.ceiling_fen, awaiting_price = m.awaiting_price + excluded.awaiting_price,
        complaints = m.complaints + excluded.complaints, upheld = m.upheld + excluded.upheld;
$$;

CREATE OR REPLACE FUNCTION supervision_months_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM supervision_summaries_add(ARRAY(SELECT f::supervision_facts FROM old_facts f), -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM supervision_summaries_add(ARRAY(SELECT f::supervision_facts FROM new_facts f), 1);
    END IF;
    RETURN NULL;
END
$$;
