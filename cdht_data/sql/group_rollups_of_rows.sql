-- Group counts of dataset $dataset_id (and $other_id) for the rows a page shows, one row per unit and group,
-- from the roll-ups filled at import time: each child of $area_key (or the area itself when
-- $is_leaf), or, when $keys is a list, each unit it names (see area_rollups_of_rows.sql).
SELECT area_key, group_no, registered_count, recognized_count, not_recognized_count
FROM group_rollups
WHERE dataset_id IN ($dataset_id, $other_id)  -- $other_id: a second table, or NULL
  -- a CASE rather than OR: DuckDB folds it on the parameters and filters one column
  AND CASE WHEN $keys IS NOT NULL THEN list_contains($keys, area_key)
           WHEN $is_leaf THEN area_key = $area_key
           ELSE parent_key = $area_key END
