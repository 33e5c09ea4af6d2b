-- The working-day calendar (工作日历): the exceptions to "Monday to Friday is
-- a working day". A holiday is a weekday that is a rest day (法定节假日); a
-- workday is a weekend day that is a working day (调休). A date not listed is
-- a working day when it is Monday to Friday. Owned by package workdays.
CREATE TABLE workday_exceptions (
    day        date PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name_zh    text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 40),
    name_en    text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- A listed holiday falls on a weekday and a listed workday on a weekend:
    -- anything else would change nothing and mislead the reader.
    CONSTRAINT workday_exceptions_kind_weekday CHECK ((kind = 'holiday') = (extract(isodow FROM day) < 6))
);

-- Every change of the calendar, for the record: who, when (marketplace
-- clock), and the exception before and after (null when added or removed).
CREATE TABLE workday_changes (
    id         bigserial PRIMARY KEY,
    day        date NOT NULL,
    action     text NOT NULL CHECK (action IN ('add', 'change', 'remove')),
    before     jsonb,
    after      jsonb,
    changed_by bigint NOT NULL REFERENCES users (id),
    changed_at timestamptz NOT NULL
);
CREATE INDEX workday_changes_day_idx ON workday_changes (day, changed_at DESC, id DESC);

-- The official 2026 calendar: the State Council General Office's notice of
-- 2025-11-04 (国务院办公厅关于2026年部分节假日安排的通知). Only the weekdays
-- of each holiday are listed: its weekend days are rest days anyway.
INSERT INTO workday_exceptions (day, kind, name_zh, name_en)
SELECT d::date, 'holiday', h.name_zh, h.name_en
FROM (VALUES
    (date '2026-01-01', date '2026-01-03', '元旦', 'New Year''s Day'),
    (date '2026-02-15', date '2026-02-23', '春节', 'Spring Festival'),
    (date '2026-04-04', date '2026-04-06', '清明节', 'Qingming Festival'),
    (date '2026-05-01', date '2026-05-05', '劳动节', 'Labour Day'),
    (date '2026-06-19', date '2026-06-21', '端午节', 'Dragon Boat Festival'),
    (date '2026-09-25', date '2026-09-27', '中秋节', 'Mid-Autumn Festival'),
    (date '2026-10-01', date '2026-10-07', '国庆节', 'National Day')
) AS h (first, last, name_zh, name_en),
LATERAL generate_series(h.first, h.last, interval '1 day') AS d
WHERE extract(isodow FROM d) < 6;

INSERT INTO workday_exceptions (day, kind, name_zh, name_en) VALUES
    ('2026-01-04', 'workday', '元旦调休', 'New Year''s Day make-up working day'),
    ('2026-02-14', 'workday', '春节调休', 'Spring Festival make-up working day'),
    ('2026-02-28', 'workday', '春节调休', 'Spring Festival make-up working day'),
    ('2026-05-09', 'workday', '劳动节调休', 'Labour Day make-up working day'),
    ('2026-09-20', 'workday', '国庆节调休', 'National Day make-up working day'),
    ('2026-10-10', 'workday', '国庆节调休', 'National Day make-up working day');
