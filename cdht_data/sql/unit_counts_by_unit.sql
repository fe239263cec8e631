-- Unit-level counts (registered, recognised, Party members) of one dataset per child of $area_key.
SELECT a.ancestor_key AS unit_key,
       sum(c.registered_count) AS registered_count,
       sum(c.recognized_count) AS recognized_count,
       sum(c.party_member_count) AS party_member_count
FROM unit_counts c
JOIN unit_ancestry a ON a.unit_key = c.unit_key
JOIN units u ON u.unit_key = a.ancestor_key
WHERE c.dataset_id = $dataset_id
  AND (u.parent_key = $area_key                      -- the area's children,
       OR ($is_leaf AND u.unit_key = $area_key))     -- or the area itself when it has none
GROUP BY ALL
