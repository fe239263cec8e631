-- The quality checks (quality_checks) summed for every area whose page counts them, filled with
-- them (quality/run.py), so the quality page reads an area's few hundred rows instead of
-- scoping every check of the country per view. A check counts for an area when the checked
-- unit lies in it, or when the table's own area does (a totals row, a whole table). target_key
-- is the child of area_key the checked unit lies in, area_key itself for the area's own row,
-- NULL for a check on no unit of the area. Rows are inserted by area_key so a page's scan skips
-- the rest. Upgrades create it too.
CREATE TABLE IF NOT EXISTS quality_check_rollups (
    dataset_id  INTEGER NOT NULL,
    as_of       DATE NOT NULL,
    area_key    VARCHAR NOT NULL,
    target_key  VARCHAR,
    rule        VARCHAR NOT NULL,
    severity    VARCHAR NOT NULL,
    passed      BOOLEAN NOT NULL,
    check_count BIGINT NOT NULL
);
