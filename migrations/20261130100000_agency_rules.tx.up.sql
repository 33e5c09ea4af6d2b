-- The agency capability's rules, each defined once, here, for every query
-- that needs them (Go code selects them rather than repeating them). Each
-- takes the moment or the day from the marketplace clock as an argument:
-- none reads now().

-- A sanction binds from its start until it is lifted or ends by itself.
CREATE FUNCTION sanction_in_force(s sanctions, at timestamptz) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN s.lifted_at IS NULL AND s.starts_at <= at AND (s.ends_at IS NULL OR s.ends_at > at);

-- A qualification is valid through its valid-to day (in China Standard Time:
-- today is the Shanghai calendar date).
CREATE FUNCTION qualification_expired(q qualifications, today date) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN q.valid_to < today;

-- A qualification counts for eligibility, listings and the directory when it
-- was approved and has not expired.
CREATE FUNCTION qualification_counts(q qualifications, today date) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN q.status = 'approved' AND NOT qualification_expired(q, today);

-- One status says an agency was approved: its organisation is admitted
-- (organisations.status = 'active', kept by identity and set when a reviewer
-- approves the application). agency_profiles.status is the review state of
-- the profile only. Bring any row where the two disagree in line.
UPDATE organisations o SET status = 'active'
    FROM agency_profiles p
    WHERE p.organisation_id = o.id AND p.status = 'approved' AND o.status <> 'active';
