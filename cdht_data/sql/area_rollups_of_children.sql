-- Unit, band and population counts of the scoring and population datasets for each child of
-- $area_key (or the area itself when $is_leaf), from the roll-ups filled at import time.
-- Parameters: $area_key, $is_leaf, $scoring_id, $population_id (either may be NULL).
SELECT dataset_id, area_key,
       unit_registered_count, unit_recognized_count, party_member_count,
       "band_70-79_count", "band_80-89_count", "band_90-100_count", band_below_count,
       population_count, under_7_count, age_8_60_count, over_60_count, age_8_60_unable_count,
       population_registered_count
FROM area_rollups
WHERE dataset_id IN ($scoring_id, $population_id)
  -- a CASE rather than OR: DuckDB folds it on the parameter and filters one column
  AND CASE WHEN $is_leaf THEN area_key = $area_key ELSE parent_key = $area_key END
