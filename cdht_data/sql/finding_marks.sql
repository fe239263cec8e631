-- What the ⚠ markers need of the stored findings of some datasets (no join: the datasets'
-- areas are already known to the caller). Parameter: $dataset_ids.
SELECT finding_id, rule, severity, dataset_id, unit_key, message, metrics,
       coalesce(whole_column, false) AS whole_column
FROM findings
WHERE list_contains($dataset_ids, dataset_id)
