-- The been-there finder: "solved"/"learned" notes, the "don't suggest me" choice, the evidence
-- change log the indexer follows, and the import mapping. Times are unix milliseconds.
--
-- Room messages reach the indexer through each room's own sequence (`room_events`). Everything
-- else that adds or removes evidence without a room event — notes, profile tags, and what a
-- deleted person leaves behind — is written to `evidence_changes`, whose ids become visible in
-- order (SQLite has one writer at a time; PostgreSQL writers lock the table first). Entries
-- only name a record; the indexer reads its current state.

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT    NOT NULL CHECK (kind IN ('solved', 'learned')),
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    -- A JSON array of tags.
    tags       TEXT    NOT NULL,
    author_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    edited_at  BIGINT
);

CREATE INDEX notes_author ON notes (author_id);

-- People who asked not to be suggested by the finder (the default is to be suggestable).
CREATE TABLE suggestion_opt_outs (
    person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE
);

CREATE TABLE evidence_changes (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    kind   TEXT    NOT NULL CHECK (kind IN ('note', 'person', 'message')),
    ref_id BIGINT  NOT NULL
);

-- Tags that existed before this migration are evidence too.
INSERT INTO evidence_changes (kind, ref_id)
    SELECT 'person', id FROM people
    WHERE EXISTS (SELECT 1 FROM person_tags t WHERE t.person_id = people.id)
    ORDER BY id;

-- (source, kind, source id) -> Hallway id, so an import run twice adds nothing. `source`
-- names the exporting system, e.g. 'slack'. A deleted person's rows are removed with them;
-- their imported messages stay mapped (scrubbed), so a re-import does not bring them back.
CREATE TABLE import_map (
    source     TEXT   NOT NULL,
    kind       TEXT   NOT NULL CHECK (kind IN ('person', 'room', 'message')),
    source_id  TEXT   NOT NULL,
    hallway_id BIGINT NOT NULL,
    PRIMARY KEY (source, kind, source_id)
);

CREATE INDEX import_map_target ON import_map (kind, hallway_id);
