-- The deadlines set for period $as_of, per area (NULL: every area).
SELECT area_key, due
FROM deadlines
WHERE as_of = $as_of
