-- The service catalogue (中介服务事项) kept by the platform administrator.

-- Categories group items by the department that usually regulates them.
CREATE TABLE service_categories (
    code       text PRIMARY KEY,
    name_zh    text NOT NULL,
    name_en    text NOT NULL,
    sort_order int  NOT NULL
);

INSERT INTO service_categories (code, name_zh, name_en, sort_order) VALUES
    ('investment',   '投资与可行性', 'Investment and feasibility', 1),
    ('land',         '用地与规划', 'Land and planning', 2),
    ('forestry',     '林业和草原', 'Forestry and grassland', 3),
    ('environment',  '生态环境', 'Environment', 4),
    ('water',        '水利水务', 'Water', 5),
    ('safety',       '安全与职业健康', 'Safety and occupational health', 6),
    ('seismic',      '地震与气象', 'Earthquake and weather', 7),
    ('construction', '工程建设', 'Construction', 8),
    ('transport',    '交通与文物', 'Transport and heritage', 9),
    ('finance',      '财务与法律', 'Finance and legal', 10);

-- Qualification types (资质类型) and their levels. rank 1 is the highest
-- level; a type without grades has the single level 'none'.
CREATE TABLE qualification_types (
    id         bigserial PRIMARY KEY,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_-]{2,40}$'),
    name_zh    text NOT NULL CHECK (length(name_zh) BETWEEN 2 AND 100),
    name_en    text NOT NULL CHECK (length(name_en) BETWEEN 2 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE qualification_levels (
    type_id bigint NOT NULL REFERENCES qualification_types (id) ON DELETE CASCADE,
    code    text   NOT NULL CHECK (code ~ '^[a-z0-9_-]{1,20}$'),
    name_zh text   NOT NULL,
    name_en text   NOT NULL,
    rank    int    NOT NULL CHECK (rank >= 1),
    PRIMARY KEY (type_id, code),
    UNIQUE (type_id, rank)
);

-- Service items. The committed time limit is at most half the legal one
-- (承诺时限 ≤ 法定时限 / 2), both in working days.
CREATE TABLE service_items (
    id             bigserial PRIMARY KEY,
    code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2,4}-[0-9]{3}$'),
    name_zh        text NOT NULL CHECK (length(name_zh) BETWEEN 2 AND 100),
    name_en        text NOT NULL CHECK (length(name_en) BETWEEN 2 AND 200),
    category_code  text NOT NULL REFERENCES service_categories (code),
    regulator_id   bigint NOT NULL REFERENCES organisations (id),
    legal_days     int  NOT NULL CHECK (legal_days BETWEEN 1 AND 365),
    committed_days int  NOT NULL CHECK (committed_days >= 1 AND committed_days * 2 <= legal_days),
    description    text NOT NULL DEFAULT '',
    active         boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_items_category_idx ON service_items (category_code);
CREATE INDEX service_items_regulator_idx ON service_items (regulator_id);

-- What an agency must hold to offer an item: for every row, a valid
-- qualification of the type at min_level or higher (rank ≤ min level's rank).
CREATE TABLE service_item_requirements (
    item_id        bigint NOT NULL REFERENCES service_items (id) ON DELETE CASCADE,
    type_id        bigint NOT NULL,
    min_level_code text   NOT NULL,
    PRIMARY KEY (item_id, type_id),
    FOREIGN KEY (type_id, min_level_code) REFERENCES qualification_levels (type_id, code)
);
