-- Who may write (viewing needs no account). Created by init_db and by the upgrade step that
-- added accounts (store.UPGRADES), hence IF NOT EXISTS. A password is never stored: only its
-- salted argon2id hash (accounts.py).
CREATE TABLE IF NOT EXISTS accounts (
    name          VARCHAR PRIMARY KEY,  -- as typed, NFC, no surrounding spaces
    role          VARCHAR NOT NULL,     -- nhap_lieu | quan_tri (keys.ROLES)
    unit_keys     VARCHAR[] NOT NULL,   -- the units whose tables it may write; empty: all
    password_hash VARCHAR NOT NULL,     -- argon2id with its own salt and parameters
    created_at    TIMESTAMP NOT NULL,   -- UTC
    disabled      BOOLEAN NOT NULL DEFAULT false
);
