-- The history, oldest first, with each row's area as users name it; $history_id: one row, or
-- NULL for all. An area the registry no longer holds shows its key.
SELECT h.history_id, h.action, h.kind, h.as_of, h.area_key,
       coalesce(u.code, h.area_key) AS area_code, coalesce(u.name, h.area_key) AS area_name,
       h.file_name, h.sha256, h.row_count, h.user_name, h.recorded_at, h.dataset_id,
       h.replaced_dataset_id, h.undone_at, h.undone_by
FROM history h
LEFT JOIN units u ON u.unit_key = h.area_key
WHERE $history_id::INTEGER IS NULL OR h.history_id = $history_id
ORDER BY h.history_id
