-- The canonical store. Counts are nullable: a blank printed cell stays NULL (missing), never 0.
-- Every fact table carries dataset_id (one imported table for one period and area) and the
-- source row it came from, so each figure can be traced back to a cell.

CREATE TABLE units (
    unit_key         VARCHAR PRIMARY KEY,  -- code, or code@2025 for the structure since 1/7/2025
    code             VARCHAR NOT NULL,     -- statistics-office code, or a project-local L- code
    is_official_code BOOLEAN NOT NULL,
    name             VARCHAR NOT NULL,     -- display name as the registry has it (NFC)
    name_key         VARCHAR NOT NULL,
    level            VARCHAR NOT NULL,     -- province | district | commune | subunit
    parent_key       VARCHAR,
    structure        VARCHAR NOT NULL,     -- pre2025 | post2025
    valid_from       DATE,
    valid_to         DATE,
    lat              DOUBLE,
    lon              DOUBLE,
    area_km2         DOUBLE,
    note             VARCHAR,
    sort_order       INTEGER NOT NULL
);

CREATE TABLE unit_aliases (
    unit_key  VARCHAR NOT NULL,
    alias     VARCHAR NOT NULL,
    alias_key VARCHAR NOT NULL
);

-- Every unit with each of its ancestors and itself (depth 0): roll-ups without recursion.
CREATE TABLE unit_ancestry (
    unit_key     VARCHAR NOT NULL,
    ancestor_key VARCHAR NOT NULL,
    depth        INTEGER NOT NULL,
    PRIMARY KEY (unit_key, ancestor_key)
);

CREATE TABLE unit_merges (
    old_key        VARCHAR NOT NULL,
    new_key        VARCHAR NOT NULL,
    effective_date DATE NOT NULL,
    is_partial     BOOLEAN NOT NULL,  -- the new unit also takes in units we hold no data for
    note           VARCHAR
);

CREATE TABLE rulesets (
    ruleset_id      VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    decision        VARCHAR,
    valid_from      DATE NOT NULL,
    valid_to        DATE,
    pass_mark       INTEGER NOT NULL,
    indicator_floor INTEGER
);

CREATE TABLE ruleset_groups (
    ruleset_id VARCHAR NOT NULL,
    group_no   INTEGER NOT NULL,
    group_name VARCHAR NOT NULL,
    short_name VARCHAR NOT NULL,
    PRIMARY KEY (ruleset_id, group_no)
);

CREATE TABLE ruleset_overrides (
    ruleset_id VARCHAR NOT NULL,
    area_key   VARCHAR NOT NULL,
    pass_mark  INTEGER NOT NULL,
    note       VARCHAR
);

CREATE SEQUENCE dataset_id_seq START 1;

CREATE TABLE datasets (
    dataset_id              INTEGER PRIMARY KEY,
    kind                    VARCHAR NOT NULL,  -- keys.TABLE_KINDS: scoring | population | ...
    as_of                   DATE NOT NULL,
    area_key                VARCHAR NOT NULL,
    ruleset_id              VARCHAR,
    layout                  VARCHAR,
    source_file             VARCHAR,
    title                   VARCHAR,
    document                VARCHAR,
    document_date           DATE,
    issuer                  VARCHAR,
    note                    VARCHAR,
    all_registered_assessed BOOLEAN NOT NULL DEFAULT false,
    is_synthetic            BOOLEAN NOT NULL DEFAULT false,
    imported_at             TIMESTAMP NOT NULL,
    UNIQUE (kind, as_of, area_key)
);

-- Columns of each imported table as printed: header text and printed column number ("1=2+3+4+5").
CREATE TABLE dataset_columns (
    dataset_id   INTEGER NOT NULL,
    column_key   VARCHAR NOT NULL,
    header_text  VARCHAR NOT NULL,
    column_letter VARCHAR NOT NULL,
    number_label VARCHAR
);

-- Per unit and citizen group: people registered, recognised (Đạt), not recognised (Chưa đạt).
CREATE TABLE group_counts (
    dataset_id           INTEGER NOT NULL,
    unit_key             VARCHAR NOT NULL,
    group_no             INTEGER NOT NULL,
    registered_count     INTEGER,
    recognized_count     INTEGER,
    not_recognized_count INTEGER,
    source_row           INTEGER,
    PRIMARY KEY (dataset_id, unit_key, group_no)
);

-- Per unit figures that are not split by group (the pilot table's own columns).
CREATE TABLE unit_counts (
    dataset_id         INTEGER NOT NULL,
    unit_key           VARCHAR NOT NULL,
    registered_count   INTEGER,
    recognized_count   INTEGER,
    party_member_count INTEGER,
    source_row         INTEGER,
    PRIMARY KEY (dataset_id, unit_key)
);

CREATE TABLE population_counts (
    dataset_id            INTEGER NOT NULL,
    unit_key              VARCHAR NOT NULL,
    population_count      INTEGER,
    under_7_count         INTEGER,
    age_8_60_count        INTEGER,
    over_60_count         INTEGER,
    age_8_60_unable_count INTEGER,
    registered_count      INTEGER,
    source_row            INTEGER,
    PRIMARY KEY (dataset_id, unit_key)
);

-- People recognised per score band (70-79, 80-89, 90-100) and not recognised ('below'),
-- from a printed band table or aggregated from individual records at import time.
-- group_no 0 = all groups together (band tables that do not split by group).
CREATE TABLE band_counts (
    dataset_id   INTEGER NOT NULL,
    unit_key     VARCHAR NOT NULL,
    group_no     INTEGER NOT NULL,
    band         VARCHAR NOT NULL,
    person_count INTEGER,
    source_row   INTEGER,
    PRIMARY KEY (dataset_id, unit_key, group_no, band)
);

-- Figures the source derived itself (totals rows and columns, printed rates), kept as printed
-- so the quality layer can compare them with what the rows add up to.
CREATE TABLE printed_values (
    dataset_id   INTEGER NOT NULL,
    source_row   INTEGER NOT NULL,
    column_key   VARCHAR NOT NULL,
    unit_key     VARCHAR,              -- NULL on a totals row
    row_label    VARCHAR NOT NULL,
    is_total_row BOOLEAN NOT NULL,
    printed_text VARCHAR NOT NULL,
    value        DECIMAL(18, 4)
);

-- Individual assessments: one row per person per assessment year, no names or ID numbers.
-- Kept sorted by unit on insert so a commune's drill-down reads few row groups.
CREATE TABLE assessment_records (
    dataset_id    INTEGER NOT NULL,
    unit_key      VARCHAR NOT NULL,
    group_no      TINYINT NOT NULL,
    total_score   DECIMAL(6, 3),  -- exact to 3 decimals (records.SCORE_TYPES): 79.995 < 80
    is_recognized BOOLEAN,
    ind_1 DECIMAL(5, 3), ind_2 DECIMAL(5, 3), ind_3 DECIMAL(5, 3), ind_4 DECIMAL(5, 3),
    ind_5 DECIMAL(5, 3), ind_6 DECIMAL(5, 3), ind_7 DECIMAL(5, 3), ind_8 DECIMAL(5, 3),
    ind_9 DECIMAL(5, 3), ind_10 DECIMAL(5, 3)
);

-- Beside this file: rollup_tables.sql (counts summed per unit and ancestor),
-- deadlines_table.sql (when each period's tables are due), group_sizes_table.sql (people per
-- citizen group and unit) and quality_check_rollups_table.sql (the quality checks summed per
-- area), which upgrades also create.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- What the data-quality rules found, recomputed after every import and build.
CREATE SEQUENCE finding_id_seq START 1;

CREATE TABLE findings (
    dataset_id     INTEGER NOT NULL,
    as_of          DATE NOT NULL,
    area_code      VARCHAR NOT NULL,
    rule           VARCHAR NOT NULL,
    severity       VARCHAR NOT NULL,  -- error | warning | information
    unit           VARCHAR,
    unit_code      VARCHAR,
    expected       DOUBLE,            -- the value the printed one is compared with
    actual         DOUBLE,            -- the printed value
    message        VARCHAR NOT NULL,
    cells          VARCHAR[],         -- source cells, spreadsheet style (E21)
    finding_id     INTEGER NOT NULL,
    unit_key       VARCHAR,           -- NULL: the totals row or the whole table
    expected_label VARCHAR,           -- what `expected` is: "cộng các xã", "bảng dân số"
    metrics        VARCHAR[],         -- dashboard figures it touches (metrics.area_figures columns)
    whole_column   BOOLEAN            -- every cell it names is a whole column (no source row)
);

-- The cells each finding names, with their labels and values, for showing them side by side.
CREATE TABLE finding_cells (
    finding_id    INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    role          VARCHAR NOT NULL,   -- printed (the figure checked) | part (used to recompute) | other
    dataset_id    INTEGER NOT NULL,
    source_row    INTEGER,            -- NULL: the whole column
    row_label     VARCHAR,
    unit_key      VARCHAR,
    column_key    VARCHAR NOT NULL,
    column_header VARCHAR,
    column_number VARCHAR,
    cell          VARCHAR,
    value         DOUBLE,
    printed_text  VARCHAR,
    context       VARCHAR             -- the printed words around a figure quoted from report text
);

-- How many comparisons each rule made per dataset and unit, passed or not: the quality score's
-- denominator.
CREATE TABLE quality_checks (
    dataset_id  INTEGER NOT NULL,
    as_of       DATE NOT NULL,
    rule        VARCHAR NOT NULL,
    unit_key    VARCHAR,              -- NULL: the totals row or the whole table
    severity    VARCHAR NOT NULL,
    passed      BOOLEAN NOT NULL,
    check_count INTEGER NOT NULL
);

-- Figures a report states in its text rather than its tables, transcribed as printed (kind
-- "text"); the quality layer compares them with the tables of the same report.
CREATE TABLE text_figures (
    dataset_id   INTEGER NOT NULL,
    source_row   INTEGER NOT NULL,
    place        VARCHAR NOT NULL,   -- where in the text: section and paragraph
    quote        VARCHAR NOT NULL,   -- the printed words around the figure
    unit_key     VARCHAR,            -- NULL: the whole area of the report
    measure      VARCHAR NOT NULL,   -- registered | recognized | assessed | party_members | ...
    group_no     INTEGER,            -- NULL: all groups
    part         VARCHAR,            -- a named part of a figure the text splits up
    printed_text VARCHAR NOT NULL,
    value        DECIMAL(18, 4) NOT NULL
);
