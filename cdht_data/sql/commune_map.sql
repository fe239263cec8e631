-- Every commune under $area_key valid on $as_of, with its centre and its counts: the bubble map
-- at any scale (10,600 points for the whole country) from the summary tables, never from
-- records. Counts are those stored for the commune itself (records and scoring tables are by
-- commune). Parameters: $area_key, $as_of, $scoring_id, $population_id (either may be NULL).
WITH scoring AS (
    SELECT unit_key,
           sum(recognized_count) AS recognized_count,
           sum(not_recognized_count) AS not_recognized_count
    FROM group_counts
    WHERE dataset_id = $scoring_id
    GROUP BY unit_key
)
SELECT u.unit_key, u.code, u.name, u.lat, u.lon, u.area_km2,
       s.recognized_count, s.not_recognized_count,
       p.registered_count, p.age_8_60_count
FROM unit_ancestry a
JOIN units u ON u.unit_key = a.unit_key
LEFT JOIN scoring s ON s.unit_key = u.unit_key
LEFT JOIN population_counts p ON p.unit_key = u.unit_key AND p.dataset_id = $population_id
WHERE a.ancestor_key = $area_key
  AND u.level = 'commune'
  AND (u.valid_from IS NULL OR u.valid_from <= $as_of)
  AND (u.valid_to IS NULL OR $as_of <= u.valid_to)
ORDER BY u.sort_order
