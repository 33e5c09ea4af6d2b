-- The audit trail: hash-chained events, one chain per subject (e.g.
-- "announcement:123"), so appending to one procurement never waits on
-- another. Owned by internal/audit; the encoding that each hash covers is
-- documented there and in docs/audit.md.
CREATE TABLE audit_events (
    id            bigserial PRIMARY KEY,
    chain         text NOT NULL CHECK (chain <> '' AND octet_length(chain) <= 200 AND chain !~ '[[:cntrl:]]'),
    seq           bigint NOT NULL CHECK (seq >= 1),
    at            timestamptz NOT NULL,
    -- Who acted; NULL for the system (a job, the marketplace clock).
    actor_user_id bigint,
    actor_org_id  bigint,
    action        text NOT NULL CHECK (action <> '' AND octet_length(action) <= 100 AND action !~ '[[:cntrl:]]'),
    before        jsonb,
    after         jsonb,
    prev_hash     bytea NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash          bytea NOT NULL CHECK (octet_length(hash) = 32),
    -- No fork: one event per position of a chain.
    UNIQUE (chain, seq)
);
CREATE INDEX audit_events_at_idx ON audit_events (at);

-- The head of each chain: its last seq and hash. Appending locks this one
-- row (the lock is per chain, held to the end of the caller's
-- transaction), and verification compares it with the chain's last event,
-- so events removed from the end of a chain are noticed too.
CREATE TABLE audit_chains (
    chain text PRIMARY KEY,
    seq   bigint NOT NULL CHECK (seq >= 1),
    hash  bytea NOT NULL CHECK (octet_length(hash) = 32)
);

-- Events are never changed or removed through the application. (The
-- database owner can still disable this trigger; verification catches
-- what such a person changes.)
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events cannot be changed or removed (%)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- A chain's head only moves forward, one event at a time.
CREATE FUNCTION audit_chains_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.chain = OLD.chain AND NEW.seq = OLD.seq + 1 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit chain heads only move forward (%)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_chains_forward_only BEFORE UPDATE OR DELETE ON audit_chains
    FOR EACH ROW EXECUTE FUNCTION audit_chains_forward_only();
CREATE TRIGGER audit_chains_no_truncate BEFORE TRUNCATE ON audit_chains
    FOR EACH STATEMENT EXECUTE FUNCTION audit_chains_forward_only();
