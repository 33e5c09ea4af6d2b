-- The thresholds of the red flag rules (docs/redflags.md), one row kept by
-- the platform administrator. The rules read it in the transaction of the
-- change that may raise a flag; the defaults are the values the rules had
-- when they were fixed in code.
CREATE TABLE red_flag_settings (
    id                          boolean PRIMARY KEY DEFAULT true CHECK (id),
    -- A winner's share of an item's awards in twelve months over this
    -- percentage is flagged…
    concentration_share_percent int NOT NULL DEFAULT 30 CHECK (concentration_share_percent BETWEEN 1 AND 100),
    -- …once the item has at least this many awards in the window.
    concentration_min_awards    int NOT NULL DEFAULT 5 CHECK (concentration_min_awards >= 2),
    -- A price-competitive deal at or above this percentage of the ceiling.
    near_ceiling_percent        int NOT NULL DEFAULT 95 CHECK (near_ceiling_percent BETWEEN 1 AND 100),
    -- A direct selection is just under the limit when its ceiling is at
    -- least this percentage of the direct-selection limit…
    splitting_near_percent      int NOT NULL DEFAULT 80 CHECK (splitting_near_percent BETWEEN 1 AND 100),
    -- …and the owner made splitting_min_count of them for the same item
    -- within this many calendar days.
    splitting_window_days       int NOT NULL DEFAULT 90 CHECK (splitting_window_days BETWEEN 1 AND 366),
    splitting_min_count         int NOT NULL DEFAULT 2 CHECK (splitting_min_count >= 2),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    updated_by                  bigint REFERENCES users (id)
);
INSERT INTO red_flag_settings DEFAULT VALUES;
