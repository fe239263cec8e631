-- Every import, replacement and hand entry, and what undoing one needs. Created by init_db
-- and by the upgrade step that added them (store.UPGRADES), hence IF NOT EXISTS.
CREATE SEQUENCE IF NOT EXISTS history_id_seq START 1;

CREATE TABLE IF NOT EXISTS history (
    history_id          INTEGER PRIMARY KEY,
    action              VARCHAR NOT NULL,   -- import | replace | entry (history.ACTIONS)
    kind                VARCHAR NOT NULL,   -- the table's kind (keys.KINDS)
    as_of               DATE NOT NULL,
    area_key            VARCHAR NOT NULL,
    file_name           VARCHAR,            -- NULL for a hand entry
    sha256              VARCHAR,            -- of the file's bytes, hex
    row_count           INTEGER NOT NULL,
    user_name           VARCHAR,            -- the account; NULL: build, or the CLI without --user
    recorded_at         TIMESTAMP NOT NULL, -- UTC
    dataset_id          INTEGER NOT NULL,   -- the table it added
    replaced_dataset_id INTEGER,            -- the table it took the place of (kept, below)
    undone_at           TIMESTAMP,          -- UTC; NULL while it stands
    undone_by           VARCHAR
);

-- The datasets row of each table a replacement took the place of, as it was, plus the table
-- that replaced it. Its rows (counts, roll-ups, columns, printed values) stay in their tables
-- under its dataset_id: every read lists tables from `datasets`, so it is out of sight, and
-- undoing the replacement moves this row back. Same columns as `datasets`, then replaced_by.
CREATE TABLE IF NOT EXISTS replaced_datasets AS
    SELECT *, NULL::INTEGER AS replaced_by FROM datasets LIMIT 0;
