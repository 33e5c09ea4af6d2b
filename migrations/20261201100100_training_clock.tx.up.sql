-- The training clock (培训时钟): with INTERMART_ADJUSTABLE_CLOCK=true the
-- platform administrator moves the marketplace clock forward, so a trainer or
-- a tester can walk a procurement through its deadlines on a live system.
-- The offset is kept here, one row shared by every server; it only grows.
-- Owned by package trainingclock.
CREATE TABLE training_clock (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    offset_us  bigint NOT NULL DEFAULT 0 CHECK (offset_us >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO training_clock DEFAULT VALUES;

-- Every move of the clock: who, when (the real time), the offsets before and
-- after, and the marketplace time the clock was moved to.
CREATE TABLE training_clock_moves (
    id               bigserial PRIMARY KEY,
    offset_before_us bigint NOT NULL,
    offset_after_us  bigint NOT NULL CHECK (offset_after_us > offset_before_us),
    marketplace_at   timestamptz NOT NULL,
    moved_by         bigint NOT NULL REFERENCES users (id),
    moved_at         timestamptz NOT NULL DEFAULT now()
);

-- The marketplace's time when the clock is adjustable: the transaction's
-- now() plus the offset. Owned by package clock, whose clock.Database uses it
-- in place of now() only when INTERMART_ADJUSTABLE_CLOCK is true (otherwise
-- the SQL stays exactly now()). STABLE: one value per statement, so an index
-- condition comparing with it is computed once.
CREATE FUNCTION marketplace_now() RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN now() + coalesce((SELECT offset_us FROM training_clock WHERE id), 0) * interval '1 microsecond';
