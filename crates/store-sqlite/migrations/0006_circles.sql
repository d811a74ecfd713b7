-- Circles: pairing rounds among people who opted in. Dates are 'YYYY-MM-DD' text, times are
-- unix milliseconds. Deleting a person removes their memberships, don't-pair lists and their
-- places in past rounds; the circles they created stay, unattributed.
CREATE TABLE circles (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    cadence       TEXT    NOT NULL CHECK (cadence IN ('weekly', 'every_two_weeks', 'monthly')),
    shape         TEXT    NOT NULL CHECK (shape IN ('pairs', 'small_groups')),
    cooldown_days BIGINT  NOT NULL CHECK (cooldown_days >= 0),
    created_by    INTEGER REFERENCES people (id) ON DELETE SET NULL
);

CREATE UNIQUE INDEX circles_name_lower ON circles (lower(name));

CREATE TABLE circle_members (
    circle_id           INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    person_id           INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    opted_in            INTEGER NOT NULL CHECK (opted_in IN (0, 1)),
    snoozed_until       TEXT,
    preferred_frequency TEXT CHECK (preferred_frequency IN ('weekly', 'every_two_weeks', 'monthly')),
    PRIMARY KEY (circle_id, person_id)
);

CREATE INDEX circle_members_person ON circle_members (person_id);

-- A member's confidential "don't pair me with" list in one circle.
CREATE TABLE circle_exclusions (
    circle_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    other_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (circle_id, person_id, other_id),
    FOREIGN KEY (circle_id, person_id)
        REFERENCES circle_members (circle_id, person_id) ON DELETE CASCADE
);

CREATE INDEX circle_exclusions_other ON circle_exclusions (other_id);

-- A round is stored once per circle and cycle.
CREATE TABLE rounds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    circle_id   INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    cycle_start TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    seed        BIGINT  NOT NULL,
    UNIQUE (circle_id, cycle_start)
);

CREATE TABLE round_groups (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id   INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    position   BIGINT  NOT NULL,
    slot_start BIGINT  NOT NULL,
    slot_end   BIGINT  NOT NULL,
    reasons    TEXT    NOT NULL
);

CREATE INDEX round_groups_round ON round_groups (round_id);

CREATE TABLE round_group_members (
    group_id  INTEGER NOT NULL REFERENCES round_groups (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position  BIGINT  NOT NULL,
    PRIMARY KEY (group_id, person_id)
);

CREATE INDEX round_group_members_person ON round_group_members (person_id);

CREATE TABLE round_unpaired (
    round_id  INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    reason    TEXT    NOT NULL,
    PRIMARY KEY (round_id, person_id)
);

CREATE INDEX round_unpaired_person ON round_unpaired (person_id);
