-- The stored findings of some datasets that concern an area: all of a dataset whose area is the
-- area or lies inside it, and only the area's own units' findings of a dataset covering a wider
-- area. Parameters: $dataset_ids, $area_key.
SELECT f.finding_id, f.rule, f.severity, f.dataset_id, d.kind, coalesce(d.title, d.source_file) AS table_title,
       d.source_file, f.unit_key, f.unit, f.unit_code, f.expected, f.actual, f.expected_label,
       f.message, f.cells, f.metrics
FROM findings f
JOIN datasets d USING (dataset_id)
WHERE list_contains($dataset_ids, f.dataset_id)
  AND (EXISTS (SELECT 1 FROM unit_ancestry a WHERE a.unit_key = d.area_key AND a.ancestor_key = $area_key)
       OR EXISTS (SELECT 1 FROM unit_ancestry a WHERE a.unit_key = f.unit_key AND a.ancestor_key = $area_key))
ORDER BY f.finding_id
