-- Group counts of dataset $dataset_id summed per unit and ancestor (see rollup_tables.sql).
-- A pilot table that says every registered person was assessed gives Chưa đạt = registered - Đạt.
INSERT INTO group_rollups
SELECT g.dataset_id,
       u.parent_key,
       a.ancestor_key AS area_key,
       g.group_no,
       sum(g.registered_count),
       sum(g.recognized_count),
       sum(coalesce(g.not_recognized_count,
                    CASE WHEN d.all_registered_assessed
                         THEN g.registered_count - g.recognized_count END))
FROM group_counts g
JOIN datasets d ON d.dataset_id = g.dataset_id
JOIN unit_ancestry a ON a.unit_key = g.unit_key
JOIN units u ON u.unit_key = a.ancestor_key
WHERE g.dataset_id = $dataset_id
GROUP BY ALL
ORDER BY u.parent_key, area_key, g.group_no
