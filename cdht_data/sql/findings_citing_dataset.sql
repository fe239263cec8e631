-- The findings that concern one dataset: stored with it, or naming one of its cells (a
-- comparison with another table, or a later period compared with it).
-- $dataset_id: the dataset
SELECT finding_id FROM findings WHERE dataset_id = $dataset_id
UNION
SELECT finding_id FROM finding_cells WHERE dataset_id = $dataset_id
