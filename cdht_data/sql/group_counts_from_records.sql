-- Đạt / Chưa đạt per unit and group of one records dataset, aggregated once at import time so
-- pages read these few rows instead of the records. Registration is not in the records.
INSERT INTO group_counts
SELECT dataset_id,
       unit_key,
       group_no,
       NULL AS registered_count,
       count_if(is_recognized) AS recognized_count,
       count_if(NOT is_recognized) AS not_recognized_count,
       NULL AS source_row
FROM assessment_records
WHERE dataset_id = $dataset_id
GROUP BY ALL
