-- Every count the pages show, per child of $area_key (a child with all below it), in one
-- query: group counts of the scoring dataset with one column per group and count, the pilot's
-- unit counts, score bands, and the population table. Parameters: $area_key, $is_leaf,
-- $scoring_id, $population_id (either may be NULL). The group columns are filled from the group
-- numbers (integers of the rule set and the data), one sum per group and count.
-- A pilot table that says every registered person was assessed gives Chưa đạt = registered - Đạt.
WITH targets AS (
    SELECT * FROM rollup_targets($area_key, $is_leaf)
),
gc AS (
    SELECT t.target_key AS unit_key,
           g.group_no,
           g.registered_count,
           g.recognized_count,
           coalesce(g.not_recognized_count,
                    CASE WHEN d.all_registered_assessed
                         THEN g.registered_count - g.recognized_count END) AS not_recognized_count
    FROM group_counts g
    JOIN datasets d ON d.dataset_id = g.dataset_id
    JOIN targets t ON t.unit_key = g.unit_key
    WHERE g.dataset_id = $scoring_id
),
groups AS (
    SELECT unit_key{group_columns}
    FROM gc
    GROUP BY unit_key
),
units AS (
    SELECT t.target_key AS unit_key,
           sum(c.registered_count) AS unit_registered_count,
           sum(c.recognized_count) AS unit_recognized_count,
           sum(c.party_member_count) AS party_member_count
    FROM unit_counts c
    JOIN targets t ON t.unit_key = c.unit_key
    WHERE c.dataset_id = $scoring_id
    GROUP BY ALL
),
-- Band tables split by group (records) and unsplit ones (group_no 0) are never both present.
bands AS (
    SELECT t.target_key AS unit_key,
           sum(b.person_count) FILTER (WHERE b.band = '70-79') AS "band_70-79_count",
           sum(b.person_count) FILTER (WHERE b.band = '80-89') AS "band_80-89_count",
           sum(b.person_count) FILTER (WHERE b.band = '90-100') AS "band_90-100_count",
           sum(b.person_count) FILTER (WHERE b.band = 'below') AS "band_below_count"
    FROM band_counts b
    JOIN targets t ON t.unit_key = b.unit_key
    WHERE b.dataset_id = $scoring_id
    GROUP BY ALL
),
population AS (
    SELECT t.target_key AS unit_key,
           sum(p.population_count) AS population_count,
           sum(p.under_7_count) AS under_7_count,
           sum(p.age_8_60_count) AS age_8_60_count,
           sum(p.over_60_count) AS over_60_count,
           sum(p.age_8_60_unable_count) AS age_8_60_unable_count,
           sum(p.registered_count) AS population_registered_count
    FROM population_counts p
    JOIN targets t ON t.unit_key = p.unit_key
    WHERE p.dataset_id = $population_id
    GROUP BY ALL
)
SELECT k.unit_key, groups.* EXCLUDE (unit_key), units.* EXCLUDE (unit_key),
       bands.* EXCLUDE (unit_key), population.* EXCLUDE (unit_key)
FROM (SELECT DISTINCT target_key AS unit_key FROM targets) k
LEFT JOIN groups USING (unit_key)
LEFT JOIN units USING (unit_key)
LEFT JOIN bands USING (unit_key)
LEFT JOIN population USING (unit_key)
