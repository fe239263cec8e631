-- The latest dataset of each kind, at or before $as_of, whose area contains the area asked for
-- or lies inside it. Parameters: $area_key, $as_of.
SELECT d.kind, d.dataset_id, d.as_of, d.area_key, d.ruleset_id, d.source_file, d.title,
       d.document, d.document_date, d.issuer, d.note, d.is_synthetic, d.all_registered_assessed
FROM datasets d
WHERE d.as_of <= $as_of
  AND (EXISTS (SELECT 1 FROM unit_ancestry a            -- the dataset covers the area
               WHERE a.unit_key = $area_key AND a.ancestor_key = d.area_key)
       OR EXISTS (SELECT 1 FROM unit_ancestry a         -- or part of it
                  WHERE a.ancestor_key = $area_key AND a.unit_key = d.area_key))
QUALIFY row_number() OVER (PARTITION BY d.kind ORDER BY d.as_of DESC, d.dataset_id DESC) = 1
