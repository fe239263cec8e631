-- The roll-ups of the stored checks of period $as_of (every period when NULL), for every area
-- they count for (see quality_check_rollups_table.sql); the same scoping as the registry's
-- UnitRegistry.within, walked here through unit_ancestry.
INSERT INTO quality_check_rollups
WITH checks AS (
    SELECT c.*, d.area_key AS table_area_key
    FROM quality_checks c
    JOIN datasets d USING (dataset_id)
    WHERE $as_of::DATE IS NULL OR c.as_of = $as_of
),
-- every area the checked unit lies in, with the child of that area on the way down to it
in_unit AS (
    SELECT c.dataset_id, c.as_of, a.ancestor_key AS area_key,
           CASE WHEN a.depth = 0 THEN c.unit_key ELSE child.ancestor_key END AS target_key,
           c.rule, c.severity, c.passed, c.check_count
    FROM checks c
    JOIN unit_ancestry a ON a.unit_key = c.unit_key
    LEFT JOIN unit_ancestry child ON child.unit_key = c.unit_key AND child.depth = a.depth - 1
),
-- every area the table's own area lies in, for a check on no unit of that area
in_table AS (
    SELECT c.dataset_id, c.as_of, a.ancestor_key AS area_key, NULL AS target_key,
           c.rule, c.severity, c.passed, c.check_count
    FROM checks c
    JOIN unit_ancestry a ON a.unit_key = c.table_area_key
    WHERE c.unit_key IS NULL
       OR NOT EXISTS (SELECT 1 FROM unit_ancestry u
                      WHERE u.unit_key = c.unit_key AND u.ancestor_key = a.ancestor_key)
)
SELECT dataset_id, as_of, area_key, target_key, rule, severity, passed, sum(check_count)
FROM (SELECT * FROM in_unit UNION ALL SELECT * FROM in_table)
GROUP BY ALL
ORDER BY area_key, dataset_id, target_key, rule, passed
