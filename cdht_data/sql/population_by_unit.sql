-- Population and registration of one dataset per child of $area_key.
SELECT t.target_key AS unit_key,
       sum(p.population_count) AS population_count,
       sum(p.under_7_count) AS under_7_count,
       sum(p.age_8_60_count) AS age_8_60_count,
       sum(p.over_60_count) AS over_60_count,
       sum(p.age_8_60_unable_count) AS age_8_60_unable_count,
       sum(p.registered_count) AS registered_count
FROM population_counts p
JOIN rollup_targets($area_key, $is_leaf) t ON t.unit_key = p.unit_key
WHERE p.dataset_id = $dataset_id
GROUP BY ALL
