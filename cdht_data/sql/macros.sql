-- Roll-up targets of an area: every unit paired with the child of `area` it lies in (or with
-- `area` itself when the area has no children), so one join rolls any table up to the rows
-- a page shows.
CREATE MACRO rollup_targets(area, is_leaf) AS TABLE
SELECT a.unit_key, a.ancestor_key AS target_key
FROM unit_ancestry a
JOIN units u ON u.unit_key = a.ancestor_key
WHERE u.parent_key = area
   OR (is_leaf AND u.unit_key = area);
