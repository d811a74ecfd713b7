-- People: accounts with their profile. Times are unix milliseconds.
CREATE TABLE people (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'guest')),
    password_hash TEXT,
    active        INTEGER NOT NULL CHECK (active IN (0, 1)),
    display_name  TEXT    NOT NULL,
    pronouns      TEXT,
    time_zone     TEXT    NOT NULL,
    working_hours TEXT    NOT NULL,
    bio           TEXT    NOT NULL,
    joined_at     BIGINT  NOT NULL
);

CREATE INDEX people_display_name ON people (display_name);

-- "Ask me about" tags, in the order the person gave them.
CREATE TABLE person_tags (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    tag       TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (person_id, tag)
);

CREATE INDEX person_tags_tag ON person_tags (tag);
