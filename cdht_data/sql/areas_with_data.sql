-- Areas a user can pick: every area some dataset was imported for, and the units above it
-- (a province shows its districts), nearest structure first. No parameters.
SELECT DISTINCT u.unit_key, u.code, u.name, u.level, u.sort_order, u.valid_to
FROM datasets d
JOIN unit_ancestry a ON a.unit_key = d.area_key
JOIN units u ON u.unit_key = a.ancestor_key
ORDER BY u.sort_order
