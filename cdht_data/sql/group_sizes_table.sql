-- How many people each citizen group has per unit (kind "group-sizes"): the base of a group's
-- own target. size_count NULL: the cell was blank (unknown), never 0. Upgrades create it too.
CREATE TABLE IF NOT EXISTS group_sizes (
    dataset_id INTEGER NOT NULL,
    unit_key   VARCHAR NOT NULL,
    group_no   INTEGER NOT NULL,
    size_count INTEGER,
    source_row INTEGER,
    PRIMARY KEY (dataset_id, unit_key, group_no)
);
