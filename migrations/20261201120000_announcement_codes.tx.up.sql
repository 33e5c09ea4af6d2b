-- The human codes of announcements (DLZJ-2026-000123) are numbered per
-- year of publication, Asia/Shanghai: the last number given in each year.
-- Owned by internal/procurement.
CREATE TABLE announcement_code_counters (
    year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
    last int NOT NULL CHECK (last BETWEEN 1 AND 999999)
);
