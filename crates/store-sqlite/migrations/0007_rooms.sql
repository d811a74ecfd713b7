-- Rooms, their invited members, messages with the sequenced event log of each room, reactions
-- and the status people choose. Times are unix milliseconds.
--
-- Every event of a room takes the room's next sequence number (`rooms.last_seq + 1`) inside
-- the transaction that writes it, so numbers are dense and never reused.
-- A team room belongs to exactly one team; when the team is deleted the store turns the room
-- into a private room first (its invited members stay), so `team_id` never dangles.
-- Deleting a person keeps their messages' places: the store marks them deleted and scrubs
-- their bodies; the foreign keys then clear the author and remove reactions, status and
-- memberships.
CREATE TABLE rooms (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    topic        TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('open', 'team', 'private')),
    team_id      INTEGER REFERENCES teams (id),
    overhearable INTEGER NOT NULL CHECK (overhearable IN (0, 1)),
    created_by   INTEGER REFERENCES people (id) ON DELETE SET NULL,
    created_at   BIGINT  NOT NULL,
    last_seq     BIGINT  NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    CHECK ((kind = 'team') = (team_id IS NOT NULL))
);

CREATE UNIQUE INDEX rooms_name_lower ON rooms (lower(name));
CREATE INDEX rooms_team ON rooms (team_id);

-- People invited into a room (team-room guests, private-room members).
CREATE TABLE room_members (
    room_id   INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (room_id, person_id)
);

CREATE INDEX room_members_person ON room_members (person_id);

-- Messages in their current state. `seq` is the number of the event that posted it.
CREATE TABLE messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    seq        BIGINT  NOT NULL,
    author_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    client_id  TEXT,
    body       TEXT    NOT NULL,
    reply_to   INTEGER REFERENCES messages (id) ON DELETE SET NULL,
    created_at BIGINT  NOT NULL,
    edited_at  BIGINT,
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    UNIQUE (room_id, seq),
    UNIQUE (author_id, client_id)
);

-- The sequenced log. `person_id` is the author for posts, edits and deletes and the reacting
-- person for reactions; `body` is set for posts and edits (empty once the message is deleted).
CREATE TABLE room_events (
    room_id    INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    seq        BIGINT  NOT NULL,
    at         BIGINT  NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('posted', 'edited', 'deleted', 'reacted')),
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    body       TEXT,
    emoji      TEXT,
    on_flag    INTEGER CHECK (on_flag IN (0, 1)),
    PRIMARY KEY (room_id, seq)
);

CREATE INDEX room_events_message ON room_events (message_id);
CREATE INDEX room_events_person ON room_events (person_id);

-- Reactions as they stand; `seq` is the event that added one, for first-reaction order.
CREATE TABLE reactions (
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    emoji      TEXT    NOT NULL,
    seq        BIGINT  NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (message_id, person_id, emoji)
);

CREATE INDEX reactions_person ON reactions (person_id);

CREATE TABLE statuses (
    person_id    INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    availability TEXT    NOT NULL
        CHECK (availability IN ('open_to_chat', 'focusing', 'away', 'do_not_disturb')),
    until        BIGINT,
    working_on   TEXT    NOT NULL,
    updated_at   BIGINT  NOT NULL
);
