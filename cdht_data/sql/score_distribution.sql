-- People per whole point of total score in one unit of one records dataset (a commune's
-- drill-down). Reads only that unit's rows: records are stored sorted by unit, so DuckDB's
-- row-group statistics skip the rest.
SELECT floor(total_score)::INTEGER AS score,
       count(*) AS person_count,
       count_if(is_recognized) AS recognized_count
FROM assessment_records
WHERE dataset_id = $dataset_id
  AND unit_key = $unit_key
GROUP BY ALL
ORDER BY score
