-- The cells named by some findings, with the table each lies in. Parameter: $finding_ids.
SELECT c.finding_id, c.position, c.role, c.dataset_id, d.kind,
       coalesce(d.title, d.source_file) AS table_title, c.source_row, c.row_label, c.unit_key,
       c.column_key, c.column_header, c.column_number, c.cell, c.value, c.printed_text, c.context
FROM finding_cells c
JOIN datasets d USING (dataset_id)
WHERE list_contains($finding_ids, c.finding_id)
ORDER BY c.finding_id, c.position
