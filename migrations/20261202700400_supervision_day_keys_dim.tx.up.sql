-- A period's edge days are read from the daily totals of one dimension
-- over one or two day ranges: an index by dimension, then day.
CREATE INDEX supervision_day_keys_dim_idx ON supervision_day_keys (dim, day);
