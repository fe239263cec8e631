-- The headers of one dataset's columns as the file printed them, by column key.
-- $dataset_id: the dataset
SELECT column_key, header_text FROM dataset_columns WHERE dataset_id = $dataset_id
