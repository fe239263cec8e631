-- Every count the pages show, per child of $area_key (or the area itself when $is_leaf), read
-- from the roll-ups filled at import time (rollup_tables.sql): group counts of the scoring
-- dataset with one column per group and count, the pilot's unit counts, score bands, and the
-- population table. Parameters: $area_key, $is_leaf, $scoring_id, $population_id (either may be
-- NULL). The group columns are filled from the group numbers (integers of the rule set and the
-- data), one sum per group and count over that group's single roll-up row.
WITH targets AS (
    SELECT unit_key
    FROM units
    WHERE parent_key = $area_key
       OR ($is_leaf AND unit_key = $area_key)
),
groups AS (
    SELECT area_key AS unit_key{group_columns}
    FROM group_rollups
    WHERE dataset_id = $scoring_id
      AND area_key IN (SELECT unit_key FROM targets)
    GROUP BY area_key
)
SELECT k.unit_key, groups.* EXCLUDE (unit_key),
       s.unit_registered_count, s.unit_recognized_count, s.party_member_count,
       s."band_70-79_count", s."band_80-89_count", s."band_90-100_count", s.band_below_count,
       p.population_count, p.under_7_count, p.age_8_60_count, p.over_60_count,
       p.age_8_60_unable_count, p.population_registered_count
FROM targets k
LEFT JOIN groups USING (unit_key)
LEFT JOIN area_rollups s ON s.area_key = k.unit_key AND s.dataset_id = $scoring_id
LEFT JOIN area_rollups p ON p.area_key = k.unit_key AND p.dataset_id = $population_id
