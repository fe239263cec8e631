-- Centre and area of each unit, for the bubble map. Parameters: $unit_keys (list).
SELECT unit_key, lat, lon, area_km2
FROM units
WHERE list_contains($unit_keys, unit_key)
