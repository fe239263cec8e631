-- Every date for which some dataset covers the area (or part of it), newest first.
SELECT DISTINCT d.as_of
FROM datasets d
WHERE d.area_key IN (SELECT ancestor_key FROM unit_ancestry WHERE unit_key = $area_key)
   OR d.area_key IN (SELECT unit_key FROM unit_ancestry WHERE ancestor_key = $area_key)
ORDER BY d.as_of DESC
