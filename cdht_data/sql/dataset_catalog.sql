-- Every imported table with its provenance, newest period first, for the definitions page.
SELECT d.dataset_id, d.kind, d.as_of, u.name AS area_name, d.ruleset_id, d.source_file,
       d.title, d.document, d.document_date, d.issuer, d.note, d.is_synthetic
FROM datasets d
JOIN units u ON u.unit_key = d.area_key
ORDER BY d.as_of DESC, d.dataset_id
