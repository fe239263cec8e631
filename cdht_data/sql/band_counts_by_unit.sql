-- People per score band of one dataset per child of $area_key, all groups together.
-- Band tables split by group (records) and unsplit ones (group_no 0) are never both present.
SELECT a.ancestor_key AS unit_key,
       b.band,
       sum(b.person_count) AS person_count
FROM band_counts b
JOIN unit_ancestry a ON a.unit_key = b.unit_key
JOIN units u ON u.unit_key = a.ancestor_key
WHERE b.dataset_id = $dataset_id
  AND (u.parent_key = $area_key                      -- the area's children,
       OR ($is_leaf AND u.unit_key = $area_key))     -- or the area itself when it has none
GROUP BY ALL
