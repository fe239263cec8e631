-- Group counts of dataset $dataset_id for each unit of the list $keys, one row per unit and
-- group, from the roll-ups filled at import time (a unit the table does not hold has no row).
SELECT area_key, group_no, registered_count, recognized_count, not_recognized_count
FROM group_rollups
WHERE dataset_id = $dataset_id AND list_contains($keys, area_key)
