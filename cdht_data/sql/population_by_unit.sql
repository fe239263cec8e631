-- Population and registration of one dataset per child of $area_key.
SELECT a.ancestor_key AS unit_key,
       sum(p.population_count) AS population_count,
       sum(p.under_7_count) AS under_7_count,
       sum(p.age_8_60_count) AS age_8_60_count,
       sum(p.over_60_count) AS over_60_count,
       sum(p.age_8_60_unable_count) AS age_8_60_unable_count,
       sum(p.registered_count) AS registered_count
FROM population_counts p
JOIN unit_ancestry a ON a.unit_key = p.unit_key
JOIN units u ON u.unit_key = a.ancestor_key
WHERE p.dataset_id = $dataset_id
  AND (u.parent_key = $area_key                      -- the area's children,
       OR ($is_leaf AND u.unit_key = $area_key))     -- or the area itself when it has none
GROUP BY ALL
