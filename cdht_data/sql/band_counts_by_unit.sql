-- People per score band of one dataset per child of $area_key, all groups together.
-- Band tables split by group (records) and unsplit ones (group_no 0) are never both present.
SELECT t.target_key AS unit_key,
       b.band,
       sum(b.person_count) AS person_count
FROM band_counts b
JOIN rollup_targets($area_key, $is_leaf) t ON t.unit_key = b.unit_key
WHERE b.dataset_id = $dataset_id
GROUP BY ALL
