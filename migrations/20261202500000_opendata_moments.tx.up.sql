-- Open data pages its releases by the time of each published moment
-- (internal/procurement/opendata.go, internal/contract/opendata.go): one
-- index per kind of moment, so that a page reads a few index entries
-- rather than every announcement and contract. Publication uses
-- announcements_public_idx.
CREATE INDEX announcements_cancelled_moment_idx ON announcements (cancelled_at, id) WHERE status = 'cancelled';
CREATE INDEX announcements_closed_moment_idx ON announcements (closed_at, id)
    WHERE status IN ('closed', 'failed', 'in_publicity', 'awarded') AND closed_at IS NOT NULL;
CREATE INDEX announcements_failed_moment_idx ON announcements (failed_at, id) WHERE status = 'failed';
CREATE INDEX announcements_awarded_moment_idx ON announcements (awarded_at, id) WHERE status = 'awarded';
CREATE INDEX contracts_in_force_moment_idx ON contracts (confirmed_at, announcement_id, id)
    WHERE status IN ('active', 'completed', 'terminated') AND confirmed_at IS NOT NULL;
CREATE INDEX contracts_ended_moment_idx ON contracts ((coalesce(completed_at, terminated_at)), announcement_id, id)
    WHERE status IN ('completed', 'terminated') AND confirmed_at IS NOT NULL;
