-- People per score band and citizen group of one dataset, per child of $area_key. Only tables
-- split by group (from individual records) have rows here; group_no 0 means "all groups".
SELECT t.target_key AS unit_key,
       b.group_no,
       b.band,
       sum(b.person_count) AS person_count
FROM band_counts b
JOIN rollup_targets($area_key, $is_leaf) t ON t.unit_key = b.unit_key
WHERE b.dataset_id = $dataset_id
  AND b.group_no > 0
GROUP BY ALL
ORDER BY ALL
