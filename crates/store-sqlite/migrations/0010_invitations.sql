-- Invitations from pairing rounds: one per member of each group. Times are unix milliseconds.
-- A proposed other time is kept with its state; `met` is the member's answer to "did you meet?".
-- Deleting a person removes their invitations (their places in rounds go with them).
CREATE TABLE invitations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id       INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    group_id       INTEGER NOT NULL REFERENCES round_groups (id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    slot_start     BIGINT  NOT NULL,
    slot_end       BIGINT  NOT NULL,
    state          TEXT    NOT NULL
        CHECK (state IN ('pending', 'accepted', 'skipped', 'proposed_other_time')),
    proposed_start BIGINT,
    proposed_end   BIGINT,
    met            INTEGER CHECK (met IN (0, 1)),
    UNIQUE (group_id, person_id),
    CHECK ((state = 'proposed_other_time') = (proposed_start IS NOT NULL AND proposed_end IS NOT NULL))
);

CREATE INDEX invitations_person ON invitations (person_id);
CREATE INDEX invitations_round ON invitations (round_id);
