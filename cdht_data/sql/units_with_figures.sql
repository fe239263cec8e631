-- The units of $units with a figure in a table of kind $kinds dated at or before $as_of, one row
-- per table and unit, with the table's date, area and import time: who has reported what.
-- A unit counts when its roll-up holds any figure, so a row left blank (an unfilled template)
-- is no report.
SELECT d.dataset_id, d.kind, d.as_of, d.imported_at, d.area_key, f.unit_key
FROM (
    SELECT dataset_id, area_key AS unit_key
    FROM group_rollups
    WHERE list_contains($units, area_key)
      AND coalesce(registered_count, recognized_count, not_recognized_count) IS NOT NULL
    UNION
    SELECT dataset_id, area_key AS unit_key
    FROM area_rollups
    WHERE list_contains($units, area_key)
      AND coalesce(population_count, under_7_count, age_8_60_count, over_60_count,
                   age_8_60_unable_count, population_registered_count, unit_registered_count,
                   unit_recognized_count) IS NOT NULL
) f
JOIN datasets d USING (dataset_id)
WHERE d.as_of <= $as_of
  AND list_contains($kinds, d.kind)
ORDER BY d.as_of, d.dataset_id, f.unit_key
