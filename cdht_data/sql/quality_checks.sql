-- How many checks each rule made, passed or not, per dataset and unit, for some datasets. Which
-- of them concern an area is decided with the cached unit registry (quality/report.py), as for
-- the findings. Parameter: $dataset_ids.
SELECT dataset_id, rule, unit_key, severity, passed, check_count
FROM quality_checks
WHERE dataset_id IN (SELECT unnest($dataset_ids))
