-- The table of one kind an area already has for a period (at most one: unique per kind, date
-- and area).
-- $kind, $as_of, $area_key
SELECT dataset_id FROM datasets WHERE kind = $kind AND as_of = $as_of AND area_key = $area_key
