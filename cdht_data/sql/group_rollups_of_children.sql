-- Group counts of dataset $scoring_id for each child of $area_key (or the area itself when
-- $is_leaf), one row per child and group, from the roll-ups filled at import time.
SELECT area_key, group_no, registered_count, recognized_count, not_recognized_count
FROM group_rollups
WHERE dataset_id = $scoring_id
  -- a CASE rather than OR: DuckDB folds it on the parameter and filters one column
  AND CASE WHEN $is_leaf THEN area_key = $area_key ELSE parent_key = $area_key END
