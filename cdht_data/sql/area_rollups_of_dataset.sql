-- Unit, band and population counts of dataset $dataset_id summed per unit and ancestor (see
-- rollup_tables.sql). Band tables split by group (records) and unsplit ones (group_no 0) are
-- never both present, so bands add over every group.
INSERT INTO area_rollups
WITH unit_sums AS (
    SELECT a.ancestor_key AS area_key,
           sum(c.registered_count) AS unit_registered_count,
           sum(c.recognized_count) AS unit_recognized_count,
           sum(c.party_member_count) AS party_member_count
    FROM unit_counts c
    JOIN unit_ancestry a ON a.unit_key = c.unit_key
    WHERE c.dataset_id = $dataset_id
    GROUP BY ALL
),
bands AS (
    SELECT a.ancestor_key AS area_key,
           sum(b.person_count) FILTER (WHERE b.band = '70-79') AS "band_70-79_count",
           sum(b.person_count) FILTER (WHERE b.band = '80-89') AS "band_80-89_count",
           sum(b.person_count) FILTER (WHERE b.band = '90-100') AS "band_90-100_count",
           sum(b.person_count) FILTER (WHERE b.band = 'below') AS band_below_count
    FROM band_counts b
    JOIN unit_ancestry a ON a.unit_key = b.unit_key
    WHERE b.dataset_id = $dataset_id
    GROUP BY ALL
),
population AS (
    SELECT a.ancestor_key AS area_key,
           sum(p.population_count) AS population_count,
           sum(p.under_7_count) AS under_7_count,
           sum(p.age_8_60_count) AS age_8_60_count,
           sum(p.over_60_count) AS over_60_count,
           sum(p.age_8_60_unable_count) AS age_8_60_unable_count,
           sum(p.registered_count) AS population_registered_count
    FROM population_counts p
    JOIN unit_ancestry a ON a.unit_key = p.unit_key
    WHERE p.dataset_id = $dataset_id
    GROUP BY ALL
)
SELECT $dataset_id, u.parent_key, k.area_key,
       unit_sums.* EXCLUDE (area_key), bands.* EXCLUDE (area_key), population.* EXCLUDE (area_key)
FROM (SELECT area_key FROM unit_sums UNION SELECT area_key FROM bands
      UNION SELECT area_key FROM population) k
JOIN units u ON u.unit_key = k.area_key
LEFT JOIN unit_sums USING (area_key)
LEFT JOIN bands USING (area_key)
LEFT JOIN population USING (area_key)
ORDER BY u.parent_key, k.area_key
