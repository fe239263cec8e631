-- The latest dataset of each kind, at or before $as_of, whose area contains the area asked for
-- or lies inside it. Parameters: $area_key, $as_of.
-- IN lists rather than correlated EXISTS: the ancestry table is scanned once, not per dataset.
SELECT d.kind, d.dataset_id, d.as_of, d.area_key, d.ruleset_id, d.source_file, d.title,
       d.document, d.document_date, d.issuer, d.note, d.is_synthetic, d.all_registered_assessed
FROM datasets d
WHERE d.as_of <= $as_of
  AND (d.area_key IN (SELECT ancestor_key FROM unit_ancestry WHERE unit_key = $area_key)  -- covers the area
       OR d.area_key IN (SELECT unit_key FROM unit_ancestry WHERE ancestor_key = $area_key))  -- or part of it
QUALIFY row_number() OVER (PARTITION BY d.kind ORDER BY d.as_of DESC, d.dataset_id DESC) = 1
