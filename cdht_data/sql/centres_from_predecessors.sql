-- A centre for each unit of $unit_keys formed from others (a commune of 1/7/2025) that has none
-- of its own: the mean of its predecessors' centres weighted by their population in the latest
-- population table that has them (by their area when some has no population, plainly when
-- some has no area either), and the sum of their areas. Approximate by nature.
WITH predecessors AS (
    SELECT m.new_key, u.lat, u.lon, u.area_km2,
           (SELECT r.population_count
            FROM area_rollups r JOIN datasets d ON d.dataset_id = r.dataset_id
            WHERE r.area_key = u.unit_key AND d.kind = 'population'
              AND r.population_count IS NOT NULL
            ORDER BY d.as_of DESC, d.dataset_id DESC
            LIMIT 1) AS people
    FROM unit_merges m
    JOIN units u ON u.unit_key = m.old_key
    WHERE list_contains($unit_keys, m.new_key) AND u.lat IS NOT NULL AND u.lon IS NOT NULL
)
SELECT new_key AS unit_key,
       CASE WHEN bool_and(people IS NOT NULL) THEN sum(lat * people) / sum(people)
            WHEN bool_and(area_km2 IS NOT NULL) THEN sum(lat * area_km2) / sum(area_km2)
            ELSE avg(lat) END AS lat,
       CASE WHEN bool_and(people IS NOT NULL) THEN sum(lon * people) / sum(people)
            WHEN bool_and(area_km2 IS NOT NULL) THEN sum(lon * area_km2) / sum(area_km2)
            ELSE avg(lon) END AS lon,
       sum(area_km2) AS area_km2
FROM predecessors
GROUP BY new_key
