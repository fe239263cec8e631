-- Group counts of one dataset, rolled up to each child of $area_key (a child with all below it).
-- A pilot table that says every registered person was assessed gives Chưa đạt = registered - Đạt.
SELECT t.target_key AS unit_key,
       g.group_no,
       sum(g.registered_count) AS registered_count,
       sum(g.recognized_count) AS recognized_count,
       sum(coalesce(g.not_recognized_count,
                    CASE WHEN d.all_registered_assessed
                         THEN g.registered_count - g.recognized_count END)) AS not_recognized_count
FROM group_counts g
JOIN datasets d ON d.dataset_id = g.dataset_id
JOIN rollup_targets($area_key, $is_leaf) t ON t.unit_key = g.unit_key
WHERE g.dataset_id = $dataset_id
GROUP BY ALL
