-- How many checks each rule made, passed or not, per dataset and unit, limited to an area as
-- quality_findings.sql is. Parameters: $dataset_ids, $area_key.
SELECT q.dataset_id, d.kind, coalesce(d.title, d.source_file) AS table_title, d.source_file,
       q.rule, q.unit_key, q.severity, q.passed, q.check_count
FROM quality_checks q
JOIN datasets d USING (dataset_id)
WHERE list_contains($dataset_ids, q.dataset_id)
  AND (EXISTS (SELECT 1 FROM unit_ancestry a WHERE a.unit_key = d.area_key AND a.ancestor_key = $area_key)
       OR EXISTS (SELECT 1 FROM unit_ancestry a WHERE a.unit_key = q.unit_key AND a.ancestor_key = $area_key))
