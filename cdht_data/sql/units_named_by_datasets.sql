-- Every unit a stored dataset names (a row's unit, a text figure's unit or the dataset's area),
-- with each of its ancestors: the units whose level, parent and dates a dataset's area, roll-ups
-- and findings rest on. Each with the first dataset naming it and how many do.
WITH named AS (
    SELECT dataset_id, unit_key FROM group_counts
    UNION SELECT dataset_id, unit_key FROM population_counts
    UNION SELECT dataset_id, unit_key FROM unit_counts
    UNION SELECT dataset_id, unit_key FROM band_counts
    UNION SELECT dataset_id, unit_key FROM text_figures WHERE unit_key IS NOT NULL
    UNION SELECT dataset_id, area_key FROM datasets
    -- a replaced table comes back when its replacement is undone: its units stay as they are
    UNION SELECT dataset_id, area_key FROM replaced_datasets
)
SELECT a.ancestor_key AS unit_key, min(n.dataset_id) AS dataset_id,
       count(DISTINCT n.dataset_id) AS dataset_count
FROM named n
JOIN unit_ancestry a ON a.unit_key = n.unit_key
GROUP BY a.ancestor_key
