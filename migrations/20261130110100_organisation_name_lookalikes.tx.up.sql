-- Organisation names are unique per kind in their normalised form: NFKC
-- (full-width and compatibility characters as their plain forms), lower
-- case, white space removed. "大理苍洱工程咨询有限公司" and
-- "大理 苍洱工程咨询有限公司" or its full-width twin are one name. The
-- application stores names NFKC-normalised and refuses invisible and
-- bidirectional control characters; the checks below hold that for every
-- new or changed row (NOT VALID: rows from before are left to review).
CREATE UNIQUE INDEX organisations_name_normalized_key
    ON organisations (kind, lower(regexp_replace(normalize(name, NFKC), '\s+', '', 'g')));

ALTER TABLE organisations
    ADD CONSTRAINT organisations_name_visible
        CHECK (name !~ '[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]') NOT VALID,
    ADD CONSTRAINT organisations_contact_name_visible
        CHECK (contact_name !~ '[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]') NOT VALID;
ALTER TABLE users
    ADD CONSTRAINT users_display_name_visible
        CHECK (display_name !~ '[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]') NOT VALID;
