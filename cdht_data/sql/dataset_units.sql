-- The units the rows of dataset $dataset_id name, each with the first source row naming it
-- (NULL for individual records, which have no printed rows).
SELECT unit_key, min(source_row) AS source_row
FROM (SELECT unit_key, source_row FROM group_counts WHERE dataset_id = $dataset_id
      UNION ALL
      SELECT unit_key, source_row FROM population_counts WHERE dataset_id = $dataset_id
      UNION ALL
      SELECT unit_key, source_row FROM unit_counts WHERE dataset_id = $dataset_id
      UNION ALL
      SELECT unit_key, source_row FROM band_counts WHERE dataset_id = $dataset_id)
GROUP BY unit_key
ORDER BY source_row NULLS LAST, unit_key
