-- Pulse: interactions (metadata only, never text), weekly snapshots (aggregates, once per
-- week, with a claim so two nodes never compute the same week), the latest pairing priorities,
-- the people who left pulse and the organisation-wide switch. Times are unix milliseconds,
-- weeks are the ISO date of their Monday.

CREATE TABLE pulse_interactions (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    -- What it came from, e.g. "reply:42"; recording the same source again changes nothing.
    source    TEXT    NOT NULL UNIQUE,
    at        BIGINT  NOT NULL,
    person_a  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    person_b  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL CHECK (kind IN ('reply', 'mention', 'voice', 'pairing_met', 'chat')),
    weight    DOUBLE PRECISION NOT NULL CHECK (weight > 0),
    CHECK (person_a <> person_b)
);

CREATE INDEX pulse_interactions_at ON pulse_interactions (at);
CREATE INDEX pulse_interactions_a ON pulse_interactions (person_a);
CREATE INDEX pulse_interactions_b ON pulse_interactions (person_b);

CREATE TABLE pulse_snapshots (
    week        TEXT   PRIMARY KEY,
    computed_at BIGINT NOT NULL,
    -- The engine's privacy-suppressed snapshot as JSON.
    snapshot    TEXT   NOT NULL
);

CREATE TABLE pulse_snapshot_claims (
    week       TEXT   PRIMARY KEY,
    node       TEXT   NOT NULL,
    claimed_at BIGINT NOT NULL
);

CREATE TABLE pulse_priority_people (
    person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    weight    DOUBLE PRECISION NOT NULL
);

CREATE TABLE pulse_priority_team_pairs (
    team_a INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    team_b INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    weight DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (team_a, team_b)
);

CREATE TABLE pulse_leavers (
    person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE
);

CREATE TABLE pulse_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    enabled         BOOLEAN NOT NULL,
    -- The week the stored pairing priorities came from.
    priorities_week TEXT
);

INSERT INTO pulse_settings (id, enabled) VALUES (1, TRUE);
