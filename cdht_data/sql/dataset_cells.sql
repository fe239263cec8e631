-- Every figure of one dataset as (source_row, column_key, value), unit rows and totals row alike,
-- so a quality rule can compare cells without knowing which table a figure was stored in.
WITH cells AS (
    SELECT source_row, unit_key, 'g' || group_no || '_recognized' AS column_key, recognized_count AS value
    FROM group_counts WHERE dataset_id = $dataset_id AND $kind = 'scoring'
    UNION ALL
    SELECT source_row, unit_key, 'g' || group_no || '_not_recognized', not_recognized_count
    FROM group_counts WHERE dataset_id = $dataset_id AND $kind = 'scoring'
    UNION ALL
    SELECT source_row, unit_key, 'g' || group_no || '_ratio:recognized', recognized_count
    FROM group_counts WHERE dataset_id = $dataset_id AND $kind = 'pilot'
    UNION ALL
    SELECT source_row, unit_key, 'g' || group_no || '_ratio:registered', registered_count
    FROM group_counts WHERE dataset_id = $dataset_id AND $kind = 'pilot'
    UNION ALL
    SELECT source_row, unit_key, unnest(['population_count', 'under_7_count', 'age_8_60_count',
                                         'over_60_count', 'age_8_60_unable_count', 'registered_count']),
           unnest([population_count, under_7_count, age_8_60_count, over_60_count,
                   age_8_60_unable_count, registered_count])
    FROM population_counts WHERE dataset_id = $dataset_id
    UNION ALL
    SELECT source_row, unit_key, unnest(['registered_count', 'recognized_count', 'party_member_count']),
           unnest([registered_count, recognized_count, party_member_count])
    FROM unit_counts WHERE dataset_id = $dataset_id
    UNION ALL
    SELECT source_row, unit_key, 'band_' || replace(band, '-', '_'), person_count
    FROM band_counts WHERE dataset_id = $dataset_id AND group_no = 0
    UNION ALL
    SELECT source_row, unit_key, 'g' || group_no || '_size', size_count
    FROM group_sizes WHERE dataset_id = $dataset_id
    UNION ALL
    SELECT source_row, unit_key, column_key, value
    FROM printed_values WHERE dataset_id = $dataset_id
)
SELECT c.source_row, c.unit_key, u.name AS unit_name, u.code AS unit_code,
       coalesce(r.row_label, u.name) AS row_label, coalesce(r.is_total_row, false) AS is_total_row,
       c.column_key, c.value::DOUBLE AS value, p.printed_text
FROM cells c
LEFT JOIN units u USING (unit_key)
LEFT JOIN (SELECT source_row, any_value(row_label) AS row_label, bool_or(is_total_row) AS is_total_row
           FROM printed_values WHERE dataset_id = $dataset_id GROUP BY source_row) r USING (source_row)
LEFT JOIN (SELECT source_row, column_key, any_value(printed_text) AS printed_text
           FROM printed_values WHERE dataset_id = $dataset_id GROUP BY ALL) p USING (source_row, column_key)
ORDER BY c.source_row, c.column_key
