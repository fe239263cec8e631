-- Every period a deadline is set for, newest first.
SELECT DISTINCT as_of
FROM deadlines
ORDER BY as_of DESC
