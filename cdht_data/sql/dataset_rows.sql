-- Every dataset of the store, one row each (a few hundred at most): metrics filters them by area
-- with the cached unit registry instead of scanning unit_ancestry on every page view.
SELECT d.kind, d.dataset_id, d.as_of, d.area_key, d.ruleset_id, d.source_file, d.title,
       d.document, d.document_date, d.issuer, d.note, d.is_synthetic, d.all_registered_assessed
FROM datasets d
