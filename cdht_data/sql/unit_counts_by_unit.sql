-- Unit-level counts (registered, recognised, Party members) of one dataset per child of $area_key.
SELECT t.target_key AS unit_key,
       sum(c.registered_count) AS registered_count,
       sum(c.recognized_count) AS recognized_count,
       sum(c.party_member_count) AS party_member_count
FROM unit_counts c
JOIN rollup_targets($area_key, $is_leaf) t ON t.unit_key = c.unit_key
WHERE c.dataset_id = $dataset_id
GROUP BY ALL
