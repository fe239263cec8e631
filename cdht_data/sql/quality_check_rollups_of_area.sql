-- How many checks each rule made, passed or not, per table and child unit, counted for area
-- $area_key from some tables (see quality_check_rollups_table.sql). Parameters: $area_key,
-- $dataset_ids.
SELECT dataset_id, rule, severity, passed, target_key, check_count
FROM quality_check_rollups
WHERE area_key = $area_key AND list_contains($dataset_ids, dataset_id)
