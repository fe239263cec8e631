-- Unit, band and population counts of dataset $dataset_id (and $other_id) for the rows a page shows, from the
-- roll-ups filled at import time: each child of $area_key (or the area itself when $is_leaf),
-- or, when $keys is a list, each unit it names (the parts of rows in the other structure; a
-- unit the table does not hold has no row).
SELECT dataset_id, area_key,
       unit_registered_count, unit_recognized_count, party_member_count,
       "band_70-79_count", "band_80-89_count", "band_90-100_count", band_below_count,
       population_count, under_7_count, age_8_60_count, over_60_count, age_8_60_unable_count,
       population_registered_count
FROM area_rollups
WHERE dataset_id IN ($dataset_id, $other_id)  -- $other_id: a second table, or NULL
  -- a CASE rather than OR: DuckDB folds it on the parameters and filters one column
  AND CASE WHEN $keys IS NOT NULL THEN list_contains($keys, area_key)
           WHEN $is_leaf THEN area_key = $area_key
           ELSE parent_key = $area_key END
