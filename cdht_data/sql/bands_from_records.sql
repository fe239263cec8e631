-- Score bands computed from individual records of one dataset, per unit and group: the recognised
-- by their total score (70-79, 80-89, 90-100), everyone not recognised as 'below'.
SELECT unit_key,
       group_no,
       CASE WHEN NOT is_recognized THEN 'below'
            WHEN total_score >= 90 THEN '90-100'
            WHEN total_score >= 80 THEN '80-89'
            WHEN total_score >= 70 THEN '70-79'
            ELSE 'below' END AS band,
       count(*) AS person_count
FROM assessment_records
WHERE dataset_id = $dataset_id
  AND is_recognized IS NOT NULL
GROUP BY ALL
ORDER BY unit_key, group_no, band
