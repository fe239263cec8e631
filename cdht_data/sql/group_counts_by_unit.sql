-- Group counts of one dataset, rolled up to each child of $area_key (a child with all below it).
-- A pilot table that says every registered person was assessed gives Chưa đạt = registered - Đạt.
SELECT a.ancestor_key AS unit_key,
       g.group_no,
       sum(g.registered_count) AS registered_count,
       sum(g.recognized_count) AS recognized_count,
       sum(coalesce(g.not_recognized_count,
                    CASE WHEN d.all_registered_assessed
                         THEN g.registered_count - g.recognized_count END)) AS not_recognized_count
FROM group_counts g
JOIN datasets d ON d.dataset_id = g.dataset_id
JOIN unit_ancestry a ON a.unit_key = g.unit_key
JOIN units u ON u.unit_key = a.ancestor_key
WHERE g.dataset_id = $dataset_id
  AND (u.parent_key = $area_key                      -- the area's children,
       OR ($is_leaf AND u.unit_key = $area_key))     -- or the area itself when it has none
GROUP BY ALL
