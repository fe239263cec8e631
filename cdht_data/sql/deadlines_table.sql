-- When each period's tables are due (`deadline set`): the list of who has reported marks a unit
-- late when its table is still missing after the due date. area_key NULL: every area; a unit
-- takes the deadline of its nearest ancestor that has one, else that of every area.
CREATE TABLE IF NOT EXISTS deadlines (
    as_of    DATE NOT NULL,       -- the period
    area_key VARCHAR,             -- NULL: every area
    due      DATE NOT NULL,
    set_at   TIMESTAMP NOT NULL
);
