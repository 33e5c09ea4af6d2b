-- The days at a period's edges are read from the facts of every kind by
-- day range (the whole months come from the summaries): an index by day
-- covering the sums, so that read is an index-only range scan.
CREATE INDEX supervision_facts_day_all_idx ON supervision_facts (day)
    INCLUDE (kind, region_code, owner_id, agency_id, item_id, ceiling_fen, deal_fen, on_time, upheld);
