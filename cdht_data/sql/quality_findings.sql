-- The stored findings of some datasets, with the table each lies in. Which of them concern an
-- area is decided with the cached unit registry (quality/report.py), not by scanning
-- unit_ancestry. Parameter: $dataset_ids.
SELECT f.finding_id, f.rule, f.severity, f.dataset_id, d.kind, coalesce(d.title, d.source_file) AS table_title,
       d.source_file, f.unit_key, f.unit, f.unit_code, f.expected, f.actual, f.expected_label,
       f.message, f.cells, f.metrics, d.area_key AS dataset_area_key,
       coalesce(f.whole_column, false) AS whole_column
FROM findings f
JOIN datasets d USING (dataset_id)
WHERE list_contains($dataset_ids, f.dataset_id)
ORDER BY f.finding_id
