-- Regions: Dali Bai Autonomous Prefecture and its 12 county-level divisions
-- (GB/T 2260). Reference data every deployment needs, so it lives here.
CREATE TABLE regions (
    code       text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    name_zh    text NOT NULL,
    name_en    text NOT NULL,
    level      text NOT NULL CHECK (level IN ('prefecture', 'county')),
    sort_order int  NOT NULL
);

INSERT INTO regions (code, name_zh, name_en, level, sort_order) VALUES
    ('532900', '大理白族自治州', 'Dali Bai Autonomous Prefecture', 'prefecture', 0),
    ('532901', '大理市', 'Dali City', 'county', 1),
    ('532922', '漾濞彝族自治县', 'Yangbi Yi Autonomous County', 'county', 2),
    ('532923', '祥云县', 'Xiangyun County', 'county', 3),
    ('532924', '宾川县', 'Binchuan County', 'county', 4),
    ('532925', '弥渡县', 'Midu County', 'county', 5),
    ('532926', '南涧彝族自治县', 'Nanjian Yi Autonomous County', 'county', 6),
    ('532927', '巍山彝族回族自治县', 'Weishan Yi and Hui Autonomous County', 'county', 7),
    ('532928', '永平县', 'Yongping County', 'county', 8),
    ('532929', '云龙县', 'Yunlong County', 'county', 9),
    ('532930', '洱源县', 'Eryuan County', 'county', 10),
    ('532931', '剑川县', 'Jianchuan County', 'county', 11),
    ('532932', '鹤庆县', 'Heqing County', 'county', 12);

-- Organisations: project owners, agencies, regulators and the platform operator.
CREATE TABLE organisations (
    id            bigserial PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('platform', 'regulator', 'owner', 'agency')),
    name          text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
    credit_code   text NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'),
    region_code   text NOT NULL REFERENCES regions (code),
    status        text NOT NULL CHECK (status IN ('active', 'pending_review')),
    contact_name  text NOT NULL DEFAULT '',
    contact_phone text NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (kind, name);
CREATE INDEX organisations_kind_idx ON organisations (kind, status);

-- Users belong to exactly one organisation. Usernames are compared
-- case-insensitively, so they are stored lower-case.
CREATE TABLE users (
    id                  bigserial PRIMARY KEY,
    organisation_id     bigint NOT NULL REFERENCES organisations (id),
    username            text NOT NULL UNIQUE CHECK (username = lower(username) AND username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
    display_name        text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
    role                text NOT NULL CHECK (role IN ('platform_admin', 'regulator', 'owner_admin', 'owner_staff', 'agency_admin', 'agency_staff')),
    password_hash       text NOT NULL,
    language            text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en-US')),
    disabled_at         timestamptz,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_organisation_idx ON users (organisation_id);

-- Server-side sessions (alexedwards/scs postgresstore layout), so any number
-- of stateless servers share them.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- Failed sign-ins, counted per account name and per address to lock out
-- guessing across all servers; purged by a periodic job.
CREATE TABLE sign_in_failures (
    id          bigserial PRIMARY KEY,
    username    text NOT NULL,
    remote_addr text NOT NULL,
    failed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_username_idx ON sign_in_failures (username, failed_at);
CREATE INDEX sign_in_failures_addr_idx ON sign_in_failures (remote_addr, failed_at);
