-- Unit, band and population counts of dataset $dataset_id for each unit of the list $keys,
-- from the roll-ups filled at import time (a unit the table does not hold has no row).
SELECT dataset_id, area_key,
       unit_registered_count, unit_recognized_count, party_member_count,
       "band_70-79_count", "band_80-89_count", "band_90-100_count", band_below_count,
       population_count, under_7_count, age_8_60_count, over_60_count, age_8_60_unable_count,
       population_registered_count
FROM area_rollups
WHERE dataset_id = $dataset_id AND list_contains($keys, area_key)
