-- Every count of a dataset summed for each unit and each of its ancestors, filled at import time
-- (rollups_of_dataset), so an area's rows and totals are indexed look-ups, never roll-ups over
-- every unit of the country per page view. Sums of the source tables, with NULL where every
-- summed cell was blank, as a roll-up over the units would add them. parent_key is the unit's
-- parent, so a page finds an area's child rows by (dataset_id, parent_key); rows are inserted
-- in that order so the scan skips the rest.
CREATE TABLE IF NOT EXISTS group_rollups (
    dataset_id           INTEGER NOT NULL,
    parent_key           VARCHAR,
    area_key             VARCHAR NOT NULL,
    group_no             INTEGER NOT NULL,
    registered_count     BIGINT,
    recognized_count     BIGINT,
    not_recognized_count BIGINT,
    PRIMARY KEY (dataset_id, area_key, group_no)
);

CREATE TABLE IF NOT EXISTS area_rollups (
    dataset_id                  INTEGER NOT NULL,
    parent_key                  VARCHAR,
    area_key                    VARCHAR NOT NULL,
    unit_registered_count       BIGINT,
    unit_recognized_count       BIGINT,
    party_member_count          BIGINT,
    "band_70-79_count"          BIGINT,
    "band_80-89_count"          BIGINT,
    "band_90-100_count"         BIGINT,
    band_below_count            BIGINT,
    population_count            BIGINT,
    under_7_count               BIGINT,
    age_8_60_count              BIGINT,
    over_60_count               BIGINT,
    age_8_60_unable_count       BIGINT,
    population_registered_count BIGINT,
    PRIMARY KEY (dataset_id, area_key)
);
