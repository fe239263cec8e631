-- Every date for which some dataset covers the area (or part of it), newest first.
SELECT DISTINCT d.as_of
FROM datasets d
WHERE EXISTS (SELECT 1 FROM unit_ancestry a WHERE a.unit_key = $area_key AND a.ancestor_key = d.area_key)
   OR EXISTS (SELECT 1 FROM unit_ancestry a WHERE a.ancestor_key = $area_key AND a.unit_key = d.area_key)
ORDER BY d.as_of DESC
